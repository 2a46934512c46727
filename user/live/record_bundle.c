// SPDX-License-Identifier: GPL-2.0
/*
 * One bundle per OOM event: OUT/oom-<UTC time>[-seq<N>]/ with
 *   snapshot.json   the JSON snapshot, with the event in "event"
 *   module/<file>   raw copies of the module's files
 *   dmesg.txt       the tail of the kernel log, when it is readable
 * It is written under a hidden name and renamed when complete, so a
 * bundle that is there is whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "live/moddir.h"
#include "live/record.h"

#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_SIZE_BUFFER 10

static const char *const module_files[] = {
	"callsites", "netdev", "stats", "probes", "oom", "report",
};

static int mkdir_p(const char *path, struct rd_err *err)
{
	char tmp[4096];
	size_t i, n = strlen(path);

	if (n >= sizeof(tmp)) {
		rd_errorf(err, "record: %s: path too long", path);
		return -1;
	}
	memcpy(tmp, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (tmp[i] != '/' && tmp[i] != '\0')
			continue;
		tmp[i] = '\0';
		if (mkdir(tmp, 0755) && errno != EEXIST) {
			rd_errorf(err, "record: cannot create %s: %s", tmp, strerror(errno));
			return -1;
		}
		tmp[i] = path[i];
	}
	return 0;
}

static int write_file(const char *path, const char *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t done = 0;

	if (fd < 0)
		return -1;
	while (done < len) {
		ssize_t w = write(fd, buf + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)w;
	}
	return close(fd);
}

/* The kernel log's tail; 0 on success, else errno. */
static int copy_dmesg(const char *path)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), n, e;
	size_t start = 0;
	char *buf;

	if (size <= 0)
		return size < 0 ? errno : ENODATA;
	buf = malloc((size_t)size);
	if (!buf)
		return ENOMEM;
	n = klogctl(SYSLOG_ACTION_READ_ALL, buf, size);
	if (n < 0) {
		e = errno;
		free(buf);
		return e;
	}
	if ((size_t)n > REC_DMESG_TAIL) {
		start = (size_t)n - REC_DMESG_TAIL;
		while (start < (size_t)n && buf[start - 1] != '\n')
			start++;
	}
	e = write_file(path, buf + start, (size_t)n - start) ? errno : 0;
	free(buf);
	return e;
}

static int write_snapshot(const struct rec_opts *o, const struct snap_event *ev,
			  const char *path, struct rd_err *err)
{
	struct snap_opts so = { .module_dir = o->module_dir, .proc_dir = o->proc_dir,
				.strict = false, .event = ev };
	FILE *f = fopen(path, "w");
	int r;

	if (!f) {
		rd_errorf(err, "record: cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	r = snapshot_write(&so, f, err);
	if (fclose(f) && !r) {
		rd_errorf(err, "record: cannot write %s: %s", path, strerror(errno));
		r = -1;
	}
	return r;
}

static void bundle_name(const struct snap_event *ev, char *name, size_t sz)
{
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32] = "unknown-time";

	if (gmtime_r(&now, &tm))
		strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	if (ev->oom_seq)
		snprintf(name, sz, "oom-%s-seq%" PRIu64, stamp, ev->oom_seq);
	else
		snprintf(name, sz, "oom-%s", stamp);
}

int rec_bundle_write(const struct rec_opts *o, const struct snap_event *ev, char *path,
		     size_t pathsz, struct rd_err *err)
{
	char name[96], tmp[4096], file[4200], final[4096];
	struct stat st;
	size_t i;
	int n;

	if (mkdir_p(o->out_dir, err))
		return -1;
	bundle_name(ev, name, sizeof(name));
	snprintf(final, sizeof(final), "%s/%s", o->out_dir, name);
	for (n = 2; stat(final, &st) == 0 && n < 1000; n++)
		snprintf(final, sizeof(final), "%s/%s-%d", o->out_dir, name, n);
	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", o->out_dir, name);
	if (mkdir(tmp, 0755) && errno != EEXIST) {
		rd_errorf(err, "record: cannot create %s: %s", tmp, strerror(errno));
		return -1;
	}
	snprintf(file, sizeof(file), "%s/snapshot.json", tmp);
	if (write_snapshot(o, ev, file, err))
		return -1;
	snprintf(file, sizeof(file), "%s/module", tmp);
	if (mkdir(file, 0755) && errno != EEXIST) {
		rd_errorf(err, "record: cannot create %s: %s", file, strerror(errno));
		return -1;
	}
	for (i = 0; i < sizeof(module_files) / sizeof(module_files[0]); i++) {
		struct rd_err ignored;
		size_t len;
		char *buf;

		/* what could not be read is listed in snapshot.json's errors */
		if (md_read(o->module_dir, module_files[i], &buf, &len, &ignored))
			continue;
		snprintf(file, sizeof(file), "%s/module/%s", tmp, module_files[i]);
		if (write_file(file, buf, len)) {
			rd_errorf(err, "record: cannot write %s: %s", file, strerror(errno));
			free(buf);
			return -1;
		}
		free(buf);
	}
	snprintf(file, sizeof(file), "%s/dmesg.txt", tmp);
	n = copy_dmesg(file);
	if (n) {
		char note[160];

		unlink(file);
		snprintf(note, sizeof(note), "the kernel log was not readable: %s\n", strerror(n));
		snprintf(file, sizeof(file), "%s/dmesg.unavailable", tmp);
		write_file(file, note, strlen(note));
	}
	if (rename(tmp, final)) {
		rd_errorf(err, "record: cannot rename %s to %s: %s", tmp, final, strerror(errno));
		return -1;
	}
	snprintf(path, pathsz, "%s", final);
	return 0;
}

void rec_victim_comm(const char *procdir, int64_t pid, char *comm, size_t sz)
{
	char path[4096];
	FILE *f;

	comm[0] = '\0';
	if (pid <= 0)
		return;
	snprintf(path, sizeof(path), "%s/%" PRId64 "/comm", procdir, pid);
	f = fopen(path, "r");
	if (!f)
		return;
	if (!fgets(comm, (int)sz, f))
		comm[0] = '\0';
	comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
}
