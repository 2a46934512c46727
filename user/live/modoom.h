/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_MODOOM_H
#define _OOMTRACE_MODOOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/json.h"
#include "live/modfiles.h"

#define MO_MAX_REPORTS 1024
#define MO_MAX_LINES 1000	/* per report; the module keeps 3 KiB of text */
#define MO_TOP 8
#define MO_VERDICTS 8

/* One report of the module's `oom` file: its record line and text. */
struct mo_report {
	uint64_t seq;
	uint64_t boot_ns;
	bool truncated;
	int64_t victim_pid;	/* 0: none, or not known yet */
	unsigned long lineno;	/* of its "report" line */
	size_t nr_lines;
	char **lines;
};

struct mo_reports {
	struct mo_report *v;
	size_t nr, cap;
};

int mo_parse(const char *buf, size_t len, const char *label,
	     struct mo_reports *out, struct rd_err *err);
void mo_free(struct mo_reports *r);
uint64_t mo_max_seq(const struct mo_reports *r);

/* What the text lines say, for JSON and for the summary line. */
struct mo_top {
	unsigned int rank;
	char site[192];
	uint64_t kb, count;
	char kind[MF_KIND_LEN];
	uint64_t oldest_s;
};

struct mo_tx {
	char dev[MF_IFNAME_LEN];
	char state[MF_KIND_LEN];
	uint64_t in_flight, oldest_s;
};

struct mo_detail {
	char trigger[64];		/* "global OOM", "memcg OOM", "sysrq-f (manual)" */
	char gfp[192];			/* "" when not printed */
	bool has_order, has_panic;
	bool panic_unknown;	/* the module could not read vm.panic_on_oom */
	int64_t order, panic_on_oom;
	const char *memory;		/* the "memory: ..." line, without its label */
	bool has_largest;
	char largest_comm[32];
	int64_t largest_pid;
	uint64_t largest_rss_kb;
	size_t nr_verdicts;
	const char *verdicts[MO_VERDICTS];
	size_t nr_top;
	struct mo_top top[MO_TOP];
	size_t nr_tx;
	struct mo_tx tx[4];
};

void mo_detail(const struct mo_report *r, struct mo_detail *d);
void mo_report_json(struct json_out *j, const struct mo_report *r);
void mo_report_text(FILE *out, const struct mo_report *r);

#endif /* _OOMTRACE_MODOOM_H */
