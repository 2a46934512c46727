// SPDX-License-Identifier: GPL-2.0
#include <linux/string.h>

#include "../module/verdict.c"
#include "oomtrace_kunit.h"

#define RAM_KB		(4ULL << 20)		/* 4 GiB */
#define NOW		(1000ULL * NSEC_PER_SEC)
#define STUCK_MS	5000U
#define STUCK		((u64)STUCK_MS * NSEC_PER_MSEC)
#define SEC		NSEC_PER_SEC

/* ot_dev_classify() cases */

static struct ot_snap_dev fake_dev(u64 in_flight, u64 oldest_tx_ns, u64 last_completion_ns)
{
	struct ot_snap_dev d = {
		.in_flight = in_flight,
		.oldest_tx_ns = oldest_tx_ns,
		.last_completion_ns = last_completion_ns,
	};

	return d;
}

static enum ot_dev_state classify(u64 in_flight, u64 oldest_tx_ns, u64 last_completion_ns)
{
	struct ot_snap_dev d = fake_dev(in_flight, oldest_tx_ns, last_completion_ns);

	return ot_dev_classify(&d, NOW, STUCK);
}

static void dev_classify_with_nothing_in_flight_is_idle(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, classify(0, 0, 0), OT_DEV_IDLE);
	/* Not even with an old transmit and no completion on record. */
	KUNIT_EXPECT_EQ(test, classify(0, NOW - 60 * SEC, 0), OT_DEV_IDLE);
}

static void dev_classify_with_recent_completion_is_ok(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, classify(3, NOW - SEC, NOW - SEC), OT_DEV_OK);
	/* An old skb in flight does not matter while others complete. */
	KUNIT_EXPECT_EQ(test, classify(3, NOW - 60 * SEC, NOW - STUCK + 1), OT_DEV_OK);
}

static void dev_classify_many_in_flight_while_completing_is_backlog(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, classify(OT_BACKLOG_MIN, NOW - 2 * SEC, NOW - SEC),
			OT_DEV_BACKLOG);
	KUNIT_EXPECT_EQ(test, classify(OT_BACKLOG_MIN - 1, NOW - 2 * SEC, NOW - SEC),
			OT_DEV_OK);
	KUNIT_EXPECT_EQ(test, classify(5000, NOW - 60 * SEC, NOW - 1), OT_DEV_BACKLOG);
}

static void dev_classify_without_completion_for_stuck_time_is_stuck(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, classify(5, NOW - STUCK, NOW - STUCK), OT_DEV_STUCK);
	KUNIT_EXPECT_EQ(test, classify(5000, NOW - 60 * SEC, NOW - 30 * SEC), OT_DEV_STUCK);
	/* One nanosecond short of stuck_ms since the last completion. */
	KUNIT_EXPECT_NE(test, classify(5, NOW - STUCK, NOW - STUCK + 1), OT_DEV_STUCK);
}

static void dev_classify_never_completed_and_old_is_stuck(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, classify(1, NOW - STUCK, 0), OT_DEV_STUCK);
	KUNIT_EXPECT_EQ(test, classify(64, NOW - 10 * STUCK, 0), OT_DEV_STUCK);
}

static void dev_classify_without_completion_but_young_is_pending(struct kunit *test)
{
	/* First transmit after load: nothing could have completed yet. */
	KUNIT_EXPECT_EQ(test, classify(1, NOW - STUCK + 1, 0), OT_DEV_PENDING);
	KUNIT_EXPECT_EQ(test, classify(64, NOW - SEC, 0), OT_DEV_PENDING);
	/* Quiet for a long time, then a fresh transmit. */
	KUNIT_EXPECT_EQ(test, classify(1, NOW - SEC, NOW - 600 * SEC), OT_DEV_PENDING);
}

/*
 * A snapshot stamps its time before it reads the device table, so a
 * completion on another CPU in between is newer than now. It is a
 * completion all the same, not the absence of one.
 */
static void dev_classify_with_completion_after_now_is_not_stuck(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, classify(100, NOW - 60 * SEC, NOW + 1000), OT_DEV_BACKLOG);
	KUNIT_EXPECT_EQ(test, classify(2, NOW - 60 * SEC, NOW + 1000), OT_DEV_OK);
}

/*
 * Many NICs complete nothing while their carrier is down: what the ring
 * held stays until the link returns. That is link-down, not stuck; with
 * the carrier back and still nothing completing, it is stuck again.
 */
static void dev_classify_without_carrier_is_link_down_not_stuck(struct kunit *test)
{
	struct ot_snap_dev d = fake_dev(167, NOW - 30 * SEC, NOW - 25 * SEC);

	d.carrier_lost_ns = NOW - 25 * SEC;
	KUNIT_EXPECT_EQ(test, ot_dev_classify(&d, NOW, STUCK), OT_DEV_LINK_DOWN);
	d.carrier_lost_ns = 0;
	KUNIT_EXPECT_EQ(test, ot_dev_classify(&d, NOW, STUCK), OT_DEV_STUCK);
	/* Completions still arriving without carrier: draining, as usual. */
	d.carrier_lost_ns = NOW - 25 * SEC;
	d.last_completion_ns = NOW - SEC;
	KUNIT_EXPECT_EQ(test, ot_dev_classify(&d, NOW, STUCK), OT_DEV_BACKLOG);
	/* Nothing held: idle whatever the link. */
	d.in_flight = 0;
	KUNIT_EXPECT_EQ(test, ot_dev_classify(&d, NOW, STUCK), OT_DEV_IDLE);
}

/* ot_verdicts() cases, each starting from a snapshot with nothing wrong. */

static struct ot_snapshot *healthy(struct kunit *test)
{
	struct ot_snapshot *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->max_sites = 4;
	s->sites = kunit_kcalloc(test, s->max_sites, sizeof(*s->sites), GFP_KERNEL);
	s->max_devs = 4;
	s->devs = kunit_kcalloc(test, s->max_devs, sizeof(*s->devs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s->sites);
	KUNIT_ASSERT_NOT_NULL(test, s->devs);
	s->now_ns = NOW;
	s->sample_every = 1;
	s->mem.total = RAM_KB;
	s->mem.free = RAM_KB / 4;
	s->mem.min_wmark = 16384;
	s->mem.high_wmark = 24576;
	s->mem.lru = RAM_KB / 2;
	s->mem.slab_unreclaimable = RAM_KB / 16;
	s->mem.huge_known = true;
	s->mem.unaccounted = RAM_KB / 16;
	s->mem.top_pid = 321;
	strscpy(s->mem.top_comm, "sshd", sizeof(s->mem.top_comm));
	s->mem.top_rss = 20480;
	return s;
}

struct verdicts {
	struct ot_verdict v[OT_VERDICT_MAX + 1];	/* one past max: must stay untouched */
	unsigned int n;
};

static struct verdicts *judge_max(struct kunit *test, const struct ot_snapshot *s,
				  const struct ot_oom_info *oom, unsigned int max)
{
	struct verdicts *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->n = ot_verdicts(s, oom, r->v, max);
	KUNIT_EXPECT_LE(test, r->n, max);
	KUNIT_EXPECT_EQ(test, r->v[max].text[0], '\0');
	return r;
}

static struct verdicts *judge(struct kunit *test, const struct ot_snapshot *s,
			      const struct ot_oom_info *oom)
{
	return judge_max(test, s, oom, OT_VERDICT_MAX);
}

/* Verdict @i says @needle; a failure shows what it said instead. */
#define EXPECT_SAYS(test, r, i, needle)					\
	do {								\
		const char *said_ = (r)->v[i].text;			\
									\
		KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(said_, needle),	\
					  "it said \"%s\"", said_);	\
	} while (0)

/* Index of the first verdict containing @needle, -1 if none does. */
static int said(const struct verdicts *r, const char *needle)
{
	unsigned int i;

	for (i = 0; i < r->n; i++)
		if (strstr(r->v[i].text, needle))
			return i;
	return -1;
}

static void expect_silent(struct kunit *test, const struct ot_snapshot *s,
			  const struct ot_oom_info *oom)
{
	struct verdicts *r = judge(test, s, oom);

	KUNIT_EXPECT_EQ(test, r->n, 1u);
	KUNIT_EXPECT_STREQ(test, r->v[0].text, "no single cause stands out");
	KUNIT_EXPECT_STREQ(test, r->v[0].kind, "none");
	KUNIT_EXPECT_STREQ(test, r->v[0].subject, "-");
}

static void verdicts_with_nothing_wrong_says_no_single_cause(struct kunit *test)
{
	expect_silent(test, healthy(test), NULL);
}

static void verdicts_cma_with_rest_below_high_watermark_fires(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	s->mem.free = 100000;
	s->mem.free_cma = 90000;
	r = judge(test, s, NULL);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0, "mostly CMA: 90000 of 100000 kB");
	EXPECT_SAYS(test, r, 0, "10000 kB left is below the high watermark 24576 kB (min 16384 kB)");

	/* Just below the watermark still counts. */
	s->mem.free_cma = 100000 - 24575;
	KUNIT_EXPECT_EQ(test, said(judge(test, s, NULL), "mostly CMA"), 0);
}

static void verdicts_cma_with_rest_above_high_watermark_is_silent(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);

	/* Mostly CMA, but what is left reaches the watermark. */
	s->mem.free = 100000;
	s->mem.free_cma = 100000 - 24576;
	expect_silent(test, s, NULL);

	/* Short below the watermark, but CMA is not the larger half. */
	s->mem.free_cma = 50000;
	s->mem.min_wmark = 60000;
	s->mem.high_wmark = 70000;
	expect_silent(test, s, NULL);
}

static void verdicts_hugepages_reserved_and_unused_fires(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	/*
	 * A RAM size a fifth of which is whole, to test the exact threshold
	 * (OT_HUGE_UNUSED_PCT of RAM unused, as the reader judges it).
	 */
	s->mem.total = 4000000;
	s->mem.huge_total = 1000000;
	s->mem.huge_free = 800000;
	r = judge(test, s, NULL);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0, "hugepages: 976 MiB reserved (25% of RAM), 781 MiB of it unused");

	/* A big pool, but what is unused is under a fifth of RAM. */
	s->mem.huge_free = 799999;
	expect_silent(test, s, NULL);
	/* Pools unknown on this kernel. */
	s->mem.huge_free = 1000000;
	s->mem.huge_known = false;
	expect_silent(test, s, NULL);
}

static void verdicts_process_over_half_of_ram_is_named(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	s->mem.top_pid = 4242;
	strscpy(s->mem.top_comm, "java", sizeof(s->mem.top_comm));
	s->mem.top_rss = RAM_KB / 2;
	r = judge(test, s, NULL);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0, "process java (pid 4242) holds 50% of RAM");
	EXPECT_SAYS(test, r, 0, "not a kernel leak");

	s->mem.top_rss = RAM_KB / 2 - 1;
	expect_silent(test, s, NULL);
}

/* 4 GiB is no whole number of fifths: 838861 kB is the first at 20%. */
static void verdicts_unaccounted_fifth_of_ram_fires(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	s->mem.unaccounted = 838861;
	r = judge(test, s, NULL);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0, "819 MiB (20% of RAM) is accounted to no slab");

	s->mem.unaccounted = 838860;
	expect_silent(test, s, NULL);
}

static void verdicts_unreclaimable_slab_fifth_of_ram_fires(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	s->mem.slab_unreclaimable = 838861;
	r = judge(test, s, NULL);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0, "unreclaimable slab holds 819 MiB (20% of RAM)");

	s->mem.slab_unreclaimable = 838860;
	expect_silent(test, s, NULL);
}

/* Without the pools (/proc unreadable), what they hold is not called a leak. */
static void verdicts_unaccounted_with_pools_unknown_blames_no_leak(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	s->mem.huge_known = false;
	s->mem.unaccounted = RAM_KB / 4;
	r = judge(test, s, NULL);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0, "1024 MiB (25% of RAM) is accounted to no slab or LRU (estimate); the hugepage pools are unknown and may hold it");
	KUNIT_EXPECT_EQ(test, said(r, "kernel memory outside slab"), -1);
}

static void verdicts_memcg_oom_names_cgroup(struct kunit *test)
{
	struct ot_oom_info *oom = kunit_kzalloc(test, sizeof(*oom), GFP_KERNEL);
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	KUNIT_ASSERT_NOT_NULL(test, oom);
	oom->known = true;
	oom->memcg = true;
	oom->order = 0;
	strscpy(oom->memcg_path, "/system.slice/app.service", sizeof(oom->memcg_path));
	oom->memcg_usage = 524288;
	oom->memcg_limit = 524288;
	r = judge(test, s, oom);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0, "memcg limit: /system.slice/app.service at 524288 of 524288 kB");

	/* A global OOM, or none seen: no memcg verdict. */
	oom->memcg = false;
	expect_silent(test, s, oom);
	oom->memcg = true;
	oom->known = false;
	expect_silent(test, s, oom);
}

static void verdicts_stuck_device_is_named(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	s->nr_devs = 2;
	strscpy(s->devs[0].name, "eth0", IFNAMSIZ);
	s->devs[0].state = OT_DEV_STUCK;
	s->devs[0].in_flight = 700;
	s->devs[0].in_flight_bytes = 700 * 1500;
	s->devs[0].oldest_tx_ns = NOW - 42 * SEC;
	/* Not stuck yet: not named. */
	strscpy(s->devs[1].name, "eth1", IFNAMSIZ);
	s->devs[1].state = OT_DEV_PENDING;
	s->devs[1].in_flight = 9;
	s->devs[1].oldest_tx_ns = NOW - SEC;

	r = judge(test, s, NULL);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0, "TX stuck on eth0: 700 skbs (1025 kB)");
	EXPECT_SAYS(test, r, 0, "oldest 42s");
	KUNIT_EXPECT_EQ(test, said(r, "eth1"), -1);
	/* the verdicts file and the metrics key on these */
	KUNIT_EXPECT_STREQ(test, r->v[0].kind, "tx_stuck");
	KUNIT_EXPECT_STREQ(test, r->v[0].subject, "eth0");
}

static void verdicts_backlog_device_is_not_a_leak(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	s->nr_devs = 2;
	strscpy(s->devs[0].name, "eth2", IFNAMSIZ);
	s->devs[0].state = OT_DEV_BACKLOG;
	s->devs[0].in_flight = 500;
	s->devs[0].oldest_tx_ns = NOW - 3 * SEC;
	strscpy(s->devs[1].name, "eth3", IFNAMSIZ);
	s->devs[1].state = OT_DEV_OK;
	s->devs[1].in_flight = 4;

	r = judge(test, s, NULL);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0, "TX backlog on eth2: 500 skbs in flight and completing, oldest 3s");
	EXPECT_SAYS(test, r, 0, "not a leak");
	KUNIT_EXPECT_EQ(test, said(r, "eth3"), -1);
}

static void verdicts_link_down_device_is_held_not_stuck(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	s->nr_devs = 1;
	strscpy(s->devs[0].name, "eth0", IFNAMSIZ);
	s->devs[0].state = OT_DEV_LINK_DOWN;
	s->devs[0].in_flight = 167;
	s->devs[0].in_flight_bytes = 167 * 1280;
	s->devs[0].oldest_tx_ns = NOW - 30 * SEC;
	s->devs[0].carrier_lost_ns = NOW - 25 * SEC;

	r = judge(test, s, NULL);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0, "TX held on eth0 while its link is down (25s): 167 skbs (208 kB)");
	KUNIT_EXPECT_EQ(test, said(r, "TX stuck"), -1);
	KUNIT_EXPECT_STREQ(test, r->v[0].kind, "tx_held");
	KUNIT_EXPECT_STREQ(test, r->v[0].subject, "eth0");
}

static struct ot_snap_site *suspect(struct ot_snapshot *s, const char *name,
				    u64 live_bytes, u64 age_ns)
{
	struct ot_snap_site *site = &s->sites[s->nr_sites++];

	site->name = name;
	site->stack = "";
	site->ip = 0xffffffffc0401234UL;
	site->kind = OT_SKB;
	site->live = 300;
	site->allocs = 1000;
	site->frees = 700;
	site->live_bytes = live_bytes;
	site->oldest_ns = NOW - age_ns;
	return site;
}

static void verdicts_outstanding_large_and_old_site_is_named(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	suspect(s, "mydrv_rx_poll+0x5c/0x200 [mydrv]", OT_SUSPECT_MIN_KB << 10, STUCK);
	r = judge(test, s, NULL);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0,
		    "outstanding: mydrv_rx_poll+0x5c/0x200 [mydrv] holds 256 kB in 300 skb objects, oldest 5s");
	KUNIT_EXPECT_STREQ(test, r->v[0].kind, "outstanding");
	KUNIT_EXPECT_STREQ(test, r->v[0].subject, "mydrv_rx_poll+0x5c/0x200 [mydrv]");

	/* Just under the size threshold. */
	s->sites[0].live_bytes = (OT_SUSPECT_MIN_KB << 10) - 1;
	expect_silent(test, s, NULL);
	/* Large, but younger than stuck_ms: could be a burst. */
	s->sites[0].live_bytes = 64 << 20;
	s->sites[0].oldest_ns = NOW - STUCK + NSEC_PER_MSEC;
	expect_silent(test, s, NULL);
}

static void verdicts_outstanding_skips_young_site_names_next(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	suspect(s, "burst_rx+0x10/0x80", 64 << 20, SEC);
	suspect(s, "", 1 << 20, 60 * SEC);
	r = judge(test, s, NULL);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0, "outstanding: (allocated untracked) holds 1024 kB");
	KUNIT_EXPECT_EQ(test, said(r, "burst_rx"), -1);
}

/* stuck_ms is milliseconds: a site 2.6s old is older than 2500ms. */
static void verdicts_outstanding_older_than_fractional_stuck_ms_is_named(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);

	ot_params.stuck_ms = 2500;
	suspect(s, "slow_rx+0x10/0x80", 1 << 20, 2600 * NSEC_PER_MSEC);
	KUNIT_EXPECT_EQ(test, said(judge(test, s, NULL), "outstanding: slow_rx"), 0);
}

static void verdicts_page_frag_pinned_names_site(struct kunit *test)
{
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	s->nr_frag = 1;
	s->frag[0].site = (unsigned long)ot_verdicts;
	s->frag[0].caches = 3;
	s->frag[0].bytes = OT_FRAG_PINNED_MIN_KB << 10;
	r = judge(test, s, NULL);
	KUNIT_ASSERT_EQ(test, r->n, 1u);
	EXPECT_SAYS(test, r, 0, "page_frag: 3 caches filled by ot_verdicts+0x0/");
	EXPECT_SAYS(test, r, 0, "pin 512 kB");

	s->frag[0].bytes = (OT_FRAG_PINNED_MIN_KB << 10) - 1;
	expect_silent(test, s, NULL);
}

/* A limit the OOM hit, then named causes, then residue, then the benign. */
static void verdicts_order_puts_memcg_first_backlog_last(struct kunit *test)
{
	struct ot_oom_info *oom = kunit_kzalloc(test, sizeof(*oom), GFP_KERNEL);
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	KUNIT_ASSERT_NOT_NULL(test, oom);
	s->nr_devs = 2;
	strscpy(s->devs[0].name, "eth9", IFNAMSIZ);
	s->devs[0].state = OT_DEV_BACKLOG;
	s->devs[0].in_flight = 900;
	strscpy(s->devs[1].name, "eth7", IFNAMSIZ);
	s->devs[1].state = OT_DEV_STUCK;
	s->devs[1].in_flight = 10;
	s->mem.top_rss = RAM_KB * 3 / 4;
	s->mem.unaccounted = RAM_KB / 3;
	oom->known = true;
	oom->memcg = true;
	strscpy(oom->memcg_path, "/cg", sizeof(oom->memcg_path));

	r = judge(test, s, oom);
	KUNIT_ASSERT_EQ(test, r->n, 5u);
	KUNIT_EXPECT_EQ(test, said(r, "memcg limit: /cg"), 0);
	KUNIT_EXPECT_EQ(test, said(r, "TX stuck on eth7"), 1);
	KUNIT_EXPECT_EQ(test, said(r, "process sshd"), 2);
	KUNIT_EXPECT_EQ(test, said(r, "accounted to no slab"), 3);
	KUNIT_EXPECT_EQ(test, said(r, "TX backlog on eth9"), 4);
	KUNIT_EXPECT_EQ(test, said(r, "no single cause"), -1);
}

static void verdicts_when_all_fire_stops_at_max(struct kunit *test)
{
	struct ot_oom_info *oom = kunit_kzalloc(test, sizeof(*oom), GFP_KERNEL);
	struct ot_snapshot *s = healthy(test);
	struct verdicts *r;

	KUNIT_ASSERT_NOT_NULL(test, oom);
	oom->known = true;
	oom->memcg = true;
	strscpy(oom->memcg_path, "/cg", sizeof(oom->memcg_path));
	s->mem.free = 100000;
	s->mem.free_cma = 95000;
	s->mem.huge_total = RAM_KB / 4;
	s->mem.huge_free = RAM_KB / 4;
	s->nr_devs = 1;
	strscpy(s->devs[0].name, "eth0", IFNAMSIZ);
	s->devs[0].state = OT_DEV_STUCK;
	suspect(s, "leaky_rx+0x1/0x2", 8 << 20, 60 * SEC);
	s->nr_frag = 1;
	s->frag[0].site = (unsigned long)ot_verdicts;
	s->frag[0].bytes = 4 << 20;
	s->mem.top_rss = RAM_KB * 3 / 4;
	s->mem.unaccounted = RAM_KB / 2;

	r = judge(test, s, oom);
	KUNIT_ASSERT_EQ(test, r->n, (unsigned int)OT_VERDICT_MAX);
	KUNIT_EXPECT_EQ(test, said(r, "memcg limit"), 0);
	KUNIT_EXPECT_EQ(test, said(r, "mostly CMA"), 1);
	KUNIT_EXPECT_EQ(test, said(r, "hugepages"), 2);
	KUNIT_EXPECT_EQ(test, said(r, "TX stuck on eth0"), 3);
	KUNIT_EXPECT_EQ(test, said(r, "outstanding: leaky_rx"), 4);
	KUNIT_EXPECT_EQ(test, said(r, "page_frag"), 5);

	r = judge_max(test, s, oom, 2);
	KUNIT_EXPECT_EQ(test, r->n, 2u);
	KUNIT_EXPECT_EQ(test, said(r, "mostly CMA"), 1);
}

static int verdict_init(struct kunit *test)
{
	ot_params.stuck_ms = STUCK_MS;
	return 0;
}

static void verdict_exit(struct kunit *test)
{
	ot_params.stuck_ms = STUCK_MS;
}

static struct kunit_case verdict_cases[] = {
	KUNIT_CASE(dev_classify_with_nothing_in_flight_is_idle),
	KUNIT_CASE(dev_classify_with_recent_completion_is_ok),
	KUNIT_CASE(dev_classify_many_in_flight_while_completing_is_backlog),
	KUNIT_CASE(dev_classify_without_completion_for_stuck_time_is_stuck),
	KUNIT_CASE(dev_classify_never_completed_and_old_is_stuck),
	KUNIT_CASE(dev_classify_without_completion_but_young_is_pending),
	KUNIT_CASE(dev_classify_with_completion_after_now_is_not_stuck),
	KUNIT_CASE(dev_classify_without_carrier_is_link_down_not_stuck),
	KUNIT_CASE(verdicts_with_nothing_wrong_says_no_single_cause),
	KUNIT_CASE(verdicts_cma_with_rest_below_high_watermark_fires),
	KUNIT_CASE(verdicts_cma_with_rest_above_high_watermark_is_silent),
	KUNIT_CASE(verdicts_hugepages_reserved_and_unused_fires),
	KUNIT_CASE(verdicts_unaccounted_with_pools_unknown_blames_no_leak),
	KUNIT_CASE(verdicts_process_over_half_of_ram_is_named),
	KUNIT_CASE(verdicts_unaccounted_fifth_of_ram_fires),
	KUNIT_CASE(verdicts_unreclaimable_slab_fifth_of_ram_fires),
	KUNIT_CASE(verdicts_memcg_oom_names_cgroup),
	KUNIT_CASE(verdicts_stuck_device_is_named),
	KUNIT_CASE(verdicts_backlog_device_is_not_a_leak),
	KUNIT_CASE(verdicts_link_down_device_is_held_not_stuck),
	KUNIT_CASE(verdicts_outstanding_large_and_old_site_is_named),
	KUNIT_CASE(verdicts_outstanding_skips_young_site_names_next),
	KUNIT_CASE(verdicts_outstanding_older_than_fractional_stuck_ms_is_named),
	KUNIT_CASE(verdicts_page_frag_pinned_names_site),
	KUNIT_CASE(verdicts_order_puts_memcg_first_backlog_last),
	KUNIT_CASE(verdicts_when_all_fire_stops_at_max),
	{}
};

struct kunit_suite oomtrace_verdict_suite = {
	.name = "oomtrace_verdict",
	.init = verdict_init,
	.exit = verdict_exit,
	.test_cases = verdict_cases,
};
