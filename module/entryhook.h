/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_ENTRYHOOK_H
#define _OOMTRACE_ENTRYHOOK_H

#include <linux/errno.h>

#include "compat.h"
#include "probes.h"

#ifdef OT_HAVE_FTRACE_HOOKS
static inline bool ot_entryhook_supported(void)
{
	return true;
}

/*
 * Hook @p's pre handler to @target's entry through ftrace; on error the
 * caller attaches a kprobe instead. Load time only, before
 * ot_entryhook_start().
 */
int ot_entryhook_add(struct ot_probe *p, const char *target);
void ot_entryhook_remove(struct ot_probe *p);
int ot_entryhook_start(void);
void ot_entryhook_stop(void);
#else
static inline bool ot_entryhook_supported(void)
{
	return false;
}

static inline int ot_entryhook_add(struct ot_probe *p, const char *target)
{
	return -EOPNOTSUPP;
}

static inline void ot_entryhook_remove(struct ot_probe *p) {}
static inline int ot_entryhook_start(void) { return 0; }
static inline void ot_entryhook_stop(void) {}
#endif

#endif /* _OOMTRACE_ENTRYHOOK_H */
