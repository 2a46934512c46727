// SPDX-License-Identifier: GPL-2.0
#include "../module/attrib.c"
#include "../module/cstab.h"
#include "oomtrace_kunit.h"

/*
 * A fabricated allocator family and the return addresses a probe would
 * unwind through: its own frames, the family members between the probed
 * function and its user, the driver, and the driver's callers.
 */
#define FAM_SKB		0xffffffff81a00000UL	/* __netdev_alloc_skb, 0x200 long */
#define FAM_NAPI	0xffffffff81a10000UL	/* napi_alloc_skb, 0x100 long */
#define PROBE_FN	0xffffffff81200000UL
#define DRIVER_FN	0xffffffffc0400000UL
#define STACK_FN	0xffffffff81c00000UL

static const struct ot_family family = {
	.r = {
		{ FAM_SKB, FAM_SKB + 0x200 },
		{ FAM_NAPI, FAM_NAPI + 0x100 },
	},
	.n = 2,
	.span = { FAM_SKB, FAM_NAPI + 0x100 },
};

static void family_contains_checks_half_open_ranges(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, ot_family_contains(&family, FAM_SKB));
	KUNIT_EXPECT_TRUE(test, ot_family_contains(&family, FAM_SKB + 0x1ff));
	KUNIT_EXPECT_FALSE(test, ot_family_contains(&family, FAM_SKB + 0x200));
	KUNIT_EXPECT_FALSE(test, ot_family_contains(&family, FAM_SKB - 1));
	KUNIT_EXPECT_TRUE(test, ot_family_contains(&family, FAM_NAPI + 0x80));
	KUNIT_EXPECT_FALSE(test, ot_family_contains(&family, FAM_NAPI + 0x100));
	KUNIT_EXPECT_FALSE(test, ot_family_contains(&family, DRIVER_FN));
}

static void family_seal_spans_all_ranges_and_index_finds_each(struct kunit *test)
{
	struct ot_family *f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, f);
	f->r[0] = family.r[1];	/* out of address order */
	f->r[1] = family.r[0];
	f->n = 2;
	ot_family_seal(f);
	KUNIT_EXPECT_EQ(test, f->span.start, FAM_SKB);
	KUNIT_EXPECT_EQ(test, f->span.end, FAM_NAPI + 0x100);
	KUNIT_EXPECT_EQ(test, ot_family_index(f, FAM_NAPI + 4), 0);
	KUNIT_EXPECT_EQ(test, ot_family_index(f, FAM_SKB + 4), 1);
	/* Inside the span, between the ranges. */
	KUNIT_EXPECT_EQ(test, ot_family_index(f, FAM_SKB + 0x200), -1);
	KUNIT_EXPECT_EQ(test, ot_family_index(f, DRIVER_FN), -1);
}

/* The family index a probe on @ip is given at attach. */
static int fam(unsigned long ip)
{
	return ot_family_index(&family, ip);
}

#define TASK_A ((const void *)0x1000)
#define TASK_B ((const void *)0x2000)
#define ENTRY_SP 0xffffc90000008000UL

/* __netdev_alloc_skb entered from the driver; __alloc_skb returns inside it. */
static void outer_entered_from_driver_vouches_for_allocation_inside(struct kunit *test)
{
	struct ot_outer o = {};

	ot_outer_enter(&o, &family, fam(FAM_SKB), DRIVER_FN + 0x54, ENTRY_SP, TASK_A);
	KUNIT_EXPECT_EQ(test, ot_outer_site(&o, 0, ENTRY_SP - 0x100, TASK_A),
			DRIVER_FN + 0x54);
}

static void outer_refuses_other_task_function_or_returned_frame(struct kunit *test)
{
	struct ot_outer o = {};

	ot_outer_enter(&o, &family, fam(FAM_SKB), DRIVER_FN + 0x54, ENTRY_SP, TASK_A);
	/* Preempted in between: another task's allocation on this CPU. */
	KUNIT_EXPECT_EQ(test, ot_outer_site(&o, 0, ENTRY_SP - 0x100, TASK_B), 0ul);
	/* The direct caller is another family function than the one entered. */
	KUNIT_EXPECT_EQ(test, ot_outer_site(&o, 1, ENTRY_SP - 0x100, TASK_A), 0ul);
	KUNIT_EXPECT_EQ(test, ot_outer_site(&o, -1, ENTRY_SP - 0x100, TASK_A), 0ul);
	/* The entered function's frame is gone (we are at or above it). */
	KUNIT_EXPECT_EQ(test, ot_outer_site(&o, 0, ENTRY_SP, TASK_A), 0ul);
	KUNIT_EXPECT_EQ(test, ot_outer_site(&o, 0, ENTRY_SP + 0x40, TASK_A), 0ul);
	/* Not on the same stack at all. */
	KUNIT_EXPECT_EQ(test, ot_outer_site(&o, 0, ENTRY_SP - THREAD_SIZE, TASK_A), 0ul);
}

/* sock_alloc_send_pskb -> alloc_skb_with_frags -> __alloc_skb. */
static void outer_nested_entry_inherits_the_outer_site(struct kunit *test)
{
	struct ot_outer o = {};

	ot_outer_enter(&o, &family, fam(FAM_SKB), DRIVER_FN + 0x54, ENTRY_SP, TASK_A);
	ot_outer_enter(&o, &family, fam(FAM_NAPI), FAM_SKB + 0x30, ENTRY_SP - 0x80, TASK_A);
	KUNIT_EXPECT_EQ(test, ot_outer_site(&o, 1, ENTRY_SP - 0x100, TASK_A),
			DRIVER_FN + 0x54);
	/* The record now names the inner function only. */
	KUNIT_EXPECT_EQ(test, ot_outer_site(&o, 0, ENTRY_SP - 0x100, TASK_A), 0ul);
}

static void outer_nested_entry_without_outer_record_knows_nothing(struct kunit *test)
{
	struct ot_outer o = {};

	/* The outer family function has no entry probe (or another task's). */
	ot_outer_enter(&o, &family, fam(FAM_SKB), DRIVER_FN + 0x54, ENTRY_SP, TASK_B);
	ot_outer_enter(&o, &family, fam(FAM_NAPI), FAM_SKB + 0x30, ENTRY_SP - 0x80, TASK_A);
	KUNIT_EXPECT_EQ(test, o.func, 0u);
	KUNIT_EXPECT_EQ(test, ot_outer_site(&o, 1, ENTRY_SP - 0x100, TASK_A), 0ul);
	/* A function outside the family records nothing either. */
	ot_outer_enter(&o, &family, fam(DRIVER_FN), STACK_FN, ENTRY_SP, TASK_A);
	KUNIT_EXPECT_EQ(test, o.func, 0u);
}

/*
 * The probe path: this CPU's record for this context is used when it
 * vouches, and the stack is unwound (and counted) when it does not.
 */
static void attrib_site_uses_entry_record_before_unwinding(struct kunit *test)
{
	unsigned long unwinds;

	ot_alloc_family = family;
	ot_attrib_reset();
	preempt_disable();
	/* A family frame just above this one on the stack. */
	ot_attrib_enter(fam(FAM_SKB), DRIVER_FN + 0x54, current_stack_pointer + 0x40);
	KUNIT_EXPECT_EQ(test, ot_attrib_site(FAM_SKB + 0x24), DRIVER_FN + 0x54);
	unwinds = ot_attrib_unwinds();
	/* Entered below us: that call has returned. */
	ot_attrib_enter(fam(FAM_SKB), DRIVER_FN + 0x54, current_stack_pointer - 0x400);
	KUNIT_EXPECT_EQ(test, ot_attrib_site(FAM_SKB + 0x24), FAM_SKB + 0x24);
	preempt_enable();
	KUNIT_EXPECT_EQ(test, unwinds, 0ul);
	KUNIT_EXPECT_EQ(test, ot_attrib_unwinds(), 1ul);
}

static void family_contains_when_empty_is_false(struct kunit *test)
{
	struct ot_family *none = kunit_kzalloc(test, sizeof(*none), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, none);
	/* Ranges past n are not part of the family. */
	none->r[0].start = FAM_SKB;
	none->r[0].end = FAM_SKB + 0x200;
	KUNIT_EXPECT_FALSE(test, ot_family_contains(none, FAM_SKB + 4));
}

/*
 * The probe's own frames come first and are not the family's: they must
 * be skipped by anchoring on the caller, not picked as the first
 * non-family frame.
 */
static void site_from_trace_picks_first_frame_outside_family(struct kunit *test)
{
	const unsigned long trace[] = {
		PROBE_FN + 0x10, PROBE_FN + 0x80, FAM_NAPI + 0x40,	/* probe */
		FAM_SKB + 0x24,		/* caller: __alloc_skb returned here */
		FAM_NAPI + 0x30,	/* napi_alloc_skb called __netdev_alloc_skb */
		DRIVER_FN + 0x5c,	/* the driver's rx poll */
		STACK_FN + 0x11, STACK_FN + 0x99,
	};
	unsigned int idx = 99;

	KUNIT_EXPECT_EQ(test, ot_site_from_trace(&family, FAM_SKB + 0x24, trace,
						 ARRAY_SIZE(trace), &idx),
			DRIVER_FN + 0x5c);
	KUNIT_EXPECT_EQ(test, idx, 5u);
}

static void site_from_trace_with_caller_outside_family_returns_caller(struct kunit *test)
{
	const unsigned long trace[] = {
		PROBE_FN + 0x10, FAM_SKB + 0x8, DRIVER_FN + 0x5c, STACK_FN + 0x11,
	};
	unsigned int idx = 99;

	KUNIT_EXPECT_EQ(test, ot_site_from_trace(&family, DRIVER_FN + 0x5c, trace,
						 ARRAY_SIZE(trace), &idx),
			DRIVER_FN + 0x5c);
	KUNIT_EXPECT_EQ(test, idx, 2u);
}

static void site_from_trace_without_caller_falls_back_to_caller(struct kunit *test)
{
	/* The unwinder lost the way: no frame is the caller. */
	const unsigned long trace[] = {
		PROBE_FN + 0x10, DRIVER_FN + 0x5c, STACK_FN + 0x11,
	};
	unsigned int idx = 99;

	KUNIT_EXPECT_EQ(test, ot_site_from_trace(&family, FAM_SKB + 0x24, trace,
						 ARRAY_SIZE(trace), &idx),
			FAM_SKB + 0x24);
	KUNIT_EXPECT_EQ(test, idx, (unsigned int)ARRAY_SIZE(trace));

	idx = 99;
	KUNIT_EXPECT_EQ(test, ot_site_from_trace(&family, FAM_SKB + 0x24, trace, 0, &idx),
			FAM_SKB + 0x24);
	KUNIT_EXPECT_EQ(test, idx, 0u);
}

static void site_from_trace_with_only_family_falls_back_to_caller(struct kunit *test)
{
	/* The trace was cut short inside the family. */
	const unsigned long trace[] = {
		PROBE_FN + 0x10, FAM_SKB + 0x24, FAM_NAPI + 0x30, FAM_SKB + 0x100,
	};
	unsigned int idx = 99;

	KUNIT_EXPECT_EQ(test, ot_site_from_trace(&family, FAM_SKB + 0x24, trace,
						 ARRAY_SIZE(trace), &idx),
			FAM_SKB + 0x24);
	KUNIT_EXPECT_EQ(test, idx, (unsigned int)ARRAY_SIZE(trace));
}

static void attrib_site_with_caller_outside_family_returns_caller(struct kunit *test)
{
	ot_alloc_family = family;
	preempt_disable();
	/* No family function was entered in this context. */
	ot_attrib_enter(fam(DRIVER_FN), STACK_FN, current_stack_pointer + 0x40);
	KUNIT_EXPECT_EQ(test, ot_attrib_site(DRIVER_FN + 0x5c), DRIVER_FN + 0x5c);
	/* Unwinding this test's stack never meets the caller: fall back. */
	KUNIT_EXPECT_EQ(test, ot_attrib_site(FAM_SKB + 0x24), FAM_SKB + 0x24);
	preempt_enable();
}

static void family_build_keeps_only_symbols_found(struct kunit *test)
{
	static const struct ot_kunit_symbol syms[] = {
		{ "napi_alloc_frag", 0x3000, 0x3040 },
		{ "__alloc_skb", 0x1000, 0x1400 },
		{ "not_an_allocator", 0x5000, 0x5100 },
		{}
	};
	static const char *const names[] = { "__alloc_skb", "renamed_long_ago", "napi_alloc_frag" };
	static struct ot_family f;	/* too big for a KASAN stack frame */

	ot_kunit_symbols = syms;
	memset(&f, 0xff, sizeof(f));
	KUNIT_ASSERT_EQ(test, ot_family_build(&f, names, ARRAY_SIZE(names)), 2u);
	KUNIT_ASSERT_EQ(test, f.n, 2u);
	/* In the list's order, whatever order kallsyms had them in. */
	KUNIT_EXPECT_EQ(test, f.r[0].start, 0x1000ul);
	KUNIT_EXPECT_EQ(test, f.r[0].end, 0x1400ul);
	KUNIT_EXPECT_EQ(test, f.r[1].start, 0x3000ul);
	KUNIT_EXPECT_EQ(test, f.r[1].end, 0x3040ul);
	KUNIT_EXPECT_TRUE(test, ot_family_contains(&f, 0x13ff));
	KUNIT_EXPECT_FALSE(test, ot_family_contains(&f, 0x5000));
}

static void family_build_without_any_symbol_is_empty(struct kunit *test)
{
	static const char *const names[] = { "__alloc_skb" };
	static struct ot_family f;

	ot_kunit_symbols = NULL;
	memset(&f, 0xff, sizeof(f));
	KUNIT_EXPECT_EQ(test, ot_family_build(&f, names, ARRAY_SIZE(names)), 0u);
	KUNIT_EXPECT_EQ(test, f.n, 0u);
	KUNIT_EXPECT_FALSE(test, ot_family_contains(&f, 0x1000));
}

/* Describes the frame it returns to, as a probe describes its callsite. */
static noinline void describe_caller(char *name, size_t name_len, char *stack,
				     size_t stack_len, unsigned int depth)
{
	ot_attrib_describe(_RET_IP_, name, name_len, stack, stack_len, depth);
	barrier();	/* a tail call would take this frame off the stack */
}

static unsigned int words(const char *s)
{
	unsigned int n = 0;

	for (; *s; s++)
		if (*s != ' ' && (s[1] == ' ' || !s[1]))
			n++;
	return n;
}

static void attrib_describe_names_site_and_frames_below_it(struct kunit *test)
{
	char *name = kunit_kzalloc(test, OT_SITE_NAME, GFP_KERNEL);
	char *stack = kunit_kzalloc(test, OT_SITE_STACK, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, name);
	KUNIT_ASSERT_NOT_NULL(test, stack);
	describe_caller(name, OT_SITE_NAME, stack, OT_SITE_STACK, 2);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(name, __func__), "name \"%s\"", name);
	KUNIT_EXPECT_EQ_MSG(test, words(stack), 2u, "stack \"%s\"", stack);
	/* Frames below the site, not the site again. */
	KUNIT_EXPECT_NULL_MSG(test, strstr(stack, __func__), "stack \"%s\"", stack);

	describe_caller(name, OT_SITE_NAME, stack, OT_SITE_STACK, 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(name, __func__));
	KUNIT_EXPECT_STREQ(test, stack, "");
}

static void attrib_describe_with_short_buffers_truncates_inside_them(struct kunit *test)
{
	char *name = kunit_kzalloc(test, 16, GFP_KERNEL);
	char *stack = kunit_kzalloc(test, 32, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, name);
	KUNIT_ASSERT_NOT_NULL(test, stack);
	memset(name, 'x', 16);
	memset(stack, 'x', 32);
	describe_caller(name, 8, stack, 24, OT_STACK_MAX);
	KUNIT_EXPECT_EQ(test, strlen(name), (size_t)7);
	KUNIT_EXPECT_LE(test, strlen(stack), (size_t)23);
	KUNIT_EXPECT_GT(test, strlen(stack), (size_t)0);
	KUNIT_EXPECT_EQ(test, name[8], 'x');
	KUNIT_EXPECT_EQ(test, stack[24], 'x');
}

/* The family and kallsyms are globals: leave them as every case found them. */
static void attrib_exit(struct kunit *test)
{
	ot_kunit_symbols = NULL;
	memset(&ot_alloc_family, 0, sizeof(ot_alloc_family));
}

static struct kunit_case attrib_cases[] = {
	KUNIT_CASE(family_contains_checks_half_open_ranges),
	KUNIT_CASE(family_contains_when_empty_is_false),
	KUNIT_CASE(family_seal_spans_all_ranges_and_index_finds_each),
	KUNIT_CASE(outer_entered_from_driver_vouches_for_allocation_inside),
	KUNIT_CASE(outer_refuses_other_task_function_or_returned_frame),
	KUNIT_CASE(outer_nested_entry_inherits_the_outer_site),
	KUNIT_CASE(outer_nested_entry_without_outer_record_knows_nothing),
	KUNIT_CASE(attrib_site_uses_entry_record_before_unwinding),
	KUNIT_CASE(site_from_trace_picks_first_frame_outside_family),
	KUNIT_CASE(site_from_trace_with_caller_outside_family_returns_caller),
	KUNIT_CASE(site_from_trace_without_caller_falls_back_to_caller),
	KUNIT_CASE(site_from_trace_with_only_family_falls_back_to_caller),
	KUNIT_CASE(attrib_site_with_caller_outside_family_returns_caller),
	KUNIT_CASE(family_build_keeps_only_symbols_found),
	KUNIT_CASE(family_build_without_any_symbol_is_empty),
	KUNIT_CASE(attrib_describe_names_site_and_frames_below_it),
	KUNIT_CASE(attrib_describe_with_short_buffers_truncates_inside_them),
	{}
};

struct kunit_suite oomtrace_attrib_suite = {
	.name = "oomtrace_attrib",
	.exit = attrib_exit,
	.test_cases = attrib_cases,
};
