// SPDX-License-Identifier: GPL-2.0
/*
 * The callsite table. The hot path claims or finds a slot in the shared
 * site array and bumps the current CPU's counters for it; summing over
 * CPUs happens once per snapshot, in process context.
 */
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>

#include "compat.h"
#include "counters.h"
#include "cstab.h"
#include "mem.h"

/* Bound the search so a full table costs a fixed amount per event. */
#define OT_SITE_PROBE_MAX 64

int ot_cstab_init(struct ot_cstab *t, unsigned int capacity)
{
	int cpu;

	if (!capacity || !is_power_of_2(capacity))
		return -EINVAL;
	t->mask = capacity - 1;
	t->sites = ot_vzalloc(array_size(capacity, sizeof(*t->sites)));
	t->cpu = ot_kvzalloc(array_size(nr_cpu_ids, sizeof(*t->cpu)));
	t->dropped = ot_alloc_percpu(sizeof(local64_t), __alignof__(local64_t));
	if (!t->sites || !t->cpu || !t->dropped)
		goto err;
	for_each_possible_cpu(cpu) {
		t->cpu[cpu] = ot_vzalloc_node(array_size(capacity, sizeof(**t->cpu)),
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
	size_t n = t->mask + 1;
	int cpu;

	if (t->cpu) {
		for_each_possible_cpu(cpu)
			ot_kvfree(t->cpu[cpu], n * sizeof(**t->cpu));
	}
	ot_kvfree(t->cpu, nr_cpu_ids * sizeof(*t->cpu));
	ot_kvfree(t->sites, n * sizeof(*t->sites));
	ot_free_percpu(t->dropped, sizeof(local64_t));
	t->cpu = NULL;
	t->sites = NULL;
	t->dropped = NULL;
}

/* Only with every probe quiesced. */
void ot_cstab_clear(struct ot_cstab *t)
{
	size_t n = t->mask + 1;
	int cpu;

	memset(t->sites, 0, n * sizeof(*t->sites));
	for_each_possible_cpu(cpu) {
		memset(t->cpu[cpu], 0, n * sizeof(**t->cpu));
		local64_set(per_cpu_ptr(t->dropped, cpu), 0);
	}
}

/*
 * The slot of (@ip, @kind), claimed if new (*created tells the caller to
 * fill in first_ns, the name and the stack), or -1 when the table is
 * full along the search. Callers run with preemption disabled.
 */
int ot_cstab_get(struct ot_cstab *t, unsigned long ip, enum ot_kind kind, bool *created)
{
	u64 key;
	unsigned int start, i;

	/* Not kernel text (see ot_site_key): count it as unknown, not as another site. */
	if ((ip & OT_KEY_IP_HIGH) != OT_KEY_IP_HIGH)
		ip = 0;
	key = ot_site_key(ip, kind);
	start = hash_64((u64)key, 32) & t->mask;

	*created = false;
	for (i = 0; i < OT_SITE_PROBE_MAX && i <= t->mask; i++) {
		unsigned int slot = (start + i) & t->mask;
		struct ot_site *s = &t->sites[slot];
		u64 cur = READ_ONCE(s->key);

		if (cur == key)
			return slot;
		if (cur)
			continue;
		cur = cmpxchg64(&s->key, 0ULL, key);
		if (!cur) {
			*created = true;
			return slot;
		}
		if (cur == key)	/* another CPU or a nested probe got here first */
			return slot;
	}
	local64_inc(this_cpu_ptr(t->dropped));
	return -1;
}

void ot_cstab_account(struct ot_cstab *t, int slot, bool alloc, u64 bytes)
{
	ot_counters_add(&t->cpu[smp_processor_id()][slot], alloc, bytes);
}

/*
 * Every used slot summed over CPUs into @out, in slot order. Returns how
 * many, at most @max; the rest are not lost from the table, only from
 * this sum.
 */
unsigned int ot_cstab_sum(struct ot_cstab *t, struct ot_site_sum *out,
			  unsigned int max)
{
	unsigned int n = 0, i;

	for (i = 0; i <= t->mask && n < max; i++) {
		const struct ot_site *s = &t->sites[i];
		u64 key = READ_ONCE(s->key);
		struct ot_site_sum *sum;
		s64 allocs = 0, live = 0, live_bytes = 0;
		int cpu;

		if (!key)
			continue;
		sum = &out[n++];
		sum->ip = ot_site_key_ip(key);
		sum->kind = ot_site_key_kind(key);
		sum->slot = i;
		sum->first_ns = READ_ONCE(s->first_ns);
		/* Pairs with the release in ot_site_slot(). */
		if (smp_load_acquire(&s->described)) {
			sum->name = s->name;
			sum->stack = s->stack;
		} else {
			sum->name = "";
			sum->stack = "";
		}
		for_each_possible_cpu(cpu) {
			struct ot_site_counters *c = &t->cpu[cpu][i];

			allocs += local64_read(&c->allocs);
			live += local64_read(&c->live);
			live_bytes += local64_read(&c->live_bytes);
		}
		/* Read racing the probes: never show more freed than made. */
		live = clamp_t(s64, live, 0, allocs);
		sum->allocs = allocs;
		sum->frees = allocs - live;
		sum->live_bytes = max_t(s64, live_bytes, 0);
	}
	return n;
}

u64 ot_cstab_dropped(struct ot_cstab *t)
{
	return ot_percpu_sum(t->dropped);
}
