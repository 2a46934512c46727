// SPDX-License-Identifier: GPL-2.0
/* Token scanning and the JSON writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "lib/json.h"
#include "lib/kv.h"
#include "lib/num.h"

static void kv_parse_saturates_instead_of_wrapping(void **state)
{
	uint64_t v;
	int64_t s;

	(void)state;
	assert_true(kv_parse_u64("99999999999999999999999999", NULL, &v));
	assert_true(v == KV_U64_SAT);
	assert_true(kv_parse_i64("-1000", NULL, &s));
	assert_int_equal(s, -1000);
	assert_true(kv_parse_hex("0x100cca(GFP", NULL, &v));
	assert_int_equal(v, 0x100cca);
	assert_false(kv_parse_u64("kB", NULL, &v));
	assert_true(kv_parse_hex("0xffffffffffffffffffff", NULL, &v));
	assert_true(v == KV_U64_SAT);
}

static void kv_find_matches_whole_words_only(void **state)
{
	uint64_t v = 0;
	int64_t s = 0;

	(void)state;
	assert_true(kv_find_u64("free_pcp:5 free_cma:6 free:7", "free", ':', &v));
	assert_int_equal(v, 7);
	assert_true(kv_find_i64("gfp_mask=0xcc0(GFP_KERNEL), order=-1, oom_score_adj=0",
				"order", '=', &s));
	assert_int_equal(s, -1);
	assert_true(kv_find_u64("memory: usage 5120kB, limit 5121kB, failcnt 69", "limit", ' ', &v));
	assert_int_equal(v, 5121);
	assert_false(kv_find_u64("nolimit 5", "limit", ' ', &v));
	assert_true(kv_find_i64("CPU: 17 PID: 5532 Comm: a.out", "PID", ':', &s));
	assert_int_equal(s, 5532);
}

static void kv_next_reads_units_and_skips_junk(void **state)
{
	const char *p = "Node 0 isolated(anon):0kB shmem_thp: 0kB free:13296kB pages_scanned:5 min:144 yes";
	struct kv kv;

	(void)state;
	assert_true(kv_next(&p, ':', &kv));
	assert_true(kv_key_is(&kv, "isolated(anon)"));
	assert_true(kv_unit_is_kb(&kv));
	assert_true(kv_next(&p, ':', &kv));
	assert_true(kv_key_is(&kv, "free"));
	assert_int_equal(kv.value, 13296);
	assert_true(kv_next(&p, ':', &kv));
	assert_true(kv_key_is(&kv, "pages_scanned"));
	assert_int_equal(kv.unit_len, 0);
	assert_true(kv_next(&p, ':', &kv));
	assert_true(kv_key_is(&kv, "min"));
	assert_false(kv.last);
	assert_false(kv_next(&p, ':', &kv));
}

static void kv_copy_is_bounded(void **state)
{
	char small[4];

	(void)state;
	assert_int_equal(kv_copy(small, sizeof(small), "abcdef", 6), 3);
	assert_string_equal(small, "abc");
	kv_copy_until(small, sizeof(small), "ab)cd", ")");
	assert_string_equal(small, "ab");
	assert_int_equal(kv_copy(small, 0, "x", 1), 0);
}

static char *render(void (*fn)(struct json_out *j))
{
	FILE *f = tmpfile();
	struct json_out j;
	char *s;
	long n;

	assert_non_null(f);
	json_init(&j, f);
	fn(&j);
	json_end(&j);
	n = ftell(f);
	rewind(f);
	s = calloc(1, (size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return s;
}

static void small_doc(struct json_out *j)
{
	json_obj_begin(j);
	json_key(j, "a");
	json_u64(j, 1);
	json_key(j, "b");
	json_arr_begin(j);
	json_i64(j, -2);
	json_null(j);
	json_bool(j, true);
	json_arr_end(j);
	json_key(j, "c");
	json_arr_begin(j);
	json_arr_end(j);
	json_obj_end(j);
}

static void json_writer_places_commas_and_indents(void **state)
{
	char *s = render(small_doc);

	(void)state;
	assert_string_equal(s, "{\n  \"a\": 1,\n  \"b\": [\n    -2,\n    null,\n    true\n  ],\n  \"c\": []\n}\n");
	assert_true(json_valid(s, strlen(s)));
	free(s);
}

static void escapes_doc(struct json_out *j)
{
	json_arr_begin(j);
	json_str(j, "q\"b\\s/\n\t\x01");
	json_str(j, "caf\xc3\xa9 \xe4\xb8\xad");
	json_strn(j, "bad\xff\xc3(\xed\xa0\x80\xf4\x90\x80\x80", 13);
	json_double(j, 1.0 / 0.0);
	json_arr_end(j);
}

static void json_escapes_controls_and_repairs_utf8(void **state)
{
	char *s = render(escapes_doc);

	(void)state;
	assert_non_null(strstr(s, "\"q\\\"b\\\\s/\\n\\t\\u0001\""));
	assert_non_null(strstr(s, "\"caf\xc3\xa9 \xe4\xb8\xad\""));
	assert_non_null(strstr(s, "\"bad\\ufffd\\ufffd(\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\""));
	assert_non_null(strstr(s, "null"));
	assert_true(json_valid(s, strlen(s)));
	free(s);
}

static void deep_doc(struct json_out *j)
{
	int i;

	for (i = 0; i < JSON_MAX_DEPTH + 4; i++)
		json_arr_begin(j);
	json_u64(j, 7);
}

static void json_end_closes_everything_even_past_max_depth(void **state)
{
	char *s = render(deep_doc);

	(void)state;
	assert_non_null(strstr(s, "7"));
	free(s);
}

static void json_checker_rejects_broken_documents(void **state)
{
	(void)state;
	assert_false(json_valid("{\"a\":}", 6));
	assert_false(json_valid("[1,]", 4));
	assert_false(json_valid("\"\x01\"", 3));
	assert_true(json_valid("[{\"a\":[1,2,{\"b\":null}]}]", 24));
}

static void num_scan_says_overflow_and_strict_forms_refuse_it(void **state)
{
	const char *end;
	uint64_t v = 1;
	int64_t s = 1;

	(void)state;
	assert_int_equal(num_scan_u64("18446744073709551615kB", &end, &v), NUM_OK);
	assert_true(v == UINT64_MAX);
	assert_string_equal(end, "kB");
	assert_int_equal(num_scan_u64("18446744073709551616 x", &end, &v), NUM_OVERFLOW);
	assert_true(v == UINT64_MAX);
	assert_string_equal(end, " x");
	assert_int_equal(num_scan_u64("x1", &end, &v), NUM_NONE);
	/* strict: the whole string, one number that fits */
	assert_true(num_u64("18446744073709551615", &v));
	assert_false(num_u64("18446744073709551616", &v));
	assert_false(num_u64("", &v));
	assert_false(num_u64("12x", &v));
	assert_false(num_u64("-1", &v));
	assert_false(num_u64(" 1", &v));
	assert_true(num_i64("-9223372036854775808", &s));
	assert_true(s == INT64_MIN);
	assert_false(num_i64("9223372036854775808", &s));
	assert_false(num_i64("-", &s));
	/* the log scanner clamps the same overflow below "not in the report" */
	assert_true(kv_parse_u64("18446744073709551616", NULL, &v));
	assert_true(v == KV_U64_SAT);
}

static void kv_doc(struct json_out *j)
{
	json_obj_begin(j);
	json_kv_str(j, "s", "");
	json_kv_str(j, "n", NULL);
	json_kv_nonempty(j, "e", "");
	json_kv_nonempty(j, "t", "x");
	json_kv_u64(j, "u", UINT64_MAX);
	json_kv_u64_or_null(j, "un", UINT64_MAX);
	json_kv_i64_or_null(j, "in", INT64_MIN);
	json_kv_i64_or_null(j, "i", -3);
	json_obj_end(j);
}

static void json_kv_helpers_tell_empty_from_missing(void **state)
{
	char *s = render(kv_doc);

	(void)state;
	assert_string_equal(s, "{\n  \"s\": \"\",\n  \"n\": null,\n  \"e\": null,\n"
			    "  \"t\": \"x\",\n  \"u\": 18446744073709551615,\n  \"un\": null,\n"
			    "  \"in\": null,\n  \"i\": -3\n}\n");
	free(s);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(kv_parse_saturates_instead_of_wrapping),
	cmocka_unit_test(num_scan_says_overflow_and_strict_forms_refuse_it),
	cmocka_unit_test(json_kv_helpers_tell_empty_from_missing),
	cmocka_unit_test(kv_find_matches_whole_words_only),
	cmocka_unit_test(kv_next_reads_units_and_skips_junk),
	cmocka_unit_test(kv_copy_is_bounded),
	cmocka_unit_test(json_writer_places_commas_and_indents),
	cmocka_unit_test(json_escapes_controls_and_repairs_utf8),
	cmocka_unit_test(json_end_closes_everything_even_past_max_depth),
	cmocka_unit_test(json_checker_rejects_broken_documents),
};

TEST_GROUP(group_kv_json, "kv_json", tests);
