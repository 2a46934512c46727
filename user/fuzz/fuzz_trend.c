// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the leak rule. The first bytes choose the parameters,
 * the rest are (timestamp, value) samples.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "live/trend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trend_params p;
	struct trend_result res;
	struct trend_sample *s;
	size_t n, i;
	uint32_t raw;

	trend_default_params(&p);
	if (size >= 8) {
		memcpy(&raw, data, 4);
		p.min_samples = raw % 64;
		memcpy(&raw, data + 4, 4);
		p.min_rise = (int64_t)(raw % 100000);
		p.min_rise_frac = (double)(raw % 1000) / 1000.0;
		data += 8;
		size -= 8;
	}
	n = size / 16;
	s = malloc((n ? n : 1) * sizeof(*s));
	if (!s)
		return 0;
	for (i = 0; i < n; i++) {
		memcpy(&s[i].t_ns, data + 16 * i, 8);
		memcpy(&s[i].value, data + 16 * i + 8, 8);
	}
	trend_classify(s, n, &p, &res);
	trend_classify(s, n, NULL, NULL);
	free(s);
	return 0;
}
