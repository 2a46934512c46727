// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: prefix stripping and line splitting of arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/lineread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sink(void *ctx, unsigned long lineno, const char *msg)
{
	size_t *total = ctx;

	(void)lineno;
	*total += strlen(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[LINEREAD_MAX], tiny[8];
	size_t total = 0;

	lineread_buffer((const char *)data, size, sink, &total);
	lineread_normalize((const char *)data, size, out, sizeof(out));
	lineread_normalize((const char *)data, size, tiny, sizeof(tiny));
	return 0;
}
