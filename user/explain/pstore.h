/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_PSTORE_H
#define _OOMTRACE_PSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "lib/rows.h"
#include "explain/oomparse.h"

#define PS_DEFAULT_DIR "/sys/fs/pstore"
#define PS_MAX_LINES 64		/* oomtrace's lines kept from one record */

/*
 * A kernel log the persistent store kept from an earlier boot (ramoops,
 * EFI, a block device), with the last OOM report in it and the lines
 * oomtrace printed at that OOM.
 */
struct ps_record {
	char path[4096];
	char name[256];		/* dmesg-ramoops-0 */
	char reason[32];	/* "Panic", "Oops", from its first line */
	time_t written;		/* when the kernel wrote it (the file's mtime) */
	struct oom_reports reports;
	size_t nr_lines;
	char *lines[PS_MAX_LINES];	/* without the "oomtrace: " prefix */
};

/*
 * The newest dmesg record in DIR holding an OOM report: 0 found, 1 none
 * (or no DIR), -1 on an error worth saying (in @err).
 */
int ps_find_oom(const char *dir, struct ps_record *rec, struct rd_err *err);
void ps_record_free(struct ps_record *rec);

/* This boot's start (btime in /proc/stat), 0 if unknown. */
time_t ps_boot_time(void);

#endif /* _OOMTRACE_PSTORE_H */
