/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OOMJSON_H
#define _OOMTRACE_OOMJSON_H

#include <stddef.h>

#include "lib/json.h"
#include "explain/oomanalysis.h"

/* Report @index as one JSON object, with the fields README.md lists. */
void oom_explain_json(struct json_out *j, const struct oom_report *r,
		      const struct oom_analysis *a, size_t index);

#endif /* _OOMTRACE_OOMJSON_H */
