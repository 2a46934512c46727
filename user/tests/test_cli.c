// SPDX-License-Identifier: GPL-2.0
/* The oomtrace binary: dispatch, exit codes and messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"

#define FIX(name) FIXTURE_DIR "/" name

static char *run(const char *a1, const char *a2, const char *a3, const char *in,
		 int *status, char **err)
{
	const char *argv[] = { OOMTRACE_BIN, a1, a2, a3, NULL };

	return run_program(argv, in, status, err);
}

static void unknown_command_prints_usage_and_exits_2(void **state)
{
	char *out, *err;
	int st;

	(void)state;
	out = run("frobnicate", NULL, NULL, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_non_null(strstr(err, "oomtrace: unknown command 'frobnicate'\n"));
	assert_non_null(strstr(err, "usage: oomtrace"));
	free(out);
	free(err);
	out = run(NULL, NULL, NULL, NULL, &st, &err);
	assert_int_equal(st, 2);
	free(out);
	free(err);
}

static void version_and_help(void **state)
{
	char *out, *err;
	int st;

	(void)state;
	out = run("--version", NULL, NULL, NULL, &st, &err);
	assert_int_equal(st, 0);
	assert_true(strncmp(out, "oomtrace ", 9) == 0);
	free(out);
	free(err);
	out = run("help", NULL, NULL, NULL, &st, &err);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "explain"));
	free(out);
	free(err);
}

static void explain_seed004_says_cma(void **state)
{
	char *out, *err;
	int st;

	(void)state;
	out = run("explain", FIX("seed004-arm64-5.4-cma-panic.log"), NULL, NULL, &st, &err);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "OOM report 1 of 2"));
	assert_non_null(strstr(out, "OOM report 2 of 2"));
	assert_non_null(strstr(out, "\nverdict: free memory is mostly CMA"));
	assert_non_null(strstr(out, "below the min watermark"));
	free(out);
	free(err);
}

static void explain_reads_standard_input(void **state)
{
	char *out, *err;
	int st;

	(void)state;
	out = run("explain", "-", NULL, FIX("seed001-x86_64-5.10-a.out.log"), &st, &err);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "verdict: a.out (pid 5532) holds 88.8% of RAM"));
	free(out);
	free(err);
	out = run("explain", NULL, NULL, FIX("x86_64-6.11-stress-ng-anon.log"), &st, &err);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "stress-ng-vm"));
	free(out);
	free(err);
}

static void explain_json_is_an_array_of_reports(void **state)
{
	char *out, *err;
	int st;

	(void)state;
	out = run("explain", "--json", FIX("syslog-4.19-two-ooms-db01.log"), NULL, &st, &err);
	assert_int_equal(st, 0);
	assert_true(out[0] == '[');
	assert_true(json_valid(out, strlen(out)));
	assert_non_null(strstr(out, "\"index\": 2"));
	assert_null(strstr(out, "\"index\": 3"));
	assert_non_null(strstr(out, "\"kind\": \"slab\""));
	free(out);
	free(err);
}

static void no_report_exits_1_naming_the_file(void **state)
{
	char *out, *err;
	int st;

	(void)state;
	out = run("explain", FIX("no-oom-warn-alloc-dmesg.log"), NULL, NULL, &st, &err);
	assert_int_equal(st, 1);
	assert_string_equal(err, "oomtrace: no OOM report found in " FIX("no-oom-warn-alloc-dmesg.log") "\n");
	assert_string_equal(out, "");
	free(out);
	free(err);
	out = run("explain", NULL, NULL, "/dev/null", &st, &err);
	assert_int_equal(st, 1);
	assert_non_null(strstr(err, "no OOM report found in standard input"));
	free(out);
	free(err);
}

static void random_bytes_file_is_no_report(void **state)
{
	char path[] = "/tmp/oomtrace-garbage-XXXXXX", *out, *err, want[128];
	uint32_t x = 99;
	FILE *f;
	int fd, st, i;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	for (i = 0; i < 100000; i++) {
		x = x * 1664525u + 1013904223u;
		fputc((int)(x >> 24), f);
	}
	fclose(f);
	out = run("explain", path, NULL, NULL, &st, &err);
	unlink(path);
	assert_int_equal(st, 1);
	snprintf(want, sizeof(want), "oomtrace: no OOM report found in %s\n", path);
	assert_string_equal(err, want);
	free(out);
	free(err);
}

static void unreadable_input_is_one_line_naming_it(void **state)
{
	char *out, *err;
	int st;

	(void)state;
	out = run("explain", "/nonexistent/oom.log", NULL, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_string_equal(err, "oomtrace: cannot open /nonexistent/oom.log: No such file or directory\n");
	free(out);
	free(err);
	out = run("explain", FIXTURE_DIR, NULL, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_non_null(strstr(err, FIXTURE_DIR));
	assert_non_null(strchr(err, '\n'));
	assert_string_equal(strchr(err, '\n'), "\n");
	free(out);
	free(err);
}

static void explain_usage_errors_exit_2(void **state)
{
	char *out, *err;
	int st;

	(void)state;
	out = run("explain", "--bogus", NULL, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_non_null(strstr(err, "unknown option '--bogus'"));
	free(out);
	free(err);
	out = run("explain", "a.log", "b.log", NULL, &st, &err);
	assert_int_equal(st, 2);
	free(out);
	free(err);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(unknown_command_prints_usage_and_exits_2),
	cmocka_unit_test(version_and_help),
	cmocka_unit_test(explain_seed004_says_cma),
	cmocka_unit_test(explain_reads_standard_input),
	cmocka_unit_test(explain_json_is_an_array_of_reports),
	cmocka_unit_test(no_report_exits_1_naming_the_file),
	cmocka_unit_test(random_bytes_file_is_no_report),
	cmocka_unit_test(unreadable_input_is_one_line_naming_it),
	cmocka_unit_test(explain_usage_errors_exit_2),
};

TEST_GROUP(group_cli, "cli", tests);
