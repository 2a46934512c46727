// SPDX-License-Identifier: GPL-2.0
/*
 * The module's state as Prometheus metrics (text exposition format
 * 0.0.4), for node_exporter's textfile collector or any scraper.
 *
 * A fleet stores every label value it is ever given, so the number of
 * series must not grow with what the board does: callsites and devices
 * are named for the top N by outstanding bytes, and the rest are summed
 * under site="other" / device="other". Callsites are keyed by family and
 * site; rows of the same site reached through different stacks are one
 * series. Counts are the module's estimates when it samples.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../../module/format.h"
#include "lib/fmt.h"
#include "live/metrics.h"

#define OTHER "other"

/* A label value, escaped as the exposition format asks. */
static void label_value(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			fprintf(out, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
	}
}

static void family(FILE *out, const char *name, const char *type, const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void sample(FILE *out, const char *name, uint64_t v)
{
	fprintf(out, "%s %" PRIu64 "\n", name, v);
}

static void sample1s(FILE *out, const char *name, const char *label, const char *lv,
		     const char *value)
{
	fprintf(out, "%s{%s=\"", name, label);
	label_value(out, lv);
	fprintf(out, "\"} %s\n", value);
}

static void sample1(FILE *out, const char *name, const char *label, const char *lv,
		    uint64_t v)
{
	char value[FMT_LEN];

	snprintf(value, sizeof(value), "%" PRIu64, v);
	sample1s(out, name, label, lv, value);
}

static void sample2(FILE *out, const char *name, const char *l1, const char *v1,
		    const char *l2, const char *v2, const char *value)
{
	fprintf(out, "%s{%s=\"", name, l1);
	label_value(out, v1);
	fprintf(out, "\",%s=\"", l2);
	label_value(out, v2);
	fprintf(out, "\"} %s\n", value);
}

static uint64_t stat_u64(const struct mf_stats *st, const char *key)
{
	const struct mf_stat *s = mf_stat_find(st, key);

	return s && !s->negative ? s->uvalue : 0;
}

/* One callsite series: rows of one family and site, summed. */
struct site_sum {
	const char *kind, *site;
	uint64_t bytes, objects, oldest_ms;
};

static int by_bytes_desc(const void *a, const void *b)
{
	const struct site_sum *x = a, *y = b;

	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	if (x->objects != y->objects)
		return x->objects < y->objects ? 1 : -1;
	return strcmp(x->site, y->site);
}

static int by_kind_site(const void *a, const void *b)
{
	const struct site_sum *x = a, *y = b;
	int c = strcmp(x->kind, y->kind);

	return c ? c : strcmp(x->site, y->site);
}

/* One sum per family and site: sorted by both, then merged. */
static size_t sum_sites(const struct mf_callsites *cs, struct site_sum *sums)
{
	size_t i, n = 0;

	for (i = 0; i < cs->nr; i++) {
		const struct mf_callsite *c = &cs->v[i];
		uint64_t every = c->sample_every ? c->sample_every : 1;

		sums[i] = (struct site_sum){
			.kind = c->kind, .site = c->site,
			.bytes = fmt_mul_sat(c->live_bytes, every),
			.objects = fmt_mul_sat(c->live, every),
			.oldest_ms = c->oldest_ms,
		};
	}
	if (!cs->nr)
		return 0;	/* qsort() must not be given NULL, even for none */
	qsort(sums, cs->nr, sizeof(*sums), by_kind_site);
	for (i = 0; i < cs->nr; i++) {
		struct site_sum *last = n ? &sums[n - 1] : NULL;

		if (last && !by_kind_site(last, &sums[i])) {
			last->bytes = fmt_add_sat(last->bytes, sums[i].bytes, UINT64_MAX);
			last->objects = fmt_add_sat(last->objects, sums[i].objects, UINT64_MAX);
			if (sums[i].oldest_ms > last->oldest_ms)
				last->oldest_ms = sums[i].oldest_ms;
		} else {
			sums[n++] = sums[i];
		}
	}
	return n;
}

static void seconds(char buf[FMT_LEN], uint64_t ms)
{
	snprintf(buf, FMT_LEN, "%" PRIu64 ".%03u", ms / 1000, (unsigned int)(ms % 1000));
}

static void u64s(char buf[FMT_LEN], uint64_t v)
{
	snprintf(buf, FMT_LEN, "%" PRIu64, v);
}

/* One family's totals, and what its callsites beyond the top N hold. */
struct kind_sum {
	const char *kind;
	uint64_t bytes, objects;
	uint64_t rest_bytes, rest_objects;
	size_t rest;		/* callsites summed as "other" */
};

/*
 * Families from @sums sorted by family and site; each starts with all of
 * its callsites counted as "other", and write_callsites() takes out the
 * ones it names.
 */
static size_t sum_kinds(const struct site_sum *sums, size_t n, struct kind_sum *kinds)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (!k || strcmp(kinds[k - 1].kind, sums[i].kind))
			kinds[k++] = (struct kind_sum){ .kind = sums[i].kind };
		kinds[k - 1].bytes = fmt_add_sat(kinds[k - 1].bytes, sums[i].bytes, UINT64_MAX);
		kinds[k - 1].objects = fmt_add_sat(kinds[k - 1].objects, sums[i].objects,
						   UINT64_MAX);
		kinds[k - 1].rest++;
	}
	for (i = 0; i < k; i++) {
		kinds[i].rest_bytes = kinds[i].bytes;
		kinds[i].rest_objects = kinds[i].objects;
	}
	return k;
}

static struct kind_sum *find_kind(struct kind_sum *kinds, size_t nr, const char *kind)
{
	size_t i;

	for (i = 0; i < nr; i++)
		if (!strcmp(kinds[i].kind, kind))
			return &kinds[i];
	return NULL;
}

/* Bytes or objects: the named callsites, then each family's "other". */
static void site_series(FILE *out, const char *name, const char *help,
			const struct site_sum *sums, size_t named,
			const struct kind_sum *kinds, size_t nr_kinds, bool objects)
{
	char v[FMT_LEN];
	size_t i;

	family(out, name, "gauge", help);
	for (i = 0; i < named; i++) {
		u64s(v, objects ? sums[i].objects : sums[i].bytes);
		sample2(out, name, "family", sums[i].kind, "site", sums[i].site, v);
	}
	for (i = 0; i < nr_kinds; i++) {
		if (!kinds[i].rest)
			continue;
		u64s(v, objects ? kinds[i].rest_objects : kinds[i].rest_bytes);
		sample2(out, name, "family", kinds[i].kind, "site", OTHER, v);
	}
}

static void write_callsites(FILE *out, const struct site_sum *sums, size_t n,
			    struct kind_sum *kinds, size_t nr_kinds, size_t top)
{
	size_t i, named = n < top ? n : top;
	char v[FMT_LEN];

	for (i = 0; i < named; i++) {
		struct kind_sum *k = find_kind(kinds, nr_kinds, sums[i].kind);

		k->rest_bytes -= sums[i].bytes;
		k->rest_objects -= sums[i].objects;
		k->rest--;
	}

	family(out, "oomtrace_family_outstanding_bytes", "gauge",
	       "Bytes allocated and not yet freed, per family (skb, frag, ...).");
	for (i = 0; i < nr_kinds; i++)
		sample1(out, "oomtrace_family_outstanding_bytes", "family", kinds[i].kind,
			kinds[i].bytes);

	site_series(out, "oomtrace_callsite_outstanding_bytes",
		    "Bytes allocated at a callsite and not yet freed; site=\"other\": the rest.",
		    sums, named, kinds, nr_kinds, false);
	site_series(out, "oomtrace_callsite_outstanding_objects",
		    "Objects allocated at a callsite and not yet freed; site=\"other\": the rest.",
		    sums, named, kinds, nr_kinds, true);

	family(out, "oomtrace_callsite_oldest_seconds", "gauge",
	       "Age of the oldest object a named callsite still holds.");
	for (i = 0; i < named; i++) {
		seconds(v, sums[i].oldest_ms);
		sample2(out, "oomtrace_callsite_oldest_seconds", "family", sums[i].kind,
			"site", sums[i].site, v);
	}
}

static int dev_by_bytes_desc(const void *a, const void *b)
{
	const struct mf_netdev *x = *(const struct mf_netdev *const *)a;
	const struct mf_netdev *y = *(const struct mf_netdev *const *)b;

	if (x->in_flight_bytes != y->in_flight_bytes)
		return x->in_flight_bytes < y->in_flight_bytes ? 1 : -1;
	if (x->in_flight != y->in_flight)
		return x->in_flight < y->in_flight ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* A per-device gauge: the top N by name, the rest summed as "other". */
static void dev_gauge(FILE *out, const struct mf_netdev *const *devs, size_t n,
		      size_t named, const char *name, size_t offset)
{
	uint64_t rest = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t v = *(const uint64_t *)((const char *)devs[i] + offset);

		if (i < named)
			sample1(out, name, "device", devs[i]->name, v);
		else
			rest = fmt_add_sat(rest, v, UINT64_MAX);
	}
	if (n > named)
		sample1(out, name, "device", OTHER, rest);
}

static void write_netdevs(FILE *out, const struct mf_netdev *const *devs, size_t n,
			  size_t top)
{
	size_t i, named = n < top ? n : top;
	char v[FMT_LEN];

	family(out, "oomtrace_netdev_in_flight", "gauge",
	       "skbs handed to a device's driver and not yet completed.");
	dev_gauge(out, devs, n, named, "oomtrace_netdev_in_flight",
		  offsetof(struct mf_netdev, in_flight));
	family(out, "oomtrace_netdev_in_flight_bytes", "gauge",
	       "Bytes of the skbs a device's driver holds.");
	dev_gauge(out, devs, n, named, "oomtrace_netdev_in_flight_bytes",
		  offsetof(struct mf_netdev, in_flight_bytes));
	family(out, "oomtrace_netdev_oldest_tx_seconds", "gauge",
	       "Age of the oldest transmit a device has not completed.");
	for (i = 0; i < named; i++) {
		seconds(v, devs[i]->oldest_ms);
		sample1s(out, "oomtrace_netdev_oldest_tx_seconds", "device", devs[i]->name, v);
	}
	family(out, "oomtrace_netdev_transmits_total", "counter",
	       "Transmits handed to a named device's driver since load or reset.");
	for (i = 0; i < named; i++)
		sample1(out, "oomtrace_netdev_transmits_total", "device", devs[i]->name,
			devs[i]->xmits);
	family(out, "oomtrace_netdev_completions_total", "counter",
	       "Transmits a named device's driver completed since load or reset.");
	for (i = 0; i < named; i++)
		sample1(out, "oomtrace_netdev_completions_total", "device", devs[i]->name,
			devs[i]->completions);
	family(out, "oomtrace_netdev_state", "gauge",
	       "1 for a named device's TX state: idle, ok, backlog, pending, stuck, link-down.");
	for (i = 0; i < named; i++)
		sample2(out, "oomtrace_netdev_state", "device", devs[i]->name, "state",
			devs[i]->state, "1");
}

static void write_module(FILE *out, const struct metrics_input *in)
{
	const struct mf_stats *st = in->stats;
	char v[FMT_LEN];
	size_t i;

	family(out, "oomtrace_up", "gauge", "1 if the module's files could be read.");
	sample(out, "oomtrace_up", 1);
	family(out, "oomtrace_info", "gauge", "The reader's version.");
	sample1(out, "oomtrace_info", "version", OT_VERSION, 1);
	family(out, "oomtrace_enabled", "gauge", "1 while the module records.");
	sample(out, "oomtrace_enabled", stat_u64(st, "enabled"));
	family(out, "oomtrace_tracked_seconds", "gauge", "Time since load or the last reset.");
	seconds(v, stat_u64(st, "since_ms"));
	fprintf(out, "oomtrace_tracked_seconds %s\n", v);
	family(out, "oomtrace_sample_every", "gauge",
	       "1: every allocation is tracked; N: one in N, counts are estimates.");
	sample(out, "oomtrace_sample_every", stat_u64(st, "sample_every"));
	family(out, "oomtrace_objects_live", "gauge", "Entries in use in the live-object table.");
	sample(out, "oomtrace_objects_live", stat_u64(st, "objects_live"));
	family(out, "oomtrace_objects_capacity", "gauge", "Size of the live-object table.");
	sample(out, "oomtrace_objects_capacity", stat_u64(st, "objects_capacity"));
	family(out, "oomtrace_dropped_total", "counter",
	       "Records lost because a table was full: the figures undercount.");
	sample1(out, "oomtrace_dropped_total", "table", "objects",
		stat_u64(st, "objects_dropped"));
	sample1(out, "oomtrace_dropped_total", "table", "callsites",
		stat_u64(st, "callsites_dropped"));
	sample1(out, "oomtrace_dropped_total", "table", "netdevs",
		stat_u64(st, "netdevs_dropped"));
	sample1(out, "oomtrace_dropped_total", "table", "frag_caches",
		stat_u64(st, "frag_caches_dropped"));
	family(out, "oomtrace_footprint_bytes", "gauge", "Memory the module itself holds.");
	sample(out, "oomtrace_footprint_bytes", stat_u64(st, "footprint_bytes"));
	family(out, "oomtrace_ooms_total", "counter", "OOMs the module reported since load.");
	sample(out, "oomtrace_ooms_total", in->ooms);
	family(out, "oomtrace_oom_repeats_not_reported_total", "counter",
	       "OOMs too soon after the last one to be reported again.");
	sample(out, "oomtrace_oom_repeats_not_reported_total",
	       stat_u64(st, "oom_repeats_not_reported"));

	family(out, "oomtrace_probe_attached", "gauge", "1 if a probe is attached.");
	for (i = 0; i < in->probes->nr; i++)
		sample1(out, "oomtrace_probe_attached", "probe", in->probes->v[i].what,
			!strcmp(in->probes->v[i].state, "attached"));
	family(out, "oomtrace_probe_missed_total", "counter",
	       "Probe hits the kernel could not deliver (nested or busy).");
	for (i = 0; i < in->probes->nr; i++)
		sample1(out, "oomtrace_probe_missed_total", "probe", in->probes->v[i].what,
			in->probes->v[i].missed);

	family(out, "oomtrace_verdict", "gauge",
	       "1 for each verdict `cat report` gives now, by kind and subject.");
	for (i = 0; i < in->verdicts->nr; i++)
		sample2(out, "oomtrace_verdict", "kind", in->verdicts->v[i].kind, "subject",
			in->verdicts->v[i].subject, "1");
}

int metrics_write(FILE *out, const struct metrics_input *in)
{
	const struct mf_netdev **devs = NULL;
	struct kind_sum *kinds = NULL;
	struct site_sum *sums = NULL;
	size_t n, nr_kinds, i;
	int ret = -1;

	if (in->callsites->nr) {
		sums = calloc(in->callsites->nr, sizeof(*sums));
		kinds = calloc(in->callsites->nr, sizeof(*kinds));
		if (!sums || !kinds)
			goto out;
	}
	if (in->netdevs->nr) {
		devs = calloc(in->netdevs->nr, sizeof(*devs));
		if (!devs)
			goto out;
	}
	write_module(out, in);
	n = sum_sites(in->callsites, sums);
	nr_kinds = sum_kinds(sums, n, kinds);
	if (n)
		qsort(sums, n, sizeof(*sums), by_bytes_desc);
	write_callsites(out, sums, n, kinds, nr_kinds, in->top);
	for (i = 0; i < in->netdevs->nr; i++)
		devs[i] = &in->netdevs->v[i];
	if (in->netdevs->nr)
		qsort(devs, in->netdevs->nr, sizeof(*devs), dev_by_bytes_desc);
	write_netdevs(out, devs, in->netdevs->nr, in->top);
	ret = 0;
out:
	free(sums);
	free(kinds);
	free(devs);
	return ret;
}

int metrics_write_down(FILE *out)
{
	family(out, "oomtrace_up", "gauge", "1 if the module's files could be read.");
	sample(out, "oomtrace_up", 0);
	return 0;
}
