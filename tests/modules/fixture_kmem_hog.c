// SPDX-License-Identifier: GPL-2.0
/*
 * Incident I6: an allocation that CMA cannot serve. fixture_kmem_fill()
 * takes order-0 pages with GFP_KERNEL, one at a time, and keeps them on a
 * list. They are unmovable, so the page allocator never takes them from a
 * CMA area: once the rest of memory is down to the min watermark the next
 * one goes to the OOM killer (or panics, with vm.panic_on_oom set) while
 * the CMA pages stay free. The pages are in no slab and on no LRU.
 *
 *   insmod fixture_kmem_hog.ko mb=64
 *   echo 32 >/sys/module/fixture_kmem_hog/parameters/take
 *   cat /sys/module/fixture_kmem_hog/parameters/held_kb
 *   echo 1 >/sys/module/fixture_kmem_hog/parameters/release
 *
 * An order-0 GFP_KERNEL allocation does not fail: when the OOM killer
 * finds nothing to kill, the kernel panics. Leave something killable
 * (memhog) or expect the panic.
 */
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>

#include "fixture.h"

static unsigned int fixture_kmem_mb = 16;

/* Serializes the sysfs triggers against load and unload. */
static DEFINE_MUTEX(fixture_kmem_lock);
static LIST_HEAD(fixture_kmem_pages);
static unsigned long fixture_kmem_nr_pages;

static const struct kernel_param_ops fixture_kmem_count_ops = {
	.set = fixture_count_set,
	.get = param_get_uint,
};
module_param_cb(mb, &fixture_kmem_count_ops, &fixture_kmem_mb, 0444);
MODULE_PARM_DESC(mb, "MiB of unmovable pages to take at load (1-100000, default 16)");

/*
 * The callsite a report of the OOM shows in its call trace. The pages'
 * own list heads hold them, so taking memory costs no other memory.
 */
static noinline __noclone int fixture_kmem_fill(unsigned int mb)
{
	unsigned long i, n = (unsigned long)mb * (SZ_1M / PAGE_SIZE);
	struct page *page;

	for (i = 0; i < n; i++) {
		page = alloc_page(GFP_KERNEL);
		if (!page)
			return -ENOMEM;
		list_add(&page->lru, &fixture_kmem_pages);
		fixture_kmem_nr_pages++;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
	}
	return 0;
}

/* Frees every held page; returns how many there were. */
static unsigned long fixture_kmem_free_all(void)
{
	unsigned long n = fixture_kmem_nr_pages;
	struct page *page, *next;

	list_for_each_entry_safe(page, next, &fixture_kmem_pages, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	fixture_kmem_nr_pages = 0;
	return n;
}

static int fixture_kmem_take_set(const char *val, const struct kernel_param *kp)
{
	unsigned int mb;
	int err;

	err = fixture_parse_count(kp->name, val, FIXTURE_COUNT_MAX, &mb);
	if (err)
		return err;
	mutex_lock(&fixture_kmem_lock);
	err = fixture_kmem_fill(mb);
	mutex_unlock(&fixture_kmem_lock);
	if (err)
		pr_err("take: stopped at %lu pages held: %d\n",
		       fixture_kmem_nr_pages, err);
	return err;
}

static const struct kernel_param_ops fixture_kmem_take_ops = {
	.set = fixture_kmem_take_set,
};
module_param_cb(take, &fixture_kmem_take_ops, NULL, 0200);
MODULE_PARM_DESC(take, "write N to take N MiB more (1-100000)");

static int fixture_kmem_release_set(const char *val,
				    const struct kernel_param *kp)
{
	unsigned long n;
	int err;

	err = fixture_parse_trigger(kp->name, val);
	if (err)
		return err;
	mutex_lock(&fixture_kmem_lock);
	n = fixture_kmem_free_all();
	mutex_unlock(&fixture_kmem_lock);
	pr_info("released %lu pages\n", n);
	return 0;
}

static const struct kernel_param_ops fixture_kmem_release_ops = {
	.set = fixture_kmem_release_set,
};
module_param_cb(release, &fixture_kmem_release_ops, NULL, 0200);
MODULE_PARM_DESC(release, "write 1 to free every held page while staying loaded");

static int fixture_kmem_held_get(char *buf, const struct kernel_param *kp)
{
	unsigned long n;

	mutex_lock(&fixture_kmem_lock);
	n = fixture_kmem_nr_pages;
	mutex_unlock(&fixture_kmem_lock);
	return sysfs_emit(buf, "%lu\n", n * (PAGE_SIZE / SZ_1K));
}

static const struct kernel_param_ops fixture_kmem_held_ops = {
	.get = fixture_kmem_held_get,
};
module_param_cb(held_kb, &fixture_kmem_held_ops, NULL, 0444);
MODULE_PARM_DESC(held_kb, "kB of pages held right now");

static int __init fixture_kmem_init(void)
{
	int err;

	mutex_lock(&fixture_kmem_lock);
	err = fixture_kmem_fill(fixture_kmem_mb);
	if (err) {
		pr_err("stopped after %lu of %u MiB: %d\n",
		       fixture_kmem_nr_pages / (SZ_1M / PAGE_SIZE),
		       fixture_kmem_mb, err);
		fixture_kmem_free_all();
	}
	mutex_unlock(&fixture_kmem_lock);
	if (err)
		return err;

	pr_info("holding %u MiB of unmovable pages from fixture_kmem_fill\n",
		fixture_kmem_mb);
	return 0;
}

static void __exit fixture_kmem_exit(void)
{
	mutex_lock(&fixture_kmem_lock);
	fixture_kmem_free_all();
	mutex_unlock(&fixture_kmem_lock);
}

module_init(fixture_kmem_init);
module_exit(fixture_kmem_exit);
MODULE_DESCRIPTION("Test fixture: unmovable pages taken until memory runs out (I6)");
MODULE_LICENSE("GPL");
