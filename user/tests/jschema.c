// SPDX-License-Identifier: GPL-2.0
/*
 * A small JSON parser and a checker for the part of JSON Schema that
 * docs/snapshot-schema.json uses, so the snapshot test needs nothing
 * beyond cmocka.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jschema.h"

struct jparse {
	const char *s;
	size_t i, n;
	int depth;
};

static void skip_ws(struct jparse *p)
{
	while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]))
		p->i++;
}

static struct jv *new_value(enum jv_type t)
{
	struct jv *v = calloc(1, sizeof(*v));

	if (v)
		v->type = t;
	return v;
}

static char *parse_string(struct jparse *p)
{
	size_t cap = 16, len = 0;
	char *out;

	if (p->i >= p->n || p->s[p->i] != '"')
		return NULL;
	out = malloc(cap);
	if (!out)
		return NULL;
	for (p->i++; p->i < p->n; p->i++) {
		char c = p->s[p->i];

		if (c == '"') {
			p->i++;
			out[len] = '\0';
			return out;
		}
		if ((unsigned char)c < 0x20)
			break;
		if (c == '\\') {
			if (++p->i >= p->n)
				break;
			c = p->s[p->i];
			if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
			else if (c == 'u') {
				/* kept as '?': the tests compare ASCII text */
				if (p->i + 4 >= p->n)
					break;
				p->i += 4;
				c = '?';
			} else if (!strchr("\"\\/bfr", c)) {
				break;
			}
		}
		if (len + 2 > cap) {
			char *nb = realloc(out, cap *= 2);

			if (!nb)
				break;
			out = nb;
		}
		out[len++] = c;
	}
	free(out);
	return NULL;
}

static struct jv *parse_value(struct jparse *p);

static bool push(struct jv *v, struct jv *item, char *key)
{
	struct jv **ni = realloc(v->items, (v->n + 1) * sizeof(*ni));
	char **nk;

	if (!ni)
		return false;
	v->items = ni;
	if (v->type == JV_OBJECT) {
		nk = realloc(v->keys, (v->n + 1) * sizeof(*nk));
		if (!nk)
			return false;
		v->keys = nk;
		v->keys[v->n] = key;
	}
	v->items[v->n++] = item;
	return true;
}

static struct jv *parse_container(struct jparse *p, bool object)
{
	struct jv *v = new_value(object ? JV_OBJECT : JV_ARRAY);
	char close = object ? '}' : ']';

	if (!v || ++p->depth > 64)
		goto fail;
	p->i++;
	skip_ws(p);
	if (p->i < p->n && p->s[p->i] == close) {
		p->i++;
		p->depth--;
		return v;
	}
	for (;;) {
		char *key = NULL;
		struct jv *item;

		skip_ws(p);
		if (object) {
			key = parse_string(p);
			if (!key)
				goto fail;
			skip_ws(p);
			if (p->i >= p->n || p->s[p->i++] != ':') {
				free(key);
				goto fail;
			}
		}
		item = parse_value(p);
		if (!item || !push(v, item, key)) {
			free(key);
			jv_free(item);
			goto fail;
		}
		skip_ws(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i] == close) {
			p->i++;
			p->depth--;
			return v;
		}
		goto fail;
	}
fail:
	jv_free(v);
	return NULL;
}

static struct jv *parse_number(struct jparse *p)
{
	size_t start = p->i;
	bool is_int = true;
	struct jv *v;
	char buf[64];

	if (p->i < p->n && p->s[p->i] == '-')
		p->i++;
	while (p->i < p->n && strchr("0123456789.eE+-", p->s[p->i])) {
		if (strchr(".eE", p->s[p->i]))
			is_int = false;
		p->i++;
	}
	if (p->i == start || p->i - start >= sizeof(buf))
		return NULL;
	memcpy(buf, p->s + start, p->i - start);
	buf[p->i - start] = '\0';
	v = new_value(JV_NUMBER);
	if (!v)
		return NULL;
	v->num = strtod(buf, NULL);
	v->is_int = is_int;
	return v;
}

static bool literal(struct jparse *p, const char *w)
{
	size_t l = strlen(w);

	if (p->n - p->i < l || strncmp(p->s + p->i, w, l))
		return false;
	p->i += l;
	return true;
}

static struct jv *parse_value(struct jparse *p)
{
	struct jv *v;

	skip_ws(p);
	if (p->i >= p->n)
		return NULL;
	switch (p->s[p->i]) {
	case '{':
		return parse_container(p, true);
	case '[':
		return parse_container(p, false);
	case '"':
		v = new_value(JV_STRING);
		if (v && !(v->str = parse_string(p))) {
			free(v);
			v = NULL;
		}
		return v;
	case 't':
	case 'f':
		v = new_value(JV_BOOL);
		if (v && literal(p, "true"))
			v->b = true;
		else if (!v || !literal(p, "false")) {
			free(v);
			v = NULL;
		}
		return v;
	case 'n':
		return literal(p, "null") ? new_value(JV_NULL) : NULL;
	default:
		return parse_number(p);
	}
}

struct jv *jv_parse(const char *s, size_t len)
{
	struct jparse p = { s, 0, len, 0 };
	struct jv *v = parse_value(&p);

	skip_ws(&p);
	if (v && p.i != p.n) {
		jv_free(v);
		return NULL;
	}
	return v;
}

void jv_free(struct jv *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		jv_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	free(v);
}

const struct jv *jv_get(const struct jv *obj, const char *key)
{
	size_t i;

	if (!obj || obj->type != JV_OBJECT)
		return NULL;
	for (i = 0; i < obj->n; i++)
		if (!strcmp(obj->keys[i], key))
			return obj->items[i];
	return NULL;
}

const struct jv *jv_path(const struct jv *root, const char *path)
{
	const struct jv *v = root;
	char part[128];

	while (v && *path) {
		size_t n = strcspn(path, ".");

		if (n >= sizeof(part))
			return NULL;
		memcpy(part, path, n);
		part[n] = '\0';
		path += n + (path[n] == '.');
		if (v->type == JV_ARRAY) {
			char *end;
			unsigned long ix = strtoul(part, &end, 10);

			v = *end || ix >= v->n ? NULL : v->items[ix];
		} else {
			v = jv_get(v, part);
		}
	}
	return v;
}

/* ---- the schema checker ---- */

static const char *type_name(const struct jv *v)
{
	switch (v->type) {
	case JV_NULL:
		return "null";
	case JV_BOOL:
		return "boolean";
	case JV_NUMBER:
		return v->is_int ? "integer" : "number";
	case JV_STRING:
		return "string";
	case JV_ARRAY:
		return "array";
	default:
		return "object";
	}
}

static bool type_ok(const struct jv *v, const char *want)
{
	const char *got = type_name(v);

	return !strcmp(got, want) || (!strcmp(want, "number") && !strcmp(got, "integer"));
}

static bool fail(char *err, size_t sz, const char *where, const char *what)
{
	snprintf(err, sz, "%s: %s", where[0] ? where : "(document)", what);
	return false;
}

static bool check(const struct jv *doc, const struct jv *schema, const struct jv *root,
		  const char *where, char *err, size_t sz, int depth);

static const struct jv *resolve_ref(const struct jv *root, const char *ref)
{
	if (strncmp(ref, "#/$defs/", 8))
		return NULL;
	return jv_get(jv_get(root, "$defs"), ref + 8);
}

static bool check_type(const struct jv *doc, const struct jv *t, const char *where,
		       char *err, size_t sz)
{
	char msg[160];
	size_t i;

	if (t->type == JV_STRING) {
		if (type_ok(doc, t->str))
			return true;
		snprintf(msg, sizeof(msg), "is %s, the schema wants %s", type_name(doc), t->str);
		return fail(err, sz, where, msg);
	}
	if (t->type != JV_ARRAY)
		return fail(err, sz, where, "schema: bad 'type'");
	for (i = 0; i < t->n; i++)
		if (t->items[i]->type == JV_STRING && type_ok(doc, t->items[i]->str))
			return true;
	snprintf(msg, sizeof(msg), "is %s, not one of the schema's types", type_name(doc));
	return fail(err, sz, where, msg);
}

static bool check_enum(const struct jv *doc, const struct jv *e, const char *where,
		       char *err, size_t sz)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		const struct jv *x = e->items[i];

		if (x->type == JV_STRING && doc->type == JV_STRING && !strcmp(x->str, doc->str))
			return true;
		if (x->type == JV_NUMBER && doc->type == JV_NUMBER && x->num == doc->num)
			return true;
		if (x->type == JV_NULL && doc->type == JV_NULL)
			return true;
	}
	return fail(err, sz, where, "is not one of the enum values");
}

static bool check_object(const struct jv *doc, const struct jv *schema, const struct jv *root,
			 const char *where, char *err, size_t sz, int depth)
{
	const struct jv *req = jv_get(schema, "required"), *props = jv_get(schema, "properties");
	const struct jv *extra = jv_get(schema, "additionalProperties");
	char sub[512];
	size_t i;

	for (i = 0; req && i < req->n; i++) {
		if (req->items[i]->type != JV_STRING)
			return fail(err, sz, where, "schema: bad 'required'");
		if (!jv_get(doc, req->items[i]->str)) {
			snprintf(sub, sizeof(sub), "lacks the required member '%s'", req->items[i]->str);
			return fail(err, sz, where, sub);
		}
	}
	for (i = 0; i < doc->n; i++) {
		const struct jv *ps = jv_get(props, doc->keys[i]);

		snprintf(sub, sizeof(sub), "%s%s%s", where, where[0] ? "." : "", doc->keys[i]);
		if (!ps && extra && extra->type == JV_BOOL && !extra->b)
			return fail(err, sz, sub, "is not allowed by the schema");
		if (!ps && extra && extra->type == JV_OBJECT)
			ps = extra;
		if (ps && !check(doc->items[i], ps, root, sub, err, sz, depth + 1))
			return false;
	}
	return true;
}

static bool check(const struct jv *doc, const struct jv *schema, const struct jv *root,
		  const char *where, char *err, size_t sz, int depth)
{
	static const char *const known[] = {
		"$schema", "$id", "$comment", "title", "description", "$defs", "$ref", "type",
		"required",
		"properties", "additionalProperties", "items", "enum", "minimum",
	};
	const struct jv *v;
	char sub[512];
	size_t i, k;

	if (depth > 64 || !schema || schema->type != JV_OBJECT)
		return fail(err, sz, where, "schema: not an object, or nested too deep");
	for (i = 0; i < schema->n; i++) {
		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			if (!strcmp(schema->keys[i], known[k]))
				break;
		if (k == sizeof(known) / sizeof(known[0])) {
			snprintf(sub, sizeof(sub), "schema keyword '%s' is not supported by this checker",
				 schema->keys[i]);
			return fail(err, sz, where, sub);
		}
	}
	v = jv_get(schema, "$ref");
	if (v) {
		const struct jv *target = v->type == JV_STRING ? resolve_ref(root, v->str) : NULL;

		if (!target)
			return fail(err, sz, where, "schema: unresolved $ref");
		if (!check(doc, target, root, where, err, sz, depth + 1))
			return false;
	}
	v = jv_get(schema, "type");
	if (v && !check_type(doc, v, where, err, sz))
		return false;
	v = jv_get(schema, "enum");
	if (v && (v->type != JV_ARRAY || !check_enum(doc, v, where, err, sz)))
		return v->type == JV_ARRAY ? false : fail(err, sz, where, "schema: bad 'enum'");
	v = jv_get(schema, "minimum");
	if (v && doc->type == JV_NUMBER && v->type == JV_NUMBER && doc->num < v->num)
		return fail(err, sz, where, "is below the schema's minimum");
	if (doc->type == JV_OBJECT && !check_object(doc, schema, root, where, err, sz, depth))
		return false;
	v = jv_get(schema, "items");
	if (v && doc->type == JV_ARRAY) {
		for (i = 0; i < doc->n; i++) {
			snprintf(sub, sizeof(sub), "%s%s%zu", where, where[0] ? "." : "", i);
			if (!check(doc->items[i], v, root, sub, err, sz, depth + 1))
				return false;
		}
	}
	return true;
}

bool jv_validate(const struct jv *doc, const struct jv *schema, char *err, size_t errsz)
{
	err[0] = '\0';
	return check(doc, schema, schema, "", err, errsz, 0);
}
