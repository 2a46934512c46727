// SPDX-License-Identifier: GPL-2.0
/*
 * What the failed request could use: which zones its gfp flags reach,
 * which lowmem_reserve entry holds against it, whether a zone passes its
 * watermark for it, and which free blocks it could take. Both the derived
 * numbers (oomstats.c) and the rules (oomverdict.c) ask these questions.
 */
#include <string.h>

#include "lib/kv.h"
#include "explain/oomrequest.h"

/* __GFP_MOVABLE has been bit 3 since 2.6.24. */
bool oom_gfp_movable(const struct oom_report *r)
{
	if (r->gfp_flags[0])
		return strstr(r->gfp_flags, "MOVABLE") != NULL;
	return r->gfp_mask != OOM_UNSET && (r->gfp_mask & 0x08);
}

/* __GFP_HIGHMEM is bit 1 on every kernel we read. */
bool oom_gfp_highmem(const struct oom_report *r)
{
	if (r->gfp_flags[0])
		return strstr(r->gfp_flags, "HIGHUSER") || strstr(r->gfp_flags, "HIGHMEM");
	return r->gfp_mask != OOM_UNSET && (r->gfp_mask & 0x02);
}

/* A flag by name ("GFP_DMA" or "__GFP_DMA", not "GFP_DMA32"), or its bit. */
static bool gfp_has(const struct oom_report *r, const char *name, uint64_t bit)
{
	const char *p = r->gfp_flags;
	size_t n = strlen(name);

	if (!p[0])
		return r->gfp_mask != OOM_UNSET && (r->gfp_mask & bit);
	while (*p) {
		size_t len = strcspn(p, "|");
		const char *tok = p;

		if (len >= 2 && !strncmp(tok, "__", 2)) {
			tok += 2;
			len -= 2;
		}
		if (len == n && !strncmp(tok, name, n))
			return true;
		p += strcspn(p, "|");
		if (*p)
			p++;
	}
	return false;
}

/* GFP_DMA or GFP_DMA32: the request may not use the zones above those. */
bool oom_gfp_zone_capped(const struct oom_report *r)
{
	return r->gfp_mask != OOM_UNSET &&
	       (gfp_has(r, "GFP_DMA", 0x01) || gfp_has(r, "GFP_DMA32", 0x04));
}

/*
 * Whether the failed request could take pages from this zone at all.
 * __GFP_DMA (bit 0) and __GFP_DMA32 (bit 2) cap the zones it may use.
 */
bool oom_zone_usable(const struct oom_report *r, const struct oom_zone *z)
{
	if (r->gfp_mask == OOM_UNSET)
		return true;
	if (!strcmp(z->name, "DMA"))
		return true;
	if (gfp_has(r, "GFP_DMA", 0x01))
		return false;
	if (!strcmp(z->name, "DMA32"))
		return true;
	if (gfp_has(r, "GFP_DMA32", 0x04))
		return false;
	if (!strcmp(z->name, "HighMem"))
		return oom_gfp_highmem(r);
	if (!strcmp(z->name, "Movable"))
		return oom_gfp_highmem(r) && oom_gfp_movable(r);
	return true;
}

/* A zone of the same node above @i that this request may use too. */
bool oom_higher_usable_zone(const struct oom_report *r, unsigned int i)
{
	unsigned int j;

	for (j = i + 1; j < r->nr_zones; j++)
		if (r->zones[j].node == r->zones[i].node && oom_zone_usable(r, &r->zones[j]))
			return true;
	return false;
}

/*
 * Whether the zone passes its min watermark for this request as the
 * allocator checks it (__zone_watermark_ok): free CMA does not count for
 * a request that cannot use it, nor the pages of the block being asked
 * for beyond one, and lowmem_reserve keeps its share. Only then may the
 * zone's free blocks serve.
 */
bool oom_zone_serves(const struct oom_report *r, const struct oom_analysis *a,
		     const struct oom_zone *z)
{
	uint64_t free;

	if (!oom_zone_usable(r, z))
		return false;
	/*
	 * Without the watermark and lowmem_reserve lines, a zone below one
	 * the request may use (DMA under DMA32) is taken as kept back: its
	 * reserve against such requests is most of it on most machines.
	 */
	if (z->free_kb == OOM_UNSET || z->min_kb == OOM_UNSET)
		return z->nr_reserve || !oom_higher_usable_zone(r, (unsigned int)(z - r->zones));
	free = z->free_kb;
	if (!oom_gfp_movable(r) && z->free_cma_kb != OOM_UNSET)
		free = free > z->free_cma_kb ? free - z->free_cma_kb : 0;
	if (a->order_kb != OOM_UNSET && a->order_kb > a->page_kb)
		free = free > a->order_kb - a->page_kb ? free - (a->order_kb - a->page_kb) : 0;
	return free > z->min_kb + oom_zone_reserve_kb(z, a);
}

/*
 * Free blocks of one order whose migrate types ("UMEHC") are all CMA (C,
 * movable requests only) or the high-order atomic reserve (H, atomic
 * requests only) cannot serve anything else.
 */
bool oom_blocks_usable(const struct oom_report *r, const char *types)
{
	bool movable = oom_gfp_movable(r);
	bool atomic = r->gfp_flags[0] && strstr(r->gfp_flags, "ATOMIC");
	const char *t;

	if (!types[0])
		return true;
	for (t = types; *t; t++)
		if (!(*t == 'C' && !movable) && !(*t == 'H' && !atomic))
			return true;
	return false;
}

/*
 * Which lowmem_reserve[] entry applies to the failed request: the one at
 * the zone type index of the highest zone it may use. Indexes count zone
 * types, printed or not, so read it off that zone's own array, which is
 * 0 up to its own index: its leading zeros, less one. All zeros (nothing
 * above it has pages) means every higher index holds the same value as
 * its own, so the last entry serves.
 */
int oom_reserve_index(const struct oom_report *r)
{
	const struct oom_zone *top = NULL;
	unsigned int i, zeros;

	for (i = 0; i < r->nr_zones; i++)
		if (r->zones[i].node == r->zones[0].node && oom_zone_usable(r, &r->zones[i]))
			top = &r->zones[i];
	if (!top || !top->nr_reserve)
		return -1;
	for (zeros = 0; zeros < top->nr_reserve && !top->reserve_pages[zeros]; zeros++)
		;
	return zeros < top->nr_reserve ? (int)zeros - 1 : -1;
}

uint64_t oom_zone_reserve_kb(const struct oom_zone *z, const struct oom_analysis *a)
{
	unsigned int i;

	if (!z->nr_reserve)
		return 0;
	i = a->reserve_index < 0 ? z->nr_reserve - 1 : (unsigned int)a->reserve_index;
	if (i >= z->nr_reserve)
		i = z->nr_reserve - 1;
	if (z->reserve_pages[i] == OOM_UNSET)
		return OOM_UNSET;
	return kv_sat_mul(z->reserve_pages[i], a->page_kb);
}
