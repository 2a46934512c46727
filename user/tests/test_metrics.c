// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace metrics: the values are the module's (summed and estimated as
 * the help says), the number of series stays bounded, label values are
 * escaped, and a bad file writes nothing while a missing module says
 * oomtrace_up 0. promtool and node_exporter check the format for real
 * in scripts/check.sh; these tests hold the numbers.
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "live/modfiles.h"
#include "tmpdir.h"

static char *metrics(const char *dir, const char *top, int *st, char **err)
{
	const char *argv[] = { OOMTRACE_BIN, "metrics", "--dir", dir, top, NULL };

	return run_program(argv, NULL, st, err);
}

/* The value of the series written exactly as SERIES, or -1 if absent. */
static int64_t value_of(const char *out, const char *series)
{
	size_t n = strlen(series);
	const char *p = out;

	while ((p = strstr(p, series))) {
		if ((p == out || p[-1] == '\n') && p[n] == ' ')
			return strtoll(p + n + 1, NULL, 10);
		p += n;
	}
	return -1;
}

static size_t count_lines_starting(const char *out, const char *prefix)
{
	size_t n = 0, len = strlen(prefix);
	const char *p = out;

	for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, prefix, len))
			n++;
	return n;
}

/* Totals per family computed here from the parsed table, not by metrics.c. */
static uint64_t family_bytes(const struct mf_callsites *cs, const char *kind)
{
	uint64_t sum = 0;
	size_t i;

	for (i = 0; i < cs->nr; i++)
		if (!strcmp(cs->v[i].kind, kind))
			sum += cs->v[i].live_bytes * (cs->v[i].sample_every ? cs->v[i].sample_every : 1);
	return sum;
}

static void values_are_the_modules(void **state)
{
	struct mf_callsites cs;
	struct rd_err e;
	size_t len;
	char *buf = fixture_read("module/callsites", &len), *out, *err;
	uint64_t skb;
	int st;

	(void)state;
	assert_int_equal(mf_parse_callsites(buf, len, "callsites", &cs, &e), 0);
	free(buf);
	out = metrics(FIXTURE_DIR "/module", "--top=2", &st, &err);
	assert_int_equal(st, 0);
	assert_string_equal(err, "");
	assert_int_equal(value_of(out, "oomtrace_up"), 1);
	assert_int_equal(value_of(out, "oomtrace_footprint_bytes"), 3701264);
	assert_int_equal(value_of(out, "oomtrace_objects_live"), 434);
	/* the fixture's oom file holds reports 1 and 2 */
	assert_int_equal(value_of(out, "oomtrace_ooms_total"), 2);
	skb = family_bytes(&cs, "skb");
	assert_int_equal(value_of(out, "oomtrace_family_outstanding_bytes{family=\"skb\"}"), skb);
	assert_int_equal(value_of(out, "oomtrace_family_outstanding_bytes{family=\"frag\"}"),
			 family_bytes(&cs, "frag"));
	/* the top two are named, the rest of skb is "other", and they add up */
	assert_int_equal(value_of(out, "oomtrace_callsite_outstanding_bytes{family=\"skb\",site=\"packet_sendmsg+0x7ea/0x15f0\"}"),
			 384000);
	assert_int_equal(value_of(out, "oomtrace_callsite_outstanding_bytes{family=\"skb\",site=\"fixture_nic_gen_skb+0x2e/0x160 [fixture_nic]\"}"),
			 115200);
	assert_int_equal(value_of(out, "oomtrace_callsite_outstanding_bytes{family=\"skb\",site=\"other\"}"),
			 skb - 384000 - 115200);
	assert_int_equal(count_lines_starting(out, "oomtrace_callsite_oldest_seconds{"), 2);
	assert_non_null(strstr(out, "\noomtrace_callsite_oldest_seconds{family=\"skb\",site=\"packet_sendmsg+0x7ea/0x15f0\"} 3.120\n"));
	/* devices: vb0 and fxnic0 hold the most; idle fxnic1 and veth0 are "other" */
	assert_int_equal(value_of(out, "oomtrace_netdev_in_flight{device=\"vb0\"}"), 300);
	assert_int_equal(value_of(out, "oomtrace_netdev_in_flight_bytes{device=\"fxnic0\"}"), 116736);
	assert_int_equal(value_of(out, "oomtrace_netdev_in_flight{device=\"other\"}"), 0);
	assert_int_equal(value_of(out, "oomtrace_netdev_transmits_total{device=\"vb0\"}"), 306);
	assert_int_equal(value_of(out, "oomtrace_netdev_completions_total{device=\"vb0\"}"), 6);
	assert_int_equal(value_of(out, "oomtrace_netdev_state{device=\"vb0\",state=\"stuck\"}"), 1);
	assert_int_equal(value_of(out, "oomtrace_netdev_transmits_total{device=\"veth0\"}"), -1);
	assert_int_equal(value_of(out, "oomtrace_verdict{kind=\"tx_stuck\",subject=\"fxnic0\"}"), 1);
	assert_int_equal(count_lines_starting(out, "oomtrace_verdict{"), 3);
	/* each family announced once, before its samples */
	assert_int_equal(count_lines_starting(out, "# TYPE oomtrace_callsite_outstanding_bytes gauge"), 1);
	mf_callsites_free(&cs);
	free(out);
	free(err);
}

static void rows_of_one_site_are_one_series_and_sampling_scales(void **state)
{
	char *dir = tmpdir_module("callsites",
		"# oomtrace-callsites v1: kind live live_bytes allocs frees oldest_ms first_ms sample_every trend_kb site | stack\n"
		"skb 10 20480 10 0 900 900 4 0 drv_rx+0x10/0x80 [drv] | a+0x1/0x2\n"
		"skb 5 10240 5 0 2500 2500 4 0 drv_rx+0x10/0x80 [drv] | b+0x1/0x2\n"
		"frag 1 4096 1 0 10 10 4 0 drv_refill+0x4/0x40 [drv] | c+0x1/0x2\n");
	char *out, *err;
	int st;

	(void)state;
	out = metrics(dir, "--top=5", &st, &err);
	assert_int_equal(st, 0);
	assert_int_equal(value_of(out, "oomtrace_callsite_outstanding_bytes{family=\"skb\",site=\"drv_rx+0x10/0x80 [drv]\"}"),
			 (20480 + 10240) * 4);
	assert_int_equal(value_of(out, "oomtrace_callsite_outstanding_objects{family=\"skb\",site=\"drv_rx+0x10/0x80 [drv]\"}"),
			 15 * 4);
	assert_non_null(strstr(out, "\noomtrace_callsite_oldest_seconds{family=\"skb\",site=\"drv_rx+0x10/0x80 [drv]\"} 2.500\n"));
	assert_int_equal(count_lines_starting(out, "oomtrace_callsite_outstanding_bytes{"), 2);
	/* nothing beyond the top: no "other" series */
	assert_null(strstr(out, ",site=\"other\"}"));
	free(out);
	free(err);
	tmpdir_remove(dir);
}

static void label_values_are_escaped(void **state)
{
	char *dir = tmpdir_module("verdicts",
		"# oomtrace-verdicts v1: kind subject | text\n"
		"memcg_limit /pods/a\"b\\c | memcg limit: /pods/a\"b\\c at 100 of 100 kB\n");
	char *out, *err;
	int st;

	(void)state;
	out = metrics(dir, "--top=1", &st, &err);
	assert_int_equal(st, 0);
	assert_int_equal(value_of(out, "oomtrace_verdict{kind=\"memcg_limit\",subject=\"/pods/a\\\"b\\\\c\"}"), 1);
	free(out);
	free(err);
	tmpdir_remove(dir);
}

/* Just loaded: no callsite, no device, no verdict table rows yet. */
static void fresh_module_with_empty_tables(void **state)
{
	char *dir = tmpdir_module("callsites",
		"# oomtrace-callsites v1: kind live live_bytes allocs frees oldest_ms first_ms sample_every trend_kb site | stack\n"), *out, *err;
	int st;

	(void)state;
	tmpdir_put(dir, "netdev", "# oomtrace-netdev v1: ifindex name state in_flight in_flight_bytes oldest_ms xmits completions requeued clean_calls since_completion_ms trend\n");
	tmpdir_put(dir, "verdicts", "# oomtrace-verdicts v1: kind subject | text\n");
	out = metrics(dir, "--top=3", &st, &err);
	assert_int_equal(st, 0);
	assert_string_equal(err, "");
	assert_int_equal(value_of(out, "oomtrace_up"), 1);
	assert_int_equal(count_lines_starting(out, "oomtrace_callsite_"), 0);
	assert_int_equal(count_lines_starting(out, "oomtrace_netdev_"), 0);
	assert_int_equal(count_lines_starting(out, "oomtrace_verdict{"), 0);
	free(out);
	free(err);
	tmpdir_remove(dir);
}

static size_t entries(const char *dir)
{
	struct dirent *de;
	size_t n = 0;
	DIR *d = opendir(dir);

	assert_non_null(d);
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

static void textfile_is_replaced_whole_or_not_at_all(void **state)
{
	char *mod = tmpdir_module(NULL, NULL), *tf = tmpdir_make(), *prom, *text, *out, *err;
	const char *write_tf[] = { OOMTRACE_BIN, "metrics", "--dir", mod, "--textfile", tf, NULL };
	const char *print[] = { OOMTRACE_BIN, "metrics", "--dir", mod, NULL };
	struct stat st_;
	int st;

	(void)state;
	prom = tmpdir_path(tf, "oomtrace.prom");
	out = run_program(write_tf, NULL, &st, &err);
	assert_int_equal(st, 0);
	assert_string_equal(out, "");
	free(out);
	free(err);
	text = file_slurp(prom, NULL);
	assert_non_null(text);
	assert_int_equal(stat(prom, &st_), 0);
	assert_int_equal(st_.st_mode & 0777, 0644);
	out = run_program(print, NULL, &st, &err);
	assert_string_equal(out, text);
	free(out);
	free(err);
	assert_int_equal(entries(tf), 1);	/* no temporary file left */

	/* a table that does not parse: an error, and the old file stays */
	tmpdir_copy(mod, "netdev", "module/netdev-malformed");
	out = run_program(write_tf, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_non_null(strstr(err, "oomtrace: metrics: netdev: line "));
	free(out);
	free(err);
	free(text);
	text = file_slurp(prom, NULL);
	out = run_program(print, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_string_equal(out, "");
	assert_non_null(strstr(text, "\noomtrace_netdev_in_flight{device=\"vb0\"} 300\n"));
	assert_int_equal(entries(tf), 1);
	free(out);
	free(err);

	/* the module gone: oomtrace_up 0 replaces the old metrics */
	tmpdir_remove(mod);
	out = run_program(write_tf, NULL, &st, &err);
	assert_int_equal(st, 1);
	assert_non_null(strstr(err, "oomtrace: metrics: cannot open "));
	free(out);
	free(err);
	free(text);
	text = file_slurp(prom, NULL);
	assert_int_equal(value_of(text, "oomtrace_up"), 0);
	assert_null(strstr(text, "oomtrace_netdev"));
	free(text);
	free(prom);
	tmpdir_remove(tf);
}

static void bad_options(void **state)
{
	static const struct {
		const char *args[4];
		const char *msg;
	} cases[] = {
		{ { "--top", "0" }, "oomtrace: metrics: --top: not a number from 1 to 1000: '0'\n" },
		{ { "--top=x" }, "oomtrace: metrics: --top: not a number from 1 to 1000: 'x'\n" },
		{ { "--textfile", "/nonexistent" },
		  "oomtrace: metrics: --textfile: not a directory: '/nonexistent'\n" },
		{ { "--top" }, "oomtrace: metrics: --top needs a value\n" },
		{ { "--frobnicate" }, "oomtrace: metrics: unknown option '--frobnicate'\n" },
		{ { "extra" }, "oomtrace: metrics: unexpected argument 'extra'\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *argv[8] = { OOMTRACE_BIN, "metrics", "--dir", FIXTURE_DIR "/module" };
		char *out, *err;
		size_t j;
		int st;

		for (j = 0; j < 3 && cases[i].args[j]; j++)
			argv[4 + j] = cases[i].args[j];
		out = run_program(argv, NULL, &st, &err);
		assert_int_equal(st, 2);
		assert_string_equal(out, "");
		if (strncmp(err, cases[i].msg, strlen(cases[i].msg)))
			fail_msg("%s: got '%s', want '%s'", cases[i].args[0], err, cases[i].msg);
		free(out);
		free(err);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(values_are_the_modules),
	cmocka_unit_test(rows_of_one_site_are_one_series_and_sampling_scales),
	cmocka_unit_test(label_values_are_escaped),
	cmocka_unit_test(fresh_module_with_empty_tables),
	cmocka_unit_test(textfile_is_replaced_whole_or_not_at_all),
	cmocka_unit_test(bad_options),
};

TEST_GROUP(group_metrics, "metrics", tests);
