// SPDX-License-Identifier: GPL-2.0
/*
 * Print one analysed report as text for a person at a console. Lines
 * whose data the report lacks are left out rather than printed with
 * placeholders. oomjson.c prints the same report for scripts.
 */
#include <inttypes.h>
#include <string.h>

#include "explain/oomexplain.h"
#include "explain/oomnames.h"
#include "explain/oomrequest.h"
#include "explain/oomstats.h"

#define LABEL "  %-13s"

struct kbuf {
	char s[8][24];
	int n;
};

static const char *kb(struct kbuf *b, uint64_t v)
{
	char *out = b->s[b->n++ % 8];

	oom_fmt_kb(out, sizeof(b->s[0]), v);
	return out;
}

/* " (12.3% of RAM)", or nothing when RAM is unknown */
static const char *of_ram(char *buf, size_t size, uint64_t part, uint64_t ram)
{
	double p = oom_pct(part, ram);

	if (p < 0)
		buf[0] = '\0';
	else
		snprintf(buf, size, " (%.1f%% of RAM)", p);
	return buf;
}

static const char *scope_text(const struct oom_report *r)
{
	const char *s = oom_scope_name(r);

	if (!strcmp(s, "memcg"))
		return "memory cgroup limit";
	if (!strcmp(s, "unknown"))
		return "not stated (no memcg lines: global, or a cpuset/mempolicy limit this kernel does not print)";
	return s;
}

static void text_trigger(FILE *out, const struct oom_report *r,
			 const struct oom_analysis *a)
{
	struct kbuf b = { .n = 0 };

	if (!r->have_trigger)
		return;
	fprintf(out, LABEL "%s", "trigger:", r->comm[0] ? r->comm : "?");
	if (r->pid != OOM_UNSET_I64)
		fprintf(out, " (pid %" PRId64 ")", r->pid);
	if (r->order == -1)
		fprintf(out, " ran the OOM killer by hand (SysRq-f, order=-1)");
	else if (r->order >= 0 && r->order <= 20)
		fprintf(out, " failed an order-%" PRId64 " (%s) allocation",
			r->order, kb(&b, (uint64_t)a->page_kb << r->order));
	else
		fprintf(out, " invoked the OOM killer");
	if (r->gfp_mask != OOM_UNSET) {
		bool cma = (a->free_cma_kb != OOM_UNSET && a->free_cma_kb) ||
			   (a->cma_reserved_kb != OOM_UNSET && a->cma_reserved_kb);

		fprintf(out, ", gfp_mask=0x%" PRIx64 "%s%s%s, %s%s", r->gfp_mask,
			r->gfp_flags[0] ? "(" : "", r->gfp_flags,
			r->gfp_flags[0] ? ")" : "",
			oom_gfp_movable(r) ? "movable" : "not movable",
			!cma ? "" : oom_gfp_movable(r) ? " (may use CMA)" :
							 " (cannot use CMA)");
	}
	if (r->score_adj != OOM_UNSET_I64)
		fprintf(out, ", oom_score_adj=%" PRId64, r->score_adj);
	fputc('\n', out);
}

static void text_context(FILE *out, const struct oom_report *r,
			 const struct oom_analysis *a)
{
	fprintf(out, LABEL "%s", "kernel:", r->kernel[0] ? r->kernel : "version not in report");
	if (r->arch[0])
		fprintf(out, ", %s", r->arch);
	fprintf(out, "; page size %u KiB (%s)\n", a->page_kb, a->page_kb_source);
	fprintf(out, LABEL "%s", "constraint:", scope_text(r));
	if (oom_constraint_name(r->constraint))
		fprintf(out, " (%s)", oom_constraint_name(r->constraint));
	if (r->cpuset[0])
		fprintf(out, ", cpuset=%s", r->cpuset);
	if (r->mems_allowed[0])
		fprintf(out, ", mems_allowed=%s", r->mems_allowed);
	if (r->nodemask[0] && strcmp(r->nodemask, "(null)"))
		fprintf(out, ", nodemask=%s", r->nodemask);
	fputc('\n', out);
	if (r->panic != OOM_PANIC_NONE)
		fprintf(out, LABEL "%s: \"%s\"\n", "policy:",
			oom_panic_name(r->panic), r->panic_msg);
	else if (r->victim.have)
		fprintf(out, LABEL "a task was killed (no panic_on_oom panic)\n", "policy:");
}

static void text_memcg(FILE *out, const struct oom_report *r,
		       const struct oom_analysis *a)
{
	const struct oom_memcg *m = &r->memcg;
	struct kbuf b = { .n = 0 };

	if (!r->memcg_seen)
		return;
	fprintf(out, LABEL "%s", "memcg:", m->path[0] ? m->path : "?");
	if (m->usage_kb != OOM_UNSET)
		fprintf(out, ": usage %s, limit %s", kb(&b, m->usage_kb),
			m->limit_kb >= (1ULL << 50) ? "none" : kb(&b, m->limit_kb));
	if (m->failcnt != OOM_UNSET)
		fprintf(out, ", failcnt %" PRIu64, m->failcnt);
	if (a->memcg_kernel_kb != OOM_UNSET)
		fprintf(out, "; kernel memory %s", kb(&b, a->memcg_kernel_kb));
	if (m->sock != OOM_UNSET && m->sock)
		fprintf(out, " (socket buffers %s)", kb(&b, m->sock / 1024));
	if (m->task_path[0] && strcmp(m->task_path, m->path))
		fprintf(out, "; victim's cgroup %s", m->task_path);
	fputc('\n', out);
}

static void text_zones(FILE *out, const struct oom_report *r)
{
	struct kbuf b = { .n = 0 };
	unsigned int i;

	for (i = 0; i < r->nr_zones; i++) {
		const struct oom_zone *z = &r->zones[i];

		if (z->free_kb == OOM_UNSET)
			continue;
		fprintf(out, LABEL "node %d %-8s free %s", "zone:", z->node,
			z->name, kb(&b, z->free_kb));
		if (z->free_cma_kb != OOM_UNSET && z->free_cma_kb)
			fprintf(out, " (CMA %s)", kb(&b, z->free_cma_kb));
		if (z->min_kb != OOM_UNSET) {
			uint64_t usable = z->free_kb;

			if (z->free_cma_kb != OOM_UNSET)
				usable = usable > z->free_cma_kb ? usable - z->free_cma_kb : 0;
			fprintf(out, ", min %s", kb(&b, z->min_kb));
			if (z->free_kb < z->min_kb)
				fprintf(out, ": below min");
			else if (usable < z->min_kb)
				fprintf(out, ": non-CMA free below min");
		}
		fputc('\n', out);
	}
}

static void text_memory(FILE *out, const struct oom_report *r,
			const struct oom_analysis *a)
{
	struct kbuf b = { .n = 0 };
	char pct[32];

	if (a->ram_kb != OOM_UNSET) {
		fprintf(out, LABEL "%s", "RAM:", kb(&b, a->ram_kb));
		if (a->managed_kb != OOM_UNSET)
			fprintf(out, ", managed %s", kb(&b, a->managed_kb));
		if (a->reserved_kb != OOM_UNSET)
			fprintf(out, ", reserved %s", kb(&b, a->reserved_kb));
		if (a->cma_reserved_kb != OOM_UNSET && a->cma_reserved_kb)
			fprintf(out, ", CMA area %s", kb(&b, a->cma_reserved_kb));
		fputc('\n', out);
	}
	if (a->free_kb != OOM_UNSET) {
		fprintf(out, LABEL "%s%s", "free:", kb(&b, a->free_kb),
			of_ram(pct, sizeof(pct), a->free_kb, a->base_kb));
		if (a->free_cma_kb != OOM_UNSET)
			fprintf(out, ", of which CMA %s (%.0f%%)", kb(&b, a->free_cma_kb),
				a->free_kb ? oom_pct(a->free_cma_kb, a->free_kb) : 0.0);
		if (a->free_pcp_kb != OOM_UNSET)
			fprintf(out, "; on per-cpu lists %s", kb(&b, a->free_pcp_kb));
		fputc('\n', out);
	}
	text_zones(out, r);
	if (a->anon_kb != OOM_UNSET)
		fprintf(out, LABEL "anon %s, page cache %s, unevictable %s, shmem %s\n",
			"LRU:", kb(&b, a->anon_kb), kb(&b, a->file_kb),
			kb(&b, a->unevictable_kb), kb(&b, a->shmem_kb));
}

static void text_kernel(FILE *out, const struct oom_report *r,
			const struct oom_analysis *a)
{
	struct kbuf b = { .n = 0 };
	char pct[32];
	unsigned int i;

	if (a->slab_unreclaimable_kb != OOM_UNSET) {
		fprintf(out, LABEL "unreclaimable %s%s", "slab:",
			kb(&b, a->slab_unreclaimable_kb),
			of_ram(pct, sizeof(pct), a->slab_unreclaimable_kb, a->base_kb));
		fprintf(out, ", reclaimable %s", kb(&b, a->slab_reclaimable_kb));
		for (i = 0; i < r->nr_slab && i < 3; i++)
			fprintf(out, "%s%s %s", i ? ", " : "; largest: ",
				r->slab[i].name, kb(&b, r->slab[i].used_kb));
		fputc('\n', out);
	}
	if (a->pagetables_kb != OOM_UNSET && a->kernel_stack_kb != OOM_UNSET)
		fprintf(out, LABEL "page tables %s, kernel stacks %s\n", "kernel:",
			kb(&b, a->pagetables_kb), kb(&b, a->kernel_stack_kb));
	else if (a->pagetables_kb != OOM_UNSET)
		fprintf(out, LABEL "page tables %s\n", "kernel:", kb(&b, a->pagetables_kb));
	if (a->huge_total_kb == 0)
		fprintf(out, LABEL "none reserved\n", "hugepages:");
	else if (a->huge_total_kb != OOM_UNSET)
		fprintf(out, LABEL "%s reserved%s, %s of it free\n",
			"hugepages:", kb(&b, a->huge_total_kb),
			of_ram(pct, sizeof(pct), a->huge_total_kb, a->base_kb),
			kb(&b, a->huge_free_kb));
	if (r->swap_total_kb == 0)
		fprintf(out, LABEL "none configured\n", "swap:");
	else if (r->swap_total_kb != OOM_UNSET)
		fprintf(out, LABEL "%s free of %s\n", "swap:",
			kb(&b, r->swap_free_kb), kb(&b, r->swap_total_kb));
	if (a->have_unaccounted && a->unaccounted_kb < 0)
		fprintf(out, LABEL "none (the counters add up to more than managed memory: read at different moments)\n",
			"unaccounted:");
	else if (a->have_unaccounted)
		fprintf(out, LABEL "about %s%s; estimate: managed memory minus free, LRU, slab, page tables, kernel stacks and hugepages\n",
			"unaccounted:", kb(&b, (uint64_t)a->unaccounted_kb),
			of_ram(pct, sizeof(pct), (uint64_t)a->unaccounted_kb, a->base_kb));
}

static void text_tasks(FILE *out, const struct oom_report *r,
		       const struct oom_analysis *a)
{
	struct kbuf b = { .n = 0 };
	size_t i;

	for (i = 0; i < a->nr_top; i++) {
		const struct oom_task *t = &r->tasks[a->top[i]];
		uint64_t rss = oom_task_rss_kb(t, a);

		fprintf(out, LABEL "%s (pid %" PRId64 ") %s", i ? "" : "top RSS:",
			t->name[0] ? t->name : "(name cut off)", t->pid, kb(&b, rss));
		if (oom_pct(rss, a->share_base_kb) >= 0)
			fprintf(out, ", %.1f%% %s", oom_pct(rss, a->share_base_kb),
				a->share_base);
		fputc('\n', out);
	}
	if (r->nr_tasks)
		fprintf(out, LABEL "%zu tasks listed, %s RSS together\n", "",
			r->nr_tasks, kb(&b, a->tasks_rss_kb));
	/* Past the reader's limit: the figures above are of the first ones. */
	if (r->tasks_dropped)
		fprintf(out, LABEL "%zu more tasks not read (the reader keeps %d): top RSS and the total cover the first %zu\n",
			"", r->tasks_dropped, OOM_MAX_TASKS, r->nr_tasks);
}

static void text_victim(FILE *out, const struct oom_report *r)
{
	const struct oom_kill *v = &r->victim;
	struct kbuf b = { .n = 0 };

	if (!v->have) {
		if (r->chosen.have)
			fprintf(out, LABEL "%s (pid %" PRId64 ") was chosen\n",
				"victim:", r->chosen.comm, r->chosen.pid);
		else if (r->panic == OOM_PANIC_NONE && !r->page_alloc_failure)
			fprintf(out, LABEL "no kill line in the input\n", "victim:");
		return;
	}
	fprintf(out, LABEL "%s (pid %" PRId64 ") anon-rss %s, file-rss %s",
		"victim:", v->comm, v->pid, kb(&b, v->anon_rss_kb),
		kb(&b, v->file_rss_kb));
	if (v->shmem_rss_kb != OOM_UNSET)
		fprintf(out, ", shmem-rss %s", kb(&b, v->shmem_rss_kb));
	if (v->score_adj != OOM_UNSET_I64)
		fprintf(out, ", oom_score_adj %" PRId64, v->score_adj);
	if (v->reaped)
		fprintf(out, "; memory reaped");
	fputc('\n', out);
}

static void text_later_kills(FILE *out, const struct oom_report *r)
{
	size_t i;

	if (!r->nr_later_kills)
		return;
	fprintf(out, LABEL "%zu more task%s killed after this report with no report of their own (rate limited):",
		"later kills:", r->nr_later_kills, r->nr_later_kills == 1 ? "" : "s");
	for (i = 0; i < r->nr_later_kills && i < OOM_MAX_LATER_KILLS; i++)
		fprintf(out, "%s %s (pid %" PRId64 ")", i ? "," : "",
			r->later_kills[i].comm, r->later_kills[i].pid);
	if (r->nr_later_kills > OOM_MAX_LATER_KILLS)
		fprintf(out, ", ...");
	fputc('\n', out);
}

void oom_explain_text(FILE *out, const struct oom_report *r,
		      const struct oom_analysis *a, size_t index, size_t total)
{
	if (r->page_alloc_failure)
		fprintf(out, "page allocation failure %zu of %zu, no OOM report in the input (input lines %lu-%lu)\n",
			index, total, r->first_line, r->last_line);
	else
		fprintf(out, "OOM report %zu of %zu (input lines %lu-%lu)\n", index, total,
			r->first_line, r->last_line);
	if (!r->have_trigger)
		fprintf(out, LABEL "the start of this report is not in the input\n", "note:");
	text_trigger(out, r, a);
	text_context(out, r, a);
	text_memcg(out, r, a);
	text_memory(out, r, a);
	text_kernel(out, r, a);
	text_tasks(out, r, a);
	text_victim(out, r);
	text_later_kills(out, r);
	if (r->alloc_in_oom_path)
		fprintf(out, LABEL "an allocation inside the OOM path failed (called from %s): code the OOM killer runs, such as an OOM notifier, must not allocate\n",
			"note:", r->oom_path_caller[0] ? r->oom_path_caller : "?");
	fprintf(out, "verdict: %s\n", a->verdict);
}
