/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OOMPARSE_H
#define _OOMTRACE_OOMPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A number the report did not contain. */
#define OOM_UNSET UINT64_MAX
#define OOM_UNSET_I64 INT64_MIN

#define OOM_COMM_LEN 64
#define OOM_PATH_LEN 256
#define OOM_SHORT_LEN 64
#define OOM_MAX_ZONES 32
#define OOM_MAX_BUDDY 16
#define OOM_MAX_RESERVE 8	/* lowmem_reserve[] entries: one per zone type */
#define OOM_MAX_HUGE 8
#define OOM_MAX_SLAB 8
#define OOM_MAX_TASKS 200000
#define OOM_MAX_REPORTS 1024
#define OOM_MAX_LATER_KILLS 8

enum oom_constraint {
	OOM_CONSTRAINT_UNKNOWN,
	OOM_CONSTRAINT_NONE,
	OOM_CONSTRAINT_CPUSET,
	OOM_CONSTRAINT_MEMORY_POLICY,
	OOM_CONSTRAINT_MEMCG,
};

enum oom_panic {
	OOM_PANIC_NONE,
	OOM_PANIC_SYSTEM_WIDE,	/* panic_on_oom=1 */
	OOM_PANIC_COMPULSORY,	/* panic_on_oom=2 */
	OOM_PANIC_NO_KILLABLE,
	OOM_PANIC_OTHER,
};

/* Global "Mem-Info:" counters, in pages. */
enum oom_mi {
	OOM_MI_ACTIVE_ANON,
	OOM_MI_INACTIVE_ANON,
	OOM_MI_ISOLATED_ANON,
	OOM_MI_ACTIVE_FILE,
	OOM_MI_INACTIVE_FILE,
	OOM_MI_ISOLATED_FILE,
	OOM_MI_UNEVICTABLE,
	OOM_MI_DIRTY,
	OOM_MI_WRITEBACK,
	OOM_MI_SLAB_RECLAIMABLE,
	OOM_MI_SLAB_UNRECLAIMABLE,
	OOM_MI_MAPPED,
	OOM_MI_SHMEM,
	OOM_MI_PAGETABLES,
	OOM_MI_SEC_PAGETABLES,
	OOM_MI_BOUNCE,
	OOM_MI_KERNEL_MISC_RECLAIMABLE,
	OOM_MI_FREE,
	OOM_MI_FREE_PCP,
	OOM_MI_FREE_CMA,
	OOM_MI_NR,
};

struct oom_zone {
	int node;
	char name[16];
	uint64_t free_kb, min_kb, low_kb, high_kb;
	uint64_t present_kb, managed_kb, free_cma_kb, free_pcp_kb;
	uint64_t kernel_stack_kb;
	/* the buddy free-list line: block size and count per order */
	unsigned int nr_buddy;
	uint64_t buddy_size_kb[OOM_MAX_BUDDY];
	uint64_t buddy_count[OOM_MAX_BUDDY];
	/* migrate types of those blocks, "(UMEC)" from 3.x on; "" if none */
	char buddy_types[OOM_MAX_BUDDY][8];
	/*
	 * "lowmem_reserve[]:" after the zone line: pages of this zone kept
	 * from a request whose highest zone is the one at each index.
	 */
	unsigned int nr_reserve;
	uint64_t reserve_pages[OOM_MAX_RESERVE];
};

/* Hugepage pools, summed over nodes per page size. */
struct oom_huge {
	uint64_t size_kb, total, free, surp;
};

struct oom_slab {
	char name[48];
	uint64_t used_kb, total_kb;
};

struct oom_task {
	int64_t pid;
	int64_t uid;
	uint64_t total_vm;	/* pages */
	uint64_t rss;		/* pages */
	uint64_t swapents;
	int64_t score_adj;
	char name[OOM_COMM_LEN];
};

/* "Out of memory: Killed process ..." and friends */
struct oom_kill {
	bool have;
	int64_t pid;
	char comm[OOM_COMM_LEN];
	uint64_t total_vm_kb, anon_rss_kb, file_rss_kb, shmem_rss_kb, pgtables_kb;
	int64_t uid;
	int64_t score_adj;
	bool reaped;
};

/* Pre-5.1 "Kill process N (comm) score S or sacrifice child" */
struct oom_chosen {
	bool have;
	int64_t pid;
	char comm[OOM_COMM_LEN];
	uint64_t score;
};

struct oom_memcg {
	char path[OOM_PATH_LEN];	/* the cgroup whose limit was hit */
	char task_path[OOM_PATH_LEN];
	char stats_path[OOM_PATH_LEN];	/* first "Memory cgroup stats for" */
	uint64_t usage_kb, limit_kb, failcnt;
	uint64_t memsw_usage_kb, memsw_limit_kb;	/* cgroup v1 memory+swap */
	uint64_t swap_usage_kb, swap_limit_kb;	/* cgroup v2 */
	uint64_t kmem_usage_kb, kmem_limit_kb;	/* cgroup v1 */
	/* cgroup v1 "stats for" lines, summed over the hierarchy, kB */
	uint64_t v1_rss_kb, v1_cache_kb;
	/* cgroup v2 memory.stat of the OOM cgroup, bytes */
	uint64_t anon, file, kernel, kernel_stack, pagetables, percpu, sock;
	uint64_t vmalloc, shmem, slab;
};

struct oom_report {
	unsigned long first_line, last_line;
	bool have_trigger;	/* false: the start is not in the input */
	bool done;		/* saw the kill or the panic */
	bool marker;		/* saw a line only OOM reports print */
	bool page_alloc_failure; /* a warn_alloc dump: nothing was killed */

	/*
	 * "<comm> invoked oom-killer: gfp_mask=..., order=N, ...", or
	 * "<comm>: page allocation failure: order:N, mode:0x...(...), ..."
	 */
	char comm[OOM_COMM_LEN];
	int64_t pid;
	uint64_t gfp_mask;
	char gfp_flags[160];
	int64_t order;
	int64_t score_adj;
	char nodemask[OOM_SHORT_LEN];
	char kernel[OOM_SHORT_LEN];
	char arch[16];
	char hardware[96];

	enum oom_constraint constraint;
	bool summary_line;	/* the 4.19+ "oom-kill:" line */
	bool global_oom;
	char cpuset[OOM_PATH_LEN];
	char mems_allowed[OOM_SHORT_LEN];
	char summary_task[OOM_COMM_LEN];
	int64_t summary_pid;

	enum oom_panic panic;
	char panic_msg[128];

	bool memcg_seen;
	struct oom_memcg memcg;

	bool have_meminfo;
	uint64_t mi[OOM_MI_NR];
	uint64_t node_kernel_stack_kb;
	unsigned int nr_zones;
	struct oom_zone zones[OOM_MAX_ZONES];
	int last_zone;		/* whose watermark line came last, -1: none */
	unsigned int nr_huge;
	struct oom_huge huge[OOM_MAX_HUGE];
	uint64_t pages_ram, pages_reserved, pages_cma_reserved, pages_highmem;
	uint64_t pagecache_pages, swap_free_kb, swap_total_kb;

	unsigned int nr_slab;
	struct oom_slab slab[OOM_MAX_SLAB];	/* largest unreclaimable caches */

	bool table_seen;
	size_t nr_tasks, tasks_cap, tasks_dropped;
	struct oom_task *tasks;

	struct oom_chosen chosen;
	struct oom_kill victim;

	/* an allocation failed inside the OOM path (e.g. an OOM notifier) */
	bool alloc_in_oom_path;
	char oom_path_caller[OOM_COMM_LEN];

	/* kills after this one whose own reports the printk ratelimit ate */
	size_t nr_later_kills;
	struct oom_kill later_kills[OOM_MAX_LATER_KILLS];
};

struct oom_reports {
	size_t nr, cap;
	size_t dropped;		/* reports past OOM_MAX_REPORTS */
	struct oom_report *v;
};

enum oom_section {
	OOM_SEC_NONE,
	OOM_SEC_MEMINFO,
	OOM_SEC_MEMCG_STATS,
	OOM_SEC_SLAB,
	OOM_SEC_TASKS,
};

#define OOM_MAX_COLS 16

/* One pass over a log, in one of two modes (struct oom_parser). */
struct oom_scan {
	struct oom_reports *out;
	bool failures_as_reports; /* page allocation failures open reports */
	bool open;		/* out->v[out->nr - 1] is still being filled */
	bool other_event;	/* inside a non-OOM dump (warn_alloc, show-mem) */
	bool alloc_failure;	/* that dump is a page allocation failure */
	size_t failure_after;	/* reports closed before it */
	char prev_frame[OOM_COMM_LEN];
	enum oom_section section;
	unsigned int nr_cols;
	int cols[OOM_MAX_COLS];
	/*
	 * A line the kernel prints in pr_cont pieces ("lowmem_reserve[]:",
	 * a buddy list), which some syslogs store one piece per line: held
	 * here until a line that is not a piece of it.
	 */
	char pending[1024];
	size_t pending_len;
	unsigned long pending_lineno;
};

/*
 * A log's OOM-killer reports or, when it has none, its page allocation
 * failures (warn_alloc dumps: the same memory state, no kill). Both scans
 * see every line, so a log is read once, from a pipe as well.
 */
struct oom_parser {
	struct oom_reports *out;
	struct oom_scan oom, failures;
	struct oom_reports failure_reports;
};

void oom_reports_init(struct oom_reports *r);
void oom_reports_free(struct oom_reports *r);
void oom_parser_init(struct oom_parser *p, struct oom_reports *out);
void oom_parser_line(struct oom_parser *p, unsigned long lineno, const char *msg);
void oom_parser_finish(struct oom_parser *p);

/* Parse a whole buffer of log text (tests and fuzzing). */
void oom_parse_buffer(const char *buf, size_t len, struct oom_reports *out);

#endif /* _OOMTRACE_OOMPARSE_H */
