// SPDX-License-Identifier: GPL-2.0
/*
 * Bounded scanning of the "key:value" and "key=value" tokens the kernel
 * prints in OOM reports. Log lines are untrusted: every loop stops at the
 * terminating NUL and every copy is bounded by the destination size.
 */
#include <string.h>

#include "lib/kv.h"
#include "lib/num.h"

static bool is_word(char c)
{
	return num_is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '_';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Log figures past the scale are clamped, never wrapped: see num.h. */
bool kv_parse_u64(const char *s, const char **end, uint64_t *out)
{
	uint64_t v;

	if (num_scan_u64(s, end, &v) == NUM_NONE)
		return false;
	*out = v > KV_U64_SAT ? KV_U64_SAT : v;
	return true;
}

bool kv_parse_i64(const char *s, const char **end, int64_t *out)
{
	bool neg = *s == '-';
	uint64_t v;

	if (neg || *s == '+')
		s++;
	if (!kv_parse_u64(s, end, &v))
		return false;
	if (v > (uint64_t)INT64_MAX)
		v = (uint64_t)INT64_MAX;
	*out = neg ? -(int64_t)v : (int64_t)v;
	return true;
}

bool kv_parse_hex(const char *s, const char **end, uint64_t *out)
{
	uint64_t v = 0;
	int d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (num_hex_digit(*s) < 0)
		return false;
	for (; (d = num_hex_digit(*s)) >= 0; s++)
		v = v > (KV_U64_SAT >> 4) ? KV_U64_SAT : (v << 4) | (uint64_t)d;
	*out = v;
	if (end)
		*end = s;
	return true;
}

static bool is_token_end(char c)
{
	return c == '\0' || is_blank(c) || c == ',' || c == ')' || c == ';';
}

/* Try to read one token at p; on success fill kv and return its end. */
static const char *kv_token(const char *p, char sep, struct kv *kv)
{
	const char *key = p, *q;

	while (*p && !is_blank(*p) && *p != ',' && *p != sep)
		p++;
	if (*p != sep || p == key)
		return NULL;
	kv->key = key;
	kv->key_len = (size_t)(p - key);
	q = p + 1;
	kv->neg = *q == '-';
	if (kv->neg)
		q++;
	if (!kv_parse_u64(q, &q, &kv->value))
		return NULL;
	kv->unit = q;
	while (is_alpha(*q))
		q++;
	kv->unit_len = (size_t)(q - kv->unit);
	if (!is_token_end(*q))
		return NULL;
	kv->last = *kv_skip_blanks(q) == '\0';
	return q;
}

bool kv_next(const char **pos, char sep, struct kv *kv)
{
	const char *p = *pos, *end;

	while (*p) {
		while (is_blank(*p) || *p == ',')
			p++;
		if (!*p)
			break;
		end = kv_token(p, sep, kv);
		if (end) {
			*pos = end;
			return true;
		}
		while (*p && !is_blank(*p) && *p != ',')
			p++;
	}
	*pos = p;
	return false;
}

bool kv_key_is(const struct kv *kv, const char *key)
{
	size_t n = strlen(key);

	return kv->key_len == n && memcmp(kv->key, key, n) == 0;
}

bool kv_unit_is_kb(const struct kv *kv)
{
	return kv->unit_len == 2 && (kv->unit[0] == 'k' || kv->unit[0] == 'K') &&
	       (kv->unit[1] == 'B' || kv->unit[1] == 'b');
}

/*
 * Find key as a whole word followed by sep; a blank sep accepts one or more
 * blanks. Returns the first character of the value.
 */
const char *kv_find(const char *s, const char *key, char sep)
{
	size_t n = strlen(key);
	const char *p = s;

	if (!n)
		return NULL;
	while ((p = strstr(p, key)) != NULL) {
		const char *v = p + n;
		bool word_start = p == s || !is_word(p[-1]);

		p++;
		if (!word_start)
			continue;
		if (sep == ' ') {
			if (!is_blank(*v))
				continue;
			return kv_skip_blanks(v);
		}
		if (*v == sep)
			return v + 1;
	}
	return NULL;
}

bool kv_find_u64(const char *s, const char *key, char sep, uint64_t *out)
{
	const char *v = kv_find(s, key, sep);

	return v && kv_parse_u64(kv_skip_blanks(v), NULL, out);
}

bool kv_find_i64(const char *s, const char *key, char sep, int64_t *out)
{
	const char *v = kv_find(s, key, sep);

	return v && kv_parse_i64(kv_skip_blanks(v), NULL, out);
}

bool kv_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

const char *kv_skip_blanks(const char *s)
{
	while (is_blank(*s))
		s++;
	return s;
}

size_t kv_copy(char *dst, size_t dstsz, const char *src, size_t len)
{
	if (!dstsz)
		return 0;
	if (len >= dstsz)
		len = dstsz - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
	return len;
}

size_t kv_copy_until(char *dst, size_t dstsz, const char *src, const char *stops)
{
	return kv_copy(dst, dstsz, src, strcspn(src, stops));
}
