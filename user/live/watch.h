/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_WATCH_H
#define _OOMTRACE_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "live/modfiles.h"
#include "live/trend.h"

#define WATCH_WINDOW 240	/* samples judged: the newest ones */
#define WATCH_MAX_SERIES 4096	/* callsites (and devices) followed */

/* One callsite's (or device's) values over the window. */
struct watch_series {
	char kind[MF_KIND_LEN];		/* "" for devices */
	char *name;			/* callsite text or device name */
	int64_t *v;			/* [WATCH_WINDOW], a ring like watch.t_ns */
	uint64_t live;			/* callsites: objects now */
	char state[MF_KIND_LEN];	/* devices: the module's state now */
	uint64_t completions;		/* devices: completions now */
	uint64_t completions_first;
	size_t created;			/* the sample it was first seen in */
	bool present;			/* in the newest sample */
};

struct watch_set {
	struct watch_series *v;
	size_t nr, cap;
	size_t dropped;			/* rows not followed: over the limit */
	uint32_t *index;		/* hash of name -> v index + 1 */
};

struct watch {
	size_t samples;			/* taken in all */
	uint64_t t_ns[WATCH_WINDOW];
	struct watch_set sites, devs;
	struct trend_params site_params, dev_params;
};

void watch_init(struct watch *w);
void watch_free(struct watch *w);
int watch_add(struct watch *w, uint64_t t_ns, const struct mf_callsites *cs,
	      const struct mf_netdevs *nd);
size_t watch_window(const struct watch *w);
int64_t watch_value(const struct watch *w, const struct watch_series *s, size_t back);
uint64_t watch_time(const struct watch *w, size_t back);
enum trend_kind watch_judge(const struct watch *w, const struct watch_series *s,
			    bool dev, struct trend_result *res);

#endif /* _OOMTRACE_WATCH_H */
