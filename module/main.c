// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace: find out where the memory went when a board runs out of it.
 *
 * Each subsystem has an init/exit pair; init runs them in order and unwinds
 * in exact reverse on failure, and exit mirrors init.
 */
#include <linux/module.h>

#include "oomtrace.h"

static int __init oomtrace_init(void)
{
	int ret;

	ret = oomtrace_debugfs_init();
	if (ret)
		return ret;

	ret = oomtrace_oom_init();
	if (ret)
		goto err_debugfs;

	pr_info("loaded\n");
	return 0;

err_debugfs:
	oomtrace_debugfs_exit();
	return ret;
}

static void __exit oomtrace_exit(void)
{
	oomtrace_oom_exit();
	oomtrace_debugfs_exit();
	pr_info("unloaded\n");
}

module_init(oomtrace_init);
module_exit(oomtrace_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Attribute outstanding network and page_frag memory to callsites and explain OOMs");
MODULE_AUTHOR("The oomtrace authors");
MODULE_VERSION("0.1.0");
