/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_H
#define _OOMTRACE_H

#include <linux/fs.h>
#include <linux/preempt.h>
#include <linux/types.h>

#include "format.h"

struct dentry;
struct seq_file;

/* What kind of memory an object is; one set of counters per kind. */
enum ot_kind {
	OT_SKB,		/* sk_buff from __alloc_skb / build_skb / napi paths */
	OT_CLONE,	/* sk_buff from skb_clone */
	OT_FRAG,	/* page_frag fragment */
	OT_TXONLY,	/* skb first seen at driver handoff, allocated untracked */
	OT_NR_KINDS,
};

extern const char *const ot_kind_names[OT_NR_KINDS];

/*
 * The contexts a probe can run in on one CPU. Each nests only above the
 * ones before it, so per-CPU state kept per context has a single writer.
 */
enum ot_context {
	OT_CTX_TASK,
	OT_CTX_SOFTIRQ,
	OT_CTX_HARDIRQ,
	OT_CTX_NMI,
	OT_NR_CONTEXTS,
};

static inline unsigned int ot_context(void)
{
	if (in_nmi())
		return OT_CTX_NMI;
	if (hardirq_count())
		return OT_CTX_HARDIRQ;
	if (in_serving_softirq())
		return OT_CTX_SOFTIRQ;
	return OT_CTX_TASK;
}

/* Module parameters, validated at load (params.c). */
struct ot_params {
	unsigned int max_objects;	/* live-object table capacity */
	unsigned int max_callsites;	/* per-CPU callsite table capacity */
	unsigned int max_netdevs;
	unsigned int stack_depth;
	unsigned int sample_every;	/* track 1 in N allocations */
	unsigned int interval_ms;	/* trend sample period */
	unsigned int stuck_ms;		/* no completion for this long: stuck */
	char tx_clean[256];		/* extra TX completion functions */
	char entry_probes[8];		/* "auto", "ftrace" or "kprobe" */
};

extern struct ot_params ot_params;

/* Set by `control`: while false no new object is recorded; frees still are. */
extern bool ot_enabled;

/* Root of /sys/kernel/debug/oomtrace/, NULL when debugfs is unavailable. */
extern struct dentry *oomtrace_debugfs_dir;

int ot_params_validate(void);

int oomtrace_debugfs_init(void);
void oomtrace_debugfs_exit(void);
/* A file in oomtrace_debugfs_dir; a failure is logged, not returned. */
struct dentry *ot_debugfs_file(const char *name, umode_t mode, void *data,
			       const struct file_operations *fops);

int ot_state_init(void);
void ot_state_exit(void);
void ot_state_reset(void);

int ot_netdev_events_init(void);
void ot_netdev_events_exit(void);

int ot_probes_init(void);
void ot_probes_exit(void);
void ot_probes_quiesce(void);
void ot_probes_resume(void);
void ot_probes_show(struct seq_file *m);

int oomtrace_oom_init(void);
void oomtrace_oom_exit(void);

u64 ot_now_ns(void);

/* OOM calls within a second of a report, not reported again. */
extern unsigned long ot_oom_repeats;
extern u64 ot_oom_build_ns, ot_oom_print_ns;

#endif /* _OOMTRACE_H */
