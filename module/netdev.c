// SPDX-License-Identifier: GPL-2.0
/*
 * The devices skbs are handed to. A slot is claimed by the device's
 * address (ifindex is only unique within a network namespace) the first
 * time it transmits; its counters are per CPU because xmit runs on
 * every CPU at line rate.
 */
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/slab.h>

#include "compat.h"
#include "counters.h"
#include "mem.h"
#include "netdev.h"

int ot_devtab_init(struct ot_devtab *t, unsigned int max)
{
	t->max = max;
	t->devs = ot_kvzalloc(array_size(max, sizeof(*t->devs)));
	t->counters = ot_alloc_percpu(array3_size(max, OT_DEV_NR_COUNTERS, sizeof(local64_t)),
				      __alignof__(local64_t));
	t->dropped = ot_alloc_percpu(sizeof(local64_t), __alignof__(local64_t));
	if (!t->devs || !t->counters || !t->dropped) {
		ot_devtab_free(t);
		return -ENOMEM;
	}
	return 0;
}

void ot_devtab_free(struct ot_devtab *t)
{
	ot_kvfree(t->devs, t->max * sizeof(*t->devs));
	ot_free_percpu(t->counters, t->max * OT_DEV_NR_COUNTERS * sizeof(local64_t));
	ot_free_percpu(t->dropped, sizeof(local64_t));
	t->devs = NULL;
	t->counters = NULL;
	t->dropped = NULL;
}

void ot_devtab_clear(struct ot_devtab *t)
{
	int cpu;

	memset(t->devs, 0, t->max * sizeof(*t->devs));
	for_each_possible_cpu(cpu) {
		memset(per_cpu_ptr(t->counters, cpu), 0,
		       t->max * OT_DEV_NR_COUNTERS * sizeof(local64_t));
		local64_set(per_cpu_ptr(t->dropped, cpu), 0);
	}
}

/* Slot of @dev, or -1 if it has none. */
int ot_devtab_find(struct ot_devtab *t, const struct net_device *dev)
{
	unsigned int i;

	for (i = 0; i < t->max; i++)
		if (READ_ONCE(t->devs[i].dev) == (unsigned long)dev)
			return i;
	return -1;
}

/*
 * Slot of @dev, claimed on first sight; -1 when the table is full. Slots
 * of unregistered devices are given back, so a device may own one past a
 * free hole: look for it everywhere before claiming.
 */
int ot_devtab_slot(struct ot_devtab *t, const struct net_device *dev)
{
	unsigned long key = (unsigned long)dev;
	int i = ot_devtab_find(t, dev);

	if (i >= 0)
		return i;
	for (i = 0; i < t->max; i++) {
		struct ot_dev *d = &t->devs[i];
		unsigned long cur = READ_ONCE(d->dev);

		if (cur == key)
			return i;
		if (cur)
			continue;
		cur = cmpxchg(&d->dev, 0UL, key);
		if (!cur) {
			/* A racing rename only costs a stale name. */
			strscpy(d->name, dev->name, sizeof(d->name));
			/* Published last: snapshots skip slots without it. */
			smp_store_release(&d->ifindex, READ_ONCE(dev->ifindex));
			return i;
		}
		if (cur == key)
			return i;
	}
	local64_inc(this_cpu_ptr(t->dropped));
	return -1;
}

/*
 * Give @slot back, its counters zeroed, for the next device. Process
 * context; the caller has taken every tracked skb off this slot first.
 */
void ot_devtab_release(struct ot_devtab *t, int slot)
{
	local64_t __percpu *counters = &t->counters[slot * OT_DEV_NR_COUNTERS];
	struct ot_dev *d = &t->devs[slot];
	unsigned int c;
	int cpu;

	/* Snapshots skip the slot from here on. */
	WRITE_ONCE(d->ifindex, 0);
	for_each_possible_cpu(cpu)
		for (c = 0; c < OT_DEV_NR_COUNTERS; c++)
			local64_set(per_cpu_ptr(&counters[c], cpu), 0);
	WRITE_ONCE(d->last_completion_ns, 0);
	WRITE_ONCE(d->carrier_lost_ns, 0);
	/* Claimable again; pairs with the cmpxchg in ot_devtab_slot(). */
	smp_store_release(&d->dev, 0UL);
}

/* Link events of @slot's device, in order (RTNL): keep when it was lost. */
void ot_devtab_set_carrier(struct ot_devtab *t, int slot, bool up, u64 now_ns)
{
	struct ot_dev *d = &t->devs[slot];

	if (up)
		WRITE_ONCE(d->carrier_lost_ns, 0);
	else if (!d->carrier_lost_ns)
		WRITE_ONCE(d->carrier_lost_ns, max_t(u64, now_ns, 1));
}

void ot_devtab_count(struct ot_devtab *t, int slot, enum ot_dev_counter c)
{
	local64_inc(this_cpu_ptr(&t->counters[slot * OT_DEV_NR_COUNTERS + c]));
}

u64 ot_devtab_read(struct ot_devtab *t, int slot, enum ot_dev_counter c)
{
	return ot_percpu_sum(&t->counters[slot * OT_DEV_NR_COUNTERS + c]);
}

u64 ot_devtab_dropped(struct ot_devtab *t)
{
	return ot_percpu_sum(t->dropped);
}
