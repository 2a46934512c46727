// SPDX-License-Identifier: GPL-2.0
/*
 * Decimal numbers from untrusted text, without strtoull: its locale, its
 * leading blanks and signs, and errno are each a way to read "-1" or
 * " 12" as a count.
 */
#include "lib/num.h"

enum num_scan num_scan_u64(const char *s, const char **end, uint64_t *out)
{
	enum num_scan r = NUM_OK;
	uint64_t v = 0;

	if (!num_is_digit(*s))
		return NUM_NONE;
	for (; num_is_digit(*s); s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (r == NUM_OVERFLOW)
			continue;
		if (v > (UINT64_MAX - d) / 10) {
			v = UINT64_MAX;
			r = NUM_OVERFLOW;
		} else {
			v = v * 10 + d;
		}
	}
	*out = v;
	if (end)
		*end = s;
	return r;
}

bool num_u64(const char *s, uint64_t *out)
{
	const char *end;
	uint64_t v;

	if (num_scan_u64(s, &end, &v) != NUM_OK || *end)
		return false;
	*out = v;
	return true;
}

bool num_i64(const char *s, int64_t *out)
{
	bool neg = *s == '-';
	uint64_t v;

	if (!num_u64(s + neg, &v))
		return false;
	if (v > (uint64_t)INT64_MAX + neg)
		return false;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return true;
}
