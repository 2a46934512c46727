// SPDX-License-Identifier: GPL-2.0
/* The module's `oom` file: report records, their text, and what is picked out of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "lib/json.h"
#include "live/modoom.h"

static void parse_fixture(const char *name, struct mo_reports *rs)
{
	struct rd_err e;
	size_t len;
	char *buf = fixture_read(name, &len);

	assert_int_equal(mo_parse(buf, len, "oom", rs, &e), 0);
	free(buf);
}

static void two_sysrq_reports(void **state)
{
	struct mo_reports rs;
	struct mo_detail d;

	(void)state;
	parse_fixture("module/oom", &rs);
	assert_int_equal(rs.nr, 2);
	assert_int_equal(rs.v[0].seq, 1);
	assert_int_equal(rs.v[0].boot_ns, 9582950540ULL);
	assert_false(rs.v[0].truncated);
	assert_int_equal(rs.v[0].victim_pid, 138);
	assert_int_equal(rs.v[0].nr_lines, 13);
	assert_string_equal(rs.v[0].lines[0], "OOM #1: sysrq-f (manual), panic_on_oom 0");
	assert_int_equal(rs.v[1].victim_pid, 0);
	assert_int_equal(mo_max_seq(&rs), 2);

	mo_detail(&rs.v[0], &d);
	assert_string_equal(d.trigger, "sysrq-f (manual)");
	assert_string_equal(d.gfp, "");
	assert_false(d.has_order);
	assert_true(d.has_panic);
	assert_int_equal(d.panic_on_oom, 0);
	assert_true(d.has_largest);
	assert_string_equal(d.largest_comm, "sh");
	assert_int_equal(d.largest_pid, 95);
	assert_int_equal(d.largest_rss_kb, 1676);
	assert_int_equal(d.nr_verdicts, 3);
	assert_string_equal(d.verdicts[0], "TX stuck on vb0: 300 skbs (375 kB) handed to the driver never completed, oldest 3s");
	assert_int_equal(d.nr_top, 5);
	assert_int_equal(d.top[0].rank, 1);
	assert_string_equal(d.top[0].site, "packet_sendmsg+0x7ea/0x15f0");
	assert_int_equal(d.top[0].kb, 375);
	assert_int_equal(d.top[0].count, 300);
	assert_string_equal(d.top[0].kind, "skb");
	assert_int_equal(d.top[0].oldest_s, 3);
	assert_string_equal(d.top[2].site, "fixture_skb_leak_alloc+0x89/0xbe [fixture_skb_leak]");
	assert_string_equal(d.top[3].kind, "frag");
	assert_int_equal(d.nr_tx, 2);
	assert_string_equal(d.tx[1].dev, "fxnic0");
	assert_string_equal(d.tx[1].state, "stuck");
	assert_int_equal(d.tx[1].in_flight, 52);
	assert_int_equal(d.tx[1].oldest_s, 4);
	mo_free(&rs);
}

static void memcg_report_has_gfp_and_order(void **state)
{
	struct mo_reports rs;
	struct mo_detail d;

	(void)state;
	parse_fixture("module/oom-memcg", &rs);
	assert_int_equal(rs.nr, 3);
	assert_int_equal(rs.v[2].seq, 3);
	assert_int_equal(rs.v[2].victim_pid, 320);
	mo_detail(&rs.v[2], &d);
	assert_string_equal(d.trigger, "memcg OOM");
	assert_string_equal(d.gfp, "GFP_KERNEL");
	assert_true(d.has_order);
	assert_int_equal(d.order, 0);
	assert_string_equal(d.largest_comm, "tail");
	assert_string_equal(d.verdicts[0], "memcg limit: /t at 16384 of 16384 kB; the rest of the system is not short");
	mo_free(&rs);
}

static void odd_text_lines_are_kept_not_parsed(void **state)
{
	const char *t = "# oomtrace-oom v1: report <seq> <boot_ns> <truncated> <victim_pid>, then its lines\n"
			"report 7 123 1 0\n"
			"OOM #7: global OOM, gfp GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO, order 3, panic_on_oom 2\n"
			"largest process: Web Content (x) (pid 4242) 9000 kB RSS\n"
			"top 1: (allocated untracked) 12 kB in 3 txonly, oldest 9s\n"
			"top 2: broken line\n"
			"tx : nothing\n"
			"\n";
	struct mo_reports rs;
	struct mo_detail d;
	struct rd_err e;

	(void)state;
	assert_int_equal(mo_parse(t, strlen(t), "oom", &rs, &e), 0);
	assert_int_equal(rs.nr, 1);
	assert_true(rs.v[0].truncated);
	assert_int_equal(rs.v[0].nr_lines, 6);
	mo_detail(&rs.v[0], &d);
	assert_string_equal(d.trigger, "global OOM");
	assert_string_equal(d.gfp, "GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO");
	assert_int_equal(d.order, 3);
	assert_int_equal(d.panic_on_oom, 2);
	assert_string_equal(d.largest_comm, "Web Content (x)");
	assert_int_equal(d.largest_pid, 4242);
	assert_int_equal(d.nr_top, 1);
	assert_string_equal(d.top[0].site, "(allocated untracked)");
	assert_string_equal(d.top[0].kind, "txonly");
	assert_int_equal(d.nr_tx, 0);
	mo_free(&rs);
}

/* Found by fuzz_oomfile: an order before the gfp flags once read past the line. */
static void fields_out_of_order(void **state)
{
	const char *t = "# oomtrace-oom v1: report\n"
			"report 1 5 0 0\n"
			"OOM #1: global OOM, order 2, gfp GFP_KERNEL, panic_on_oom 1\n";
	struct mo_reports rs;
	struct mo_detail d;
	struct rd_err e;

	(void)state;
	assert_int_equal(mo_parse(t, strlen(t), "oom", &rs, &e), 0);
	mo_detail(&rs.v[0], &d);
	assert_string_equal(d.trigger, "global OOM, order 2");
	assert_string_equal(d.gfp, "GFP_KERNEL");
	assert_int_equal(d.order, 2);
	assert_int_equal(d.panic_on_oom, 1);
	mo_free(&rs);
}

/* A kernel whose /proc/sys/vm/panic_on_oom the module could not read. */
static void panic_on_oom_unknown(void **state)
{
	const char *t = "# oomtrace-oom v1: report\n"
			"report 1 5 0 0\n"
			"OOM #1: global OOM, gfp GFP_KERNEL, order 0, panic_on_oom unknown\n"
			"memory: total 1000 kB, free 10 kB (cma 0 kB, min watermark 20 kB), "
			"slab unreclaimable 5 kB, hugepages unknown, accounted nowhere ~1 kB\n";
	struct mo_reports rs;
	struct mo_detail d;
	struct rd_err e;
	struct json_out j;
	FILE *f = tmpfile();
	char buf[4096];
	size_t n;

	(void)state;
	assert_non_null(f);
	assert_int_equal(mo_parse(t, strlen(t), "oom", &rs, &e), 0);
	mo_detail(&rs.v[0], &d);
	assert_false(d.has_panic);
	assert_true(d.panic_unknown);
	assert_int_equal(d.order, 0);
	json_init(&j, f);
	mo_report_json(&j, &rs.v[0]);
	json_end(&j);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	assert_true(json_valid(buf, n));
	assert_non_null(strstr(buf, "\"panic_on_oom\": \"unknown\""));
	assert_non_null(strstr(buf, "hugepages unknown"));
	fclose(f);
	mo_free(&rs);
}

static void empty_and_malformed(void **state)
{
	struct mo_reports rs;
	struct rd_err e;
	size_t len;
	char *buf = fixture_read("module/oom-malformed", &len);
	const char *t;

	(void)state;
	assert_int_equal(mo_parse(buf, len, "oom", &rs, &e), -1);
	assert_string_equal(e.msg, "oom: line 16: expected 'report <seq> <boot_ns> <truncated> <victim_pid>'");
	free(buf);
	t = "# oomtrace-oom v1: report\n";
	assert_int_equal(mo_parse(t, strlen(t), "oom", &rs, &e), 0);
	assert_int_equal(rs.nr, 0);
	mo_free(&rs);
	t = "# oomtrace-oom v1: report\nOOM #1: global OOM\n";
	assert_int_equal(mo_parse(t, strlen(t), "oom", &rs, &e), -1);
	assert_string_equal(e.msg, "oom: line 2: text before the first 'report' line");
	t = "# oomtrace-oom v1: report\nreport 1 2 5 0\n";
	assert_int_equal(mo_parse(t, strlen(t), "oom", &rs, &e), -1);
	assert_string_equal(e.msg, "oom: line 2: bad number in the report record");
	t = "# oomtrace-oom v3: report\n";
	assert_int_equal(mo_parse(t, strlen(t), "oom", &rs, &e), -1);
	assert_string_equal(e.msg, "oom: format v3, this reader understands v1");
}

static void json_and_text_output(void **state)
{
	struct mo_reports rs;
	struct json_out j;
	FILE *f = tmpfile();
	char buf[16384];
	size_t n;

	(void)state;
	assert_non_null(f);
	parse_fixture("module/oom", &rs);
	json_init(&j, f);
	json_arr_begin(&j);
	mo_report_json(&j, &rs.v[0]);
	mo_report_json(&j, &rs.v[1]);
	json_end(&j);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	assert_true(json_valid(buf, n));
	assert_non_null(strstr(buf, "\"victim_pid\": 138"));
	assert_non_null(strstr(buf, "\"victim_pid\": null"));
	assert_non_null(strstr(buf, "\"trigger\": \"sysrq-f (manual)\""));
	fclose(f);
	f = tmpfile();
	assert_non_null(f);
	mo_report_text(f, &rs.v[0]);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	assert_non_null(strstr(buf, "OOM report 1 at 9.582s after boot, victim pid 138\n"));
	assert_non_null(strstr(buf, "\n  top 1: packet_sendmsg+0x7ea/0x15f0 375 kB in 300 skb, oldest 3s\n"));
	fclose(f);
	mo_free(&rs);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(two_sysrq_reports),
	cmocka_unit_test(memcg_report_has_gfp_and_order),
	cmocka_unit_test(odd_text_lines_are_kept_not_parsed),
	cmocka_unit_test(fields_out_of_order),
	cmocka_unit_test(panic_on_oom_unknown),
	cmocka_unit_test(empty_and_malformed),
	cmocka_unit_test(json_and_text_output),
};

TEST_GROUP(group_modoom, "modoom", tests);
