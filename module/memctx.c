// SPDX-License-Identifier: GPL-2.0
/*
 * The memory context line of a report: free vs min watermark, CMA,
 * hugepages, slab, and what no counter accounts for. Safe in OOM context:
 * reads counters only, takes no sleeping lock, allocates nothing.
 */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/rcupdate.h>
#include <linux/sched/signal.h>
#include <linux/vmstat.h>

#include "compat.h"
#include "memctx.h"
#include "settings.h"

#define OT_KB(pages) ((u64)(pages) << (PAGE_SHIFT - 10))

/* hugetlb keeps its pools in variables nothing exports: settings.c reads them. */
static void ot_memctx_huge(struct ot_memctx *mc)
{
	struct ot_settings set;

	ot_settings_get(&set);
	mc->huge_known = set.huge_known;
	if (!set.huge_known)
		return;
	mc->huge_total = set.huge_total;
	mc->huge_free = set.huge_free;
	mc->huge_resv = set.huge_resv;
}

/*
 * What an ordinary kernel allocation must leave free: each zone's min
 * watermark plus the lowmem reserve it keeps against allocations that
 * could use the highest zone. Without the reserve, free memory in the DMA
 * zone looks usable when it is not.
 */
static void ot_memctx_watermarks(struct ot_memctx *mc)
{
	int nid, z, high = 0;

	for_each_online_node(nid)
		for (z = 0; z < MAX_NR_ZONES; z++)
			if (managed_zone(&NODE_DATA(nid)->node_zones[z]))
				high = max(high, z);
	for_each_online_node(nid) {
		pg_data_t *pgdat = NODE_DATA(nid);

		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			if (!managed_zone(zone))
				continue;
			mc->min_wmark += OT_KB(min_wmark_pages(zone) +
					       zone->lowmem_reserve[high]);
			mc->high_wmark += OT_KB(high_wmark_pages(zone) +
						zone->lowmem_reserve[high]);
		}
	}
}

static void ot_memctx_top_task(struct ot_memctx *mc)
{
	struct task_struct *p;

	rcu_read_lock();
	for_each_process(p) {
		u64 rss;

		if (p->flags & PF_KTHREAD)
			continue;
		task_lock(p);
		rss = p->mm ? OT_KB(get_mm_rss(p->mm)) : 0;
		if (rss > mc->top_rss) {
			mc->top_rss = rss;
			mc->top_pid = p->pid;
			memcpy(mc->top_comm, p->comm, sizeof(mc->top_comm));
		}
		task_unlock(p);
	}
	rcu_read_unlock();
}

void ot_memctx_read(struct ot_memctx *mc)
{
	u64 accounted;
	int lru;

	memset(mc, 0, sizeof(*mc));
	mc->total = OT_KB(ot_totalram_pages());
	mc->free = OT_KB(global_zone_page_state(NR_FREE_PAGES));
	mc->free_cma = OT_KB(global_zone_page_state(NR_FREE_CMA_PAGES));
	for (lru = LRU_BASE; lru < NR_LRU_LISTS; lru++)
		mc->lru += OT_KB(global_node_page_state(NR_LRU_BASE + lru));
	mc->slab_reclaimable = OT_KB(ot_slab_pages(true));
	mc->slab_unreclaimable = OT_KB(ot_slab_pages(false));
	mc->kernel_stack = ot_kernel_stack_kb();
	mc->pagetables = OT_KB(ot_pagetable_pages());
	ot_memctx_huge(mc);
	ot_memctx_watermarks(mc);
	ot_memctx_top_task(mc);

	accounted = mc->free + mc->lru + mc->slab_reclaimable + mc->slab_unreclaimable +
		    mc->kernel_stack + mc->pagetables + mc->huge_total;
	mc->unaccounted = mc->total > accounted ? mc->total - accounted : 0;
}
