/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OOMEXPLAIN_H
#define _OOMTRACE_OOMEXPLAIN_H

#include <stddef.h>
#include <stdio.h>

#include "explain/oomanalysis.h"

/* Report @index of @total, as text for a person at a console. */
void oom_explain_text(FILE *out, const struct oom_report *r,
		      const struct oom_analysis *a, size_t index, size_t total);

#endif /* _OOMTRACE_OOMEXPLAIN_H */
