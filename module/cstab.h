/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_CSTAB_H
#define _OOMTRACE_CSTAB_H

#include <asm/local64.h>
#include <linux/types.h>

#include "oomtrace.h"

#define OT_STACK_MAX	8
#define OT_SITE_NAME	96
#define OT_SITE_STACK	256

/*
 * A slot's key: the callsite and the kind in one word, so a slot is
 * claimed with one compare-and-exchange. On 64-bit, kernel text lives at
 * the top of the address space (x86_64, arm64, riscv64, ...), so the top
 * four bits of a callsite are ones and can carry the kind instead; on
 * 32-bit the key is twice as wide as an address. Never 0: 0 marks a free
 * slot, and the unknown callsite (ip 0) still has a kind.
 */
#if BITS_PER_LONG == 64
#define OT_KEY_KIND_SHIFT	60
#else
#define OT_KEY_KIND_SHIFT	32
#endif
#define OT_KEY_IP_MASK		((1ULL << OT_KEY_KIND_SHIFT) - 1)
/* The bits of a 64-bit callsite that the kind stands in for. */
#define OT_KEY_IP_HIGH		((unsigned long)~OT_KEY_IP_MASK)

static inline u64 ot_site_key(unsigned long ip, enum ot_kind kind)
{
	return (ip & OT_KEY_IP_MASK) | ((u64)(kind + 1) << OT_KEY_KIND_SHIFT);
}

static inline enum ot_kind ot_site_key_kind(u64 key)
{
	return (enum ot_kind)((key >> OT_KEY_KIND_SHIFT) - 1);
}

static inline unsigned long ot_site_key_ip(u64 key)
{
	unsigned long ip = key & OT_KEY_IP_MASK;

	return ip ? ip | OT_KEY_IP_HIGH : 0;
}

/* One (callsite, kind), kept once for all CPUs. */
struct ot_site {
	u64 key;			/* 0: free slot; cmpxchg64 */
	u64 first_ns;
	/*
	 * Symbolized when first seen: the code may be gone by the time
	 * someone reads the report (module init text, an unloaded driver)
	 * and its address reused by another module.
	 */
	bool described;			/* name and stack are written */
	char name[OT_SITE_NAME];
	char stack[OT_SITE_STACK];
};

/*
 * What each CPU keeps per slot: counters only. live and live_bytes go
 * down where the free happens, so one CPU's may be negative; their sum
 * over CPUs is what is outstanding.
 */
struct ot_site_counters {
	local64_t allocs;
	local64_t live;
	local64_t live_bytes;
};

/*
 * The callsite table: one array of sites, open addressing, no deletion,
 * slots claimed with cmpxchg so a probe that interrupts another on the
 * same CPU (softirq, hardirq, NMI) can still insert safely; beside it,
 * per CPU, an array of counters indexed like the sites. Counters are
 * local64 so same-CPU nesting never loses an update, and the memory that
 * grows with the number of CPUs is counters only.
 */
struct ot_cstab {
	struct ot_site *sites;		/* [capacity] */
	struct ot_site_counters **cpu;	/* [nr_cpu_ids][capacity] */
	unsigned int mask;
	local64_t __percpu *dropped;	/* callsite table full */
};

/* One slot summed over all CPUs, taken at snapshot time. */
struct ot_site_sum {
	unsigned long ip;
	enum ot_kind kind;
	unsigned int slot;
	u64 first_ns;
	const char *name;		/* in the table; "" until described */
	const char *stack;
	u64 allocs;
	u64 frees;
	u64 live_bytes;
};

static inline void ot_counters_add(struct ot_site_counters *c, bool alloc, u64 bytes)
{
	if (alloc) {
		local64_inc(&c->allocs);
		local64_inc(&c->live);
		local64_add(bytes, &c->live_bytes);
	} else {
		local64_dec(&c->live);
		local64_sub(bytes, &c->live_bytes);
	}
}

int ot_cstab_init(struct ot_cstab *t, unsigned int capacity);
void ot_cstab_free(struct ot_cstab *t);
void ot_cstab_clear(struct ot_cstab *t);
int ot_cstab_get(struct ot_cstab *t, unsigned long ip, enum ot_kind kind, bool *created);
void ot_cstab_account(struct ot_cstab *t, int slot, bool alloc, u64 bytes);
unsigned int ot_cstab_sum(struct ot_cstab *t, struct ot_site_sum *out,
			  unsigned int max);
u64 ot_cstab_dropped(struct ot_cstab *t);

#endif /* _OOMTRACE_CSTAB_H */
