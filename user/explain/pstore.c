// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the kernel logs the persistent store (pstore: ramoops, EFI
 * variables, a block device) kept from an earlier boot. On a board that
 * panics on OOM (panic_on_oom), the console that showed the OOM report
 * and oomtrace's verdict is gone after the reboot; a pstore dmesg record
 * is where both survive. Records are named dmesg-<backend>-<id>, start
 * with a line such as "Panic#1 Part1", and have the time the kernel
 * wrote them as their mtime.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/lineread.h"
#include "explain/pstore.h"

#define PS_MAX_RECORDS 256
#define OT_PREFIX "oomtrace: "

struct candidate {
	char name[256];
	time_t mtime;
};

static int newest_first(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? 1 : -1;
	return strcmp(x->name, y->name);
}

static void drop_lines(struct ps_record *rec)
{
	size_t i;

	for (i = 0; i < rec->nr_lines; i++)
		free(rec->lines[i]);
	rec->nr_lines = 0;
}

struct collect {
	struct oom_parser parser;
	struct ps_record *rec;
	bool in_report;		/* after an "oomtrace: OOM #" line */
};

/* Every line to the OOM parser; oomtrace's last OOM report kept aside. */
static void collect_line(void *ctx, unsigned long lineno, const char *msg)
{
	struct collect *c = ctx;
	struct ps_record *rec = c->rec;

	oom_parser_line(&c->parser, lineno, msg);
	if (strncmp(msg, OT_PREFIX, strlen(OT_PREFIX)))
		return;
	msg += strlen(OT_PREFIX);
	if (!strncmp(msg, "OOM #", 5)) {
		drop_lines(rec);
		c->in_report = true;
	}
	if (c->in_report && rec->nr_lines < PS_MAX_LINES) {
		rec->lines[rec->nr_lines] = strdup(msg);
		if (rec->lines[rec->nr_lines])
			rec->nr_lines++;
	}
}

/* "Panic#1 Part1" -> "Panic"; "" when the first line is not such a header. */
static void read_reason(FILE *f, char *reason, size_t len)
{
	char line[128];
	size_t n;

	reason[0] = '\0';
	if (!fgets(line, sizeof(line), f))
		return;
	n = strcspn(line, "#");
	if (line[n] != '#' || n == 0 || n >= len)
		return;
	memcpy(reason, line, n);
	reason[n] = '\0';
}

/* Parse one record: 0 it holds an OOM report, 1 it does not, -1 error. */
static int read_record(const char *dir, const struct candidate *cand,
		       struct ps_record *rec, struct rd_err *err)
{
	struct collect c = { .rec = rec };
	FILE *f;
	int r;

	memset(rec, 0, sizeof(*rec));
	oom_reports_init(&rec->reports);
	snprintf(rec->name, sizeof(rec->name), "%s", cand->name);
	if ((size_t)snprintf(rec->path, sizeof(rec->path), "%s/%s", dir, cand->name) >=
	    sizeof(rec->path)) {
		rd_errorf(err, "%s: path too long", dir);
		return -1;
	}
	rec->written = cand->mtime;
	f = fopen(rec->path, "r");
	if (!f) {
		rd_errorf(err, "cannot open %s: %s", rec->path, strerror(errno));
		return -1;
	}
	read_reason(f, rec->reason, sizeof(rec->reason));
	rewind(f);
	oom_parser_init(&c.parser, &rec->reports);
	r = lineread_file(f, collect_line, &c);
	oom_parser_finish(&c.parser);
	fclose(f);
	if (r) {
		rd_errorf(err, "cannot read %s: %s", rec->path, strerror(-r));
		ps_record_free(rec);
		return -1;
	}
	if (!rec->reports.nr) {
		ps_record_free(rec);
		return 1;
	}
	return 0;
}

int ps_find_oom(const char *dir, struct ps_record *rec, struct rd_err *err)
{
	struct candidate *cands;
	struct dirent *de;
	size_t n = 0, i;
	int r = 1;
	DIR *d;

	memset(rec, 0, sizeof(*rec));
	oom_reports_init(&rec->reports);
	d = opendir(dir);
	if (!d) {
		if (errno == ENOENT)
			return 1;
		rd_errorf(err, "cannot open %s: %s", dir, strerror(errno));
		return -1;
	}
	cands = calloc(PS_MAX_RECORDS, sizeof(*cands));
	if (!cands) {
		closedir(d);
		rd_errorf(err, "out of memory");
		return -1;
	}
	while ((de = readdir(d)) && n < PS_MAX_RECORDS) {
		char path[4096];
		struct stat st;

		if (strncmp(de->d_name, "dmesg-", 6) ||
		    strlen(de->d_name) >= sizeof(cands[n].name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		strcpy(cands[n].name, de->d_name);
		cands[n].mtime = st.st_mtime;
		n++;
	}
	closedir(d);
	if (n)
		qsort(cands, n, sizeof(*cands), newest_first);
	for (i = 0; i < n && r == 1; i++)
		r = read_record(dir, &cands[i], rec, err);
	free(cands);
	return r;
}

void ps_record_free(struct ps_record *rec)
{
	drop_lines(rec);
	oom_reports_free(&rec->reports);
}

time_t ps_boot_time(void)
{
	FILE *f = fopen("/proc/stat", "r");
	char line[256];
	long long t = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "btime %lld", &t) == 1)
			break;
	fclose(f);
	return (time_t)t;
}
