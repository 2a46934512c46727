// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the probes parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "live/modfiles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mf_probes pr;
	struct rd_err e;

	if (!mf_parse_probes((const char *)data, size, "probes", &pr, &e))
		mf_probes_free(&pr);
	return 0;
}
