// SPDX-License-Identifier: GPL-2.0
/*
 * The errors of option parsing, said the same way by every subcommand:
 * "oomtrace: CMD: --opt needs a value", "oomtrace: CMD: --opt: not a
 * number: 'x'", then the command's usage; exit status 2 (usage error).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"

int cli_bad_option(const char *cmd, int c, char **argv, void (*usage)(FILE *f))
{
	if (c == ':')
		fprintf(stderr, "oomtrace: %s: %s needs a value\n", cmd, argv[optind - 1]);
	else
		fprintf(stderr, "oomtrace: %s: unknown option '%s'\n", cmd, argv[optind - 1]);
	usage(stderr);
	return OOMTRACE_EXIT_USAGE;
}

int cli_no_operands(const char *cmd, int argc, char **argv, void (*usage)(FILE *f))
{
	if (optind >= argc)
		return 0;
	fprintf(stderr, "oomtrace: %s: unexpected argument '%s'\n", cmd, argv[optind]);
	usage(stderr);
	return OOMTRACE_EXIT_USAGE;
}

int cli_bad_value(const char *cmd, const char *opt, const char *want, const char *val,
		  void (*usage)(FILE *f))
{
	fprintf(stderr, "oomtrace: %s: %s: not %s: '%s'\n", cmd, opt, want, val);
	usage(stderr);
	return OOMTRACE_EXIT_USAGE;
}

int cli_usage_error(const char *cmd, const char *what, void (*usage)(FILE *f))
{
	fprintf(stderr, "oomtrace: %s: %s\n", cmd, what);
	usage(stderr);
	return OOMTRACE_EXIT_USAGE;
}

int cli_choice(const char *val, const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++)
		if (!strcmp(val, names[i]))
			return i;
	return -1;
}
