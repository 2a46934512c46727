// SPDX-License-Identifier: GPL-2.0
/*
 * Derived numbers of one report: page size, RAM, the kB value of every
 * Mem-Info counter, the memory accounted nowhere, the largest tasks. The
 * verdict rules in oomverdict.c only read these.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../../module/format.h"
#include "lib/kv.h"
#include "explain/oomrequest.h"
#include "explain/oomstats.h"

static uint64_t mul_kb(uint64_t pages, uint64_t page_kb)
{
	return pages == OOM_UNSET ? OOM_UNSET : kv_sat_mul(pages, page_kb);
}

/* Unset plus a value is the value: a missing counter counts as zero. */
static uint64_t add(uint64_t a, uint64_t b)
{
	if (a == OOM_UNSET)
		return b;
	if (b == OOM_UNSET)
		return a;
	return kv_sat_add(a, b);
}

static uint64_t zone_sum(const struct oom_report *r, size_t off)
{
	uint64_t sum = OOM_UNSET;
	unsigned int i;

	for (i = 0; i < r->nr_zones; i++)
		sum = add(sum, *(const uint64_t *)((const char *)&r->zones[i] + off));
	return sum;
}

#define ZONE_SUM(r, field) zone_sum(r, offsetof(struct oom_zone, field))

static bool all_zones_have(const struct oom_report *r, size_t off)
{
	unsigned int i;

	for (i = 0; i < r->nr_zones; i++)
		if (*(const uint64_t *)((const char *)&r->zones[i] + off) == OOM_UNSET)
			return false;
	return r->nr_zones > 0;
}

/* The page size nearest to ratio, if it is within tol of it. */
static unsigned int nearest_page_kb(double ratio, double tol)
{
	static const unsigned int sizes[] = { 4, 8, 16, 32, 64, 256 };
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		double d = ratio / sizes[i] - 1.0;

		if (d <= tol && d >= -tol)
			return sizes[i];
	}
	return 0;
}

static unsigned int page_from_present(const struct oom_report *r)
{
	if (r->pages_ram == OOM_UNSET || r->pages_ram == 0 ||
	    !all_zones_have(r, offsetof(struct oom_zone, present_kb)))
		return 0;
	return nearest_page_kb((double)ZONE_SUM(r, present_kb) / r->pages_ram, 0.02);
}

/* The smallest block on the buddy lists is one page. */
static unsigned int page_from_buddy(const struct oom_report *r)
{
	uint64_t best = OOM_UNSET;
	unsigned int i;

	for (i = 0; i < r->nr_zones; i++)
		if (r->zones[i].nr_buddy && r->zones[i].buddy_size_kb[0] < best)
			best = r->zones[i].buddy_size_kb[0];
	if (best == OOM_UNSET)
		return 0;
	return nearest_page_kb((double)best, 0.0);
}

/* The kill line gives the victim's RSS in kB, the task table in pages. */
static unsigned int page_from_victim(const struct oom_report *r)
{
	const struct oom_kill *v = &r->victim;
	uint64_t kb;
	size_t i;

	if (!v->have || v->anon_rss_kb == OOM_UNSET)
		return 0;
	kb = add(add(v->anon_rss_kb, v->file_rss_kb), v->shmem_rss_kb);
	for (i = 0; i < r->nr_tasks; i++) {
		const struct oom_task *t = &r->tasks[i];

		if (t->pid == v->pid && t->rss != OOM_UNSET && t->rss >= 16)
			return nearest_page_kb((double)kb / t->rss, 0.10);
	}
	return 0;
}

static unsigned int page_from_free(const struct oom_report *r)
{
	uint64_t zfree = ZONE_SUM(r, free_kb);
	uint64_t free = r->mi[OOM_MI_FREE];

	if (zfree == OOM_UNSET || free == OOM_UNSET || free < 16)
		return 0;
	return nearest_page_kb((double)zfree / free, 0.25);
}

/* arm64 with 64 KiB pages has 512 MiB and 16 GiB hugepages, nothing else does. */
static unsigned int page_from_hugepages(const struct oom_report *r)
{
	unsigned int i;

	for (i = 0; i < r->nr_huge; i++)
		if (r->huge[i].size_kb == 524288 || r->huge[i].size_kb == 16777216)
			return 64;
	return 0;
}

static void page_size(const struct oom_report *r, struct oom_analysis *a)
{
	static const struct {
		unsigned int (*fn)(const struct oom_report *r);
		const char *source;
	} ways[] = {
		{ page_from_present, "zone present kB / pages RAM" },
		{ page_from_buddy, "smallest block on the buddy free lists" },
		{ page_from_victim, "victim RSS kB / task table pages" },
		{ page_from_free, "zone free kB / Mem-Info free pages" },
		{ page_from_hugepages, "hugepage sizes of 64 KiB-page arm64" },
	};
	size_t i;

	for (i = 0; i < sizeof(ways) / sizeof(ways[0]); i++) {
		a->page_kb = ways[i].fn(r);
		if (a->page_kb) {
			a->page_kb_source = ways[i].source;
			return;
		}
	}
	a->page_kb = 4;
	a->page_kb_source = "assumed, the report gives no hint";
}

static uint64_t mi_kb(const struct oom_report *r, const struct oom_analysis *a,
		      enum oom_mi i)
{
	return mul_kb(r->mi[i], a->page_kb);
}

static uint64_t mi_pair_kb(const struct oom_report *r,
			   const struct oom_analysis *a, enum oom_mi x,
			   enum oom_mi y)
{
	return add(mi_kb(r, a, x), mi_kb(r, a, y));
}

static void memory_totals(const struct oom_report *r, struct oom_analysis *a)
{
	unsigned int i;

	a->ram_kb = mul_kb(r->pages_ram, a->page_kb);
	if (a->ram_kb == OOM_UNSET)
		a->ram_kb = ZONE_SUM(r, present_kb);
	a->managed_kb = ZONE_SUM(r, managed_kb);
	a->reserved_kb = mul_kb(r->pages_reserved, a->page_kb);
	if (a->managed_kb == OOM_UNSET && a->ram_kb != OOM_UNSET &&
	    a->reserved_kb != OOM_UNSET && a->reserved_kb <= a->ram_kb)
		a->managed_kb = a->ram_kb - a->reserved_kb;
	a->cma_reserved_kb = mul_kb(r->pages_cma_reserved, a->page_kb);

	a->free_kb = mi_kb(r, a, OOM_MI_FREE);
	if (a->free_kb == OOM_UNSET)
		a->free_kb = ZONE_SUM(r, free_kb);
	a->free_cma_kb = mi_kb(r, a, OOM_MI_FREE_CMA);
	if (a->free_cma_kb == OOM_UNSET)
		a->free_cma_kb = ZONE_SUM(r, free_cma_kb);
	a->free_pcp_kb = mi_kb(r, a, OOM_MI_FREE_PCP);
	if (a->free_pcp_kb == OOM_UNSET)
		a->free_pcp_kb = ZONE_SUM(r, free_pcp_kb);

	a->anon_kb = mi_pair_kb(r, a, OOM_MI_ACTIVE_ANON, OOM_MI_INACTIVE_ANON);
	a->file_kb = mi_pair_kb(r, a, OOM_MI_ACTIVE_FILE, OOM_MI_INACTIVE_FILE);
	a->isolated_kb = mi_pair_kb(r, a, OOM_MI_ISOLATED_ANON, OOM_MI_ISOLATED_FILE);
	a->unevictable_kb = mi_kb(r, a, OOM_MI_UNEVICTABLE);
	a->shmem_kb = mi_kb(r, a, OOM_MI_SHMEM);
	a->slab_reclaimable_kb = mi_kb(r, a, OOM_MI_SLAB_RECLAIMABLE);
	a->slab_unreclaimable_kb = mi_kb(r, a, OOM_MI_SLAB_UNRECLAIMABLE);
	a->pagetables_kb = mi_pair_kb(r, a, OOM_MI_PAGETABLES, OOM_MI_SEC_PAGETABLES);
	a->kernel_stack_kb = r->node_kernel_stack_kb;
	if (a->kernel_stack_kb == OOM_UNSET)
		a->kernel_stack_kb = ZONE_SUM(r, kernel_stack_kb);

	a->huge_total_kb = a->huge_free_kb = OOM_UNSET;
	for (i = 0; i < r->nr_huge; i++) {
		a->huge_total_kb = add(a->huge_total_kb,
				       mul_kb(r->huge[i].total, r->huge[i].size_kb));
		a->huge_free_kb = add(a->huge_free_kb,
				      mul_kb(r->huge[i].free, r->huge[i].size_kb));
	}
}

/*
 * Managed memory minus everything the report accounts for. What is left
 * was taken straight from the page allocator: vmalloc, percpu, page_frag,
 * driver and DMA buffers, zram, GPU memory, or a leak.
 */
static void unaccounted(const struct oom_report *r, struct oom_analysis *a)
{
	uint64_t sum = OOM_UNSET;

	a->have_unaccounted = false;
	if (!r->have_meminfo || a->managed_kb == OOM_UNSET ||
	    a->free_kb == OOM_UNSET || a->anon_kb == OOM_UNSET)
		return;
	sum = add(sum, a->free_kb);
	sum = add(sum, a->free_pcp_kb);
	sum = add(sum, a->anon_kb);
	sum = add(sum, a->file_kb);
	sum = add(sum, a->isolated_kb);
	sum = add(sum, a->unevictable_kb);
	sum = add(sum, a->slab_reclaimable_kb);
	sum = add(sum, a->slab_unreclaimable_kb);
	sum = add(sum, a->pagetables_kb);
	sum = add(sum, a->kernel_stack_kb);
	sum = add(sum, mi_kb(r, a, OOM_MI_BOUNCE));
	sum = add(sum, mi_kb(r, a, OOM_MI_KERNEL_MISC_RECLAIMABLE));
	sum = add(sum, a->huge_total_kb);
	if (sum > INT64_MAX || a->managed_kb > INT64_MAX)
		return;
	a->unaccounted_kb = (int64_t)a->managed_kb - (int64_t)sum;
	a->have_unaccounted = true;
}

uint64_t oom_task_rss_kb(const struct oom_task *t, const struct oom_analysis *a)
{
	return mul_kb(t->rss, a->page_kb);
}

static void top_tasks(const struct oom_report *r, struct oom_analysis *a)
{
	size_t i, j, k;

	a->nr_top = 0;
	a->tasks_rss_kb = r->nr_tasks ? 0 : OOM_UNSET;
	for (i = 0; i < r->nr_tasks; i++) {
		uint64_t rss = r->tasks[i].rss;

		if (rss == OOM_UNSET)
			continue;
		a->tasks_rss_kb = add(a->tasks_rss_kb, oom_task_rss_kb(&r->tasks[i], a));
		for (j = 0; j < a->nr_top; j++)
			if (rss > r->tasks[a->top[j]].rss)
				break;
		if (j >= OOM_TOP_TASKS)
			continue;
		if (a->nr_top < OOM_TOP_TASKS)
			a->nr_top++;
		for (k = a->nr_top - 1; k > j; k--)
			a->top[k] = a->top[k - 1];
		a->top[j] = i;
	}
}

static int by_name(const void *x, const void *y)
{
	const struct oom_task *const *a = x, *const *b = y;

	return strcmp((*a)->name, (*b)->name);
}

/* The command name whose tasks hold the most RSS together. */
static void task_groups(const struct oom_report *r, struct oom_analysis *a)
{
	const struct oom_task **v;
	size_t i, start;

	a->group_name[0] = '\0';
	a->group_tasks = 0;
	a->group_rss_kb = 0;
	if (r->nr_tasks < 2 || !(v = malloc(r->nr_tasks * sizeof(*v))))
		return;
	for (i = 0; i < r->nr_tasks; i++)
		v[i] = &r->tasks[i];
	qsort(v, r->nr_tasks, sizeof(*v), by_name);
	for (start = 0; start < r->nr_tasks; start = i) {
		const char *name = v[start]->name;
		uint64_t sum = 0;

		for (i = start; i < r->nr_tasks && !strcmp(v[i]->name, name); i++)
			sum = add(sum, oom_task_rss_kb(v[i], a));
		if (i - start >= 2 && name[0] && sum > a->group_rss_kb) {
			a->group_rss_kb = sum;
			a->group_tasks = i - start;
			kv_copy(a->group_name, sizeof(a->group_name), name,
				  strlen(name));
		}
	}
	free(v);
}

/* A zone's free memory this request may take: CMA only if it is movable. */
static uint64_t zone_free_for(const struct oom_report *r, const struct oom_zone *z)
{
	if (oom_gfp_movable(r) || z->free_cma_kb == OOM_UNSET)
		return z->free_kb;
	return z->free_kb > z->free_cma_kb ? z->free_kb - z->free_cma_kb : 0;
}

/*
 * Free memory split by whether the failed request could use the zone. A
 * lower zone's lowmem_reserve keeps that much of it from this request, so
 * a zone is down to its low mark up to low + reserve (an empty zone, all
 * marks 0, is down to them too).
 */
static void usable_zones(const struct oom_report *r, struct oom_analysis *a)
{
	bool any_usable = false;
	unsigned int i;

	a->usable_free_kb = a->usable_cma_kb = a->unusable_free_kb = OOM_UNSET;
	a->unusable_highmem_kb = 0;
	a->usable_at_min = true;
	a->reserve_index = oom_reserve_index(r);
	for (i = 0; i < r->nr_zones; i++) {
		const struct oom_zone *z = &r->zones[i];

		if (z->free_kb == OOM_UNSET)
			continue;
		if (!oom_zone_usable(r, z)) {
			a->unusable_free_kb = add(a->unusable_free_kb, z->free_kb);
			if (!strcmp(z->name, "HighMem"))
				a->unusable_highmem_kb = add(a->unusable_highmem_kb, z->free_kb);
			continue;
		}
		any_usable = true;
		a->usable_free_kb = add(a->usable_free_kb, z->free_kb);
		a->usable_cma_kb = add(a->usable_cma_kb, z->free_cma_kb);
		if (z->low_kb == OOM_UNSET ||
		    zone_free_for(r, z) > add(z->low_kb, oom_zone_reserve_kb(z, a)))
			a->usable_at_min = false;
	}
	if (!any_usable)
		a->usable_at_min = false;
	if (a->usable_free_kb != OOM_UNSET && a->usable_cma_kb == OOM_UNSET)
		a->usable_cma_kb = 0;
}

static void zone_checks(const struct oom_report *r, struct oom_analysis *a)
{
	uint64_t best_cma = 0;
	unsigned int i, j;

	usable_zones(r, a);
	a->cma_zone = OOM_NO_ZONE;
	for (i = 0; i < r->nr_zones; i++) {
		const struct oom_zone *z = &r->zones[i];
		uint64_t noncma;

		if (z->free_kb == OOM_UNSET || z->min_kb == OOM_UNSET ||
		    z->free_cma_kb == OOM_UNSET || z->free_cma_kb == 0 ||
		    !oom_zone_usable(r, z))
			continue;
		noncma = z->free_kb > z->free_cma_kb ? z->free_kb - z->free_cma_kb : 0;
		/*
		 * Down to the low mark counts as exhausted, as for
		 * usable_at_min: the kernel gave up at min (plus any boost),
		 * and the report was printed after, a few pages later.
		 */
		if (noncma < add(z->low_kb != OOM_UNSET ? z->low_kb : z->min_kb,
				 oom_zone_reserve_kb(z, a)) &&
		    z->free_cma_kb > best_cma) {
			best_cma = z->free_cma_kb;
			a->cma_zone = (int)i;
		}
	}

	a->order_kb = a->blocks_at_order = OOM_UNSET;
	if (r->order < 1 || r->order > 20)
		return;
	a->order_kb = (uint64_t)a->page_kb << r->order;
	for (i = 0; i < r->nr_zones; i++) {
		const struct oom_zone *z = &r->zones[i];

		/* A zone this request may not take from has no block for it. */
		if (!oom_zone_serves(r, a, z)) {
			if (z->nr_buddy && a->blocks_at_order == OOM_UNSET)
				a->blocks_at_order = 0;
			continue;
		}
		for (j = 0; j < z->nr_buddy; j++)
			if (z->buddy_size_kb[j] >= a->order_kb &&
			    oom_blocks_usable(r, z->buddy_types[j]))
				a->blocks_at_order = add(a->blocks_at_order,
							 z->buddy_count[j]);
		if (z->nr_buddy && a->blocks_at_order == OOM_UNSET)
			a->blocks_at_order = 0;
	}
}

/* "0-1,3" to a mask of nodes below 64; 0 when there is no usable list. */
static uint64_t node_mask(const char *s)
{
	uint64_t mask = 0, lo, hi;
	const char *p = s;

	while (*p) {
		if (!kv_parse_u64(p, &p, &lo))
			return 0;
		hi = lo;
		if (*p == '-' && !kv_parse_u64(p + 1, &p, &hi))
			return 0;
		for (; lo <= hi && lo < 64; lo++)
			mask |= 1ULL << lo;
		if (*p == ',')
			p++;
		else if (*p)
			return 0;
	}
	return mask;
}

static void allowed_free(const struct oom_report *r, struct oom_analysis *a)
{
	const char *list = r->constraint == OOM_CONSTRAINT_MEMORY_POLICY ?
			   r->nodemask : r->mems_allowed;
	uint64_t mask = node_mask(list);
	unsigned int i;

	a->allowed_free_kb = OOM_UNSET;
	if (!mask)
		return;
	for (i = 0; i < r->nr_zones; i++) {
		const struct oom_zone *z = &r->zones[i];

		if (z->node >= 0 && z->node < 64 && (mask >> z->node & 1))
			a->allowed_free_kb = add(a->allowed_free_kb, z->free_kb);
	}
}

static bool limit_hit(uint64_t usage, uint64_t limit)
{
	/* v1 prints "unlimited" as 9007199254740988kB */
	if (usage == OOM_UNSET || limit == OOM_UNSET || limit >= (1ULL << 50))
		return false;
	return (double)usage * 100.0 >= (double)limit * OT_LIMIT_HIT_PCT;
}

static void memcg_numbers(const struct oom_report *r, struct oom_analysis *a)
{
	const struct oom_memcg *m = &r->memcg;
	uint64_t kernel = m->kernel;

	a->memcg_counter = "memory";
	a->memcg_usage_kb = m->usage_kb;
	a->memcg_limit_kb = m->limit_kb;
	a->memcg_limit_hit = true;
	if (!limit_hit(m->usage_kb, m->limit_kb)) {
		a->memcg_limit_hit = false;
		if (limit_hit(m->memsw_usage_kb, m->memsw_limit_kb)) {
			a->memcg_limit_hit = true;
			a->memcg_counter = "memory+swap";
			a->memcg_usage_kb = m->memsw_usage_kb;
			a->memcg_limit_kb = m->memsw_limit_kb;
		} else if (limit_hit(m->kmem_usage_kb, m->kmem_limit_kb)) {
			a->memcg_limit_hit = true;
			a->memcg_counter = "kmem";
			a->memcg_usage_kb = m->kmem_usage_kb;
			a->memcg_limit_kb = m->kmem_limit_kb;
		}
	}
	/* v2 "kernel" (5.18+) leaves out socket buffers, charged as "sock" */
	if (kernel == OOM_UNSET) {
		kernel = add(kernel, m->kernel_stack);
		kernel = add(kernel, m->pagetables);
		kernel = add(kernel, m->percpu);
		kernel = add(kernel, m->vmalloc);
		kernel = add(kernel, m->slab);
	}
	if (kernel != OOM_UNSET)
		kernel = add(kernel, m->sock);
	a->memcg_kernel_kb = kernel == OOM_UNSET ? m->kmem_usage_kb : kernel / 1024;
}

/* One base for every share, the module's too (format.h): managed memory. */
static void share_base(const struct oom_report *r, struct oom_analysis *a)
{
	a->base_kb = a->managed_kb != OOM_UNSET ? a->managed_kb : a->ram_kb;
	/*
	 * RSS counts file pages charged to other cgroups, so a task can show
	 * more RSS than its cgroup's limit: no shares in memcg reports.
	 */
	if (r->memcg_seen || r->constraint == OOM_CONSTRAINT_MEMCG) {
		a->share_base_kb = OOM_UNSET;
		a->share_base = "";
	} else {
		a->share_base_kb = a->base_kb;
		a->share_base = "of RAM";
	}
}

void oom_measure(const struct oom_report *r, struct oom_analysis *a)
{
	memset(a, 0, sizeof(*a));
	page_size(r, a);
	memory_totals(r, a);
	unaccounted(r, a);
	top_tasks(r, a);
	task_groups(r, a);
	zone_checks(r, a);
	allowed_free(r, a);
	memcg_numbers(r, a);
	share_base(r, a);
}

/* Percent of whole, or -1 when either side is unknown. */
double oom_pct(uint64_t part, uint64_t whole)
{
	if (part == OOM_UNSET || whole == OOM_UNSET || whole == 0)
		return -1.0;
	return 100.0 * (double)part / (double)whole;
}
