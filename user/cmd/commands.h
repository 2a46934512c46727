/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_COMMANDS_H
#define _OOMTRACE_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include "../../module/format.h"	/* OT_VERSION, with the module's */

/* Exit codes shared by every subcommand. */
#define OOMTRACE_EXIT_OK 0
#define OOMTRACE_EXIT_NOTHING 1		/* ran fine, found nothing */
#define OOMTRACE_EXIT_USAGE 2		/* bad arguments or unreadable input */

/*
 * One subcommand. run() gets argv with argv[0] set to the subcommand name
 * and returns the process exit code.
 */
struct oomtrace_cmd {
	const char *name;
	const char *args;
	const char *summary;
	int (*run)(int argc, char **argv);
};

/*
 * For commands parsing with getopt_long() (opterr 0, optstring starting
 * with ':'): the message for what it returned as ':' or '?', and for
 * operands left over (0 when none). Both return the exit code.
 */
int cli_bad_option(const char *cmd, int c, char **argv, void (*usage)(FILE *f));
int cli_no_operands(const char *cmd, int argc, char **argv, void (*usage)(FILE *f));
/* "oomtrace: CMD: OPT: not WANT: 'VAL'" and the usage; returns the exit code. */
int cli_bad_value(const char *cmd, const char *opt, const char *want, const char *val,
		  void (*usage)(FILE *f));
/* "oomtrace: CMD: WHAT" and the usage; returns the exit code. */
int cli_usage_error(const char *cmd, const char *what, void (*usage)(FILE *f));
/* Index of val in the NULL-terminated names, or -1. */
int cli_choice(const char *val, const char *const *names);

int cmd_explain(int argc, char **argv);

/* The explain command's work, separated from argv for the tests. */
struct explain_opts {
	const char *path;	/* NULL or "-" for standard input */
	int json;
};

int explain_run(const struct explain_opts *o, FILE *out, FILE *err);

int cmd_top(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_oom(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_metrics(int argc, char **argv);

enum top_sort {
	TOP_SORT_BYTES,
	TOP_SORT_COUNT,
	TOP_SORT_AGE,
};

struct top_opts {
	const char *dir;	/* the module's debugfs directory */
	size_t limit;		/* callsites shown, 0: all */
	enum top_sort sort;
};

int top_run(const struct top_opts *o, FILE *out, FILE *err);

/* watch's table for the newest sample and its summary, from cmd_watch.c. */
struct watch;
void watch_print(FILE *out, const struct watch *w, size_t rows, bool summary);

#endif /* _OOMTRACE_COMMANDS_H */
