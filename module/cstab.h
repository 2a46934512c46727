/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_CSTAB_H
#define _OOMTRACE_CSTAB_H

#include <asm/local64.h>
#include <linux/types.h>

#include "oomtrace.h"

#define OT_STACK_MAX	8
#define OT_SITE_NAME	96
#define OT_SITE_STACK	256

/* Table key of callsite 0 (allocated before we looked): never code. */
#define OT_SITE_UNKNOWN	1UL

struct ot_site_counters {
	local64_t allocs;
	local64_t frees;
	local64_t alloc_bytes;
	local64_t free_bytes;
};

/* One callsite as seen by one CPU. Frees count where they happen. */
struct ot_site {
	unsigned long ip;		/* 0: free slot */
	u64 first_ns;
	/*
	 * Symbolized when first seen: the code may be gone by the time
	 * someone reads the report (module init text, an unloaded driver)
	 * and its address reused by another module.
	 */
	bool described;			/* name and stack are written */
	char name[OT_SITE_NAME];
	char stack[OT_SITE_STACK];
	struct ot_site_counters c[OT_NR_KINDS];
};

/*
 * Per-CPU callsite tables: open addressing, no deletion, slots claimed
 * with cmpxchg so a probe that interrupts another on the same CPU
 * (softirq, hardirq, NMI) can still insert safely. Counters are local64
 * so same-CPU nesting never loses an update.
 */
struct ot_cstab {
	struct ot_site **cpu;		/* [nr_cpu_ids], one table per possible CPU */
	unsigned int mask;
	local64_t __percpu *dropped;	/* callsite table full */
};

/* Sum of one callsite over all CPUs, taken at snapshot time. */
struct ot_site_sum {
	unsigned long ip;
	u64 first_ns;
	bool described;
	char name[OT_SITE_NAME];
	char stack[OT_SITE_STACK];
	u64 allocs[OT_NR_KINDS];
	u64 frees[OT_NR_KINDS];
	u64 alloc_bytes[OT_NR_KINDS];
	u64 free_bytes[OT_NR_KINDS];
};

int ot_cstab_init(struct ot_cstab *t, unsigned int capacity);
void ot_cstab_free(struct ot_cstab *t);
void ot_cstab_clear(struct ot_cstab *t);
struct ot_site *ot_cstab_get(struct ot_cstab *t, unsigned long ip, bool *created);
void ot_site_account(struct ot_site *s, enum ot_kind kind, bool alloc, u64 bytes);
unsigned int ot_cstab_sum(struct ot_cstab *t, struct ot_site_sum *out,
			  unsigned int max);
u64 ot_cstab_dropped(struct ot_cstab *t);

#endif /* _OOMTRACE_CSTAB_H */
