/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_ATTRIB_H
#define _OOMTRACE_ATTRIB_H

#include <linux/types.h>

struct ot_range {
	unsigned long start, end;
};

/* The allocator family: functions that allocate on someone else's behalf. */
struct ot_family {
	struct ot_range r[48];
	unsigned int n;
	struct ot_range span;	/* lowest start to highest end: a quick "no" */
};

/*
 * The family call running in one context (task, softirq, hardirq, NMI) of
 * one CPU, recorded when it was entered: an allocation made inside it is
 * attributed to its caller without unwinding the stack.
 */
struct ot_outer {
	unsigned long site;	/* first caller outside the family */
	unsigned long sp;	/* stack pointer at the family function's entry */
	const void *task;
	unsigned int func;	/* its index in the family + 1; 0: nothing known */
};

extern struct ot_family ot_alloc_family;
/* The skb allocators that take the skb's head from a page_frag cache. */
extern struct ot_family ot_skb_head_family;

void ot_family_seal(struct ot_family *f);
unsigned int ot_family_build(struct ot_family *f, const char *const *names, unsigned int n);
int ot_family_index(const struct ot_family *f, unsigned long ip);
bool ot_family_contains(const struct ot_family *f, unsigned long ip);
void ot_outer_enter(struct ot_outer *o, const struct ot_family *f, int fi,
		    unsigned long caller, unsigned long sp, const void *task);
unsigned long ot_outer_site(const struct ot_outer *o, int caller_index,
			    unsigned long sp, const void *task);
unsigned long ot_site_from_trace(const struct ot_family *f, unsigned long caller,
				 const unsigned long *trace, unsigned int nr,
				 unsigned int *site_index);
void ot_attrib_enter(int fi, unsigned long caller, unsigned long sp);
unsigned long ot_attrib_site(unsigned long caller);
unsigned long ot_attrib_unwinds(void);
void ot_attrib_reset(void);
void ot_attrib_describe(unsigned long site, char *name, size_t name_len,
			char *stack, size_t stack_len, unsigned int depth);

#endif /* _OOMTRACE_ATTRIB_H */
