/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OOMVERDICT_H
#define _OOMTRACE_OOMVERDICT_H

#include "explain/oomanalysis.h"

/*
 * Measure @r and name its cause in @a->kind and @a->verdict. The rules'
 * thresholds (OT_*_PCT) are the module's, from ../../module/format.h.
 */
void oom_analyze(const struct oom_report *r, struct oom_analysis *a);

#endif /* _OOMTRACE_OOMVERDICT_H */
