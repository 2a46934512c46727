// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU callsite tables. The hot path only touches the current CPU's
 * table; summing over CPUs happens once per snapshot, in process context.
 */
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>

#include "compat.h"
#include "counters.h"
#include "cstab.h"

/* Bound the search so a full table costs a fixed amount per event. */
#define OT_SITE_PROBE_MAX 64

int ot_cstab_init(struct ot_cstab *t, unsigned int capacity)
{
	int cpu;

	if (!capacity || !is_power_of_2(capacity))
		return -EINVAL;
	t->mask = capacity - 1;
	t->cpu = kcalloc(nr_cpu_ids, sizeof(*t->cpu), GFP_KERNEL);
	t->dropped = alloc_percpu(local64_t);
	if (!t->cpu || !t->dropped)
		goto err;
	for_each_possible_cpu(cpu) {
		t->cpu[cpu] = vzalloc_node(array_size(capacity, sizeof(struct ot_site)),
					   cpu_to_node(cpu));
		if (!t->cpu[cpu])
			goto err;
	}
	return 0;
err:
	ot_cstab_free(t);
	return -ENOMEM;
}

void ot_cstab_free(struct ot_cstab *t)
{
	int cpu;

	if (t->cpu) {
		for_each_possible_cpu(cpu)
			vfree(t->cpu[cpu]);
	}
	kfree(t->cpu);
	free_percpu(t->dropped);
	t->cpu = NULL;
	t->dropped = NULL;
}

/* Only with every probe quiesced. */
void ot_cstab_clear(struct ot_cstab *t)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		memset(t->cpu[cpu], 0, (t->mask + 1) * sizeof(struct ot_site));
		local64_set(per_cpu_ptr(t->dropped, cpu), 0);
	}
}

/*
 * The current CPU's entry for @ip, created if new (*created tells the
 * caller to fill in the stack). Callers run with preemption disabled.
 */
struct ot_site *ot_cstab_get(struct ot_cstab *t, unsigned long ip, bool *created)
{
	struct ot_site *table = t->cpu[smp_processor_id()];
	unsigned int start, i;

	/* 0 marks a free slot: the unknown callsite is stored under its own key. */
	if (!ip)
		ip = OT_SITE_UNKNOWN;
	start = hash_long(ip, 32) & t->mask;

	*created = false;
	for (i = 0; i < OT_SITE_PROBE_MAX && i <= t->mask; i++) {
		struct ot_site *s = &table[(start + i) & t->mask];
		unsigned long cur = READ_ONCE(s->ip);

		if (cur == ip)
			return s;
		if (cur)
			continue;
		cur = cmpxchg(&s->ip, 0UL, ip);
		if (!cur) {
			*created = true;
			return s;
		}
		if (cur == ip)	/* a nested probe on this CPU got here first */
			return s;
	}
	local64_inc(this_cpu_ptr(t->dropped));
	return NULL;
}

void ot_site_account(struct ot_site *s, enum ot_kind kind, bool alloc, u64 bytes)
{
	struct ot_site_counters *c = &s->c[kind];

	if (alloc) {
		local64_inc(&c->allocs);
		local64_add(bytes, &c->alloc_bytes);
	} else {
		local64_inc(&c->frees);
		local64_add(bytes, &c->free_bytes);
	}
}

static int ot_site_sum_cmp_ip(const void *a, const void *b)
{
	unsigned long x = ((const struct ot_site_sum *)a)->ip;
	unsigned long y = ((const struct ot_site_sum *)b)->ip;

	return x < y ? -1 : x > y;
}

static struct ot_site_sum *ot_sum_find(struct ot_site_sum *out, unsigned int n,
				       unsigned long ip)
{
	unsigned int lo = 0, hi = n;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (out[mid].ip == ip)
			return &out[mid];
		if (out[mid].ip < ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void ot_sum_add(struct ot_site_sum *sum, const struct ot_site *s)
{
	int k;

	/* Pairs with the release in ot_site_note(). */
	if (!sum->described && smp_load_acquire(&s->described)) {
		memcpy(sum->name, s->name, sizeof(sum->name));
		memcpy(sum->stack, s->stack, sizeof(sum->stack));
		sum->name[OT_SITE_NAME - 1] = '\0';
		sum->stack[OT_SITE_STACK - 1] = '\0';
		sum->described = true;
	}
	if (s->first_ns && (!sum->first_ns || s->first_ns < sum->first_ns))
		sum->first_ns = s->first_ns;
	for (k = 0; k < OT_NR_KINDS; k++) {
		sum->allocs[k] += local64_read(&s->c[k].allocs);
		sum->frees[k] += local64_read(&s->c[k].frees);
		sum->alloc_bytes[k] += local64_read(&s->c[k].alloc_bytes);
		sum->free_bytes[k] += local64_read(&s->c[k].free_bytes);
	}
}

/*
 * Merge every CPU's table into @out (sorted by ip), once. Returns the
 * number of distinct callsites, at most @max; the rest are not lost from
 * the tables, only from this snapshot.
 */
unsigned int ot_cstab_sum(struct ot_cstab *t, struct ot_site_sum *out,
			  unsigned int max)
{
	unsigned int n = 0, i;
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct ot_site *table = t->cpu[cpu];
		unsigned int sorted = n;

		for (i = 0; i <= t->mask; i++) {
			const struct ot_site *s = &table[i];
			unsigned long ip = READ_ONCE(s->ip);
			struct ot_site_sum *sum;

			if (!ip)
				continue;
			if (ip == OT_SITE_UNKNOWN)
				ip = 0;
			sum = ot_sum_find(out, sorted, ip);
			if (!sum) {
				if (n == max)
					continue;
				sum = &out[n++];
				memset(sum, 0, sizeof(*sum));
				sum->ip = ip;
			}
			ot_sum_add(sum, s);
		}
		sort(out, n, sizeof(*out), ot_site_sum_cmp_ip, NULL);
	}
	return n;
}

u64 ot_cstab_dropped(struct ot_cstab *t)
{
	return ot_percpu_sum(t->dropped);
}
