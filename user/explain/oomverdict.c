// SPDX-License-Identifier: GPL-2.0
/*
 * The verdict rules. They are tried in a fixed order and the first that
 * matches names the cause; README.md lists them with their thresholds.
 * A cgroup or node constraint comes first because it changes what "out of
 * memory" means; the shape of free memory (CMA, fragmentation) comes
 * before the consumers, because with those the memory was there but
 * unusable; a single large consumer comes before slab and unaccounted
 * memory because it is the simplest explanation that fits.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../../module/format.h"
#include "lib/kv.h"
#include "explain/oomnames.h"
#include "explain/oomrequest.h"
#include "explain/oomstats.h"
#include "explain/oomverdict.h"

static bool at_least(uint64_t part, uint64_t whole, unsigned int pct)
{
	double p = oom_pct(part, whole);

	return p >= 0 && p >= (double)pct;
}

static bool more_than(uint64_t part, uint64_t whole, unsigned int pct)
{
	double p = oom_pct(part, whole);

	return p >= 0 && p > (double)pct;
}

static void say(struct oom_analysis *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(struct oom_analysis *a, const char *fmt, ...)
{
	size_t used = strnlen(a->verdict, sizeof(a->verdict));
	va_list ap;

	if (used + 1 >= sizeof(a->verdict))
		return;
	va_start(ap, fmt);
	vsnprintf(a->verdict + used, sizeof(a->verdict) - used, fmt, ap);
	va_end(ap);
}

/* Sizes for one sentence; each call gets its own slot. */
struct sizes {
	char s[6][24];
	int n;
};

static const char *sz(struct sizes *b, uint64_t kb)
{
	char *out = b->s[b->n++ % 6];

	oom_fmt_kb(out, sizeof(b->s[0]), kb);
	return out;
}

static const struct oom_task *largest_task(const struct oom_report *r,
					   const struct oom_analysis *a)
{
	return a->nr_top ? &r->tasks[a->top[0]] : NULL;
}

/* The largest part of a cgroup v2 "kernel" figure, if one dominates. */
static void kernel_part(const struct oom_memcg *m, struct oom_analysis *a,
			struct sizes *b)
{
	const struct {
		const char *label;
		uint64_t bytes;
	} parts[] = {
		{ "socket buffers", m->sock }, { "slab objects", m->slab },
		{ "kernel stacks", m->kernel_stack }, { "page tables", m->pagetables },
		{ "per-cpu memory", m->percpu }, { "vmalloc", m->vmalloc },
	};
	size_t i, best = 0;

	for (i = 1; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (parts[i].bytes != OOM_UNSET &&
		    (parts[best].bytes == OOM_UNSET || parts[i].bytes > parts[best].bytes))
			best = i;
	if (parts[best].bytes == OOM_UNSET ||
	    !at_least(parts[best].bytes / 1024, a->memcg_kernel_kb, 50))
		return;
	say(a, ", mostly %s (%s)", parts[best].label, sz(b, parts[best].bytes / 1024));
}

static bool rule_memcg(const struct oom_report *r, struct oom_analysis *a)
{
	const char *path = r->memcg.path[0] ? r->memcg.path : "(name not in report)";
	const struct oom_task *t = largest_task(r, a);
	struct sizes b = { .n = 0 };

	if (!r->memcg_seen && r->constraint != OOM_CONSTRAINT_MEMCG)
		return false;
	if (a->memcg_usage_kb == OOM_UNSET) {
		a->kind = OOM_VERDICT_MEMCG;
		say(a, "memory cgroup %s ran out of memory (usage and limit not in the report)",
		    path);
		return true;
	}
	if (!a->memcg_limit_hit && a->memcg_limit_kb != OOM_UNSET) {
		/* The cgroup OOMed below every limit it prints: say so. */
		a->kind = OOM_VERDICT_UNEXPLAINED;
		if (a->memcg_limit_kb >= (1ULL << 50))
			say(a, "memory cgroup %s ran out of memory with no memory limit set (usage %s): no limit was reached, and the report does not show what failed the charge",
			    path, sz(&b, a->memcg_usage_kb));
		else
			say(a, "memory cgroup %s ran out of memory below its limits (usage %s of %s, %.0f%%): the limit was not reached, and the report does not show what else failed the charge",
			    path, sz(&b, a->memcg_usage_kb), sz(&b, a->memcg_limit_kb),
			    oom_pct(a->memcg_usage_kb, a->memcg_limit_kb));
		return true;
	}
	say(a, "memory cgroup %s reached its %s limit (usage %s, limit %s)", path,
	    a->memcg_counter, sz(&b, a->memcg_usage_kb), sz(&b, a->memcg_limit_kb));
	if (at_least(a->memcg_kernel_kb, a->memcg_usage_kb, OT_KMEM_SHARE_PCT)) {
		a->kind = OOM_VERDICT_MEMCG_KMEM;
		say(a, "; kernel memory charged to it is %s, %.1f%% of usage",
		    sz(&b, a->memcg_kernel_kb),
		    oom_pct(a->memcg_kernel_kb, a->memcg_usage_kb));
		kernel_part(&r->memcg, a, &b);
		say(a, ": kernel memory inside the cgroup is the consumer, not its processes");
		if (a->tasks_rss_kb != OOM_UNSET)
			say(a, " (their RSS is %s)", sz(&b, a->tasks_rss_kb));
		return true;
	}
	a->kind = OOM_VERDICT_MEMCG;
	if (t)
		say(a, "; largest task in it: %s (pid %" PRId64 ") with %s RSS",
		    t->name[0] ? t->name : "?", t->pid, sz(&b, oom_task_rss_kb(t, a)));
	return true;
}

static bool rule_nodes(const struct oom_report *r, struct oom_analysis *a)
{
	struct sizes b = { .n = 0 };

	if (r->constraint == OOM_CONSTRAINT_CPUSET) {
		a->kind = OOM_VERDICT_CPUSET;
		say(a, "the allocation was confined to cpuset %s (mems_allowed=%s) and those nodes ran out",
		    r->cpuset[0] ? r->cpuset : "?",
		    r->mems_allowed[0] ? r->mems_allowed : "?");
	} else if (r->constraint == OOM_CONSTRAINT_MEMORY_POLICY) {
		a->kind = OOM_VERDICT_MEMPOLICY;
		say(a, "the allocation was confined by a NUMA memory policy (mbind/set_mempolicy) to nodes %s and those nodes ran out",
		    r->nodemask[0] ? r->nodemask : "?");
	} else {
		return false;
	}
	if (a->allowed_free_kb != OOM_UNSET && a->free_kb != OOM_UNSET)
		say(a, ": %s free on the allowed nodes, %s free in the whole system",
		    sz(&b, a->allowed_free_kb), sz(&b, a->free_kb));
	return true;
}

static bool zones_with_watermarks(const struct oom_report *r)
{
	unsigned int i;

	for (i = 0; i < r->nr_zones; i++)
		if (r->zones[i].free_kb != OOM_UNSET)
			return true;
	return false;
}

static uint64_t buddy_free_kb(const struct oom_report *r)
{
	uint64_t kb = 0;
	unsigned int i, j;

	for (i = 0; i < r->nr_zones; i++)
		for (j = 0; j < r->zones[i].nr_buddy; j++)
			kb = kv_sat_add(kb, r->zones[i].buddy_count[j] * r->zones[i].buddy_size_kb[j]);
	return kb;
}

static bool rule_incomplete(const struct oom_report *r, struct oom_analysis *a)
{
	struct sizes b = { .n = 0 };

	if (r->have_meminfo || r->nr_tasks || zones_with_watermarks(r))
		return false;
	if (a->blocks_at_order == 0) {
		/* The buddy lists survived: they alone show the order missing. */
		a->kind = OOM_VERDICT_FRAGMENTATION;
		say(a, "an order-%" PRId64 " request (%s contiguous) failed, and the free lists show %s free but no block of %s or larger it may use: fragmentation, as far as the input shows (the zone watermark lines are not in it)",
		    r->order, sz(&b, a->order_kb), sz(&b, buddy_free_kb(r)), sz(&b, a->order_kb));
		return true;
	}
	a->kind = OOM_VERDICT_INCOMPLETE;
	say(a, "incomplete report: the memory breakdown is not in the input");
	if (r->victim.have)
		say(a, "; the victim was %s (pid %" PRId64 ") with anon-rss %s",
		    r->victim.comm, r->victim.pid, sz(&b, r->victim.anon_rss_kb));
	return true;
}

/*
 * The zone lines lost their free_cma (cut at the right edge): Mem-Info's
 * free_cma, against the zones the request may use together.
 */
static bool rule_cma_from_meminfo(const struct oom_report *r, struct oom_analysis *a)
{
	uint64_t free = 0, min = 0, cma = a->free_cma_kb, noncma;
	struct sizes b = { .n = 0 };
	unsigned int i;

	if (cma == OOM_UNSET || !cma || oom_gfp_movable(r))
		return false;
	for (i = 0; i < r->nr_zones; i++) {
		const struct oom_zone *z = &r->zones[i];

		if (z->free_cma_kb != OOM_UNSET)
			return false;	/* the per-zone check above has spoken */
		if (z->free_kb == OOM_UNSET || z->min_kb == OOM_UNSET || !oom_zone_usable(r, z))
			continue;
		free = kv_sat_add(free, z->free_kb);
		min = kv_sat_add(min, z->min_kb);
	}
	noncma = free > cma ? free - cma : 0;
	if (!free || !more_than(cma, free, OT_CMA_SHARE_PCT) || noncma >= min)
		return false;
	a->kind = OOM_VERDICT_CMA;
	say(a, "free memory is mostly CMA: %s of %s free (%.0f%%) is CMA, which only movable allocations may use; non-CMA free %s is below the min watermarks %s of the zones it can use (CMA per zone is not in the input: Mem-Info's free_cma)",
	    sz(&b, cma), sz(&b, free), oom_pct(cma, free), sz(&b, noncma), sz(&b, min));
	return true;
}

static bool rule_cma(const struct oom_report *r, struct oom_analysis *a)
{
	uint64_t free = a->usable_free_kb, cma = a->usable_cma_kb, noncma;
	const struct oom_zone *z;
	struct sizes b = { .n = 0 };

	if (free == OOM_UNSET) {
		free = a->free_kb;
		cma = a->free_cma_kb;
	}
	if (a->cma_zone == OOM_NO_ZONE)
		return rule_cma_from_meminfo(r, a);
	if (!more_than(cma, free, OT_CMA_SHARE_PCT))
		return false;
	z = &r->zones[a->cma_zone];
	noncma = z->free_kb > z->free_cma_kb ? z->free_kb - z->free_cma_kb : 0;
	/*
	 * Still above min (only down to low): if most free memory is HighMem
	 * this request cannot use, that is the better explanation.
	 */
	if (noncma >= z->min_kb && a->unusable_highmem_kb &&
	    at_least(a->unusable_highmem_kb, a->free_kb, 50))
		return false;
	a->kind = OOM_VERDICT_CMA;
	say(a, "free memory is mostly CMA: %s of %s free (%.0f%%) is CMA, which only movable allocations may use; non-CMA free %s is down to the watermarks (min %s, low %s) in zone %s",
	    sz(&b, cma), sz(&b, free), oom_pct(cma, free), sz(&b, noncma),
	    sz(&b, z->min_kb), sz(&b, z->low_kb), z->name);
	if (a->unusable_highmem_kb)
		say(a, " (the %s free in HighMem does not count: this request cannot use it)",
		    sz(&b, a->unusable_highmem_kb));
	return true;
}

static bool rule_fragmentation(const struct oom_report *r, struct oom_analysis *a)
{
	uint64_t min = 0, free = 0, left;
	struct sizes b = { .n = 0 };
	bool above = false;
	unsigned int i;

	if (a->blocks_at_order == OOM_UNSET)
		return false;
	for (i = 0; i < r->nr_zones; i++) {
		const struct oom_zone *z = &r->zones[i];
		uint64_t zmin;

		if (z->free_kb == OOM_UNSET || z->min_kb == OOM_UNSET ||
		    !oom_zone_usable(r, z))
			continue;
		zmin = kv_sat_add(z->min_kb, oom_zone_reserve_kb(z, a));
		free = kv_sat_add(free, z->free_kb);
		min = kv_sat_add(min, zmin);
		above |= z->free_kb > kv_sat_add(zmin, a->order_kb);
	}
	/*
	 * A few blocks of the order left in a sea of smaller ones are gone
	 * by the time the kernel prints them (other CPUs, per-cpu lists):
	 * under 1% of what is free counts as none.
	 */
	left = kv_sat_mul(a->blocks_at_order, a->order_kb);
	if (!above || kv_sat_mul(left, 100) >= free)
		return false;
	a->kind = OOM_VERDICT_FRAGMENTATION;
	say(a, "an order-%" PRId64 " request (%s contiguous) failed from fragmentation: %s is free, above the min watermarks (%s), but ",
	    r->order, sz(&b, a->order_kb), sz(&b, free), sz(&b, min));
	if (a->blocks_at_order)
		say(a, "only %" PRIu64 " free block%s of %s or larger (%s, %.2f%% of free) %s left",
		    a->blocks_at_order, a->blocks_at_order == 1 ? "" : "s",
		    sz(&b, a->order_kb), sz(&b, left), oom_pct(left, free),
		    a->blocks_at_order == 1 ? "is" : "are");
	else
		say(a, "no free block of %s or larger is left", sz(&b, a->order_kb));
	return true;
}

/*
 * 32-bit: kernel allocations need lowmem, HighMem free does not help them.
 * The same for a GFP_DMA or GFP_DMA32 request and the zones above its own.
 */
static bool rule_lowmem(const struct oom_report *r, struct oom_analysis *a)
{
	struct sizes b = { .n = 0 };

	uint64_t unusable = oom_gfp_zone_capped(r) ? a->unusable_free_kb : a->unusable_highmem_kb;

	if (!a->usable_at_min || unusable == OOM_UNSET || !unusable ||
	    !at_least(unusable, a->free_kb, 50))
		return false;
	a->kind = OOM_VERDICT_LOWMEM;
	if (!oom_gfp_zone_capped(r))
		say(a, "lowmem ran out: this request cannot use HighMem, where %s is free, and the zones it can use are down to %s",
		    sz(&b, a->unusable_highmem_kb), sz(&b, a->usable_free_kb));
	else
		say(a, "the zones this request may use ran out: its gfp flags (GFP_DMA or GFP_DMA32) keep it out of the zones above, where %s is free, and the zones it can use are down to %s",
		    sz(&b, a->unusable_free_kb), sz(&b, a->usable_free_kb));
	if (!oom_gfp_movable(r) && a->usable_cma_kb != OOM_UNSET && a->usable_cma_kb)
		say(a, ", %s of it CMA that it cannot use either", sz(&b, a->usable_cma_kb));
	return true;
}

static bool rule_hugepages(const struct oom_report *r, struct oom_analysis *a)
{
	struct sizes b = { .n = 0 };

	(void)r;
	if (!at_least(a->huge_free_kb, a->base_kb, OT_HUGE_UNUSED_PCT))
		return false;
	a->kind = OOM_VERDICT_HUGEPAGES;
	say(a, "%s (%.0f%% of RAM) is reserved as hugepages and %s of it is unused: the hugepage pool starves everything else",
	    sz(&b, a->huge_total_kb), oom_pct(a->huge_total_kb, a->base_kb),
	    sz(&b, a->huge_free_kb));
	return true;
}

static bool rule_process(const struct oom_report *r, struct oom_analysis *a)
{
	const struct oom_task *t = largest_task(r, a);
	const struct oom_kill *v = &r->victim;
	struct sizes b = { .n = 0 };
	uint64_t kb;

	if (t) {
		kb = oom_task_rss_kb(t, a);
		if (!at_least(kb, a->share_base_kb, OT_PROCESS_PCT))
			return false;
		a->kind = OOM_VERDICT_PROCESS;
		say(a, "%s (pid %" PRId64 ") holds %.1f%% %s (%s RSS): a user process filled memory, not a kernel leak",
		    t->name[0] ? t->name : "?", t->pid,
		    oom_pct(kb, a->share_base_kb), a->share_base, sz(&b, kb));
		return true;
	}
	if (!v->have || v->anon_rss_kb == OOM_UNSET)
		return false;
	kb = v->anon_rss_kb;
	if (v->file_rss_kb != OOM_UNSET)
		kb = kv_sat_add(kb, v->file_rss_kb);
	if (v->shmem_rss_kb != OOM_UNSET)
		kb = kv_sat_add(kb, v->shmem_rss_kb);
	if (!at_least(kb, a->share_base_kb, OT_PROCESS_PCT))
		return false;
	a->kind = OOM_VERDICT_PROCESS;
	say(a, "%s (pid %" PRId64 ") holds %.1f%% %s (%s RSS): a user process filled memory, not a kernel leak",
	    v->comm, v->pid, oom_pct(kb, a->share_base_kb), a->share_base,
	    sz(&b, kb));
	return true;
}

static bool rule_process_group(const struct oom_report *r, struct oom_analysis *a)
{
	struct sizes b = { .n = 0 };

	(void)r;
	if (!a->group_tasks ||
	    !at_least(a->group_rss_kb, a->share_base_kb, OT_PROCESS_PCT))
		return false;
	a->kind = OOM_VERDICT_PROCESS_GROUP;
	say(a, "%zu processes named %s hold %.1f%% %s together (%s RSS): user processes filled memory, not a kernel leak",
	    a->group_tasks, a->group_name, oom_pct(a->group_rss_kb, a->share_base_kb),
	    a->share_base, sz(&b, a->group_rss_kb));
	return true;
}

static bool rule_slab(const struct oom_report *r, struct oom_analysis *a)
{
	struct sizes b = { .n = 0 };

	if (!at_least(a->slab_unreclaimable_kb, a->base_kb, OT_SLAB_PCT))
		return false;
	a->kind = OOM_VERDICT_SLAB;
	say(a, "unreclaimable slab holds %s (%.1f%% of RAM)",
	    sz(&b, a->slab_unreclaimable_kb),
	    oom_pct(a->slab_unreclaimable_kb, a->base_kb));
	if (r->nr_slab)
		say(a, ", most of it in %s (%s)", r->slab[0].name,
		    sz(&b, r->slab[0].used_kb));
	say(a, ": a kernel object leak or an unbounded kernel queue");
	return true;
}

/*
 * tmpfs, /dev/shm and SysV shared memory: no process's RSS has to show
 * it, and without swap it cannot be reclaimed at all.
 */
static bool rule_shmem(const struct oom_report *r, struct oom_analysis *a)
{
	struct sizes b = { .n = 0 };

	if (a->shmem_kb == OOM_UNSET || !at_least(a->shmem_kb, a->base_kb, OT_SHMEM_PCT))
		return false;
	a->kind = OOM_VERDICT_SHMEM;
	say(a, "shmem (tmpfs, /dev/shm, SysV shared memory) holds %s (%.0f%% of RAM)",
	    sz(&b, a->shmem_kb), oom_pct(a->shmem_kb, a->base_kb));
	if (r->swap_total_kb == 0)
		say(a, " and there is no swap to move it to: files left in a tmpfs or segments nobody removed");
	else
		say(a, ": files left in a tmpfs or segments nobody removed");
	return true;
}

static bool rule_unaccounted(const struct oom_report *r, struct oom_analysis *a)
{
	struct sizes b = { .n = 0 };

	(void)r;
	if (!a->have_unaccounted || a->unaccounted_kb <= 0 ||
	    !at_least((uint64_t)a->unaccounted_kb, a->base_kb, OT_UNACCOUNTED_PCT))
		return false;
	a->kind = OOM_VERDICT_UNACCOUNTED;
	say(a, "about %s (%.0f%% of RAM) is accounted nowhere (not free, LRU, slab, page tables, kernel stacks or hugepages): suspect a kernel leak outside slab/LRU (page_frag, driver pages); load the oomtrace module to see which callsite holds it",
	    sz(&b, (uint64_t)a->unaccounted_kb),
	    oom_pct((uint64_t)a->unaccounted_kb, a->base_kb));
	return true;
}

/*
 * Usable free memory far above what the allocator keeps back (the high
 * mark plus lowmem_reserve, in zones this request may use, CMA left out):
 * RAM did not run out,
 * and naming who holds the rest would be a guess. A page fault that
 * failed with VM_FAULT_OOM (gfp_mask 0, order 0: pagefault_out_of_memory)
 * is the usual way there: a memory cgroup charge (v1 kmem limit) or a
 * driver's fault handler failed, not the page allocator.
 */
static bool rule_free_above_watermarks(const struct oom_report *r, struct oom_analysis *a)
{
	uint64_t free = 0, kept = 0;
	struct sizes b = { .n = 0 };
	bool cma_unknown = false;
	unsigned int i;

	if (r->order != 0)
		return false;
	for (i = 0; i < r->nr_zones; i++) {
		const struct oom_zone *z = &r->zones[i];
		uint64_t mark = z->high_kb != OOM_UNSET ? z->high_kb : z->min_kb;

		if (z->free_kb == OOM_UNSET || mark == OOM_UNSET || !oom_zone_usable(r, z))
			continue;
		/*
		 * Without its lowmem_reserve line a zone below another one
		 * this request may use (DMA, DMA32) is mostly kept back.
		 */
		if (!z->nr_reserve && oom_higher_usable_zone(r, i))
			continue;
		/* Free CMA serves movable requests only as a last resort. */
		if (z->free_cma_kb != OOM_UNSET)
			free = kv_sat_add(free, z->free_kb > z->free_cma_kb ?
					  z->free_kb - z->free_cma_kb : 0);
		else
			free = kv_sat_add(free, z->free_kb);
		cma_unknown |= z->free_cma_kb == OOM_UNSET;
		kept = kv_sat_add(kept, kv_sat_add(mark, oom_zone_reserve_kb(z, a)));
	}
	if (cma_unknown && a->free_cma_kb != OOM_UNSET)
		free = free > a->free_cma_kb ? free - a->free_cma_kb : 0;
	/* Twice the high mark: not a reading taken while reclaim raced. */
	if (!kept || free <= 2 * kept + 1024)
		return false;
	if (r->gfp_mask == 0) {
		a->kind = OOM_VERDICT_PAGEFAULT;
		say(a, "a page fault failed with VM_FAULT_OOM (gfp_mask=0, pagefault_out_of_memory) while %s was free above the watermarks (%s at the high marks): no allocation ran out of RAM; a memory cgroup charge (such as a kmem limit) or a driver's fault handler failed",
		    sz(&b, free), sz(&b, kept));
	} else {
		a->kind = OOM_VERDICT_UNEXPLAINED;
		say(a, "%s was free above the watermarks (%s at the high marks) in zones this request may use: RAM did not run out, and the report does not show why the allocation failed",
		    sz(&b, free), sz(&b, kept));
	}
	return true;
}

/*
 * User memory dominates but the task list is not in the input: which
 * process held it cannot be told, and "no single consumer" would be a guess.
 */
static bool rule_no_task_list(const struct oom_report *r, struct oom_analysis *a)
{
	struct sizes b = { .n = 0 };

	if (r->nr_tasks || a->anon_kb == OOM_UNSET || a->base_kb == OOM_UNSET ||
	    !at_least(a->anon_kb, a->base_kb, OT_PROCESS_PCT))
		return false;
	a->kind = OOM_VERDICT_INCOMPLETE;
	say(a, "anonymous memory holds %s (%.0f%% of RAM), but the task list is not in the input: which process held it cannot be told",
	    sz(&b, a->anon_kb), oom_pct(a->anon_kb, a->base_kb));
	if (r->victim.have)
		say(a, "; the victim was %s (pid %" PRId64 ") with anon-rss %s",
		    r->victim.comm, r->victim.pid, sz(&b, r->victim.anon_rss_kb));
	return true;
}

static bool rule_sysrq(const struct oom_report *r, struct oom_analysis *a)
{
	if (r->order != -1)
		return false;
	a->kind = OOM_VERDICT_SYSRQ;
	say(a, "the OOM killer was invoked by hand (SysRq-f, order=-1): no allocation failed and no memory problem stands out");
	return true;
}

static void rule_generic(const struct oom_report *r, struct oom_analysis *a)
{
	const struct oom_task *t = largest_task(r, a);
	/*
	 * Anonymous memory from Mem-Info counts each page once; the task
	 * list's RSS counts shared pages in every process that maps them.
	 */
	uint64_t user = a->anon_kb != OOM_UNSET ? a->anon_kb : a->tasks_rss_kb;
	uint64_t slab = a->slab_reclaimable_kb;

	if (slab != OOM_UNSET && a->slab_unreclaimable_kb != OOM_UNSET)
		slab = kv_sat_add(slab, a->slab_unreclaimable_kb);
	a->kind = OOM_VERDICT_GENERIC;
	if (a->base_kb == OOM_UNSET || user == OOM_UNSET) {
		say(a, "memory ran out and the report does not show one consumer");
	} else {
		say(a, "no single consumer: anonymous memory is %.1f%% of RAM",
		    oom_pct(user, a->base_kb));
		if (t)
			say(a, " (largest %s, %.1f%%)", t->name[0] ? t->name : "?",
			    oom_pct(oom_task_rss_kb(t, a), a->base_kb));
		if (a->file_kb != OOM_UNSET)
			say(a, ", page cache %.1f%%", oom_pct(a->file_kb, a->base_kb));
		if (slab != OOM_UNSET)
			say(a, ", slab %.1f%%", oom_pct(slab, a->base_kb));
		if (a->have_unaccounted && a->unaccounted_kb > 0)
			say(a, ", about %.1f%% accounted nowhere",
			    oom_pct((uint64_t)a->unaccounted_kb, a->base_kb));
	}
	if (r->swap_total_kb == 0)
		say(a, "; no swap: the workload outgrew RAM");
	else if (r->swap_free_kb == 0)
		say(a, "; swap is full: the workload outgrew RAM and swap");
}

static void panic_suffix(const struct oom_report *r, struct oom_analysis *a)
{
	switch (r->panic) {
	case OOM_PANIC_SYSTEM_WIDE:
	case OOM_PANIC_COMPULSORY:
		say(a, "; then %s panicked the kernel instead of killing a task",
		    oom_panic_name(r->panic));
		break;
	case OOM_PANIC_NO_KILLABLE:
		say(a, "; no killable process was left and the kernel panicked");
		break;
	case OOM_PANIC_OTHER:
		say(a, "; then the kernel panicked");
		break;
	default:
		break;
	}
}

/*
 * First which allocation failed and what bounded it (memcg, nodes), then
 * why the free memory could not serve it (CMA, no block of the order,
 * HighMem, reserves), then who holds the rest.
 */
void oom_analyze(const struct oom_report *r, struct oom_analysis *a)
{
	static bool (*const rules[])(const struct oom_report *r,
				     struct oom_analysis *a) = {
		rule_memcg, rule_nodes, rule_incomplete, rule_cma,
		rule_fragmentation, rule_lowmem, rule_free_above_watermarks,
		rule_hugepages, rule_process, rule_process_group, rule_slab,
		rule_shmem, rule_unaccounted, rule_no_task_list, rule_sysrq,
	};
	size_t i;

	oom_measure(r, a);
	a->verdict[0] = '\0';
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (rules[i](r, a))
			break;
	if (i == sizeof(rules) / sizeof(rules[0]))
		rule_generic(r, a);
	panic_suffix(r, a);
}
