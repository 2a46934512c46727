// SPDX-License-Identifier: GPL-2.0
/*
 * loadmod: load a kernel module with exactly one finit_module() call. The
 * busybox insmod tries init_module() when finit_module() fails, so one
 * insmod can be two loads; a test that fails the Nth allocation of a load
 * needs one.
 *
 *   loadmod [--pid-to FILE] MODULE.ko [PARAM...]
 *	--pid-to writes this process's pid to FILE first (a module
 *	parameter that says which task to watch). Exit 0: loaded; 1: the
 *	kernel refused it (the error on standard error); 2: usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char params[4096] = "";
	size_t used = 0;
	int i = 1, fd;

	if (argc > 2 && !strcmp(argv[1], "--pid-to")) {
		FILE *f = fopen(argv[2], "w");

		if (!f || fprintf(f, "%d\n", (int)getpid()) < 0 || fclose(f)) {
			fprintf(stderr, "loadmod: cannot write the pid to %s: %s\n", argv[2],
				strerror(errno));
			return 2;
		}
		i = 3;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: loadmod [--pid-to FILE] MODULE.ko [PARAM...]\n");
		return 2;
	}
	for (int p = i + 1; p < argc; p++) {
		int n = snprintf(params + used, sizeof(params) - used, "%s%s",
				 used ? " " : "", argv[p]);

		if (n < 0 || (size_t)n >= sizeof(params) - used) {
			fprintf(stderr, "loadmod: parameters longer than %zu bytes\n",
				sizeof(params) - 1);
			return 2;
		}
		used += (size_t)n;
	}
	fd = open(argv[i], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "loadmod: %s: %s\n", argv[i], strerror(errno));
		return 2;
	}
	if (syscall(SYS_finit_module, fd, params, 0)) {
		fprintf(stderr, "loadmod: %s: %s\n", argv[i], strerror(errno));
		return 1;
	}
	return 0;
}
