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

/* Every subcommand parses options the same way: getopt_long, one error style. */
static const char *const subcommands[] = {
	"explain", "top", "watch", "oom", "snapshot", "record", "metrics",
};

static void every_command_has_help_and_one_error_style(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++) {
		const char *cmd = subcommands[i];
		char want[128];
		char *out, *err;
		int st;

		out = run(cmd, "--help", NULL, NULL, &st, &err);
		snprintf(want, sizeof(want), "usage: oomtrace %s", cmd);
		if (st != 0 || strncmp(out, want, strlen(want)))
			fail_msg("%s --help: status %d, '%.60s'", cmd, st, out);
		free(out);
		free(err);
		out = run(cmd, "-h", NULL, NULL, &st, &err);
		if (st != 0 || strncmp(out, want, strlen(want)))
			fail_msg("%s -h: status %d, '%.60s'", cmd, st, out);
		free(out);
		free(err);
		out = run(cmd, "--frobnicate", NULL, NULL, &st, &err);
		snprintf(want, sizeof(want), "oomtrace: %s: unknown option '--frobnicate'\n"
			 "usage: oomtrace %s", cmd, cmd);
		if (st != 2 || strncmp(err, want, strlen(want)) || out[0])
			fail_msg("%s --frobnicate: status %d, '%.80s'", cmd, st, err);
		free(out);
		free(err);
	}
}

static void options_take_their_value_either_way(void **state)
{
	const char *joined[] = { OOMTRACE_BIN, "top", "--dir=" FIX("module"), "--sort=age", "-n1",
				 NULL };
	const char *apart[] = { OOMTRACE_BIN, "top", "--dir", FIX("module"), "--sort", "age",
				"-n", "1", NULL };
	const char *bytes[] = { OOMTRACE_BIN, "top", "--dir", FIX("module"), "-n", "1", NULL };
	const char *bad[] = { OOMTRACE_BIN, "watch", "--dir", FIX("module"), "-c", "1",
			      "--min-rise=x", NULL };
	char *a, *b, *c, *err;
	int st;

	(void)state;
	a = run_program(joined, NULL, &st, &err);
	assert_int_equal(st, 0);
	free(err);
	b = run_program(apart, NULL, &st, &err);
	assert_int_equal(st, 0);
	free(err);
	assert_string_equal(a, b);
	/* and the value was used: by age is not by bytes on the fixture */
	c = run_program(bytes, NULL, &st, &err);
	assert_int_equal(st, 0);
	assert_string_not_equal(a, c);
	free(err);
	free(a);
	free(b);
	free(c);
	a = run_program(bad, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_non_null(strstr(err, "oomtrace: watch: --min-rise: not a whole number: 'x'\n"));
	free(a);
	free(err);
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
	assert_non_null(strstr(out, "down to the watermarks"));
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
	assert_non_null(strstr(out, "verdict: a.out (pid 5532) holds 95.3% of RAM"));
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

/* No OOM report, but a page allocation failure: that is what is explained. */
static void alloc_failure_without_oom_is_explained(void **state)
{
	char *out, *err;
	int st;

	(void)state;
	out = run("explain", FIX("no-oom-warn-alloc-dmesg.log"), NULL, NULL, &st, &err);
	assert_int_equal(st, 0);
	assert_string_equal(err, "");
	assert_ptr_equal(strstr(out, "page allocation failure 1 of 1, no OOM report in the input"), out);
	free(out);
	free(err);
	out = run("explain", "--json", FIX("no-oom-warn-alloc-dmesg.log"), NULL, &st, &err);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "\"event\": \"page_allocation_failure\""));
	free(out);
	free(err);
}

static void no_report_exits_1_naming_the_file(void **state)
{
	char *out, *err;
	int st;

	(void)state;
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
	cmocka_unit_test(every_command_has_help_and_one_error_style),
	cmocka_unit_test(options_take_their_value_either_way),
	cmocka_unit_test(version_and_help),
	cmocka_unit_test(explain_seed004_says_cma),
	cmocka_unit_test(explain_reads_standard_input),
	cmocka_unit_test(explain_json_is_an_array_of_reports),
	cmocka_unit_test(alloc_failure_without_oom_is_explained),
	cmocka_unit_test(no_report_exits_1_naming_the_file),
	cmocka_unit_test(random_bytes_file_is_no_report),
	cmocka_unit_test(unreadable_input_is_one_line_naming_it),
	cmocka_unit_test(explain_usage_errors_exit_2),
};

TEST_GROUP(group_cli, "cli", tests);
