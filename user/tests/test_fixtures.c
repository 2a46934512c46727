// SPDX-License-Identifier: GPL-2.0
/*
 * What the parser extracts from each fixture. Expected values were read
 * off the fixture text by hand.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const struct oom_zone *zone(const struct oom_report *r, int node,
				   const char *name)
{
	unsigned int i;

	for (i = 0; i < r->nr_zones; i++)
		if (r->zones[i].node == node && !strcmp(r->zones[i].name, name))
			return &r->zones[i];
	fail_msg("zone %d %s not parsed", node, name);
	return NULL;
}

static const struct oom_task *task(const struct oom_report *r, int64_t pid)
{
	size_t i;

	for (i = 0; i < r->nr_tasks; i++)
		if (r->tasks[i].pid == pid)
			return &r->tasks[i];
	fail_msg("task %lld not parsed", (long long)pid);
	return NULL;
}

static void seed001_two_reports_first_is_only_a_kill_line(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;

	(void)state;
	fixture_parse("seed001-x86_64-5.10-a.out.log", &rs);
	assert_int_equal(rs.nr, 2);
	r = &rs.v[0];
	assert_false(r->have_trigger);
	assert_true(r->victim.have);
	assert_int_equal(r->victim.pid, 5515);
	assert_string_equal(r->victim.comm, "a.out");
	assert_int_equal(r->victim.anon_rss_kb, 10875852);
	assert_true(r->victim.reaped);
	oom_reports_free(&rs);
}

static void seed001_global_oom_fields(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;
	const struct oom_zone *z;

	(void)state;
	fixture_parse("seed001-x86_64-5.10-a.out.log", &rs);
	r = &rs.v[1];
	assert_true(r->have_trigger);
	assert_string_equal(r->comm, "a.out");
	assert_int_equal(r->pid, 5532);
	assert_int_equal(r->gfp_mask, 0x100cca);
	assert_string_equal(r->gfp_flags, "GFP_HIGHUSER_MOVABLE");
	assert_int_equal(r->order, 0);
	assert_string_equal(r->kernel, "5.10.0-60.18.0.50.oe2203.x86_64");
	assert_int_equal(r->constraint, OOM_CONSTRAINT_NONE);
	assert_true(r->global_oom);
	assert_int_equal(r->nr_zones, 3);
	z = zone(r, 0, "Normal");
	assert_int_equal(z->free_kb, 88188);
	assert_int_equal(z->min_kb, 88444);
	assert_int_equal(z->managed_kb, 9207308);
	z = zone(r, 0, "DMA32");
	assert_int_equal(z->free_kb, 59900);
	assert_int_equal(z->min_kb, 24044);
	assert_int_equal(z->nr_buddy, 11);
	assert_int_equal(r->mi[OOM_MI_FREE], 40346);
	assert_int_equal(r->mi[OOM_MI_INACTIVE_ANON], 2820935);
	assert_int_equal(r->mi[OOM_MI_SLAB_UNRECLAIMABLE], 18581);
	assert_int_equal(r->node_kernel_stack_kb, 6896);
	assert_int_equal(r->pages_ram, 3145595);
	assert_int_equal(r->pages_reserved, 214081);
	assert_int_equal(r->swap_total_kb, 0);
	assert_int_equal(r->nr_huge, 2);
	assert_int_equal(r->nr_tasks, 39);
	assert_int_equal(task(r, 5532)->rss, 2793370);
	assert_string_equal(task(r, 5532)->name, "a.out");
	assert_int_equal(task(r, 784)->score_adj, -250);
	assert_int_equal(r->victim.pid, 5532);
	assert_int_equal(r->victim.anon_rss_kb, 11172224);
	assert_int_equal(r->victim.uid, 0);
	assert_int_equal(r->victim.pgtables_kb, 21912);
	assert_true(r->victim.reaped);
	assert_int_equal(r->first_line, 3);
	assert_int_equal(r->last_line, 103);
	oom_reports_free(&rs);
}

static void seed004_warn_alloc_dump_does_not_make_a_report(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;
	const struct oom_zone *z;

	(void)state;
	fixture_parse("seed004-arm64-5.4-cma-panic.log", &rs);
	assert_int_equal(rs.nr, 2);
	r = &rs.v[0];
	assert_string_equal(r->comm, "oncealloc2");
	assert_int_equal(r->summary_pid, 1440);
	assert_string_equal(r->summary_task, "oncealloc2");
	assert_int_equal(r->constraint, OOM_CONSTRAINT_NONE);
	assert_false(r->victim.have);
	assert_int_equal(r->last_line, 58);
	z = zone(r, 0, "DMA32");
	assert_int_equal(z->free_kb, 613120);
	assert_int_equal(z->min_kb, 91584);
	assert_int_equal(z->free_cma_kb, 523776);
	assert_int_equal(z->buddy_size_kb[0], 64);
	assert_int_equal(r->mi[OOM_MI_FREE], 9580);
	assert_int_equal(r->mi[OOM_MI_FREE_CMA], 8184);
	assert_int_equal(r->pages_ram, 31744);
	assert_int_equal(r->pages_cma_reserved, 8192);
	assert_int_equal(r->nr_tasks, 11);
	assert_true(r->alloc_in_oom_path);
	assert_string_equal(r->oom_path_caller, "out_of_memory_reboot");
	assert_false(rs.v[1].alloc_in_oom_path);
	assert_int_equal(rs.v[1].first_line, 127);
	oom_reports_free(&rs);
}

static void seed004_second_report_ends_in_compulsory_panic(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;

	(void)state;
	fixture_parse("seed004-arm64-5.4-cma-panic.log", &rs);
	r = &rs.v[1];
	assert_int_equal(r->panic, OOM_PANIC_COMPULSORY);
	assert_true(r->done);
	assert_int_equal(r->pid, 1440);
	assert_string_equal(r->kernel, "5.4.74");
	assert_false(r->summary_line);
	assert_int_equal(r->last_line, 182);
	assert_int_equal(task(r, 1440)->rss, 998);
	oom_reports_free(&rs);
}

static void memcg_v1_kmem_3_10_syslog(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;

	(void)state;
	fixture_parse("memcg-v1-k8s-kmem-3.10-el7.log", &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.v[0];
	assert_string_equal(r->comm, "runc:[2:INIT]");
	assert_int_equal(r->gfp_mask, 0xd0);
	assert_int_equal(r->score_adj, 997);
	assert_string_equal(r->kernel, "3.10.0-514.16.1.el7.stable.v1.4.x86_64");
	assert_true(r->memcg_seen);
	assert_int_equal(r->constraint, OOM_CONSTRAINT_MEMCG);
	assert_string_equal(r->memcg.path, "/kubepods/burstable/pod6c4333b3-a663-11ea-b39f-6c92bf85beda");
	assert_int_equal(r->memcg.usage_kb, 3145728);
	assert_int_equal(r->memcg.limit_kb, 3145728);
	assert_int_equal(r->memcg.failcnt, 14406932);
	assert_int_equal(r->memcg.kmem_usage_kb, 3143468);
	assert_int_equal(r->memcg.v1_rss_kb, 2260);
	assert_string_equal(r->mems_allowed, "0-1");
	assert_int_equal(r->nr_tasks, 3);
	assert_int_equal(task(r, 30598)->rss, 1);
	assert_int_equal(task(r, 30598)->score_adj, -998);
	assert_true(r->chosen.have);
	assert_int_equal(r->chosen.pid, 12800);
	assert_int_equal(r->chosen.score, 997);
	assert_int_equal(r->victim.pid, 12788);
	assert_string_equal(r->victim.comm, "runc:[2:INIT]");
	assert_int_equal(r->victim.anon_rss_kb, 3296);
	assert_int_equal(r->victim.shmem_rss_kb, 1012);
	oom_reports_free(&rs);
}

static void memcg_v1_4_13_journal_cut_path_is_completed(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;

	(void)state;
	fixture_parse("memcg-v1-docker-jvm-4.13-journalctl.log", &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.v[0];
	assert_string_equal(r->nodemask, "(null)");
	assert_int_equal(r->gfp_mask, 0x14000c0);
	assert_string_equal(r->cpuset, "35f18c48d432510c76e76f2e7a962e64a1372de1dc4abd830417263907bea6e0");
	assert_int_equal(r->constraint, OOM_CONSTRAINT_MEMCG);
	assert_string_equal(r->memcg.path,
			    "/docker/35f18c48d432510c76e76f2e7a962e64a1372de1dc4abd830417263907bea6e0");
	assert_int_equal(r->memcg.usage_kb, 5120);
	assert_int_equal(r->memcg.limit_kb, 5120);
	assert_int_equal(r->memcg.failcnt, 69);
	assert_int_equal(r->memcg.kmem_usage_kb, 1560);
	assert_int_equal(r->nr_tasks, 2);
	assert_int_equal(task(r, 16426)->rss, 3160);
	assert_int_equal(task(r, 16360)->rss, 178);
	assert_int_equal(r->victim.pid, 16426);
	assert_int_equal(r->victim.file_rss_kb, 9440);
	oom_reports_free(&rs);
}

static void x86_64_6_11_rss_split_columns(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;

	(void)state;
	fixture_parse("x86_64-6.11-stress-ng-anon.log", &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.v[0];
	assert_int_equal(r->pid, 116);
	assert_int_equal(r->gfp_mask, 0x440dc0);
	assert_int_equal(r->nr_tasks, 4);
	assert_int_equal(task(r, 116)->rss, 1995298);
	assert_int_equal(task(r, 116)->score_adj, 1000);
	assert_string_equal(task(r, 116)->name, "stress-ng-vm");
	assert_int_equal(zone(r, 0, "Normal")->free_kb, 984);
	assert_int_equal(zone(r, 0, "Normal")->min_kb, 8628);
	assert_int_equal(r->mi[OOM_MI_SEC_PAGETABLES], 0);
	assert_int_equal(r->node_kernel_stack_kb, 2144);
	assert_int_equal(r->pages_ram, 2097022);
	assert_int_equal(r->victim.anon_rss_kb, 7980628);
	assert_int_equal(r->victim.score_adj, 1000);
	oom_reports_free(&rs);
}

static void arm64_6_1_64k_cma_with_caller_ids(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;
	const struct oom_zone *z;

	(void)state;
	fixture_parse("arm64-6.1-64k-cma-gfp-kernel.log", &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.v[0];
	assert_string_equal(r->comm, "rtsp-server");
	assert_int_equal(r->pid, 1187);
	assert_string_equal(r->gfp_flags, "GFP_KERNEL");
	assert_string_equal(r->arch, "arm64");
	assert_string_equal(r->hardware, "Radxa ROCK 5B (DT)");
	z = zone(r, 0, "DMA");
	assert_int_equal(z->free_kb, 1101504);
	assert_int_equal(z->min_kb, 101184);
	assert_int_equal(z->free_cma_kb, 1044480);
	assert_int_equal(z->nr_buddy, 14);
	assert_int_equal(z->buddy_size_kb[13], 524288);
	z = zone(r, 0, "Normal");
	assert_int_equal(z->free_kb, 91840);
	assert_int_equal(z->min_kb, 104384);
	assert_int_equal(r->mi[OOM_MI_FREE], 18646);
	assert_int_equal(r->mi[OOM_MI_FREE_CMA], 16320);
	assert_int_equal(r->mi[OOM_MI_KERNEL_MISC_RECLAIMABLE], 0);
	assert_int_equal(r->pages_ram, 65536);
	assert_int_equal(r->pages_reserved, 1293);
	assert_int_equal(r->pages_cma_reserved, 16384);
	assert_int_equal(r->nr_huge, 3);
	assert_int_equal(r->nr_tasks, 8);
	assert_int_equal(task(r, 812)->rss, 36500);
	assert_int_equal(r->victim.pid, 812);
	assert_int_equal(r->victim.uid, 1013);
	assert_true(r->victim.reaped);
	oom_reports_free(&rs);
}

static void syslog_two_reports_with_noise(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;

	(void)state;
	fixture_parse("syslog-4.19-two-ooms-db01.log", &rs);
	assert_int_equal(rs.nr, 2);
	r = &rs.v[0];
	assert_int_equal(r->first_line, 2);
	assert_int_equal(r->pid, 23110);
	assert_string_equal(r->nodemask, "(null)");
	assert_int_equal(r->nr_tasks, 22);
	assert_int_equal(r->mi[OOM_MI_SLAB_UNRECLAIMABLE], 38912);
	assert_int_equal(zone(r, 0, "Normal")->kernel_stack_kb, 11136);
	assert_int_equal(r->chosen.score, 401);
	assert_int_equal(r->victim.pid, 23110);
	assert_int_equal(r->victim.anon_rss_kb, 3356804);
	assert_true(r->victim.reaped);
	r = &rs.v[1];
	assert_int_equal(r->pid, 24790);
	assert_int_equal(r->nr_tasks, 10);
	assert_int_equal(r->mi[OOM_MI_SLAB_UNRECLAIMABLE], 1380000);
	assert_int_equal(r->nr_slab, 6);
	assert_string_equal(r->slab[0].name, "kmalloc-4096");
	assert_int_equal(r->slab[0].used_kb, 5318656);
	assert_string_equal(r->slab[1].name, "skbuff_head_cache");
	assert_int_equal(r->victim.pid, 24790);
	assert_false(r->victim.reaped);
	oom_reports_free(&rs);
}

static void rhel8_cpuset_with_rsyslog_escapes(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;

	(void)state;
	fixture_parse("rhel8-4.18-cpuset-numa-messages.log", &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.v[0];
	assert_int_equal(r->constraint, OOM_CONSTRAINT_CPUSET);
	assert_string_equal(r->cpuset, "batch");
	assert_string_equal(r->mems_allowed, "1");
	assert_string_equal(r->memcg.task_path, "/slurm/uid_1001/job_88123/step_0");
	assert_int_equal(r->mi[OOM_MI_FREE], 6900730);
	assert_int_equal(r->mi[OOM_MI_SLAB_UNRECLAIMABLE], 61204);
	assert_int_equal(r->mi[OOM_MI_ACTIVE_FILE], 512000);
	assert_int_equal(r->nr_zones, 4);
	assert_int_equal(zone(r, 1, "Normal")->free_kb, 38416);
	assert_int_equal(zone(r, 1, "Normal")->min_kb, 45160);
	assert_int_equal(zone(r, 0, "Normal")->free_kb, 25925112);
	assert_int_equal(r->victim.pid, 20418);
	assert_int_equal(r->victim.uid, 1001);
	oom_reports_free(&rs);
}

static void memcg_v2_stats_in_bytes(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;

	(void)state;
	fixture_parse("memcg-v2-6.6-sock-kmem-dmesg-raw.log", &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.v[0];
	assert_int_equal(r->constraint, OOM_CONSTRAINT_MEMCG);
	assert_string_equal(r->memcg.path, "/system.slice/relay.service");
	assert_int_equal(r->memcg.usage_kb, 524288);
	assert_int_equal(r->memcg.limit_kb, 524288);
	assert_int_equal(r->memcg.failcnt, 8841);
	assert_int_equal(r->memcg.swap_usage_kb, 0);
	assert_int_equal(r->memcg.anon, 61865984);
	assert_int_equal(r->memcg.kernel, 2980192);
	assert_int_equal(r->memcg.sock, 469762048);
	assert_int_equal(r->memcg.slab, 2519040);
	assert_false(r->have_meminfo);
	assert_int_equal(r->nr_tasks, 2);
	assert_int_equal(r->victim.pid, 2210);
	assert_int_equal(r->victim.uid, 998);
	assert_true(r->memcg_seen);
	oom_reports_free(&rs);
}

static void panic_on_oom_1_without_kill(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;

	(void)state;
	fixture_parse("x86_64-5.15-panic-on-oom-hugepages-console.log", &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.v[0];
	assert_int_equal(r->panic, OOM_PANIC_SYSTEM_WIDE);
	assert_false(r->victim.have);
	assert_true(r->done);
	assert_int_equal(r->constraint, OOM_CONSTRAINT_UNKNOWN);
	assert_int_equal(r->nr_huge, 2);
	assert_int_equal(r->huge[0].size_kb, 1048576);
	assert_int_equal(r->huge[0].total, 48);
	assert_int_equal(r->huge[0].free, 48);
	assert_int_equal(r->nr_tasks, 9);
	assert_int_equal(r->last_line, 69);
	oom_reports_free(&rs);
}

static void truncated_80_columns_and_cut_in_half(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;
	const struct oom_zone *z;

	(void)state;
	fixture_parse("x86_64-4.14-serial-80col-truncated.log", &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.v[0];
	assert_true(r->have_trigger);
	assert_int_equal(r->gfp_mask, 0x14200ca);
	assert_string_equal(r->gfp_flags, "GFP_HIGHUSER_MOVABLE");
	assert_true(r->order == OOM_UNSET_I64);
	assert_string_equal(r->cpuset, "/");
	z = zone(r, 0, "Normal");
	assert_int_equal(z->free_kb, 44820);
	assert_int_equal(z->min_kb, 45060);
	assert_true(z->present_kb == OOM_UNSET);
	assert_int_equal(r->pages_ram, 4194170);
	assert_int_equal(r->pages_reserved, 98416);
	assert_int_equal(r->nr_tasks, 6);
	assert_int_equal(task(r, 1410)->rss, 96012);
	assert_string_equal(task(r, 1410)->name, "");
	assert_false(r->victim.have);
	assert_false(r->done);
	oom_reports_free(&rs);
}

static void sysrq_oom_with_spaces_in_comm(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;

	(void)state;
	fixture_parse("x86_64-5.15-sysrq-f-dmesg-T.log", &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.v[0];
	assert_string_equal(r->comm, "kworker/6:1");
	assert_int_equal(r->order, -1);
	assert_string_equal(r->summary_task, "Isolated Web Co");
	assert_string_equal(task(r, 2333)->name, "Isolated Web Co");
	assert_int_equal(r->victim.pid, 2301);
	assert_string_equal(r->victim.comm, "Isolated Web Co");
	assert_int_equal(r->victim.score_adj, 233);
	assert_int_equal(r->swap_total_kb, 2097148);
	oom_reports_free(&rs);
}

static void el7_3_10_old_formats(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;

	(void)state;
	fixture_parse("el7-3.10-java-global-dmesg.log", &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.v[0];
	assert_int_equal(r->gfp_mask, 0x201da);
	assert_string_equal(r->gfp_flags, "");
	assert_string_equal(r->cpuset, "/");
	assert_int_equal(r->mi[OOM_MI_FREE], 33038);
	assert_int_equal(r->mi[OOM_MI_ACTIVE_ANON], 1843020);
	assert_int_equal(r->mi[OOM_MI_FREE_CMA], 0);
	assert_int_equal(zone(r, 0, "DMA32")->kernel_stack_kb, 2896);
	assert_int_equal(r->nr_tasks, 13);
	assert_int_equal(task(r, 4388)->rss, 1821005);
	assert_int_equal(r->chosen.score, 868);
	assert_int_equal(r->victim.anon_rss_kb, 7284020);
	assert_true(r->victim.shmem_rss_kb == OOM_UNSET);
	oom_reports_free(&rs);
}

static void arm64_order3_buddy_lists(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;
	const struct oom_zone *z;

	(void)state;
	fixture_parse("arm64-4.19-order3-fragmentation.log", &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.v[0];
	assert_int_equal(r->order, 3);
	assert_int_equal(r->gfp_mask, 0x6040c0);
	z = zone(r, 0, "DMA32");
	assert_int_equal(z->nr_buddy, 11);
	assert_int_equal(z->buddy_count[0], 6012);
	assert_int_equal(z->buddy_count[2], 385);
	assert_int_equal(z->buddy_count[3], 0);
	assert_int_equal(r->nr_huge, 4);
	assert_int_equal(r->victim.pid, 742);
	oom_reports_free(&rs);
}

static void armv7_nonuma_zone_lines_and_dmesg_H(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;
	const struct oom_zone *z;

	(void)state;
	fixture_parse("armv7-6.1-nonuma-highmem-lowmem-dmesg-H.log", &rs);
	assert_int_equal(rs.nr, 1);
	r = &rs.v[0];
	assert_string_equal(r->comm, "gst-launch-1.0");
	assert_int_equal(r->pid, 812);
	assert_string_equal(r->kernel, "6.1.55-imx6");
	assert_int_equal(r->nr_zones, 2);
	z = zone(r, 0, "Normal");
	assert_int_equal(z->free_kb, 3180);
	assert_int_equal(z->min_kb, 3456);
	assert_int_equal(z->low_kb, 4320);
	assert_int_equal(z->free_cma_kb, 1024);
	assert_int_equal(z->buddy_count[0], 503);
	z = zone(r, 0, "HighMem");
	assert_int_equal(z->free_kb, 921600);
	assert_int_equal(z->present_kb, 1310720);
	assert_int_equal(r->pages_highmem, 327680);
	assert_int_equal(r->mi[OOM_MI_FREE], 231195);
	assert_int_equal(r->node_kernel_stack_kb, 2400);
	assert_int_equal(r->nr_huge, 0);
	assert_int_equal(r->nr_tasks, 7);
	assert_int_equal(r->victim.pid, 812);
	oom_reports_free(&rs);
}

static void rhel6_kill_line_and_quoted_paste(void **state)
{
	struct oom_reports rs;

	(void)state;
	text_parse("> [  +0.000011] java invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0\n"
		   "> [2-3219.1870] Out of memory: Kill process 2592 (java) score 511 or sacrifice child\n"
		   "> [2-3219.1871] Killed process 2592, UID 500, (java) total-vm:2075124kB, anon-rss:1049796kB, file-rss:208kB\n",
		   &rs);
	assert_int_equal(rs.nr, 1);
	assert_int_equal(rs.v[0].order, 0);
	assert_int_equal(rs.v[0].score_adj, 0);
	assert_int_equal(rs.v[0].victim.pid, 2592);
	assert_string_equal(rs.v[0].victim.comm, "java");
	assert_int_equal(rs.v[0].victim.anon_rss_kb, 1049796);
	assert_int_equal(rs.v[0].chosen.score, 511);
	oom_reports_free(&rs);
}

static void rate_limited_kills_attach_to_previous_report(void **state)
{
	struct oom_reports rs;
	const struct oom_report *r;

	(void)state;
	text_parse("[ 5.0] a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n"
		   "[ 5.0] Out of memory: Kill process 10 (a) score 900 or sacrifice child\n"
		   "[ 5.0] Killed process 10 (a) total-vm:100kB, anon-rss:50kB, file-rss:0kB, shmem-rss:0kB\n"
		   "[ 5.1] Out of memory: Kill process 11 (b) score 800 or sacrifice child\n"
		   "[ 5.1] Killed process 11 (b) total-vm:100kB, anon-rss:40kB, file-rss:0kB, shmem-rss:0kB\n"
		   "[ 5.2] Out of memory: Killed process 12 ((sd-pam)) total-vm:9kB, anon-rss:1kB, file-rss:0kB, shmem-rss:0kB\n"
		   "[ 5.2] oom_reaper: reaped process 12 ((sd-pam)), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB\n"
		   "[ 9.0] c invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n",
		   &rs);
	assert_int_equal(rs.nr, 2);
	r = &rs.v[0];
	assert_int_equal(r->victim.pid, 10);
	assert_int_equal(r->nr_later_kills, 2);
	assert_int_equal(r->later_kills[0].pid, 11);
	assert_int_equal(r->later_kills[0].anon_rss_kb, 40);
	assert_string_equal(r->later_kills[1].comm, "(sd-pam)");
	assert_true(r->later_kills[1].reaped);
	assert_int_equal(r->chosen.pid, 10);
	assert_string_equal(rs.v[1].comm, "c");
	oom_reports_free(&rs);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(seed001_two_reports_first_is_only_a_kill_line),
	cmocka_unit_test(seed001_global_oom_fields),
	cmocka_unit_test(seed004_warn_alloc_dump_does_not_make_a_report),
	cmocka_unit_test(seed004_second_report_ends_in_compulsory_panic),
	cmocka_unit_test(memcg_v1_kmem_3_10_syslog),
	cmocka_unit_test(memcg_v1_4_13_journal_cut_path_is_completed),
	cmocka_unit_test(x86_64_6_11_rss_split_columns),
	cmocka_unit_test(arm64_6_1_64k_cma_with_caller_ids),
	cmocka_unit_test(syslog_two_reports_with_noise),
	cmocka_unit_test(rhel8_cpuset_with_rsyslog_escapes),
	cmocka_unit_test(memcg_v2_stats_in_bytes),
	cmocka_unit_test(panic_on_oom_1_without_kill),
	cmocka_unit_test(truncated_80_columns_and_cut_in_half),
	cmocka_unit_test(sysrq_oom_with_spaces_in_comm),
	cmocka_unit_test(el7_3_10_old_formats),
	cmocka_unit_test(arm64_order3_buddy_lists),
	cmocka_unit_test(armv7_nonuma_zone_lines_and_dmesg_H),
	cmocka_unit_test(rhel6_kill_line_and_quoted_paste),
	cmocka_unit_test(rate_limited_kills_attach_to_previous_report),
};

TEST_GROUP(group_fixtures, "fixtures", tests);
