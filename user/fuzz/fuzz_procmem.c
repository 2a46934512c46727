// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the /proc/meminfo and /proc/buddyinfo parsers. */
#include <stddef.h>
#include <stdint.h>

#include "live/procmem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pm_meminfo m;
	struct pm_buddyinfo b;
	struct rd_err e;

	if (!pm_parse_meminfo((const char *)data, size, "meminfo", &m, &e))
		pm_meminfo_free(&m);
	if (!pm_parse_buddyinfo((const char *)data, size, "buddyinfo", &b, &e))
		pm_buddyinfo_free(&b);
	return 0;
}
