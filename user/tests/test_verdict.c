// SPDX-License-Identifier: GPL-2.0
/* The verdict each fixture must get, and the words a reader must see. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

struct expect {
	const char *fixture;
	size_t report;
	enum oom_verdict kind;
	unsigned int page_kb;
	const char *words[4];
};

static void check(const struct expect *e)
{
	struct oom_reports rs;
	struct oom_analysis a;
	char *text, *json;
	size_t i;

	fixture_parse(e->fixture, &rs);
	assert_true(e->report < rs.nr);
	text = explain_string(&rs.v[e->report], e->report + 1, rs.nr, false, &a);
	if (a.kind != e->kind)
		fail_msg("%s report %zu: verdict %s, want %s\n%s", e->fixture, e->report + 1,
			 oom_verdict_name(a.kind), oom_verdict_name(e->kind), text);
	assert_int_equal(a.page_kb, e->page_kb);
	assert_int_equal(strstr(text, "\nverdict: ") != NULL, 1);
	assert_null(strstr(strstr(text, "\nverdict: ") + 1, "\nverdict: "));
	for (i = 0; i < 4 && e->words[i]; i++)
		if (!strstr(a.verdict, e->words[i]))
			fail_msg("%s: verdict lacks \"%s\": %s", e->fixture, e->words[i], a.verdict);
	json = explain_string(&rs.v[e->report], e->report + 1, rs.nr, true, &a);
	assert_true(json_valid(json, strlen(json)));
	assert_non_null(strstr(json, oom_verdict_name(e->kind)));
	free(json);
	free(text);
	oom_reports_free(&rs);
}

static void seed004_free_memory_is_mostly_cma(void **state)
{
	const struct expect e[] = {
		{ "seed004-arm64-5.4-cma-panic.log", 0, OOM_VERDICT_CMA, 64,
		  { "free memory is mostly CMA", "down to the watermarks", "DMA32" } },
		{ "seed004-arm64-5.4-cma-panic.log", 1, OOM_VERDICT_CMA, 64,
		  { "free memory is mostly CMA", "down to the watermarks", "panic_on_oom=2" } },
	};

	(void)state;
	check(&e[0]);
	check(&e[1]);
}

static void seed001_a_out_holds_most_of_ram(void **state)
{
	const struct expect e = { "seed001-x86_64-5.10-a.out.log", 1, OOM_VERDICT_PROCESS, 4,
				  { "a.out", "pid 5532", "95.3% of RAM", "not a kernel leak" } };
	const struct expect partial = { "seed001-x86_64-5.10-a.out.log", 0,
					OOM_VERDICT_INCOMPLETE, 4, { "a.out", "5515" } };

	(void)state;
	check(&e);
	check(&partial);
}

static void stress_ng_holds_95_percent(void **state)
{
	const struct expect e = { "x86_64-6.11-stress-ng-anon.log", 0, OOM_VERDICT_PROCESS, 4,
				  { "stress-ng-vm", "98.3% of RAM" } };

	(void)state;
	check(&e);
}

static void memcg_kmem_names_kernel_memory(void **state)
{
	const struct expect v1 = { "memcg-v1-k8s-kmem-3.10-el7.log", 0, OOM_VERDICT_MEMCG_KMEM, 4,
				   { "/kubepods/burstable/pod6c4333b3-a663-11ea-b39f-6c92bf85beda",
				     "99.9% of usage", "kernel memory inside the cgroup" } };
	const struct expect v2 = { "memcg-v2-6.6-sock-kmem-dmesg-raw.log", 0,
				   OOM_VERDICT_MEMCG_KMEM, 4,
				   { "/system.slice/relay.service", "socket buffers",
				     "kernel memory inside the cgroup" } };

	(void)state;
	check(&v1);
	check(&v2);
}

static void memcg_limit_names_limit_and_usage(void **state)
{
	const struct expect e = { "memcg-v1-docker-jvm-4.13-journalctl.log", 0, OOM_VERDICT_MEMCG, 4,
				  { "limit 5.0 MiB", "usage 5.0 MiB", "java" } };

	(void)state;
	check(&e);
}

static void cma_is_judged_before_a_large_process(void **state)
{
	const struct expect e = { "arm64-6.1-64k-cma-gfp-kernel.log", 0, OOM_VERDICT_CMA, 64,
				  { "mostly CMA", "zone DMA", "down to the watermarks" } };

	(void)state;
	check(&e);
}

static void cpuset_names_the_allowed_nodes(void **state)
{
	const struct expect e = { "rhel8-4.18-cpuset-numa-messages.log", 0, OOM_VERDICT_CPUSET, 4,
				  { "cpuset batch", "mems_allowed=1", "37.5 MiB free on the allowed nodes" } };

	(void)state;
	check(&e);
}

static void hugepages_unused_then_panic(void **state)
{
	const struct expect e = { "x86_64-5.15-panic-on-oom-hugepages-console.log", 0,
				  OOM_VERDICT_HUGEPAGES, 4,
				  { "48.0 GiB", "hugepages", "unused", "panic_on_oom=1" } };

	(void)state;
	check(&e);
}

static void slab_and_generic_in_one_syslog(void **state)
{
	const struct expect generic = { "syslog-4.19-two-ooms-db01.log", 0, OOM_VERDICT_GENERIC, 4,
					{ "no single consumer", "mysqld", "no swap" } };
	const struct expect slab = { "syslog-4.19-two-ooms-db01.log", 1, OOM_VERDICT_SLAB, 4,
				     { "unreclaimable slab", "kmalloc-4096", "67.0% of RAM" } };

	(void)state;
	check(&generic);
	check(&slab);
}

static void unaccounted_memory_suggests_the_module(void **state)
{
	const struct expect e = { "x86_64-4.14-serial-80col-truncated.log", 0,
				  OOM_VERDICT_UNACCOUNTED, 4,
				  { "accounted nowhere", "page_frag", "oomtrace module" } };

	(void)state;
	check(&e);
}

static void sysrq_and_fragmentation_and_old_kernel(void **state)
{
	const struct expect sysrq = { "x86_64-5.15-sysrq-f-dmesg-T.log", 0, OOM_VERDICT_SYSRQ, 4,
				      { "SysRq-f" } };
	const struct expect frag = { "arm64-4.19-order3-fragmentation.log", 0,
				     OOM_VERDICT_FRAGMENTATION, 4,
				     { "order-3", "32 KiB", "fragmentation" } };
	const struct expect el7 = { "el7-3.10-java-global-dmesg.log", 0, OOM_VERDICT_PROCESS, 4,
				    { "java", "89.4% of RAM" } };

	(void)state;
	check(&sysrq);
	check(&frag);
	check(&el7);
}

static void lowmem_on_32bit_with_free_highmem(void **state)
{
	const struct expect e = { "armv7-6.1-nonuma-highmem-lowmem-dmesg-H.log", 0,
				  OOM_VERDICT_LOWMEM, 4,
				  { "lowmem", "cannot use HighMem", "900.0 MiB" } };

	(void)state;
	check(&e);
}

/* On 32-bit only the lowmem zones count towards the CMA share of a GFP_KERNEL request. */
static void cma_share_counts_only_usable_zones(void **state)
{
	struct oom_reports rs;
	struct oom_analysis a;
	char *t;

	(void)state;
	text_parse("[  +0.1] kworker/u8:3 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
		   "[  +0.1] DMA free:519112kB boost:7216kB min:10428kB low:11228kB high:12028kB present:786432kB managed:663836kB free_cma:513592kB\n"
		   "[  +0.1] HighMem free:2916888kB boost:0kB min:512kB low:5912kB high:11312kB present:3264512kB managed:3264512kB free_cma:0kB\n"
		   "[  +0.1] 1012736 pages RAM\n[  +0.1] 30649 pages reserved\n",
		   &rs);
	assert_int_equal(rs.nr, 1);
	t = explain_string(&rs.v[0], 1, 1, false, &a);
	assert_int_equal(a.kind, OOM_VERDICT_CMA);
	assert_int_equal(a.usable_free_kb, 519112);
	assert_int_equal(a.unusable_free_kb, 2916888);
	assert_non_null(strstr(a.verdict, "HighMem does not count"));
	free(t);
	oom_reports_free(&rs);
}

/*
 * I6 on arm64: the report is printed after the kernel gave up at min (plus
 * a boost gone by then), so non-CMA free is a few pages above min but
 * below low. Still CMA, not the unaccounted memory behind it.
 */
static void cma_down_to_low_mark(void **state)
{
	struct oom_reports rs;
	struct oom_analysis a;
	char *t;

	(void)state;
	text_parse("[    4.56] insmod invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=-1000\n"
		   "[    4.57] Node 0 DMA free:248480kB boost:0kB min:2752kB low:3440kB high:4128kB present:524288kB managed:486528kB free_cma:245704kB\n"
		   "[    4.57] lowmem_reserve[]: 0 0 0 0\n"
		   "[    4.58] 131072 pages RAM\n[    4.58] 9440 pages reserved\n",
		   &rs);
	assert_int_equal(rs.nr, 1);
	t = explain_string(&rs.v[0], 1, 1, false, &a);
	assert_int_equal(a.kind, OOM_VERDICT_CMA);
	assert_non_null(strstr(a.verdict, "down to the watermarks"));
	free(t);
	oom_reports_free(&rs);
}

static void page_size_sources(void **state)
{
	struct oom_reports rs;
	struct oom_analysis a;

	(void)state;
	fixture_parse("x86_64-4.14-serial-80col-truncated.log", &rs);
	oom_analyze(&rs.v[0], &a);
	assert_string_equal(a.page_kb_source, "smallest block on the buddy free lists");
	oom_reports_free(&rs);
	fixture_parse("memcg-v1-k8s-kmem-3.10-el7.log", &rs);
	oom_analyze(&rs.v[0], &a);
	assert_string_equal(a.page_kb_source, "victim RSS kB / task table pages");
	oom_reports_free(&rs);
	text_parse("x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
		   "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=524288kB\n",
		   &rs);
	oom_analyze(&rs.v[0], &a);
	assert_int_equal(a.page_kb, 64);
	oom_reports_free(&rs);
}

static void seed001_unaccounted_estimate(void **state)
{
	struct oom_reports rs;
	struct oom_analysis a;

	(void)state;
	fixture_parse("seed001-x86_64-5.10-a.out.log", &rs);
	oom_analyze(&rs.v[1], &a);
	/* managed 11726056 kB minus the Mem-Info counters (in 4 KiB pages) and 6896 kB of stacks */
	assert_int_equal(a.managed_kb, 11726056);
	assert_true(a.have_unaccounted);
	assert_int_equal(a.unaccounted_kb, 11726056 - 4 * (40346 + 62 + 285 + 2820935 + 28 + 59 +
							   2873 + 8117 + 18581 + 6126) - 6896);
	assert_int_equal(a.nr_top, 5);
	assert_int_equal(rs.v[1].tasks[a.top[0]].pid, 5532);
	oom_reports_free(&rs);
}

static void mempolicy_constraint(void **state)
{
	struct oom_reports rs;
	struct oom_analysis a;
	char *text;

	(void)state;
	text_parse("[ 1.0] app invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0\n"
		   "[ 1.0] Node 0 Normal free:9000000kB min:40000kB low:50000kB high:60000kB present:16777216kB managed:16000000kB\n"
		   "[ 1.0] Node 1 Normal free:30000kB min:40000kB low:50000kB high:60000kB present:16777216kB managed:16000000kB\n"
		   "[ 1.0] oom-kill:constraint=CONSTRAINT_MEMORY_POLICY,nodemask=1,cpuset=/,mems_allowed=0-1,global_oom,task_memcg=/,task=app,pid=7,uid=0\n"
		   "[ 1.0] Out of memory: Killed process 7 (app) total-vm:100kB, anon-rss:50kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0\n",
		   &rs);
	assert_int_equal(rs.nr, 1);
	text = explain_string(&rs.v[0], 1, 1, false, &a);
	assert_int_equal(a.kind, OOM_VERDICT_MEMPOLICY);
	assert_string_equal(rs.v[0].nodemask, "1");
	assert_int_equal(a.allowed_free_kb, 30000);
	assert_non_null(strstr(a.verdict, "NUMA memory policy"));
	free(text);
	oom_reports_free(&rs);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(seed004_free_memory_is_mostly_cma),
	cmocka_unit_test(seed001_a_out_holds_most_of_ram),
	cmocka_unit_test(stress_ng_holds_95_percent),
	cmocka_unit_test(memcg_kmem_names_kernel_memory),
	cmocka_unit_test(memcg_limit_names_limit_and_usage),
	cmocka_unit_test(cma_is_judged_before_a_large_process),
	cmocka_unit_test(cpuset_names_the_allowed_nodes),
	cmocka_unit_test(hugepages_unused_then_panic),
	cmocka_unit_test(slab_and_generic_in_one_syslog),
	cmocka_unit_test(unaccounted_memory_suggests_the_module),
	cmocka_unit_test(sysrq_and_fragmentation_and_old_kernel),
	cmocka_unit_test(lowmem_on_32bit_with_free_highmem),
	cmocka_unit_test(cma_share_counts_only_usable_zones),
	cmocka_unit_test(cma_down_to_low_mark),
	cmocka_unit_test(page_size_sources),
	cmocka_unit_test(seed001_unaccounted_estimate),
	cmocka_unit_test(mempolicy_constraint),
};

TEST_GROUP(group_verdict, "verdict", tests);
