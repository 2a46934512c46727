// SPDX-License-Identifier: GPL-2.0
/*
 * ctlfuzz: random writes to a control file, for the test VM.
 *
 *   ctlfuzz FILE COUNT SEED [WORD...]
 *	COUNT writes, each on a fresh open: random bytes of random length
 *	(0 to 64, one in 16 up to 8192), near misses built from the
 *	WORDs (the file's valid commands: changed case, cut, extended,
 *	repeated), and commands split over two writes. A payload that
 *	is a valid command once blanks are trimmed is never sent, so
 *	every write must be refused. One in 64 writes passes a bad
 *	buffer address. Prints "writes N refused N accepted N other N";
 *	exits 1 if any write was accepted or failed other than EINVAL
 *	(EFAULT for the bad addresses).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long long state;
/* An address no process maps: the kernel must fail the copy (EFAULT). */
static volatile uintptr_t bad_buffer = 16;

static unsigned int rnd(unsigned int n)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned int)(state >> 33) % n;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * Would the module take @p as a command? It reads a C string (up to the
 * first NUL), trims blanks and compares.
 */
static int is_valid(const char *p, size_t len, char **words, int nwords)
{
	int i;

	len = strnlen(p, len);
	while (len && is_blank(*p)) {
		p++;
		len--;
	}
	while (len && is_blank(p[len - 1]))
		len--;
	for (i = 0; i < nwords; i++)
		if (strlen(words[i]) == len && !memcmp(p, words[i], len))
			return 1;
	return 0;
}

static size_t near_miss(char *buf, size_t cap, char **words, int nwords)
{
	const char *w = words[rnd(nwords)];
	size_t n = strlen(w), i;

	if (n + 8 >= cap)
		return 0;
	memcpy(buf, w, n);
	switch (rnd(5)) {
	case 0:				/* changed case */
		buf[rnd(n)] ^= 0x20;
		break;
	case 1:				/* cut */
		n = rnd(n);
		break;
	case 2:				/* extended */
		for (i = 0; i < 1 + rnd(6); i++)
			buf[n++] = (char)(33 + rnd(94));
		break;
	case 3:				/* two commands in one write */
		buf[n++] = rnd(2) ? '\n' : ' ';
		memcpy(buf + n, w, strlen(w) < cap - n ? strlen(w) : 0);
		n += strlen(w) < cap - n ? strlen(w) : 0;
		break;
	default:			/* a NUL inside */
		buf[rnd(n)] = '\0';
		break;
	}
	return n;
}

int main(int argc, char **argv)
{
	static char buf[8192];
	unsigned long writes = 0, refused = 0, accepted = 0, other = 0;
	unsigned long count;
	int nwords = argc - 4;

	if (argc < 4) {
		fprintf(stderr, "usage: ctlfuzz FILE COUNT SEED [WORD...]\n");
		return 2;
	}
	count = strtoul(argv[2], NULL, 10);
	state = strtoull(argv[3], NULL, 10);
	while (writes < count) {
		size_t len, i, cut = 0;
		int fd, bad_addr = 0, kind = rnd(8);
		ssize_t r;

		if (kind < 3 && nwords) {
			len = near_miss(buf, sizeof(buf), argv + 4, nwords);
		} else if (kind == 3 && nwords) {
			/* a valid command in two writes: each half alone */
			len = strlen(argv[4 + rnd(nwords)]);
			memcpy(buf, argv[4 + rnd(nwords)], len);
			cut = len > 1 ? 1 + rnd(len - 1) : 0;
		} else {
			len = rnd(16) ? rnd(65) : rnd(sizeof(buf) + 1);
			for (i = 0; i < len; i++)
				buf[i] = (char)rnd(256);
		}
		if (!cut && is_valid(buf, len, argv + 4, nwords))
			continue;
		if (cut && (is_valid(buf, cut, argv + 4, nwords) ||
			    is_valid(buf + cut, len - cut, argv + 4, nwords)))
			continue;
		bad_addr = len && !rnd(64);
		fd = open(argv[1], O_WRONLY);
		if (fd < 0) {
			perror(argv[1]);
			return 2;
		}
		do {
			size_t n = cut ? cut : len;
			const char *p = bad_addr ? (const char *)bad_buffer : buf;

			r = write(fd, p, n);
			writes++;
			if (r == 0 && n == 0)
				refused++;	/* nothing written, nothing taken */
			else if (r >= 0)
				accepted++;
			else if (errno == EINVAL || (bad_addr && errno == EFAULT))
				refused++;
			else
				other++;
			if ((r > 0 || (r == 0 && n)) || (r < 0 && errno != EINVAL && errno != EFAULT))
				fprintf(stderr, "write %lu of %zu bytes: %s\n", writes, n,
					r >= 0 ? "accepted" : strerror(errno));
			if (cut) {
				memmove(buf, buf + cut, len - cut);
				len -= cut;
				cut = 0;
				continue;
			}
			break;
		} while (1);
		close(fd);
	}
	printf("writes %lu refused %lu accepted %lu other %lu\n", writes, refused, accepted, other);
	return accepted || other ? 1 : 0;
}
