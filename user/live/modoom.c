// SPDX-License-Identifier: GPL-2.0
/*
 * The module's `oom` file: the last few OOM reports it wrote at OOM time.
 * Each starts with a record line "report <seq> <boot_ns> <truncated>
 * <victim_pid>" and its text follows up to the next record line. Only
 * the record lines are a format; the text is for people, so what is
 * picked out of it (trigger, verdicts, top callsites) is best effort.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lib/kv.h"
#include "live/modoom.h"
#include "lib/num.h"

static int add_line(struct mo_report *r, const char *line)
{
	char **nl;
	char *copy;

	if (r->nr_lines >= MO_MAX_LINES)
		return 0;
	nl = realloc(r->lines, (r->nr_lines + 1) * sizeof(*nl));
	if (!nl)
		return -1;
	r->lines = nl;
	copy = strdup(line);
	if (!copy)
		return -1;
	r->lines[r->nr_lines++] = copy;
	return 0;
}

static int record_line(struct rd_lines *it, struct mo_report *r, struct rd_err *err)
{
	struct rd_fields f;
	uint64_t trunc;

	memset(r, 0, sizeof(*r));
	r->lineno = it->lineno;
	rd_split(it->line, 5, &f);
	if (f.nr < 5 || *f.rest) {
		rd_errorf(err, "%s: line %lu: expected 'report <seq> <boot_ns> <truncated> <victim_pid>'",
			  it->label, it->lineno);
		return -1;
	}
	if (!num_u64(f.v[1], &r->seq) || !num_u64(f.v[2], &r->boot_ns) ||
	    !num_u64(f.v[3], &trunc) || trunc > 1 || !num_i64(f.v[4], &r->victim_pid) ||
	    r->victim_pid < 0 || r->victim_pid > INT32_MAX) {
		rd_errorf(err, "%s: line %lu: bad number in the report record", it->label,
			  it->lineno);
		return -1;
	}
	r->truncated = trunc;
	return 0;
}

int mo_parse(const char *buf, size_t len, const char *label,
	     struct mo_reports *out, struct rd_err *err)
{
	struct rd_lines *it = rd_lines_open(buf, len, label, err);
	struct mo_report *cur = NULL;
	int r = -1;

	memset(out, 0, sizeof(*out));
	if (!it)
		return -1;
	if (mf_header(it, MF_OOM, err))
		goto out;
	while ((r = rd_next_line(it, err)) == 1) {
		if (!strncmp(it->line, "report ", 7) || !strcmp(it->line, "report")) {
			if (out->nr >= MO_MAX_REPORTS ||
			    !rd_grow((void **)&out->v, &out->cap, out->nr, sizeof(*out->v))) {
				rd_errorf(err, "%s: line %lu: more than %d reports, or out of memory",
					  label, it->lineno, MO_MAX_REPORTS);
				r = -1;
				break;
			}
			cur = &out->v[out->nr];
			if (record_line(it, cur, err)) {
				r = -1;
				break;
			}
			out->nr++;
			continue;
		}
		if (!cur) {
			if (!it->line[0])
				continue;
			rd_errorf(err, "%s: line %lu: text before the first 'report' line",
				  label, it->lineno);
			r = -1;
			break;
		}
		if (add_line(cur, it->line)) {
			rd_errorf(err, "%s: out of memory", label);
			r = -1;
			break;
		}
	}
out:
	rd_lines_close(it);
	if (r)
		mo_free(out);
	return r ? -1 : 0;
}

void mo_free(struct mo_reports *rs)
{
	size_t i, k;

	for (i = 0; i < rs->nr; i++) {
		for (k = 0; k < rs->v[i].nr_lines; k++)
			free(rs->v[i].lines[k]);
		free(rs->v[i].lines);
	}
	free(rs->v);
	memset(rs, 0, sizeof(*rs));
}

uint64_t mo_max_seq(const struct mo_reports *rs)
{
	uint64_t m = 0;
	size_t i;

	for (i = 0; i < rs->nr; i++)
		if (rs->v[i].seq > m)
			m = rs->v[i].seq;
	return m;
}

/* "OOM #3: global OOM, gfp GFP_KERNEL|__GFP_COMP, order 2, panic_on_oom 0" */
static void trigger_line(const char *p, struct mo_detail *d)
{
	const char *c = strchr(p, ':'), *g, *o, *pan;

	if (!c)
		return;
	p = kv_skip_blanks(c + 1);
	g = strstr(p, ", gfp ");
	o = strstr(p, ", order ");
	pan = strstr(p, ", panic_on_oom ");
	kv_copy(d->trigger, sizeof(d->trigger), p,
		g ? (size_t)(g - p) : pan ? (size_t)(pan - p) : strlen(p));
	if (g) {
		/* the flags run to the next ", "; %pGg joins them with '|' */
		g += 6;
		kv_copy(d->gfp, sizeof(d->gfp), g, strcspn(g, ","));
	}
	if (o)
		d->has_order = kv_parse_i64(o + 8, NULL, &d->order);
	if (pan && !strncmp(pan + 15, "unknown", 7))
		d->panic_unknown = true;
	else if (pan)
		d->has_panic = kv_parse_i64(pan + 15, NULL, &d->panic_on_oom);
}

/* "largest process: kworker/u4:2 (pid 77) 1024 kB RSS"; comm may hold anything */
static void largest_line(const char *p, struct mo_detail *d)
{
	const char *open = NULL, *s;

	for (s = strstr(p, " (pid "); s; s = strstr(s + 1, " (pid "))
		open = s;
	if (!open || !kv_parse_i64(open + 6, &s, &d->largest_pid) || strncmp(s, ") ", 2) ||
	    !kv_parse_u64(s + 2, NULL, &d->largest_rss_kb))
		return;
	kv_copy(d->largest_comm, sizeof(d->largest_comm), p, (size_t)(open - p));
	d->has_largest = true;
}

/* "top 1: fixture_skb_leak_alloc+0x3c/0x90 [fixture_skb_leak] 1171 kB in 300 skb, oldest 4s" */
static void top_line(const char *p, struct mo_detail *d)
{
	struct mo_top *t = &d->top[d->nr_top];
	const char *in = NULL, *s, *num;
	uint64_t rank;

	if (d->nr_top >= MO_TOP || !kv_parse_u64(p + 4, &s, &rank) || strncmp(s, ": ", 2))
		return;
	p = s + 2;
	for (s = strstr(p, " kB in "); s; s = strstr(s + 1, " kB in "))
		in = s;
	if (!in)
		return;
	for (num = in; num > p && num[-1] != ' '; num--)
		;
	if (num == p || !kv_parse_u64(num, &s, &t->kb) || s != in)
		return;
	memset(t->site, 0, sizeof(t->site));
	kv_copy(t->site, sizeof(t->site), p, (size_t)(num - 1 - p));
	s = in + 7;
	if (!kv_parse_u64(s, &s, &t->count) || *s != ' ')
		return;
	s++;
	kv_copy(t->kind, sizeof(t->kind), s, strcspn(s, ","));
	s += strcspn(s, ",");
	if (strncmp(s, ", oldest ", 9) || !kv_parse_u64(s + 9, NULL, &t->oldest_s))
		return;
	t->rank = (unsigned int)(rank > 1000 ? 1000 : rank);
	d->nr_top++;
}

/* "tx eth0: stuck, 37 in flight, oldest 12s" */
static void tx_line(const char *p, struct mo_detail *d)
{
	struct mo_tx *t = &d->tx[d->nr_tx];
	const char *s = p + 3;
	size_t n = strcspn(s, ":");

	if (d->nr_tx >= sizeof(d->tx) / sizeof(d->tx[0]) || s[n] != ':' ||
	    n >= sizeof(t->dev) || s[n + 1] != ' ')
		return;
	kv_copy(t->dev, sizeof(t->dev), s, n);
	s += n + 2;
	kv_copy(t->state, sizeof(t->state), s, strcspn(s, ","));
	s += strcspn(s, ",");
	if (strncmp(s, ", ", 2) || !kv_parse_u64(s + 2, &s, &t->in_flight) ||
	    strncmp(s, " in flight, oldest ", 19) || !kv_parse_u64(s + 19, NULL, &t->oldest_s))
		return;
	d->nr_tx++;
}

void mo_detail(const struct mo_report *r, struct mo_detail *d)
{
	size_t i;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < r->nr_lines; i++) {
		const char *p = r->lines[i];

		if (!strncmp(p, "OOM #", 5) && !d->trigger[0])
			trigger_line(p, d);
		else if (!strncmp(p, "memory: ", 8) && !d->memory)
			d->memory = p + 8;
		else if (!strncmp(p, "largest process: ", 17))
			largest_line(p + 17, d);
		else if (!strncmp(p, "verdict: ", 9) && d->nr_verdicts < MO_VERDICTS)
			d->verdicts[d->nr_verdicts++] = p + 9;
		else if (!strncmp(p, "top ", 4))
			top_line(p, d);
		else if (!strncmp(p, "tx ", 3))
			tx_line(p, d);
	}
}

void mo_report_json(struct json_out *j, const struct mo_report *r)
{
	struct mo_detail *d = malloc(sizeof(*d));
	size_t i;

	json_obj_begin(j);
	json_key(j, "seq");
	json_u64(j, r->seq);
	json_key(j, "boot_ns");
	json_u64(j, r->boot_ns);
	json_key(j, "truncated");
	json_bool(j, r->truncated);
	json_key(j, "victim_pid");
	if (r->victim_pid > 0)
		json_i64(j, r->victim_pid);
	else
		json_null(j);
	if (d) {
		mo_detail(r, d);
		json_kv_nonempty(j, "trigger", d->trigger);
		json_kv_nonempty(j, "gfp", d->gfp);
		json_key(j, "order");
		if (d->has_order)
			json_i64(j, d->order);
		else
			json_null(j);
		json_key(j, "panic_on_oom");
		if (d->has_panic)
			json_i64(j, d->panic_on_oom);
		else if (d->panic_unknown)
			json_str(j, "unknown");
		else
			json_null(j);
		json_kv_nonempty(j, "memory", d->memory);
		json_key(j, "largest_process");
		if (d->has_largest) {
			json_obj_begin(j);
			json_key(j, "comm");
			json_str(j, d->largest_comm);
			json_key(j, "pid");
			json_i64(j, d->largest_pid);
			json_key(j, "rss_kb");
			json_u64(j, d->largest_rss_kb);
			json_obj_end(j);
		} else {
			json_null(j);
		}
		json_key(j, "verdicts");
		json_arr_begin(j);
		for (i = 0; i < d->nr_verdicts; i++)
			json_str(j, d->verdicts[i]);
		json_arr_end(j);
		json_key(j, "top");
		json_arr_begin(j);
		for (i = 0; i < d->nr_top; i++) {
			json_obj_begin(j);
			json_key(j, "rank");
			json_u64(j, d->top[i].rank);
			json_key(j, "site");
			json_str(j, d->top[i].site);
			json_key(j, "kb");
			json_u64(j, d->top[i].kb);
			json_key(j, "count");
			json_u64(j, d->top[i].count);
			json_key(j, "kind");
			json_str(j, d->top[i].kind);
			json_key(j, "oldest_s");
			json_u64(j, d->top[i].oldest_s);
			json_obj_end(j);
		}
		json_arr_end(j);
		json_key(j, "tx");
		json_arr_begin(j);
		for (i = 0; i < d->nr_tx; i++) {
			json_obj_begin(j);
			json_key(j, "dev");
			json_str(j, d->tx[i].dev);
			json_key(j, "state");
			json_str(j, d->tx[i].state);
			json_key(j, "in_flight");
			json_u64(j, d->tx[i].in_flight);
			json_key(j, "oldest_s");
			json_u64(j, d->tx[i].oldest_s);
			json_obj_end(j);
		}
		json_arr_end(j);
		free(d);
	}
	json_key(j, "lines");
	json_arr_begin(j);
	for (i = 0; i < r->nr_lines; i++)
		json_str(j, r->lines[i]);
	json_arr_end(j);
	json_obj_end(j);
}

void mo_report_text(FILE *out, const struct mo_report *r)
{
	size_t i;

	fprintf(out, "OOM report %" PRIu64 " at %" PRIu64 ".%03" PRIu64 "s after boot",
		r->seq, r->boot_ns / 1000000000u, r->boot_ns / 1000000u % 1000u);
	if (r->victim_pid > 0)
		fprintf(out, ", victim pid %" PRId64, r->victim_pid);
	else
		fprintf(out, ", no victim recorded");
	if (r->truncated)
		fprintf(out, " (text truncated by the module)");
	fputc('\n', out);
	for (i = 0; i < r->nr_lines; i++)
		fprintf(out, "  %s\n", r->lines[i]);
	if (!r->nr_lines)
		fprintf(out, "  (no text)\n");
}
