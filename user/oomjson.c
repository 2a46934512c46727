// SPDX-License-Identifier: GPL-2.0
/*
 * One analysed report as a JSON object, with the fields listed in
 * README.md. Anything the report did not contain is null, never 0.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "oomexplain.h"

static void kv_u64(struct json_out *j, const char *key, uint64_t v)
{
	json_key(j, key);
	if (v == OOM_UNSET)
		json_null(j);
	else
		json_u64(j, v);
}

static void kv_i64(struct json_out *j, const char *key, int64_t v)
{
	json_key(j, key);
	if (v == OOM_UNSET_I64)
		json_null(j);
	else
		json_i64(j, v);
}

static void kv_str(struct json_out *j, const char *key, const char *s)
{
	json_key(j, key);
	if (s && s[0])
		json_str(j, s);
	else
		json_null(j);
}

static void json_trigger(struct json_out *j, const struct oom_report *r)
{
	char mask[24];

	json_key(j, "trigger");
	if (!r->have_trigger) {
		json_null(j);
		return;
	}
	json_obj_begin(j);
	kv_str(j, "comm", r->comm);
	kv_i64(j, "pid", r->pid);
	snprintf(mask, sizeof(mask), "0x%" PRIx64, r->gfp_mask);
	kv_str(j, "gfp_mask", r->gfp_mask == OOM_UNSET ? NULL : mask);
	kv_str(j, "gfp_flags", r->gfp_flags);
	json_key(j, "movable");
	json_bool(j, oom_gfp_movable(r));
	kv_i64(j, "order", r->order);
	kv_i64(j, "oom_score_adj", r->score_adj);
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
	kv_str(j, "path", m->path);
	kv_str(j, "task_path", m->task_path);
	kv_u64(j, "usage_kb", m->usage_kb);
	kv_u64(j, "limit_kb", m->limit_kb);
	kv_u64(j, "failcnt", m->failcnt);
	kv_u64(j, "memsw_usage_kb", m->memsw_usage_kb);
	kv_u64(j, "memsw_limit_kb", m->memsw_limit_kb);
	kv_u64(j, "swap_usage_kb", m->swap_usage_kb);
	kv_u64(j, "kmem_usage_kb", m->kmem_usage_kb);
	kv_u64(j, "kernel_kb", a->memcg_kernel_kb);
	kv_u64(j, "sock_kb", m->sock == OOM_UNSET ? OOM_UNSET : m->sock / 1024);
	kv_str(j, "limit_hit", a->memcg_counter);
	json_obj_end(j);
}

static void json_memory(struct json_out *j, const struct oom_report *r,
			const struct oom_analysis *a)
{
	json_key(j, "memory");
	json_obj_begin(j);
	kv_u64(j, "ram_kb", a->ram_kb);
	kv_u64(j, "managed_kb", a->managed_kb);
	kv_u64(j, "reserved_kb", a->reserved_kb);
	kv_u64(j, "cma_reserved_kb", a->cma_reserved_kb);
	kv_u64(j, "free_kb", a->free_kb);
	kv_u64(j, "free_cma_kb", a->free_cma_kb);
	kv_u64(j, "free_pcp_kb", a->free_pcp_kb);
	kv_u64(j, "anon_kb", a->anon_kb);
	kv_u64(j, "file_kb", a->file_kb);
	kv_u64(j, "unevictable_kb", a->unevictable_kb);
	kv_u64(j, "shmem_kb", a->shmem_kb);
	kv_u64(j, "slab_reclaimable_kb", a->slab_reclaimable_kb);
	kv_u64(j, "slab_unreclaimable_kb", a->slab_unreclaimable_kb);
	kv_u64(j, "pagetables_kb", a->pagetables_kb);
	kv_u64(j, "kernel_stack_kb", a->kernel_stack_kb);
	kv_u64(j, "hugepages_total_kb", a->huge_total_kb);
	kv_u64(j, "hugepages_free_kb", a->huge_free_kb);
	json_key(j, "unaccounted_kb_estimate");
	if (a->have_unaccounted)
		json_i64(j, a->unaccounted_kb);
	else
		json_null(j);
	kv_u64(j, "swap_total_kb", r->swap_total_kb);
	kv_u64(j, "swap_free_kb", r->swap_free_kb);
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
		kv_str(j, "name", z->name);
		kv_u64(j, "free_kb", z->free_kb);
		kv_u64(j, "min_kb", z->min_kb);
		kv_u64(j, "low_kb", z->low_kb);
		kv_u64(j, "high_kb", z->high_kb);
		kv_u64(j, "free_cma_kb", z->free_cma_kb);
		kv_u64(j, "present_kb", z->present_kb);
		kv_u64(j, "managed_kb", z->managed_kb);
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
		kv_u64(j, "size_kb", r->huge[i].size_kb);
		kv_u64(j, "total", r->huge[i].total);
		kv_u64(j, "free", r->huge[i].free);
		kv_u64(j, "surp", r->huge[i].surp);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_key(j, "slab_caches");
	json_arr_begin(j);
	for (i = 0; i < r->nr_slab; i++) {
		json_obj_begin(j);
		kv_str(j, "name", r->slab[i].name);
		kv_u64(j, "used_kb", r->slab[i].used_kb);
		kv_u64(j, "total_kb", r->slab[i].total_kb);
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
	kv_u64(j, "tasks_rss_kb", a->tasks_rss_kb);
	kv_str(j, "share_base", a->share_base);
	json_key(j, "top_tasks");
	json_arr_begin(j);
	for (i = 0; i < a->nr_top; i++) {
		const struct oom_task *t = &r->tasks[a->top[i]];
		uint64_t rss = oom_task_rss_kb(t, a);
		double pct = oom_pct(rss, a->share_base_kb);

		json_obj_begin(j);
		kv_i64(j, "pid", t->pid);
		kv_str(j, "name", t->name);
		kv_u64(j, "rss_kb", rss);
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
	kv_i64(j, "pid", v->pid);
	kv_str(j, "comm", v->comm);
	kv_u64(j, "total_vm_kb", v->total_vm_kb);
	kv_u64(j, "anon_rss_kb", v->anon_rss_kb);
	kv_u64(j, "file_rss_kb", v->file_rss_kb);
	kv_u64(j, "shmem_rss_kb", v->shmem_rss_kb);
	kv_u64(j, "pgtables_kb", v->pgtables_kb);
	kv_i64(j, "uid", v->uid);
	kv_i64(j, "oom_score_adj", v->score_adj);
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
	json_key(j, "first_line");
	json_u64(j, r->first_line);
	json_key(j, "last_line");
	json_u64(j, r->last_line);
	json_key(j, "partial_start");
	json_bool(j, !r->have_trigger);
	json_key(j, "complete");
	json_bool(j, r->done);
	json_trigger(j, r);
	kv_str(j, "kernel", r->kernel);
	kv_str(j, "arch", r->arch);
	kv_str(j, "hardware", r->hardware);
	json_key(j, "page_size_kb");
	json_u64(j, a->page_kb);
	kv_str(j, "page_size_source", a->page_kb_source);
	kv_str(j, "constraint", oom_constraint_name(r->constraint));
	kv_str(j, "scope", oom_scope_name(r));
	kv_str(j, "cpuset", r->cpuset);
	kv_str(j, "mems_allowed", r->mems_allowed);
	kv_str(j, "nodemask", r->nodemask);
	kv_str(j, "panic", r->panic_msg);
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
	kv_str(j, "kind", oom_verdict_name(a->kind));
	kv_str(j, "text", a->verdict);
	json_obj_end(j);
	json_obj_end(j);
}
