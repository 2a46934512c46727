// SPDX-License-Identifier: GPL-2.0
/*
 * Malformed input: nothing may crash or read out of bounds (the suite runs
 * under ASan/UBSan), and the results must stay sensible.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Parse, analyse and print every report; returns the number of reports. */
static size_t exercise(const char *buf, size_t len)
{
	struct oom_reports rs;
	struct oom_analysis a;
	size_t i, n;

	oom_reports_init(&rs);
	oom_parse_buffer(buf, len, &rs);
	for (i = 0; i < rs.nr; i++) {
		char *t = explain_string(&rs.v[i], i + 1, rs.nr, false, &a);
		char *j = explain_string(&rs.v[i], i + 1, rs.nr, true, &a);

		assert_non_null(strstr(t, "verdict: "));
		assert_true(json_valid(j, strlen(j)));
		free(t);
		free(j);
	}
	n = rs.nr;
	oom_reports_free(&rs);
	return n;
}

static void empty_input_has_no_report(void **state)
{
	(void)state;
	assert_int_equal(exercise("", 0), 0);
	assert_int_equal(exercise("\n\n\n", 3), 0);
}

static void random_bytes_do_not_crash(void **state)
{
	uint32_t x = 0x12345678;
	size_t i, len = 1 << 16;
	char *buf = malloc(len);
	int round;

	(void)state;
	assert_non_null(buf);
	for (round = 0; round < 8; round++) {
		for (i = 0; i < len; i++) {
			x = x * 1664525u + 1013904223u;
			buf[i] = (char)(x >> 24);
			/* some rounds: printable text with many newlines */
			if (round & 1)
				buf[i] = (x >> 28) < 2 ? '\n' : (char)(' ' + (x >> 24) % 95);
		}
		exercise(buf, len);
	}
	free(buf);
}

static void report_fragments_shuffled_do_not_crash(void **state)
{
	static const char *const pieces[] = {
		"a invoked oom-killer: gfp_mask=0x(, order=99999999999999999999",
		"Node 0 DMA32 free:1kB min:99999999999999999999999kB free_cma:5kB",
		"Node 0 DMA32: 1*4kB 2*999999999999999999999kB = 1kB",
		"Node 99999999999 Normal free:1kB min:2kB",
		"Node 0 hugepages_total=18446744073709551615 hugepages_free=7 hugepages_size=1048576kB",
		"Mem-Info:", "active_anon:18446744073709551615 free:1 free_cma:2",
		"[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
		"[ 1] 0 1 1 18446744073709551615 1 0 0 x", "[ -5] -1 -1 -1 -1", "[",
		"oom-kill:constraint=,nodemask=,,,,=,task=,pid=-9223372036854775808",
		"Out of memory: Killed process -1 (", "Killed process 1 (a) total-vm:-5kB, anon-rss:kB",
		"Kill process 7 (x score", "Kernel panic - not syncing: Out of memory", "Task in  killed as a result of limit of ",
		"memory: usage 18446744073709551615kB, limit 1kB, failcnt 1", "kmem: usage 99999999999999999999kB",
		"Memory cgroup stats for ", "anon 18446744073709551615", "Unreclaimable slab info:",
		"kmalloc-4096 99999999999999999999999KB 1KB", "18446744073709551615 pages RAM", "Free swap  =",
		"CPU: 1 PID: Comm: x Tainted: ", "oom_reaper: reaped process (", "page allocation failure:",
	};
	size_t n = sizeof(pieces) / sizeof(pieces[0]), i, k;
	uint32_t x = 7;
	char buf[8192];

	(void)state;
	for (k = 0; k < 300; k++) {
		size_t len = 0;

		for (i = 0; i < 40; i++) {
			const char *p;

			x = x * 1103515245u + 12345u;
			p = pieces[(x >> 16) % n];
			if (len + strlen(p) + 2 >= sizeof(buf))
				break;
			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
			buf[len++] = '\n';
		}
		exercise(buf, len);
	}
}

static void every_prefix_of_a_report(void **state)
{
	size_t len, cut;
	char *buf = fixture_read("seed004-arm64-5.4-cma-panic.log", &len);

	(void)state;
	for (cut = 0; cut <= len; cut += 13)
		exercise(buf, cut);
	free(buf);
}

static void report_cut_in_half_is_still_explained(void **state)
{
	struct oom_reports rs;
	struct oom_analysis a;
	size_t len;
	char *buf = fixture_read("seed001-x86_64-5.10-a.out.log", &len), *t;
	char *mid = strstr(buf, "Node 0 DMA32 free:");

	(void)state;
	assert_non_null(mid);
	oom_reports_init(&rs);
	oom_parse_buffer(buf, (size_t)(mid - buf) + 30, &rs);
	assert_int_equal(rs.nr, 2);
	assert_false(rs.v[1].done);
	assert_false(rs.v[1].victim.have);
	t = explain_string(&rs.v[1], 2, 2, false, &a);
	assert_non_null(strstr(t, "no kill line in the input"));
	assert_non_null(strstr(t, "verdict: "));
	free(t);
	oom_reports_free(&rs);
	free(buf);
}

static void second_half_alone_is_a_partial_report(void **state)
{
	struct oom_reports rs;
	size_t len;
	char *buf = fixture_read("x86_64-6.11-stress-ng-anon.log", &len);
	char *mid = strstr(buf, "[   30.745769] Mem-Info:");

	(void)state;
	assert_non_null(mid);
	oom_reports_init(&rs);
	oom_parse_buffer(mid, len - (size_t)(mid - buf), &rs);
	assert_int_equal(rs.nr, 1);
	assert_false(rs.v[0].have_trigger);
	assert_int_equal(rs.v[0].victim.pid, 116);
	assert_int_equal(rs.v[0].nr_tasks, 4);
	oom_reports_free(&rs);
	free(buf);
}

/*
 * With no OOM report, the page allocation failure is the report; the
 * SysRq dump after it is not, and does not leak into it.
 */
static void alloc_failure_is_the_report_when_there_is_no_oom(void **state)
{
	const char *text =
		"[ 5.0] e1000e: eth0 NIC Link is Up\n"
		"[ 9.0] kworker/0:1: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP)\n"
		"[ 9.0] Mem-Info:\n"
		"[ 9.0] active_anon:1 inactive_anon:2 isolated_anon:0\n"
		"[ 9.0] Node 0 DMA32 free:1000kB min:10kB low:20kB high:30kB\n"
		"[ 9.0] 100 pages RAM\n"
		"[20.0] sysrq: Show Memory\n"
		"[20.0] Mem-Info:\n"
		"[20.0] active_anon:1 inactive_anon:2 isolated_anon:0\n";
	struct oom_reports rs;

	(void)state;
	assert_int_equal(exercise(text, strlen(text)), 1);
	oom_reports_init(&rs);
	oom_parse_buffer(text, strlen(text), &rs);
	assert_true(rs.v[0].page_alloc_failure);
	assert_int_equal(rs.v[0].order, 4);
	assert_string_equal(rs.v[0].gfp_flags, "GFP_KERNEL|__GFP_COMP");
	assert_string_equal(rs.v[0].comm, "kworker/0:1");
	assert_int_equal(rs.v[0].first_line, 2);
	assert_int_equal(rs.v[0].last_line, 6);
	oom_reports_free(&rs);
}

/* Where there is an OOM report, a page allocation failure is not one. */
static void alloc_failure_beside_an_oom_is_not_a_report(void **state)
{
	const char *text =
		"[ 9.0] kworker/0:1: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP)\n"
		"[ 9.0] Mem-Info:\n"
		"[ 9.1] x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
		"[ 9.1] Out of memory: Killed process 7 (x) total-vm:1kB, anon-rss:1kB, file-rss:0kB\n";
	struct oom_reports rs;

	(void)state;
	oom_reports_init(&rs);
	oom_parse_buffer(text, strlen(text), &rs);
	assert_int_equal(rs.nr, 1);
	assert_false(rs.v[0].page_alloc_failure);
	assert_int_equal(rs.v[0].order, 0);
	oom_reports_free(&rs);
}

static void nul_bytes_and_huge_numbers(void **state)
{
	const char text[] = "[ 1.0] x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0\0junk\n"
			    "[ 1.0] 99999999999999999999999999999 pages RAM\n"
			    "[ 1.0] Node 0 Normal free:99999999999999999999kB min:1kB free_cma:99999999999999999999kB\n"
			    "[ 1.0] Mem-Info:\n[ 1.0] active_anon:99999999999999999999 free:99999999999999999 free_cma:3\n";
	struct oom_reports rs;

	(void)state;
	assert_int_equal(exercise(text, sizeof(text) - 1), 1);
	oom_reports_init(&rs);
	oom_parse_buffer(text, sizeof(text) - 1, &rs);
	assert_string_equal(rs.v[0].gfp_flags, "GFP_KERNEL");
	assert_true(rs.v[0].pages_ram != OOM_UNSET);
	oom_reports_free(&rs);
}

static void report_count_is_bounded(void **state)
{
	struct oom_reports rs;
	size_t i, len = 0, cap = (OOM_MAX_REPORTS + 50) * 40;
	char *buf = malloc(cap);

	(void)state;
	assert_non_null(buf);
	for (i = 0; i < OOM_MAX_REPORTS + 50; i++)
		len += (size_t)snprintf(buf + len, cap - len, "t%zu invoked oom-killer: order=0\n", i % 10);
	oom_reports_init(&rs);
	oom_parse_buffer(buf, len, &rs);
	assert_int_equal(rs.nr, OOM_MAX_REPORTS);
	assert_int_equal(rs.dropped, 50);
	oom_reports_free(&rs);
	free(buf);
}

static void many_zones_tasks_and_slab_rows_are_bounded(void **state)
{
	size_t cap = 1 << 20, len = 0;
	char *buf = malloc(cap);
	struct oom_reports rs;
	int i;

	(void)state;
	assert_non_null(buf);
	len += (size_t)snprintf(buf + len, cap - len, "x invoked oom-killer: order=0\nUnreclaimable slab info:\n");
	for (i = 0; i < 50; i++)
		len += (size_t)snprintf(buf + len, cap - len, "cache-%d %dKB %dKB\n", i, i * 10, i * 10);
	for (i = 0; i < 100; i++)
		len += (size_t)snprintf(buf + len, cap - len,
					"Node %d Z%d free:1kB min:2kB\nNode %d hugepages_total=1 hugepages_free=1 hugepages_surp=0 hugepages_size=%dkB\n",
					i, i, i, 4 << i % 20);
	len += (size_t)snprintf(buf + len, cap - len, "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	for (i = 0; i < 3000; i++)
		len += (size_t)snprintf(buf + len, cap - len, "[%7d] 0 %d 10 %d 4096 0 0 worker\n", i, i, i);
	oom_reports_init(&rs);
	oom_parse_buffer(buf, len, &rs);
	assert_int_equal(rs.nr, 1);
	assert_int_equal(rs.v[0].nr_zones, OOM_MAX_ZONES);
	assert_int_equal(rs.v[0].nr_huge, OOM_MAX_HUGE);
	assert_int_equal(rs.v[0].nr_slab, OOM_MAX_SLAB);
	assert_int_equal(rs.v[0].slab[0].used_kb, 490);
	assert_int_equal(rs.v[0].nr_tasks, 3000);
	oom_reports_free(&rs);
	assert_int_equal(exercise(buf, len), 1);
	free(buf);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(empty_input_has_no_report),
	cmocka_unit_test(random_bytes_do_not_crash),
	cmocka_unit_test(report_fragments_shuffled_do_not_crash),
	cmocka_unit_test(every_prefix_of_a_report),
	cmocka_unit_test(report_cut_in_half_is_still_explained),
	cmocka_unit_test(second_half_alone_is_a_partial_report),
	cmocka_unit_test(alloc_failure_is_the_report_when_there_is_no_oom),
	cmocka_unit_test(alloc_failure_beside_an_oom_is_not_a_report),
	cmocka_unit_test(nul_bytes_and_huge_numbers),
	cmocka_unit_test(report_count_is_bounded),
	cmocka_unit_test(many_zones_tasks_and_slab_rows_are_bounded),
};

TEST_GROUP(group_robustness, "robustness", tests);
