// SPDX-License-Identifier: GPL-2.0
#include <linux/slab.h>

#include "../module/oomring.c"
#include "oomtrace_kunit.h"

static struct oomtrace_oom_ring *new_ring(struct kunit *test)
{
	struct oomtrace_oom_ring *ring = kunit_kzalloc(test, sizeof(*ring), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ring);
	oomtrace_ring_init(ring);
	return ring;
}

static void add_report(struct oomtrace_oom_ring *ring, u64 time_ns, const char *text)
{
	struct oomtrace_oom_entry *e = oomtrace_ring_begin(ring, time_ns);

	oomtrace_ring_append(e, "%s", text);
	oomtrace_ring_commit(ring, e);
}

static void oomring_copy_when_empty_returns_nothing(struct kunit *test)
{
	struct oomtrace_oom_ring *ring = new_ring(test);
	struct oomtrace_oom_entry *out = kunit_kcalloc(test, OOMTRACE_OOM_KEEP,
						       sizeof(*out), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_EXPECT_EQ(test, oomtrace_ring_copy(ring, out, OOMTRACE_OOM_KEEP), 0u);
}

static void oomring_copy_returns_reports_oldest_first(struct kunit *test)
{
	struct oomtrace_oom_ring *ring = new_ring(test);
	struct oomtrace_oom_entry *out = kunit_kcalloc(test, OOMTRACE_OOM_KEEP,
						       sizeof(*out), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, out);
	add_report(ring, 100, "first\n");
	add_report(ring, 200, "second\n");
	KUNIT_ASSERT_EQ(test, oomtrace_ring_copy(ring, out, OOMTRACE_OOM_KEEP), 2u);
	KUNIT_EXPECT_EQ(test, out[0].seq, 1ull);
	KUNIT_EXPECT_EQ(test, out[0].time_ns, 100ull);
	KUNIT_EXPECT_STREQ(test, out[0].text, "first\n");
	KUNIT_EXPECT_EQ(test, out[1].seq, 2ull);
	KUNIT_EXPECT_STREQ(test, out[1].text, "second\n");
}

static void oomring_when_full_keeps_newest_in_order(struct kunit *test)
{
	struct oomtrace_oom_ring *ring = new_ring(test);
	struct oomtrace_oom_entry *out = kunit_kcalloc(test, OOMTRACE_OOM_KEEP,
						       sizeof(*out), GFP_KERNEL);
	unsigned int i, total = OOMTRACE_OOM_KEEP + 3;
	char text[16];

	KUNIT_ASSERT_NOT_NULL(test, out);
	for (i = 1; i <= total; i++) {
		snprintf(text, sizeof(text), "r%u\n", i);
		add_report(ring, i, text);
	}
	KUNIT_ASSERT_EQ(test, oomtrace_ring_copy(ring, out, OOMTRACE_OOM_KEEP),
			OOMTRACE_OOM_KEEP);
	for (i = 0; i < OOMTRACE_OOM_KEEP; i++) {
		u64 want = total - OOMTRACE_OOM_KEEP + 1 + i;

		snprintf(text, sizeof(text), "r%llu\n", want);
		KUNIT_EXPECT_EQ(test, out[i].seq, want);
		KUNIT_EXPECT_STREQ(test, out[i].text, text);
	}
}

static void oomring_copy_skips_report_being_written(struct kunit *test)
{
	struct oomtrace_oom_ring *ring = new_ring(test);
	struct oomtrace_oom_entry *out = kunit_kcalloc(test, OOMTRACE_OOM_KEEP,
						       sizeof(*out), GFP_KERNEL);
	struct oomtrace_oom_entry *open;

	KUNIT_ASSERT_NOT_NULL(test, out);
	add_report(ring, 1, "done\n");
	open = oomtrace_ring_begin(ring, 2);
	oomtrace_ring_append(open, "half\n");
	KUNIT_ASSERT_EQ(test, oomtrace_ring_copy(ring, out, OOMTRACE_OOM_KEEP), 1u);
	KUNIT_EXPECT_STREQ(test, out[0].text, "done\n");
	oomtrace_ring_commit(ring, open);
	KUNIT_EXPECT_EQ(test, oomtrace_ring_copy(ring, out, OOMTRACE_OOM_KEEP), 2u);
}

static void oomring_append_when_full_keeps_whole_lines(struct kunit *test)
{
	struct oomtrace_oom_ring *ring = new_ring(test);
	struct oomtrace_oom_entry *e = oomtrace_ring_begin(ring, 1);
	unsigned int i;

	/* 40-byte lines: the last one that fits must end the text. */
	for (i = 0; i < OOMTRACE_OOM_TEXT / 40 + 2; i++)
		oomtrace_ring_append(e, "line %04u .............................\n", i);

	KUNIT_EXPECT_TRUE(test, e->truncated);
	KUNIT_EXPECT_LT(test, e->len, (size_t)OOMTRACE_OOM_TEXT);
	KUNIT_EXPECT_EQ(test, e->len % 40, (size_t)0);
	KUNIT_EXPECT_EQ(test, e->text[e->len - 1], '\n');
	KUNIT_EXPECT_EQ(test, strlen(e->text), e->len);
}

static struct kunit_case oomring_cases[] = {
	KUNIT_CASE(oomring_copy_when_empty_returns_nothing),
	KUNIT_CASE(oomring_copy_returns_reports_oldest_first),
	KUNIT_CASE(oomring_when_full_keeps_newest_in_order),
	KUNIT_CASE(oomring_copy_skips_report_being_written),
	KUNIT_CASE(oomring_append_when_full_keeps_whole_lines),
	{}
};

struct kunit_suite oomtrace_oomring_suite = {
	.name = "oomtrace_oomring",
	.test_cases = oomring_cases,
};
