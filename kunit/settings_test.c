// SPDX-License-Identifier: GPL-2.0
#include "../module/settings.c"
#include "oomtrace_kunit.h"

/* /proc/meminfo of a 6.1 x86_64 guest with three 2 MiB hugepages, one reserved. */
static const char meminfo_6_1[] =
	"MemTotal:         468168 kB\n"
	"MemFree:          410000 kB\n"
	"HugePages_Total:       3\n"
	"HugePages_Free:        2\n"
	"HugePages_Rsvd:        1\n"
	"HugePages_Surp:        0\n"
	"Hugepagesize:       2048 kB\n"
	"Hugetlb:           6144 kB\n"
	"DirectMap4k:       30000 kB\n";

static void meminfo_pools_are_read(struct kunit *test)
{
	struct ot_settings s = {};

	KUNIT_ASSERT_EQ(test, ot_parse_meminfo_huge(meminfo_6_1, &s), 0);
	KUNIT_EXPECT_TRUE(test, s.huge_known);
	KUNIT_EXPECT_EQ(test, s.huge_total, 6144ULL);
	KUNIT_EXPECT_EQ(test, s.huge_free, 4096ULL);
	KUNIT_EXPECT_EQ(test, s.huge_resv, 2048ULL);
}

/* "Hugetlb:" counts every pool size; the default-size lines only one. */
static void meminfo_other_pool_sizes_count(struct kunit *test)
{
	static const char text[] =
		"HugePages_Total:       1\n"
		"HugePages_Free:        1\n"
		"HugePages_Rsvd:        0\n"
		"Hugepagesize:       2048 kB\n"
		"Hugetlb:        1050624 kB\n";
	struct ot_settings s = {};

	KUNIT_ASSERT_EQ(test, ot_parse_meminfo_huge(text, &s), 0);
	KUNIT_EXPECT_EQ(test, s.huge_total, 1050624ULL);
	KUNIT_EXPECT_EQ(test, s.huge_free, 2048ULL);
}

/* Before 4.17 there is no "Hugetlb:" line. */
static void meminfo_without_hugetlb_line(struct kunit *test)
{
	static const char text[] =
		"HugePages_Total:       4\n"
		"HugePages_Free:        4\n"
		"HugePages_Rsvd:        0\n"
		"Hugepagesize:     524288 kB\n";
	struct ot_settings s = {};

	KUNIT_ASSERT_EQ(test, ot_parse_meminfo_huge(text, &s), 0);
	KUNIT_EXPECT_EQ(test, s.huge_total, 4ULL * 524288);
	KUNIT_EXPECT_EQ(test, s.huge_free, 4ULL * 524288);
}

/* A kernel without hugetlb prints none of the lines: no pool, and known. */
static void meminfo_without_hugetlb_is_zero(struct kunit *test)
{
	struct ot_settings s = { .huge_total = 7 };

	KUNIT_ASSERT_EQ(test, ot_parse_meminfo_huge("MemTotal: 1000 kB\nMemFree: 5 kB\n", &s), 0);
	KUNIT_EXPECT_TRUE(test, s.huge_known);
	KUNIT_EXPECT_EQ(test, s.huge_total, 0ULL);
}

/* Half a file, or a mangled number, is unknown, not zero. */
static void meminfo_broken_is_unknown(struct kunit *test)
{
	struct ot_settings s = {};

	KUNIT_EXPECT_LT(test, ot_parse_meminfo_huge("HugePages_Total:       3\n", &s), 0);
	KUNIT_EXPECT_FALSE(test, s.huge_known);
	KUNIT_EXPECT_LT(test, ot_parse_meminfo_huge("HugePages_Total: x\nHugePages_Free: 1\n"
						    "HugePages_Rsvd: 0\nHugepagesize: 2048 kB\n",
						    &s), 0);
	KUNIT_EXPECT_LT(test, ot_parse_meminfo_huge("HugePages_Total: 99999999999999999999999\n"
						    "HugePages_Free: 1\nHugePages_Rsvd: 0\n"
						    "Hugepagesize: 2048 kB\n", &s), 0);
	KUNIT_EXPECT_FALSE(test, s.huge_known);
}

/* A key must start its line: "Hugetlb:" inside another line is not it. */
static void meminfo_key_at_line_start_only(struct kunit *test)
{
	static const char text[] = "XHugetlb: 5 kB\nHugetlb: 7 kB\n";
	u64 v = 0;

	KUNIT_EXPECT_EQ(test, ot_meminfo_field(text, "Hugetlb:", &v), 0);
	KUNIT_EXPECT_EQ(test, v, 7ULL);
	KUNIT_EXPECT_EQ(test, ot_meminfo_field("Foo: 1\n", "Hugetlb:", &v), -ENOENT);
}

static struct kunit_case settings_cases[] = {
	KUNIT_CASE(meminfo_pools_are_read),
	KUNIT_CASE(meminfo_other_pool_sizes_count),
	KUNIT_CASE(meminfo_without_hugetlb_line),
	KUNIT_CASE(meminfo_without_hugetlb_is_zero),
	KUNIT_CASE(meminfo_broken_is_unknown),
	KUNIT_CASE(meminfo_key_at_line_start_only),
	{}
};

struct kunit_suite oomtrace_settings_suite = {
	.name = "oomtrace_settings",
	.test_cases = settings_cases,
};
