// SPDX-License-Identifier: GPL-2.0
/*
 * Leak, burst or steady: the watch command's judgement on one callsite's
 * outstanding memory over time. The series is cut into eighths and their
 * means are compared, so single noisy samples cannot decide; Kendall's
 * tau checks that growth is a trend and not one excursion. README.md
 * states the rule.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "live/trend.h"

#define SEGMENTS 8
/* Kendall's tau is O(n^2): longer series are subsampled evenly. */
#define TAU_POINTS 256

void trend_default_params(struct trend_params *p)
{
	p->min_samples = 8;
	p->min_rise = 1;
	p->min_rise_frac = 0.05;
	p->min_tau = 0.3;
}

const char *trend_kind_name(enum trend_kind k)
{
	switch (k) {
	case TREND_STEADY:
		return "steady";
	case TREND_BURST:
		return "burst";
	case TREND_LEAK:
		return "leak";
	default:
		return "not enough data";
	}
}

static void segment_means(const struct trend_sample *s, size_t n,
			  double seg[SEGMENTS])
{
	size_t i, k;

	for (k = 0; k < SEGMENTS; k++) {
		size_t lo = k * n / SEGMENTS, hi = (k + 1) * n / SEGMENTS;
		double sum = 0;

		for (i = lo; i < hi; i++)
			sum += (double)s[i].value;
		seg[k] = hi > lo ? sum / (double)(hi - lo) : 0;
	}
}

static double kendall_tau(const struct trend_sample *s, size_t n)
{
	size_t m = n < TAU_POINTS ? n : TAU_POINTS, i, j;
	double pairs = (double)m * (double)(m - 1) / 2.0, score = 0;

	for (i = 0; i < m; i++) {
		int64_t vi = s[i * (n - 1) / (m - 1)].value;

		for (j = i + 1; j < m; j++) {
			int64_t vj = s[j * (n - 1) / (m - 1)].value;

			score += (vj > vi) - (vj < vi);
		}
	}
	return pairs > 0 ? score / pairs : 0;
}

static double slope_per_sec(const struct trend_sample *s, size_t n)
{
	double mt = 0, mv = 0, cov = 0, var = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		mt += ((double)s[i].t_ns - (double)s[0].t_ns) / 1e9;
		mv += (double)s[i].value;
	}
	mt /= (double)n;
	mv /= (double)n;
	for (i = 0; i < n; i++) {
		double dt = ((double)s[i].t_ns - (double)s[0].t_ns) / 1e9 - mt;

		cov += dt * ((double)s[i].value - mv);
		var += dt * dt;
	}
	return var > 0 ? cov / var : 0;
}

static double max_of(const double *v, size_t n)
{
	double m = v[0];
	size_t i;

	for (i = 1; i < n; i++)
		m = v[i] > m ? v[i] : m;
	return m;
}

static double min_of(const double *v, size_t n)
{
	double m = v[0];
	size_t i;

	for (i = 1; i < n; i++)
		m = v[i] < m ? v[i] : m;
	return m;
}

/*
 * Leak: the last quarter is above the first by a margin; every eighth of
 * the second half is above every eighth of the first quarter; the second
 * half still grows (a one-time step is not a leak); no more than 30% of
 * the rise has drained from the peak; and tau shows a trend.
 * Burst: the series rose by the margin and then gave back at least 30% of
 * that rise. Anything else is steady.
 */
static enum trend_kind judge(const double seg[SEGMENTS], double tau,
			     const struct trend_params *p, struct trend_result *res)
{
	double start = (seg[0] + seg[1]) / 2, end = (seg[6] + seg[7]) / 2;
	double mid = (seg[4] + seg[5]) / 2, peak = max_of(seg, SEGMENTS);
	double rise = end - start, peak_rise = peak - start;
	double level = fmax(fabs(start), fabs(end));
	double margin = fmax((double)p->min_rise, p->min_rise_frac * level);

	res->start = start;
	res->end = end;
	res->peak = peak;
	res->margin = margin;
	if (rise >= margin && min_of(seg + 4, 4) > max_of(seg, 2) &&
	    end - mid >= rise / 12 && rise >= 0.7 * peak_rise && tau >= p->min_tau)
		return TREND_LEAK;
	if (peak_rise >= margin && peak - end >= 0.3 * peak_rise)
		return TREND_BURST;
	return TREND_STEADY;
}

enum trend_kind trend_classify(const struct trend_sample *s, size_t n,
			       const struct trend_params *p,
			       struct trend_result *res)
{
	struct trend_params def;
	struct trend_result tmp;
	double seg[SEGMENTS];

	if (!p) {
		trend_default_params(&def);
		p = &def;
	}
	if (!res)
		res = &tmp;
	memset(res, 0, sizeof(*res));
	res->kind = TREND_NOT_ENOUGH_DATA;
	if (!s || n < SEGMENTS || n < p->min_samples)
		return res->kind;
	segment_means(s, n, seg);
	res->tau = kendall_tau(s, n);
	res->rate_per_sec = slope_per_sec(s, n);
	res->kind = judge(seg, res->tau, p, res);
	return res->kind;
}
