// SPDX-License-Identifier: GPL-2.0
/*
 * OOM hooks: at every OOM (global, memcg, sysrq-f) write a bounded report
 * to the kernel log and keep it for the `oom` debugfs file.
 *
 * A kprobe on out_of_memory() sees every OOM with its oom_control (gfp,
 * order, memcg). For global OOMs the OOM notifier runs right after, still
 * before panic_on_oom is acted on, and prints the report; memcg OOMs never
 * reach the notifier, so the kprobe prints theirs. Both run with oom_lock
 * held, which serializes them and the preallocated snapshot they share.
 * Nothing here allocates: a nested allocation would need that lock.
 */
#include <linux/cgroup.h>
#include <linux/debugfs.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/page_counter.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "compat.h"
#include "mem.h"
#include "oomring.h"
#include "oomtrace.h"
#include "probes.h"
#include "report.h"
#include "settings.h"
#include "snapshot.h"
#include "verdict.h"

static struct oomtrace_oom_ring *oom_ring;
static struct dentry *oom_file;
static struct ot_snapshot *oom_snap;
static struct ot_oom_info oom_info;	/* the OOM in progress, under oom_lock */

static void oomtrace_oom_print(const struct oomtrace_oom_entry *entry)
{
	const char *line = entry->text;
	const char *end = entry->text + entry->len;

	while (line < end) {
		const char *nl = memchr(line, '\n', end - line);
		int len = nl ? nl - line : end - line;

		pr_err("%.*s\n", len, line);
		line += len + 1;
	}
}

/*
 * While a victim is exiting, every allocation that retries runs
 * out_of_memory() again; one report per OOM is enough, and the ring keeps
 * the first, which is the useful one. A manual sysrq-f always reports.
 */
#define OT_OOM_REPEAT_NS	NSEC_PER_SEC
unsigned long ot_oom_repeats;
/*
 * What the last report cost the OOM path: taking the snapshot and
 * writing the lines, then printing them (the console's share).
 */
u64 ot_oom_build_ns, ot_oom_print_ns;

static void oomtrace_oom_report(const struct ot_oom_info *info)
{
	struct oomtrace_oom_entry *entry;
	struct ot_out out = {};
	u64 now = ot_now_ns(), last = oomtrace_ring_last_time(oom_ring);
	u64 start = ktime_get_ns(), built;

	if ((!info->known || info->order >= 0) && last && now - last < OT_OOM_REPEAT_NS) {
		ot_oom_repeats++;
		return;
	}

	entry = oomtrace_ring_begin(oom_ring, now);
	out.entry = entry;
	ot_snapshot_take(oom_snap, false);
	ot_report_oom(&out, oom_snap, info, entry->seq);
	oomtrace_ring_commit(oom_ring, entry);
	built = ktime_get_ns();
	oomtrace_oom_print(entry);
	WRITE_ONCE(ot_oom_build_ns, built - start);
	WRITE_ONCE(ot_oom_print_ns, ktime_get_ns() - built);
}

static void ot_oom_info_memcg(struct ot_oom_info *info, struct mem_cgroup *memcg)
{
#ifdef CONFIG_MEMCG
	info->memcg = true;
	info->memcg_usage = (u64)page_counter_read(&memcg->memory) << (PAGE_SHIFT - 10);
	info->memcg_limit = (u64)OT_PAGE_COUNTER_LIMIT(&memcg->memory) << (PAGE_SHIFT - 10);
	if (cgroup_path(memcg->css.cgroup, info->memcg_path, sizeof(info->memcg_path)) < 0)
		strscpy(info->memcg_path, "?", sizeof(info->memcg_path));
#endif
}

/* Cached by settings.c: the file behind it cannot be read here. */
static void ot_oom_info_settings(struct ot_oom_info *info)
{
	struct ot_settings set;

	ot_settings_get(&set);
	info->panic_known = set.panic_known;
	info->panic_on_oom = set.panic_on_oom;
}

static int ot_out_of_memory_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct oom_control *oc = (struct oom_control *)ot_regs_argument(regs, 0);

	memset(&oom_info, 0, sizeof(oom_info));
	oom_info.known = true;
	oom_info.gfp = oc->gfp_mask;
	oom_info.order = oc->order;
	ot_oom_info_settings(&oom_info);
	if (oc->memcg) {
		ot_oom_info_memcg(&oom_info, oc->memcg);
		oomtrace_oom_report(&oom_info);
		return 0;
	}
	/* What the kernel's constrained_alloc() will decide, approximately. */
	if (oc->nodemask && !nodes_subset(node_states[N_MEMORY], *oc->nodemask))
		oom_info.mempolicy = true;
#ifdef CONFIG_CPUSETS
	else if (!nodes_subset(node_states[N_MEMORY], current->mems_allowed))
		oom_info.cpuset = true;
#endif
	return 0;
}

struct ot_probe ot_probe_out_of_memory = {
	.what = "oom_entry",
	.type = OT_KPROBE,
	.targets = { "out_of_memory" },
	.pre = ot_out_of_memory_pre,
	/* Builds and prints the memcg report: not with interrupts off. */
	.kprobe_only = true,
};

/* The victim, appended to the newest report's record. */
static void ot_tp_mark_victim(void *data, OT_MARK_VICTIM_ARGS)
{
	oomtrace_ring_set_victim(oom_ring, OT_MARK_VICTIM_PID, ot_now_ns());
}

struct ot_probe ot_probe_mark_victim = {
	.what = "oom_victim",
	.type = OT_TRACEPOINT,
	.targets = { "mark_victim" },
	.tp_func = ot_tp_mark_victim,
};

static int oomtrace_oom_notify(struct notifier_block *nb,
			       unsigned long unused, void *freed)
{
	/* Without the kprobe all we know is that it is a global OOM. */
	if (ot_probe_out_of_memory.state != OT_PROBE_ATTACHED) {
		memset(&oom_info, 0, sizeof(oom_info));
		ot_oom_info_settings(&oom_info);
	}
	oomtrace_oom_report(&oom_info);
	oom_info.known = false;

	/* Never touch *freed: a non-zero value would cancel the OOM kill. */
	return NOTIFY_OK;
}

static struct notifier_block oomtrace_oom_nb = {
	.notifier_call = oomtrace_oom_notify,
};

struct oom_snapshot {
	unsigned int count;
	struct oomtrace_oom_entry entries[OOMTRACE_OOM_KEEP];
};

static int oom_file_show(struct seq_file *m, void *unused)
{
	const struct oom_snapshot *snap = m->private;
	unsigned int i;

	seq_puts(m, OT_TABLE_HEADER(OT_FILE_OOM, OT_OOM_FIELDS));
	for (i = 0; i < snap->count; i++) {
		const struct oomtrace_oom_entry *e = &snap->entries[i];

		seq_printf(m, "report %llu %llu %d %d\n", e->seq, e->time_ns,
			   e->truncated, e->victim_pid);
		seq_write(m, e->text, e->len);
	}
	return 0;
}

/* Copy the ring once per open so a read is one consistent snapshot. */
static int oom_file_open(struct inode *inode, struct file *file)
{
	struct oom_snapshot *snap;
	int ret;

	snap = ot_kvzalloc(sizeof(*snap));
	if (!snap)
		return -ENOMEM;
	snap->count = oomtrace_ring_copy(oom_ring, snap->entries,
					 ARRAY_SIZE(snap->entries));
	ret = single_open(file, oom_file_show, snap);
	if (ret)
		ot_kvfree(snap, sizeof(*snap));
	return ret;
}

static int oom_file_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	ot_kvfree(m->private, sizeof(struct oom_snapshot));
	return single_release(inode, file);
}

static const struct file_operations oom_file_fops = {
	.owner = THIS_MODULE,
	.open = oom_file_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = oom_file_release,
};

int oomtrace_oom_init(void)
{
	int ret = -ENOMEM;

	oom_ring = ot_kvzalloc(sizeof(*oom_ring));
	oom_snap = ot_snapshot_alloc();
	if (!oom_ring || !oom_snap)
		goto err_free;
	oomtrace_ring_init(oom_ring);

	ret = register_oom_notifier(&oomtrace_oom_nb);
	if (ret) {
		pr_err("cannot register OOM notifier: %d\n", ret);
		goto err_free;
	}

	if (oomtrace_debugfs_dir)
		oom_file = ot_debugfs_file(OT_FILE_OOM, 0400, NULL, &oom_file_fops);
	return 0;

err_free:
	ot_snapshot_free(oom_snap);
	ot_kvfree(oom_ring, sizeof(*oom_ring));
	return ret;
}

/* The OOM probes are detached before this runs. */
void oomtrace_oom_exit(void)
{
	/* Waits for readers in open(), which copy from the ring. */
	debugfs_remove(oom_file);
	unregister_oom_notifier(&oomtrace_oom_nb);
	ot_snapshot_free(oom_snap);
	ot_kvfree(oom_ring, sizeof(*oom_ring));
}
