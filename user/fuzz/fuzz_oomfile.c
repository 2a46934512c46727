// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the module's oom file, what is picked out of each
 * report's text, and its text and JSON output.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/json.h"
#include "live/modoom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null_out;
	struct mo_reports rs;
	struct mo_detail d;
	struct json_out j;
	struct rd_err e;
	size_t i;

	if (!null_out)
		null_out = fopen("/dev/null", "w");
	if (!null_out || mo_parse((const char *)data, size, "oom", &rs, &e))
		return 0;
	json_init(&j, null_out);
	json_arr_begin(&j);
	for (i = 0; i < rs.nr; i++) {
		mo_detail(&rs.v[i], &d);
		mo_report_json(&j, &rs.v[i]);
		mo_report_text(null_out, &rs.v[i]);
	}
	json_end(&j);
	mo_max_seq(&rs);
	mo_free(&rs);
	return 0;
}
