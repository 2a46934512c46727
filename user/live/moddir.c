// SPDX-License-Identifier: GPL-2.0
/*
 * Finding the module's debugfs directory and reading its files. When the
 * directory is missing, say why in terms of the fix: debugfs not mounted,
 * or the module not loaded. debugfs files report size 0, so files are
 * read to EOF rather than by their size.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "live/moddir.h"

#define DEBUGFS_MAGIC 0x64626720

int md_read_path(const char *path, const char *label, char **buf, size_t *len,
		 struct rd_err *err)
{
	size_t cap = 65536, n = 0;
	char *b;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	*buf = NULL;
	*len = 0;
	if (fd < 0) {
		rd_errorf(err, "cannot open %s: %s", label, strerror(errno));
		return -1;
	}
	b = malloc(cap + 1);
	if (!b) {
		close(fd);
		rd_errorf(err, "cannot read %s: out of memory", label);
		return -1;
	}
	for (;;) {
		ssize_t r;

		if (n == cap) {
			char *nb;

			if (cap >= MF_MAX_BYTES) {
				rd_errorf(err, "%s: larger than %u MiB", label, MF_MAX_BYTES >> 20);
				goto fail;
			}
			cap *= 2;
			nb = realloc(b, cap + 1);
			if (!nb) {
				rd_errorf(err, "cannot read %s: out of memory", label);
				goto fail;
			}
			b = nb;
		}
		r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rd_errorf(err, "cannot read %s: %s", label, strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
fail:
	close(fd);
	free(b);
	return -1;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static bool is_debug_dir(const char *path)
{
	return ends_with(path, "/sys/kernel/debug") || !strcmp(path, "sys/kernel/debug");
}

/* debugfs, or a .../sys/kernel/debug that something is mounted on. */
static bool debugfs_mounted(const char *path)
{
	struct statfs sfs;
	struct dirent *de;
	bool any = false;
	DIR *d;

	if (statfs(path, &sfs) == 0 && (unsigned long)sfs.f_type == DEBUGFS_MAGIC)
		return true;
	if (!is_debug_dir(path))
		return false;
	/* an unmounted /sys/kernel/debug is an empty sysfs directory */
	d = opendir(path);
	if (!d)
		return false;
	while (!any && (de = readdir(d)))
		any = strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return any;
}

int md_check_dir(const char *dir, struct rd_err *err)
{
	char parent[4096];
	struct stat st;
	char *slash;
	int e;

	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		rd_errorf(err, "%s is not a directory", dir);
		return -1;
	}
	e = errno;
	if (e == EACCES) {
		rd_errorf(err, "cannot read %s: %s (the module's files are for root only)",
			  dir, strerror(e));
		return -1;
	}
	if (e != ENOENT || strlen(dir) >= sizeof(parent)) {
		rd_errorf(err, "cannot open %s: %s", dir, strerror(e));
		return -1;
	}
	strcpy(parent, dir);
	while (ends_with(parent, "/") && strlen(parent) > 1)
		parent[strlen(parent) - 1] = '\0';
	slash = strrchr(parent, '/');
	if (slash == parent)
		parent[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(parent, ".");
	if (debugfs_mounted(parent)) {
		rd_errorf(err, "the oomtrace module is not loaded (no %s)", dir);
		return -1;
	}
	if (is_debug_dir(parent)) {
		if (access(parent, X_OK) && errno == EACCES)
			rd_errorf(err, "cannot read %s: %s (debugfs is for root only)", parent,
				  strerror(EACCES));
		else
			rd_errorf(err, "debugfs is not mounted at %s (mount -t debugfs none %s)",
				  parent, parent);
		return -1;
	}
	rd_errorf(err, "cannot open %s: %s", dir, strerror(e));
	return -1;
}

int md_read(const char *dir, const char *name, char **buf, size_t *len,
	    struct rd_err *err)
{
	char path[4096];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path)) {
		rd_errorf(err, "%s: path too long", dir);
		return -1;
	}
	return md_read_path(path, path, buf, len, err);
}

int md_load_callsites(const char *dir, struct mf_callsites *out, struct rd_err *err)
{
	size_t len;
	char *buf;
	int r;

	memset(out, 0, sizeof(*out));
	if (md_read(dir, "callsites", &buf, &len, err))
		return -1;
	r = mf_parse_callsites(buf, len, "callsites", out, err);
	free(buf);
	return r;
}

int md_load_netdev(const char *dir, struct mf_netdevs *out, struct rd_err *err)
{
	size_t len;
	char *buf;
	int r;

	memset(out, 0, sizeof(*out));
	if (md_read(dir, "netdev", &buf, &len, err))
		return -1;
	r = mf_parse_netdev(buf, len, "netdev", out, err);
	free(buf);
	return r;
}

int md_load_any(const char *path, enum mf_kind *kind, struct mf_callsites *cs,
		struct mf_netdevs *nd, struct rd_err *err)
{
	size_t len;
	char *buf;
	int r = -1;

	memset(cs, 0, sizeof(*cs));
	memset(nd, 0, sizeof(*nd));
	if (md_read_path(path, path, &buf, &len, err))
		return -1;
	*kind = mf_detect(buf, len);
	if (*kind == MF_NETDEV)
		r = mf_parse_netdev(buf, len, path, nd, err);
	else
		r = mf_parse_callsites(buf, len, path, cs, err);
	if (!r)
		*kind = *kind == MF_NETDEV ? MF_NETDEV : MF_CALLSITES;
	free(buf);
	return r;
}
