// SPDX-License-Identifier: GPL-2.0
/*
 * Tiny JSON writer. Log text is arbitrary bytes, so strings are checked
 * as UTF-8 on the way out and invalid sequences become U+FFFD: the output
 * must stay parseable whatever the input was.
 */
#include <math.h>
#include <string.h>

#include "lib/json.h"

void json_init(struct json_out *j, FILE *fp)
{
	memset(j, 0, sizeof(*j));
	j->fp = fp;
}

static void newline_indent(struct json_out *j)
{
	int i;

	fputc('\n', j->fp);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->fp);
}

/* Called before every value and key: places the comma and indentation. */
static void before_item(struct json_out *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (j->has_items[j->depth - 1])
		fputc(',', j->fp);
	j->has_items[j->depth - 1] = true;
	newline_indent(j);
}

static void open_container(struct json_out *j, char open, char close)
{
	before_item(j);
	fputc(open, j->fp);
	if (j->depth >= JSON_MAX_DEPTH) {
		j->too_deep++;
		return;
	}
	j->closer[j->depth] = close;
	j->has_items[j->depth++] = false;
}

static void close_container(struct json_out *j, char c)
{
	if (j->too_deep > 0) {
		j->too_deep--;
	} else if (j->depth > 0) {
		bool had = j->has_items[j->depth - 1];

		j->depth--;
		if (had)
			newline_indent(j);
	}
	fputc(c, j->fp);
}

void json_obj_begin(struct json_out *j)
{
	open_container(j, '{', '}');
}

void json_obj_end(struct json_out *j)
{
	close_container(j, '}');
}

void json_arr_begin(struct json_out *j)
{
	open_container(j, '[', ']');
}

void json_arr_end(struct json_out *j)
{
	close_container(j, ']');
}

void json_key(struct json_out *j, const char *key)
{
	before_item(j);
	json_escape(j->fp, key, strlen(key));
	fputs(": ", j->fp);
	j->after_key = true;
}

/* Length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static size_t utf8_seq_len(const unsigned char *s, size_t avail)
{
	size_t n, i;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n > avail)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

void json_escape(FILE *fp, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n;

	fputc('"', fp);
	while (i < len) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\') {
			fputc('\\', fp);
			fputc(c, fp);
			i++;
		} else if (c == '\n') {
			fputs("\\n", fp);
			i++;
		} else if (c == '\t') {
			fputs("\\t", fp);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			fprintf(fp, "\\u%04x", c);
			i++;
		} else if ((n = utf8_seq_len(s + i, len - i)) == 0) {
			fputs("\\ufffd", fp);
			i++;
		} else {
			fwrite(s + i, 1, n, fp);
			i += n;
		}
	}
	fputc('"', fp);
}

void json_strn(struct json_out *j, const char *s, size_t len)
{
	before_item(j);
	json_escape(j->fp, s, len);
}

void json_str(struct json_out *j, const char *s)
{
	if (!s) {
		json_null(j);
		return;
	}
	json_strn(j, s, strlen(s));
}

void json_u64(struct json_out *j, uint64_t v)
{
	before_item(j);
	fprintf(j->fp, "%llu", (unsigned long long)v);
}

void json_i64(struct json_out *j, int64_t v)
{
	before_item(j);
	fprintf(j->fp, "%lld", (long long)v);
}

void json_double(struct json_out *j, double v)
{
	if (!isfinite(v)) {
		json_null(j);
		return;
	}
	before_item(j);
	fprintf(j->fp, "%.4g", v);
}

void json_bool(struct json_out *j, bool v)
{
	before_item(j);
	fputs(v ? "true" : "false", j->fp);
}

void json_null(struct json_out *j)
{
	before_item(j);
	fputs("null", j->fp);
}

void json_end(struct json_out *j)
{
	while (j->too_deep > 0)
		close_container(j, '}');
	while (j->depth > 0)
		close_container(j, j->closer[j->depth - 1]);
	fputc('\n', j->fp);
}

void json_kv_str(struct json_out *j, const char *key, const char *s)
{
	json_key(j, key);
	json_str(j, s);
}

void json_kv_nonempty(struct json_out *j, const char *key, const char *s)
{
	json_kv_str(j, key, s && s[0] ? s : NULL);
}

void json_kv_u64(struct json_out *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_u64(j, v);
}

void json_kv_i64(struct json_out *j, const char *key, int64_t v)
{
	json_key(j, key);
	json_i64(j, v);
}

void json_kv_u64_or_null(struct json_out *j, const char *key, uint64_t v)
{
	if (v == UINT64_MAX) {
		json_key(j, key);
		json_null(j);
	} else {
		json_kv_u64(j, key, v);
	}
}

void json_kv_i64_or_null(struct json_out *j, const char *key, int64_t v)
{
	if (v == INT64_MIN) {
		json_key(j, key);
		json_null(j);
	} else {
		json_kv_i64(j, key, v);
	}
}
