// SPDX-License-Identifier: GPL-2.0
/*
 * Attribution: the callsite of an allocation is the first caller outside
 * the allocator family, i.e. the driver or protocol function that wanted
 * the memory (mydrv_rx_poll, not __netdev_alloc_skb).
 *
 * The probe knows its direct caller for free (the return address). When
 * that caller is itself a family member (netdev_alloc_skb() ->
 * __alloc_skb()), the family function's entry probe has recorded who
 * called it; only when that record cannot vouch for the allocation is the
 * stack unwound, which costs tens of microseconds per allocation.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/stacktrace.h>
#include <linux/thread_info.h>

#include "compat.h"
#include "attrib.h"
#include "oomtrace.h"
#include "symbols.h"

/*
 * Frames unwound when looking past family members, probe frames included:
 * the deepest family chain (sock_alloc_send_pskb -> alloc_skb_with_frags
 * -> __alloc_skb) ends well within it, and unwinding costs per frame.
 */
#define OT_ATTRIB_TRACE_MAX 12
/* Frames unwound once per new callsite to describe it. */
#define OT_TRACE_MAX 32

struct ot_family ot_alloc_family;
struct ot_family ot_skb_head_family;

/* Per CPU, one record per context: a context only nests above another. */
struct ot_outer_cpu {
	struct ot_outer ctx[OT_NR_CONTEXTS];
};

static DEFINE_PER_CPU(struct ot_outer_cpu, ot_outer_cpu);
static atomic_long_t ot_unwinds;

/* Every allocation from a driver module is outside the span: one compare. */
void ot_family_seal(struct ot_family *f)
{
	unsigned int i;

	f->span.start = ULONG_MAX;
	f->span.end = 0;
	for (i = 0; i < f->n; i++) {
		f->span.start = min(f->span.start, f->r[i].start);
		f->span.end = max(f->span.end, f->r[i].end);
	}
}

int ot_family_index(const struct ot_family *f, unsigned long ip)
{
	unsigned int i;

	if (ip < f->span.start || ip >= f->span.end)
		return -1;
	for (i = 0; i < f->n; i++)
		if (ip >= f->r[i].start && ip < f->r[i].end)
			return i;
	return -1;
}

bool ot_family_contains(const struct ot_family *f, unsigned long ip)
{
	return ot_family_index(f, ip) >= 0;
}

/*
 * Pure part of ot_attrib_site(): the site @o vouches for, or 0. It does
 * only if the allocation's direct caller is the family function @o saw
 * entered, by the same task, and that function's frame is still above
 * us on the stack. A record left by a call that has returned fails one of
 * these, and the caller unwinds instead.
 */
unsigned long ot_outer_site(const struct ot_outer *o, int caller_index,
			    unsigned long sp, const void *task)
{
	if (caller_index < 0 || o->func != caller_index + 1 || o->task != task)
		return 0;
	if (o->sp <= sp || o->sp - sp >= THREAD_SIZE)
		return 0;
	return o->site;
}

/*
 * The family function of index @fi (-1: not a member) was entered from
 * @caller with stack pointer @sp.
 * Called from outside the family, the caller is the site; from another
 * family function (sock_alloc_send_pskb -> alloc_skb_with_frags), the
 * site is inherited from the record that function left, if it vouches.
 */
void ot_outer_enter(struct ot_outer *o, const struct ot_family *f, int fi,
		    unsigned long caller, unsigned long sp, const void *task)
{
	int ci = ot_family_index(f, caller);
	unsigned long site = caller;

	if (ci >= 0)
		site = ot_outer_site(o, ci, sp, task);
	o->site = site;
	o->sp = sp;
	o->task = task;
	o->func = fi >= 0 && site ? fi + 1 : 0;
}

/* @fi: ot_family_index() of the function entered, looked up once at attach. */
void ot_attrib_enter(int fi, unsigned long caller, unsigned long sp)
{
	struct ot_outer *o = this_cpu_ptr(&ot_outer_cpu.ctx[ot_context()]);

	if (caller)
		ot_outer_enter(o, &ot_alloc_family, fi, caller, sp, current);
}

/*
 * Pure part, unit-tested: find @caller in @trace (the frames above it are
 * the probe's own) and return the first frame from there on that is not
 * a family member. Falls back to @caller when the unwinder lost the way.
 */
unsigned long ot_site_from_trace(const struct ot_family *f, unsigned long caller,
				 const unsigned long *trace, unsigned int nr,
				 unsigned int *site_index)
{
	unsigned int i;

	for (i = 0; i < nr && trace[i] != caller; i++)
		;
	for (; i < nr; i++) {
		if (!ot_family_contains(f, trace[i])) {
			*site_index = i;
			return trace[i];
		}
	}
	*site_index = nr;
	return caller;
}

unsigned long ot_attrib_site(unsigned long caller)
{
	int ci = ot_family_index(&ot_alloc_family, caller);
	unsigned long trace[OT_ATTRIB_TRACE_MAX], site;
	unsigned int nr, idx;

	if (ci < 0)
		return caller;
	site = ot_outer_site(this_cpu_ptr(&ot_outer_cpu.ctx[ot_context()]), ci,
			     current_stack_pointer, current);
	if (site)
		return site;
	atomic_long_inc(&ot_unwinds);
	nr = ot_stack_trace_save(trace, ARRAY_SIZE(trace), 0);
	return ot_site_from_trace(&ot_alloc_family, caller, trace, nr, &idx);
}

/* Allocations whose site took an unwind: the slow path, shown in stats. */
unsigned long ot_attrib_unwinds(void)
{
	return atomic_long_read(&ot_unwinds);
}

void ot_attrib_reset(void)
{
	atomic_long_set(&ot_unwinds, 0);
}

/*
 * Name @site and the @depth frames below it, once, when the callsite is
 * first seen. Symbolizing now rather than at read time keeps the names
 * right after module init text is freed or a driver is unloaded.
 */
void ot_attrib_describe(unsigned long site, char *name, size_t name_len,
			char *stack, size_t stack_len, unsigned int depth)
{
	unsigned long trace[OT_TRACE_MAX];
	unsigned int nr, i, n = 0;
	size_t len = 0;

	snprintf(name, name_len, "%pS", (void *)site);
	stack[0] = '\0';
	if (!depth)
		return;
	nr = ot_stack_trace_save(trace, ARRAY_SIZE(trace), 0);
	for (i = 0; i < nr && trace[i] != site; i++)
		;
	for (i++; i < nr && n < depth && len < stack_len; i++, n++)
		len += scnprintf(stack + len, stack_len - len, "%s%pS",
				 n ? " " : "", (void *)trace[i]);
}

/*
 * The functions of @names that kallsyms knows become @f; names differ
 * across versions and absent ones are skipped. Returns how many.
 */
unsigned int ot_family_build(struct ot_family *f, const char *const *names, unsigned int n)
{
	unsigned int i;

	f->n = 0;
	for (i = 0; i < n && f->n < ARRAY_SIZE(f->r); i++)
		if (ot_symbol_range(names[i], &f->r[f->n].start, &f->r[f->n].end))
			f->n++;
	ot_family_seal(f);
	return f->n;
}
