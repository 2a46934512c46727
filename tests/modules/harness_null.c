// SPDX-License-Identifier: GPL-2.0
/* Dereferences NULL at load: the harness must report the oops. */
#include <linux/module.h>

/* A parameter, so the compiler cannot prove the pointer NULL. */
static unsigned long harness_null_addr;
module_param(harness_null_addr, ulong, 0);

static int __init harness_null_init(void)
{
	return *(int *)READ_ONCE(harness_null_addr);
}

static void __exit harness_null_exit(void)
{
}

module_init(harness_null_init);
module_exit(harness_null_exit);
MODULE_LICENSE("GPL");
