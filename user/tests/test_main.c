// SPDX-License-Identifier: GPL-2.0
/*
 * Runs every test group in its own child process, so that a crash or a
 * sanitizer report in one group is counted as failures of that group and
 * the summary line is still printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

extern const struct test_group group_lineread, group_kv_json, group_fixtures,
	group_verdict, group_robustness, group_trend, group_cli, group_modfiles,
	group_modoom, group_top, group_watch, group_snapshot, group_record,
	group_module_cli, group_replays, group_metrics, group_pstore;
extern struct test_group group_corpus;	/* its cases come from the tables */
void corpus_load(void);

static const struct test_group *const groups[] = {
	&group_lineread, &group_kv_json, &group_fixtures, &group_verdict,
	&group_robustness, &group_trend, &group_cli, &group_modfiles, &group_modoom,
	&group_top, &group_watch, &group_snapshot, &group_record, &group_module_cli,
	&group_replays, &group_metrics, &group_pstore, &group_corpus,
};

/* Number of failed tests in the group; all of them if the child died. */
static size_t run_group(const struct test_group *g)
{
	int fds[2], st, failed = -1;
	pid_t pid;

	if (pipe(fds))
		return g->count;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return g->count;
	if (pid == 0) {
		close(fds[0]);
		failed = _cmocka_run_group_tests(g->name, g->tests, g->count, NULL, NULL);
		if (write(fds[1], &failed, sizeof(failed)) != sizeof(failed))
			_exit(3);
		close(fds[1]);
		exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &failed, sizeof(failed)) != sizeof(failed))
		failed = -1;
	close(fds[0]);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st)) {
		fprintf(stderr, "group %s: the test process did not exit cleanly (status 0x%x)\n",
			g->name, st);
		if (failed <= 0)
			failed = -1;
	}
	if (failed < 0 || (size_t)failed > g->count)
		return g->count;
	return (size_t)failed;
}

int main(void)
{
	size_t i, total = 0, failed = 0;

	corpus_load();
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		total += groups[i]->count;
		failed += run_group(groups[i]);
	}
	printf("%zu passed, %zu failed\n", total - failed, failed);
	return failed ? 1 : 0;
}
