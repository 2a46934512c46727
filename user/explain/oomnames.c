// SPDX-License-Identifier: GPL-2.0
/*
 * The words and figures both renderers print: verdict kinds, the OOM's
 * constraint and scope, the panic policy, sizes in KiB/MiB/GiB. The text
 * (oomexplain.c) and the JSON (oomjson.c) take them from here so that
 * neither calls into the other.
 */
#include <inttypes.h>
#include <stdio.h>

#include "explain/oomnames.h"

const char *oom_verdict_name(enum oom_verdict v)
{
	static const char *const names[] = {
		[OOM_VERDICT_MEMCG_KMEM] = "memcg_kmem",
		[OOM_VERDICT_MEMCG] = "memcg_limit",
		[OOM_VERDICT_CPUSET] = "cpuset",
		[OOM_VERDICT_MEMPOLICY] = "mempolicy",
		[OOM_VERDICT_INCOMPLETE] = "incomplete",
		[OOM_VERDICT_CMA] = "cma",
		[OOM_VERDICT_FRAGMENTATION] = "fragmentation",
		[OOM_VERDICT_LOWMEM] = "lowmem",
		[OOM_VERDICT_HUGEPAGES] = "hugepages",
		[OOM_VERDICT_PROCESS] = "single_process",
		[OOM_VERDICT_PROCESS_GROUP] = "process_group",
		[OOM_VERDICT_SLAB] = "slab",
		[OOM_VERDICT_SHMEM] = "shmem",
		[OOM_VERDICT_UNACCOUNTED] = "unaccounted",
		[OOM_VERDICT_SYSRQ] = "sysrq",
		[OOM_VERDICT_PAGEFAULT] = "pagefault",
		[OOM_VERDICT_UNEXPLAINED] = "unexplained",
		[OOM_VERDICT_GENERIC] = "generic",
	};

	return (size_t)v < sizeof(names) / sizeof(names[0]) ? names[v] : "?";
}

const char *oom_constraint_name(enum oom_constraint c)
{
	switch (c) {
	case OOM_CONSTRAINT_NONE:
		return "CONSTRAINT_NONE";
	case OOM_CONSTRAINT_CPUSET:
		return "CONSTRAINT_CPUSET";
	case OOM_CONSTRAINT_MEMORY_POLICY:
		return "CONSTRAINT_MEMORY_POLICY";
	case OOM_CONSTRAINT_MEMCG:
		return "CONSTRAINT_MEMCG";
	default:
		return NULL;
	}
}

const char *oom_panic_name(enum oom_panic p)
{
	switch (p) {
	case OOM_PANIC_SYSTEM_WIDE:
		return "panic_on_oom=1 (system-wide)";
	case OOM_PANIC_COMPULSORY:
		return "panic_on_oom=2 (compulsory)";
	case OOM_PANIC_NO_KILLABLE:
		return "no killable process left";
	case OOM_PANIC_OTHER:
		return "panic";
	default:
		return NULL;
	}
}

/* Short name of what limited the allocation. */
const char *oom_scope_name(const struct oom_report *r)
{
	if (r->constraint == OOM_CONSTRAINT_MEMCG || r->memcg_seen)
		return "memcg";
	switch (r->constraint) {
	case OOM_CONSTRAINT_NONE:
		return "global";
	case OOM_CONSTRAINT_CPUSET:
		return "cpuset";
	case OOM_CONSTRAINT_MEMORY_POLICY:
		return "mempolicy";
	default:
		/* panic_on_oom=1 only panics for unconstrained OOMs */
		return r->global_oom || r->panic == OOM_PANIC_SYSTEM_WIDE ?
		       "global" : "unknown";
	}
}

void oom_fmt_kb(char *buf, size_t size, uint64_t kb)
{
	if (kb == OOM_UNSET)
		snprintf(buf, size, "?");
	else if (kb >= 1024ULL * 1024)
		snprintf(buf, size, "%.1f GiB", (double)kb / (1024.0 * 1024.0));
	else if (kb >= 1024)
		snprintf(buf, size, "%.1f MiB", (double)kb / 1024.0);
	else
		snprintf(buf, size, "%" PRIu64 " KiB", kb);
}
