// SPDX-License-Identifier: GPL-2.0
#include <linux/vmalloc.h>

#include "../module/fragcache.c"
#include "oomtrace_kunit.h"

#define NC(i)		(0xffff888006000000UL + (unsigned long)(i) * 64)
#define PAGE_AT(i)	(0xffffea0000100000UL + (unsigned long)(i) * 64)
#define SITE(i)		(0xffffffffc0003000UL + (unsigned long)(i) * 16)
#define PAGE_BYTES	32768

static void fragcaches_free_action(void *fc)
{
	vfree(fc);
}

/* As the module allocates it: too large for kmalloc to be reliable. */
static struct ot_fragcaches *new_fragcaches(struct kunit *test)
{
	struct ot_fragcaches *fc = vzalloc(sizeof(*fc));

	KUNIT_ASSERT_NOT_NULL(test, fc);
	KUNIT_ASSERT_EQ(test, ot_kunit_defer(test, fragcaches_free_action, fc), 0);
	return fc;
}

/* The record of cache @nc, without claiming one as ot_fragcache_get() would. */
static struct ot_fragcache *cache_of(struct ot_fragcaches *fc, unsigned long nc)
{
	unsigned int i;

	for (i = 0; i < OT_FRAGCACHE_MAX; i++)
		if (fc->c[i].nc == nc)
			return &fc->c[i];
	return NULL;
}

static void fragcache_alloc_on_new_cache_records_page_and_site(struct kunit *test)
{
	struct ot_fragcaches *fc = new_fragcaches(test);
	struct ot_fragcache *c;

	ot_fragcache_alloc(fc, NC(1), PAGE_AT(1), PAGE_BYTES, SITE(1), 100);
	c = cache_of(fc, NC(1));
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->page, PAGE_AT(1));
	KUNIT_EXPECT_EQ(test, c->site, SITE(1));
	KUNIT_EXPECT_EQ(test, c->page_bytes, (u32)PAGE_BYTES);
	KUNIT_EXPECT_EQ(test, c->pages_taken, 1u);
	KUNIT_EXPECT_EQ(test, c->last_ns, 100ull);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&fc->dropped), 0L);
}

static void fragcache_alloc_from_same_page_keeps_count_and_site(struct kunit *test)
{
	struct ot_fragcaches *fc = new_fragcaches(test);
	struct ot_fragcache *c;

	ot_fragcache_alloc(fc, NC(1), PAGE_AT(1), PAGE_BYTES, SITE(1), 100);
	/* Another user of the same cache carves the same page. */
	ot_fragcache_alloc(fc, NC(1), PAGE_AT(1), PAGE_BYTES, SITE(2), 200);
	c = cache_of(fc, NC(1));
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->pages_taken, 1u);
	KUNIT_EXPECT_EQ(test, c->site, SITE(1));
	KUNIT_EXPECT_EQ(test, c->last_ns, 200ull);
}

static void fragcache_alloc_from_new_page_counts_it_and_takes_site(struct kunit *test)
{
	struct ot_fragcaches *fc = new_fragcaches(test);
	struct ot_fragcache *c;

	ot_fragcache_alloc(fc, NC(1), PAGE_AT(1), PAGE_BYTES, SITE(1), 100);
	ot_fragcache_alloc(fc, NC(1), PAGE_AT(2), 4096, SITE(2), 300);
	c = cache_of(fc, NC(1));
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->pages_taken, 2u);
	KUNIT_EXPECT_EQ(test, c->page, PAGE_AT(2));
	KUNIT_EXPECT_EQ(test, c->site, SITE(2));
	KUNIT_EXPECT_EQ(test, c->page_bytes, 4096u);
	KUNIT_EXPECT_EQ(test, c->last_ns, 300ull);
}

static void fragcache_drain_of_known_page_clears_it(struct kunit *test)
{
	struct ot_fragcaches *fc = new_fragcaches(test);
	struct ot_fragcache *a, *b;

	ot_fragcache_alloc(fc, NC(1), PAGE_AT(1), PAGE_BYTES, SITE(1), 100);
	ot_fragcache_alloc(fc, NC(2), PAGE_AT(2), PAGE_BYTES, SITE(2), 100);
	KUNIT_EXPECT_TRUE(test, ot_fragcache_drain(fc, PAGE_AT(1)));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&fc->drains), 1L);

	a = cache_of(fc, NC(1));
	b = cache_of(fc, NC(2));
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, a->page, 0ul);
	KUNIT_EXPECT_EQ(test, b->page, PAGE_AT(2));

	/* The cache lives on: its next page is a refill. */
	ot_fragcache_alloc(fc, NC(1), PAGE_AT(3), PAGE_BYTES, SITE(1), 400);
	KUNIT_EXPECT_PTR_EQ(test, cache_of(fc, NC(1)), a);
	KUNIT_EXPECT_EQ(test, a->page, PAGE_AT(3));
	KUNIT_EXPECT_EQ(test, a->pages_taken, 2u);
}

static void fragcache_drain_of_unknown_page_returns_false(struct kunit *test)
{
	struct ot_fragcaches *fc = new_fragcaches(test);
	struct ot_fragcache *c;

	KUNIT_EXPECT_FALSE(test, ot_fragcache_drain(fc, PAGE_AT(1)));
	ot_fragcache_alloc(fc, NC(1), PAGE_AT(1), PAGE_BYTES, SITE(1), 100);
	KUNIT_EXPECT_FALSE(test, ot_fragcache_drain(fc, PAGE_AT(9)));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&fc->drains), 2L);
	c = cache_of(fc, NC(1));
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->page, PAGE_AT(1));
}

static void fragcache_alloc_when_all_slots_taken_counts_drop(struct kunit *test)
{
	struct ot_fragcaches *fc = new_fragcaches(test);
	unsigned int i;

	for (i = 0; i < OT_FRAGCACHE_MAX; i++)
		ot_fragcache_alloc(fc, NC(i), PAGE_AT(i), PAGE_BYTES, SITE(0), 1);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&fc->dropped), 0L);

	ot_fragcache_alloc(fc, NC(OT_FRAGCACHE_MAX), PAGE_AT(5000), PAGE_BYTES, SITE(1), 2);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&fc->dropped), 1L);
	KUNIT_EXPECT_NULL(test, cache_of(fc, NC(OT_FRAGCACHE_MAX)));

	/* Caches already known keep being followed. */
	ot_fragcache_alloc(fc, NC(7), PAGE_AT(6000), PAGE_BYTES, SITE(2), 3);
	KUNIT_ASSERT_NOT_NULL(test, cache_of(fc, NC(7)));
	KUNIT_EXPECT_EQ(test, cache_of(fc, NC(7))->page, PAGE_AT(6000));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&fc->dropped), 1L);
}

static struct kunit_case fragcache_cases[] = {
	KUNIT_CASE(fragcache_alloc_on_new_cache_records_page_and_site),
	KUNIT_CASE(fragcache_alloc_from_same_page_keeps_count_and_site),
	KUNIT_CASE(fragcache_alloc_from_new_page_counts_it_and_takes_site),
	KUNIT_CASE(fragcache_drain_of_known_page_clears_it),
	KUNIT_CASE(fragcache_drain_of_unknown_page_returns_false),
	KUNIT_CASE(fragcache_alloc_when_all_slots_taken_counts_drop),
	{}
};

struct kunit_suite oomtrace_fragcache_suite = {
	.name = "oomtrace_fragcache",
	.test_cases = fragcache_cases,
};
