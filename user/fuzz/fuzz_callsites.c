// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the callsites parser on arbitrary bytes, and what
 * watch does with a parsed table (series, leak rule, its output).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd/commands.h"
#include "live/modfiles.h"
#include "live/watch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null_out;
	struct mf_callsites cs;
	struct trend_result res;
	struct watch *w;
	struct rd_err e;
	size_t i;

	if (!null_out)
		null_out = fopen("/dev/null", "w");
	if (!null_out || mf_parse_callsites((const char *)data, size, "callsites", &cs, &e))
		return 0;
	w = malloc(sizeof(*w));
	if (w) {
		watch_init(w);
		for (i = 0; i < 9; i++)
			watch_add(w, i * 1000000000ULL, i % 3 ? &cs : NULL, NULL);
		for (i = 0; i < w->sites.nr && i < 64; i++)
			watch_judge(w, &w->sites.v[i], false, &res);
		watch_print(null_out, w, 10, true);
		watch_free(w);
		free(w);
	}
	mf_callsites_free(&cs);
	return 0;
}
