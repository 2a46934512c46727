/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_COMMANDS_H
#define _OOMTRACE_COMMANDS_H

#include <stdio.h>

#ifndef OOMTRACE_VERSION
#define OOMTRACE_VERSION "0.1.0"
#endif

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

int cmd_explain(int argc, char **argv);

/* The explain command's work, separated from argv for the tests. */
struct explain_opts {
	const char *path;	/* NULL or "-" for standard input */
	int json;
};

int explain_run(const struct explain_opts *o, FILE *out, FILE *err);

#endif /* _OOMTRACE_COMMANDS_H */
