// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the verdicts parser on arbitrary bytes, and what
 * parses written out as metrics (label escaping).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "live/metrics.h"
#include "live/modfiles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct mf_callsites cs = { 0 };
	struct mf_netdevs nd = { 0 };
	struct mf_stats st = { 0 };
	struct mf_probes pr = { 0 };
	struct mf_verdicts vd;
	struct rd_err e;
	struct metrics_input in = {
		.callsites = &cs, .netdevs = &nd, .stats = &st, .probes = &pr,
		.verdicts = &vd, .top = 3,
	};

	if (!null)
		null = fopen("/dev/null", "w");
	if (mf_parse_verdicts((const char *)data, size, "verdicts", &vd, &e))
		return 0;
	if (null)
		metrics_write(null, &in);
	mf_verdicts_free(&vd);
	return 0;
}
