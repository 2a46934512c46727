// SPDX-License-Identifier: GPL-2.0
/*
 * readtime: how long reading a file takes, for the test VM, whose busybox
 * has no clock finer than a second.
 *
 *   readtime FILE [TIMES]
 *	Open and read FILE to its end TIMES times (default 5); prints
 *	"read N bytes: best B us, median M us".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	long long t[64];
	long bytes = 0;
	int times = argc > 2 ? atoi(argv[2]) : 5;

	if (argc < 2 || times < 1 || times > 64) {
		fprintf(stderr, "usage: readtime FILE [TIMES (1-64)]\n");
		return 2;
	}
	for (int i = 0; i < times; i++) {
		long long start = now_us();
		int fd = open(argv[1], O_RDONLY);
		ssize_t n;

		if (fd < 0) {
			fprintf(stderr, "readtime: %s: %s\n", argv[1], strerror(errno));
			return 1;
		}
		bytes = 0;
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			bytes += n;
		close(fd);
		if (n < 0) {
			fprintf(stderr, "readtime: %s: %s\n", argv[1], strerror(errno));
			return 1;
		}
		t[i] = now_us() - start;
	}
	qsort(t, times, sizeof(t[0]), cmp);
	printf("read %ld bytes: best %lld us, median %lld us\n", bytes, t[0], t[times / 2]);
	return 0;
}
