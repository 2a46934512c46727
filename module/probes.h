/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_PROBES_H
#define _OOMTRACE_PROBES_H

#include <linux/bitops.h>	/* BIT(); linux/bits.h is 4.19+ */
#include <linux/kprobes.h>
#include <linux/tracepoint.h>

enum ot_probe_type {
	OT_KPROBE,
	OT_KRETPROBE,
	OT_TRACEPOINT,
};

enum ot_probe_state {
	OT_PROBE_OFF,
	OT_PROBE_ATTACHED,
	OT_PROBE_ABSENT,	/* no such symbol or tracepoint: inlined or renamed */
	OT_PROBE_REFUSED,	/* exists but kprobes refuse it (blacklisted) */
	OT_PROBE_FAILED,
};

#define OT_PROBE_TARGETS 4

/* Which allocator families a probe's targets belong to (attrib.h). */
#define OT_FAM_ALLOC	BIT(0)	/* attribution looks past them to their caller */
#define OT_FAM_SKB_HEAD	BIT(1)	/* skb allocators taking the head from page_frag */

/* One thing we hook, with the names it has had across kernel versions. */
struct ot_probe {
	const char *what;
	enum ot_probe_type type;
	const char *targets[OT_PROBE_TARGETS];
	unsigned int family;		/* OT_FAM_* */
	kprobe_pre_handler_t pre;
	kretprobe_handler_t entry;
	kretprobe_handler_t ret;
	size_t data_size;
	void *tp_func;
	/*
	 * An OT_KPROBE never hooked through ftrace: module functions (ftrace
	 * keeps a module's filter entries after it unloads) and rare,
	 * long handlers that should not run with interrupts off.
	 */
	bool kprobe_only;

	unsigned int index;		/* into the hit counters */
	int family_index;		/* its target in the allocator family, or -1 */
	const char *target;		/* the name attached, or last tried */
	enum ot_probe_state state;
	bool via_ftrace;		/* OT_KPROBE hooked through entryhook.c */
	int err;
	struct kprobe kp;
	struct kretprobe krp;
	struct tracepoint *tp;
};

/* Probes defined outside probes.c (the OOM hooks live with the OOM code). */
extern struct ot_probe ot_probe_out_of_memory;
extern struct ot_probe ot_probe_mark_victim;

#endif /* _OOMTRACE_PROBES_H */
