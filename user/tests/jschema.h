/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_TEST_JSCHEMA_H
#define _OOMTRACE_TEST_JSCHEMA_H

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

/*
 * Validates doc against schema, for the subset of JSON Schema 2020-12
 * that docs/snapshot-schema.json uses: type (one or a list), required,
 * properties, additionalProperties (boolean or schema), items, enum of
 * strings or integers, minimum, and $ref to "#/$defs/NAME". Unknown
 * keywords fail, so the schema cannot use one this checker ignores.
 * On failure err says where.
 */
bool jv_validate(const struct jv *doc, const struct jv *schema, char *err, size_t errsz);

#endif /* _OOMTRACE_TEST_JSCHEMA_H */
