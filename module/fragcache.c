// SPDX-License-Identifier: GPL-2.0
/*
 * Which page_frag caches hold pages, and who filled them. Each cache is
 * used by one context at a time (its owner serializes, e.g. per CPU with
 * BHs off), so only claiming a slot needs to be atomic.
 */
#include <linux/hash.h>
#include <linux/kernel.h>

#include "fragcache.h"

static struct ot_fragcache *ot_fragcache_get(struct ot_fragcaches *fc,
					     unsigned long nc)
{
	unsigned int start = hash_long(nc, 32) % OT_FRAGCACHE_MAX, i;

	for (i = 0; i < OT_FRAGCACHE_MAX; i++) {
		struct ot_fragcache *c = &fc->c[(start + i) % OT_FRAGCACHE_MAX];
		unsigned long cur = READ_ONCE(c->nc);

		if (cur == nc)
			return c;
		if (!cur && (!cmpxchg(&c->nc, 0UL, nc) || READ_ONCE(c->nc) == nc))
			return c;
	}
	return NULL;
}

void ot_fragcache_alloc(struct ot_fragcaches *fc, unsigned long nc,
			unsigned long page, u32 page_bytes, unsigned long site,
			u64 now)
{
	struct ot_fragcache *c = ot_fragcache_get(fc, nc);

	if (!c) {
		atomic_long_inc(&fc->dropped);
		return;
	}
	if (READ_ONCE(c->page) != page) {
		/* Refilled: the previous page's bias was given back. */
		WRITE_ONCE(c->site, site);
		WRITE_ONCE(c->page_bytes, page_bytes);
		WRITE_ONCE(c->pages_taken, c->pages_taken + 1);
		WRITE_ONCE(c->page, page);
	}
	WRITE_ONCE(c->last_ns, now);
}

/* A drain gives the cache's page back; true if it was one we knew. */
bool ot_fragcache_drain(struct ot_fragcaches *fc, unsigned long page)
{
	unsigned int i;

	atomic_long_inc(&fc->drains);
	for (i = 0; i < OT_FRAGCACHE_MAX; i++) {
		struct ot_fragcache *c = &fc->c[i];

		if (READ_ONCE(c->nc) && READ_ONCE(c->page) == page) {
			WRITE_ONCE(c->page, 0UL);
			return true;
		}
	}
	return false;
}
