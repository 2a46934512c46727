// SPDX-License-Identifier: GPL-2.0
/*
 * The module's table files (callsites, netdev, stats, probes) and the
 * /proc files beside them, on files recorded in the test VM, and the
 * one-line errors for every way a file can be wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "live/modfiles.h"
#include "live/procmem.h"
#include "live/procnet.h"

#define HDR_CS "# oomtrace-callsites v1: kind live live_bytes allocs frees oldest_ms first_ms sample_every trend_kb site | stack\n"
#define HDR_ND "# oomtrace-netdev v1: ifindex name state in_flight in_flight_bytes oldest_ms xmits completions requeued clean_calls since_completion_ms trend\n"

static int parse_cs(const char *text, struct mf_callsites *cs, struct rd_err *e)
{
	return mf_parse_callsites(text, strlen(text), "callsites", cs, e);
}

static void callsites_recorded_file(void **state)
{
	struct mf_callsites cs;
	struct rd_err e;
	size_t len;
	char *buf = fixture_read("module/callsites", &len);
	const struct mf_callsite *c;

	(void)state;
	assert_int_equal(mf_parse_callsites(buf, len, "callsites", &cs, &e), 0);
	assert_int_equal(cs.nr, 22);
	c = &cs.v[0];
	assert_string_equal(c->kind, "skb");
	assert_int_equal(c->live, 300);
	assert_int_equal(c->live_bytes, 384000);
	assert_int_equal(c->allocs, 300);
	assert_int_equal(c->frees, 0);
	assert_int_equal(c->oldest_ms, 3120);
	assert_int_equal(c->sample_every, 1);
	assert_int_equal(c->nr_trend, 8);
	assert_int_equal(c->trend_kb[0], 0);
	assert_int_equal(c->trend_kb[7], 375);
	assert_string_equal(c->site, "packet_sendmsg+0x7ea/0x15f0");
	assert_string_equal(c->stack, "__sock_sendmsg+0x5f/0x70 __sys_sendto+0x122/0x170 "
				      "__x64_sys_sendto+0x20/0x30 do_syscall_64+0x5d/0xb0");
	/* a module callsite: the site text has a blank in it */
	assert_string_equal(cs.v[2].site, "fixture_skb_leak_alloc+0x89/0xbe [fixture_skb_leak]");
	assert_string_equal(cs.v[4].kind, "clone");
	assert_string_equal(cs.v[3].kind, "frag");
	mf_callsites_free(&cs);
	free(buf);
}

static void callsites_edge_rows(void **state)
{
	struct mf_callsites cs;
	struct rd_err e;

	(void)state;
	/* no trend yet, an empty stack, an untracked row with blanks in its name */
	assert_int_equal(parse_cs(HDR_CS
				  "skb 1 2304 1 0 10 10 4 - fixture_a+0x1/0x2 [m] | \n"
				  "txonly 3 0 3 0 5 5 4 1,2 (allocated untracked) | dev_hard_start_xmit+0x9/0x10\n"
				  "frag 0 0 2 2 0 7 4 - f+0x1/0x2 |\n", &cs, &e), 0);
	assert_int_equal(cs.nr, 3);
	assert_int_equal(cs.v[0].nr_trend, 0);
	assert_string_equal(cs.v[0].site, "fixture_a+0x1/0x2 [m]");
	assert_string_equal(cs.v[0].stack, "");
	assert_string_equal(cs.v[1].site, "(allocated untracked)");
	assert_string_equal(cs.v[1].kind, "txonly");
	assert_int_equal(cs.v[1].trend_kb[1], 2);
	assert_string_equal(cs.v[2].stack, "");
	mf_callsites_free(&cs);
	/* a header alone is an empty table */
	assert_int_equal(parse_cs(HDR_CS, &cs, &e), 0);
	assert_int_equal(cs.nr, 0);
	mf_callsites_free(&cs);
}

static void callsites_v2_header_is_refused(void **state)
{
	struct mf_callsites cs;
	struct rd_err e;
	char *buf = fixture_read("module/callsites-v2", NULL);

	(void)state;
	assert_int_equal(parse_cs(buf, &cs, &e), -1);
	assert_string_equal(e.msg, "callsites: format v2, this reader understands v1");
	assert_int_equal(cs.nr, 0);
	free(buf);
}

static void callsites_malformed_line_is_named(void **state)
{
	struct mf_callsites cs;
	struct rd_err e;
	char *buf = fixture_read("module/callsites-malformed", NULL);

	(void)state;
	assert_int_equal(parse_cs(buf, &cs, &e), -1);
	assert_string_equal(e.msg, "callsites: line 4: live_bytes is not a number: '85k248'");
	free(buf);
}

static void bad_rows_each_say_what(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "", "callsites: empty, expected a '# oomtrace-callsites v1:' header" },
		{ "skb 1 2 3 4 5 6 1 - a | b\n", "callsites: line 1: expected a '# oomtrace-callsites v1:' header" },
		{ HDR_ND, "callsites: line 1: this is the oomtrace-netdev file, not callsites" },
		{ "# oomtrace-slabs v1: x\n", "callsites: line 1: this is not an oomtrace-callsites file" },
		{ "# oomtrace-callsites v0: x\n", "callsites: unknown format version, this reader understands v1" },
		{ "# oomtrace-callsites v17: x\n", "callsites: format v17, this reader understands v1" },
		{ HDR_CS "skb 1 2 3\n", "callsites: line 2: expected kind, 7 numbers and a trend before the callsite" },
		{ HDR_CS "skb 1 2 3 4 5 6 1 - site without a bar\n", "callsites: line 2: no ' | ' between the callsite and its stack" },
		{ HDR_CS "skb 1 2 3 4 5 6 1 1,,2 a | b\n", "callsites: line 2: bad trend_kb '1,,2'" },
		{ HDR_CS "skb -1 2 3 4 5 6 1 - a | b\n", "callsites: line 2: live is not a number: '-1'" },
		{ HDR_CS "skb 1 2 3 4 5 6 99999999999999999999 - a | b\n", "callsites: line 2: sample_every is not a number: '99999999999999999999'" },
		{ HDR_CS "sk/b 1 2 3 4 5 6 1 - a | b\n", "callsites: line 2: bad kind 'sk/b'" },
		{ HDR_CS "skb 1 2 3 4 5 6 1 - | b\n", "callsites: line 2: no ' | ' between the callsite and its stack" },
	};
	struct mf_callsites cs;
	struct rd_err e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(parse_cs(cases[i].text, &cs, &e), -1);
		assert_string_equal(e.msg, cases[i].msg);
	}
}

static void nul_bytes_and_long_lines_are_errors(void **state)
{
	char buf[RD_MAX_LINE + 400];
	struct mf_callsites cs;
	struct rd_err e;
	size_t n;

	(void)state;
	n = strlen(HDR_CS);
	memcpy(buf, HDR_CS "skb 1 2 3 4 5 6 1 - a | b\n", n + 26);
	buf[n + 3] = '\0';
	assert_int_equal(mf_parse_callsites(buf, n + 26, "callsites", &cs, &e), -1);
	assert_string_equal(e.msg, "callsites: line 2: contains a NUL byte");
	memcpy(buf, HDR_CS, n);
	memset(buf + n, 'x', sizeof(buf) - n);
	assert_int_equal(mf_parse_callsites(buf, sizeof(buf), "callsites", &cs, &e), -1);
	assert_string_equal(e.msg, "callsites: line 2: longer than 8191 bytes");
}

static void netdev_recorded_file(void **state)
{
	struct mf_netdevs nd;
	struct rd_err e;
	size_t len;
	char *buf = fixture_read("module/netdev", &len);

	(void)state;
	assert_int_equal(mf_parse_netdev(buf, len, "netdev", &nd, &e), 0);
	assert_int_equal(nd.nr, 4);
	assert_int_equal(nd.v[0].ifindex, 5);
	assert_string_equal(nd.v[0].name, "vb0");
	assert_string_equal(nd.v[0].state, "stuck");
	assert_int_equal(nd.v[0].in_flight, 300);
	assert_int_equal(nd.v[0].in_flight_bytes, 384000);
	assert_int_equal(nd.v[0].completions, 6);
	assert_int_equal(nd.v[0].since_completion_ms, 2652);
	assert_int_equal(nd.v[0].nr_trend, 8);
	assert_int_equal(nd.v[0].trend[7], 300);
	assert_string_equal(nd.v[1].name, "fxnic0");
	assert_int_equal(nd.v[1].since_completion_ms, -1);
	assert_string_equal(nd.v[2].state, "idle");
	mf_netdevs_free(&nd);
	free(buf);
}

static void netdev_malformed_line_is_named(void **state)
{
	struct mf_netdevs nd;
	struct rd_err e;
	size_t len;
	char *buf = fixture_read("module/netdev-malformed", &len);
	const char *t;

	(void)state;
	assert_int_equal(mf_parse_netdev(buf, len, "netdev", &nd, &e), -1);
	assert_string_equal(e.msg, "netdev: line 3: expected 12 columns");
	free(buf);
	t = HDR_ND "2 fxnic0 stuck 52 116736 4600 52 0 0 0 -2 -\n";
	assert_int_equal(mf_parse_netdev(t, strlen(t), "netdev", &nd, &e), -1);
	assert_string_equal(e.msg, "netdev: line 2: bad since_completion_ms '-2'");
}

static void stats_and_probes_recorded(void **state)
{
	struct mf_stats st;
	struct mf_probes pr;
	struct rd_err e;
	size_t len;
	char *buf = fixture_read("module/stats", &len);

	(void)state;
	assert_int_equal(mf_parse_stats(buf, len, "stats", &st, &e), 0);
	assert_int_equal(st.nr, 14);
	assert_non_null(mf_stat_find(&st, "objects_live"));
	assert_int_equal(mf_stat_find(&st, "objects_live")->uvalue, 434);
	assert_int_equal(mf_stat_find(&st, "footprint_bytes")->uvalue, 3701264);
	assert_null(mf_stat_find(&st, "nonexistent"));
	mf_stats_free(&st);
	free(buf);
	buf = fixture_read("module/probes", &len);
	assert_int_equal(mf_parse_probes(buf, len, "probes", &pr, &e), 0);
	assert_int_equal(pr.nr, 17);
	assert_string_equal(pr.v[0].what, "skb_free");
	assert_string_equal(pr.v[0].type, "tracepoint");
	assert_string_equal(pr.v[0].target, "kfree_skb");
	assert_string_equal(pr.v[0].state, "attached");
	assert_int_equal(pr.v[0].hits, 179);
	assert_string_equal(pr.v[16].what, "oom_victim");
	mf_probes_free(&pr);
	free(buf);
}

static void stats_and_probes_malformed(void **state)
{
	struct mf_stats st;
	struct mf_probes pr;
	struct rd_err e;
	size_t len;
	char *buf = fixture_read("module/stats-malformed", &len);
	const char *t;

	(void)state;
	assert_int_equal(mf_parse_stats(buf, len, "stats", &st, &e), -1);
	assert_string_equal(e.msg, "stats: line 6: value is not a number: '65,536'");
	free(buf);
	buf = fixture_read("module/probes-malformed", &len);
	assert_int_equal(mf_parse_probes(buf, len, "probes", &pr, &e), -1);
	assert_string_equal(e.msg, "probes: line 3: expected 7 columns");
	free(buf);
	/* a negative error code is a value, not a fault */
	t = "# oomtrace-probes v1: what type target state error missed hits\n"
	    "skb_napi_build kretprobe napi_build_skb absent -2 0 0\n";
	assert_int_equal(mf_parse_probes(t, strlen(t), "probes", &pr, &e), 0);
	assert_int_equal(pr.v[0].error, -2);
	mf_probes_free(&pr);
}

static void verdicts_parsed(void **state)
{
	struct mf_verdicts v;
	struct rd_err e;
	size_t len;
	char *buf = fixture_read("module/verdicts", &len);

	(void)state;
	assert_int_equal(mf_parse_verdicts(buf, len, "verdicts", &v, &e), 0);
	free(buf);
	assert_int_equal(v.nr, 3);
	assert_string_equal(v.v[0].kind, "tx_stuck");
	assert_string_equal(v.v[0].subject, "vb0");
	assert_string_equal(v.v[2].subject, "packet_sendmsg+0x7ea/0x15f0");
	assert_string_equal(v.v[2].text,
			    "outstanding: packet_sendmsg+0x7ea/0x15f0 holds 375 kB in 300 skb objects, oldest 3s");
	mf_verdicts_free(&v);
	/* a callsite in a module: the subject keeps its space */
	buf = "# oomtrace-verdicts v1: kind subject | text\n"
	      "page_frag drv_refill+0x4/0x40 [drv] | page_frag: 9 caches\n";
	assert_int_equal(mf_parse_verdicts(buf, strlen(buf), "verdicts", &v, &e), 0);
	assert_string_equal(v.v[0].subject, "drv_refill+0x4/0x40 [drv]");
	assert_string_equal(v.v[0].text, "page_frag: 9 caches");
	mf_verdicts_free(&v);
	buf = fixture_read("module/verdicts-malformed", &len);
	assert_int_equal(mf_parse_verdicts(buf, len, "verdicts", &v, &e), -1);
	assert_string_equal(e.msg, "verdicts: line 2: expected 'kind subject | text'");
	assert_int_equal(v.nr, 0);
	free(buf);
}

static void detect_tells_files_apart(void **state)
{
	static const char *const names[] = { "module/callsites", "module/netdev", "module/stats",
					     "module/probes", "module/oom", "module/verdicts" };
	static const enum mf_kind kinds[] = { MF_CALLSITES, MF_NETDEV, MF_STATS, MF_PROBES, MF_OOM,
					      MF_VERDICTS };
	size_t i, len;

	(void)state;
	for (i = 0; i < 6; i++) {
		char *buf = fixture_read(names[i], &len);

		assert_int_equal(mf_detect(buf, len), kinds[i]);
		free(buf);
	}
	assert_int_equal(mf_detect("hello\n", 6), MF_UNKNOWN);
	assert_int_equal(mf_detect("", 0), MF_UNKNOWN);
}

static void proc_tables_recorded(void **state)
{
	static const char *const tables[] = { "udp", "udp6", "raw", "raw6", "tcp", "tcp6" };
	struct pn_sockets s = { 0 };
	struct rd_err e;
	char path[64];
	size_t i, len;

	(void)state;
	for (i = 0; i < 6; i++) {
		char *buf;

		snprintf(path, sizeof(path), "proc/net/%s", tables[i]);
		buf = fixture_read(path, &len);
		assert_int_equal(pn_parse(buf, len, tables[i], path, &s, &e), 0);
		free(buf);
	}
	assert_int_equal(s.nr, 7);
	pn_sort(&s);
	/* I4: the raw6 socket nobody reads comes first, with its drops */
	assert_string_equal(s.v[0].proto, "raw6");
	assert_string_equal(s.v[0].local, "::");
	assert_int_equal(s.v[0].local_port, 58);
	assert_int_equal(s.v[0].rx_queue, 50001600);
	assert_true(s.v[0].has_drops);
	assert_int_equal(s.v[0].drops, 48213);
	assert_int_equal(s.v[0].inode, 20977);
	assert_string_equal(s.v[1].proto, "udp");
	assert_string_equal(s.v[1].local, "0.0.0.0");
	assert_int_equal(s.v[1].local_port, 9999);
	assert_int_equal(s.v[1].rx_queue, 384000);
	for (i = 0; i < s.nr; i++) {
		if (!strcmp(s.v[i].proto, "tcp") && s.v[i].state == 1) {
			assert_string_equal(s.v[i].local, "10.0.2.15");
			assert_string_equal(s.v[i].remote, "10.0.2.2");
			assert_int_equal(s.v[i].remote_port, 54498);
			assert_false(s.v[i].has_drops);
			assert_string_equal(pn_state_name(s.v[i].state), "ESTABLISHED");
		}
		if (!strcmp(s.v[i].proto, "udp6"))
			assert_string_equal(s.v[i].local, "::1");
	}
	pn_find_owners(FIXTURE_DIR "/proc", &s);
	assert_int_equal(s.v[0].nr_owners, 1);
	assert_int_equal(s.v[0].owners[0].pid, 812);
	assert_string_equal(s.v[0].owners[0].comm, "zebra");
	assert_int_equal(s.v[1].owners[0].pid, 116);
	for (i = 0; i < s.nr; i++)
		if (s.v[i].inode == 14521) {
			/* sshd's listener, shared by two processes */
			assert_int_equal(s.v[i].nr_owners, 2);
			assert_int_equal(s.v[i].owners[0].pid, 540);
			assert_int_equal(s.v[i].owners[1].pid, 541);
		}
	pn_free(&s);
}

static void proc_table_errors(void **state)
{
	struct pn_sockets s = { 0 };
	struct rd_err e;
	const char *bad = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
			  "   39: 00000000:270F 00000000:0000 07 00000000:0005DC00 00:00000000 00000000     0        0 825 2 0 0\n"
			  "   40: 0000000:270F 00000000:0000 07 00000000:0005DC00 00:00000000 00000000     0        0 826 2 0 0\n";

	(void)state;
	assert_int_equal(pn_parse(bad, strlen(bad), "udp", "net/udp", &s, &e), -1);
	assert_string_equal(e.msg, "net/udp: line 3: not a socket row");
	pn_free(&s);
	assert_int_equal(pn_parse("garbage\n", 8, "udp", "net/udp", &s, &e), -1);
	assert_string_equal(e.msg, "net/udp: line 1: not a socket table header");
	pn_free(&s);
}

static void meminfo_and_buddyinfo(void **state)
{
	struct pm_meminfo m;
	struct pm_buddyinfo b;
	struct rd_err e;
	size_t len, i;
	char *buf = fixture_read("proc/meminfo", &len);
	bool seen_total = false, seen_huge = false;

	(void)state;
	assert_int_equal(pm_parse_meminfo(buf, len, "meminfo", &m, &e), 0);
	for (i = 0; i < m.nr; i++) {
		if (!strcmp(m.v[i].key, "MemTotal")) {
			seen_total = true;
			assert_int_equal(m.v[i].value, 468168);
			assert_true(m.v[i].kb);
		}
		if (!strcmp(m.v[i].key, "HugePages_Total")) {
			seen_huge = true;
			assert_false(m.v[i].kb);
		}
	}
	assert_true(seen_total && seen_huge);
	pm_meminfo_free(&m);
	free(buf);
	buf = fixture_read("proc/buddyinfo", &len);
	assert_int_equal(pm_parse_buddyinfo(buf, len, "buddyinfo", &b, &e), 0);
	assert_int_equal(b.nr, 2);
	assert_string_equal(b.v[1].zone, "DMA32");
	assert_int_equal(b.v[1].nr_orders, 11);
	assert_int_equal(b.v[1].free[10], 97);
	pm_buddyinfo_free(&b);
	free(buf);
	assert_int_equal(pm_parse_meminfo("MemTotal: lots\n", 15, "meminfo", &m, &e), -1);
	assert_string_equal(e.msg, "meminfo: line 1: expected 'Key: value [kB]'");
	assert_int_equal(pm_parse_buddyinfo("Node 0 zone DMA 1 2\n", 20, "buddyinfo", &b, &e), -1);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(callsites_recorded_file),
	cmocka_unit_test(callsites_edge_rows),
	cmocka_unit_test(callsites_v2_header_is_refused),
	cmocka_unit_test(callsites_malformed_line_is_named),
	cmocka_unit_test(bad_rows_each_say_what),
	cmocka_unit_test(nul_bytes_and_long_lines_are_errors),
	cmocka_unit_test(netdev_recorded_file),
	cmocka_unit_test(netdev_malformed_line_is_named),
	cmocka_unit_test(stats_and_probes_recorded),
	cmocka_unit_test(stats_and_probes_malformed),
	cmocka_unit_test(verdicts_parsed),
	cmocka_unit_test(detect_tells_files_apart),
	cmocka_unit_test(proc_tables_recorded),
	cmocka_unit_test(proc_table_errors),
	cmocka_unit_test(meminfo_and_buddyinfo),
};

TEST_GROUP(group_modfiles, "modfiles", tests);
