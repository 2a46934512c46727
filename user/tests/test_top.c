// SPDX-License-Identifier: GPL-2.0
/* `oomtrace top` on a recorded module directory: order, limits, estimates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/commands.h"
#include "helpers.h"
#include "tmpdir.h"

static char *top_string(const char *dir, size_t limit, enum top_sort sort, int *rc)
{
	struct top_opts o = { .dir = dir, .limit = limit, .sort = sort };
	FILE *out = tmpfile(), *err = tmpfile();
	char *s;
	long n;

	assert_non_null(out);
	assert_non_null(err);
	*rc = top_run(&o, out, err);
	n = ftell(out);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	rewind(out);
	assert_int_equal(fread(s, 1, (size_t)n, out), (size_t)n);
	s[n] = '\0';
	fclose(out);
	fclose(err);
	return s;
}

/* Asserts that the names appear in this order. */
static void in_order(const char *text, const char *const *names, size_t n)
{
	const char *prev = text;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *p = strstr(text, names[i]);

		if (!p || p < prev)
			fail_msg("'%s' missing or out of order in:\n%s", names[i], text);
		prev = p;
	}
}

static void sorted_by_bytes(void **state)
{
	static const char *const want[] = {
		"  packet_sendmsg+0x7ea/0x15f0\n", "fixture_nic_gen_skb+0x2e/0x160 [fixture_nic]\n",
		"fixture_skb_leak_alloc+0x89/0xbe [fixture_skb_leak]\n",
		"fixture_frag_rx_refill+0x32/0x54 [fixture_frag_leak]\n",
		"fixture_bt_event_clone+0x25/0x4d [fixture_clone_leak]\n",
		"ndisc_alloc_skb+0x3f/0xb0\n", "fixture_bt_event_alloc+0x1a/0x47 [fixture_clone_leak]\n",
	};
	int rc;
	char *s = top_string(FIXTURE_DIR "/module", 0, TOP_SORT_BYTES, &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_non_null(strstr(s, "callsites holding memory: 7 of 22, by outstanding bytes\n"));
	in_order(s, want, 7);
	assert_non_null(strstr(s, "         375       300     3.1s skb        +375  packet_sendmsg"));
	assert_non_null(strstr(s, "from __sock_sendmsg+0x5f/0x70 __sys_sendto+0x122/0x170"));
	/* callsites holding nothing are not listed */
	assert_null(strstr(s, "rtmsg_ifinfo_build_skb"));
	free(s);
}

static void sorted_by_count_and_age(void **state)
{
	static const char *const by_count[] = {
		"packet_sendmsg", "fixture_nic_gen_skb", "fixture_skb_leak_alloc", "fixture_frag_rx_refill",
		"fixture_bt_event_clone", "ndisc_alloc_skb", "fixture_bt_event_alloc",
	};
	/* 4720, 4696 (15360 bytes before 1280), 4696, 4672, 4572, 4552, 3120 ms */
	static const char *const by_age[] = {
		"fixture_skb_leak_alloc", "fixture_bt_event_clone", "fixture_bt_event_alloc",
		"fixture_frag_rx_refill", "ndisc_alloc_skb", "fixture_nic_gen_skb", "packet_sendmsg",
	};
	int rc;
	char *s = top_string(FIXTURE_DIR "/module", 0, TOP_SORT_COUNT, &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_non_null(strstr(s, ", by live objects\n"));
	in_order(s, by_count, 7);
	free(s);
	s = top_string(FIXTURE_DIR "/module", 0, TOP_SORT_AGE, &rc);
	assert_non_null(strstr(s, ", by age of the oldest\n"));
	in_order(s, by_age, 7);
	free(s);
}

static void limit_says_how_many_more(void **state)
{
	int rc;
	char *s = top_string(FIXTURE_DIR "/module", 2, TOP_SORT_BYTES, &rc);

	(void)state;
	assert_non_null(strstr(s, "packet_sendmsg"));
	assert_non_null(strstr(s, "fixture_nic_gen_skb"));
	assert_null(strstr(s, "fixture_skb_leak_alloc"));
	assert_non_null(strstr(s, "  (5 more; -n 0 shows all)\n"));
	free(s);
}

static void devices_in_flight_are_listed(void **state)
{
	int rc;
	char *s = top_string(FIXTURE_DIR "/module", 10, TOP_SORT_BYTES, &rc);

	(void)state;
	assert_non_null(strstr(s, "\nnetwork devices with transmits in flight:\n"));
	assert_non_null(strstr(s, "  vb0             stuck          300        375     3.1s        306          6  2.6s ago\n"));
	assert_non_null(strstr(s, "  fxnic0          stuck           52        114     4.6s         52          0  never\n"));
	assert_non_null(strstr(s, "  (2 idle devices not shown)\n"));
	assert_null(strstr(s, "veth0"));
	free(s);
}

static void sampled_counts_are_scaled(void **state)
{
	const char *cs = "# oomtrace-callsites v1: kind live live_bytes allocs frees oldest_ms first_ms sample_every trend_kb site | stack\n"
			 "skb 10 20480 10 0 1500 1500 4 5,20 drv_rx_refill+0x10/0x80 [drv] | napi_poll+0x1/0x2\n"
			 "skb 0 0 3 3 0 900 4 - other+0x1/0x2 | \n";
	int rc;
	char *dir = tmpdir_module("callsites", cs);
	char *s = top_string(dir, 10, TOP_SORT_BYTES, &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_non_null(strstr(s, "callsites holding memory: 1 of 2, by outstanding bytes\n"));
	assert_non_null(strstr(s, "sampling 1 in 4 allocations: counts and sizes are estimates (x4)\n"));
	assert_non_null(strstr(s, "          80        40     1.5s skb         +60  drv_rx_refill+0x10/0x80 [drv]\n"));
	free(s);
	tmpdir_remove(dir);
}

static void nothing_outstanding(void **state)
{
	const char *cs = "# oomtrace-callsites v1: kind live live_bytes allocs frees oldest_ms first_ms sample_every trend_kb site | stack\n";
	int rc;
	char *dir = tmpdir_module("callsites", cs);
	char *s = top_string(dir, 10, TOP_SORT_BYTES, &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_non_null(strstr(s, "callsites holding memory: 0 of 0, by outstanding bytes\n  nothing outstanding\n"));
	free(s);
	tmpdir_remove(dir);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(sorted_by_bytes),
	cmocka_unit_test(sorted_by_count_and_age),
	cmocka_unit_test(limit_says_how_many_more),
	cmocka_unit_test(devices_in_flight_are_listed),
	cmocka_unit_test(sampled_counts_are_scaled),
	cmocka_unit_test(nothing_outstanding),
};

TEST_GROUP(group_top, "top", tests);
