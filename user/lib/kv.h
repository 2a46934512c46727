/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_KV_H
#define _OOMTRACE_KV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Numbers saturate one below UINT64_MAX so that UINT64_MAX stays free to
 * mean "not in the report".
 */
#define KV_U64_SAT (UINT64_MAX - 1)

static inline uint64_t kv_sat_add(uint64_t a, uint64_t b)
{
	if (a >= KV_U64_SAT || b >= KV_U64_SAT - a)
		return KV_U64_SAT;
	return a + b;
}

static inline uint64_t kv_sat_mul(uint64_t a, uint64_t b)
{
	if (b && a > KV_U64_SAT / b)
		return KV_U64_SAT;
	return a * b;
}

/* One "key<sep>[-]number[unit]" token found in a kernel log line. */
struct kv {
	const char *key;
	size_t key_len;
	uint64_t value;
	bool neg;
	const char *unit;
	size_t unit_len;
	bool last;		/* nothing but blanks follows it */
};

bool kv_parse_u64(const char *s, const char **end, uint64_t *out);
bool kv_parse_i64(const char *s, const char **end, int64_t *out);
bool kv_parse_hex(const char *s, const char **end, uint64_t *out);

bool kv_next(const char **pos, char sep, struct kv *kv);
bool kv_key_is(const struct kv *kv, const char *key);
bool kv_unit_is_kb(const struct kv *kv);

const char *kv_find(const char *s, const char *key, char sep);
bool kv_find_u64(const char *s, const char *key, char sep, uint64_t *out);
bool kv_find_i64(const char *s, const char *key, char sep, int64_t *out);

bool kv_starts(const char *s, const char *prefix);
const char *kv_skip_blanks(const char *s);
size_t kv_copy(char *dst, size_t dstsz, const char *src, size_t len);
size_t kv_copy_until(char *dst, size_t dstsz, const char *src, const char *stops);

#endif /* _OOMTRACE_KV_H */
