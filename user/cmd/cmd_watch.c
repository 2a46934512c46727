// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace watch [-i SECONDS] [-c COUNT] [-n N] [--min-rise KB] [--dir DIR]
 *                [--replay FILE...]
 * Samples callsites and netdev every interval, prints what grew, and
 * marks LEAK where the leak rule (trend.c) says so over the samples.
 * --replay takes recorded files as the samples instead, without sleeping,
 * so a recorded series gives the same answer every time.
 */
#include <getopt.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd/commands.h"
#include "lib/fmt.h"
#include "live/moddir.h"
#include "live/watch.h"

struct watch_opts {
	const char *dir;
	uint64_t interval_ns;
	uint64_t count;		/* 0: until interrupted (live) or all files */
	size_t rows;
	int64_t min_rise_kb;
	char **replay;		/* NULL: sample the module */
	size_t nr_replay;
};

static volatile sig_atomic_t watch_stop;

static void on_signal(int sig)
{
	(void)sig;
	watch_stop = 1;
}

static void watch_usage(FILE *f)
{
	fprintf(f, "usage: oomtrace watch [-i SECONDS] [-c COUNT] [-n N] [--min-rise KB] [--dir DIR]\n"
		   "       oomtrace watch [-i SECONDS] [-c COUNT] [-n N] [--min-rise KB] --replay FILE|DIR...\n"
		   "Samples callsites and netdev every SECONDS (default 2) COUNT times (default:\n"
		   "until interrupted) and marks LEAK where outstanding memory keeps growing.\n"
		   "--replay uses recorded files as the samples, spaced SECONDS apart: each\n"
		   "callsites file (or directory holding one) starts a sample, a netdev file\n"
		   "joins the sample before it.\n");
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_ns(uint64_t ns)
{
	struct timespec ts = { (time_t)(ns / 1000000000u), (long)(ns % 1000000000u) };

	while (!watch_stop && nanosleep(&ts, &ts) && errno == EINTR)
		;
}

struct row {
	struct watch_series *s;
	int64_t now, prev, first;
};

static int cmp_row(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int64_t ga = a->now - a->first, gb = b->now - b->first;

	if (ga != gb)
		return ga < gb ? 1 : -1;
	if (a->now != b->now)
		return a->now < b->now ? 1 : -1;
	return strcmp(a->s->name, b->s->name);
}

static const char *verdict_word(enum trend_kind k, size_t n, char buf[FMT_LEN])
{
	switch (k) {
	case TREND_LEAK:
		return "LEAK";
	case TREND_BURST:
		return "burst";
	case TREND_STEADY:
		return "steady";
	default:
		snprintf(buf, FMT_LEN, "(%zu/8)", n);
		return buf;
	}
}

static struct row *rows_of(const struct watch *w, const struct watch_set *set)
{
	size_t n = watch_window(w), i;
	struct row *r = calloc(set->nr ? set->nr : 1, sizeof(*r));

	if (!r)
		return NULL;
	for (i = 0; i < set->nr; i++) {
		r[i].s = &set->v[i];
		r[i].now = watch_value(w, r[i].s, 0);
		r[i].prev = watch_value(w, r[i].s, n > 1 ? 1 : 0);
		r[i].first = watch_value(w, r[i].s, n - 1);
	}
	qsort(r, set->nr, sizeof(*r), cmp_row);
	return r;
}

static void print_sample(FILE *out, const struct watch *w, size_t rows)
{
	char a[FMT_LEN], b[FMT_LEN], c[FMT_LEN], v[FMT_LEN];
	size_t n = watch_window(w), i, shown = 0, holding = 0;
	struct row *r = rows_of(w, &w->sites);
	int64_t total = 0, total_prev = 0;

	if (!r)
		return;
	for (i = 0; i < w->sites.nr; i++) {
		total = (int64_t)fmt_add_sat((uint64_t)total, (uint64_t)r[i].now, INT64_MAX);
		total_prev = (int64_t)fmt_add_sat((uint64_t)total_prev, (uint64_t)r[i].prev, INT64_MAX);
		holding += r[i].now > 0;
	}
	fprintf(out, "sample %zu at +%s: %zu callsites hold %" PRId64 " kB (%s kB since the last sample)\n",
		w->samples, fmt_ms((watch_time(w, 0) - watch_time(w, n - 1)) / 1000000u, a),
		holding, total >> 10, fmt_delta((total - total_prev) / 1024, b));
	if (w->sites.dropped)
		fprintf(out, "  (%zu callsites not followed: more than %d)\n", w->sites.dropped,
			WATCH_MAX_SERIES);
	for (i = 0; i < w->sites.nr && shown < rows; i++) {
		struct trend_result res;

		if (!r[i].now && !r[i].first)
			continue;
		if (!shown++)
			fprintf(out, "  %10s %8s %8s %9s %-7s %s\n", "KB", "+LAST", "+FIRST", "LIVE",
				"VERDICT", "CALLSITE");
		fprintf(out, "  %10" PRId64 " %8s %8s %9" PRIu64 " %-7s %s %s\n", r[i].now >> 10,
			fmt_delta((r[i].now - r[i].prev) / 1024, a),
			fmt_delta((r[i].now - r[i].first) / 1024, b), r[i].s->live,
			verdict_word(watch_judge(w, r[i].s, false, &res), n, v), r[i].s->kind,
			r[i].s->name);
	}
	free(r);
	r = rows_of(w, &w->devs);
	if (!r)
		return;
	for (i = 0, shown = 0; i < w->devs.nr; i++) {
		const struct watch_series *s = r[i].s;
		struct trend_result res;

		if (!r[i].now && !r[i].first && (!s->present || !strcmp(s->state, "idle")))
			continue;
		if (!shown++)
			fprintf(out, "  %-15s %-8s %9s %8s %8s %11s %-7s\n", "DEVICE", "STATE",
				"IN_FLIGHT", "+LAST", "+FIRST", "COMPLETIONS", "VERDICT");
		snprintf(c, sizeof(c), "+%" PRIu64, s->completions - s->completions_first);
		fprintf(out, "  %-15s %-8s %9" PRId64 " %8s %8s %11s %-7s\n", s->name,
			s->present ? s->state : "gone", r[i].now, fmt_delta(r[i].now - r[i].prev, a),
			fmt_delta(r[i].now - r[i].first, b), c,
			verdict_word(watch_judge(w, s, true, &res), n, v));
	}
	free(r);
	fflush(out);
}

/* A mean of int64 values as an integer, without undefined conversions. */
static int64_t whole(double v)
{
	if (!(v > -9.2e18))
		return v < 0 ? -INT64_MAX : 0;
	return v < 9.2e18 ? (int64_t)v : INT64_MAX;
}

static size_t summarize_set(FILE *out, const struct watch *w, const struct watch_set *set,
			    bool dev, size_t *bursts)
{
	char a[FMT_LEN];
	size_t i, leaks = 0;
	struct row *r = rows_of(w, set);
	uint64_t span_ms = (watch_time(w, 0) - watch_time(w, watch_window(w) - 1)) / 1000000u;

	if (!r)
		return 0;
	for (i = 0; i < set->nr; i++) {
		const struct watch_series *s = r[i].s;
		struct trend_result res;
		enum trend_kind k = watch_judge(w, s, dev, &res);
		const char *unit = dev ? "" : " kB";
		int64_t div = dev ? 1 : 1024;

		if (k == TREND_LEAK) {
			leaks++;
			fprintf(out, "LEAK   %s%s%s: %" PRId64 "%s -> %" PRId64 "%s over %s (%s%.1f%s/s, tau %.2f)\n",
				s->kind, s->kind[0] ? " " : "", s->name, whole(res.start) / div, unit,
				whole(res.end) / div, unit, fmt_ms(span_ms, a),
				res.rate_per_sec >= 0 ? "+" : "", res.rate_per_sec / (double)div,
				dev ? " in flight" : " kB", res.tau);
		} else if (k == TREND_BURST) {
			(*bursts)++;
			fprintf(out, "burst  %s%s%s: rose to %" PRId64 "%s, back to %" PRId64 "%s now (not a leak)\n",
				s->kind, s->kind[0] ? " " : "", s->name, whole(res.peak) / div, unit,
				r[i].now / div, unit);
		}
	}
	free(r);
	return leaks;
}

static void print_summary(FILE *out, const struct watch *w)
{
	char a[FMT_LEN];
	size_t n = watch_window(w), leaks, dev_leaks, bursts = 0;

	fprintf(out, "\nwatch: %zu sample%s over %s", w->samples, w->samples == 1 ? "" : "s",
		fmt_ms((watch_time(w, 0) - watch_time(w, n - 1)) / 1000000u, a));
	if (w->samples > n)
		fprintf(out, " (the newest %zu judged)", n);
	fprintf(out, "; a leak must rise by at least %" PRId64 " kB\n",
		w->site_params.min_rise / 1024);
	if (n < 8) {
		fprintf(out, "not enough samples to judge: %zu of the 8 the leak rule needs\n", n);
		return;
	}
	leaks = summarize_set(out, w, &w->sites, false, &bursts);
	dev_leaks = summarize_set(out, w, &w->devs, true, &bursts);
	fprintf(out, "%zu callsite%s leaking, %zu device%s with growing transmits in flight, %zu burst%s\n",
		leaks, leaks == 1 ? "" : "s", dev_leaks, dev_leaks == 1 ? "" : "s", bursts,
		bursts == 1 ? "" : "s");
}

void watch_print(FILE *out, const struct watch *w, size_t rows, bool summary)
{
	if (!w->samples)
		return;
	if (rows)
		print_sample(out, w, rows);
	if (summary)
		print_summary(out, w);
}

/* One replay sample: a callsites file or a directory, plus any netdev file after it. */
static int replay_sample(const struct watch_opts *o, size_t *pos, struct mf_callsites *cs,
			 struct mf_netdevs *nd, struct rd_err *e)
{
	const char *path = o->replay[*pos];
	struct mf_callsites tmp_cs;
	struct mf_netdevs tmp_nd;
	enum mf_kind kind;

	memset(cs, 0, sizeof(*cs));
	memset(nd, 0, sizeof(*nd));
	if (!md_check_dir(path, e)) {
		char p2[4096];

		snprintf(p2, sizeof(p2), "%s/callsites", path);
		if (md_load_any(p2, &kind, cs, &tmp_nd, e))
			return -1;
		if (kind != MF_CALLSITES) {
			mf_netdevs_free(&tmp_nd);
			rd_errorf(e, "%s: not a callsites file", p2);
			return -1;
		}
		snprintf(p2, sizeof(p2), "%s/netdev", path);
		if (!md_load_any(p2, &kind, &tmp_cs, nd, e) && kind != MF_NETDEV)
			mf_callsites_free(&tmp_cs);
		(*pos)++;
		return 0;
	}
	if (md_load_any(path, &kind, cs, nd, e))
		return -1;
	if (kind != MF_CALLSITES) {
		mf_netdevs_free(nd);
		rd_errorf(e, "%s: a netdev file must follow a callsites file", path);
		return -1;
	}
	(*pos)++;
	if (*pos < o->nr_replay) {
		path = o->replay[*pos];
		if (md_check_dir(path, e) && !md_load_any(path, &kind, &tmp_cs, &tmp_nd, e)) {
			if (kind == MF_NETDEV) {
				*nd = tmp_nd;
				(*pos)++;
			} else {
				mf_callsites_free(&tmp_cs);
			}
		}
	}
	return 0;
}

static int watch_run(const struct watch_opts *o, FILE *out, FILE *err)
{
	struct watch *w = malloc(sizeof(*w));
	struct mf_callsites cs;
	struct mf_netdevs nd;
	size_t pos = 0;
	struct rd_err e;
	int rc = OOMTRACE_EXIT_OK;

	if (!w) {
		fprintf(err, "oomtrace: watch: out of memory\n");
		return OOMTRACE_EXIT_USAGE;
	}
	watch_init(w);
	w->site_params.min_rise = o->min_rise_kb * 1024;
	if (!o->replay && md_check_dir(o->dir, &e)) {
		fprintf(err, "oomtrace: %s\n", e.msg);
		free(w);
		return OOMTRACE_EXIT_USAGE;
	}
	while (!watch_stop && (!o->count || w->samples < o->count)) {
		uint64_t t;

		if (o->replay) {
			if (pos >= o->nr_replay)
				break;
			t = w->samples * o->interval_ns;
			if (replay_sample(o, &pos, &cs, &nd, &e))
				goto fail;
		} else {
			if (w->samples)
				sleep_ns(o->interval_ns);
			if (watch_stop)
				break;
			t = mono_ns();
			if (md_load_callsites(o->dir, &cs, &e))
				goto fail;
			if (md_load_netdev(o->dir, &nd, &e)) {
				mf_callsites_free(&cs);
				goto fail;
			}
		}
		watch_add(w, t, &cs, &nd);
		mf_callsites_free(&cs);
		mf_netdevs_free(&nd);
		if (o->rows)
			print_sample(out, w, o->rows);
	}
	if (w->samples)
		print_summary(out, w);
	goto out;
fail:
	if (w->samples)
		print_summary(out, w);
	fflush(out);
	fprintf(err, "oomtrace: %s\n", e.msg);
	rc = OOMTRACE_EXIT_USAGE;
out:
	watch_free(w);
	free(w);
	return rc;
}

int cmd_watch(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "min-rise", required_argument, NULL, 'r' },
		{ "replay", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct watch_opts o = { .dir = MF_DEFAULT_DIR, .interval_ns = 2000000000u, .rows = 10,
				.min_rise_kb = 64 };
	struct sigaction sa;
	bool replay = false;
	uint64_t n;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":hi:c:n:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			watch_usage(stdout);
			return OOMTRACE_EXIT_OK;
		case 'i':
			o.interval_ns = fmt_parse_seconds(optarg);
			if (o.interval_ns < 100000000u)
				return cli_bad_value("watch", "-i", "seconds, at least 0.1", optarg,
						     watch_usage);
			break;
		case 'c':
		case 'n':
		case 'r':
			if (fmt_parse_count(optarg, 1000000000, &n))
				return cli_bad_value("watch", c == 'r' ? "--min-rise" :
						     c == 'c' ? "-c" : "-n", "a whole number",
						     optarg, watch_usage);
			if (c == 'c')
				o.count = n;
			else if (c == 'n')
				o.rows = (size_t)n;
			else
				o.min_rise_kb = (int64_t)n;
			break;
		case 'd':
			o.dir = optarg;
			break;
		case 'R':
			replay = true;
			break;
		default:
			return cli_bad_option("watch", c, argv, watch_usage);
		}
	}
	if (!replay && cli_no_operands("watch", argc, argv, watch_usage))
		return OOMTRACE_EXIT_USAGE;
	if (replay && optind >= argc)
		return cli_usage_error("watch", "--replay needs recorded files", watch_usage);
	if (replay) {
		o.replay = argv + optind;
		o.nr_replay = (size_t)(argc - optind);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return watch_run(&o, stdout, stderr);
}
