/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the module and the reader (user/) must agree on: the version, the
 * debugfs files and the format version of their tables, and the
 * thresholds of the verdicts both give. A person may read `cat report`
 * and `oomtrace explain` on the same OOM: they must not disagree because
 * one side moved a number. Plain macros, so the same text builds in the
 * kernel and in userspace.
 */
#ifndef _OOMTRACE_FORMAT_H
#define _OOMTRACE_FORMAT_H

#define OT_VERSION		"0.1.0"

/* Under /sys/kernel/debug/ */
#define OT_DEBUGFS_DIR		"oomtrace"
#define OT_FILE_REPORT		"report"	/* for people */
#define OT_FILE_CALLSITES	"callsites"	/* tables, for the reader */
#define OT_FILE_NETDEV		"netdev"
#define OT_FILE_STATS		"stats"
#define OT_FILE_PROBES		"probes"
#define OT_FILE_VERDICTS	"verdicts"	/* the report's verdicts, by kind */
#define OT_FILE_OOM		"oom"		/* the last OOMs' reports */
#define OT_FILE_CONTROL		"control"	/* commands, written */

/*
 * Every table file starts with "# oomtrace-<file> v<N>: <fields>". A
 * change to the fields of any of them bumps N for all, and the reader
 * refuses a version it does not know rather than misread columns.
 */
#define OT_FORMAT_VERSION	1
#define OT_STR_(x)		#x
#define OT_STR(x)		OT_STR_(x)
#define OT_TABLE_HEADER(file, fields) \
	"# oomtrace-" file " v" OT_STR(OT_FORMAT_VERSION) ": " fields "\n"

#define OT_CALLSITES_FIELDS \
	"kind live live_bytes allocs frees oldest_ms first_ms sample_every trend_kb site | stack"
#define OT_NETDEV_FIELDS \
	"ifindex name state in_flight in_flight_bytes oldest_ms xmits completions requeued clean_calls since_completion_ms trend"
#define OT_STATS_FIELDS		"key value"
/* subject: a device, a callsite (may hold a space), a process; "-": none */
#define OT_VERDICTS_FIELDS	"kind subject | text"
#define OT_PROBES_FIELDS	"what type target state error missed hits"
#define OT_OOM_FIELDS \
	"report <seq> <boot_ns> <truncated> <victim_pid>, then its lines"

/*
 * Verdict thresholds, in percent. The module applies them to what it
 * reads at the OOM, the reader to the kernel's own OOM report.
 */
/*
 * Every share "of RAM" below is of the memory the kernel manages: MemTotal
 * at the OOM for the module, RAM less the reserved pages (the zones'
 * managed sum) in a kernel OOM report for the reader. Both divide by the
 * same whole, so one OOM gets one verdict from either.
 */
/* Free CMA above this share of free memory, the rest under min: CMA starves. */
#define OT_CMA_SHARE_PCT	50
/* Unused hugepages at least this share of RAM: the pool starves the rest. */
#define OT_HUGE_UNUSED_PCT	20
/* One process (or one group of same-named ones) holding this share of RAM. */
#define OT_PROCESS_PCT		50
/* Unreclaimable slab at least this share of RAM. */
#define OT_SLAB_PCT		20
/* shmem/tmpfs pages at least this share of RAM, not held by one process. */
#define OT_SHMEM_PCT		20
/* Memory in no counter (not free, LRU, slab, page tables, stacks, pools). */
#define OT_UNACCOUNTED_PCT	20
/* Kernel memory at least this share of a cgroup's usage: a kernel-side leak. */
#define OT_KMEM_SHARE_PCT	50
/* A cgroup this close to its limit has hit it. */
#define OT_LIMIT_HIT_PCT	95

#endif /* _OOMTRACE_FORMAT_H */
