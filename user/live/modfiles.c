// SPDX-License-Identifier: GPL-2.0
/*
 * Parsers for the module's table files: callsites, netdev, stats,
 * probes and verdicts. The module writes numeric columns first and free-form text
 * last, so each row is split into a fixed number of fields and the rest.
 * Anything that does not fit is an error naming the file and the line:
 * a reader that guessed would show wrong numbers with confidence.
 *
 * Longer than most files here: the five row parsers share the header
 * check, the line splitter and the row loop (parse_table), which are
 * private to this file so that no table is read any other way.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/modfiles.h"
#include "lib/num.h"

static const char *const kind_names[] = {
	[MF_UNKNOWN] = "?",
	[MF_CALLSITES] = "callsites",
	[MF_NETDEV] = "netdev",
	[MF_STATS] = "stats",
	[MF_PROBES] = "probes",
	[MF_OOM] = "oom",
	[MF_VERDICTS] = "verdicts",
};

#define NR_KINDS (sizeof(kind_names) / sizeof(kind_names[0]))

const char *mf_kind_name(enum mf_kind k)
{
	return (size_t)k < NR_KINDS ? kind_names[k] : "?";
}

/*
 * "# oomtrace-<name> v<N>:" with its name and version, or MF_UNKNOWN.
 * *version is 0 when the line is not a header at all.
 */
static enum mf_kind header_kind(const char *line, uint64_t *version)
{
	const char *p = line;
	size_t i, n;

	*version = 0;
	if (strncmp(p, "# oomtrace-", 11))
		return MF_UNKNOWN;
	p += 11;
	n = strcspn(p, " ");
	if (p[n] != ' ' || p[n + 1] != 'v' || !num_is_digit(p[n + 2]))
		return MF_UNKNOWN;
	{
		char num[24];
		size_t d = strspn(p + n + 2, "0123456789");

		if (d >= sizeof(num) || p[n + 2 + d] != ':')
			return MF_UNKNOWN;
		memcpy(num, p + n + 2, d);
		num[d] = '\0';
		if (!num_u64(num, version) || !*version)
			*version = UINT64_MAX;
	}
	for (i = 1; i < NR_KINDS; i++)
		if (strlen(kind_names[i]) == n && !strncmp(p, kind_names[i], n))
			return (enum mf_kind)i;
	return MF_UNKNOWN;
}

enum mf_kind mf_detect(const char *buf, size_t len)
{
	struct rd_lines *it = rd_lines_open(buf, len, "", NULL);
	enum mf_kind k = MF_UNKNOWN;
	uint64_t version;

	if (!it)
		return MF_UNKNOWN;
	if (rd_next_line(it, NULL) == 1)
		k = header_kind(it->line, &version);
	rd_lines_close(it);
	return k;
}

int mf_header(struct rd_lines *it, enum mf_kind want, struct rd_err *err)
{
	const char *name = mf_kind_name(want);
	enum mf_kind got;
	uint64_t version;
	int r = rd_next_line(it, err);

	if (r < 0)
		return -1;
	if (r == 0) {
		rd_errorf(err, "%s: empty, expected a '# oomtrace-%s v%d:' header",
			  it->label, name, OT_FORMAT_VERSION);
		return -1;
	}
	got = header_kind(it->line, &version);
	if (got != want && version) {
		if (got == MF_UNKNOWN)
			rd_errorf(err, "%s: line 1: this is not an oomtrace-%s file", it->label, name);
		else
			rd_errorf(err, "%s: line 1: this is the oomtrace-%s file, not %s",
				  it->label, mf_kind_name(got), name);
		return -1;
	}
	if (!version) {
		rd_errorf(err, "%s: line 1: expected a '# oomtrace-%s v%d:' header",
			  it->label, name, OT_FORMAT_VERSION);
		return -1;
	}
	if (version != OT_FORMAT_VERSION) {
		if (version == UINT64_MAX)
			rd_errorf(err, "%s: unknown format version, this reader understands v%d",
				  it->label, OT_FORMAT_VERSION);
		else
			rd_errorf(err, "%s: format v%llu, this reader understands v%d",
				  it->label, (unsigned long long)version, OT_FORMAT_VERSION);
		return -1;
	}
	return 0;
}

/* "-" or comma-separated numbers; the newest MF_TREND_MAX are kept. */
static bool parse_trend(const char *s, uint64_t *v, size_t *nr)
{
	char num[24];

	*nr = 0;
	if (!strcmp(s, "-"))
		return true;
	for (;;) {
		size_t n = strcspn(s, ",");
		uint64_t x;

		if (n == 0 || n >= sizeof(num))
			return false;
		memcpy(num, s, n);
		num[n] = '\0';
		if (!num_u64(num, &x))
			return false;
		if (*nr == MF_TREND_MAX) {
			memmove(v, v + 1, (MF_TREND_MAX - 1) * sizeof(*v));
			(*nr)--;
		}
		v[(*nr)++] = x;
		if (!s[n])
			return true;
		s += n + 1;
	}
}

static int bad(struct rd_err *err, const struct rd_lines *it, const char *what,
	       const char *tok)
{
	if (tok)
		rd_errorf(err, "%s: line %lu: %s '%.40s'", it->label, it->lineno, what, tok);
	else
		rd_errorf(err, "%s: line %lu: %s", it->label, it->lineno, what);
	return -1;
}

static int too_many(struct rd_err *err, const struct rd_lines *it)
{
	rd_errorf(err, "%s: line %lu: more than %u rows, or out of memory", it->label,
		  it->lineno, RD_MAX_ROWS);
	return -1;
}

/* Rows are read until the end or the first error; blank lines are skipped. */
static int next_row(struct rd_lines *it, struct rd_err *err)
{
	int r;

	while ((r = rd_next_line(it, err)) == 1) {
		const char *p = it->line;

		while (rd_is_blank(*p))
			p++;
		if (*p)
			return 1;
	}
	return r;
}

static const char *const callsite_cols[] = {
	"live", "live_bytes", "allocs", "frees", "oldest_ms", "first_ms", "sample_every",
};

/*
 * Every table file has one shape: the versioned header, then a row per
 * line. @row_fn parses one line into the next of @rows (grown as needed).
 */
static int parse_table(const char *buf, size_t len, const char *label,
		       enum mf_kind file, void **rows, size_t *cap, size_t *nr,
		       size_t row_size,
		       int (*row_fn)(struct rd_lines *it, void *row, struct rd_err *err),
		       struct rd_err *err)
{
	struct rd_lines *it = rd_lines_open(buf, len, label, err);
	int r = -1;

	if (!it)
		return -1;
	if (mf_header(it, file, err))
		goto out;
	while ((r = next_row(it, err)) == 1) {
		if (!rd_grow(rows, cap, *nr, row_size)) {
			r = too_many(err, it);
			break;
		}
		r = row_fn(it, (char *)*rows + *nr * row_size, err);
		if (r)
			break;
		(*nr)++;
	}
out:
	rd_lines_close(it);
	return r ? -1 : 0;
}

static int callsite_row(struct rd_lines *it, void *row, struct rd_err *err)
{
	struct mf_callsite *c = row;
	uint64_t *nums[] = { &c->live, &c->live_bytes, &c->allocs, &c->frees,
			     &c->oldest_ms, &c->first_ms, &c->sample_every };
	struct rd_fields f;
	char *bar, *site, *stack, *end;
	size_t i;

	memset(c, 0, sizeof(*c));
	rd_split(it->line, 9, &f);
	if (f.nr < 9)
		return bad(err, it, "expected kind, 7 numbers and a trend before the callsite", NULL);
	if (!rd_word(f.v[0], sizeof(c->kind)))
		return bad(err, it, "bad kind", f.v[0]);
	strcpy(c->kind, f.v[0]);
	for (i = 0; i < 7; i++) {
		if (!num_u64(f.v[i + 1], nums[i])) {
			char what[40];

			snprintf(what, sizeof(what), "%s is not a number:", callsite_cols[i]);
			return bad(err, it, what, f.v[i + 1]);
		}
	}
	if (!parse_trend(f.v[8], c->trend_kb, &c->nr_trend))
		return bad(err, it, "bad trend_kb", f.v[8]);
	site = f.rest;
	bar = strstr(site, " | ");
	if (bar) {
		*bar = '\0';
		stack = bar + 3;
	} else {
		size_t n = strlen(site);

		/* a recorded copy may have lost the blank after an empty stack */
		if (n < 2 || strcmp(site + n - 2, " |"))
			return bad(err, it, "no ' | ' between the callsite and its stack", NULL);
		site[n - 2] = '\0';
		stack = site + n;
	}
	for (end = site + strlen(site); end > site && rd_is_blank(end[-1]); end--)
		*(end - 1) = '\0';
	if (!*site || *site == '|')
		return bad(err, it, "no callsite name", NULL);
	for (end = stack + strlen(stack); end > stack && rd_is_blank(end[-1]); end--)
		*(end - 1) = '\0';
	c->site = strdup(site);
	c->stack = strdup(stack);
	if (!c->site || !c->stack) {
		free(c->site);
		free(c->stack);
		c->site = c->stack = NULL;
		return too_many(err, it);
	}
	return 0;
}

int mf_parse_callsites(const char *buf, size_t len, const char *label,
		       struct mf_callsites *out, struct rd_err *err)
{
	memset(out, 0, sizeof(*out));
	if (!parse_table(buf, len, label, MF_CALLSITES, (void **)&out->v, &out->cap, &out->nr,
			 sizeof(*out->v), callsite_row, err))
		return 0;
	mf_callsites_free(out);
	return -1;
}

static const char *const netdev_cols[] = {
	"in_flight", "in_flight_bytes", "oldest_ms", "xmits", "completions",
	"requeued", "clean_calls",
};

static int netdev_row(struct rd_lines *it, void *row, struct rd_err *err)
{
	struct mf_netdev *d = row;
	uint64_t *nums[] = { &d->in_flight, &d->in_flight_bytes, &d->oldest_ms, &d->xmits,
			     &d->completions, &d->requeued, &d->clean_calls };
	struct rd_fields f;
	size_t i;

	memset(d, 0, sizeof(*d));
	rd_split(it->line, 12, &f);
	if (f.nr < 12 || *f.rest)
		return bad(err, it, "expected 12 columns", NULL);
	if (!num_i64(f.v[0], &d->ifindex) || d->ifindex < 0 || d->ifindex > INT32_MAX)
		return bad(err, it, "bad ifindex", f.v[0]);
	if (strlen(f.v[1]) >= sizeof(d->name))
		return bad(err, it, "device name too long:", f.v[1]);
	strcpy(d->name, f.v[1]);
	if (!rd_word(f.v[2], sizeof(d->state)))
		return bad(err, it, "bad state", f.v[2]);
	strcpy(d->state, f.v[2]);
	for (i = 0; i < 7; i++) {
		if (!num_u64(f.v[i + 3], nums[i])) {
			char what[48];

			snprintf(what, sizeof(what), "%s is not a number:", netdev_cols[i]);
			return bad(err, it, what, f.v[i + 3]);
		}
	}
	if (!num_i64(f.v[10], &d->since_completion_ms) || d->since_completion_ms < -1)
		return bad(err, it, "bad since_completion_ms", f.v[10]);
	if (!parse_trend(f.v[11], d->trend, &d->nr_trend))
		return bad(err, it, "bad trend", f.v[11]);
	return 0;
}

int mf_parse_netdev(const char *buf, size_t len, const char *label,
		    struct mf_netdevs *out, struct rd_err *err)
{
	memset(out, 0, sizeof(*out));
	if (!parse_table(buf, len, label, MF_NETDEV, (void **)&out->v, &out->cap, &out->nr,
			 sizeof(*out->v), netdev_row, err))
		return 0;
	mf_netdevs_free(out);
	return -1;
}

static int stat_row(struct rd_lines *it, void *row, struct rd_err *err)
{
	struct mf_stat *s = row;
	struct rd_fields f;

	memset(s, 0, sizeof(*s));
	rd_split(it->line, 2, &f);
	if (f.nr < 2 || *f.rest)
		return bad(err, it, "expected 'key value'", NULL);
	if (!rd_word(f.v[0], sizeof(s->key)))
		return bad(err, it, "bad key", f.v[0]);
	strcpy(s->key, f.v[0]);
	if (f.v[1][0] == '-') {
		if (!num_i64(f.v[1], &s->value))
			return bad(err, it, "value is not a number:", f.v[1]);
		s->negative = true;
	} else if (!num_u64(f.v[1], &s->uvalue)) {
		return bad(err, it, "value is not a number:", f.v[1]);
	}
	return 0;
}

int mf_parse_stats(const char *buf, size_t len, const char *label,
		   struct mf_stats *out, struct rd_err *err)
{
	memset(out, 0, sizeof(*out));
	if (!parse_table(buf, len, label, MF_STATS, (void **)&out->v, &out->cap, &out->nr,
			 sizeof(*out->v), stat_row, err))
		return 0;
	mf_stats_free(out);
	return -1;
}

static int probe_row(struct rd_lines *it, void *row, struct rd_err *err)
{
	struct mf_probe *p = row;
	struct rd_fields f;

	memset(p, 0, sizeof(*p));
	rd_split(it->line, 7, &f);
	if (f.nr < 7 || *f.rest)
		return bad(err, it, "expected 7 columns", NULL);
	if (!rd_word(f.v[0], sizeof(p->what)))
		return bad(err, it, "bad probe name", f.v[0]);
	if (!rd_word(f.v[1], sizeof(p->type)))
		return bad(err, it, "bad probe type", f.v[1]);
	if (strlen(f.v[2]) >= sizeof(p->target))
		return bad(err, it, "target too long:", f.v[2]);
	if (!rd_word(f.v[3], sizeof(p->state)))
		return bad(err, it, "bad probe state", f.v[3]);
	strcpy(p->what, f.v[0]);
	strcpy(p->type, f.v[1]);
	strcpy(p->target, f.v[2]);
	strcpy(p->state, f.v[3]);
	if (!num_i64(f.v[4], &p->error))
		return bad(err, it, "error is not a number:", f.v[4]);
	if (!num_u64(f.v[5], &p->missed))
		return bad(err, it, "missed is not a number:", f.v[5]);
	if (!num_u64(f.v[6], &p->hits))
		return bad(err, it, "hits is not a number:", f.v[6]);
	return 0;
}

int mf_parse_probes(const char *buf, size_t len, const char *label,
		    struct mf_probes *out, struct rd_err *err)
{
	memset(out, 0, sizeof(*out));
	if (!parse_table(buf, len, label, MF_PROBES, (void **)&out->v, &out->cap, &out->nr,
			 sizeof(*out->v), probe_row, err))
		return 0;
	mf_probes_free(out);
	return -1;
}

/* "kind subject | text": the subject may hold a space (a callsite's module). */
static int verdict_row(struct rd_lines *it, void *row, struct rd_err *err)
{
	struct mf_verdict *v = row;
	struct rd_fields f;
	const char *bar;
	size_t n;

	memset(v, 0, sizeof(*v));
	rd_split(it->line, 1, &f);
	if (f.nr < 1 || !rd_word(f.v[0], sizeof(v->kind)))
		return bad(err, it, "bad verdict kind", f.nr ? f.v[0] : NULL);
	strcpy(v->kind, f.v[0]);
	bar = strstr(f.rest, " | ");
	if (!bar || bar == f.rest)
		return bad(err, it, "expected 'kind subject | text'", NULL);
	n = (size_t)(bar - f.rest);
	if (n >= sizeof(v->subject))
		return bad(err, it, "subject too long:", f.rest);
	memcpy(v->subject, f.rest, n);
	if (!bar[3] || strlen(bar + 3) >= sizeof(v->text))
		return bad(err, it, "verdict text empty or too long", NULL);
	strcpy(v->text, bar + 3);
	return 0;
}

int mf_parse_verdicts(const char *buf, size_t len, const char *label,
		      struct mf_verdicts *out, struct rd_err *err)
{
	memset(out, 0, sizeof(*out));
	if (!parse_table(buf, len, label, MF_VERDICTS, (void **)&out->v, &out->cap, &out->nr,
			 sizeof(*out->v), verdict_row, err))
		return 0;
	mf_verdicts_free(out);
	return -1;
}

void mf_callsites_free(struct mf_callsites *c)
{
	size_t i;

	for (i = 0; i < c->nr; i++) {
		free(c->v[i].site);
		free(c->v[i].stack);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

void mf_netdevs_free(struct mf_netdevs *n)
{
	free(n->v);
	memset(n, 0, sizeof(*n));
}

void mf_stats_free(struct mf_stats *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void mf_probes_free(struct mf_probes *p)
{
	free(p->v);
	memset(p, 0, sizeof(*p));
}

void mf_verdicts_free(struct mf_verdicts *v)
{
	free(v->v);
	memset(v, 0, sizeof(*v));
}

const struct mf_stat *mf_stat_find(const struct mf_stats *s, const char *key)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->v[i].key, key))
			return &s->v[i];
	return NULL;
}
