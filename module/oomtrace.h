/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_H
#define _OOMTRACE_H

#include <linux/types.h>

struct dentry;

/* Root of /sys/kernel/debug/oomtrace/, NULL when debugfs is unavailable. */
extern struct dentry *oomtrace_debugfs_dir;

int oomtrace_debugfs_init(void);
void oomtrace_debugfs_exit(void);

int oomtrace_oom_init(void);
void oomtrace_oom_exit(void);

#endif /* _OOMTRACE_H */
