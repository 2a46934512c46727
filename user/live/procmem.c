// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/meminfo and /proc/buddyinfo for the snapshot: what the rest of
 * the kernel says about memory, beside what the module attributes.
 */
#include <stdlib.h>
#include <string.h>

#include "live/procmem.h"
#include "lib/num.h"

static bool meminfo_key(const char *s, size_t n)
{
	size_t i;

	if (!n)
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      c == '_' || c == '(' || c == ')' || c == '-'))
			return false;
	}
	return true;
}

/* /proc files of one row per line; blank lines are skipped. */
static int parse_rows(const char *buf, size_t len, const char *label,
		      void **rows, size_t *cap, size_t *nr, size_t row_size,
		      int (*row_fn)(struct rd_lines *it, void *row, struct rd_err *err),
		      struct rd_err *err)
{
	struct rd_lines *it = rd_lines_open(buf, len, label, err);
	int r;

	if (!it)
		return -1;
	while ((r = rd_next_line(it, err)) == 1) {
		if (!it->line[strspn(it->line, " \t")])
			continue;
		if (!rd_grow(rows, cap, *nr, row_size)) {
			rd_errorf(err, "%s: too many lines, or out of memory", label);
			r = -1;
			break;
		}
		if (row_fn(it, (char *)*rows + *nr * row_size, err)) {
			r = -1;
			break;
		}
		(*nr)++;
	}
	rd_lines_close(it);
	return r < 0 ? -1 : 0;
}

static int meminfo_row(struct rd_lines *it, void *row, struct rd_err *err)
{
	struct pm_meminfo_row *r = row;
	char *colon = strchr(it->line, ':');
	struct rd_fields f;
	size_t n;

	memset(r, 0, sizeof(*r));
	n = colon ? (size_t)(colon - it->line) : 0;
	if (!colon || n >= sizeof(r->key) || !meminfo_key(it->line, n))
		goto bad;
	memcpy(r->key, it->line, n);
	r->key[n] = '\0';
	rd_split(colon + 1, 2, &f);
	if (f.nr < 1 || *f.rest || !num_u64(f.v[0], &r->value))
		goto bad;
	if (f.nr == 2) {
		if (strcmp(f.v[1], "kB"))
			goto bad;
		r->kb = true;
	}
	return 0;
bad:
	rd_errorf(err, "%s: line %lu: expected 'Key: value [kB]'", it->label, it->lineno);
	return -1;
}

int pm_parse_meminfo(const char *buf, size_t len, const char *label,
		     struct pm_meminfo *out, struct rd_err *err)
{
	memset(out, 0, sizeof(*out));
	if (!parse_rows(buf, len, label, (void **)&out->v, &out->cap, &out->nr,
			sizeof(*out->v), meminfo_row, err))
		return 0;
	pm_meminfo_free(out);
	return -1;
}

static int buddy_row(struct rd_lines *it, void *row, struct rd_err *err)
{
	struct pm_buddy_row *b = row;
	struct rd_fields f;
	size_t i, n;

	memset(b, 0, sizeof(*b));
	rd_split(it->line, 4 + PM_MAX_ORDERS, &f);
	/* "Node" "0," "zone" "DMA" counts... */
	if (f.nr < 5 || *f.rest || strcmp(f.v[0], "Node") || strcmp(f.v[2], "zone"))
		goto bad;
	n = strlen(f.v[1]);
	if (n < 2 || f.v[1][n - 1] != ',')
		goto bad;
	f.v[1][n - 1] = '\0';
	if (!num_i64(f.v[1], &b->node) || b->node < 0)
		goto bad;
	if (!rd_word(f.v[3], sizeof(b->zone)))
		goto bad;
	strcpy(b->zone, f.v[3]);
	for (i = 4; i < f.nr; i++)
		if (!num_u64(f.v[i], &b->free[b->nr_orders++]))
			goto bad;
	return 0;
bad:
	rd_errorf(err, "%s: line %lu: expected 'Node N, zone NAME counts...'", it->label,
		  it->lineno);
	return -1;
}

int pm_parse_buddyinfo(const char *buf, size_t len, const char *label,
		       struct pm_buddyinfo *out, struct rd_err *err)
{
	memset(out, 0, sizeof(*out));
	if (!parse_rows(buf, len, label, (void **)&out->v, &out->cap, &out->nr,
			sizeof(*out->v), buddy_row, err))
		return 0;
	pm_buddyinfo_free(out);
	return -1;
}

void pm_meminfo_free(struct pm_meminfo *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}

void pm_buddyinfo_free(struct pm_buddyinfo *b)
{
	free(b->v);
	memset(b, 0, sizeof(*b));
}
