// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace: explain kernel OOM reports and read the oomtrace module's
 * tables. Each subcommand is one entry in the table below and lives in
 * its own cmd_<name>.c.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/commands.h"
#include "live/modfiles.h"

static int cmd_help(int argc, char **argv);

static const struct oomtrace_cmd commands[] = {
	{ "explain", "[--json] [FILE|-]",
	  "explain each kernel OOM report in a log (dmesg, console, syslog, journal)",
	  cmd_explain },
	{ "top", "[-n N] [--sort bytes|count|age] [--dir DIR]",
	  "the callsites and network devices holding the most memory now", cmd_top },
	{ "watch", "[-i S] [-c N] [--dir DIR] [--replay FILE...]",
	  "sample repeatedly, show growth, mark callsites that leak", cmd_watch },
	{ "oom", "[--json] [--dir DIR] [--pstore DIR]",
	  "the OOM reports the module kept; else the last boot's, from pstore", cmd_oom },
	{ "snapshot", "--json [--dir DIR] [--proc PROCDIR]",
	  "everything the module and /proc say about memory, as JSON", cmd_snapshot },
	{ "metrics", "[--dir DIR] [--top N] [--textfile DIR]",
	  "the module's state as Prometheus metrics (node_exporter textfile)", cmd_metrics },
	{ "record", "DIR [--once] [--timeout S] [--mode auto|bpf|poll]",
	  "wait for OOM kills and write a snapshot bundle for each", cmd_record },
	{ "help", "", "show this help", cmd_help },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: oomtrace <command> [args]\n"
		   "       oomtrace --version\n\ncommands:\n");
	for (i = 0; i < NR_COMMANDS; i++)
		fprintf(f, "  %-8s%s%s\n  %-8s   %s\n", commands[i].name,
			commands[i].args[0] ? " " : "", commands[i].args, "", commands[i].summary);
	fprintf(f, "\nThe module's files are read from " MF_DEFAULT_DIR " unless --dir says\n"
		   "otherwise.\n"
		   "exit status: 0 success, 1 nothing found, 2 usage error or unreadable input\n");
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return OOMTRACE_EXIT_OK;
}

static const struct oomtrace_cmd *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const struct oomtrace_cmd *cmd;

	if (argc < 2) {
		usage(stderr);
		return OOMTRACE_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("oomtrace %s\n", OT_VERSION);
		return OOMTRACE_EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(argc - 1, argv + 1);
	cmd = find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "oomtrace: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return OOMTRACE_EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}
