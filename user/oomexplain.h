/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OOMEXPLAIN_H
#define _OOMTRACE_OOMEXPLAIN_H

#include <stddef.h>
#include <stdio.h>

#include "json.h"
#include "oomparse.h"
#include "oomverdict.h"

const char *oom_scope_name(const struct oom_report *r);
void oom_explain_text(FILE *out, const struct oom_report *r,
		      const struct oom_analysis *a, size_t index, size_t total);
void oom_explain_json(struct json_out *j, const struct oom_report *r,
		      const struct oom_analysis *a, size_t index);

#endif /* _OOMTRACE_OOMEXPLAIN_H */
