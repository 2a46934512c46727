// SPDX-License-Identifier: GPL-2.0
/*
 * The verdict rules: from a snapshot (and the OOM, when there is one) to
 * a few sentences a person can act on. Pure functions of their inputs,
 * so the unit tests can hold every rule to its threshold.
 *
 * Order is priority: a limit the OOM ran into comes before where the rest
 * of memory went, and a cause with a name (a device, a callsite, a
 * process) before a residue (memory accounted nowhere).
 */
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/string.h>
#include <linux/time64.h>

#include "oomtrace.h"
#include "verdict.h"

/* More in flight than a healthy ring holds, but still completing. */
#define OT_BACKLOG_MIN		32
/* A callsite worth naming: this much outstanding and older than stuck_ms. */
#define OT_SUSPECT_MIN_KB	256
/*
 * page_frag pages pinned by caches worth naming: more than the kernel's
 * own per-CPU netdev and NAPI caches (one 32 KiB page each) would hold.
 */
#define OT_FRAG_PINNED_MIN_KB	512
#define OT_FRAG_PER_CPU_KB	64

enum ot_dev_state ot_dev_classify(const struct ot_snap_dev *d, u64 now_ns,
				  u64 stuck_ns)
{
	u64 oldest_age, since_completion;

	if (!d->in_flight)
		return OT_DEV_IDLE;
	oldest_age = d->oldest_tx_ns && now_ns > d->oldest_tx_ns ?
		     now_ns - d->oldest_tx_ns : 0;
	/* A completion stamped after @now_ns raced the snapshot: it is recent. */
	if (!d->last_completion_ns)
		since_completion = U64_MAX;
	else if (now_ns > d->last_completion_ns)
		since_completion = now_ns - d->last_completion_ns;
	else
		since_completion = 0;
	if (since_completion >= stuck_ns) {
		if (oldest_age < stuck_ns)
			return OT_DEV_PENDING;
		/*
		 * Without a carrier nothing completes on many NICs until the
		 * link returns: memory held, but not a driver that lost its
		 * completions.
		 */
		return d->carrier_lost_ns ? OT_DEV_LINK_DOWN : OT_DEV_STUCK;
	}
	/* Completions arrive: whatever is queued is draining. */
	return d->in_flight >= OT_BACKLOG_MIN ? OT_DEV_BACKLOG : OT_DEV_OK;
}

static unsigned int ot_secs(u64 now, u64 then)
{
	return then && now > then ? div_u64(now - then, NSEC_PER_SEC) : 0;
}

/* Percent, rounded down, without 64-bit division trouble on 32-bit. */
static unsigned int ot_pct(u64 part, u64 whole)
{
	return whole ? div64_u64(part * 100, whole) : 0;
}

/* The thresholds of format.h, compared as the reader compares them. */
static bool ot_at_least(u64 part, u64 whole, unsigned int pct)
{
	return whole && part * 100 >= whole * pct;
}

static bool ot_more_than(u64 part, u64 whole, unsigned int pct)
{
	return whole && part * 100 > whole * pct;
}

/*
 * One verdict: its kind (a word for machines: metrics, tests), what it is
 * about (a device, a callsite, a process, a cgroup; "-" for the system)
 * and its sentence. Text longer than its field is cut: scnprintf, not a
 * truncation warning.
 */
#define OT_SAY(k, subj, ...)						\
	do {								\
		if (n < max) {						\
			out[n].kind = (k);				\
			strscpy(out[n].subject, (subj), sizeof(out->subject)); \
			scnprintf(out[n++].text, sizeof(out->text), __VA_ARGS__); \
		}							\
	} while (0)

static unsigned int ot_memory_verdicts(const struct ot_snapshot *s,
				       const struct ot_oom_info *oom,
				       struct ot_verdict *out, unsigned int n,
				       unsigned int max)
{
	const struct ot_memctx *m = &s->mem;
	u64 non_cma = m->free - min(m->free_cma, m->free);

	if (oom && oom->known && oom->memcg)
		OT_SAY("memcg_limit", oom->memcg_path, "memcg limit: %s at %llu of %llu kB; the rest of the system is not short",
		       oom->memcg_path, oom->memcg_usage, oom->memcg_limit);
	if (oom && oom->known && (oom->cpuset || oom->mempolicy))
		OT_SAY(oom->cpuset ? "cpuset" : "mempolicy", "-", "%s constraint: the allocation may use only some memory nodes; %llu kB is free system-wide",
		       oom->cpuset ? "cpuset" : "mempolicy", m->free);
	/*
	 * Against the high mark, not min: an allocation fails below min plus
	 * the zone's watermark boost, and kswapd drops the boost before we
	 * look (arm64 I6: 3868 kB left, min 2752 kB, high 4128 kB).
	 */
	if (m->free_cma && ot_more_than(m->free_cma, m->free, OT_CMA_SHARE_PCT) &&
	    non_cma < m->high_wmark)
		OT_SAY("cma", "-", "free memory is mostly CMA: %llu of %llu kB free is CMA, usable only for movable allocations; the %llu kB left is below the high watermark %llu kB (min %llu kB)",
		       m->free_cma, m->free, non_cma, m->high_wmark, m->min_wmark);
	if (m->huge_known && m->huge_free &&
	    ot_at_least(m->huge_free, m->total, OT_HUGE_UNUSED_PCT))
		OT_SAY("hugepages", "-", "hugepages: %llu MiB reserved (%u%% of RAM), %llu MiB of it unused",
		       m->huge_total >> 10, ot_pct(m->huge_total, m->total),
		       m->huge_free >> 10);
	return n;
}

unsigned int ot_verdicts(const struct ot_snapshot *s, const struct ot_oom_info *oom,
			 struct ot_verdict *out, unsigned int max)
{
	const struct ot_memctx *m = &s->mem;
	unsigned int n, i;

	n = ot_memory_verdicts(s, oom, out, 0, max);

	for (i = 0; i < s->nr_devs; i++) {
		const struct ot_snap_dev *d = &s->devs[i];

		if (d->state == OT_DEV_STUCK)
			OT_SAY("tx_stuck", d->name, "TX stuck on %s: %llu skbs (%llu kB) handed to the driver never completed, oldest %us",
			       d->name, d->in_flight, d->in_flight_bytes >> 10,
			       ot_secs(s->now_ns, d->oldest_tx_ns));
	}

	for (i = 0; i < s->nr_sites; i++) {
		const struct ot_snap_site *r = &s->sites[i];

		if ((ot_row_est(r, r->live_bytes) >> 10) < OT_SUSPECT_MIN_KB)
			break;	/* sorted by live bytes */
		if (!r->oldest_ns || r->oldest_ns > s->now_ns ||
		    s->now_ns - r->oldest_ns < (u64)ot_params.stuck_ms * NSEC_PER_MSEC)
			continue;
		OT_SAY("outstanding", r->name && r->name[0] ? r->name : "-", "outstanding: %s holds %llu kB in %llu %s objects, oldest %us",
		       r->name && r->name[0] ? r->name : "(allocated untracked)",
		       ot_row_est(r, r->live_bytes) >> 10, ot_row_est(r, r->live),
		       ot_kind_names[r->kind], ot_secs(s->now_ns, r->oldest_ns));
		break;
	}

	for (i = 0; i < s->nr_frag; i++) {
		const struct ot_snap_frag *f = &s->frag[i];
		char site[OT_VERDICT_SUBJECT];

		if ((f->bytes >> 10) < OT_FRAG_PINNED_MIN_KB + OT_FRAG_PER_CPU_KB * s->nr_cpus)
			continue;
		snprintf(site, sizeof(site), "%pS", (void *)f->site);
		OT_SAY("page_frag", site, "page_frag: %u caches filled by %s pin %llu kB, invisible to slab and LRU",
		       f->caches, site, f->bytes >> 10);
	}

	if (ot_at_least(m->top_rss, m->total, OT_PROCESS_PCT))
		OT_SAY("process", m->top_comm, "process %s (pid %d) holds %u%% of RAM (%llu kB RSS): a user process, not a kernel leak",
		       m->top_comm, m->top_pid, ot_pct(m->top_rss, m->total), m->top_rss);

	if (ot_at_least(m->slab_unreclaimable, m->total, OT_SLAB_PCT))
		OT_SAY("slab", "-", "unreclaimable slab holds %llu MiB (%u%% of RAM)",
		       m->slab_unreclaimable >> 10, ot_pct(m->slab_unreclaimable, m->total));

	/* With the pools unknown, what they hold would be blamed on a leak. */
	if (ot_at_least(m->unaccounted, m->total, OT_UNACCOUNTED_PCT) && m->huge_known)
		OT_SAY("unaccounted", "-", "%llu MiB (%u%% of RAM) is accounted to no slab, LRU or hugepage pool (estimate): kernel memory outside slab",
		       m->unaccounted >> 10, ot_pct(m->unaccounted, m->total));
	else if (ot_at_least(m->unaccounted, m->total, OT_UNACCOUNTED_PCT))
		OT_SAY("unaccounted", "-", "%llu MiB (%u%% of RAM) is accounted to no slab or LRU (estimate); the hugepage pools are unknown and may hold it",
		       m->unaccounted >> 10, ot_pct(m->unaccounted, m->total));

	for (i = 0; i < s->nr_devs; i++) {
		const struct ot_snap_dev *d = &s->devs[i];

		if (d->state == OT_DEV_BACKLOG)
			OT_SAY("tx_backlog", d->name, "TX backlog on %s: %llu skbs in flight and completing, oldest %us: bounded, not a leak",
			       d->name, d->in_flight, ot_secs(s->now_ns, d->oldest_tx_ns));
		if (d->state == OT_DEV_LINK_DOWN)
			OT_SAY("tx_held", d->name, "TX held on %s while its link is down (%us): %llu skbs (%llu kB) wait in the driver's ring for the carrier",
			       d->name, ot_secs(s->now_ns, d->carrier_lost_ns), d->in_flight,
			       d->in_flight_bytes >> 10);
	}

	if (!n)
		OT_SAY("none", "-", "no single cause stands out");
	return n;
}
