// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace snapshot [--json] [--dir DIR] [--proc PROCDIR]: everything the
 * module exports and the /proc files beside it, as one JSON document
 * (docs/snapshot.md). JSON is the only format; --json says so explicitly.
 */
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
	struct snap_opts o = { .module_dir = MF_DEFAULT_DIR, .proc_dir = "/proc", .strict = true };
	struct rd_err e;
	int i;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			snapshot_usage(stdout);
			return OOMTRACE_EXIT_OK;
		} else if (!strcmp(arg, "--json")) {
			continue;
		} else if (!strcmp(arg, "--dir") && val) {
			o.module_dir = val;
			i++;
		} else if (!strcmp(arg, "--proc") && val) {
			o.proc_dir = val;
			i++;
		} else {
			fprintf(stderr, "oomtrace: snapshot: unknown argument '%s'\n", arg);
			snapshot_usage(stderr);
			return OOMTRACE_EXIT_USAGE;
		}
	}
	if (snapshot_write(&o, stdout, &e)) {
		fprintf(stderr, "oomtrace: %s\n", e.msg);
		return OOMTRACE_EXIT_USAGE;
	}
	return OOMTRACE_EXIT_OK;
}
