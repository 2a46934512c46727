/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_ROWS_H
#define _OOMTRACE_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#define RD_MAX_LINE 8192
#define RD_MAX_ROWS (1u << 20)

/* One line saying what went wrong, without the "oomtrace: " prefix. */
struct rd_err {
	char msg[512];
};

void rd_errorf(struct rd_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static inline bool rd_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Bounded line splitting that refuses NUL bytes and overlong lines. */
struct rd_lines {
	const char *buf;
	size_t len, pos;
	unsigned long lineno;
	const char *label;		/* the file, as named in messages */
	char line[RD_MAX_LINE];
};

/* NULL (err says so) when out of memory; rd_lines_close() frees. */
struct rd_lines *rd_lines_open(const char *buf, size_t len, const char *label,
			       struct rd_err *err);
void rd_lines_close(struct rd_lines *it);
/* 1: it->line holds the next line; 0: end of input; -1: err is set. */
int rd_next_line(struct rd_lines *it, struct rd_err *err);

/* Whitespace-separated fields of one line, in place. */
#define RD_MAX_FIELDS 24
struct rd_fields {
	size_t nr;
	char *v[RD_MAX_FIELDS];
	char *rest;			/* after field nr, leading blanks skipped */
};

void rd_split(char *line, size_t max, struct rd_fields *f);

/* A name token: letters, digits, '_', '-', '.', at most max-1 bytes. */
bool rd_word(const char *s, size_t max);

/* Room for row nr in *v (doubling); false past RD_MAX_ROWS or out of memory. */
bool rd_grow(void **v, size_t *cap, size_t nr, size_t sz);

#endif /* _OOMTRACE_ROWS_H */
