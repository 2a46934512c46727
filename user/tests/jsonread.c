// SPDX-License-Identifier: GPL-2.0
/*
 * A small JSON parser for the tests, to read values out of the documents
 * the reader writes ("module.oom.2.gfp"). Checking them against the
 * schema is python3-jsonschema's job (schema_check.py).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"

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
