/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_SNAPSHOT_H
#define _OOMTRACE_SNAPSHOT_H

#include <linux/if.h>
#include <linux/types.h>

#include "cstab.h"
#include "memctx.h"
#include "settings.h"

#define OT_HIST 8	/* trend samples kept per callsite */

struct ot_snap_site {
	unsigned long ip;
	u8 kind;
	u64 allocs;
	u64 frees;
	u64 live;
	u64 live_bytes;
	u64 oldest_ns;		/* birth of the oldest live object, 0: none */
	u64 first_ns;
	const char *name;	/* into the snapshot's sums; "" if never described */
	const char *stack;
	unsigned int every;	/* 1 in every allocation counted here (0 and 1: all) */
	unsigned int nr_trend;	/* live_bytes at past samples, oldest first */
	u64 trend[OT_HIST];
};

/*
 * What a row's sampled count stands for. Rows hold what was counted; the
 * figures a person reads are scaled, except for objects first seen at a
 * driver handoff, which are tracked without sampling.
 */
static inline u64 ot_row_est(const struct ot_snap_site *r, u64 counted)
{
	return counted * (r->every ?: 1);
}

enum ot_dev_state {
	OT_DEV_IDLE,		/* nothing in flight */
	OT_DEV_OK,		/* a few in flight, completing */
	OT_DEV_BACKLOG,		/* many in flight, but completions arrive */
	OT_DEV_PENDING,		/* no completion yet, too recent to call stuck */
	OT_DEV_STUCK,		/* in flight and no completion for stuck_ms */
	OT_DEV_LINK_DOWN,	/* as stuck, but the device lost its carrier */
};

struct ot_snap_dev {
	int ifindex;
	unsigned int slot;	/* in the device table */
	char name[IFNAMSIZ];
	u64 xmits;
	u64 completions;
	u64 requeued;
	u64 clean_calls;
	u64 in_flight;
	u64 in_flight_bytes;
	u64 oldest_tx_ns;
	u64 last_completion_ns;
	u64 carrier_lost_ns;	/* 0: up, as of the last link event */
	enum ot_dev_state state;
	unsigned int nr_trend;	/* in_flight at past samples */
	u64 trend[OT_HIST];
};

#define OT_SNAP_FRAG_SITES 16
/* Rows an OOM-time snapshot keeps: more than the OOM report shows. */
#define OT_SNAP_OOM_ROWS 16

/* Room for a callsite as %pS prints it, with its module. */
#define OT_VERDICT_SUBJECT	96

struct ot_verdict {
	const char *kind;		/* a word: "tx_stuck", "cma", ... */
	char subject[OT_VERDICT_SUBJECT];	/* device, callsite, ...; "-" */
	char text[200];
};

/* page_frag caches holding a page, grouped by the callsite that filled them. */
struct ot_snap_frag {
	unsigned long site;
	u32 caches;
	u64 bytes;
	u64 last_ns;		/* most recent allocation from any of them */
};

struct ot_snap_stats {
	u64 objs_live;
	u64 objs_capacity;
	u64 objs_dropped;
	u64 objs_stale;
	u64 sites_dropped;
	u64 devs_dropped;
	u64 sampled_out;
	u64 frags_reaped;
	u64 attrib_unwinds;	/* allocations attributed by unwinding */
	u64 frag_caches_dropped;
	u64 footprint;
};

struct ot_snapshot {
	u64 now_ns;
	u64 since_ns;		/* load or last reset */
	unsigned int sample_every;
	unsigned int nr_cpus;
	unsigned int nr_sites, max_sites;
	struct ot_snap_site *sites;	/* by live bytes, largest first */
	unsigned int nr_devs, max_devs;
	struct ot_snap_dev *devs;	/* by in-flight count, largest first */
	unsigned int nr_frag;
	struct ot_snap_frag frag[OT_SNAP_FRAG_SITES];
	struct ot_memctx mem;
	struct ot_settings settings;	/* as settings.c last read them */
	struct ot_snap_stats stats;
	struct ot_site_sum *sums;	/* scratch */
	u32 *row_of_slot;		/* scratch: callsite table slot -> row + 1 */
	unsigned long generation;	/* of the tables the names point into */
	struct ot_verdict verdicts[6];	/* scratch for the verdict rules */
	unsigned int max_sums;
};

struct ot_snapshot *ot_snapshot_alloc(void);
void ot_snapshot_free(struct ot_snapshot *snap);
void ot_snapshot_take(struct ot_snapshot *snap, bool process_context);
void ot_snapshot_sort(struct ot_snapshot *snap, unsigned int top);
const char *ot_dev_state_name(enum ot_dev_state state);

#endif /* _OOMTRACE_SNAPSHOT_H */
