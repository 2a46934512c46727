// SPDX-License-Identifier: GPL-2.0
/* Scratch directories for the tests, removed after each use. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "tmpdir.h"

char *tmpdir_make(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = malloc(4096);

	assert_non_null(dir);
	snprintf(dir, 4096, "%s/oomtrace-test-XXXXXX", base && *base ? base : "/tmp");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void tmpdir_remove(char *dir)
{
	if (!dir)
		return;
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

char *tmpdir_path(const char *dir, const char *name)
{
	char *p = malloc(4096);

	assert_non_null(p);
	snprintf(p, 4096, "%s/%s", dir, name);
	return p;
}

void tmpdir_put(const char *dir, const char *name, const char *text)
{
	char *p = tmpdir_path(dir, name), *tmp = tmpdir_path(dir, ".put.tmp");
	FILE *f = fopen(tmp, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
	/* whole or not at all, for a reader polling the same file */
	assert_int_equal(rename(tmp, p), 0);
	free(p);
	free(tmp);
}

void tmpdir_copy(const char *dir, const char *name, const char *fixture)
{
	char *text = fixture_read(fixture, NULL);

	tmpdir_put(dir, name, text);
	free(text);
}

char *tmpdir_module(const char *replace, const char *text)
{
	static const char *const files[] = { "callsites", "netdev", "stats", "probes", "oom", "report",
					       "verdicts" };
	char *dir = tmpdir_make(), fix[64];
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if (replace && !strcmp(replace, files[i])) {
			if (text)
				tmpdir_put(dir, files[i], text);
			continue;
		}
		snprintf(fix, sizeof(fix), "module/%s", files[i]);
		tmpdir_copy(dir, files[i], fix);
	}
	return dir;
}

char *file_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, n = 0, r;
	char *buf;

	if (!f)
		return NULL;
	buf = malloc(cap);
	assert_non_null(buf);
	while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n < 2) {
			buf = realloc(buf, cap *= 2);
			assert_non_null(buf);
		}
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}
