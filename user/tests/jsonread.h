/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_TEST_JSONREAD_H
#define _OOMTRACE_TEST_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

/* A parsed JSON value, for checking documents in the tests. */
enum jv_type { JV_NULL, JV_BOOL, JV_NUMBER, JV_STRING, JV_ARRAY, JV_OBJECT };

struct jv {
	enum jv_type type;
	bool b;
	double num;
	bool is_int;		/* written without fraction or exponent */
	char *str;		/* JV_STRING; escapes decoded only for \" \\ \/ \n \t */
	size_t n;		/* items or members */
	struct jv **items;
	char **keys;		/* JV_OBJECT */
};

struct jv *jv_parse(const char *s, size_t len);
void jv_free(struct jv *v);
const struct jv *jv_get(const struct jv *obj, const char *key);
/* "a.b.0.c": members by name, array items by index */
const struct jv *jv_path(const struct jv *root, const char *path);

#endif /* _OOMTRACE_TEST_JSONREAD_H */
