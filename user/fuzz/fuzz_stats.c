// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the stats parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "live/modfiles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mf_stats st;
	struct rd_err e;

	if (!mf_parse_stats((const char *)data, size, "stats", &st, &e)) {
		mf_stat_find(&st, "objects_live");
		mf_stats_free(&st);
	}
	return 0;
}
