// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace oom after a reboot: with no report from the module, the last
 * OOM of an earlier boot comes from the persistent store, explained, with
 * oomtrace's own lines from that record and when it was written. The VM
 * test pstore-oom-panic does the same across a real panic and reboot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "helpers.h"
#include "tmpdir.h"

#define WRITTEN 1764000000	/* 2025-11-24 16:00:00 UTC */

static void set_mtime(const char *dir, const char *name, time_t t)
{
	struct timeval tv[2] = { { t, 0 }, { t, 0 } };
	char *p = tmpdir_path(dir, name);

	assert_int_equal(utimes(p, tv), 0);
	free(p);
}

/*
 * The panic's record, and a newer one from an Oops that holds no OOM:
 * the newest record with an OOM report is the one explained.
 */
static char *fake_pstore(void)
{
	char *dir = tmpdir_make();

	tmpdir_copy(dir, "dmesg-ramoops-0", "pstore/dmesg-ramoops-0");
	tmpdir_copy(dir, "dmesg-ramoops-1", "pstore/dmesg-ramoops-1");
	tmpdir_put(dir, "console-ramoops-0", "not a dmesg record\n");
	set_mtime(dir, "dmesg-ramoops-0", WRITTEN);
	set_mtime(dir, "dmesg-ramoops-1", WRITTEN + 100);
	return dir;
}

static char *oom(const char *moddir, const char *pstore, bool json, int *st, char **err)
{
	const char *argv[] = { OOMTRACE_BIN, "oom", "--dir", moddir, "--pstore", pstore,
			       json ? "--json" : NULL, NULL };

	return run_program(argv, NULL, st, err);
}

static void module_loaded_after_the_panic(void **state)
{
	char *ps = fake_pstore(), *mod = tmpdir_module("oom",
		"# oomtrace-oom v1: report <seq> <boot_ns> <truncated> <victim_pid>, then its lines\n");
	char *out, *err, want[8192];
	int st;

	(void)state;
	out = oom(mod, ps, false, &st, &err);
	assert_int_equal(st, 0);
	assert_string_equal(err, "");
	snprintf(want, sizeof(want),
		 "No OOM since the module was loaded.\n"
		 "The last OOM of an earlier boot, from the persistent store:\n"
		 "  record %s/dmesg-ramoops-0 (Panic), written 2025-11-24 16:00:00 UTC, ", ps);
	if (strncmp(out, want, strlen(want)))
		fail_msg("got:\n%s", out);
	assert_non_null(strstr(out, " s before this boot started\n"));
	/* the kernel's report, explained */
	assert_non_null(strstr(out, "\nOOM report 1 of 1 "));
	assert_non_null(strstr(out, "panic_on_oom=1 (system-wide)"));
	assert_non_null(strstr(out, "\nverdict: memhog (pid 98) holds"));
	/* oomtrace's lines of that OOM, and not its load messages */
	assert_non_null(strstr(out, "\noomtrace at that OOM:\n"
				    "  OOM #1: global OOM, gfp GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO, order 0, panic_on_oom 1\n"));
	assert_non_null(strstr(out, "\n  verdict: process memhog (pid 98) holds 79% of RAM (166912 kB RSS): a user process, not a kernel leak\n"));
	assert_null(strstr(out, "loaded: tracking"));
	/* not the newer Oops record */
	assert_null(strstr(out, "dmesg-ramoops-1"));
	free(out);
	free(err);
	tmpdir_remove(mod);
	tmpdir_remove(ps);
}

static void module_not_loaded(void **state)
{
	char *ps = fake_pstore(), *out, *err;
	int st;

	(void)state;
	out = oom("/nonexistent/oomtrace", ps, false, &st, &err);
	assert_int_equal(st, 0);
	assert_int_equal(strncmp(out, "The oomtrace module is not loaded.\n", 35), 0);
	assert_non_null(strstr(out, "\noomtrace at that OOM:\n"));
	free(out);
	free(err);
	out = oom("/nonexistent/oomtrace", ps, true, &st, &err);
	assert_int_equal(st, 0);
	assert_true(json_valid(out, strlen(out)));
	assert_non_null(strstr(out, "\"source\": \"pstore\""));
	assert_non_null(strstr(out, "\"reason\": \"Panic\""));
	assert_non_null(strstr(out, "\"written_unix_s\": 1764000000"));
	assert_non_null(strstr(out, "\"kind\": \"single_process\""));
	assert_non_null(strstr(out, "\"verdict: process memhog (pid 98) holds 79% of RAM"));
	free(out);
	free(err);
	tmpdir_remove(ps);
}

/* A store without an OOM: the messages and exit codes of before. */
static void nothing_in_the_store(void **state)
{
	char *ps = tmpdir_make(), *mod = tmpdir_module("oom",
		"# oomtrace-oom v1: report <seq> <boot_ns> <truncated> <victim_pid>, then its lines\n");
	char *out, *err;
	int st;

	(void)state;
	tmpdir_copy(ps, "dmesg-ramoops-1", "pstore/dmesg-ramoops-1");
	out = oom(mod, ps, false, &st, &err);
	assert_int_equal(st, 1);
	assert_string_equal(out, "");
	assert_string_equal(err, "oomtrace: no OOM since the module was loaded\n");
	free(out);
	free(err);
	out = oom("/nonexistent/oomtrace", "/nonexistent/pstore", false, &st, &err);
	assert_int_equal(st, 2);
	assert_string_equal(err, "oomtrace: cannot open /nonexistent/oomtrace: No such file or directory\n");
	free(out);
	free(err);
	tmpdir_remove(mod);
	tmpdir_remove(ps);
}

/* The module's own reports come first; the store is not read. */
static void module_reports_win(void **state)
{
	char *ps = fake_pstore(), *out, *err;
	int st;

	(void)state;
	out = oom(FIXTURE_DIR "/module", ps, false, &st, &err);
	assert_int_equal(st, 0);
	assert_int_equal(strncmp(out, "OOM report 1 at 9.582s after boot", 33), 0);
	assert_null(strstr(out, "persistent store"));
	free(out);
	free(err);
	tmpdir_remove(ps);
}

static void bad_options(void **state)
{
	const char *novalue[] = { OOMTRACE_BIN, "oom", "--pstore", NULL };
	const char *operand[] = { OOMTRACE_BIN, "oom", "--pstore=/x", "extra", NULL };
	char *out, *err;
	int st;

	(void)state;
	out = run_program(novalue, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_string_equal(out, "");
	assert_int_equal(strncmp(err, "oomtrace: oom: --pstore needs a value\nusage: oomtrace oom ", 58), 0);
	free(out);
	free(err);
	out = run_program(operand, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_int_equal(strncmp(err, "oomtrace: oom: unexpected argument 'extra'\n", 43), 0);
	free(out);
	free(err);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(module_loaded_after_the_panic),
	cmocka_unit_test(module_not_loaded),
	cmocka_unit_test(nothing_in_the_store),
	cmocka_unit_test(module_reports_win),
	cmocka_unit_test(bad_options),
};

TEST_GROUP(group_pstore, "pstore", tests);
