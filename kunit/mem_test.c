// SPDX-License-Identifier: GPL-2.0
#include <linux/cpumask.h>

#include "../module/mem.c"
#include "oomtrace_kunit.h"

/* vmalloc hands out whole pages: that is what a table costs. */
static void mem_vzalloc_counts_whole_pages_until_freed(struct kunit *test)
{
	size_t before = ot_mem_footprint();
	void *p = ot_vzalloc(PAGE_SIZE + 1);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, ot_mem_footprint() - before, 2 * PAGE_SIZE);
	ot_kvfree(p, PAGE_SIZE + 1);
	KUNIT_EXPECT_EQ(test, ot_mem_footprint(), before);
}

/* A small kvzalloc comes from a kmalloc bucket, counted at the bucket's size. */
static void mem_kvzalloc_counts_the_kmalloc_bucket(struct kunit *test)
{
	size_t before = ot_mem_footprint();
	void *p = ot_kvzalloc(100);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, ot_mem_footprint() - before, ksize(p));
	KUNIT_EXPECT_GE(test, ksize(p), (size_t)100);
	ot_kvfree(p, 100);
	KUNIT_EXPECT_EQ(test, ot_mem_footprint(), before);
}

static void mem_percpu_counts_every_possible_cpu(struct kunit *test)
{
	size_t before = ot_mem_footprint();
	void __percpu *p = ot_alloc_percpu(48, 8);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, ot_mem_footprint() - before, 48 * (size_t)num_possible_cpus());
	ot_free_percpu(p, 48);
	KUNIT_EXPECT_EQ(test, ot_mem_footprint(), before);
}

/* The estimate for kernel-made objects agrees with what kmalloc really gives. */
static void mem_kmalloc_size_matches_ksize(struct kunit *test)
{
	size_t sizes[] = { 1, 8, 40, 64, 65, 96, 100, 129, 192, 200, 1000, 5000 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		void *p = kmalloc(sizes[i], GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ_MSG(test, ot_kmalloc_size(sizes[i]), ksize(p),
				    "kmalloc(%zu)", sizes[i]);
		kfree(p);
	}
}

static struct kunit_case mem_cases[] = {
	KUNIT_CASE(mem_vzalloc_counts_whole_pages_until_freed),
	KUNIT_CASE(mem_kvzalloc_counts_the_kmalloc_bucket),
	KUNIT_CASE(mem_percpu_counts_every_possible_cpu),
	KUNIT_CASE(mem_kmalloc_size_matches_ksize),
	{}
};

struct kunit_suite oomtrace_mem_suite = {
	.name = "oomtrace_mem",
	.test_cases = mem_cases,
};
