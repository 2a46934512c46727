/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OOMFIELDS_H
#define _OOMTRACE_OOMFIELDS_H

#include <stdbool.h>
#include <stdint.h>

#include "lib/kv.h"
#include "explain/oomparse.h"

/* Add to a counter that may still be unset: unset counts as zero. */
static inline void oom_add_kb(uint64_t *dst, uint64_t v)
{
	if (*dst == OOM_UNSET)
		*dst = 0;
	*dst = kv_sat_add(*dst, v);
}

/*
 * One function per kind of OOM report line (oomfields.c: header, kill and
 * cgroup lines; oommeminfo.c: show_mem; oomtasks.c: the task table). Each
 * reads a normalized message and fills part of a report; none of them
 * decides which report a line belongs to (oomparse.c does).
 */

/* what follows the task name in a page allocation failure dump */
#define OOM_ALLOC_FAILURE ": page allocation failure:"

void oom_field_trigger(struct oom_report *r, const char *msg, const char *at);
void oom_field_alloc_failure(struct oom_report *r, const char *msg, const char *at);
void oom_field_cpu(struct oom_report *r, const char *msg);
bool oom_field_arch_hint(struct oom_report *r, const char *msg);
void oom_field_summary(struct oom_report *r, const char *msg);
void oom_field_old_cpuset(struct oom_report *r, const char *msg);
bool oom_field_kill(struct oom_kill *k, const char *at);
bool oom_field_chosen(struct oom_chosen *c, const char *at);
bool oom_field_reaped_pid(const char *msg, int64_t *pid);
enum oom_panic oom_field_panic(const char *msg);
void oom_field_task_in(struct oom_report *r, const char *msg);
bool oom_field_memcg_counter(const char *msg, uint64_t *usage, uint64_t *limit,
			     uint64_t *failcnt);
void oom_field_memcg_stats_header(struct oom_report *r, const char *msg);
bool oom_field_memcg_stat(struct oom_report *r, const char *msg);
bool oom_field_meminfo(struct oom_report *r, const char *msg);
bool oom_field_node_line(struct oom_report *r, const char *msg);
bool oom_field_bare_zone_line(struct oom_report *r, const char *msg);
bool oom_field_lowmem_reserve(struct oom_report *r, const char *msg);
bool oom_is_zone_name(const char *s, size_t len);
bool oom_field_totals(struct oom_report *r, const char *msg);
bool oom_field_slab_row(struct oom_report *r, const char *msg);
bool oom_field_task_header(const char *msg, int *cols, unsigned int *nr_cols);
bool oom_field_task_row(const char *msg, const int *cols, unsigned int nr_cols,
			struct oom_task *t);

#endif /* _OOMTRACE_OOMFIELDS_H */
