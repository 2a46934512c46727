// SPDX-License-Identifier: GPL-2.0
/*
 * Field extraction for each kind of OOM report line, across the formats
 * printed by kernels 3.10 to 6.x. Lines may be cut at the right edge, so a
 * field is only taken when it is complete: a kB value without its "kB" at
 * the very end of a line is treated as cut off and dropped.
 */
#include <string.h>

#include "lib/kv.h"
#include "explain/oomfields.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *find_paren_end(const char *open, const char *marker)
{
	const char *end = marker ? strstr(open, marker) : NULL;

	return end ? end : strrchr(open, ')');
}

/* "PID (comm)" as printed by the kill and reaper lines */
static const char *pid_and_comm(const char *p, int64_t *pid, char *comm,
				size_t commsz, const char *marker)
{
	const char *end;

	if (!kv_parse_i64(p, &p, pid))
		return NULL;
	p = kv_skip_blanks(p);
	/* 2.6.32 (RHEL 6): "Killed process 2592, UID 500, (java) ..." */
	if (*p == ',') {
		const char *open = strchr(p, '(');

		if (open && open - p < 24)
			p = open;
	}
	if (*p != '(')
		return p;
	end = find_paren_end(p + 1, marker);
	if (!end) {
		kv_copy(comm, commsz, p + 1, strlen(p + 1));
		return p + strlen(p);
	}
	kv_copy(comm, commsz, p + 1, (size_t)(end - (p + 1)));
	return end + 1;
}

static void copy_until_str(char *dst, size_t dstsz, const char *src,
			   const char *stop)
{
	const char *end = strstr(src, stop);

	kv_copy(dst, dstsz, src, end ? (size_t)(end - src) : strlen(src));
}

void oom_field_trigger(struct oom_report *r, const char *msg, const char *at)
{
	const char *rest = at + strlen(" invoked oom-killer:");
	const char *v;

	kv_copy(r->comm, sizeof(r->comm), msg, (size_t)(at - msg));
	v = kv_find(rest, "gfp_mask", '=');
	/* flags cut at the right edge would mislead: keep them only whole */
	if (v && kv_parse_hex(v, &v, &r->gfp_mask) && *v == '(' && strchr(v, ')'))
		kv_copy_until(r->gfp_flags, sizeof(r->gfp_flags), v + 1, ")");
	kv_find_i64(rest, "order", '=', &r->order);
	kv_find_i64(rest, "oom_score_adj", '=', &r->score_adj);
	v = kv_find(rest, "nodemask", '=');
	if (v)
		copy_until_str(r->nodemask, sizeof(r->nodemask), v, ", ");
}

/* "<comm>: page allocation failure: order:N, mode:0x...(FLAGS), nodemask=..." */
void oom_field_alloc_failure(struct oom_report *r, const char *msg, const char *at)
{
	const char *rest = at + strlen(OOM_ALLOC_FAILURE);
	const char *v;

	kv_copy(r->comm, sizeof(r->comm), msg, (size_t)(at - msg));
	kv_find_i64(rest, "order", ':', &r->order);
	v = kv_find(rest, "mode", ':');
	if (v && kv_parse_hex(v, &v, &r->gfp_mask) && *v == '(' && strchr(v, ')'))
		kv_copy_until(r->gfp_flags, sizeof(r->gfp_flags), v + 1, ")");
	v = kv_find(rest, "nodemask", '=');
	if (v)
		kv_copy_until(r->nodemask, sizeof(r->nodemask), v, ",");
}

static void arch_from_text(struct oom_report *r, const char *s)
{
	static const struct {
		const char *needle, *arch;
	} hints[] = {
		{ "x86_64", "x86_64" }, { "amd64", "x86_64" },
		{ "aarch64", "arm64" }, { "arm64", "arm64" },
		{ "ppc64", "ppc64" }, { "s390x", "s390x" },
		{ "riscv64", "riscv64" }, { "i686", "x86" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hints); i++) {
		if (strstr(s, hints[i].needle)) {
			kv_copy(r->arch, sizeof(r->arch), hints[i].arch,
				  strlen(hints[i].arch));
			return;
		}
	}
}

static void kernel_version(struct oom_report *r, const char *msg)
{
	const char *p = strstr(msg, "Not tainted ");
	int i;

	if (p) {
		p = kv_skip_blanks(p + strlen("Not tainted "));
	} else if ((p = strstr(msg, "Tainted: ")) != NULL) {
		p += strlen("Tainted: ");
		/* taint letters come first: take the first dotted number */
		for (i = 0; i < 16 && *p; i++) {
			size_t n;

			p = kv_skip_blanks(p);
			n = strcspn(p, " \t");
			if (*p >= '0' && *p <= '9' && memchr(p, '.', n))
				break;
			p += n;
		}
	}
	if (!p || !(*p >= '0' && *p <= '9'))
		return;
	kv_copy_until(r->kernel, sizeof(r->kernel), p, " \t");
	if (!r->arch[0])
		arch_from_text(r, r->kernel);
}

/* "CPU: 17 PID: 5532 Comm: a.out ... Not tainted 5.10.0-60 #1" */
void oom_field_cpu(struct oom_report *r, const char *msg)
{
	int64_t pid;

	if (r->pid == OOM_UNSET_I64 && kv_find_i64(msg, "PID", ':', &pid))
		r->pid = pid;
	if (!r->kernel[0])
		kernel_version(r, msg);
}

bool oom_field_arch_hint(struct oom_report *r, const char *msg)
{
	static const struct {
		const char *prefix, *arch;
	} regs[] = {
		{ "RIP: ", "x86_64" }, { "pstate: ", "arm64" },
		{ "EIP: ", "x86" }, { "NIP:", "ppc64" },
	};
	size_t i;

	if (kv_starts(msg, "Hardware name: ")) {
		kv_copy(r->hardware, sizeof(r->hardware),
			  msg + strlen("Hardware name: "),
			  strlen(msg + strlen("Hardware name: ")));
		return true;
	}
	/* arm64 exception entry points in a call trace */
	if (kv_starts(msg, "el0_") || kv_starts(msg, "el1_") ||
	    kv_starts(msg, "el0t_64") || strstr(msg, " el0_")) {
		if (!r->arch[0])
			kv_copy(r->arch, sizeof(r->arch), "arm64", 5);
		return false;
	}
	for (i = 0; i < ARRAY_SIZE(regs); i++) {
		if (!kv_starts(msg, regs[i].prefix))
			continue;
		if (!r->arch[0])
			kv_copy(r->arch, sizeof(r->arch), regs[i].arch,
				  strlen(regs[i].arch));
		return true;
	}
	return false;
}

static enum oom_constraint constraint_from(const char *v)
{
	if (kv_starts(v, "CONSTRAINT_NONE"))
		return OOM_CONSTRAINT_NONE;
	if (kv_starts(v, "CONSTRAINT_CPUSET"))
		return OOM_CONSTRAINT_CPUSET;
	if (kv_starts(v, "CONSTRAINT_MEMORY_POLICY"))
		return OOM_CONSTRAINT_MEMORY_POLICY;
	if (kv_starts(v, "CONSTRAINT_MEMCG"))
		return OOM_CONSTRAINT_MEMCG;
	return OOM_CONSTRAINT_UNKNOWN;
}

static void append_value(char *dst, size_t dstsz, const char *tok, size_t len)
{
	size_t used = strnlen(dst, dstsz);

	if (used + 1 >= dstsz)
		return;
	dst[used++] = ',';
	kv_copy(dst + used, dstsz - used, tok, len);
}

/*
 * "oom-kill:constraint=...,nodemask=0-1,3,cpuset=/,mems_allowed=0,
 * global_oom,task_memcg=/x,task=comm,pid=N,uid=N". Node lists contain
 * commas themselves, so a piece without "key=" continues the last value.
 */
void oom_field_summary(struct oom_report *r, const char *msg)
{
	char constraint[40] = "", pid[24] = "";
	struct {
		const char *key;
		char *dst;
		size_t size;
	} keys[] = {
		{ "constraint", constraint, sizeof(constraint) },
		{ "nodemask", r->nodemask, sizeof(r->nodemask) },
		{ "cpuset", r->cpuset, sizeof(r->cpuset) },
		{ "mems_allowed", r->mems_allowed, sizeof(r->mems_allowed) },
		{ "oom_memcg", r->memcg.path, sizeof(r->memcg.path) },
		{ "task_memcg", r->memcg.task_path, sizeof(r->memcg.task_path) },
		{ "task", r->summary_task, sizeof(r->summary_task) },
		{ "pid", pid, sizeof(pid) },
	};
	const char *p = msg + strlen("oom-kill:");
	char *cur = NULL;
	size_t cur_size = 0, i;

	r->summary_line = true;
	while (*p) {
		size_t len = strcspn(p, ",");
		const char *eq = memchr(p, '=', len);
		bool known = false;

		for (i = 0; eq && i < ARRAY_SIZE(keys); i++) {
			size_t kl = strlen(keys[i].key);

			if ((size_t)(eq - p) == kl && !strncmp(p, keys[i].key, kl)) {
				cur = keys[i].dst;
				cur_size = keys[i].size;
				kv_copy(cur, cur_size, eq + 1, len - kl - 1);
				known = true;
			}
		}
		if (len == strlen("global_oom") && !strncmp(p, "global_oom", len)) {
			r->global_oom = true;
			cur = NULL;
		} else if (!known && eq) {
			cur = NULL;	/* a key we do not keep */
		} else if (!known && cur && len) {
			append_value(cur, cur_size, p, len);
		}
		p += len;
		if (*p == ',')
			p++;
	}
	r->constraint = constraint_from(constraint);
	if (r->constraint == OOM_CONSTRAINT_UNKNOWN && r->memcg.path[0])
		r->constraint = OOM_CONSTRAINT_MEMCG;
	if (r->constraint == OOM_CONSTRAINT_MEMCG)
		r->memcg_seen = true;
	if (!kv_parse_i64(pid, NULL, &r->summary_pid))
		r->summary_pid = OOM_UNSET_I64;
}

/* 3.10-4.18: "java cpuset=/docker/x mems_allowed=0" */
void oom_field_old_cpuset(struct oom_report *r, const char *msg)
{
	const char *v;

	if (r->summary_line)
		return;
	v = kv_find(msg, "cpuset", '=');
	if (v)
		kv_copy_until(r->cpuset, sizeof(r->cpuset), v, " \t");
	v = kv_find(msg, "mems_allowed", '=');
	if (v)
		kv_copy_until(r->mems_allowed, sizeof(r->mems_allowed), v, " \t");
}

static int64_t kv_signed(const struct kv *kv)
{
	int64_t v = kv->value > INT64_MAX ? INT64_MAX : (int64_t)kv->value;

	return kv->neg ? -v : v;
}

/* at: "Killed process 5532 (a.out) total-vm:...kB, anon-rss:...kB, ..." */
bool oom_field_kill(struct oom_kill *k, const char *at)
{
	const char *p = at + strlen("Killed process ");
	struct kv kv;

	p = pid_and_comm(p, &k->pid, k->comm, sizeof(k->comm), ") total-vm:");
	if (!p)
		return false;
	while (kv_next(&p, ':', &kv)) {
		if (kv_key_is(&kv, "UID"))
			k->uid = kv_signed(&kv);
		else if (kv_key_is(&kv, "oom_score_adj"))
			k->score_adj = kv_signed(&kv);
		else if (kv.neg || !kv_unit_is_kb(&kv))
			continue;
		else if (kv_key_is(&kv, "total-vm"))
			k->total_vm_kb = kv.value;
		else if (kv_key_is(&kv, "anon-rss"))
			k->anon_rss_kb = kv.value;
		else if (kv_key_is(&kv, "file-rss"))
			k->file_rss_kb = kv.value;
		else if (kv_key_is(&kv, "shmem-rss"))
			k->shmem_rss_kb = kv.value;
		else if (kv_key_is(&kv, "pgtables"))
			k->pgtables_kb = kv.value;
	}
	k->have = true;
	return true;
}

/* at: "Kill process 12800 (runc:[2:INIT]) score 997 or sacrifice child" */
bool oom_field_chosen(struct oom_chosen *c, const char *at)
{
	const char *p = at + strlen("Kill process ");

	p = pid_and_comm(p, &c->pid, c->comm, sizeof(c->comm), ") score ");
	if (!p)
		return false;
	if (!kv_find_u64(p, "score", ' ', &c->score))
		c->score = OOM_UNSET;
	c->have = true;
	return true;
}

bool oom_field_reaped_pid(const char *msg, int64_t *pid)
{
	const char *p = strstr(msg, "reaped process ");

	return p && kv_parse_i64(p + strlen("reaped process "), NULL, pid);
}

enum oom_panic oom_field_panic(const char *msg)
{
	if (strstr(msg, "compulsory panic_on_oom"))
		return OOM_PANIC_COMPULSORY;
	if (strstr(msg, "system-wide panic_on_oom"))
		return OOM_PANIC_SYSTEM_WIDE;
	if (strstr(msg, "no killable processes"))
		return OOM_PANIC_NO_KILLABLE;
	if (strstr(msg, "Out of memory") || strstr(msg, "out of memory") ||
	    strstr(msg, "deadlocked on memory"))
		return OOM_PANIC_OTHER;
	return OOM_PANIC_NONE;
}

/* "Task in /a killed as a result of limit of /b" (before 4.19) */
void oom_field_task_in(struct oom_report *r, const char *msg)
{
	static const char sep[] = " killed as a result of limit of ";
	const char *p = msg + strlen("Task in ");
	const char *s = strstr(p, sep);

	if (!s)
		return;
	kv_copy(r->memcg.task_path, sizeof(r->memcg.task_path), p,
		  (size_t)(s - p));
	s = kv_skip_blanks(s + strlen(sep));
	kv_copy_until(r->memcg.path, sizeof(r->memcg.path), s, " \t");
}

/* "memory: usage 5120kB, limit 5120kB, failcnt 69" and its siblings */
bool oom_field_memcg_counter(const char *msg, uint64_t *usage, uint64_t *limit,
			     uint64_t *failcnt)
{
	bool ok = kv_find_u64(msg, "usage", ' ', usage);

	if (!kv_find_u64(msg, "limit", ' ', limit))
		*limit = OOM_UNSET;
	if (failcnt && !kv_find_u64(msg, "failcnt", ' ', failcnt))
		*failcnt = OOM_UNSET;
	return ok;
}

/* "Memory cgroup stats for /path: cache:176KB rss:3384KB ..." (v1 inline) */
void oom_field_memcg_stats_header(struct oom_report *r, const char *msg)
{
	const char *p = msg + strlen("Memory cgroup stats for ");
	const char *colon = strstr(p, ": ");
	size_t len = colon ? (size_t)(colon - p) : strlen(p);
	struct kv kv;

	if (!colon && len && p[len - 1] == ':')
		len--;
	if (!r->memcg.stats_path[0])
		kv_copy(r->memcg.stats_path, sizeof(r->memcg.stats_path), p, len);
	if (!colon)
		return;
	p = colon + 1;
	while (kv_next(&p, ':', &kv)) {
		if (!kv_unit_is_kb(&kv))
			continue;
		if (kv_key_is(&kv, "rss"))
			oom_add_kb(&r->memcg.v1_rss_kb, kv.value);
		else if (kv_key_is(&kv, "cache"))
			oom_add_kb(&r->memcg.v1_cache_kb, kv.value);
	}
}

/* cgroup v2 memory.stat lines, "anon 104857600", only after the header */
bool oom_field_memcg_stat(struct oom_report *r, const char *msg)
{
	struct oom_memcg *m = &r->memcg;
	struct {
		const char *key;
		uint64_t *dst;
	} keys[] = {
		{ "anon", &m->anon }, { "file", &m->file },
		{ "kernel", &m->kernel }, { "kernel_stack", &m->kernel_stack },
		{ "pagetables", &m->pagetables }, { "percpu", &m->percpu },
		{ "sock", &m->sock }, { "vmalloc", &m->vmalloc },
		{ "shmem", &m->shmem }, { "slab", &m->slab },
	};
	size_t klen = strspn(msg, "abcdefghijklmnopqrstuvwxyz_"), i;
	const char *end;
	uint64_t v;

	if (!klen || msg[klen] != ' ' || !kv_parse_u64(msg + klen + 1, &end, &v) ||
	    *end)
		return false;
	for (i = 0; i < ARRAY_SIZE(keys); i++)
		if (strlen(keys[i].key) == klen && !strncmp(msg, keys[i].key, klen))
			*keys[i].dst = v;
	return true;
}

