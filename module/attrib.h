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
};

extern struct ot_family ot_alloc_family;
/* The skb allocators that take the skb's head from a page_frag cache. */
extern struct ot_family ot_skb_head_family;

bool ot_family_contains(const struct ot_family *f, unsigned long ip);
unsigned long ot_site_from_trace(const struct ot_family *f, unsigned long caller,
				 const unsigned long *trace, unsigned int nr,
				 unsigned int *site_index);
int ot_attrib_init(void);
unsigned long ot_attrib_site(unsigned long caller);
void ot_attrib_describe(unsigned long site, char *name, size_t name_len,
			char *stack, size_t stack_len, unsigned int depth);

#endif /* _OOMTRACE_ATTRIB_H */
