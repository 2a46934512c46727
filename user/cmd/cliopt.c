// SPDX-License-Identifier: GPL-2.0
/*
 * The errors of getopt_long() option parsing, said the same way by every
 * subcommand that uses it: "oomtrace: CMD: --opt needs a value", then the
 * command's usage, exit status 2.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd/commands.h"

int cli_bad_option(const char *cmd, int c, char **argv, void (*usage)(FILE *f))
{
	if (c == ':')
		fprintf(stderr, "oomtrace: %s: %s needs a value\n", cmd, argv[optind - 1]);
	else
		fprintf(stderr, "oomtrace: %s: unknown argument '%s'\n", cmd, argv[optind - 1]);
	usage(stderr);
	return OOMTRACE_EXIT_USAGE;
}

int cli_no_operands(const char *cmd, int argc, char **argv, void (*usage)(FILE *f))
{
	if (optind >= argc)
		return 0;
	fprintf(stderr, "oomtrace: %s: unknown argument '%s'\n", cmd, argv[optind]);
	usage(stderr);
	return OOMTRACE_EXIT_USAGE;
}
