// SPDX-License-Identifier: GPL-2.0
/*
 * Text out of a snapshot: the human report, the bounded OOM report, and
 * the machine-readable files. Machine files start with a versioned header
 * naming their columns; numeric columns come first and the free-form
 * callsite text last, so a parser never has to guess where a field ends.
 */
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/seq_file.h>

#include "oomring.h"
#include "oomtrace.h"
#include "report.h"
#include "snapshot.h"
#include "verdict.h"

#define OT_REPORT_TOP	8	/* callsites in the human report */
#define OT_OOM_TOP	5	/* callsites in the OOM report */

void ot_out_printf(struct ot_out *o, const char *fmt, ...)
{
	va_list args;

	if (o->max_lines && o->lines >= o->max_lines)
		return;
	va_start(args, fmt);
	if (o->m) {
		seq_vprintf(o->m, fmt, args);
	} else if (o->entry) {
		struct va_format vaf = { .fmt = fmt, .va = &args };

		oomtrace_ring_append(o->entry, "%pV", &vaf);
	}
	va_end(args);
	if (strchr(fmt, '\n'))
		o->lines++;
}

/* The name recorded at first sight; an address for sites never described. */
static const char *ot_row_name(const struct ot_snap_site *r, char *buf)
{
	if (r->name && r->name[0])
		return r->name;
	if (!r->ip)
		return "(allocated untracked)";
	snprintf(buf, OT_SITE_NAME, "%pS", (void *)r->ip);
	return buf;
}

static unsigned int ot_age_s(const struct ot_snapshot *s, u64 then)
{
	return then && s->now_ns > then ? div_u64(s->now_ns - then, NSEC_PER_SEC) : 0;
}

/* "+96 kB over 8s" from the trend ring, or nothing without history. */
static void ot_out_growth(struct ot_out *o, const struct ot_snap_site *r)
{
	s64 delta;

	if (r->nr_trend < 2) {
		ot_out_printf(o, " trend: not enough samples yet");
		return;
	}
	delta = ((s64)r->live_bytes - (s64)r->trend[0]) * (r->every ?: 1);
	ot_out_printf(o, " trend: %+lld kB over %us", div_s64(delta, 1024),
		      r->nr_trend * ot_params.interval_ms / 1000);
}

static void ot_out_mem(struct ot_out *o, const struct ot_memctx *m)
{
	ot_out_printf(o, "memory: total %llu kB, free %llu kB (cma %llu kB, min watermark %llu kB), slab unreclaimable %llu kB, ",
		      m->total, m->free, m->free_cma, m->min_wmark, m->slab_unreclaimable);
	if (m->huge_known)
		ot_out_printf(o, "hugepages %llu kB (%llu kB free), ", m->huge_total, m->huge_free);
	else
		ot_out_printf(o, "hugepages unknown, ");
	ot_out_printf(o, "accounted nowhere ~%llu kB\n", m->unaccounted);
}

/* What the kernel will do at the next OOM. */
static void ot_out_policy(struct ot_out *o, const struct ot_snapshot *s)
{
	const struct ot_settings *set = &s->settings;

	if (set->panic_known)
		ot_out_printf(o, "policy: panic_on_oom %d (read %us ago)\n", set->panic_on_oom,
			      ot_age_s(s, set->read_ns));
	else
		ot_out_printf(o, "policy: panic_on_oom unknown (/proc/sys/vm/panic_on_oom unreadable)\n");
}

static void ot_out_verdicts(struct ot_out *o, struct ot_snapshot *s,
			    const struct ot_oom_info *oom)
{
	unsigned int i, n = ot_verdicts(s, oom, s->verdicts, OT_VERDICT_MAX);

	for (i = 0; i < n; i++)
		ot_out_printf(o, "verdict: %s\n", s->verdicts[i].text);
}

static void ot_out_estimate(struct ot_out *o, const struct ot_snapshot *s)
{
	if (s->sample_every > 1)
		ot_out_printf(o, "sampling 1 in %u allocations: counts below are estimates (x%u, +/- a 95%% bound)\n",
			      s->sample_every, s->sample_every);
}

/*
 * The 95% bound of an estimate from @k sampled objects at 1 in @every,
 * in percent: each object is in the sample with chance 1/every, so the
 * count is binomial and its relative error is sqrt((1 - 1/every) / k).
 */
static unsigned int ot_estimate_error_pct(u64 k, unsigned int every)
{
	if (!k || every <= 1)
		return 0;
	return int_sqrt(div64_u64(196ULL * 196 * (every - 1), (u64)every * k));
}

static void ot_out_site_size(struct ot_out *o, const struct ot_snap_site *r)
{
	if (r->every > 1)
		ot_out_printf(o, "%llu kB (+/-%u%%)", ot_row_est(r, r->live_bytes) >> 10,
			      ot_estimate_error_pct(r->live, r->every));
	else
		ot_out_printf(o, "%llu kB", r->live_bytes >> 10);
}

void ot_report_human(struct ot_out *o, struct ot_snapshot *s)
{
	char name[OT_SITE_NAME];
	unsigned int i, shown = 0;

	ot_out_printf(o, "oomtrace report: %us since load or last reset\n",
		      ot_age_s(s, s->since_ns));
	ot_out_verdicts(o, s, NULL);
	ot_out_mem(o, &s->mem);
	ot_out_policy(o, s);
	ot_out_estimate(o, s);

	ot_out_printf(o, "\ntop callsites by outstanding bytes:\n");
	for (i = 0; i < s->nr_sites && shown < OT_REPORT_TOP; i++) {
		const struct ot_snap_site *r = &s->sites[i];

		if (!r->live)
			continue;
		shown++;
		ot_out_printf(o, "  %s: ", ot_row_name(r, name));
		ot_out_site_size(o, r);
		ot_out_printf(o, " in %llu live %s (%llu allocated, %llu freed), oldest %us,",
			      ot_row_est(r, r->live), ot_kind_names[r->kind],
			      ot_row_est(r, r->allocs), ot_row_est(r, r->frees),
			      ot_age_s(s, r->oldest_ns));
		ot_out_growth(o, r);
		ot_out_printf(o, "\n");
		if (r->stack && r->stack[0])
			ot_out_printf(o, "      called from: %s\n", r->stack);
	}
	if (!shown)
		ot_out_printf(o, "  nothing outstanding\n");

	ot_out_printf(o, "\nnetwork devices (TX handed to driver, not yet freed):\n");
	for (i = 0; i < s->nr_devs; i++) {
		const struct ot_snap_dev *d = &s->devs[i];

		ot_out_printf(o, "  %s: %s, %llu in flight (%llu kB), oldest %us, %llu sent, %llu completed, %llu requeued\n",
			      d->name, ot_dev_state_name(d->state), d->in_flight,
			      d->in_flight_bytes >> 10, ot_age_s(s, d->oldest_tx_ns),
			      d->xmits, d->completions, d->requeued);
	}
	if (!s->nr_devs)
		ot_out_printf(o, "  no transmits seen\n");

	ot_out_printf(o, "\npage_frag caches holding a page (not in slab or LRU):\n");
	for (i = 0; i < s->nr_frag; i++)
		ot_out_printf(o, "  %pS: %u caches, %llu kB, last used %us ago\n",
			      (void *)s->frag[i].site, s->frag[i].caches,
			      s->frag[i].bytes >> 10, ot_age_s(s, s->frag[i].last_ns));
	if (!s->nr_frag)
		ot_out_printf(o, "  none\n");

	ot_out_printf(o, "\ndrops: %llu objects (table full), %llu callsites, %llu devices; tracking %llu of %llu objects\n",
		      s->stats.objs_dropped, s->stats.sites_dropped, s->stats.devs_dropped,
		      s->stats.objs_live, s->stats.objs_capacity);
}

static const char *ot_oom_trigger(const struct ot_oom_info *oom)
{
	if (!oom || !oom->known)
		return "global OOM";
	if (oom->order == -1)
		return "sysrq-f (manual)";
	if (oom->memcg)
		return "memcg OOM";
	if (oom->cpuset)
		return "cpuset-constrained OOM";
	return oom->mempolicy ? "mempolicy-constrained OOM" : "global OOM";
}

/* At most 25 lines, whatever the tables hold: it goes to the console. */
void ot_report_oom(struct ot_out *o, struct ot_snapshot *s,
		   const struct ot_oom_info *oom, u64 seq)
{
	char name[OT_SITE_NAME];
	unsigned int i, shown = 0;

	o->max_lines = 25;
	ot_out_printf(o, "OOM #%llu: %s", seq, ot_oom_trigger(oom));
	if (oom && oom->known && oom->order >= 0)
		ot_out_printf(o, ", gfp %pGg, order %d", &oom->gfp, oom->order);
	if (oom && oom->panic_known)
		ot_out_printf(o, ", panic_on_oom %d", oom->panic_on_oom);
	else if (oom)
		ot_out_printf(o, ", panic_on_oom unknown");
	ot_out_printf(o, "\n");
	ot_out_mem(o, &s->mem);
	if (s->mem.top_rss)
		ot_out_printf(o, "largest process: %s (pid %d) %llu kB RSS\n",
			      s->mem.top_comm, s->mem.top_pid, s->mem.top_rss);
	ot_out_verdicts(o, s, oom);
	for (i = 0; i < s->nr_sites && shown < OT_OOM_TOP; i++) {
		const struct ot_snap_site *r = &s->sites[i];

		if (!r->live)
			continue;
		shown++;
		ot_out_printf(o, "top %u: %s %llu kB in %llu %s, oldest %us\n", shown,
			      ot_row_name(r, name), ot_row_est(r, r->live_bytes) >> 10,
			      ot_row_est(r, r->live), ot_kind_names[r->kind],
			      ot_age_s(s, r->oldest_ns));
	}
	for (i = 0; i < s->nr_devs && i < 3; i++) {
		const struct ot_snap_dev *d = &s->devs[i];

		if (d->in_flight)
			ot_out_printf(o, "tx %s: %s, %llu in flight, oldest %us\n", d->name,
				      ot_dev_state_name(d->state), d->in_flight,
				      ot_age_s(s, d->oldest_tx_ns));
	}
}

void ot_report_callsites(struct ot_out *o, struct ot_snapshot *s)
{
	char name[OT_SITE_NAME];
	unsigned int i, j;

	ot_out_printf(o, "%s", OT_TABLE_HEADER(OT_FILE_CALLSITES, OT_CALLSITES_FIELDS));
	for (i = 0; i < s->nr_sites; i++) {
		const struct ot_snap_site *r = &s->sites[i];
		u64 oldest = r->oldest_ns ? div_u64(s->now_ns - min(r->oldest_ns, s->now_ns),
						    NSEC_PER_MSEC) : 0;
		u64 first = r->first_ns ? div_u64(s->now_ns - min(r->first_ns, s->now_ns),
						  NSEC_PER_MSEC) : 0;

		ot_out_printf(o, "%s %llu %llu %llu %llu %llu %llu %u ", ot_kind_names[r->kind],
			      r->live, r->live_bytes, r->allocs, r->frees, oldest, first,
			      r->every ?: 1);
		for (j = 0; j < r->nr_trend; j++)
			ot_out_printf(o, "%s%llu", j ? "," : "", r->trend[j] >> 10);
		ot_out_printf(o, "%s %s | %s\n", r->nr_trend ? "" : "-", ot_row_name(r, name),
			      r->stack ?: "");
	}
}

void ot_report_netdev(struct ot_out *o, struct ot_snapshot *s)
{
	unsigned int i, j;

	ot_out_printf(o, "%s", OT_TABLE_HEADER(OT_FILE_NETDEV, OT_NETDEV_FIELDS));
	for (i = 0; i < s->nr_devs; i++) {
		const struct ot_snap_dev *d = &s->devs[i];
		u64 oldest = d->oldest_tx_ns ? div_u64(s->now_ns - min(d->oldest_tx_ns, s->now_ns),
						       NSEC_PER_MSEC) : 0;
		s64 since = d->last_completion_ns ?
			    (s64)div_u64(s->now_ns - min(d->last_completion_ns, s->now_ns),
					 NSEC_PER_MSEC) : -1;

		ot_out_printf(o, "%d %s %s %llu %llu %llu %llu %llu %llu %llu %lld ",
			      d->ifindex, d->name, ot_dev_state_name(d->state),
			      d->in_flight, d->in_flight_bytes, oldest, d->xmits,
			      d->completions, d->requeued, d->clean_calls, since);
		for (j = 0; j < d->nr_trend; j++)
			ot_out_printf(o, "%s%llu", j ? "," : "", d->trend[j]);
		ot_out_printf(o, "%s\n", d->nr_trend ? "" : "-");
	}
}

/* The same verdicts as `cat report`, one per line, for machines. */
void ot_report_verdicts(struct ot_out *o, struct ot_snapshot *s)
{
	unsigned int i, n = ot_verdicts(s, NULL, s->verdicts, OT_VERDICT_MAX);

	ot_out_printf(o, "%s", OT_TABLE_HEADER(OT_FILE_VERDICTS, OT_VERDICTS_FIELDS));
	for (i = 0; i < n; i++)
		ot_out_printf(o, "%s %s | %s\n", s->verdicts[i].kind,
			      s->verdicts[i].subject, s->verdicts[i].text);
}

void ot_report_stats(struct ot_out *o, struct ot_snapshot *s)
{
	const struct ot_snap_stats *st = &s->stats;

	ot_out_printf(o, "%s", OT_TABLE_HEADER(OT_FILE_STATS, OT_STATS_FIELDS));
	ot_out_printf(o, "enabled %d\n", READ_ONCE(ot_enabled));
	ot_out_printf(o, "since_ms %llu\n",
		      div_u64(s->now_ns - min(s->since_ns, s->now_ns), NSEC_PER_MSEC));
	ot_out_printf(o, "sample_every %u\n", s->sample_every);
	ot_out_printf(o, "objects_live %llu\n", st->objs_live);
	ot_out_printf(o, "objects_capacity %llu\n", st->objs_capacity);
	ot_out_printf(o, "objects_dropped %llu\n", st->objs_dropped);
	ot_out_printf(o, "objects_stale %llu\n", st->objs_stale);
	ot_out_printf(o, "callsites_dropped %llu\n", st->sites_dropped);
	ot_out_printf(o, "netdevs_dropped %llu\n", st->devs_dropped);
	ot_out_printf(o, "sampled_out %llu\n", st->sampled_out);
	ot_out_printf(o, "frags_reaped %llu\n", st->frags_reaped);
	ot_out_printf(o, "attrib_unwinds %llu\n", st->attrib_unwinds);
	ot_out_printf(o, "frag_caches_dropped %llu\n", st->frag_caches_dropped);
	ot_out_printf(o, "oom_repeats_not_reported %lu\n", READ_ONCE(ot_oom_repeats));
	ot_out_printf(o, "oom_last_build_us %llu\n",
		      div_u64(READ_ONCE(ot_oom_build_ns), NSEC_PER_USEC));
	ot_out_printf(o, "oom_last_print_us %llu\n",
		      div_u64(READ_ONCE(ot_oom_print_ns), NSEC_PER_USEC));
	ot_out_printf(o, "footprint_bytes %llu\n", st->footprint);
}
