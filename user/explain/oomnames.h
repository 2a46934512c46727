/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OOMNAMES_H
#define _OOMTRACE_OOMNAMES_H

#include <stddef.h>
#include <stdint.h>

#include "explain/oomanalysis.h"

const char *oom_verdict_name(enum oom_verdict v);
const char *oom_constraint_name(enum oom_constraint c);
const char *oom_panic_name(enum oom_panic p);
const char *oom_scope_name(const struct oom_report *r);
/* "?" when unset, else KiB, MiB or GiB */
void oom_fmt_kb(char *buf, size_t size, uint64_t kb);

#endif /* _OOMTRACE_OOMNAMES_H */
