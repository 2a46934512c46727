/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_NUM_H
#define _OOMTRACE_NUM_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The one decimal scanner. What an overflow means is the caller's choice,
 * made by which function it calls: figures from a kernel log are clamped
 * (num_scan_u64 gives UINT64_MAX and says so), fields of the module's
 * files and of command lines are refused (num_u64).
 */
enum num_scan {
	NUM_NONE,	/* no digit at s */
	NUM_OK,
	NUM_OVERFLOW,	/* digits past UINT64_MAX: *out is UINT64_MAX */
};

static inline bool num_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 0-15, or -1 for a byte that is not a hex digit */
static inline int num_hex_digit(char c)
{
	if (num_is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Leading digits of s; *end (if given) is the first byte after them. */
enum num_scan num_scan_u64(const char *s, const char **end, uint64_t *out);

/* The whole of s is one number that fits: "", "12x", "-1" and overflow fail. */
bool num_u64(const char *s, uint64_t *out);
/* As num_u64, with an optional '-'; INT64_MIN fits. */
bool num_i64(const char *s, int64_t *out);

#endif /* _OOMTRACE_NUM_H */
