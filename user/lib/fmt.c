// SPDX-License-Identifier: GPL-2.0
/* Durations, signed sizes and option numbers for the table commands. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/fmt.h"
#include "lib/num.h"

const char *fmt_ms(uint64_t ms, char buf[FMT_LEN])
{
	uint64_t s = ms / 1000;

	if (ms < 1000)
		snprintf(buf, FMT_LEN, "%" PRIu64 "ms", ms);
	else if (s < 60)
		snprintf(buf, FMT_LEN, "%" PRIu64 ".%" PRIu64 "s", s, ms % 1000 / 100);
	else if (s < 3600)
		snprintf(buf, FMT_LEN, "%" PRIu64 "m%02" PRIu64 "s", s / 60, s % 60);
	else if (s < 86400)
		snprintf(buf, FMT_LEN, "%" PRIu64 "h%02" PRIu64 "m", s / 3600, s % 3600 / 60);
	else
		snprintf(buf, FMT_LEN, "%" PRIu64 "d%02" PRIu64 "h", s / 86400, s % 86400 / 3600);
	return buf;
}

const char *fmt_delta(int64_t v, char buf[FMT_LEN])
{
	snprintf(buf, FMT_LEN, v > 0 ? "+%" PRId64 : "%" PRId64, v);
	return buf;
}

uint64_t fmt_mul_sat(uint64_t a, uint64_t b)
{
	if (a && b > UINT64_MAX / a)
		return UINT64_MAX;
	return a * b;
}

uint64_t fmt_add_sat(uint64_t a, uint64_t b, uint64_t max)
{
	if (a >= max || b >= max - a)
		return max;
	return a + b;
}

uint64_t fmt_parse_seconds(const char *s)
{
	uint64_t whole = 0, frac = 0, scale = 1000000000u;
	const char *dot = strchr(s, '.');
	char num[24];
	size_t n = dot ? (size_t)(dot - s) : strlen(s);

	if (n >= sizeof(num) || (!n && !dot))
		return 0;
	memcpy(num, s, n);
	num[n] = '\0';
	if (n && !num_u64(num, &whole))
		return 0;
	if (whole > 1000000000u)
		return 0;
	if (dot) {
		const char *p = dot + 1;

		if (!*p)
			return 0;
		for (; *p; p++) {
			if (*p < '0' || *p > '9')
				return 0;
			scale /= 10;
			frac += (uint64_t)(*p - '0') * scale;
		}
	}
	return whole * 1000000000u + frac;
}

int fmt_parse_count(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v;

	if (!s || !num_u64(s, &v) || v > max)
		return -1;
	*out = v;
	return 0;
}
