/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_VERDICT_H
#define _OOMTRACE_VERDICT_H

#include <linux/gfp.h>
#include <linux/types.h>

#include "snapshot.h"

#define OT_VERDICT_MAX	ARRAY_SIZE(((struct ot_snapshot *)0)->verdicts)

/* What the OOM hook knew about the OOM being reported, if anything. */
struct ot_oom_info {
	bool known;		/* out_of_memory() was seen: fields below valid */
	gfp_t gfp;
	int order;		/* -1: sysrq-f */
	bool memcg;
	bool cpuset;		/* the allocating task's cpuset excludes memory nodes */
	bool mempolicy;		/* the allocation's nodemask excludes memory nodes */
	char memcg_path[64];
	u64 memcg_usage;	/* KiB */
	u64 memcg_limit;	/* KiB */
	bool panic_known;	/* false: panic_on_oom could not be read */
	int panic_on_oom;
};

enum ot_dev_state ot_dev_classify(const struct ot_snap_dev *d, u64 now_ns,
				  u64 stuck_ns);
unsigned int ot_verdicts(const struct ot_snapshot *s, const struct ot_oom_info *oom,
			 struct ot_verdict *out, unsigned int max);

#endif /* _OOMTRACE_VERDICT_H */
