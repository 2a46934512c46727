// SPDX-License-Identifier: GPL-2.0
/*
 * The show_mem() part of an OOM report: Mem-Info counters, per-node and
 * per-zone lines, buddy free lists, hugepage pools, the page totals and
 * the unreclaimable slab table. Zone values count only when complete: a
 * value without its "kB" at the end of a cut line is dropped.
 */
#include <string.h>

#include "lib/kv.h"
#include "explain/oomfields.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Global counters in pages: "active_anon:285 inactive_anon:2820935 ..." */
bool oom_field_meminfo(struct oom_report *r, const char *msg)
{
	static const char *const names[OOM_MI_NR] = {
		[OOM_MI_ACTIVE_ANON] = "active_anon",
		[OOM_MI_INACTIVE_ANON] = "inactive_anon",
		[OOM_MI_ISOLATED_ANON] = "isolated_anon",
		[OOM_MI_ACTIVE_FILE] = "active_file",
		[OOM_MI_INACTIVE_FILE] = "inactive_file",
		[OOM_MI_ISOLATED_FILE] = "isolated_file",
		[OOM_MI_UNEVICTABLE] = "unevictable",
		[OOM_MI_DIRTY] = "dirty",
		[OOM_MI_WRITEBACK] = "writeback",
		[OOM_MI_SLAB_RECLAIMABLE] = "slab_reclaimable",
		[OOM_MI_SLAB_UNRECLAIMABLE] = "slab_unreclaimable",
		[OOM_MI_MAPPED] = "mapped",
		[OOM_MI_SHMEM] = "shmem",
		[OOM_MI_PAGETABLES] = "pagetables",
		[OOM_MI_SEC_PAGETABLES] = "sec_pagetables",
		[OOM_MI_BOUNCE] = "bounce",
		[OOM_MI_KERNEL_MISC_RECLAIMABLE] = "kernel_misc_reclaimable",
		[OOM_MI_FREE] = "free",
		[OOM_MI_FREE_PCP] = "free_pcp",
		[OOM_MI_FREE_CMA] = "free_cma",
	};
	const char *p = msg;
	bool any = false;
	struct kv kv;
	int i;

	while (kv_next(&p, ':', &kv)) {
		if (kv.neg || kv.unit_len)
			continue;
		for (i = 0; i < OOM_MI_NR; i++) {
			if (kv_key_is(&kv, names[i])) {
				r->mi[i] = kv.value;
				any = true;
			}
		}
	}
	if (any)
		r->have_meminfo = true;
	return any;
}

static struct oom_zone *zone_get(struct oom_report *r, int node,
				 const char *name, size_t len)
{
	struct oom_zone *z;
	unsigned int i;

	if (len >= sizeof(z->name))
		len = sizeof(z->name) - 1;
	for (i = 0; i < r->nr_zones; i++) {
		z = &r->zones[i];
		if (z->node == node && strlen(z->name) == len &&
		    !strncmp(z->name, name, len))
			return z;
	}
	if (r->nr_zones >= OOM_MAX_ZONES)
		return NULL;
	z = &r->zones[r->nr_zones++];
	memset(z, 0, sizeof(*z));
	z->node = node;
	kv_copy(z->name, sizeof(z->name), name, len);
	z->free_kb = z->min_kb = z->low_kb = z->high_kb = OOM_UNSET;
	z->present_kb = z->managed_kb = z->free_cma_kb = OOM_UNSET;
	z->free_pcp_kb = z->kernel_stack_kb = OOM_UNSET;
	return z;
}

static void zone_fields(struct oom_zone *z, const char *p)
{
	struct {
		const char *key;
		uint64_t *dst;
	} keys[] = {
		{ "free", &z->free_kb }, { "min", &z->min_kb },
		{ "low", &z->low_kb }, { "high", &z->high_kb },
		{ "present", &z->present_kb }, { "managed", &z->managed_kb },
		{ "free_cma", &z->free_cma_kb }, { "free_pcp", &z->free_pcp_kb },
		{ "kernel_stack", &z->kernel_stack_kb },
	};
	struct kv kv;
	size_t i;

	while (kv_next(&p, ':', &kv)) {
		if (kv.neg || !kv_unit_is_kb(&kv))
			continue;
		for (i = 0; i < ARRAY_SIZE(keys); i++)
			if (kv_key_is(&kv, keys[i].key))
				*keys[i].dst = kv.value;
	}
}

/* "Node 0 DMA32: 14*4kB (UM) 46*8kB (U) ... = 60680kB" */
static void buddy_fields(struct oom_zone *z, const char *p)
{
	uint64_t count, size;
	const char *q;

	z->nr_buddy = 0;
	while (*p && z->nr_buddy < OOM_MAX_BUDDY) {
		p = kv_skip_blanks(p);
		if (kv_parse_u64(p, &q, &count) && *q == '*' &&
		    kv_parse_u64(q + 1, &q, &size) &&
		    (q[0] == 'k' || q[0] == 'K') && q[1] == 'B') {
			char *types = z->buddy_types[z->nr_buddy];

			z->buddy_size_kb[z->nr_buddy] = size;
			z->buddy_count[z->nr_buddy] = count;
			types[0] = '\0';
			q = kv_skip_blanks(q + 2);
			if (*q == '(' && strcspn(q, ")") < sizeof(z->buddy_types[0]) &&
			    q[strcspn(q, ")")] == ')')
				kv_copy(types, sizeof(z->buddy_types[0]), q + 1,
					strcspn(q, ")") - 1);
			z->nr_buddy++;
		}
		p += strcspn(p, " \t");
	}
}

static void add_counter(uint64_t *dst, uint64_t v)
{
	if (v != OOM_UNSET)
		oom_add_kb(dst, v);
}

static void hugepage_fields(struct oom_report *r, const char *p)
{
	uint64_t total = OOM_UNSET, hfree = OOM_UNSET, surp = OOM_UNSET;
	uint64_t size = OOM_UNSET;
	struct oom_huge *h = NULL;
	struct kv kv;
	unsigned int i;

	while (kv_next(&p, '=', &kv)) {
		if (kv_key_is(&kv, "hugepages_total"))
			total = kv.value;
		else if (kv_key_is(&kv, "hugepages_free"))
			hfree = kv.value;
		else if (kv_key_is(&kv, "hugepages_surp"))
			surp = kv.value;
		else if (kv_key_is(&kv, "hugepages_size") && kv_unit_is_kb(&kv))
			size = kv.value;
	}
	if (size == OOM_UNSET || total == OOM_UNSET)
		return;
	for (i = 0; i < r->nr_huge; i++)
		if (r->huge[i].size_kb == size)
			h = &r->huge[i];
	if (!h) {
		if (r->nr_huge >= OOM_MAX_HUGE)
			return;
		h = &r->huge[r->nr_huge++];
		h->size_kb = size;
		h->total = h->free = h->surp = OOM_UNSET;
	}
	add_counter(&h->total, total);
	add_counter(&h->free, hfree);
	add_counter(&h->surp, surp);
}

/*
 * "<Zone> free:..." watermarks and "<Zone>: 12*4kB ..." buddy lists, after
 * the "Node N " that NUMA kernels print before them.
 */
static bool zone_or_buddy(struct oom_report *r, int node, const char *word)
{
	size_t len = strcspn(word, " \t:");
	struct oom_zone *z;
	const char *p;

	if (!len)
		return false;
	if (word[len] == ':' && (word[len + 1] == ' ' || !word[len + 1])) {
		z = zone_get(r, node, word, len);
		if (z)
			buddy_fields(z, word + len + 1);
		return true;
	}
	p = kv_skip_blanks(word + len);
	if (word[len] == ':' || !kv_starts(p, "free:"))
		return false;
	z = zone_get(r, node, word, len);
	if (z) {
		zone_fields(z, p);
		r->last_zone = (int)(z - r->zones);
	}
	return true;
}

/* "lowmem_reserve[]: 0 808 3849 3849", for the zone line just before */
bool oom_field_lowmem_reserve(struct oom_report *r, const char *msg)
{
	const char *p = msg + strlen("lowmem_reserve[]:");
	struct oom_zone *z;
	uint64_t v;

	if (r->last_zone < 0)
		return false;
	z = &r->zones[r->last_zone];
	z->nr_reserve = 0;
	for (p = kv_skip_blanks(p); z->nr_reserve < OOM_MAX_RESERVE &&
	     kv_parse_u64(p, &p, &v); p = kv_skip_blanks(p))
		z->reserve_pages[z->nr_reserve++] = v;
	r->last_zone = -1;
	return true;
}

/*
 * "Node N ..." lines: per-zone watermarks, per-node totals, buddy lists
 * and hugepage pools all start the same way.
 */
bool oom_field_node_line(struct oom_report *r, const char *msg)
{
	const char *p = msg + strlen("Node ");
	uint64_t node;
	struct kv kv;
	size_t len;

	if (!kv_parse_u64(p, &p, &node) || (*p != ' ' && *p != '\t'))
		return false;
	p = kv_skip_blanks(p);
	if (kv_starts(p, "hugepages_")) {
		hugepage_fields(r, p);
		return true;
	}
	len = strcspn(p, " \t:");
	if (len && p[len] == ':' && p[len + 1] && p[len + 1] != ' ') {
		/* per-node totals: only kernel_stack moved here (5.9+) */
		while (kv_next(&p, ':', &kv))
			if (kv_key_is(&kv, "kernel_stack") && kv_unit_is_kb(&kv))
				oom_add_kb(&r->node_kernel_stack_kb, kv.value);
		return true;
	}
	return zone_or_buddy(r, (int)(node & 0xffff), p);
}

/* Whether @s[0..len) names a zone type. */
bool oom_is_zone_name(const char *s, size_t len)
{
	static const char *const zones[] = {
		"DMA", "DMA32", "Normal", "HighMem", "Movable", "Device",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(zones); i++)
		if (len == strlen(zones[i]) && !strncmp(s, zones[i], len))
			return true;
	return false;
}

/* Kernels without CONFIG_NUMA print zone lines with no "Node N" before them. */
bool oom_field_bare_zone_line(struct oom_report *r, const char *msg)
{
	size_t n = strcspn(msg, ": ");

	if (oom_is_zone_name(msg, n) && (msg[n] == ':' || msg[n] == ' '))
		return zone_or_buddy(r, 0, msg);
	return false;
}

static bool number_then(const char *msg, const char *suffix, uint64_t *dst)
{
	const char *end;
	uint64_t v;

	if (!kv_parse_u64(msg, &end, &v) || strcmp(end, suffix) != 0)
		return false;
	*dst = v;
	return true;
}

/* "3145595 pages RAM", "Free swap  = 0kB" and the other show_mem totals */
bool oom_field_totals(struct oom_report *r, const char *msg)
{
	const char *v;

	if (number_then(msg, " pages RAM", &r->pages_ram) ||
	    number_then(msg, " pages reserved", &r->pages_reserved) ||
	    number_then(msg, " pages cma reserved", &r->pages_cma_reserved) ||
	    number_then(msg, " pages HighMem/MovableOnly", &r->pages_highmem) ||
	    number_then(msg, " total pagecache pages", &r->pagecache_pages))
		return true;
	if (kv_starts(msg, "Free swap ") && (v = strchr(msg, '=')))
		return kv_parse_u64(kv_skip_blanks(v + 1), NULL, &r->swap_free_kb);
	if (kv_starts(msg, "Total swap ") && (v = strchr(msg, '=')))
		return kv_parse_u64(kv_skip_blanks(v + 1), NULL, &r->swap_total_kb);
	return false;
}

static bool kb_number(const char **pp, uint64_t *v)
{
	const char *p = kv_skip_blanks(*pp);

	if (!kv_parse_u64(p, &p, v) || (p[0] != 'K' && p[0] != 'k') || p[1] != 'B')
		return false;
	*pp = p + 2;
	return true;
}

/* "kmalloc-4096       3162112KB    3162112KB": keep the largest few */
bool oom_field_slab_row(struct oom_report *r, const char *msg)
{
	size_t len = strcspn(msg, " \t"), i, at;
	const char *p = msg + len;
	struct oom_slab s;

	if (!len || !kb_number(&p, &s.used_kb) || !kb_number(&p, &s.total_kb))
		return false;
	kv_copy(s.name, sizeof(s.name), msg, len);
	for (at = 0; at < r->nr_slab; at++)
		if (s.used_kb > r->slab[at].used_kb)
			break;
	if (at >= OOM_MAX_SLAB)
		return true;
	if (r->nr_slab < OOM_MAX_SLAB)
		r->nr_slab++;
	for (i = r->nr_slab - 1; i > at; i--)
		r->slab[i] = r->slab[i - 1];
	r->slab[at] = s;
	return true;
}
