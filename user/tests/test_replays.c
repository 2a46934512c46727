// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel logs recorded by the incident replays (tests/replay-logs/):
 * real OOM reports from the test VM, stock and debug kernels. Each must
 * parse into one complete report with the verdict a careful engineer
 * reaches from the kernel's report alone (tests/replay-logs/README.md).
 */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "explain/oomverdict.h"

#define REPLAY_DIR "../../../tests/replay-logs/"

struct replay_case {
	const char *log;
	enum oom_verdict kind;
	const char *victim;	/* the process the OOM killer picked */
};

static const struct replay_case replays[] = {
	/* page_frag pages pinned by caches: in no slab, no LRU */
	{ "replay-i1-frag-leak.log", OOM_VERDICT_UNACCOUNTED, "memhog" },
	/* skbs held by a NIC that never completes: slab */
	{ "replay-i2-tx-stuck.log", OOM_VERDICT_SLAB, "memhog" },
	{ "replay-i3-tx-backlog.log", OOM_VERDICT_PROCESS, "memhog" },
	/* a socket queue nobody reads: skbs in slab */
	{ "replay-i4-udp-rcvbuf.log", OOM_VERDICT_SLAB, "memhog" },
	{ "replay-i5-clone-leak.log", OOM_VERDICT_PROCESS, "memhog" },
	/* the kernel's own allocation failed with free memory mostly CMA */
	{ "replay-i6-cma.log", OOM_VERDICT_CMA, NULL },
	{ "replay-i7-hugepages.log", OOM_VERDICT_HUGEPAGES, "memhog" },
	{ "replay-i8-user-process.log", OOM_VERDICT_PROCESS, "memhog" },
	/* KASAN's shadow is reserved: the share is of managed memory */
	{ "replay-i8-user-process-debug.log", OOM_VERDICT_PROCESS, "memhog" },
	{ "replay-i9-cpuset.log", OOM_VERDICT_CPUSET, "memhog" },
	{ "replay-i9-memcg.log", OOM_VERDICT_MEMCG, "memhog" },
	{ "replay-i9-memcg-debug.log", OOM_VERDICT_MEMCG, "memhog" },
	{ "replay-i9-panic-global.log", OOM_VERDICT_PROCESS, NULL },
	{ "replay-i9-panic-memcg.log", OOM_VERDICT_MEMCG, NULL },
};

static void replay_logs_give_their_verdicts(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(replays) / sizeof(replays[0]); i++) {
		const struct replay_case *c = &replays[i];
		struct oom_analysis a;
		struct oom_reports rs;
		char name[256];

		snprintf(name, sizeof(name), REPLAY_DIR "%s", c->log);
		fixture_parse(name, &rs);
		if (rs.nr != 1)
			fail_msg("%s: %zu reports, want 1", c->log, (size_t)rs.nr);
		if (!rs.v[0].have_trigger)
			fail_msg("%s: no trigger line parsed", c->log);
		oom_analyze(&rs.v[0], &a);
		if (a.kind != c->kind)
			fail_msg("%s: verdict %s, want %s", c->log, oom_verdict_name(a.kind),
				 oom_verdict_name(c->kind));
		if (c->victim && (!rs.v[0].victim.have || strcmp(rs.v[0].victim.comm, c->victim)))
			fail_msg("%s: victim not parsed as %s", c->log, c->victim);
		oom_reports_free(&rs);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(replay_logs_give_their_verdicts),
};

TEST_GROUP(group_replays, "replays", tests);
