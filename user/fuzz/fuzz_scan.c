// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the generic scanners and the JSON writer on one input.
 * The number scanner must agree with itself (a strict parse is a scan
 * that stopped at the end without overflow), the key/value scanner must
 * stay inside the string, and whatever text goes into the JSON writer
 * must come out escaped: no control byte but the writer's own newlines,
 * and the object closed.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/json.h"
#include "lib/kv.h"
#include "lib/num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_numbers(const char *s)
{
	const char *end;
	enum num_scan r;
	uint64_t scanned = 0, strict = 0;

	r = num_scan_u64(s, &end, &scanned);
	if (num_u64(s, &strict) != (r == NUM_OK && !*end))
		abort();
	if (r == NUM_OK && !*end && strict != scanned)
		abort();
	if (r == NUM_OVERFLOW && scanned != UINT64_MAX)
		abort();
	if (r != NUM_NONE && (end <= s || end > s + strlen(s)))
		abort();
}

static void check_kv(const char *s)
{
	const char *pos = s;
	size_t len = strlen(s);
	struct kv kv;

	while (kv_next(&pos, ':', &kv)) {
		if (kv.key < s || kv.key + kv.key_len > s + len || pos > s + len)
			abort();
		if (kv.value > KV_U64_SAT)
			abort();
	}
}

static void check_json(const char *s, size_t len)
{
	struct json_out j;
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	if (!f)
		return;
	json_init(&j, f);
	json_obj_begin(&j);
	json_kv_str(&j, s, s);
	json_kv_nonempty(&j, "t", s);
	json_key(&j, "raw");
	json_strn(&j, s, len);
	json_obj_end(&j);
	json_end(&j);
	fclose(f);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)buf[i] < 0x20 && buf[i] != '\n')
			abort();
	if (n < 2 || strcmp(buf + n - 2, "}\n"))
		abort();
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	check_numbers(s);
	check_kv(s);
	check_json(s, size);
	free(s);
	return 0;
}
