// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace top [-n N] [--sort bytes|count|age] [--dir DIR]: the callsites
 * holding the most memory now, and the network devices with transmits
 * handed to their driver and not yet freed.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/commands.h"
#include "lib/fmt.h"
#include "live/moddir.h"

static void top_usage(FILE *f)
{
	fprintf(f, "usage: oomtrace top [-n N] [--sort bytes|count|age] [--dir DIR]\n"
		   "Shows the N callsites (default 10, 0 for all) holding the most memory\n"
		   "and the network devices with transmits in flight. DIR defaults to\n"
		   MF_DEFAULT_DIR ".\n");
}

static enum top_sort sort_key;

static int cmp_u64_desc(uint64_t a, uint64_t b)
{
	return (a < b) - (a > b);
}

static int cmp_site(const void *pa, const void *pb)
{
	const struct mf_callsite *a = pa, *b = pb;
	uint64_t ab = fmt_mul_sat(a->live_bytes, a->sample_every ? a->sample_every : 1);
	uint64_t bb = fmt_mul_sat(b->live_bytes, b->sample_every ? b->sample_every : 1);
	int c = 0;

	if (sort_key == TOP_SORT_COUNT)
		c = cmp_u64_desc(a->live, b->live);
	else if (sort_key == TOP_SORT_AGE)
		c = cmp_u64_desc(a->oldest_ms, b->oldest_ms);
	if (!c)
		c = cmp_u64_desc(ab, bb);
	if (!c)
		c = strcmp(a->site, b->site);
	if (!c)
		c = strcmp(a->kind, b->kind);
	return c;
}

static const char *sort_name(enum top_sort s)
{
	return s == TOP_SORT_COUNT ? "live objects" : s == TOP_SORT_AGE ? "age of the oldest" :
	       "outstanding bytes";
}

static void print_sites(FILE *out, struct mf_callsites *cs, const struct top_opts *o)
{
	char age[FMT_LEN], growth[FMT_LEN];
	size_t i, live = 0, shown = 0;
	uint64_t every = 1;

	for (i = 0; i < cs->nr; i++) {
		if (cs->v[i].live)
			live++;
		if (cs->v[i].sample_every > every)
			every = cs->v[i].sample_every;
	}
	sort_key = o->sort;
	if (cs->nr > 1)
		qsort(cs->v, cs->nr, sizeof(*cs->v), cmp_site);
	fprintf(out, "callsites holding memory: %zu of %zu, by %s\n", live, cs->nr,
		sort_name(o->sort));
	if (every > 1)
		fprintf(out, "sampling 1 in %" PRIu64 " allocations: counts and sizes are estimates (x%" PRIu64 ")\n",
			every, every);
	if (!live) {
		fprintf(out, "  nothing outstanding\n");
		return;
	}
	fprintf(out, "  %10s %9s %8s %-6s %8s  %s\n", "KB", "LIVE", "OLDEST", "KIND", "TREND_KB",
		"CALLSITE");
	for (i = 0; i < cs->nr && (!o->limit || shown < o->limit); i++) {
		const struct mf_callsite *c = &cs->v[i];
		uint64_t x = c->sample_every ? c->sample_every : 1;

		if (!c->live)
			continue;
		shown++;
		if (c->nr_trend >= 2)
			fmt_delta(((int64_t)c->trend_kb[c->nr_trend - 1] - (int64_t)c->trend_kb[0]) *
				  (int64_t)(x > 1024 ? 1024 : x), growth);
		else
			strcpy(growth, "-");
		fprintf(out, "  %10" PRIu64 " %9" PRIu64 " %8s %-6s %8s  %s\n",
			fmt_mul_sat(c->live_bytes, x) >> 10, fmt_mul_sat(c->live, x),
			fmt_ms(c->oldest_ms, age), c->kind, growth, c->site);
		if (c->stack[0])
			fprintf(out, "  %10s %9s %8s %-6s %8s    from %s\n", "", "", "", "", "", c->stack);
	}
	if (shown < live)
		fprintf(out, "  (%zu more; -n 0 shows all)\n", live - shown);
}

static void print_devs(FILE *out, const struct mf_netdevs *nd)
{
	char age[FMT_LEN], since[FMT_LEN + 8];
	size_t i, shown = 0;

	fprintf(out, "\nnetwork devices with transmits in flight:\n");
	for (i = 0; i < nd->nr; i++) {
		const struct mf_netdev *d = &nd->v[i];

		if (!d->in_flight && !strcmp(d->state, "idle"))
			continue;
		if (!shown++)
			fprintf(out, "  %-15s %-8s %9s %10s %8s %10s %10s  %s\n", "DEVICE", "STATE",
				"IN_FLIGHT", "KB", "OLDEST", "XMITS", "COMPLETED",
				"LAST_COMPLETION");
		if (d->since_completion_ms < 0) {
			strcpy(since, "never");
		} else {
			fmt_ms((uint64_t)d->since_completion_ms, age);
			snprintf(since, sizeof(since), "%s ago", age);
		}
		fprintf(out, "  %-15s %-8s %9" PRIu64 " %10" PRIu64 " %8s %10" PRIu64 " %10" PRIu64 "  %s\n",
			d->name, d->state, d->in_flight, d->in_flight_bytes >> 10,
			fmt_ms(d->oldest_ms, age), d->xmits, d->completions, since);
	}
	if (!shown)
		fprintf(out, "  none (%zu devices seen, all idle)\n", nd->nr);
	else if (shown < nd->nr)
		fprintf(out, "  (%zu idle devices not shown)\n", nd->nr - shown);
}

int top_run(const struct top_opts *o, FILE *out, FILE *err)
{
	struct mf_callsites cs;
	struct mf_netdevs nd;
	struct rd_err e;

	if (md_check_dir(o->dir, &e) || md_load_callsites(o->dir, &cs, &e)) {
		fprintf(err, "oomtrace: %s\n", e.msg);
		return OOMTRACE_EXIT_USAGE;
	}
	if (md_load_netdev(o->dir, &nd, &e)) {
		fprintf(err, "oomtrace: %s\n", e.msg);
		mf_callsites_free(&cs);
		return OOMTRACE_EXIT_USAGE;
	}
	print_sites(out, &cs, o);
	print_devs(out, &nd);
	mf_callsites_free(&cs);
	mf_netdevs_free(&nd);
	return OOMTRACE_EXIT_OK;
}

int cmd_top(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "sort", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	/* in the order of enum top_sort */
	static const char *const sorts[] = { "bytes", "count", "age", NULL };
	struct top_opts o = { .dir = MF_DEFAULT_DIR, .limit = 10, .sort = TOP_SORT_BYTES };
	uint64_t n;
	int c, k;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":hn:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			top_usage(stdout);
			return OOMTRACE_EXIT_OK;
		case 'n':
			if (fmt_parse_count(optarg, 1000000, &n))
				return cli_bad_value("top", "-n", "a number from 0 to 1000000",
						     optarg, top_usage);
			o.limit = (size_t)n;
			break;
		case 's':
			k = cli_choice(optarg, sorts);
			if (k < 0)
				return cli_bad_value("top", "--sort", "bytes, count or age",
						     optarg, top_usage);
			o.sort = (enum top_sort)k;
			break;
		case 'd':
			o.dir = optarg;
			break;
		default:
			return cli_bad_option("top", c, argv, top_usage);
		}
	}
	if (cli_no_operands("top", argc, argv, top_usage))
		return OOMTRACE_EXIT_USAGE;
	return top_run(&o, stdout, stderr);
}
