// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace metrics [--dir DIR] [--top N] [--textfile DIR]: the module's
 * state in the Prometheus text format, on standard output or, for
 * node_exporter's textfile collector, as DIR/oomtrace.prom replaced in
 * one rename so the collector never reads half a file.
 *
 * Without the module (not loaded, debugfs not mounted) the output is
 * oomtrace_up 0, so an alert can tell "no module" from "no data". A file
 * that does not parse is an error and replaces nothing: the metrics the
 * collector has are older, never wrong.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/commands.h"
#include "lib/fmt.h"
#include "live/metrics.h"
#include "live/moddir.h"
#include "live/modoom.h"

#define METRICS_TOP_DEFAULT 10
#define METRICS_TOP_MAX 1000
#define TEXTFILE_NAME "oomtrace.prom"

static void metrics_usage(FILE *f)
{
	fprintf(f, "usage: oomtrace metrics [--dir DIR] [--top N] [--textfile DIR]\n"
		   "Prints the module's state as Prometheus metrics. --top N names the N\n"
		   "callsites and devices holding the most (default %d) and sums the rest\n"
		   "as \"other\". --textfile DIR writes DIR/" TEXTFILE_NAME " for node_exporter's\n"
		   "textfile collector instead of printing. DIR defaults to " MF_DEFAULT_DIR ".\n"
		   "exit status: 0 written, 1 module not loaded (oomtrace_up 0 written),\n"
		   "2 usage error or a module file that does not parse (nothing written)\n",
		METRICS_TOP_DEFAULT);
}

struct metrics_tables {
	struct mf_callsites cs;
	struct mf_netdevs nd;
	struct mf_stats st;
	struct mf_probes pr;
	struct mf_verdicts vd;
	struct mo_reports oom;
};

static void tables_free(struct metrics_tables *t)
{
	mf_callsites_free(&t->cs);
	mf_netdevs_free(&t->nd);
	mf_stats_free(&t->st);
	mf_probes_free(&t->pr);
	mf_verdicts_free(&t->vd);
	mo_free(&t->oom);
}

static int load_one(const char *dir, const char *name, struct metrics_tables *t,
		    struct rd_err *e)
{
	size_t len;
	char *buf;
	int r;

	if (md_read(dir, name, &buf, &len, e))
		return -1;
	if (!strcmp(name, OT_FILE_CALLSITES))
		r = mf_parse_callsites(buf, len, name, &t->cs, e);
	else if (!strcmp(name, OT_FILE_NETDEV))
		r = mf_parse_netdev(buf, len, name, &t->nd, e);
	else if (!strcmp(name, OT_FILE_STATS))
		r = mf_parse_stats(buf, len, name, &t->st, e);
	else if (!strcmp(name, OT_FILE_PROBES))
		r = mf_parse_probes(buf, len, name, &t->pr, e);
	else if (!strcmp(name, OT_FILE_VERDICTS))
		r = mf_parse_verdicts(buf, len, name, &t->vd, e);
	else
		r = mo_parse(buf, len, name, &t->oom, e);
	free(buf);
	return r;
}

static int load_tables(const char *dir, struct metrics_tables *t, struct rd_err *e)
{
	static const char *const files[] = {
		OT_FILE_CALLSITES, OT_FILE_NETDEV, OT_FILE_STATS,
		OT_FILE_PROBES, OT_FILE_VERDICTS, OT_FILE_OOM,
	};
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (load_one(dir, files[i], t, e))
			return -1;
	return 0;
}

/* DIR/oomtrace.prom, replaced by a rename from a hidden file beside it. */
static int write_textfile(const char *dir, const char *text, size_t len, FILE *err)
{
	char tmp[4096], path[4096];
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/" TEXTFILE_NAME, dir) >= sizeof(path) ||
	    (size_t)snprintf(tmp, sizeof(tmp), "%s/." TEXTFILE_NAME ".XXXXXX", dir) >=
	    sizeof(tmp)) {
		fprintf(err, "oomtrace: metrics: --textfile: path too long\n");
		return -1;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(err, "oomtrace: metrics: --textfile: cannot create a file in %s: %s\n",
			dir, strerror(errno));
		return -1;
	}
	if (write(fd, text, len) != (ssize_t)len || fchmod(fd, 0644) || fsync(fd)) {
		fprintf(err, "oomtrace: metrics: cannot write %s: %s\n", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path)) {
		fprintf(err, "oomtrace: metrics: cannot replace %s: %s\n", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

struct metrics_opts {
	const char *dir;
	const char *textfile;
	size_t top;
};

static int metrics_run(const struct metrics_opts *o, FILE *out, FILE *err)
{
	struct metrics_input in;
	struct metrics_tables t;
	int ret = OOMTRACE_EXIT_OK;
	struct rd_err e;
	size_t len = 0;
	char *text = NULL;
	FILE *mem;

	mem = open_memstream(&text, &len);
	if (!mem) {
		fprintf(err, "oomtrace: metrics: out of memory\n");
		return OOMTRACE_EXIT_USAGE;
	}
	if (md_check_dir(o->dir, &e)) {
		/* No module: say so to the scraper too, and to the person. */
		fprintf(err, "oomtrace: metrics: %s\n", e.msg);
		metrics_write_down(mem);
		ret = OOMTRACE_EXIT_NOTHING;
	} else if (load_tables(o->dir, &t, &e)) {
		fprintf(err, "oomtrace: metrics: %s\n", e.msg);
		tables_free(&t);
		fclose(mem);
		free(text);
		return OOMTRACE_EXIT_USAGE;
	} else {
		in = (struct metrics_input){
			.callsites = &t.cs, .netdevs = &t.nd, .stats = &t.st,
			.probes = &t.pr, .verdicts = &t.vd,
			.ooms = mo_max_seq(&t.oom), .top = o->top,
		};
		if (metrics_write(mem, &in)) {
			fprintf(err, "oomtrace: metrics: out of memory\n");
			ret = OOMTRACE_EXIT_USAGE;
		}
		tables_free(&t);
	}
	if (fclose(mem) || ret == OOMTRACE_EXIT_USAGE) {
		free(text);
		return OOMTRACE_EXIT_USAGE;
	}
	if (o->textfile) {
		if (write_textfile(o->textfile, text, len, err))
			ret = OOMTRACE_EXIT_USAGE;
	} else if (fwrite(text, 1, len, out) != len) {
		ret = OOMTRACE_EXIT_USAGE;
	}
	free(text);
	return ret;
}

int cmd_metrics(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dir", required_argument, NULL, 'd' },
		{ "top", required_argument, NULL, 'n' },
		{ "textfile", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct metrics_opts o = { .dir = MF_DEFAULT_DIR, .top = METRICS_TOP_DEFAULT };
	struct stat st;
	uint64_t n;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":hn:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			metrics_usage(stdout);
			return OOMTRACE_EXIT_OK;
		case 'd':
			o.dir = optarg;
			break;
		case 'n':
			if (fmt_parse_count(optarg, METRICS_TOP_MAX, &n) || !n)
				return cli_bad_value("metrics", "--top", "a number from 1 to "
						     OT_STR(METRICS_TOP_MAX), optarg, metrics_usage);
			o.top = (size_t)n;
			break;
		case 't':
			if (stat(optarg, &st) || !S_ISDIR(st.st_mode))
				return cli_bad_value("metrics", "--textfile", "a directory", optarg,
						     metrics_usage);
			o.textfile = optarg;
			break;
		default:
			return cli_bad_option("metrics", c, argv, metrics_usage);
		}
	}
	if (cli_no_operands("metrics", argc, argv, metrics_usage))
		return OOMTRACE_EXIT_USAGE;
	return metrics_run(&o, stdout, stderr);
}
