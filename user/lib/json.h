/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_JSON_H
#define _OOMTRACE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

/*
 * A streaming JSON writer: two-space indented output, commas placed for
 * the caller, strings escaped and forced to valid UTF-8.
 */
struct json_out {
	FILE *fp;
	int depth;
	bool has_items[JSON_MAX_DEPTH];
	char closer[JSON_MAX_DEPTH];
	int too_deep;		/* levels opened past JSON_MAX_DEPTH */
	bool after_key;
};

void json_init(struct json_out *j, FILE *fp);
void json_obj_begin(struct json_out *j);
void json_obj_end(struct json_out *j);
void json_arr_begin(struct json_out *j);
void json_arr_end(struct json_out *j);
void json_key(struct json_out *j, const char *key);
void json_str(struct json_out *j, const char *s);
void json_strn(struct json_out *j, const char *s, size_t len);
void json_u64(struct json_out *j, uint64_t v);
void json_i64(struct json_out *j, int64_t v);
void json_double(struct json_out *j, double v);
void json_bool(struct json_out *j, bool v);
void json_null(struct json_out *j);
void json_end(struct json_out *j);

/*
 * "key": value in one call. Missing is null in each: a NULL string, and
 * for the _or_null forms the "not known" value (UINT64_MAX, INT64_MIN).
 * json_kv_str writes "" as ""; json_kv_nonempty is for fixed-size text
 * fields where "" means "not given", and writes it as null.
 */
void json_kv_str(struct json_out *j, const char *key, const char *s);
void json_kv_nonempty(struct json_out *j, const char *key, const char *s);
void json_kv_u64(struct json_out *j, const char *key, uint64_t v);
void json_kv_i64(struct json_out *j, const char *key, int64_t v);
void json_kv_u64_or_null(struct json_out *j, const char *key, uint64_t v);
void json_kv_i64_or_null(struct json_out *j, const char *key, int64_t v);

void json_escape(FILE *fp, const char *s, size_t len);

#endif /* _OOMTRACE_JSON_H */
