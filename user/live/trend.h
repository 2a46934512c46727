/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_TREND_H
#define _OOMTRACE_TREND_H

#include <stddef.h>
#include <stdint.h>

/* One reading of a callsite's outstanding bytes or objects. */
struct trend_sample {
	uint64_t t_ns;		/* monotonic time; samples in time order */
	int64_t value;
};

enum trend_kind {
	TREND_NOT_ENOUGH_DATA,
	TREND_STEADY,
	TREND_BURST,		/* grew, then drained back */
	TREND_LEAK,		/* sustained growth */
};

struct trend_params {
	size_t min_samples;	/* below this: TREND_NOT_ENOUGH_DATA */
	int64_t min_rise;	/* smallest growth that counts, in value units */
	double min_rise_frac;	/* ... or this fraction of the level */
	double min_tau;		/* Kendall tau a leak needs */
};

struct trend_result {
	enum trend_kind kind;
	double start;		/* mean of the first quarter */
	double end;		/* mean of the last quarter */
	double peak;		/* highest eighth mean */
	double margin;		/* the growth that counted as meaningful */
	double tau;		/* Kendall rank correlation with time, -1..1 */
	double rate_per_sec;	/* least-squares slope */
};

void trend_default_params(struct trend_params *p);
enum trend_kind trend_classify(const struct trend_sample *s, size_t n,
			       const struct trend_params *p,
			       struct trend_result *res);
const char *trend_kind_name(enum trend_kind k);

#endif /* _OOMTRACE_TREND_H */
