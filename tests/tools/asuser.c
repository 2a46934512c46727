// SPDX-License-Identifier: GPL-2.0
/*
 * asuser: run a command as an unprivileged user, for the test VM, which
 * has no user database for su or chpst to look names up in.
 *
 *   asuser UID COMMAND [ARG...]
 *	Drops supplementary groups, sets the group and user id to UID (all
 *	of real, effective and saved), and executes COMMAND.
 */
#define _GNU_SOURCE	/* setresuid, setresgid */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *end;
	long id;

	if (argc < 3) {
		fprintf(stderr, "usage: asuser UID COMMAND [ARG...]\n");
		return 2;
	}
	errno = 0;
	id = strtol(argv[1], &end, 10);
	if (errno || *end || id <= 0 || id > 65535) {
		fprintf(stderr, "asuser: not a user id: '%s'\n", argv[1]);
		return 2;
	}
	if (setgroups(0, NULL) || setresgid(id, id, id) || setresuid(id, id, id)) {
		fprintf(stderr, "asuser: cannot become %ld: %s\n", id, strerror(errno));
		return 2;
	}
	execvp(argv[2], argv + 2);
	fprintf(stderr, "asuser: %s: %s\n", argv[2], strerror(errno));
	return 127;
}
