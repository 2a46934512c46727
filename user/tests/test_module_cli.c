// SPDX-License-Identifier: GPL-2.0
/*
 * The module readers' messages: what is wrong and how to fix it, in one
 * line, with a non-zero exit. Never a crash, never a partial table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "tmpdir.h"

static char *run_args(const char *const *args, int *st, char **err)
{
	const char *argv[16] = { OOMTRACE_BIN };
	size_t i;

	for (i = 0; args[i] && i < 14; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;
	return run_program(argv, NULL, st, err);
}

/* Exit status 2, nothing on stdout, exactly this one line on stderr. */
static void expect_error(const char *const *args, const char *msg)
{
	char *out, *err;
	int st;

	out = run_args(args, &st, &err);
	assert_int_equal(st, 2);
	assert_string_equal(out, "");
	assert_string_equal(err, msg);
	free(out);
	free(err);
}

/* ROOT/sys/kernel/debug, empty (unmounted) or with a tracing directory. */
static char *fake_debugfs(bool mounted, char **moddir)
{
	char *root = tmpdir_make(), path[4200];

	snprintf(path, sizeof(path), "%s/sys", root);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/sys/kernel", root);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/sys/kernel/debug", root);
	assert_int_equal(mkdir(path, 0755), 0);
	if (mounted) {
		snprintf(path, sizeof(path), "%s/sys/kernel/debug/tracing", root);
		assert_int_equal(mkdir(path, 0755), 0);
	}
	*moddir = tmpdir_path(root, "sys/kernel/debug/oomtrace");
	return root;
}

static void debugfs_not_mounted(void **state)
{
	char *mod, *root = fake_debugfs(false, &mod), msg[8192];
	const char *top[] = { "top", "--dir", mod, NULL };
	const char *oom[] = { "oom", "--dir", mod, NULL };
	const char *snap[] = { "snapshot", "--json", "--dir", mod, NULL };

	(void)state;
	snprintf(msg, sizeof(msg),
		 "oomtrace: debugfs is not mounted at %s/sys/kernel/debug (mount -t debugfs none %s/sys/kernel/debug)\n",
		 root, root);
	expect_error(top, msg);
	expect_error(oom, msg);
	expect_error(snap, msg);
	free(mod);
	tmpdir_remove(root);
}

static void module_not_loaded(void **state)
{
	char *mod, *root = fake_debugfs(true, &mod), msg[8192];
	const char *top[] = { "top", "--dir", mod, NULL };
	const char *watch[] = { "watch", "-c", "1", "--dir", mod, NULL };

	(void)state;
	snprintf(msg, sizeof(msg), "oomtrace: the oomtrace module is not loaded (no %s)\n", mod);
	expect_error(top, msg);
	expect_error(watch, msg);
	free(mod);
	tmpdir_remove(root);
}

static void default_directory_on_this_machine(void **state)
{
	const char *top[] = { "top", NULL };
	struct stat st;
	char *out, *err;
	int rc;

	(void)state;
	if (stat("/sys/kernel/debug/oomtrace", &st) == 0)
		skip();
	out = run_args(top, &rc, &err);
	assert_int_equal(rc, 2);
	if (strcmp(err, "oomtrace: debugfs is not mounted at /sys/kernel/debug (mount -t debugfs none /sys/kernel/debug)\n") &&
	    strcmp(err, "oomtrace: the oomtrace module is not loaded (no /sys/kernel/debug/oomtrace)\n") &&
	    strncmp(err, "oomtrace: cannot read /sys/kernel/debug", 39))
		fail_msg("unexpected: %s", err);
	free(out);
	free(err);
}

static void format_version_and_malformed_lines(void **state)
{
	char *dir = tmpdir_module("callsites", NULL), path[4200];
	const char *top[] = { "top", "--dir", dir, NULL };
	const char *oom[] = { "oom", "--dir", dir, NULL };

	(void)state;
	tmpdir_copy(dir, "callsites", "module/callsites-v2");
	expect_error(top, "oomtrace: callsites: format v2, this reader understands v1\n");
	tmpdir_copy(dir, "callsites", "module/callsites-malformed");
	expect_error(top, "oomtrace: callsites: line 4: live_bytes is not a number: '85k248'\n");
	tmpdir_copy(dir, "callsites", "module/callsites");
	tmpdir_copy(dir, "netdev", "module/callsites");
	expect_error(top, "oomtrace: netdev: line 1: this is the oomtrace-callsites file, not netdev\n");
	tmpdir_copy(dir, "oom", "module/oom-malformed");
	expect_error(oom, "oomtrace: oom: line 16: expected 'report <seq> <boot_ns> <truncated> <victim_pid>'\n");
	snprintf(path, sizeof(path), "%s/netdev", dir);
	assert_int_equal(remove(path), 0);
	snprintf(path, sizeof(path), "oomtrace: cannot open %s/netdev: No such file or directory\n", dir);
	expect_error(top, path);
	tmpdir_remove(dir);
}

static void not_a_directory_and_bad_options(void **state)
{
	const char *file[] = { "top", "--dir", FIXTURE_DIR "/module/callsites", NULL };
	const char *missing[] = { "top", "--dir", "/nonexistent/oomtrace", NULL };
	const char *sort[] = { "top", "--sort", "size", NULL };
	const char *n[] = { "top", "-n", "ten", NULL };
	const char *interval[] = { "watch", "-i", "0.01", NULL };
	const char *replay[] = { "watch", "--replay", NULL };
	char *out, *err;
	int st;

	(void)state;
	expect_error(file, "oomtrace: " FIXTURE_DIR "/module/callsites is not a directory\n");
	expect_error(missing, "oomtrace: cannot open /nonexistent/oomtrace: No such file or directory\n");
	out = run_args(sort, &st, &err);
	assert_int_equal(st, 2);
	assert_non_null(strstr(err, "oomtrace: top: --sort: not bytes, count or age: 'size'\n"));
	free(out);
	free(err);
	out = run_args(n, &st, &err);
	assert_int_equal(st, 2);
	free(out);
	free(err);
	out = run_args(interval, &st, &err);
	assert_int_equal(st, 2);
	assert_non_null(strstr(err, "oomtrace: watch: -i: not seconds, at least 0.1: '0.01'\n"));
	free(out);
	free(err);
	out = run_args(replay, &st, &err);
	assert_int_equal(st, 2);
	assert_non_null(strstr(err, "--replay needs recorded files"));
	free(out);
	free(err);
}

static void oom_command(void **state)
{
	const char *text[] = { "oom", "--dir", FIXTURE_DIR "/module", NULL };
	const char *json[] = { "oom", "--json", "--dir", FIXTURE_DIR "/module", NULL };
	char *dir = tmpdir_module("oom", "# oomtrace-oom v1: report <seq> <boot_ns> <truncated> <victim_pid>, then its lines\n");
	/* an empty persistent store: nothing from an earlier boot either */
	const char *empty[] = { "oom", "--dir", dir, "--pstore", dir, NULL };
	char *out, *err;
	int st;

	(void)state;
	out = run_args(text, &st, &err);
	assert_int_equal(st, 0);
	assert_string_equal(err, "");
	assert_non_null(strstr(out, "OOM report 1 at 9.582s after boot, victim pid 138\n"
				    "  OOM #1: sysrq-f (manual), panic_on_oom 0\n"));
	assert_non_null(strstr(out, "\n\nOOM report 2 at 10.638s after boot, no victim recorded\n"));
	assert_non_null(strstr(out, "  tx vb0: backlog, 300 in flight, oldest 4s\n"));
	free(out);
	free(err);
	out = run_args(json, &st, &err);
	assert_int_equal(st, 0);
	assert_true(json_valid(out, strlen(out)));
	assert_int_equal(out[0], '[');
	free(out);
	free(err);
	out = run_args(empty, &st, &err);
	assert_int_equal(st, 1);
	assert_string_equal(out, "");
	assert_string_equal(err, "oomtrace: no OOM since the module was loaded\n");
	free(out);
	free(err);
	tmpdir_remove(dir);
}

static void help_lists_the_module_commands(void **state)
{
	const char *help[] = { "help", NULL };
	const char *top_help[] = { "top", "--help", NULL };
	char *out, *err;
	int st;

	(void)state;
	out = run_args(help, &st, &err);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "\n  top "));
	assert_non_null(strstr(out, "\n  watch "));
	assert_non_null(strstr(out, "\n  oom "));
	assert_non_null(strstr(out, "\n  snapshot "));
	assert_non_null(strstr(out, "\n  record "));
	free(out);
	free(err);
	out = run_args(top_help, &st, &err);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "usage: oomtrace top [-n N] [--sort bytes|count|age] [--dir DIR]\n"));
	free(out);
	free(err);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(debugfs_not_mounted),
	cmocka_unit_test(module_not_loaded),
	cmocka_unit_test(default_directory_on_this_machine),
	cmocka_unit_test(format_version_and_malformed_lines),
	cmocka_unit_test(not_a_directory_and_bad_options),
	cmocka_unit_test(oom_command),
	cmocka_unit_test(help_lists_the_module_commands),
};

TEST_GROUP(group_module_cli, "module_cli", tests);
