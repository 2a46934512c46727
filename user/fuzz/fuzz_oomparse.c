// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the whole explain path on arbitrary text, parse,
 * analysis, text and JSON output.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/json.h"
#include "explain/oomexplain.h"
#include "explain/oomjson.h"
#include "explain/oomparse.h"
#include "explain/oomverdict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null_out;
	struct oom_reports rs;
	struct oom_analysis a;
	struct json_out j;
	size_t i;

	if (!null_out)
		null_out = fopen("/dev/null", "w");
	if (!null_out)
		return 0;
	oom_reports_init(&rs);
	oom_parse_buffer((const char *)data, size, &rs);
	json_init(&j, null_out);
	json_arr_begin(&j);
	for (i = 0; i < rs.nr; i++) {
		oom_analyze(&rs.v[i], &a);
		oom_explain_text(null_out, &rs.v[i], &a, i + 1, rs.nr);
		oom_explain_json(&j, &rs.v[i], &a, i + 1);
	}
	json_end(&j);
	oom_reports_free(&rs);
	return 0;
}
