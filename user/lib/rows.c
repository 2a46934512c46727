// SPDX-License-Identifier: GPL-2.0
/*
 * Rows of text from files the reader did not write (the module's tables,
 * /proc): bounded lines that refuse NUL bytes, fields split in place,
 * name tokens, row arrays that grow to a limit, and one error message.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/num.h"
#include "lib/rows.h"

void rd_errorf(struct rd_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

/* A name token: letters, digits, '_', '-', '.', at most max-1 bytes. */
bool rd_word(const char *s, size_t max)
{
	size_t n = 0;

	for (; s[n]; n++) {
		char c = s[n];

		if (!(num_is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      c == '_' || c == '-' || c == '.'))
			return false;
	}
	return n > 0 && n < max;
}

/* The line buffer is large: it lives on the heap, not the caller's stack. */
struct rd_lines *rd_lines_open(const char *buf, size_t len, const char *label,
			       struct rd_err *err)
{
	struct rd_lines *it = malloc(sizeof(*it));

	if (!it) {
		rd_errorf(err, "%s: out of memory", label);
		return NULL;
	}
	it->buf = buf;
	it->len = buf ? len : 0;
	it->pos = 0;
	it->lineno = 0;
	it->label = label;
	it->line[0] = '\0';
	return it;
}

void rd_lines_close(struct rd_lines *it)
{
	free(it);
}

/* 1: it->line holds the next line; 0: end of input; -1: err is set. */
int rd_next_line(struct rd_lines *it, struct rd_err *err)
{
	const char *p, *nl;
	size_t n;

	if (it->pos >= it->len)
		return 0;
	p = it->buf + it->pos;
	nl = memchr(p, '\n', it->len - it->pos);
	n = nl ? (size_t)(nl - p) : it->len - it->pos;
	it->pos += n + (nl != NULL);
	it->lineno++;
	if (n && p[n - 1] == '\r')
		n--;
	if (n >= sizeof(it->line)) {
		rd_errorf(err, "%s: line %lu: longer than %zu bytes", it->label,
			  it->lineno, sizeof(it->line) - 1);
		return -1;
	}
	if (memchr(p, '\0', n)) {
		rd_errorf(err, "%s: line %lu: contains a NUL byte", it->label, it->lineno);
		return -1;
	}
	memcpy(it->line, p, n);
	it->line[n] = '\0';
	return 1;
}

/*
 * Split up to max blank-separated fields in place; f->rest is what
 * follows them (leading blanks skipped), "" at the end of the line.
 */
void rd_split(char *line, size_t max, struct rd_fields *f)
{
	char *p = line;

	if (max > RD_MAX_FIELDS)
		max = RD_MAX_FIELDS;
	f->nr = 0;
	while (rd_is_blank(*p))
		p++;
	while (*p && f->nr < max) {
		f->v[f->nr++] = p;
		while (*p && !rd_is_blank(*p))
			p++;
		if (*p)
			*p++ = '\0';
		while (rd_is_blank(*p))
			p++;
	}
	f->rest = p;
}

bool rd_grow(void **v, size_t *cap, size_t nr, size_t sz)
{
	size_t ncap;
	void *nv;

	if (nr < *cap)
		return true;
	if (nr >= RD_MAX_ROWS)
		return false;
	ncap = *cap ? *cap * 2 : 64;
	nv = realloc(*v, ncap * sz);
	if (!nv)
		return false;
	*v = nv;
	*cap = ncap;
	return true;
}
