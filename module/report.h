/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_REPORT_H
#define _OOMTRACE_REPORT_H

#include <linux/compiler.h>
#include <linux/types.h>

struct seq_file;
struct oomtrace_oom_entry;
struct ot_oom_info;
struct ot_snapshot;

/* Where formatted text goes: a debugfs reader or an OOM ring entry. */
struct ot_out {
	struct seq_file *m;
	struct oomtrace_oom_entry *entry;
	unsigned int lines;
	unsigned int max_lines;		/* 0: unlimited */
};

__printf(2, 3)
void ot_out_printf(struct ot_out *o, const char *fmt, ...);

void ot_report_human(struct ot_out *o, struct ot_snapshot *s);
void ot_report_oom(struct ot_out *o, struct ot_snapshot *s,
		   const struct ot_oom_info *oom, u64 seq);
void ot_report_callsites(struct ot_out *o, struct ot_snapshot *s);
void ot_report_netdev(struct ot_out *o, struct ot_snapshot *s);
void ot_report_stats(struct ot_out *o, struct ot_snapshot *s);
void ot_report_verdicts(struct ot_out *o, struct ot_snapshot *s);

#endif /* _OOMTRACE_REPORT_H */
