// SPDX-License-Identifier: GPL-2.0
/*
 * `oomtrace record` in poll mode against a scratch module directory: a
 * report appended while it waits is one bundle; the reports already
 * there are not events; without the module it says so.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "jsonread.h"
#include "tmpdir.h"

#define NEW_REPORT \
	"report 3 11700000000 0 4242\n" \
	"OOM #3: global OOM, gfp GFP_HIGHUSER_MOVABLE|__GFP_COMP, order 0, panic_on_oom 0\n" \
	"memory: total 468168 kB, free 2100 kB (cma 0 kB, min watermark 2696 kB), slab unreclaimable 10116 kB, hugepages 0 kB (0 kB free), accounted nowhere ~402260 kB\n" \
	"largest process: sh (pid 95) 1676 kB RSS\n" \
	"verdict: outstanding: fixture_skb_leak_alloc+0x89/0xbe [fixture_skb_leak] holds 390000 kB in 100000 skb objects, oldest 40s\n" \
	"top 1: fixture_skb_leak_alloc+0x89/0xbe [fixture_skb_leak] 390000 kB in 100000 skb, oldest 40s\n"

struct child {
	pid_t pid;
	int out;		/* its stdout, a pipe */
	FILE *err;
	char buf[8192];
	size_t len;
};

static void spawn(struct child *c, const char *const argv[])
{
	int fds[2];

	memset(c, 0, sizeof(*c));
	c->err = tmpfile();
	assert_non_null(c->err);
	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	c->pid = fork();
	assert_true(c->pid >= 0);
	if (c->pid == 0) {
		int in = open("/dev/null", O_RDONLY);

		if (in < 0 || dup2(in, 0) < 0 || dup2(fds[1], 1) < 0 ||
		    dup2(fileno(c->err), 2) < 0)
			_exit(127);
		close(fds[0]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	c->out = fds[0];
}

/* Read its stdout until text appears or it closes; true if it appeared. */
static bool wait_for(struct child *c, const char *text)
{
	ssize_t n;

	while (!strstr(c->buf, text)) {
		if (c->len + 1 >= sizeof(c->buf))
			return false;
		n = read(c->out, c->buf + c->len, sizeof(c->buf) - 1 - c->len);
		if (n <= 0)
			return false;
		c->len += (size_t)n;
		c->buf[c->len] = '\0';
	}
	return true;
}

/* Its exit status; stderr into *err. */
static int finish(struct child *c, char **err)
{
	long n;
	int st;

	wait_for(c, "\x01never");
	close(c->out);
	assert_int_equal(waitpid(c->pid, &st, 0), c->pid);
	assert_true(WIFEXITED(st));
	n = ftell(c->err);
	*err = calloc(1, (size_t)n + 1);
	assert_non_null(*err);
	rewind(c->err);
	assert_int_equal(fread(*err, 1, (size_t)n, c->err), (size_t)n);
	fclose(c->err);
	return WEXITSTATUS(st);
}

/* The one entry of dir (a bundle), or NULL when it is empty. */
static char *only_entry(const char *dir)
{
	struct dirent *de;
	char *found = NULL;
	DIR *d = opendir(dir);

	assert_non_null(d);
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (found)
			fail_msg("more than one entry in %s: %s and %s", dir, found, de->d_name);
		found = strdup(de->d_name);
	}
	closedir(d);
	return found;
}

static void appended_report_makes_one_bundle(void **state)
{
	char *mod = tmpdir_module(NULL, NULL), *out = tmpdir_make(), *err, *name, *path, *text;
	const char *argv[] = { OOMTRACE_BIN, "record", out, "--once", "--timeout", "30", "--mode",
			       "poll", "-i", "0.05", "--dir", mod, "--proc", FIXTURE_DIR "/proc",
			       NULL };
	char *oom = fixture_read("module/oom", NULL), *grown, want[256], sch_err[512];
	struct jv *doc;
	struct child c;
	struct stat st;
	size_t len;

	(void)state;
	spawn(&c, argv);
	assert_true(wait_for(&c, "record: mode poll (asked for)\n"));
	grown = malloc(strlen(oom) + sizeof(NEW_REPORT));
	assert_non_null(grown);
	sprintf(grown, "%s%s", oom, NEW_REPORT);
	tmpdir_put(mod, "oom", grown);
	assert_true(wait_for(&c, "record: wrote "));
	assert_int_equal(finish(&c, &err), 0);
	assert_string_equal(err, "");

	name = only_entry(out);
	assert_non_null(name);
	assert_int_equal(strncmp(name, "oom-", 4), 0);
	assert_string_equal(name + strlen(name) - 5, "-seq3");
	snprintf(want, sizeof(want), "record: wrote %s/%s (victim 4242, module report 3)\n", out, name);
	assert_non_null(strstr(c.buf, want));

	path = malloc(strlen(out) + strlen(name) + 64);
	assert_non_null(path);
	sprintf(path, "%s/%s/snapshot.json", out, name);
	text = file_slurp(path, &len);
	assert_non_null(text);
	doc = jv_parse(text, len);
	assert_non_null(doc);
	if (!schema_valid(text, sch_err, sizeof(sch_err)))
		fail_msg("bundle snapshot does not match the schema at '%s'", sch_err);
	assert_string_equal(jv_path(doc, "event.mode")->str, "poll");
	assert_int_equal((int)jv_path(doc, "event.oom_seq")->num, 3);
	assert_int_equal((int)jv_path(doc, "event.victims.0.pid")->num, 4242);
	assert_int_equal(jv_path(doc, "event.victims")->n, 1);
	assert_int_equal(jv_path(doc, "module.oom")->n, 3);
	assert_string_equal(jv_path(doc, "module.oom.2.gfp")->str, "GFP_HIGHUSER_MOVABLE|__GFP_COMP");
	jv_free(doc);
	free(text);

	sprintf(path, "%s/%s/module/oom", out, name);
	text = file_slurp(path, NULL);
	assert_non_null(text);
	assert_non_null(strstr(text, "\nreport 3 11700000000 0 4242\n"));
	free(text);
	sprintf(path, "%s/%s/module/callsites", out, name);
	assert_int_equal(stat(path, &st), 0);
	sprintf(path, "%s/%s/dmesg.txt", out, name);
	if (stat(path, &st)) {
		sprintf(path, "%s/%s/dmesg.unavailable", out, name);
		assert_int_equal(stat(path, &st), 0);
	}
	free(path);
	free(name);
	free(err);
	free(grown);
	free(oom);
	tmpdir_remove(mod);
	tmpdir_remove(out);
}

static void reports_already_there_are_not_events(void **state)
{
	char *mod = tmpdir_module(NULL, NULL), *out = tmpdir_make(), *err, *name;
	const char *argv[] = { OOMTRACE_BIN, "record", out, "--timeout", "0.4", "--mode", "poll",
			       "-i", "0.05", "--dir", mod, "--proc", FIXTURE_DIR "/proc", NULL };
	struct child c;

	(void)state;
	spawn(&c, argv);
	assert_int_equal(finish(&c, &err), 1);
	assert_string_equal(c.buf, "record: mode poll (asked for)\n");
	assert_string_equal(err, "oomtrace: record: no OOM kill within the timeout\n");
	name = only_entry(out);
	assert_null(name);
	free(err);
	tmpdir_remove(mod);
	tmpdir_remove(out);
}

static void poll_mode_needs_the_module(void **state)
{
	char *root = tmpdir_make(), *debug = tmpdir_path(root, "sys/kernel/debug"), *mod, *err;
	char mkd[4200];
	const char *argv[] = { OOMTRACE_BIN, "record", root, "--timeout", "5", "--mode", "poll",
			       "--dir", NULL, NULL };
	struct child c;

	(void)state;
	snprintf(mkd, sizeof(mkd), "%s/sys", root);
	assert_int_equal(mkdir(mkd, 0755), 0);
	snprintf(mkd, sizeof(mkd), "%s/sys/kernel", root);
	assert_int_equal(mkdir(mkd, 0755), 0);
	assert_int_equal(mkdir(debug, 0755), 0);
	snprintf(mkd, sizeof(mkd), "%s/tracing", debug);
	assert_int_equal(mkdir(mkd, 0755), 0);
	mod = tmpdir_path(debug, "oomtrace");
	argv[8] = mod;
	spawn(&c, argv);
	assert_int_equal(finish(&c, &err), 2);
	assert_string_equal(c.buf, "record: mode poll (asked for)\n");
	snprintf(mkd, sizeof(mkd), "oomtrace: the oomtrace module is not loaded (no %s)\n", mod);
	assert_string_equal(err, mkd);
	free(err);
	free(mod);
	free(debug);
	tmpdir_remove(root);
}

static void auto_mode_says_which_mode(void **state)
{
	char *mod = tmpdir_module(NULL, NULL), *out = tmpdir_make(), *err;
	const char *argv[] = { OOMTRACE_BIN, "record", out, "--timeout", "0.3", "-i", "0.05",
			       "--dir", mod, "--proc", FIXTURE_DIR "/proc", NULL };
	struct child c;
	int st;

	(void)state;
	spawn(&c, argv);
	st = finish(&c, &err);
	/* which one depends on this machine; either way it is said first */
	if (!strncmp(c.buf, "record: mode bpf\n", 17)) {
		/* 0 only if this machine really had an OOM kill just now */
		assert_true(st == 1 || st == 0);
	} else {
		assert_int_equal(strncmp(c.buf, "record: mode poll (BPF unavailable: ", 36), 0);
		assert_non_null(strstr(c.buf, ")\n"));
		assert_int_equal(st, 1);
	}
	free(err);
	tmpdir_remove(mod);
	tmpdir_remove(out);
}

static void usage_errors(void **state)
{
	const char *none[] = { OOMTRACE_BIN, "record", NULL };
	const char *mode[] = { OOMTRACE_BIN, "record", "/tmp/x", "--mode", "ebpf", NULL };
	char *out, *err;
	int st;

	(void)state;
	out = run_program(none, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_non_null(strstr(err, "oomtrace: record: which directory should the bundles go to?\n"));
	free(out);
	free(err);
	out = run_program(mode, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_non_null(strstr(err, "oomtrace: record: --mode: not auto, bpf or poll: 'ebpf'\n"));
	free(out);
	free(err);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(appended_report_makes_one_bundle),
	cmocka_unit_test(reports_already_there_are_not_events),
	cmocka_unit_test(poll_mode_needs_the_module),
	cmocka_unit_test(auto_mode_says_which_mode),
	cmocka_unit_test(usage_errors),
};

TEST_GROUP(group_record, "record", tests);
