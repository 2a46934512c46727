/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OOMREQUEST_H
#define _OOMTRACE_OOMREQUEST_H

#include <stdbool.h>
#include <stdint.h>

#include "explain/oomanalysis.h"

bool oom_gfp_movable(const struct oom_report *r);
bool oom_gfp_highmem(const struct oom_report *r);
bool oom_gfp_zone_capped(const struct oom_report *r);
bool oom_zone_usable(const struct oom_report *r, const struct oom_zone *z);
/* A zone of the same node above zone @i that the request may use too. */
bool oom_higher_usable_zone(const struct oom_report *r, unsigned int i);
bool oom_zone_serves(const struct oom_report *r, const struct oom_analysis *a,
		     const struct oom_zone *z);
bool oom_blocks_usable(const struct oom_report *r, const char *types);
/* Index into lowmem_reserve[] for the request; -1: the last entry. */
int oom_reserve_index(const struct oom_report *r);
uint64_t oom_zone_reserve_kb(const struct oom_zone *z, const struct oom_analysis *a);

#endif /* _OOMTRACE_OOMREQUEST_H */
