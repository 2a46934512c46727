// SPDX-License-Identifier: GPL-2.0
#include <linux/cpumask.h>

#include "../module/cstab.c"
#include "oomtrace_kunit.h"

#define IP(i)		(0xffffffffc0002000UL + (unsigned long)(i) * 32)
#define CAPACITY	16
#define IP_SEARCH	100000

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

/*
 * Claim @ip in @cpu's table the way ot_cstab_get() does on that CPU, so
 * sums over several CPUs are testable from one.
 */
static struct ot_site *site_on(struct kunit *test, struct ot_cstab *t, int cpu,
			       unsigned long ip)
{
	struct ot_site *table = t->cpu[cpu];
	unsigned int start = hash_long(ip, 32) & t->mask, i;

	for (i = 0; i <= t->mask; i++) {
		struct ot_site *s = &table[(start + i) & t->mask];

		if (!s->ip)
			s->ip = ip;
		if (s->ip == ip)
			return s;
	}
	KUNIT_FAIL(test, "table of cpu %d is full", cpu);
	return &table[0];
}

/* An ip whose probe chain starts at @slot. */
static unsigned long ip_at(struct kunit *test, struct ot_cstab *t, unsigned int slot)
{
	unsigned long i;

	for (i = 0; i < IP_SEARCH; i++)
		if ((hash_long(IP(i), 32) & t->mask) == slot)
			return IP(i);
	KUNIT_FAIL(test, "no ip hashes to slot %u", slot);
	return IP(0);
}

static struct ot_site_sum *sums(struct kunit *test, unsigned int n)
{
	struct ot_site_sum *out = kunit_kcalloc(test, n, sizeof(*out), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, out);
	return out;
}

static const struct ot_site_sum *sum_of(const struct ot_site_sum *out, unsigned int n,
					unsigned long ip)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (out[i].ip == ip)
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
}

static void cstab_get_creates_once_then_returns_same_entry(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site *a, *b, *other;
	bool created_a, created_b, created_other;
	struct ot_site *table;
	int cpu;

	/* Asserting may sleep: only look at the results with preemption on. */
	cpu = get_cpu();
	a = ot_cstab_get(t, IP(1), &created_a);
	b = ot_cstab_get(t, IP(1), &created_b);
	other = ot_cstab_get(t, IP(2), &created_other);
	put_cpu();
	table = t->cpu[cpu];

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_TRUE(test, created_a);
	KUNIT_EXPECT_PTR_EQ(test, b, a);
	KUNIT_EXPECT_FALSE(test, created_b);
	KUNIT_EXPECT_EQ(test, a->ip, IP(1));
	KUNIT_EXPECT_TRUE(test, a >= table && a <= &table[t->mask]);
	KUNIT_ASSERT_NOT_NULL(test, other);
	KUNIT_EXPECT_TRUE(test, created_other);
	KUNIT_EXPECT_PTR_NE(test, other, a);
	KUNIT_EXPECT_EQ(test, ot_cstab_dropped(t), 0ull);
}

static void cstab_site_account_counts_per_kind_and_direction(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site *s = site_on(test, t, raw_smp_processor_id(), IP(3));
	int k;

	ot_site_account(s, OT_SKB, true, 100);
	ot_site_account(s, OT_SKB, true, 200);
	ot_site_account(s, OT_SKB, false, 100);
	ot_site_account(s, OT_FRAG, true, 4096);

	KUNIT_EXPECT_EQ(test, local64_read(&s->c[OT_SKB].allocs), 2);
	KUNIT_EXPECT_EQ(test, local64_read(&s->c[OT_SKB].alloc_bytes), 300);
	KUNIT_EXPECT_EQ(test, local64_read(&s->c[OT_SKB].frees), 1);
	KUNIT_EXPECT_EQ(test, local64_read(&s->c[OT_SKB].free_bytes), 100);
	KUNIT_EXPECT_EQ(test, local64_read(&s->c[OT_FRAG].allocs), 1);
	KUNIT_EXPECT_EQ(test, local64_read(&s->c[OT_FRAG].alloc_bytes), 4096);
	KUNIT_EXPECT_EQ(test, local64_read(&s->c[OT_FRAG].frees), 0);
	for (k = 0; k < OT_NR_KINDS; k++) {
		if (k == OT_SKB || k == OT_FRAG)
			continue;
		KUNIT_EXPECT_EQ(test, local64_read(&s->c[k].allocs), 0);
		KUNIT_EXPECT_EQ(test, local64_read(&s->c[k].frees), 0);
	}
}

/*
 * Frees count on the CPU they happen on, so a callsite's numbers are only
 * right summed over every CPU: IP(1) everywhere, IP(2) on the first CPU
 * only, IP(3) on the last only.
 */
static void cstab_sum_adds_every_cpu(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site_sum *out = sums(test, CAPACITY);
	int cpu, first = cpumask_first(cpu_possible_mask), last = first;
	u64 allocs = 0, frees = 0, bytes = 0;
	const struct ot_site_sum *a, *b, *c;
	unsigned int n, i;

	for_each_possible_cpu(cpu) {
		struct ot_site *s = site_on(test, t, cpu, IP(1));

		s->first_ns = 1000 - cpu;
		ot_site_account(s, OT_SKB, true, 10 * (cpu + 1));
		ot_site_account(s, OT_SKB, true, 10 * (cpu + 1));
		ot_site_account(s, OT_SKB, false, 5);
		allocs += 2;
		frees += 1;
		bytes += 20 * (cpu + 1);
		last = cpu;
	}
	ot_site_account(site_on(test, t, first, IP(2)), OT_FRAG, true, 4096);
	ot_site_account(site_on(test, t, last, IP(3)), OT_CLONE, false, 7);

	n = ot_cstab_sum(t, out, CAPACITY);
	KUNIT_ASSERT_EQ(test, n, 3u);
	for (i = 1; i < n; i++)
		KUNIT_EXPECT_LT(test, out[i - 1].ip, out[i].ip);

	a = sum_of(out, n, IP(1));
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_EQ(test, a->allocs[OT_SKB], allocs);
	KUNIT_EXPECT_EQ(test, a->frees[OT_SKB], frees);
	KUNIT_EXPECT_EQ(test, a->alloc_bytes[OT_SKB], bytes);
	KUNIT_EXPECT_EQ(test, a->free_bytes[OT_SKB], 5 * frees);
	KUNIT_EXPECT_EQ(test, a->allocs[OT_FRAG], 0ull);
	KUNIT_EXPECT_EQ(test, a->first_ns, (u64)(1000 - last));

	b = sum_of(out, n, IP(2));
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, b->allocs[OT_FRAG], 1ull);
	KUNIT_EXPECT_EQ(test, b->alloc_bytes[OT_FRAG], 4096ull);
	KUNIT_EXPECT_EQ(test, b->allocs[OT_SKB], 0ull);

	c = sum_of(out, n, IP(3));
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->frees[OT_CLONE], 1ull);
	KUNIT_EXPECT_EQ(test, c->free_bytes[OT_CLONE], 7ull);
	KUNIT_EXPECT_EQ(test, c->allocs[OT_CLONE], 0ull);

	/* A second sum starts over rather than adding to the first. */
	KUNIT_ASSERT_EQ(test, ot_cstab_sum(t, out, CAPACITY), 3u);
	a = sum_of(out, n, IP(1));
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_EQ(test, a->allocs[OT_SKB], allocs);
}

/* A site is described once, on whichever CPU saw it first. */
static void cstab_sum_takes_description_from_cpu_that_has_it(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site_sum *out = sums(test, CAPACITY);
	int cpu, last = cpumask_first(cpu_possible_mask);
	struct ot_site *s;

	for_each_possible_cpu(cpu) {
		ot_site_account(site_on(test, t, cpu, IP(1)), OT_SKB, true, 1);
		last = cpu;
	}
	s = site_on(test, t, last, IP(1));
	strscpy(s->name, "mydrv_rx+0x10/0x80 [mydrv]", sizeof(s->name));
	strscpy(s->stack, "napi_poll+0x1/0x2", sizeof(s->stack));
	s->described = true;
	/* Never described: no name at all, not garbage. */
	s = site_on(test, t, last, IP(2));
	memset(s->name, 'x', sizeof(s->name));
	ot_site_account(s, OT_SKB, true, 1);

	KUNIT_ASSERT_EQ(test, ot_cstab_sum(t, out, CAPACITY), 2u);
	KUNIT_ASSERT_EQ(test, out[0].ip, IP(1));
	KUNIT_EXPECT_TRUE(test, out[0].described);
	KUNIT_EXPECT_STREQ(test, out[0].name, "mydrv_rx+0x10/0x80 [mydrv]");
	KUNIT_EXPECT_STREQ(test, out[0].stack, "napi_poll+0x1/0x2");
	KUNIT_EXPECT_FALSE(test, out[1].described);
	KUNIT_EXPECT_STREQ(test, out[1].name, "");
}

static void cstab_sum_when_more_sites_than_max_stops_at_max(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site_sum *out = sums(test, 3);
	u64 per_ip[4] = {};
	unsigned int n, i;
	int cpu;

	for_each_possible_cpu(cpu) {
		for (i = 0; i < 4; i++) {
			ot_site_account(site_on(test, t, cpu, IP(i)), OT_SKB, true, 1);
			per_ip[i]++;
		}
	}
	out[2].ip = 0x5a5a;

	n = ot_cstab_sum(t, out, 2);
	KUNIT_ASSERT_EQ(test, n, 2u);
	KUNIT_EXPECT_EQ(test, out[2].ip, 0x5a5aul);
	/* The sites that made it in are complete, from every CPU. */
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_GE(test, out[i].ip, IP(0));
		KUNIT_ASSERT_LE(test, out[i].ip, IP(3));
		KUNIT_EXPECT_EQ(test, out[i].allocs[OT_SKB],
				per_ip[(out[i].ip - IP(0)) / 32]);
	}
}

static void cstab_get_when_table_full_returns_null_and_counts_drop(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	bool created, all_created = true, again_created = true;
	struct ot_site *got[CAPACITY], *full, *again;
	unsigned int i;

	preempt_disable();
	for (i = 0; i < CAPACITY; i++) {
		got[i] = ot_cstab_get(t, IP(i), &created);
		all_created &= created;
	}
	full = ot_cstab_get(t, IP(CAPACITY), &created);
	again = ot_cstab_get(t, IP(5), &again_created);
	preempt_enable();

	for (i = 0; i < CAPACITY; i++)
		KUNIT_EXPECT_NOT_NULL(test, got[i]);
	KUNIT_EXPECT_TRUE(test, all_created);
	KUNIT_EXPECT_NULL(test, full);
	KUNIT_EXPECT_FALSE(test, created);
	KUNIT_EXPECT_EQ(test, ot_cstab_dropped(t), 1ull);
	/* Sites already in the table keep counting. */
	KUNIT_EXPECT_PTR_EQ(test, again, got[5]);
	KUNIT_EXPECT_FALSE(test, again_created);
}

static void cstab_clear_zeroes_sites_and_drops(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site_sum *out = sums(test, CAPACITY);
	struct ot_site *s;
	bool created;
	unsigned int i;
	int cpu;

	for_each_possible_cpu(cpu)
		ot_site_account(site_on(test, t, cpu, IP(1)), OT_SKB, true, 64);
	preempt_disable();
	for (i = 0; i <= CAPACITY; i++)
		ot_cstab_get(t, IP(100 + i), &created);
	preempt_enable();
	KUNIT_ASSERT_GT(test, ot_cstab_dropped(t), 0ull);

	ot_cstab_clear(t);
	KUNIT_EXPECT_EQ(test, ot_cstab_dropped(t), 0ull);
	KUNIT_EXPECT_EQ(test, ot_cstab_sum(t, out, CAPACITY), 0u);

	preempt_disable();
	s = ot_cstab_get(t, IP(1), &created);
	preempt_enable();
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_TRUE(test, created);
	KUNIT_EXPECT_EQ(test, local64_read(&s->c[OT_SKB].allocs), 0);
}

/*
 * Objects first seen at driver handoff have no callsite: they are noted
 * at ip 0 and reported as "(allocated untracked)". Their counts must show
 * up as such and must not be inherited by the next real callsite that
 * lands in the same slot.
 */
static void cstab_get_with_zero_ip_keeps_counts_apart(struct kunit *test)
{
	struct ot_cstab *t = new_cstab(test);
	struct ot_site_sum *out = sums(test, CAPACITY);
	unsigned long real = ip_at(test, t, hash_long(0, 32) & t->mask);
	struct ot_site *untracked, *s;
	const struct ot_site_sum *row;
	bool created;
	unsigned int n;

	preempt_disable();
	untracked = ot_cstab_get(t, 0, &created);
	if (untracked)
		ot_site_account(untracked, OT_TXONLY, true, 1500);
	s = ot_cstab_get(t, real, &created);
	preempt_enable();

	KUNIT_ASSERT_NOT_NULL(test, untracked);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_TRUE(test, created);
	KUNIT_EXPECT_PTR_NE(test, s, untracked);
	KUNIT_EXPECT_EQ(test, local64_read(&s->c[OT_TXONLY].allocs), 0);

	n = ot_cstab_sum(t, out, CAPACITY);
	row = sum_of(out, n, 0);
	KUNIT_ASSERT_NOT_NULL(test, row);
	KUNIT_EXPECT_EQ(test, row->allocs[OT_TXONLY], 1ull);
	KUNIT_EXPECT_EQ(test, row->alloc_bytes[OT_TXONLY], 1500ull);
}

static struct kunit_case cstab_cases[] = {
	KUNIT_CASE(cstab_init_with_bad_capacity_fails),
	KUNIT_CASE(cstab_get_creates_once_then_returns_same_entry),
	KUNIT_CASE(cstab_site_account_counts_per_kind_and_direction),
	KUNIT_CASE(cstab_sum_adds_every_cpu),
	KUNIT_CASE(cstab_sum_takes_description_from_cpu_that_has_it),
	KUNIT_CASE(cstab_sum_when_more_sites_than_max_stops_at_max),
	KUNIT_CASE(cstab_get_when_table_full_returns_null_and_counts_drop),
	KUNIT_CASE(cstab_clear_zeroes_sites_and_drops),
	KUNIT_CASE(cstab_get_with_zero_ip_keeps_counts_apart),
	{}
};

struct kunit_suite oomtrace_cstab_suite = {
	.name = "oomtrace_cstab",
	.test_cases = cstab_cases,
};
