// SPDX-License-Identifier: GPL-2.0
/*
 * One analysed report as a JSON object, with the fields listed in
 * README.md. Anything the report did not contain is null, never 0.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "explain/oomjson.h"
#include "explain/oomnames.h"
#include "explain/oomrequest.h"
#include "explain/oomstats.h"

static void json_trigger(struct json_out *j, const struct oom_report *r)
{
	char mask[24];

	json_key(j, "trigger");
	if (!r->have_trigger) {
		json_null(j);
		return;
	}
	json_obj_begin(j);
	json_kv_nonempty(j, "comm", r->comm);
	json_kv_i64_or_null(j, "pid", r->pid);
	snprintf(mask, sizeof(mask), "0x%" PRIx64, r->gfp_mask);
	json_kv_nonempty(j, "gfp_mask", r->gfp_mask == OOM_UNSET ? NULL : mask);
	json_kv_nonempty(j, "gfp_flags", r->gfp_flags);
	json_key(j, "movable");
	json_bool(j, oom_gfp_movable(r));
	json_kv_i64_or_null(j, "order", r->order);
	json_kv_i64_or_null(j, "oom_score_adj", r->score_adj);
	json_key(j, "sysrq");
	json_bool(j, r->order == -1);
	json_obj_end(j);
}

static void json_memcg(struct json_out *j, const struct oom_report *r,
		       const struct oom_analysis *a)
{
	const struct oom_memcg *m = &r->memcg;

	json_key(j, "memcg");
	if (!r->memcg_seen) {
		json_null(j);
		return;
	}
	json_obj_begin(j);
	json_kv_nonempty(j, "path", m->path);
	json_kv_nonempty(j, "task_path", m->task_path);
	json_kv_u64_or_null(j, "usage_kb", m->usage_kb);
	json_kv_u64_or_null(j, "limit_kb", m->limit_kb);
	json_kv_u64_or_null(j, "failcnt", m->failcnt);
	json_kv_u64_or_null(j, "memsw_usage_kb", m->memsw_usage_kb);
	json_kv_u64_or_null(j, "memsw_limit_kb", m->memsw_limit_kb);
	json_kv_u64_or_null(j, "swap_usage_kb", m->swap_usage_kb);
	json_kv_u64_or_null(j, "kmem_usage_kb", m->kmem_usage_kb);
	json_kv_u64_or_null(j, "kernel_kb", a->memcg_kernel_kb);
	json_kv_u64_or_null(j, "sock_kb", m->sock == OOM_UNSET ? OOM_UNSET : m->sock / 1024);
	json_kv_nonempty(j, "limit_hit", a->memcg_counter);
	json_obj_end(j);
}

static void json_memory(struct json_out *j, const struct oom_report *r,
			const struct oom_analysis *a)
{
	json_key(j, "memory");
	json_obj_begin(j);
	json_kv_u64_or_null(j, "ram_kb", a->ram_kb);
	json_kv_u64_or_null(j, "managed_kb", a->managed_kb);
	json_kv_u64_or_null(j, "reserved_kb", a->reserved_kb);
	json_kv_u64_or_null(j, "cma_reserved_kb", a->cma_reserved_kb);
	json_kv_u64_or_null(j, "free_kb", a->free_kb);
	json_kv_u64_or_null(j, "free_cma_kb", a->free_cma_kb);
	json_kv_u64_or_null(j, "free_pcp_kb", a->free_pcp_kb);
	json_kv_u64_or_null(j, "anon_kb", a->anon_kb);
	json_kv_u64_or_null(j, "file_kb", a->file_kb);
	json_kv_u64_or_null(j, "unevictable_kb", a->unevictable_kb);
	json_kv_u64_or_null(j, "shmem_kb", a->shmem_kb);
	json_kv_u64_or_null(j, "slab_reclaimable_kb", a->slab_reclaimable_kb);
	json_kv_u64_or_null(j, "slab_unreclaimable_kb", a->slab_unreclaimable_kb);
	json_kv_u64_or_null(j, "pagetables_kb", a->pagetables_kb);
	json_kv_u64_or_null(j, "kernel_stack_kb", a->kernel_stack_kb);
	json_kv_u64_or_null(j, "hugepages_total_kb", a->huge_total_kb);
	json_kv_u64_or_null(j, "hugepages_free_kb", a->huge_free_kb);
	json_key(j, "unaccounted_kb_estimate");
	if (a->have_unaccounted)
		json_i64(j, a->unaccounted_kb);
	else
		json_null(j);
	json_kv_u64_or_null(j, "swap_total_kb", r->swap_total_kb);
	json_kv_u64_or_null(j, "swap_free_kb", r->swap_free_kb);
	json_obj_end(j);
}

static void json_zones(struct json_out *j, const struct oom_report *r)
{
	unsigned int i;

	json_key(j, "zones");
	json_arr_begin(j);
	for (i = 0; i < r->nr_zones; i++) {
		const struct oom_zone *z = &r->zones[i];

		json_obj_begin(j);
		json_key(j, "node");
		json_i64(j, z->node);
		json_kv_nonempty(j, "name", z->name);
		json_kv_u64_or_null(j, "free_kb", z->free_kb);
		json_kv_u64_or_null(j, "min_kb", z->min_kb);
		json_kv_u64_or_null(j, "low_kb", z->low_kb);
		json_kv_u64_or_null(j, "high_kb", z->high_kb);
		json_kv_u64_or_null(j, "free_cma_kb", z->free_cma_kb);
		json_kv_u64_or_null(j, "present_kb", z->present_kb);
		json_kv_u64_or_null(j, "managed_kb", z->managed_kb);
		json_key(j, "below_min");
		if (z->free_kb == OOM_UNSET || z->min_kb == OOM_UNSET)
			json_null(j);
		else
			json_bool(j, z->free_kb < z->min_kb);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void json_pools(struct json_out *j, const struct oom_report *r)
{
	unsigned int i;

	json_key(j, "hugepages");
	json_arr_begin(j);
	for (i = 0; i < r->nr_huge; i++) {
		json_obj_begin(j);
		json_kv_u64_or_null(j, "size_kb", r->huge[i].size_kb);
		json_kv_u64_or_null(j, "total", r->huge[i].total);
		json_kv_u64_or_null(j, "free", r->huge[i].free);
		json_kv_u64_or_null(j, "surp", r->huge[i].surp);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_key(j, "slab_caches");
	json_arr_begin(j);
	for (i = 0; i < r->nr_slab; i++) {
		json_obj_begin(j);
		json_kv_nonempty(j, "name", r->slab[i].name);
		json_kv_u64_or_null(j, "used_kb", r->slab[i].used_kb);
		json_kv_u64_or_null(j, "total_kb", r->slab[i].total_kb);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void json_tasks(struct json_out *j, const struct oom_report *r,
		       const struct oom_analysis *a)
{
	size_t i;

	json_key(j, "tasks_listed");
	json_u64(j, r->nr_tasks);
	json_key(j, "tasks_not_read");
	json_u64(j, r->tasks_dropped);
	json_kv_u64_or_null(j, "tasks_rss_kb", a->tasks_rss_kb);
	json_kv_nonempty(j, "share_base", a->share_base);
	json_key(j, "top_tasks");
	json_arr_begin(j);
	for (i = 0; i < a->nr_top; i++) {
		const struct oom_task *t = &r->tasks[a->top[i]];
		uint64_t rss = oom_task_rss_kb(t, a);
		double pct = oom_pct(rss, a->share_base_kb);

		json_obj_begin(j);
		json_kv_i64_or_null(j, "pid", t->pid);
		json_kv_nonempty(j, "name", t->name);
		json_kv_u64_or_null(j, "rss_kb", rss);
		json_key(j, "share_pct");
		if (pct < 0)
			json_null(j);
		else
			json_double(j, pct);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void json_kill(struct json_out *j, const struct oom_kill *v)
{
	json_obj_begin(j);
	json_kv_i64_or_null(j, "pid", v->pid);
	json_kv_nonempty(j, "comm", v->comm);
	json_kv_u64_or_null(j, "total_vm_kb", v->total_vm_kb);
	json_kv_u64_or_null(j, "anon_rss_kb", v->anon_rss_kb);
	json_kv_u64_or_null(j, "file_rss_kb", v->file_rss_kb);
	json_kv_u64_or_null(j, "shmem_rss_kb", v->shmem_rss_kb);
	json_kv_u64_or_null(j, "pgtables_kb", v->pgtables_kb);
	json_kv_i64_or_null(j, "uid", v->uid);
	json_kv_i64_or_null(j, "oom_score_adj", v->score_adj);
	json_key(j, "reaped");
	json_bool(j, v->reaped);
	json_obj_end(j);
}

static void json_victims(struct json_out *j, const struct oom_report *r)
{
	size_t i;

	json_key(j, "victim");
	if (r->victim.have)
		json_kill(j, &r->victim);
	else
		json_null(j);
	json_key(j, "later_kills");
	json_u64(j, r->nr_later_kills);
	json_key(j, "later_victims");
	json_arr_begin(j);
	for (i = 0; i < r->nr_later_kills && i < OOM_MAX_LATER_KILLS; i++)
		json_kill(j, &r->later_kills[i]);
	json_arr_end(j);
}

static int panic_on_oom(enum oom_panic p)
{
	return p == OOM_PANIC_SYSTEM_WIDE ? 1 : p == OOM_PANIC_COMPULSORY ? 2 : -1;
}

void oom_explain_json(struct json_out *j, const struct oom_report *r,
		      const struct oom_analysis *a, size_t index)
{
	json_obj_begin(j);
	json_key(j, "index");
	json_u64(j, index);
	json_kv_str(j, "event", r->page_alloc_failure ? "page_allocation_failure" : "oom");
	json_key(j, "first_line");
	json_u64(j, r->first_line);
	json_key(j, "last_line");
	json_u64(j, r->last_line);
	json_key(j, "partial_start");
	json_bool(j, !r->have_trigger);
	json_key(j, "complete");
	json_bool(j, r->done);
	json_trigger(j, r);
	json_kv_nonempty(j, "kernel", r->kernel);
	json_kv_nonempty(j, "arch", r->arch);
	json_kv_nonempty(j, "hardware", r->hardware);
	json_key(j, "page_size_kb");
	json_u64(j, a->page_kb);
	json_kv_nonempty(j, "page_size_source", a->page_kb_source);
	json_kv_nonempty(j, "constraint", oom_constraint_name(r->constraint));
	json_kv_nonempty(j, "scope", oom_scope_name(r));
	json_kv_nonempty(j, "cpuset", r->cpuset);
	json_kv_nonempty(j, "mems_allowed", r->mems_allowed);
	json_kv_nonempty(j, "nodemask", r->nodemask);
	json_kv_nonempty(j, "panic", r->panic_msg);
	json_key(j, "panic_on_oom");
	if (panic_on_oom(r->panic) < 0)
		json_null(j);
	else
		json_i64(j, panic_on_oom(r->panic));
	json_memcg(j, r, a);
	json_memory(j, r, a);
	json_zones(j, r);
	json_pools(j, r);
	json_tasks(j, r, a);
	json_victims(j, r);
	json_key(j, "oom_path_alloc_failure");
	if (r->alloc_in_oom_path)
		json_str(j, r->oom_path_caller[0] ? r->oom_path_caller : "?");
	else
		json_null(j);
	json_key(j, "verdict");
	json_obj_begin(j);
	json_kv_nonempty(j, "kind", oom_verdict_name(a->kind));
	json_kv_nonempty(j, "text", a->verdict);
	json_obj_end(j);
	json_obj_end(j);
}
