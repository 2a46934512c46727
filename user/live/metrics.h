/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_METRICS_H
#define _OOMTRACE_METRICS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "live/modfiles.h"

/* What the module's files said, parsed; the metrics are a view of it. */
struct metrics_input {
	const struct mf_callsites *callsites;
	const struct mf_netdevs *netdevs;
	const struct mf_stats *stats;
	const struct mf_probes *probes;
	const struct mf_verdicts *verdicts;
	uint64_t ooms;		/* OOM reports written since load */
	size_t top;		/* callsites and devices named; the rest summed */
};

/* The Prometheus text exposition (format 0.0.4) of the module's state. */
int metrics_write(FILE *out, const struct metrics_input *in);
/* oomtrace_up 0 and why, for when the module's files cannot be read. */
int metrics_write_down(FILE *out);

#endif /* _OOMTRACE_METRICS_H */
