// SPDX-License-Identifier: GPL-2.0
/*
 * The /sys/kernel/debug/oomtrace/ directory. Files are added by the
 * subsystems that own their contents; removing the directory recursively
 * takes them all, and debugfs waits for open readers before returning.
 */
#include <linux/debugfs.h>
#include <linux/err.h>

#include "oomtrace.h"

struct dentry *oomtrace_debugfs_dir;

int oomtrace_debugfs_init(void)
{
	struct dentry *dir = debugfs_create_dir("oomtrace", NULL);

	/*
	 * Without debugfs the tracer still works and still reports at OOM
	 * time through the kernel log, so this is not a load failure.
	 */
	if (IS_ERR_OR_NULL(dir)) {
		pr_warn("debugfs unavailable, reports go to the kernel log only\n");
		dir = NULL;
	}
	oomtrace_debugfs_dir = dir;
	return 0;
}

void oomtrace_debugfs_exit(void)
{
	debugfs_remove_recursive(oomtrace_debugfs_dir);
	oomtrace_debugfs_dir = NULL;
}
