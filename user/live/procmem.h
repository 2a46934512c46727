/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_PROCMEM_H
#define _OOMTRACE_PROCMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/rows.h"

#define PM_MAX_ORDERS 16

/* "MemTotal:  2014468 kB" (kb true) or "HugePages_Total:  0" (a count). */
struct pm_meminfo_row {
	char key[48];
	uint64_t value;
	bool kb;
};

struct pm_meminfo {
	struct pm_meminfo_row *v;
	size_t nr, cap;
};

/* "Node 0, zone   Normal   12 5 ..." free blocks per order. */
struct pm_buddy_row {
	int64_t node;
	char zone[32];
	size_t nr_orders;
	uint64_t free[PM_MAX_ORDERS];
};

struct pm_buddyinfo {
	struct pm_buddy_row *v;
	size_t nr, cap;
};

int pm_parse_meminfo(const char *buf, size_t len, const char *label,
		     struct pm_meminfo *out, struct rd_err *err);
int pm_parse_buddyinfo(const char *buf, size_t len, const char *label,
		       struct pm_buddyinfo *out, struct rd_err *err);
void pm_meminfo_free(struct pm_meminfo *m);
void pm_buddyinfo_free(struct pm_buddyinfo *b);

#endif /* _OOMTRACE_PROCMEM_H */
