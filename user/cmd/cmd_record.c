// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace record DIR [--once] [--timeout S] [--mode auto|bpf|poll]
 *                     [-i S] [--dir MODDIR] [--proc PROCDIR] [-v]
 * Waits for OOM kills and writes a bundle per event (record_bundle.c).
 * Events come from a BPF program on oom:mark_victim when it loads, else
 * from new reports in the module's oom file; the first line says which.
 * Events that arrive together (a kill storm) share one bundle.
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
#include "live/record.h"

static volatile sig_atomic_t record_stop;

static void on_signal(int sig)
{
	(void)sig;
	record_stop = 1;
}

static void record_usage(FILE *f)
{
	fprintf(f, "usage: oomtrace record DIR [--once] [--timeout S] [--mode auto|bpf|poll] [-i S]\n"
		   "                       [--dir MODDIR] [--proc PROCDIR] [-v]\n"
		   "Waits for OOM kills and writes a snapshot bundle per event under DIR.\n"
		   "--once stops after the first bundle, --timeout after S seconds. -i is the\n"
		   "poll mode's interval (default 1). -v shows libbpf's messages.\n"
		   "exit status: 0 a bundle was written, 1 none (timeout or interrupted), 2 error\n");
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

	while (!record_stop && nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* How long to wait now: the poll interval, cut at the deadline. */
static uint64_t wait_ns(const struct rec_opts *o, uint64_t deadline, uint64_t step)
{
	uint64_t now = mono_ns();

	if (!o->timeout_ns)
		return step;
	if (now >= deadline)
		return 0;
	return deadline - now < step ? deadline - now : step;
}

static void announce(const char *path, const struct snap_event *ev)
{
	size_t i;

	printf("record: wrote %s (", path);
	for (i = 0; i < ev->nr_victims; i++) {
		const struct snap_victim *v = &ev->victims[i];

		if (i)
			printf(", ");
		if (v->pid > 0)
			printf("victim %" PRId64 "%s%s%s", v->pid, v->comm[0] ? " (" : "", v->comm,
			       v->comm[0] ? ")" : "");
		else
			printf("no victim");
	}
	if (ev->oom_seq)
		printf("%smodule report %" PRIu64, ev->nr_victims ? ", " : "", ev->oom_seq);
	printf(")\n");
	fflush(stdout);
}

static int bundle(const struct rec_opts *o, struct snap_event *ev)
{
	char path[4096];
	struct rd_err e;

	if (rec_bundle_write(o, ev, path, sizeof(path), &e)) {
		fprintf(stderr, "oomtrace: %s\n", e.msg);
		return -1;
	}
	announce(path, ev);
	return 0;
}

static void fill_comms(const struct rec_opts *o, struct snap_event *ev, size_t from)
{
	size_t i;

	for (i = from; i < ev->nr_victims; i++)
		if (!ev->victims[i].comm[0])
			rec_victim_comm(o->proc_dir, ev->victims[i].pid, ev->victims[i].comm,
					sizeof(ev->victims[i].comm));
}

/* The newest report the module kept, to name in the bundle; 0 without the module. */
static uint64_t module_seq(const struct rec_opts *o)
{
	struct rec_poll p;
	struct rd_err e;

	return rec_poll_open(&p, o->module_dir, &e) ? 0 : p.last_seq;
}

static int run_bpf(const struct rec_opts *o, struct rec_bpf *b, size_t *written)
{
	uint64_t deadline = mono_ns() + o->timeout_ns;

	while (!record_stop) {
		struct snap_event ev = { .mode = "bpf" };
		uint64_t ns = wait_ns(o, deadline, 500000000u), end;
		int r;

		if (o->timeout_ns && !ns)
			break;
		r = rec_bpf_wait(b, (int)(ns / 1000000u) + 1, &ev);
		if (r < 0) {
			fprintf(stderr, "oomtrace: record: reading BPF events failed: %s\n",
				strerror(errno));
			return -1;
		}
		if (!r)
			continue;
		/* the victim's comm while it still exists, then let the OOM finish */
		fill_comms(o, &ev, 0);
		for (end = mono_ns() + o->settle_ns; mono_ns() < end;) {
			size_t before = ev.nr_victims;

			if (rec_bpf_wait(b, 50, &ev) > 0)
				fill_comms(o, &ev, before);
		}
		ev.oom_seq = module_seq(o);
		if (bundle(o, &ev))
			return -1;
		(*written)++;
		if (o->once)
			break;
	}
	return 0;
}

static int run_poll(const struct rec_opts *o, struct rec_poll *p, size_t *written)
{
	uint64_t deadline = mono_ns() + o->timeout_ns;
	struct rd_err e;

	while (!record_stop) {
		struct snap_event ev = { .mode = "poll" };
		uint64_t ns = wait_ns(o, deadline, o->poll_ns);
		int r;

		if (o->timeout_ns && !ns)
			break;
		sleep_ns(ns);
		if (record_stop)
			break;
		r = rec_poll_check(p, &e);
		if (r < 0)
			goto fail;
		if (!r)
			continue;
		sleep_ns(o->settle_ns);
		if (rec_poll_collect(p, &ev, &e))
			goto fail;
		fill_comms(o, &ev, 0);
		if (bundle(o, &ev))
			return -1;
		(*written)++;
		if (o->once)
			break;
	}
	return 0;
fail:
	fprintf(stderr, "oomtrace: %s\n", e.msg);
	return -1;
}

static int record_run(const struct rec_opts *o)
{
	struct rec_bpf *b = NULL;
	struct rec_poll p;
	char reason[256] = "";
	size_t written = 0;
	struct rd_err e;
	int r;

	if (o->mode != REC_MODE_POLL && rec_bpf_open(&b, o->verbose, reason, sizeof(reason))) {
		if (o->mode == REC_MODE_BPF) {
			fprintf(stderr, "oomtrace: record: BPF unavailable: %s\n", reason);
			return OOMTRACE_EXIT_USAGE;
		}
	}
	if (b) {
		printf("record: mode bpf\n");
	} else {
		if (o->mode == REC_MODE_POLL)
			printf("record: mode poll (asked for)\n");
		else
			printf("record: mode poll (BPF unavailable: %s)\n", reason);
		if (rec_poll_open(&p, o->module_dir, &e)) {
			fflush(stdout);
			fprintf(stderr, "oomtrace: %s\n", e.msg);
			return OOMTRACE_EXIT_USAGE;
		}
	}
	fflush(stdout);
	r = b ? run_bpf(o, b, &written) : run_poll(o, &p, &written);
	rec_bpf_close(b);
	if (r)
		return OOMTRACE_EXIT_USAGE;
	if (!written) {
		if (record_stop)
			fprintf(stderr, "oomtrace: record: interrupted before any OOM kill\n");
		else
			fprintf(stderr, "oomtrace: record: no OOM kill within the timeout\n");
		return OOMTRACE_EXIT_NOTHING;
	}
	return OOMTRACE_EXIT_OK;
}

int cmd_record(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "once", no_argument, NULL, 'o' },
		{ "timeout", required_argument, NULL, 't' },
		{ "mode", required_argument, NULL, 'm' },
		{ "dir", required_argument, NULL, 'd' },
		{ "proc", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	/* in the order of enum rec_mode */
	static const char *const modes[] = { "auto", "bpf", "poll", NULL };
	struct rec_opts o = { .module_dir = MF_DEFAULT_DIR, .proc_dir = "/proc",
			      .mode = REC_MODE_AUTO, .poll_ns = 1000000000u,
			      .settle_ns = 300000000u };
	struct sigaction sa;
	uint64_t ns;
	int c, k;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":hvi:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			record_usage(stdout);
			return OOMTRACE_EXIT_OK;
		case 'o':
			o.once = true;
			break;
		case 'v':
			o.verbose = true;
			break;
		case 'i':
		case 't':
			ns = fmt_parse_seconds(optarg);
			if (!ns)
				return cli_bad_value("record", c == 'i' ? "-i" : "--timeout",
						     "seconds", optarg, record_usage);
			if (c == 'i')
				o.poll_ns = ns < 10000000u ? 10000000u : ns;
			else
				o.timeout_ns = ns;
			break;
		case 'm':
			k = cli_choice(optarg, modes);
			if (k < 0)
				return cli_bad_value("record", "--mode", "auto, bpf or poll", optarg,
						     record_usage);
			o.mode = (enum rec_mode)k;
			break;
		case 'd':
			o.module_dir = optarg;
			break;
		case 'p':
			o.proc_dir = optarg;
			break;
		default:
			return cli_bad_option("record", c, argv, record_usage);
		}
	}
	if (optind >= argc)
		return cli_usage_error("record", "which directory should the bundles go to?",
				       record_usage);
	o.out_dir = argv[optind++];
	if (cli_no_operands("record", argc, argv, record_usage))
		return OOMTRACE_EXIT_USAGE;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return record_run(&o);
}
