// SPDX-License-Identifier: GPL-2.0
#include <linux/cpumask.h>

#include "../module/cstab.c"
#include "mem.h"
#include "oomtrace_kunit.h"

#define IP(i)		(0xffffffffc0002000UL + (unsigned long)(i) * 32)
#define CAPACITY	16

static void cstab_free_action(void *t)
{
	ot_cstab_free(t);
}

static struct ot_cstab *new_cstab(struct kunit *test)
{
	struct ot_cstab *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, ot_cstab_init(t, CAPACITY), 0);
	KUNIT_ASSERT_EQ(test, ot_kunit_defer(test, cstab_free_action, t), 0);
	return t;
}

/* The slot of (@ip, @kind), claimed as the probes do. */
static int slot_of(struct kunit *test, struct ot_cstab *t, unsigned long ip, enum ot_kind kind)
{
	bool created;
	int slot;

	preempt_disable();
	slot = ot_cstab_get(t, ip, kind, &created);
	preempt_enable();
	KUNIT_ASSERT_GE(test, slot, 0);
	return slot;
}

/* Count on @cpu's counters, as a probe running there would. */
static void count_on(struct ot_cstab *t, int cpu, int slot, bool alloc, u64 bytes)
{
	ot_counters_add(&t->cpu[cpu][slot], alloc, bytes);
}

static struct ot_site_sum *sums(struct kunit *test, unsigned int n)
{
	struct ot_site_sum *out = kunit_kcalloc(test, n, sizeof(*out), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, out);
	return out;
}

static const struct ot_site_sum *sum_of(const struct ot_site_sum *out, unsigned int n,
					unsigned long ip, enum ot_kind kind)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (out[i].ip == ip && out[i].kind == kind)
			return &out[i];
	return NULL;
}

static void cstab_init_with_bad_capacity_fails(struct kunit *test)
{
	struct ot_cstab *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_EQ(test, ot_cstab_init(t, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, ot_cstab_init(t, 24), -EINVAL);
	KUNIT_EXPECT_NULL(test, t->cpu);
	KUNIT_EXPECT_NULL(test, t->sites);
}

/* The key carries callsite and kind, and gives both back, 0 included. */
static void cstab_site_key_round_trips_ip_and_kind(struct kunit *test)
{
	unsigned long ips[] = { 0, IP(0), IP(5), ~0UL - 3 };
	unsigned int i;
	int k;

	if (BITS_PER_LONG == 32)
		ips[3] = 0xbf001234UL;	/* arm module space */
	for (i = 0; i < ARRAY_SIZE(ips); i++) {
		for (k = 0; k < OT_NR_KINDS; k++) {
			u64 key = ot_site_key(ips[i], k);

			KUNIT_EXPECT_NE(test, key, 0ULL);
			KUNIT_EXPECT_EQ(test, ot_site_key_ip(key), ips[i]);
			KUNIT_EXPECT_EQ(test, (int)ot_site_key_kind(key), k);
		}
	}
	KUNIT_EXPECT_NE(test, ot_site_key(IP(1), OT_SKB), ot_site_key(IP(1), OT_FRAG));
}

static void cstab_get_creates_once_per_callsite_and_kind(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	bool created_a, created_b, created_other, created_kind;
	int a, b, other, kind;

	preempt_disable();
	a = ot_cstab_get(t, IP(1), OT_SKB, &created_a);
	b = ot_cstab_get(t, IP(1), OT_SKB, &created_b);
	other = ot_cstab_get(t, IP(2), OT_SKB, &created_other);
	kind = ot_cstab_get(t, IP(1), OT_FRAG, &created_kind);
	preempt_enable();

	KUNIT_ASSERT_GE(test, a, 0);
	KUNIT_EXPECT_TRUE(test, created_a);
	KUNIT_EXPECT_EQ(test, b, a);
	KUNIT_EXPECT_FALSE(test, created_b);
	KUNIT_EXPECT_EQ(test, ot_site_key_ip(t->sites[a].key), IP(1));
	KUNIT_EXPECT_EQ(test, (int)ot_site_key_kind(t->sites[a].key), (int)OT_SKB);
	KUNIT_EXPECT_TRUE(test, created_other);
	KUNIT_EXPECT_NE(test, other, a);
	KUNIT_EXPECT_TRUE(test, created_kind);
	KUNIT_EXPECT_NE(test, kind, a);
	KUNIT_EXPECT_EQ(test, ot_cstab_dropped(t), 0ull);
}

/* Frees lower live on the CPU they happen on; allocs only ever grow. */
static void cstab_account_counts_allocs_live_and_bytes(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	int slot = slot_of(test, t, IP(3), OT_SKB), cpu;
	struct ot_site_counters *c;

	cpu = get_cpu();
	ot_cstab_account(t, slot, true, 100);
	ot_cstab_account(t, slot, true, 200);
	ot_cstab_account(t, slot, false, 100);
	put_cpu();
	c = &t->cpu[cpu][slot];

	KUNIT_EXPECT_EQ(test, local64_read(&c->allocs), 2);
	KUNIT_EXPECT_EQ(test, local64_read(&c->live), 1);
	KUNIT_EXPECT_EQ(test, local64_read(&c->live_bytes), 200);
}

/*
 * Counters are only right summed over every CPU: IP(1) allocates on
 * every CPU and frees on the first; IP(2) is a page_frag site on the
 * first CPU only; IP(3) allocates skbs and clones: a sum per kind, each
 * with its own slot.
 */
static void cstab_sum_adds_every_cpu_per_slot(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site_sum *out = sums(test, CAPACITY);
	int a = slot_of(test, t, IP(1), OT_SKB), b = slot_of(test, t, IP(2), OT_FRAG);
	int c_skb = slot_of(test, t, IP(3), OT_SKB), c_clone = slot_of(test, t, IP(3), OT_CLONE);
	int cpu, first = cpumask_first(cpu_possible_mask);
	u64 allocs = 0, bytes = 0;
	const struct ot_site_sum *sa, *sb, *sc;
	unsigned int n, i;

	t->sites[a].first_ns = 500;
	for_each_possible_cpu(cpu) {
		count_on(t, cpu, a, true, 10 * (cpu + 1));
		count_on(t, cpu, a, true, 10 * (cpu + 1));
		allocs += 2;
		bytes += 20 * (cpu + 1);
	}
	/* Every CPU's first allocation is freed on the first CPU. */
	for_each_possible_cpu(cpu) {
		count_on(t, first, a, false, 10 * (cpu + 1));
		bytes -= 10 * (cpu + 1);
	}
	count_on(t, first, b, true, 4096);
	count_on(t, first, c_skb, true, 1000);
	count_on(t, first, c_clone, true, 256);
	count_on(t, first, c_clone, true, 256);
	count_on(t, first, c_clone, false, 256);

	n = ot_cstab_sum(t, out, CAPACITY);
	KUNIT_ASSERT_EQ(test, n, 4u);
	for (i = 1; i < n; i++)
		KUNIT_EXPECT_LT(test, out[i - 1].slot, out[i].slot);

	sa = sum_of(out, n, IP(1), OT_SKB);
	KUNIT_ASSERT_NOT_NULL(test, sa);
	KUNIT_EXPECT_EQ(test, sa->slot, (unsigned int)a);
	KUNIT_EXPECT_EQ(test, sa->allocs, allocs);
	KUNIT_EXPECT_EQ(test, sa->frees, allocs / 2);
	KUNIT_EXPECT_EQ(test, sa->live_bytes, bytes);
	KUNIT_EXPECT_EQ(test, sa->first_ns, 500ull);

	sb = sum_of(out, n, IP(2), OT_FRAG);
	KUNIT_ASSERT_NOT_NULL(test, sb);
	KUNIT_EXPECT_EQ(test, sb->allocs, 1ull);
	KUNIT_EXPECT_EQ(test, sb->live_bytes, 4096ull);
	KUNIT_EXPECT_NULL(test, sum_of(out, n, IP(2), OT_SKB));

	sc = sum_of(out, n, IP(3), OT_SKB);
	KUNIT_ASSERT_NOT_NULL(test, sc);
	KUNIT_EXPECT_EQ(test, sc->allocs, 1ull);
	KUNIT_EXPECT_EQ(test, sc->live_bytes, 1000ull);
	sc = sum_of(out, n, IP(3), OT_CLONE);
	KUNIT_ASSERT_NOT_NULL(test, sc);
	KUNIT_EXPECT_EQ(test, sc->allocs, 2ull);
	KUNIT_EXPECT_EQ(test, sc->frees, 1ull);
	KUNIT_EXPECT_EQ(test, sc->live_bytes, 256ull);

	/* A second sum starts over rather than adding to the first. */
	KUNIT_ASSERT_EQ(test, ot_cstab_sum(t, out, CAPACITY), 4u);
	sa = sum_of(out, n, IP(1), OT_SKB);
	KUNIT_ASSERT_NOT_NULL(test, sa);
	KUNIT_EXPECT_EQ(test, sa->allocs, allocs);
}

/* A free seen before its allocation's count never shows as negative. */
static void cstab_sum_never_shows_more_freed_than_allocated(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site_sum *out = sums(test, CAPACITY);
	int slot = slot_of(test, t, IP(4), OT_SKB);
	int first = cpumask_first(cpu_possible_mask);

	count_on(t, first, slot, false, 500);
	KUNIT_ASSERT_EQ(test, ot_cstab_sum(t, out, CAPACITY), 1u);
	KUNIT_EXPECT_EQ(test, out[0].allocs, 0ull);
	KUNIT_EXPECT_EQ(test, out[0].frees, 0ull);
	KUNIT_EXPECT_EQ(test, out[0].live_bytes, 0ull);
}

/* Names are kept once, in the table; a sum points at them. */
static void cstab_sum_names_come_from_the_table(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site_sum *out = sums(test, CAPACITY);
	int named = slot_of(test, t, IP(1), OT_SKB), unnamed = slot_of(test, t, IP(2), OT_SKB);
	const struct ot_site_sum *sum;

	strscpy(t->sites[named].name, "mydrv_rx+0x10/0x80 [mydrv]", OT_SITE_NAME);
	strscpy(t->sites[named].stack, "napi_poll+0x1/0x2", OT_SITE_STACK);
	t->sites[named].described = true;
	/* Never described: no name at all, not whatever the slot holds. */
	memset(t->sites[unnamed].name, 'x', OT_SITE_NAME);

	KUNIT_ASSERT_EQ(test, ot_cstab_sum(t, out, CAPACITY), 2u);
	sum = sum_of(out, 2, IP(1), OT_SKB);
	KUNIT_ASSERT_NOT_NULL(test, sum);
	KUNIT_EXPECT_PTR_EQ(test, sum->name, (const char *)t->sites[named].name);
	KUNIT_EXPECT_STREQ(test, sum->name, "mydrv_rx+0x10/0x80 [mydrv]");
	KUNIT_EXPECT_STREQ(test, sum->stack, "napi_poll+0x1/0x2");
	sum = sum_of(out, 2, IP(2), OT_SKB);
	KUNIT_ASSERT_NOT_NULL(test, sum);
	KUNIT_EXPECT_STREQ(test, sum->name, "");
	KUNIT_EXPECT_STREQ(test, sum->stack, "");
}

static void cstab_sum_when_more_sites_than_max_stops_at_max(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site_sum *out = sums(test, 3);
	unsigned int n, i;
	int cpu, slot;

	for (i = 0; i < 4; i++) {
		slot = slot_of(test, t, IP(i), OT_SKB);
		for_each_possible_cpu(cpu)
			count_on(t, cpu, slot, true, 1);
	}
	out[2].ip = 0x5a5a;

	n = ot_cstab_sum(t, out, 2);
	KUNIT_ASSERT_EQ(test, n, 2u);
	KUNIT_EXPECT_EQ(test, out[2].ip, 0x5a5aul);
	/* The sites that made it in are complete, from every CPU. */
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_GE(test, out[i].ip, IP(0));
		KUNIT_ASSERT_LE(test, out[i].ip, IP(3));
		KUNIT_EXPECT_EQ(test, out[i].allocs, (u64)num_possible_cpus());
	}
}

static void cstab_get_when_table_full_returns_none_and_counts_drop(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	bool created, all_created = true, again_created = true;
	int got[CAPACITY], full, again;
	unsigned int i;

	preempt_disable();
	for (i = 0; i < CAPACITY; i++) {
		got[i] = ot_cstab_get(t, IP(i), OT_SKB, &created);
		all_created &= created;
	}
	full = ot_cstab_get(t, IP(CAPACITY), OT_SKB, &created);
	again = ot_cstab_get(t, IP(5), OT_SKB, &again_created);
	preempt_enable();

	for (i = 0; i < CAPACITY; i++)
		KUNIT_EXPECT_GE(test, got[i], 0);
	KUNIT_EXPECT_TRUE(test, all_created);
	KUNIT_EXPECT_EQ(test, full, -1);
	KUNIT_EXPECT_FALSE(test, created);
	KUNIT_EXPECT_EQ(test, ot_cstab_dropped(t), 1ull);
	/* Sites already in the table keep counting. */
	KUNIT_EXPECT_EQ(test, again, got[5]);
	KUNIT_EXPECT_FALSE(test, again_created);
}

static void cstab_clear_zeroes_sites_counters_and_drops(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site_sum *out = sums(test, CAPACITY);
	int slot = slot_of(test, t, IP(1), OT_SKB), cpu;
	bool created;
	unsigned int i;

	for_each_possible_cpu(cpu)
		count_on(t, cpu, slot, true, 64);
	preempt_disable();
	for (i = 0; i <= CAPACITY; i++)
		ot_cstab_get(t, IP(100 + i), OT_SKB, &created);
	preempt_enable();
	KUNIT_ASSERT_GT(test, ot_cstab_dropped(t), 0ull);

	ot_cstab_clear(t);
	KUNIT_EXPECT_EQ(test, ot_cstab_dropped(t), 0ull);
	KUNIT_EXPECT_EQ(test, ot_cstab_sum(t, out, CAPACITY), 0u);

	preempt_disable();
	slot = ot_cstab_get(t, IP(1), OT_SKB, &created);
	preempt_enable();
	KUNIT_ASSERT_GE(test, slot, 0);
	KUNIT_EXPECT_TRUE(test, created);
	for_each_possible_cpu(cpu)
		KUNIT_EXPECT_EQ(test, local64_read(&t->cpu[cpu][slot].allocs), 0);
}

/*
 * Objects first seen at driver handoff have no callsite: they are noted
 * at ip 0 and reported as "(allocated untracked)". Their counts must
 * show up as such and never mix with a real callsite's.
 */
static void cstab_get_with_zero_ip_keeps_counts_apart(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site_sum *out = sums(test, CAPACITY);
	int untracked = slot_of(test, t, 0, OT_TXONLY), real = slot_of(test, t, IP(7), OT_TXONLY);
	int first = cpumask_first(cpu_possible_mask);
	const struct ot_site_sum *row;
	unsigned int n;

	KUNIT_EXPECT_NE(test, real, untracked);
	count_on(t, first, untracked, true, 1500);

	n = ot_cstab_sum(t, out, CAPACITY);
	row = sum_of(out, n, 0, OT_TXONLY);
	KUNIT_ASSERT_NOT_NULL(test, row);
	KUNIT_EXPECT_EQ(test, row->allocs, 1ull);
	KUNIT_EXPECT_EQ(test, row->live_bytes, 1500ull);
	row = sum_of(out, n, IP(7), OT_TXONLY);
	KUNIT_ASSERT_NOT_NULL(test, row);
	KUNIT_EXPECT_EQ(test, row->allocs, 0ull);
}

/* On 64-bit, an address outside kernel text cannot be keyed: it is unknown. */
static void cstab_get_with_non_text_ip_counts_as_unknown(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);

	if (BITS_PER_LONG == 32)
		kunit_skip(test, "32-bit keys hold any address");
	KUNIT_EXPECT_EQ(test, slot_of(test, t, 0x1234000UL, OT_SKB), slot_of(test, t, 0, OT_SKB));
}

/*
 * What grows with the CPU count is the counters alone: the names and
 * stacks are in the table once.
 */
static void cstab_memory_per_cpu_is_counters_only(struct kunit *test)
{
	size_t before = ot_mem_footprint(), used;
	struct ot_cstab *t = new_cstab(test);
	size_t sites = PAGE_ALIGN(CAPACITY * sizeof(struct ot_site));
	size_t counters = PAGE_ALIGN(CAPACITY * sizeof(struct ot_site_counters));

	used = ot_mem_footprint() - before;
	KUNIT_EXPECT_GE(test, used, sites + num_possible_cpus() * counters);
	KUNIT_EXPECT_LE(test, used, sites + num_possible_cpus() * (counters + 64) +
			ot_kmalloc_size(nr_cpu_ids * sizeof(void *)));
	KUNIT_EXPECT_LE(test, sizeof(struct ot_site_counters), 3 * sizeof(u64));
	ot_cstab_free(t);
	KUNIT_EXPECT_EQ(test, ot_mem_footprint(), before);
}

static struct kunit_case cstab_cases[] = {
	KUNIT_CASE(cstab_init_with_bad_capacity_fails),
	KUNIT_CASE(cstab_site_key_round_trips_ip_and_kind),
	KUNIT_CASE(cstab_get_creates_once_per_callsite_and_kind),
	KUNIT_CASE(cstab_account_counts_allocs_live_and_bytes),
	KUNIT_CASE(cstab_sum_adds_every_cpu_per_slot),
	KUNIT_CASE(cstab_sum_never_shows_more_freed_than_allocated),
	KUNIT_CASE(cstab_sum_names_come_from_the_table),
	KUNIT_CASE(cstab_sum_when_more_sites_than_max_stops_at_max),
	KUNIT_CASE(cstab_get_when_table_full_returns_none_and_counts_drop),
	KUNIT_CASE(cstab_clear_zeroes_sites_counters_and_drops),
	KUNIT_CASE(cstab_get_with_zero_ip_keeps_counts_apart),
	KUNIT_CASE(cstab_get_with_non_text_ip_counts_as_unknown),
	KUNIT_CASE(cstab_memory_per_cpu_is_counters_only),
	{}
};

struct kunit_suite oomtrace_cstab_suite = {
	.name = "oomtrace_cstab",
	.test_cases = cstab_cases,
};
