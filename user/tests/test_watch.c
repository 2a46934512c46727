// SPDX-License-Identifier: GPL-2.0
/*
 * `oomtrace watch` on sample series recorded in the test VM (one sample a
 * second): a TX burst on a slow NIC that drains is a burst, not a leak;
 * a stuck NIC that keeps taking skbs is a slow monotonic climb, a leak.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "live/moddir.h"
#include "live/watch.h"

#define SERIES 16
#define SEC 1000000000ULL
#define NIC_SITE "fixture_nic_gen_skb+0x2e/0x160 [fixture_nic]"

static void load_series(struct watch *w, const char *name)
{
	char dir[512];
	int i;

	watch_init(w);
	for (i = 1; i <= SERIES; i++) {
		struct mf_callsites cs;
		struct mf_netdevs nd;
		struct rd_err e;

		snprintf(dir, sizeof(dir), "%s/module/%s/%02d", FIXTURE_DIR, name, i);
		if (md_load_callsites(dir, &cs, &e) || md_load_netdev(dir, &nd, &e))
			fail_msg("%s", e.msg);
		assert_int_equal(watch_add(w, (uint64_t)i * SEC, &cs, &nd), 0);
		mf_callsites_free(&cs);
		mf_netdevs_free(&nd);
	}
}

static const struct watch_series *find(const struct watch_set *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->v[i].name, name))
			return &s->v[i];
	fail_msg("no series %s", name);
	return NULL;
}

static void burst_that_drains_is_not_a_leak(void **state)
{
	struct trend_result res;
	struct watch w;
	const struct watch_series *s;
	size_t i;

	(void)state;
	load_series(&w, "watch-burst");
	assert_int_equal(w.samples, SERIES);
	s = find(&w.sites, NIC_SITE);
	assert_int_equal(watch_value(&w, s, SERIES - 1), 0);	/* before the burst */
	assert_int_equal(watch_value(&w, s, 0), 0);		/* drained */
	assert_int_equal(watch_judge(&w, s, false, &res), TREND_BURST);
	assert_true(res.peak > 400 * 1024);
	assert_int_equal(watch_judge(&w, find(&w.devs, "fxnic1"), true, &res), TREND_BURST);
	for (i = 0; i < w.sites.nr; i++)
		assert_int_not_equal(watch_judge(&w, &w.sites.v[i], false, &res), TREND_LEAK);
	watch_free(&w);
}

static void slow_monotonic_climb_is_a_leak(void **state)
{
	struct trend_result res;
	struct watch w;
	const struct watch_series *s;

	(void)state;
	load_series(&w, "watch-leak");
	s = find(&w.sites, NIC_SITE);
	assert_true(watch_value(&w, s, 0) > watch_value(&w, s, SERIES - 1));
	assert_int_equal(watch_judge(&w, s, false, &res), TREND_LEAK);
	assert_true(res.tau > 0.9);
	/* 6 skbs of 2304 bytes a second */
	assert_true(res.rate_per_sec > 12000 && res.rate_per_sec < 15000);
	s = find(&w.devs, "fxnic0");
	assert_int_equal(watch_judge(&w, s, true, &res), TREND_LEAK);
	assert_int_equal(watch_value(&w, s, 0), 96);
	assert_string_equal(s->state, "stuck");
	assert_int_equal(s->completions - s->completions_first, 0);
	watch_free(&w);
}

static void min_rise_decides_what_counts(void **state)
{
	struct trend_result res;
	struct watch w;

	(void)state;
	load_series(&w, "watch-leak");
	/* the climb is ~160 kB over the series: not enough for a 1 MiB margin */
	w.site_params.min_rise = 1024 * 1024;
	assert_int_not_equal(watch_judge(&w, find(&w.sites, NIC_SITE), false, &res), TREND_LEAK);
	watch_free(&w);
}

static void missing_rows_count_as_zero(void **state)
{
	struct mf_callsite row = { .kind = "skb", .live = 2, .live_bytes = 100000, .sample_every = 1,
				   .site = "late+0x1/0x2", .stack = "" };
	struct mf_callsites one = { .v = &row, .nr = 1 }, none = { 0 };
	struct watch w;

	(void)state;
	watch_init(&w);
	watch_add(&w, 1, &none, NULL);
	watch_add(&w, 2, &one, NULL);
	watch_add(&w, 3, &none, NULL);
	assert_int_equal(w.sites.nr, 1);
	assert_int_equal(watch_value(&w, &w.sites.v[0], 0), 0);
	assert_int_equal(watch_value(&w, &w.sites.v[0], 1), 100000);
	assert_int_equal(watch_value(&w, &w.sites.v[0], 2), 0);
	assert_false(w.sites.v[0].present);
	watch_free(&w);
}

/* Found by fuzz_callsites: a repeated row with huge sizes overflowed the sum. */
static void repeated_rows_saturate(void **state)
{
	struct mf_callsite rows[2] = {
		{ .kind = "skb", .live = 1, .live_bytes = INT64_MAX, .sample_every = 1,
		  .site = "big+0x1/0x2", .stack = "" },
		{ .kind = "skb", .live = 1, .live_bytes = INT64_MAX, .sample_every = 3,
		  .site = "big+0x1/0x2", .stack = "" },
	};
	struct mf_callsites cs = { .v = rows, .nr = 2 };
	struct watch w;

	(void)state;
	watch_init(&w);
	watch_add(&w, 1, &cs, NULL);
	assert_int_equal(w.sites.nr, 1);
	assert_true(watch_value(&w, &w.sites.v[0], 0) == INT64_MAX);
	assert_int_equal(w.sites.v[0].live, 4);
	watch_free(&w);
}

static char *run_watch(const char *series, bool files, int *st, char **err)
{
	const char *argv[8 + 2 * SERIES] = { OOMTRACE_BIN, "watch", "-i", "1", "-n", "2", "--replay" };
	static char paths[2 * SERIES][512];
	size_t n = 7;
	int i;

	for (i = 1; i <= SERIES; i++) {
		snprintf(paths[2 * i - 2], sizeof(paths[0]), "%s/module/%s/%02d%s", FIXTURE_DIR,
			 series, i, files ? "/callsites" : "");
		argv[n++] = paths[2 * i - 2];
		if (files) {
			snprintf(paths[2 * i - 1], sizeof(paths[0]), "%s/module/%s/%02d/netdev",
				 FIXTURE_DIR, series, i);
			argv[n++] = paths[2 * i - 1];
		}
	}
	argv[n] = NULL;
	return run_program(argv, NULL, st, err);
}

static void replay_cli_marks_leak_only_for_the_climb(void **state)
{
	char *out, *err;
	int st;

	(void)state;
	out = run_watch("watch-burst", false, &st, &err);
	assert_int_equal(st, 0);
	assert_string_equal(err, "");
	assert_non_null(strstr(out, "\nwatch: 16 samples over 15.0s; a leak must rise by at least 64 kB\n"));
	assert_non_null(strstr(out, "\nburst  skb " NIC_SITE ": rose to "));
	assert_non_null(strstr(out, "\nburst  fxnic1: rose to "));
	assert_non_null(strstr(out, "\n0 callsites leaking, 0 devices with growing transmits in flight, 2 bursts\n"));
	assert_null(strstr(out, "LEAK"));
	free(out);
	free(err);

	out = run_watch("watch-leak", true, &st, &err);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "sample 16 at +15.0s: 1 callsites hold 216 kB"));
	assert_non_null(strstr(out, " LEAK    skb " NIC_SITE "\n"));
	assert_non_null(strstr(out, "\nLEAK   skb " NIC_SITE ": "));
	assert_non_null(strstr(out, "\nLEAK   fxnic0: "));
	assert_non_null(strstr(out, "\n1 callsite leaking, 1 device with growing transmits in flight, 0 bursts\n"));
	free(out);
	free(err);
}

static void replay_errors(void **state)
{
	const char *few[] = { OOMTRACE_BIN, "watch", "--replay", FIXTURE_DIR "/module/callsites",
			      FIXTURE_DIR "/module/netdev", FIXTURE_DIR "/module/callsites", NULL };
	const char *bad[] = { OOMTRACE_BIN, "watch", "--replay", FIXTURE_DIR "/module/netdev", NULL };
	const char *v2[] = { OOMTRACE_BIN, "watch", "--replay", FIXTURE_DIR "/module/callsites",
			     FIXTURE_DIR "/module/callsites-v2", NULL };
	char *out, *err;
	int st;

	(void)state;
	out = run_program(few, NULL, &st, &err);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "not enough samples to judge: 2 of the 8 the leak rule needs\n"));
	free(out);
	free(err);
	out = run_program(bad, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_string_equal(err, "oomtrace: " FIXTURE_DIR "/module/netdev: a netdev file must follow a callsites file\n");
	free(out);
	free(err);
	out = run_program(v2, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_string_equal(err, "oomtrace: " FIXTURE_DIR "/module/callsites-v2: format v2, this reader understands v1\n");
	/* the samples before the bad one are still summarized */
	assert_non_null(strstr(out, "\nwatch: 1 sample over 0ms"));
	free(out);
	free(err);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(burst_that_drains_is_not_a_leak),
	cmocka_unit_test(slow_monotonic_climb_is_a_leak),
	cmocka_unit_test(min_rise_decides_what_counts),
	cmocka_unit_test(missing_rows_count_as_zero),
	cmocka_unit_test(repeated_rows_saturate),
	cmocka_unit_test(replay_cli_marks_leak_only_for_the_climb),
	cmocka_unit_test(replay_errors),
};

TEST_GROUP(group_watch, "watch", tests);
