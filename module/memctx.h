/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_MEMCTX_H
#define _OOMTRACE_MEMCTX_H

#include <linux/sched.h>
#include <linux/types.h>

/* Where the memory is, in KiB, as far as the kernel accounts it. */
struct ot_memctx {
	u64 total;
	u64 free;
	u64 free_cma;
	u64 min_wmark;		/* sum of the zones' min watermarks + lowmem reserves */
	u64 high_wmark;		/* the same with the high watermarks */
	u64 lru;
	u64 slab_reclaimable;
	u64 slab_unreclaimable;
	u64 kernel_stack;
	u64 pagetables;
	bool huge_known;
	u64 huge_total;
	u64 huge_free;
	u64 huge_resv;
	u64 unaccounted;	/* estimate: none of the above, e.g. page_frag */
	pid_t top_pid;		/* largest RSS among user processes */
	char top_comm[TASK_COMM_LEN];
	u64 top_rss;
};

void ot_memctx_read(struct ot_memctx *mc);

#endif /* _OOMTRACE_MEMCTX_H */
