// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace explain [--json] [FILE|-]: find every OOM report in a log and
 * say what ran out and why. Pure text processing: it needs neither the
 * module nor the machine the log came from.
 */
#include <getopt.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "lib/json.h"
#include "lib/lineread.h"
#include "explain/oomexplain.h"
#include "explain/oomjson.h"
#include "explain/oomparse.h"
#include "explain/oomverdict.h"

static void explain_usage(FILE *f)
{
	fprintf(f, "usage: oomtrace explain [--json] [FILE|-]\n"
		   "Reads FILE, or standard input when FILE is - or absent.\n");
}

static void feed(void *ctx, unsigned long lineno, const char *msg)
{
	oom_parser_line(ctx, lineno, msg);
}

static int read_reports(FILE *in, struct oom_reports *reports)
{
	struct oom_parser p;
	int err;

	oom_parser_init(&p, reports);
	err = lineread_file(in, feed, &p);
	oom_parser_finish(&p);
	return err;
}

static void print_reports(const struct oom_reports *reports, int json, FILE *out)
{
	struct oom_analysis a;
	struct json_out j;
	size_t i;

	if (json) {
		json_init(&j, out);
		json_arr_begin(&j);
	}
	for (i = 0; i < reports->nr; i++) {
		oom_analyze(&reports->v[i], &a);
		if (json) {
			oom_explain_json(&j, &reports->v[i], &a, i + 1);
		} else {
			if (i)
				fputc('\n', out);
			oom_explain_text(out, &reports->v[i], &a, i + 1, reports->nr);
		}
	}
	if (json)
		json_end(&j);
}

int explain_run(const struct explain_opts *o, FILE *out, FILE *err)
{
	bool use_stdin = !o->path || !strcmp(o->path, "-");
	const char *name = use_stdin ? "standard input" : o->path;
	struct oom_reports reports;
	FILE *in = use_stdin ? stdin : fopen(o->path, "r");
	int rc;

	if (!in) {
		fprintf(err, "oomtrace: cannot open %s: %s\n", name, strerror(errno));
		return OOMTRACE_EXIT_USAGE;
	}
	oom_reports_init(&reports);
	rc = read_reports(in, &reports);
	if (!use_stdin)
		fclose(in);
	if (rc) {
		fprintf(err, "oomtrace: cannot read %s: %s\n", name, strerror(-rc));
		oom_reports_free(&reports);
		return OOMTRACE_EXIT_USAGE;
	}
	if (!reports.nr) {
		fprintf(err, "oomtrace: no OOM report found in %s\n", name);
		oom_reports_free(&reports);
		return OOMTRACE_EXIT_NOTHING;
	}
	print_reports(&reports, o->json, out);
	if (reports.dropped)
		fprintf(err, "oomtrace: %zu more reports in %s were not explained (limit %d)\n",
			reports.dropped, name, OOM_MAX_REPORTS);
	oom_reports_free(&reports);
	return OOMTRACE_EXIT_OK;
}

int cmd_explain(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct explain_opts o = { .path = NULL, .json = 0 };
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			explain_usage(stdout);
			return OOMTRACE_EXIT_OK;
		case 'j':
			o.json = 1;
			break;
		default:
			return cli_bad_option("explain", c, argv, explain_usage);
		}
	}
	if (optind < argc)
		o.path = argv[optind++];
	if (optind < argc)
		return cli_usage_error("explain", "more than one input given", explain_usage);
	return explain_run(&o, stdout, stderr);
}
