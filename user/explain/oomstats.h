/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OOMSTATS_H
#define _OOMTRACE_OOMSTATS_H

#include <stdint.h>

#include "explain/oomanalysis.h"

/* Fill in every number of @a from @r; the verdict fields stay empty. */
void oom_measure(const struct oom_report *r, struct oom_analysis *a);
uint64_t oom_task_rss_kb(const struct oom_task *t, const struct oom_analysis *a);
/* Percent of whole, or -1 when either side is unknown. */
double oom_pct(uint64_t part, uint64_t whole);

#endif /* _OOMTRACE_OOMSTATS_H */
