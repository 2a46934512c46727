// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace snapshot [--json] [--dir DIR] [--proc PROCDIR]: everything the
 * module exports and the /proc files beside it, as one JSON document
 * (docs/snapshot.md). JSON is the only format; --json says so explicitly.
 */
#include <getopt.h>
#include <string.h>

#include "cmd/commands.h"
#include "live/modfiles.h"
#include "live/snapshot.h"

static void snapshot_usage(FILE *f)
{
	fprintf(f, "usage: oomtrace snapshot [--json] [--dir DIR] [--proc PROCDIR]\n"
		   "Writes one JSON document (docs/snapshot.md) with the module's files from\n"
		   "DIR (default " MF_DEFAULT_DIR ") and meminfo, buddyinfo and\n"
		   "the socket tables from PROCDIR (default /proc).\n");
}

int cmd_snapshot(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "dir", required_argument, NULL, 'd' },
		{ "proc", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct snap_opts o = { .module_dir = MF_DEFAULT_DIR, .proc_dir = "/proc", .strict = true };
	struct rd_err e;
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			snapshot_usage(stdout);
			return OOMTRACE_EXIT_OK;
		case 'j':
			break;		/* JSON is the only format */
		case 'd':
			o.module_dir = optarg;
			break;
		case 'p':
			o.proc_dir = optarg;
			break;
		default:
			return cli_bad_option("snapshot", c, argv, snapshot_usage);
		}
	}
	if (cli_no_operands("snapshot", argc, argv, snapshot_usage))
		return OOMTRACE_EXIT_USAGE;
	if (snapshot_write(&o, stdout, &e)) {
		fprintf(stderr, "oomtrace: %s\n", e.msg);
		return OOMTRACE_EXIT_USAGE;
	}
	return OOMTRACE_EXIT_OK;
}
