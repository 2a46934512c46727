// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace oom [--json] [--dir DIR] [--pstore DIR]: the OOM reports the
 * module kept (the last few), oldest first, as written at OOM time.
 *
 * With none (the module not loaded, or loaded at boot after the OOM that
 * rebooted the board), the last OOM of an earlier boot is looked for in
 * the persistent store: on a board that panics on OOM that is the only
 * place the kernel's report and oomtrace's lines survive the reboot.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/commands.h"
#include "lib/json.h"
#include "live/moddir.h"
#include "live/modoom.h"
#include "explain/oomexplain.h"
#include "explain/oomjson.h"
#include "explain/oomverdict.h"
#include "explain/pstore.h"

static void oom_usage(FILE *f)
{
	fprintf(f, "usage: oomtrace oom [--json] [--dir DIR] [--pstore DIR]\n"
		   "Prints the OOM reports the module kept, oldest first. Without any, the\n"
		   "last OOM of an earlier boot kept by pstore, explained, with oomtrace's\n"
		   "lines from it. DIR defaults to " MF_DEFAULT_DIR ", the pstore\n"
		   "directory to " PS_DEFAULT_DIR ".\n");
}

struct oom_opts {
	const char *dir;
	const char *pstore;
	bool json;
};

/* "written 2026-12-02 13:40:05 UTC, 12 s before this boot started" */
static void written_when(FILE *out, time_t written, time_t boot)
{
	char when[64];
	struct tm tm;

	if (!written || !gmtime_r(&written, &tm) ||
	    !strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm)) {
		fputs("written at an unknown time", out);
		return;
	}
	fprintf(out, "written %s", when);
	if (boot && written <= boot)
		fprintf(out, ", %lld s before this boot started", (long long)(boot - written));
	else if (boot)
		fputs(", after this boot started", out);
}

static void pstore_text(FILE *out, const struct ps_record *rec, const char *why)
{
	const struct oom_report *r = &rec->reports.v[rec->reports.nr - 1];
	struct oom_analysis a;
	size_t i;

	fprintf(out, "%s.\nThe last OOM of an earlier boot, from the persistent store:\n"
		     "  record %s%s%s%s, ", why, rec->path, rec->reason[0] ? " (" : "",
		rec->reason, rec->reason[0] ? ")" : "");
	written_when(out, rec->written, ps_boot_time());
	fputs("\n\n", out);
	oom_analyze(r, &a);
	oom_explain_text(out, r, &a, rec->reports.nr, rec->reports.nr);
	if (!rec->nr_lines) {
		fputs("\noomtrace printed nothing at that OOM (it was not loaded then)\n", out);
		return;
	}
	fputs("\noomtrace at that OOM:\n", out);
	for (i = 0; i < rec->nr_lines; i++)
		fprintf(out, "  %s\n", rec->lines[i]);
}

static void pstore_json(FILE *out, const struct ps_record *rec, const char *why)
{
	const struct oom_report *r = &rec->reports.v[rec->reports.nr - 1];
	time_t boot = ps_boot_time();
	struct oom_analysis a;
	struct json_out j;
	size_t i;

	json_init(&j, out);
	json_obj_begin(&j);
	json_key(&j, "source");
	json_str(&j, "pstore");
	json_key(&j, "module");
	json_str(&j, why);
	json_key(&j, "record");
	json_obj_begin(&j);
	json_key(&j, "path");
	json_str(&j, rec->path);
	json_key(&j, "reason");
	if (rec->reason[0])
		json_str(&j, rec->reason);
	else
		json_null(&j);
	json_key(&j, "written_unix_s");
	json_i64(&j, (int64_t)rec->written);
	json_key(&j, "before_this_boot_s");
	if (boot && rec->written && rec->written <= boot)
		json_i64(&j, (int64_t)(boot - rec->written));
	else
		json_null(&j);
	json_obj_end(&j);
	json_key(&j, "oom");
	oom_analyze(r, &a);
	oom_explain_json(&j, r, &a, rec->reports.nr);
	json_key(&j, "oomtrace_lines");
	json_arr_begin(&j);
	for (i = 0; i < rec->nr_lines; i++)
		json_str(&j, rec->lines[i]);
	json_arr_end(&j);
	json_obj_end(&j);
	json_end(&j);
}

/*
 * No report from the module: the persistent store's, if it has one.
 * Returns an exit code, or -1 when it has none.
 */
static int oom_from_pstore(const struct oom_opts *o, const char *why, FILE *out, FILE *err)
{
	struct ps_record rec;
	struct rd_err e;
	int r = ps_find_oom(o->pstore, &rec, &e);

	if (r < 0)
		fprintf(err, "oomtrace: oom: %s\n", e.msg);
	if (r)
		return -1;
	if (o->json)
		pstore_json(out, &rec, why);
	else
		pstore_text(out, &rec, why);
	ps_record_free(&rec);
	return OOMTRACE_EXIT_OK;
}

static int oom_run(const struct oom_opts *o, FILE *out, FILE *err)
{
	struct mo_reports rs;
	struct json_out j;
	struct rd_err e;
	size_t len, i;
	char *buf;
	int rc;

	if (md_check_dir(o->dir, &e)) {
		rc = oom_from_pstore(o, "The oomtrace module is not loaded", out, err);
		if (rc >= 0)
			return rc;
		fprintf(err, "oomtrace: %s\n", e.msg);
		return OOMTRACE_EXIT_USAGE;
	}
	if (md_read(o->dir, "oom", &buf, &len, &e)) {
		fprintf(err, "oomtrace: %s\n", e.msg);
		return OOMTRACE_EXIT_USAGE;
	}
	if (mo_parse(buf, len, "oom", &rs, &e)) {
		free(buf);
		fprintf(err, "oomtrace: %s\n", e.msg);
		return OOMTRACE_EXIT_USAGE;
	}
	free(buf);
	if (!rs.nr) {
		mo_free(&rs);
		rc = oom_from_pstore(o, "No OOM since the module was loaded", out, err);
		if (rc >= 0)
			return rc;
		fprintf(err, "oomtrace: no OOM since the module was loaded\n");
		return OOMTRACE_EXIT_NOTHING;
	}
	if (o->json) {
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
	mo_free(&rs);
	return OOMTRACE_EXIT_OK;
}

int cmd_oom(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "dir", required_argument, NULL, 'd' },
		{ "pstore", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct oom_opts o = { .dir = MF_DEFAULT_DIR, .pstore = PS_DEFAULT_DIR };
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			oom_usage(stdout);
			return OOMTRACE_EXIT_OK;
		case 'j':
			o.json = true;
			break;
		case 'd':
			o.dir = optarg;
			break;
		case 'p':
			o.pstore = optarg;
			break;
		default:
			return cli_bad_option("oom", c, argv, oom_usage);
		}
	}
	if (cli_no_operands("oom", argc, argv, oom_usage))
		return OOMTRACE_EXIT_USAGE;
	return oom_run(&o, stdout, stderr);
}
