// SPDX-License-Identifier: GPL-2.0
/* The watch command's leak rule on synthetic series. */
#include <stdlib.h>

#include "helpers.h"
#include "live/trend.h"

#define N 60
#define SEC 1000000000ULL

static uint32_t rng = 42;

/* Uniform noise in [-amp, amp], deterministic across runs. */
static int64_t noise(int64_t amp)
{
	rng = rng * 1664525u + 1013904223u;
	return (int64_t)(rng >> 8) % (2 * amp + 1) - amp;
}

static enum trend_kind classify(const int64_t *v, size_t n, struct trend_result *res)
{
	struct trend_sample s[4 * N];
	size_t i;

	for (i = 0; i < n; i++) {
		s[i].t_ns = (uint64_t)i * 5 * SEC;
		s[i].value = v[i];
	}
	return trend_classify(s, n, NULL, res);
}

static void burst_that_drains_is_not_a_leak(void **state)
{
	struct trend_result res;
	int64_t v[N];
	int i;

	(void)state;
	for (i = 0; i < N; i++)
		v[i] = 1000000 + (i < 20 ? i * 500000 : i < 35 ? 10000000 - (i - 20) * 600000 : 1000000) +
		       noise(20000);
	assert_int_equal(classify(v, N, &res), TREND_BURST);
}

static void slow_monotonic_climb_is_a_leak(void **state)
{
	struct trend_result res;
	int64_t v[N];
	int i;

	(void)state;
	for (i = 0; i < N; i++)
		v[i] = 50000000 + i * 65536;	/* one 64 KiB page per 5 s */
	assert_int_equal(classify(v, N, &res), TREND_LEAK);
	assert_true(res.tau > 0.99);
	assert_true(res.rate_per_sec > 13000 && res.rate_per_sec < 13200);
}

static void noisy_climb_is_a_leak(void **state)
{
	struct trend_result res;
	int64_t v[N];
	int i;

	(void)state;
	for (i = 0; i < N; i++)
		v[i] = 20000000 + i * 200000 + noise(1500000);
	assert_int_equal(classify(v, N, &res), TREND_LEAK);
}

static void flat_with_noise_is_steady(void **state)
{
	struct trend_result res;
	int64_t v[N];
	int round, i;

	(void)state;
	for (round = 0; round < 20; round++) {
		for (i = 0; i < N; i++)
			v[i] = 30000000 + noise(1500000);
		assert_int_equal(classify(v, N, &res), TREND_STEADY);
	}
}

static void step_up_then_flat_is_not_a_leak(void **state)
{
	struct trend_result res;
	int64_t v[N];
	int i;

	(void)state;
	for (i = 0; i < N; i++)
		v[i] = (i < 15 ? 1000000 : 9000000) + noise(10000);
	assert_int_equal(classify(v, N, &res), TREND_STEADY);
}

static void draining_series_is_steady(void **state)
{
	struct trend_result res;
	int64_t v[N];
	int i;

	(void)state;
	for (i = 0; i < N; i++)
		v[i] = 90000000 - i * 1000000;
	assert_int_equal(classify(v, N, &res), TREND_STEADY);
}

static void climb_that_gives_back_half_is_a_burst(void **state)
{
	struct trend_result res;
	int64_t v[N];
	int i;

	(void)state;
	for (i = 0; i < N; i++)
		v[i] = i < 40 ? i * 100 : 4000 - (i - 40) * 100;
	assert_int_equal(classify(v, N, &res), TREND_BURST);
}

static void too_few_samples(void **state)
{
	struct trend_sample s[7] = { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 4 }, { 4, 5 }, { 5, 6 }, { 6, 7 } };
	struct trend_params p;
	struct trend_result res;

	(void)state;
	assert_int_equal(trend_classify(s, 7, NULL, &res), TREND_NOT_ENOUGH_DATA);
	assert_int_equal(trend_classify(NULL, 100, NULL, NULL), TREND_NOT_ENOUGH_DATA);
	trend_default_params(&p);
	p.min_samples = 50;
	assert_int_equal(trend_classify(s, 7, &p, &res), TREND_NOT_ENOUGH_DATA);
	assert_string_equal(trend_kind_name(TREND_LEAK), "leak");
}

static void small_growth_below_margin_is_steady(void **state)
{
	struct trend_params p;
	struct trend_sample s[N];
	int i;

	(void)state;
	trend_default_params(&p);
	p.min_rise = 1 << 20;	/* callers in bytes ignore growth under 1 MiB */
	for (i = 0; i < N; i++) {
		s[i].t_ns = (uint64_t)i * SEC;
		s[i].value = 100000 + i * 4096;
	}
	assert_int_equal(trend_classify(s, N, &p, NULL), TREND_STEADY);
	p.min_rise = 1;
	assert_int_equal(trend_classify(s, N, &p, NULL), TREND_LEAK);
}

static void extreme_values_and_long_series(void **state)
{
	struct trend_sample *s = calloc(100000, sizeof(*s));
	struct trend_result res;
	int i;

	(void)state;
	assert_non_null(s);
	for (i = 0; i < 100000; i++) {
		s[i].t_ns = UINT64_MAX - (uint64_t)(100000 - i);
		s[i].value = i % 2 ? INT64_MAX : INT64_MIN;
	}
	trend_classify(s, 100000, NULL, &res);
	for (i = 0; i < 100000; i++)
		s[i].value = (int64_t)i * 1000;
	assert_int_equal(trend_classify(s, 100000, NULL, &res), TREND_LEAK);
	free(s);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(burst_that_drains_is_not_a_leak),
	cmocka_unit_test(slow_monotonic_climb_is_a_leak),
	cmocka_unit_test(noisy_climb_is_a_leak),
	cmocka_unit_test(flat_with_noise_is_steady),
	cmocka_unit_test(step_up_then_flat_is_not_a_leak),
	cmocka_unit_test(draining_series_is_steady),
	cmocka_unit_test(climb_that_gives_back_half_is_a_burst),
	cmocka_unit_test(too_few_samples),
	cmocka_unit_test(small_growth_below_margin_is_steady),
	cmocka_unit_test(extreme_values_and_long_series),
};

TEST_GROUP(group_trend, "trend", tests);
