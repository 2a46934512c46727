/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OOMANALYSIS_H
#define _OOMTRACE_OOMANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "explain/oomparse.h"

/*
 * One report, analysed: the numbers oomstats.c derives from it, then the
 * verdict oomverdict.c reaches from those numbers. Types only, so that
 * every layer can hold an analysis without depending on the one above.
 */
/* In the order the rules are tried; see README.md. */
enum oom_verdict {
	OOM_VERDICT_MEMCG_KMEM,
	OOM_VERDICT_MEMCG,
	OOM_VERDICT_CPUSET,
	OOM_VERDICT_MEMPOLICY,
	OOM_VERDICT_INCOMPLETE,
	OOM_VERDICT_CMA,
	OOM_VERDICT_FRAGMENTATION,
	OOM_VERDICT_LOWMEM,
	OOM_VERDICT_HUGEPAGES,
	OOM_VERDICT_PROCESS,
	OOM_VERDICT_PROCESS_GROUP,
	OOM_VERDICT_SLAB,
	OOM_VERDICT_SHMEM,
	OOM_VERDICT_UNACCOUNTED,
	OOM_VERDICT_SYSRQ,
	OOM_VERDICT_PAGEFAULT,
	OOM_VERDICT_UNEXPLAINED,
	OOM_VERDICT_GENERIC,
};

#define OOM_TOP_TASKS 5
#define OOM_NO_ZONE (-1)

struct oom_analysis {
	unsigned int page_kb;
	const char *page_kb_source;

	/* kB; OOM_UNSET when the report does not tell */
	uint64_t ram_kb, managed_kb, reserved_kb, cma_reserved_kb;
	uint64_t free_kb, free_cma_kb, free_pcp_kb;
	uint64_t anon_kb, file_kb, unevictable_kb, isolated_kb, shmem_kb;
	uint64_t slab_reclaimable_kb, slab_unreclaimable_kb;
	uint64_t pagetables_kb, kernel_stack_kb;
	uint64_t huge_total_kb, huge_free_kb;
	bool have_unaccounted;
	int64_t unaccounted_kb;		/* an estimate, may be negative */

	int cma_zone;			/* zone with non-CMA free below min */
	/* zones the failed request may use: HighMem/Movable only if it can */
	uint64_t usable_free_kb, usable_cma_kb;
	uint64_t unusable_free_kb;	/* free in zones it cannot use */
	uint64_t unusable_highmem_kb;	/* of which in HighMem (32-bit) */
	bool usable_at_min;		/* every usable zone below its low mark */
	int reserve_index;		/* into lowmem_reserve[]; -1: the last */
	uint64_t order_kb;		/* size of the failed request */
	uint64_t blocks_at_order;	/* free blocks that could serve it */

	size_t nr_top;
	size_t top[OOM_TOP_TASKS];	/* indexes into the report's tasks */
	uint64_t tasks_rss_kb;
	char group_name[OOM_COMM_LEN];
	size_t group_tasks;
	uint64_t group_rss_kb;
	uint64_t base_kb;		/* every share "of RAM" is of this: see format.h */
	uint64_t share_base_kb;		/* what task shares are relative to */
	const char *share_base;

	const char *memcg_counter;	/* the cgroup counter that hit its limit */
	bool memcg_limit_hit;		/* false: no counter is at its limit */
	uint64_t memcg_usage_kb, memcg_limit_kb, memcg_kernel_kb;

	uint64_t allowed_free_kb;	/* free on the nodes a cpuset/policy allows */

	enum oom_verdict kind;
	char verdict[640];
};

#endif /* _OOMTRACE_OOMANALYSIS_H */
