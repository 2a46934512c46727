// SPDX-License-Identifier: GPL-2.0
/*
 * Trends without the reader: each callsite's outstanding bytes and each
 * device's in-flight count at the last OT_HIST samples, in a small ring,
 * so a plain `cat report` shows whether something is still growing or has
 * drained. The sampler (sampler.c) records into it every interval_ms and
 * snapshots read it back; it calls nothing itself.
 */
#include <linux/hash.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "compat.h"
#include "history.h"
#include "mem.h"
#include "oomtrace.h"
#include "snapshot.h"

struct ot_hist_site {
	unsigned long ip;
	u8 kind;
	bool used;
	u64 bytes[OT_HIST];
};

static struct {
	spinlock_t lock;		/* guards everything below */
	unsigned long samples;		/* taken since load or reset */
	unsigned int nr_slots;
	struct ot_hist_site *sites;
	u64 (*dev_in_flight)[OT_HIST];	/* [max_netdevs], by devtab slot */
} ot_hist;

static struct ot_hist_site *ot_hist_slot(unsigned long ip, u8 kind, bool create)
{
	unsigned int start = hash_long(ip ^ kind, 32) % ot_hist.nr_slots, i;

	for (i = 0; i < ot_hist.nr_slots; i++) {
		struct ot_hist_site *h = &ot_hist.sites[(start + i) % ot_hist.nr_slots];

		if (h->used && h->ip == ip && h->kind == kind)
			return h;
		if (!h->used) {
			if (!create)
				return NULL;
			h->used = true;
			h->ip = ip;
			h->kind = kind;
			return h;
		}
	}
	return NULL;
}

/* Called on a fresh snapshot whose devices are still indexed by slot. */
void ot_history_fill(struct ot_snapshot *snap)
{
	unsigned int i, j, n;
	unsigned long flags, first;

	spin_lock_irqsave(&ot_hist.lock, flags);
	n = min_t(unsigned long, ot_hist.samples, OT_HIST);
	first = ot_hist.samples - n;
	for (i = 0; i < snap->nr_sites; i++) {
		struct ot_snap_site *row = &snap->sites[i];
		struct ot_hist_site *h = ot_hist_slot(row->ip, row->kind, false);

		row->nr_trend = h ? n : 0;
		for (j = 0; h && j < n; j++)
			row->trend[j] = h->bytes[(first + j) % OT_HIST];
	}
	for (i = 0; i < snap->nr_devs && i < ot_params.max_netdevs; i++) {
		snap->devs[i].nr_trend = n;
		for (j = 0; j < n; j++)
			snap->devs[i].trend[j] = ot_hist.dev_in_flight[i][(first + j) % OT_HIST];
	}
	spin_unlock_irqrestore(&ot_hist.lock, flags);
}

/* A sorted snapshot: each device row remembers its table slot. */
void ot_history_record(const struct ot_snapshot *snap)
{
	unsigned int i, pos;
	unsigned long flags;

	spin_lock_irqsave(&ot_hist.lock, flags);
	pos = ot_hist.samples % OT_HIST;
	for (i = 0; i < ot_hist.nr_slots; i++)
		ot_hist.sites[i].bytes[pos] = 0;
	for (i = 0; i < snap->nr_sites; i++) {
		const struct ot_snap_site *row = &snap->sites[i];
		struct ot_hist_site *h = ot_hist_slot(row->ip, row->kind, true);

		if (h)
			h->bytes[pos] = row->live_bytes;
	}
	for (i = 0; i < ot_params.max_netdevs; i++)
		ot_hist.dev_in_flight[i][pos] = 0;
	for (i = 0; i < snap->nr_devs; i++) {
		unsigned int slot = snap->devs[i].slot;

		if (slot < ot_params.max_netdevs)
			ot_hist.dev_in_flight[slot][pos] = snap->devs[i].in_flight;
	}
	ot_hist.samples++;
	spin_unlock_irqrestore(&ot_hist.lock, flags);
}

void ot_history_reset(void)
{
	unsigned long flags;

	spin_lock_irqsave(&ot_hist.lock, flags);
	memset(ot_hist.sites, 0, ot_hist.nr_slots * sizeof(*ot_hist.sites));
	memset(ot_hist.dev_in_flight, 0,
	       ot_params.max_netdevs * sizeof(*ot_hist.dev_in_flight));
	ot_hist.samples = 0;
	spin_unlock_irqrestore(&ot_hist.lock, flags);
}

/* Device slot @slot was given back: the next device starts without a trend. */
void ot_history_forget_dev(unsigned int slot)
{
	unsigned long flags;

	if (slot >= ot_params.max_netdevs)
		return;
	spin_lock_irqsave(&ot_hist.lock, flags);
	memset(ot_hist.dev_in_flight[slot], 0, sizeof(ot_hist.dev_in_flight[slot]));
	spin_unlock_irqrestore(&ot_hist.lock, flags);
}

int ot_history_init(void)
{
	spin_lock_init(&ot_hist.lock);
	ot_hist.samples = 0;
	ot_hist.nr_slots = 2 * ot_params.max_callsites;
	ot_hist.sites = ot_kvzalloc(array_size(ot_hist.nr_slots, sizeof(*ot_hist.sites)));
	ot_hist.dev_in_flight = ot_kvzalloc(array_size(ot_params.max_netdevs,
						       sizeof(*ot_hist.dev_in_flight)));
	if (!ot_hist.sites || !ot_hist.dev_in_flight) {
		ot_history_exit();
		return -ENOMEM;
	}
	return 0;
}

void ot_history_exit(void)
{
	ot_kvfree(ot_hist.dev_in_flight, ot_params.max_netdevs * sizeof(*ot_hist.dev_in_flight));
	ot_kvfree(ot_hist.sites, ot_hist.nr_slots * sizeof(*ot_hist.sites));
	ot_hist.dev_in_flight = NULL;
	ot_hist.sites = NULL;
}
