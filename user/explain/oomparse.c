// SPDX-License-Identifier: GPL-2.0
/*
 * Split a kernel log into OOM reports. A report opens at its trigger line
 * ("invoked oom-killer") and closes at its kill or panic line, at the next
 * trigger, or at the start of an unrelated memory dump (warn_alloc,
 * SysRq show-memory), whose Mem-Info must not leak into it. When the start
 * of a report is missing, later lines open a tentative report that is kept
 * only if an OOM-only line (kill, oom-kill:, memcg usage, panic) shows up.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/kv.h"
#include "lib/lineread.h"
#include "explain/oomfields.h"
#include "explain/oomparse.h"

void oom_reports_init(struct oom_reports *r)
{
	memset(r, 0, sizeof(*r));
}

void oom_reports_free(struct oom_reports *r)
{
	size_t i;

	for (i = 0; i < r->nr; i++)
		free(r->v[i].tasks);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static void scan_init(struct oom_scan *p, struct oom_reports *out, bool failures)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->failures_as_reports = failures;
}

static struct oom_report *current(struct oom_scan *p)
{
	return p->open ? &p->out->v[p->out->nr - 1] : NULL;
}

/* The report that lines may still be added to, if any. */
static struct oom_report *live(struct oom_scan *p)
{
	struct oom_report *r = current(p);

	return r && !r->done ? r : NULL;
}

static void kill_reset(struct oom_kill *k)
{
	memset(k, 0, sizeof(*k));
	k->pid = k->uid = k->score_adj = OOM_UNSET_I64;
	k->total_vm_kb = k->anon_rss_kb = k->file_rss_kb = OOM_UNSET;
	k->shmem_rss_kb = k->pgtables_kb = OOM_UNSET;
}

static void report_reset(struct oom_report *r, unsigned long lineno)
{
	int i;

	memset(r, 0, sizeof(*r));
	r->first_line = r->last_line = lineno;
	r->pid = r->order = r->score_adj = OOM_UNSET_I64;
	r->summary_pid = OOM_UNSET_I64;
	r->gfp_mask = OOM_UNSET;
	for (i = 0; i < OOM_MI_NR; i++)
		r->mi[i] = OOM_UNSET;
	r->node_kernel_stack_kb = OOM_UNSET;
	r->last_zone = -1;
	r->pages_ram = r->pages_reserved = r->pages_cma_reserved = OOM_UNSET;
	r->pages_highmem = r->pagecache_pages = OOM_UNSET;
	r->swap_free_kb = r->swap_total_kb = OOM_UNSET;
	r->memcg.usage_kb = r->memcg.limit_kb = r->memcg.failcnt = OOM_UNSET;
	r->memcg.memsw_usage_kb = r->memcg.memsw_limit_kb = OOM_UNSET;
	r->memcg.swap_usage_kb = r->memcg.swap_limit_kb = OOM_UNSET;
	r->memcg.kmem_usage_kb = r->memcg.kmem_limit_kb = OOM_UNSET;
	r->memcg.v1_rss_kb = r->memcg.v1_cache_kb = OOM_UNSET;
	r->memcg.anon = r->memcg.file = r->memcg.kernel = OOM_UNSET;
	r->memcg.kernel_stack = r->memcg.pagetables = OOM_UNSET;
	r->memcg.percpu = r->memcg.sock = r->memcg.vmalloc = OOM_UNSET;
	r->memcg.shmem = r->memcg.slab = OOM_UNSET;
	kill_reset(&r->victim);
	r->chosen.pid = OOM_UNSET_I64;
	r->chosen.score = OOM_UNSET;
}

/*
 * A cgroup path cut at the right edge of a console is a prefix of a longer
 * path printed later that does not end at a '/'. Complete it up to the
 * next path component of that longer path.
 */
static void complete_path(char *path, size_t size, const char *longer)
{
	size_t len = strlen(path), end;

	if (!len || strncmp(path, longer, len) || !longer[len] || longer[len] == '/')
		return;
	end = len + strcspn(longer + len, "/");
	kv_copy(path, size, longer, end);
}

static void finish_report(struct oom_report *r)
{
	struct oom_memcg *m = &r->memcg;

	if (!m->path[0])
		kv_copy(m->path, sizeof(m->path), m->stats_path, strlen(m->stats_path));
	complete_path(m->path, sizeof(m->path), m->stats_path);
	complete_path(m->path, sizeof(m->path), m->task_path);
}

static void close_report(struct oom_scan *p)
{
	struct oom_report *r = current(p);

	p->open = false;
	p->section = OOM_SEC_NONE;
	if (!r)
		return;
	if (!r->have_trigger && !r->marker) {
		free(r->tasks);
		p->out->nr--;
		return;
	}
	finish_report(r);
}

static struct oom_report *open_report(struct oom_scan *p, unsigned long lineno)
{
	struct oom_reports *o = p->out;
	struct oom_report *r;

	close_report(p);
	if (o->nr >= OOM_MAX_REPORTS) {
		o->dropped++;
		return NULL;
	}
	if (o->nr == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 4;
		struct oom_report *v = realloc(o->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		o->v = v;
		o->cap = cap;
	}
	r = &o->v[o->nr++];
	report_reset(r, lineno);
	p->open = true;
	return r;
}

/*
 * The report a line of report data belongs to. strong: the line only ever
 * appears in OOM reports, so it may start a (partial) report anywhere.
 */
static struct oom_report *report_for(struct oom_scan *p, unsigned long lineno,
				     bool strong)
{
	struct oom_report *r = live(p);

	if (r)
		return r;
	/* the failures scan: only a failure line opens a report */
	if ((!strong && p->other_event) || p->failures_as_reports)
		return NULL;
	return open_report(p, lineno);
}

static struct oom_report *marked(struct oom_scan *p, unsigned long lineno)
{
	struct oom_report *r = report_for(p, lineno, true);

	p->other_event = false;
	p->alloc_failure = false;
	if (r)
		r->marker = true;
	return r;
}

/*
 * A report's first line: "invoked oom-killer", or in the failures scan a
 * page allocation failure.
 */
static struct oom_report *on_trigger(struct oom_scan *p, unsigned long lineno,
				     const char *msg, const char *at, bool failure)
{
	struct oom_report *r = open_report(p, lineno);

	p->other_event = false;
	p->alloc_failure = false;
	if (!r)
		return NULL;
	r->have_trigger = true;
	r->marker = true;
	r->page_alloc_failure = failure;
	if (failure)
		oom_field_alloc_failure(r, msg, at);
	else
		oom_field_trigger(r, msg, at);
	return r;
}

/*
 * dump_header() is rate limited but the kill line is not: bare kill lines
 * right after a finished report belong to OOMs whose reports were dropped.
 */
static struct oom_report *on_later_kill(struct oom_report *r, const char *at)
{
	struct oom_kill k;

	kill_reset(&k);
	if (!oom_field_kill(&k, at))
		return NULL;
	if (r->nr_later_kills < OOM_MAX_LATER_KILLS)
		r->later_kills[r->nr_later_kills] = k;
	r->nr_later_kills++;
	return r;
}

static struct oom_report *on_killed(struct oom_scan *p, unsigned long lineno,
				    const char *msg, const char *at)
{
	struct oom_report *r = current(p);

	if (r && r->done && r->victim.have)
		return on_later_kill(r, at);
	r = marked(p, lineno);

	if (!r)
		return NULL;
	if (kv_starts(msg, "Memory cgroup out of memory"))
		r->memcg_seen = true;
	if (oom_field_kill(&r->victim, at))
		r->done = true;
	return r;
}

static struct oom_report *on_chosen(struct oom_scan *p, unsigned long lineno,
				    const char *msg, const char *at)
{
	struct oom_report *r = current(p);

	/* the first half of a rate-limited kill pair: the kill line follows */
	if (r && r->done && r->victim.have)
		return r;
	r = live(p);

	if (r && r->chosen.have)
		close_report(p);
	r = marked(p, lineno);
	if (!r)
		return NULL;
	if (kv_starts(msg, "Memory cgroup out of memory"))
		r->memcg_seen = true;
	oom_field_chosen(&r->chosen, at);
	return r;
}

static struct oom_report *on_reaped(struct oom_scan *p, const char *msg)
{
	struct oom_report *r = current(p);
	size_t i;
	int64_t pid;

	if (!r || !r->victim.have || !oom_field_reaped_pid(msg, &pid))
		return NULL;
	if (pid == r->victim.pid) {
		r->victim.reaped = true;
		return r;
	}
	for (i = 0; i < r->nr_later_kills && i < OOM_MAX_LATER_KILLS; i++)
		if (r->later_kills[i].pid == pid)
			r->later_kills[i].reaped = true;
	return r;
}

static struct oom_report *on_panic(struct oom_scan *p, unsigned long lineno,
				   const char *msg)
{
	enum oom_panic kind = oom_field_panic(msg);
	struct oom_report *r;

	if (kind == OOM_PANIC_NONE) {
		close_report(p);
		return NULL;
	}
	r = marked(p, lineno);
	if (!r)
		return NULL;
	r->panic = kind;
	kv_copy(r->panic_msg, sizeof(r->panic_msg), msg, strlen(msg));
	r->done = true;
	return r;
}

static struct oom_report *on_summary(struct oom_scan *p, unsigned long lineno,
				     const char *msg)
{
	struct oom_report *r = live(p);

	if (r && r->summary_line)
		close_report(p);
	r = marked(p, lineno);
	if (r)
		oom_field_summary(r, msg);
	return r;
}

static struct oom_report *on_memcg_counter(struct oom_scan *p,
					   unsigned long lineno, const char *msg)
{
	struct oom_report *r;
	struct oom_memcg *m;
	uint64_t usage, limit, failcnt;

	if (!oom_field_memcg_counter(msg, &usage, &limit, &failcnt))
		return NULL;
	r = kv_starts(msg, "memory: ") ? marked(p, lineno) :
					  report_for(p, lineno, false);
	if (!r)
		return NULL;
	m = &r->memcg;
	r->memcg_seen = true;
	p->section = OOM_SEC_NONE;
	if (kv_starts(msg, "memory: ")) {
		m->usage_kb = usage;
		m->limit_kb = limit;
		m->failcnt = failcnt;
	} else if (kv_starts(msg, "memory+swap: ")) {
		m->memsw_usage_kb = usage;
		m->memsw_limit_kb = limit;
	} else if (kv_starts(msg, "swap: ")) {
		m->swap_usage_kb = usage;
		m->swap_limit_kb = limit;
	} else if (kv_starts(msg, "kmem: ")) {
		m->kmem_usage_kb = usage;
		m->kmem_limit_kb = limit;
	}
	return r;
}

static void add_task(struct oom_report *r, const struct oom_task *t)
{
	if (r->nr_tasks >= OOM_MAX_TASKS) {
		r->tasks_dropped++;
		return;
	}
	if (r->nr_tasks == r->tasks_cap) {
		size_t cap = r->tasks_cap ? r->tasks_cap * 2 : 32;
		struct oom_task *v = realloc(r->tasks, cap * sizeof(*v));

		if (!v) {
			r->tasks_dropped++;
			return;
		}
		r->tasks = v;
		r->tasks_cap = cap;
	}
	r->tasks[r->nr_tasks++] = *t;
}

static bool is_other_event(const char *msg)
{
	return strstr(msg, "page allocation failure:") ||
	       strstr(msg, "Show Memory") || strstr(msg, "show-memory-usage") ||
	       strstr(msg, "SysRq : Show") || strstr(msg, "sysrq: Show");
}

/* Lines that start a part of a report; NULL if the line is none of them. */
static struct oom_report *on_section_start(struct oom_scan *p,
					   unsigned long lineno, const char *msg,
					   bool *taken)
{
	struct oom_report *r;

	*taken = true;
	if (kv_starts(msg, "Mem-Info:")) {
		r = live(p);
		if (r && r->have_meminfo)
			close_report(p);
		r = report_for(p, lineno, false);
		p->section = r ? OOM_SEC_MEMINFO : OOM_SEC_NONE;
	} else if (kv_starts(msg, "active_anon:")) {
		r = report_for(p, lineno, false);
		if (r && oom_field_meminfo(r, msg))
			p->section = OOM_SEC_MEMINFO;
	} else if (kv_starts(msg, "Node ")) {
		r = report_for(p, lineno, false);
		if (r && oom_field_node_line(r, msg) && !strstr(msg, "per-cpu"))
			p->section = OOM_SEC_NONE;
	} else if (kv_starts(msg, "Unreclaimable slab info:")) {
		r = report_for(p, lineno, false);
		p->section = r ? OOM_SEC_SLAB : OOM_SEC_NONE;
	} else if (kv_starts(msg, "Memory cgroup stats for ")) {
		r = report_for(p, lineno, false);
		if (r) {
			oom_field_memcg_stats_header(r, msg);
			r->memcg_seen = true;
			p->section = OOM_SEC_MEMCG_STATS;
		}
	} else if (msg[0] == '[' && oom_field_task_header(msg, p->cols, &p->nr_cols)) {
		r = report_for(p, lineno, false);
		if (r)
			r->table_seen = true;
		p->section = r ? OOM_SEC_TASKS : OOM_SEC_NONE;
	} else {
		*taken = false;
		r = NULL;
	}
	return r;
}

/* Lines inside a part of the live report: rows, zones, counters. */
static struct oom_report *on_section_line(struct oom_scan *p, const char *msg)
{
	struct oom_report *r = live(p);
	struct oom_task t;

	if (!r)
		return NULL;
	if (p->section == OOM_SEC_TASKS && msg[0] == '[') {
		if (!oom_field_task_row(msg, p->cols, p->nr_cols, &t))
			return NULL;
		add_task(r, &t);
		return r;
	}
	if (oom_field_bare_zone_line(r, msg)) {
		p->section = OOM_SEC_NONE;
		return r;
	}
	if (oom_field_totals(r, msg))
		return r;
	switch (p->section) {
	case OOM_SEC_MEMINFO:
		return oom_field_meminfo(r, msg) ? r : NULL;
	case OOM_SEC_MEMCG_STATS:
		return oom_field_memcg_stat(r, msg) ? r : NULL;
	case OOM_SEC_SLAB:
		return oom_field_slab_row(r, msg) ? r : NULL;
	default:
		return NULL;
	}
}

/* Lines that describe the task and machine, taken only inside a report. */
static struct oom_report *on_context(struct oom_scan *p, const char *msg)
{
	struct oom_report *r = live(p);

	if (!r)
		return NULL;
	if (kv_starts(msg, "CPU: ") && strstr(msg, "PID: ")) {
		oom_field_cpu(r, msg);
	} else if (kv_starts(msg, "Task in ") &&
		   strstr(msg, " killed as a result of limit of ")) {
		oom_field_task_in(r, msg);
		r->memcg_seen = true;
		r->marker = true;
		if (r->constraint == OOM_CONSTRAINT_UNKNOWN)
			r->constraint = OOM_CONSTRAINT_MEMCG;
	} else if (strstr(msg, " cpuset=") && strstr(msg, " mems_allowed=")) {
		oom_field_old_cpuset(r, msg);
	} else if (!oom_field_arch_hint(r, msg)) {
		return NULL;
	}
	return r;
}

/* "[<ffff...>] ? name+0x1f/0x40" or "name+0x1f/0x40": the function name */
static bool trace_frame(const char *msg, char *name, size_t size)
{
	const char *p = msg, *plus;

	if (p[0] == '[' && p[1] == '<' && (p = strstr(p, "] ")) != NULL)
		p += 2;
	if (!p)
		return false;
	p = kv_skip_blanks(p);
	if (p[0] == '?' && p[1] == ' ')
		p += 2;
	plus = strstr(p, "+0x");
	if (!plus || plus == p || memchr(p, ' ', (size_t)(plus - p)))
		return false;
	kv_copy(name, size, p, (size_t)(plus - p));
	return true;
}

/*
 * A page allocation failure whose call trace runs through out_of_memory()
 * was an allocation made by the OOM path itself (an OOM notifier, say):
 * note it on the report just before.
 */
static void on_failure_trace(struct oom_scan *p, const char *msg)
{
	struct oom_report *r;
	char frame[OOM_COMM_LEN];

	if (!p->alloc_failure || !p->failure_after || !trace_frame(msg, frame, sizeof(frame)))
		return;
	if (strcmp(frame, "out_of_memory") != 0) {
		kv_copy(p->prev_frame, sizeof(p->prev_frame), frame, strlen(frame));
		return;
	}
	r = &p->out->v[p->failure_after - 1];
	r->alloc_in_oom_path = true;
	kv_copy(r->oom_path_caller, sizeof(r->oom_path_caller), p->prev_frame,
		  strlen(p->prev_frame));
	p->alloc_failure = false;
}

/*
 * Frames only a memory cgroup's OOM runs through: the signature left when
 * the report's memcg lines are missing (a panic first, or cut output).
 */
static void on_trace(struct oom_scan *p, const char *msg)
{
	static const char *const memcg_frames[] = {
		"mem_cgroup_out_of_memory", "mem_cgroup_oom_synchronize",
		"mem_cgroup_oom", "try_charge", "try_charge_memcg",
		"mem_cgroup_charge", "__mem_cgroup_charge", "mem_cgroup_try_charge",
		"__memcg_kmem_charge", "obj_cgroup_charge",
	};
	struct oom_report *r = live(p);
	char frame[OOM_COMM_LEN];
	size_t i;

	if (!r || r->memcg_seen || !trace_frame(msg, frame, sizeof(frame)))
		return;
	for (i = 0; i < sizeof(memcg_frames) / sizeof(memcg_frames[0]); i++)
		if (!strcmp(frame, memcg_frames[i]))
			r->memcg_seen = true;
}

static bool is_memcg_counter(const char *msg)
{
	return (kv_starts(msg, "memory: ") || kv_starts(msg, "memory+swap: ") ||
		kv_starts(msg, "swap: ") || kv_starts(msg, "kmem: ")) &&
	       strstr(msg, "usage ");
}

static void parse_line(struct oom_scan *p, unsigned long lineno, const char *msg)
{
	struct oom_report *r;
	const char *at;

	if (!msg[0] || kv_starts(msg, "---[ end "))
		return;
	if (p->failures_as_reports && (at = strstr(msg, OOM_ALLOC_FAILURE)) != NULL) {
		r = on_trigger(p, lineno, msg, at, true);
	} else if (p->failures_as_reports && strstr(msg, " invoked oom-killer:")) {
		/* the other scan's: its memory dump is not a failure's */
		close_report(p);
		p->other_event = true;
		r = NULL;
	} else if ((at = strstr(msg, " invoked oom-killer:")) != NULL) {
		r = on_trigger(p, lineno, msg, at, false);
	} else if (kv_starts(msg, "Kernel panic - not syncing:")) {
		r = on_panic(p, lineno, msg);
	} else if (is_other_event(msg)) {
		close_report(p);
		p->other_event = true;
		p->alloc_failure = strstr(msg, "page allocation failure") != NULL;
		p->failure_after = p->out->nr;
		p->prev_frame[0] = '\0';
		r = NULL;
	} else if (kv_starts(msg, "oom-kill:")) {
		r = on_summary(p, lineno, msg);
	} else if ((at = strstr(msg, "Killed process ")) != NULL) {
		r = on_killed(p, lineno, msg, at);
	} else if ((at = strstr(msg, "Kill process ")) != NULL &&
		   !strstr(msg, "sharing same memory")) {
		r = on_chosen(p, lineno, msg, at);
	} else if (kv_starts(msg, "oom_reaper: ")) {
		r = on_reaped(p, msg);
	} else if (is_memcg_counter(msg)) {
		r = on_memcg_counter(p, lineno, msg);
	} else if (kv_starts(msg, "lowmem_reserve[]:")) {
		r = live(p);
		if (r && !oom_field_lowmem_reserve(r, msg))
			r = NULL;
	} else {
		bool taken;

		r = on_section_start(p, lineno, msg, &taken);
		if (!taken)
			r = on_section_line(p, msg);
		if (!taken && !r)
			r = on_context(p, msg);
		if (!taken && !r && p->other_event)
			on_failure_trace(p, msg);
		else if (!taken && !r)
			on_trace(p, msg);
	}
	if (r)
		r->last_line = lineno;
}

/* "lowmem_reserve[]:" or "DMA: ", "Node 0 Normal: " with nothing after */
static bool opens_pieces(const char *msg)
{
	size_t n = strlen(msg), len;
	uint64_t node;

	while (n && (msg[n - 1] == ' ' || msg[n - 1] == '\t'))
		n--;
	if (n == strlen("lowmem_reserve[]:") && kv_starts(msg, "lowmem_reserve[]:"))
		return true;
	if (kv_starts(msg, "Node ") && kv_parse_u64(msg + 5, &msg, &node))
		msg = kv_skip_blanks(msg);
	len = strcspn(msg, ":");
	if (msg[len] != ':' || *kv_skip_blanks(msg + len + 1))
		return false;
	return oom_is_zone_name(msg, len);
}

/* A piece of such a line: "808", "12*4kB", "(UME)", "= 3944kB" */
static bool is_piece(const char *msg)
{
	const char *p = kv_skip_blanks(msg);
	uint64_t v;

	if (!*p)
		return false;
	if (*p == '(') {
		p++;
		while (*p >= 'A' && *p <= 'Z')
			p++;
		return *p == ')' && !*kv_skip_blanks(p + 1);
	}
	if (*p == '=')
		p = kv_skip_blanks(p + 1);
	if (!kv_parse_u64(p, &p, &v))
		return false;
	if (*p == '*' && !kv_parse_u64(p + 1, &p, &v))
		return false;
	if (*p == 'k' && p[1] == 'B')
		p += 2;
	return !*kv_skip_blanks(p);
}

static void flush_pending(struct oom_scan *p)
{
	if (!p->pending_len)
		return;
	p->pending_len = 0;
	parse_line(p, p->pending_lineno, p->pending);
}

static void scan_line(struct oom_scan *p, unsigned long lineno, const char *msg)
{
	size_t n;

	if (p->pending_len && is_piece(msg)) {
		n = strlen(msg);
		if (p->pending_len + n + 1 < sizeof(p->pending)) {
			p->pending[p->pending_len++] = ' ';
			memcpy(p->pending + p->pending_len, kv_skip_blanks(msg), n + 1);
			p->pending_len += strlen(p->pending + p->pending_len);
		}
		return;
	}
	flush_pending(p);
	if (opens_pieces(msg) && (n = strlen(msg)) < sizeof(p->pending)) {
		memcpy(p->pending, msg, n + 1);
		p->pending_len = n;
		p->pending_lineno = lineno;
		return;
	}
	parse_line(p, lineno, msg);
}

static void scan_finish(struct oom_scan *p)
{
	flush_pending(p);
	close_report(p);
}

void oom_parser_init(struct oom_parser *p, struct oom_reports *out)
{
	p->out = out;
	oom_reports_init(&p->failure_reports);
	scan_init(&p->oom, out, false);
	scan_init(&p->failures, &p->failure_reports, true);
}

void oom_parser_line(struct oom_parser *p, unsigned long lineno, const char *msg)
{
	const struct oom_reports *o = p->out;

	scan_line(&p->oom, lineno, msg);
	/* A kept OOM report makes the failures moot: stop scanning for them. */
	if (!o->nr || !(o->v[0].have_trigger || o->v[0].marker))
		scan_line(&p->failures, lineno, msg);
}

void oom_parser_finish(struct oom_parser *p)
{
	scan_finish(&p->oom);
	scan_finish(&p->failures);
	if (p->out->nr || p->out->dropped) {
		oom_reports_free(&p->failure_reports);
		return;
	}
	oom_reports_free(p->out);
	*p->out = p->failure_reports;
	oom_reports_init(&p->failure_reports);
}

static void buffer_line(void *ctx, unsigned long lineno, const char *msg)
{
	oom_parser_line(ctx, lineno, msg);
}

void oom_parse_buffer(const char *buf, size_t len, struct oom_reports *out)
{
	struct oom_parser p;

	oom_parser_init(&p, out);
	lineread_buffer(buf, len, buffer_line, &p);
	oom_parser_finish(&p);
}
