// SPDX-License-Identifier: GPL-2.0
/*
 * One test module for all of oomtrace's suites. Each *_test.c includes
 * the unit it tests, so static helpers are reachable without exporting
 * anything from the shipped module; stubs.c stands in for the rest.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <kunit/resource.h>

#include "oomtrace_kunit.h"

struct ot_kunit_deferred {
	void (*fn)(void *data);
	void *data;
};

static int ot_kunit_deferred_init(struct kunit_resource *res, void *context)
{
	res->data = context;
	return 0;
}

static void ot_kunit_deferred_run(struct kunit_resource *res)
{
	struct ot_kunit_deferred *d = res->data;

	d->fn(d->data);
	kfree(d);
}

int ot_kunit_defer(struct kunit *test, void (*fn)(void *), void *data)
{
	struct ot_kunit_deferred *d = kmalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		goto err;
	d->fn = fn;
	d->data = data;
	if (!kunit_alloc_resource(test, ot_kunit_deferred_init, ot_kunit_deferred_run,
				  GFP_KERNEL, d)) {
		kfree(d);
		goto err;
	}
	return 0;
err:
	fn(data);
	return -ENOMEM;
}

kunit_test_suites(&oomtrace_oomring_suite,
		  &oomtrace_objtab_suite,
		  &oomtrace_cstab_suite,
		  &oomtrace_attrib_suite,
		  &oomtrace_verdict_suite,
		  &oomtrace_fragcache_suite,
		  &oomtrace_netdev_suite,
		  &oomtrace_settings_suite,
		  &oomtrace_mem_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for oomtrace");
