// SPDX-License-Identifier: GPL-2.0
/*
 * The series behind `watch`: each callsite's outstanding bytes and each
 * device's in-flight count, sample after sample, judged by the leak rule
 * in trend.c. A callsite missing from a sample counts as 0 there: the
 * module lists every callsite it has seen since load or reset, so a
 * missing one held nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/fmt.h"
#include "live/watch.h"

#define INDEX_SLOTS (2 * WATCH_MAX_SERIES)

void watch_init(struct watch *w)
{
	memset(w, 0, sizeof(*w));
	trend_default_params(&w->site_params);
	w->site_params.min_rise = 64 * 1024;
	trend_default_params(&w->dev_params);
	w->dev_params.min_rise = 16;
}

static void set_free(struct watch_set *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++) {
		free(s->v[i].name);
		free(s->v[i].v);
	}
	free(s->v);
	free(s->index);
	memset(s, 0, sizeof(*s));
}

void watch_free(struct watch *w)
{
	set_free(&w->sites);
	set_free(&w->devs);
}

static uint32_t hash(const char *kind, const char *name)
{
	uint32_t h = 2166136261u;

	for (; *kind; kind++)
		h = (h ^ (unsigned char)*kind) * 16777619u;
	h = (h ^ '\t') * 16777619u;
	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 16777619u;
	return h;
}

/* The series for (kind, name), created at sample w->samples if new. */
static struct watch_series *lookup(struct watch *w, struct watch_set *s,
				   const char *kind, const char *name)
{
	uint32_t slot;
	struct watch_series *n;

	if (!s->index) {
		s->index = calloc(INDEX_SLOTS, sizeof(*s->index));
		if (!s->index)
			return NULL;
	}
	for (slot = hash(kind, name) % INDEX_SLOTS; s->index[slot];
	     slot = (slot + 1) % INDEX_SLOTS) {
		n = &s->v[s->index[slot] - 1];
		if (!strcmp(n->kind, kind) && !strcmp(n->name, name))
			return n;
	}
	if (s->nr >= WATCH_MAX_SERIES ||
	    !rd_grow((void **)&s->v, &s->cap, s->nr, sizeof(*s->v))) {
		s->dropped++;
		return NULL;
	}
	n = &s->v[s->nr];
	memset(n, 0, sizeof(*n));
	snprintf(n->kind, sizeof(n->kind), "%s", kind);
	n->name = strdup(name);
	n->v = calloc(WATCH_WINDOW, sizeof(*n->v));	/* 0 before it was seen */
	if (!n->name || !n->v) {
		free(n->name);
		free(n->v);
		s->dropped++;
		return NULL;
	}
	n->created = w->samples;
	s->index[slot] = (uint32_t)++s->nr;
	return n;
}

static void begin_sample(struct watch_set *s, size_t pos)
{
	size_t i;

	for (i = 0; i < s->nr; i++) {
		s->v[i].v[pos] = 0;
		s->v[i].present = false;
		s->v[i].live = 0;
	}
}

int watch_add(struct watch *w, uint64_t t_ns, const struct mf_callsites *cs,
	      const struct mf_netdevs *nd)
{
	size_t pos = w->samples % WATCH_WINDOW, i;

	w->sites.dropped = 0;
	w->devs.dropped = 0;
	begin_sample(&w->sites, pos);
	begin_sample(&w->devs, pos);
	w->t_ns[pos] = t_ns;
	for (i = 0; cs && i < cs->nr; i++) {
		const struct mf_callsite *c = &cs->v[i];
		struct watch_series *s = lookup(w, &w->sites, c->kind, c->site);
		uint64_t x = c->sample_every ? c->sample_every : 1;
		uint64_t bytes = fmt_mul_sat(c->live_bytes, x);

		if (!s)
			continue;
		/* a recorded file may repeat a row: add up, saturating */
		s->v[pos] = (int64_t)fmt_add_sat((uint64_t)s->v[pos], bytes, INT64_MAX);
		s->live = fmt_add_sat(s->live, fmt_mul_sat(c->live, x), UINT64_MAX);
		s->present = true;
	}
	for (i = 0; nd && i < nd->nr; i++) {
		const struct mf_netdev *d = &nd->v[i];
		struct watch_series *s = lookup(w, &w->devs, "", d->name);

		if (!s)
			continue;
		s->v[pos] = d->in_flight > INT64_MAX ? INT64_MAX : (int64_t)d->in_flight;
		snprintf(s->state, sizeof(s->state), "%s", d->state);
		s->completions = d->completions;
		if (s->created == w->samples && !s->present)
			s->completions_first = d->completions;
		s->present = true;
	}
	w->samples++;
	return 0;
}

size_t watch_window(const struct watch *w)
{
	return w->samples < WATCH_WINDOW ? w->samples : WATCH_WINDOW;
}

/* back 0 is the newest sample, window-1 the oldest still kept. */
int64_t watch_value(const struct watch *w, const struct watch_series *s, size_t back)
{
	if (!w->samples || back >= watch_window(w))
		return 0;
	return s->v[(w->samples - 1 - back) % WATCH_WINDOW];
}

uint64_t watch_time(const struct watch *w, size_t back)
{
	if (!w->samples || back >= watch_window(w))
		return 0;
	return w->t_ns[(w->samples - 1 - back) % WATCH_WINDOW];
}

enum trend_kind watch_judge(const struct watch *w, const struct watch_series *s,
			    bool dev, struct trend_result *res)
{
	struct trend_sample pts[WATCH_WINDOW];
	size_t n = watch_window(w), i;

	for (i = 0; i < n; i++) {
		pts[i].t_ns = watch_time(w, n - 1 - i);
		pts[i].value = watch_value(w, s, n - 1 - i);
	}
	return trend_classify(pts, n, dev ? &w->dev_params : &w->site_params, res);
}
