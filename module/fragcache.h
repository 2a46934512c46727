/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_FRAGCACHE_H
#define _OOMTRACE_FRAGCACHE_H

#include <linux/atomic.h>
#include <linux/types.h>

#define OT_FRAGCACHE_MAX 1024

/*
 * A page_frag_cache as seen through its allocations. The cache holds a
 * bias of references on its current page until it moves to a new page
 * or is drained; a cache that is dropped without a drain pins its page
 * forever, invisible to slab and LRU accounting.
 */
struct ot_fragcache {
	unsigned long nc;	/* struct page_frag_cache address, 0: free */
	unsigned long page;	/* current head page, 0 after a drain */
	unsigned long site;	/* callsite of the allocation that took it */
	u32 page_bytes;
	u32 pages_taken;
	u64 last_ns;		/* last allocation from this cache */
};

struct ot_fragcaches {
	struct ot_fragcache c[OT_FRAGCACHE_MAX];
	atomic_long_t dropped;
	atomic_long_t drains;
};

void ot_fragcache_alloc(struct ot_fragcaches *fc, unsigned long nc,
			unsigned long page, u32 page_bytes, unsigned long site,
			u64 now);
bool ot_fragcache_drain(struct ot_fragcaches *fc, unsigned long page);

#endif /* _OOMTRACE_FRAGCACHE_H */
