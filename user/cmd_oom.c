// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace oom [--json] [--dir DIR]: the OOM reports the module kept
 * (the last few), oldest first, as written at OOM time.
 */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "json.h"
#include "moddir.h"
#include "modoom.h"

static void oom_usage(FILE *f)
{
	fprintf(f, "usage: oomtrace oom [--json] [--dir DIR]\n"
		   "Prints the OOM reports the module kept, oldest first. DIR defaults to\n"
		   MF_DEFAULT_DIR ".\n");
}

static int oom_run(const char *dir, bool json, FILE *out, FILE *err)
{
	struct mo_reports rs;
	struct json_out j;
	struct mf_err e;
	size_t len, i;
	char *buf;

	if (md_check_dir(dir, &e) || md_read(dir, "oom", &buf, &len, &e)) {
		fprintf(err, "oomtrace: %s\n", e.msg);
		return OOMTRACE_EXIT_USAGE;
	}
	if (mo_parse(buf, len, "oom", &rs, &e)) {
		free(buf);
		fprintf(err, "oomtrace: %s\n", e.msg);
		return OOMTRACE_EXIT_USAGE;
	}
	free(buf);
	if (json) {
		json_init(&j, out);
		json_arr_begin(&j);
		for (i = 0; i < rs.nr; i++)
			mo_report_json(&j, &rs.v[i]);
		json_end(&j);
	} else {
		for (i = 0; i < rs.nr; i++) {
			if (i)
				fputc('\n', out);
			mo_report_text(out, &rs.v[i]);
		}
	}
	if (!rs.nr)
		fprintf(err, "oomtrace: no OOM since the module was loaded\n");
	i = rs.nr;
	mo_free(&rs);
	return i ? OOMTRACE_EXIT_OK : OOMTRACE_EXIT_NOTHING;
}

int cmd_oom(int argc, char **argv)
{
	const char *dir = MF_DEFAULT_DIR;
	bool json = false;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			oom_usage(stdout);
			return OOMTRACE_EXIT_OK;
		} else if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--dir") && i + 1 < argc) {
			dir = argv[++i];
		} else {
			fprintf(stderr, "oomtrace: oom: unknown argument '%s'\n", argv[i]);
			oom_usage(stderr);
			return OOMTRACE_EXIT_USAGE;
		}
	}
	return oom_run(dir, json, stdout, stderr);
}
