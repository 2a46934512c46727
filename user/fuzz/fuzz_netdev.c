// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the netdev parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "live/modfiles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mf_netdevs nd;
	struct rd_err e;

	if (!mf_parse_netdev((const char *)data, size, "netdev", &nd, &e))
		mf_netdevs_free(&nd);
	mf_detect((const char *)data, size);
	return 0;
}
