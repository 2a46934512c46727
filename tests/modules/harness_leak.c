// SPDX-License-Identifier: GPL-2.0
/* Leaks one kmalloc at load: kmemleak must find it and fail the test. */
#include <linux/module.h>
#include <linux/slab.h>

static int __init harness_leak_init(void)
{
	char *lost = kmalloc(128, GFP_KERNEL);

	if (!lost)
		return -ENOMEM;
	/* Touch it so the allocation cannot be optimized out, then drop it. */
	memset(lost, 0x5a, 128);
	pr_info("leaked 128 bytes at %p on purpose\n", lost);
	return 0;
}

static void __exit harness_leak_exit(void)
{
}

module_init(harness_leak_init);
module_exit(harness_leak_exit);
MODULE_LICENSE("GPL");
