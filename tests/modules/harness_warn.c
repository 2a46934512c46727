// SPDX-License-Identifier: GPL-2.0
/* Emits one WARN at load: the harness must fail any test that does this. */
#include <linux/bug.h>
#include <linux/module.h>

static int __init harness_warn_init(void)
{
	WARN(1, "deliberate warning from the harness self-test\n");
	return 0;
}

static void __exit harness_warn_exit(void)
{
}

module_init(harness_warn_init);
module_exit(harness_warn_exit);
MODULE_LICENSE("GPL");
