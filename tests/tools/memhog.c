// SPDX-License-Identifier: GPL-2.0
/*
 * memhog: a user process that takes memory, for replaying OOMs in the
 * test VM.
 *
 *   memhog MiB [STEP_MiB]
 *	Allocate and touch MiB mebibytes (0: until killed), STEP_MiB at a
 *	time (default 8), then sleep until killed. Anonymous, private,
 *	written to so it is really resident.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long want, step, have = 0;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: memhog MiB [STEP_MiB]\n");
		return 2;
	}
	want = atol(argv[1]);
	step = argc > 2 ? atol(argv[2]) : 8;
	if (want < 0 || step <= 0) {
		fprintf(stderr, "memhog: sizes must be positive\n");
		return 2;
	}
	while (!want || have < want) {
		size_t len = (size_t)step << 20;
		char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			perror("memhog: mmap");
			break;
		}
		memset(p, 0x5a, len);
		have += step;
	}
	printf("memhog: holding %ld MiB\n", have);
	fflush(stdout);
	for (;;)
		pause();
}
