// SPDX-License-Identifier: GPL-2.0
/*
 * OOM hook: at every global OOM (including sysrq-f) write a short report
 * to the kernel log and keep it for the `oom` debugfs file.
 *
 * The OOM notifier runs in process context with oom_lock held, before
 * panic_on_oom is acted on, so a report printed here reaches the console
 * ahead of the panic. Nothing may be allocated here: a nested allocation
 * would need the lock we are called under. Everything comes from the
 * ring preallocated at load.
 */
#include <linux/debugfs.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#include "oomtrace.h"
#include "oomring.h"

static struct oomtrace_oom_ring *oom_ring;
static struct dentry *oom_file;

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

static int oomtrace_oom_notify(struct notifier_block *nb,
			       unsigned long unused, void *freed)
{
	struct oomtrace_oom_entry *entry;
	struct sysinfo si;

	si_meminfo(&si);
	entry = oomtrace_ring_begin(oom_ring, ktime_get_boottime_ns());
	oomtrace_ring_append(entry,
			     "OOM #%llu: global out_of_memory, free %lu kB of %lu kB\n",
			     entry->seq, si.freeram << (PAGE_SHIFT - 10),
			     si.totalram << (PAGE_SHIFT - 10));
	oomtrace_ring_commit(oom_ring, entry);
	oomtrace_oom_print(entry);

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

	seq_puts(m, "# oomtrace-oom v1: report <seq> <boot_ns> <truncated>, then its lines\n");
	for (i = 0; i < snap->count; i++) {
		const struct oomtrace_oom_entry *e = &snap->entries[i];

		seq_printf(m, "report %llu %llu %d\n", e->seq, e->time_ns,
			   e->truncated);
		seq_write(m, e->text, e->len);
	}
	return 0;
}

/* Copy the ring once per open so a read is one consistent snapshot. */
static int oom_file_open(struct inode *inode, struct file *file)
{
	struct oom_snapshot *snap;
	int ret;

	snap = kvzalloc(sizeof(*snap), GFP_KERNEL);
	if (!snap)
		return -ENOMEM;
	snap->count = oomtrace_ring_copy(oom_ring, snap->entries,
					 ARRAY_SIZE(snap->entries));
	ret = single_open(file, oom_file_show, snap);
	if (ret)
		kvfree(snap);
	return ret;
}

static int oom_file_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	kvfree(m->private);
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
	int ret;

	oom_ring = kvzalloc(sizeof(*oom_ring), GFP_KERNEL);
	if (!oom_ring)
		return -ENOMEM;
	oomtrace_ring_init(oom_ring);

	ret = register_oom_notifier(&oomtrace_oom_nb);
	if (ret) {
		pr_err("cannot register OOM notifier: %d\n", ret);
		goto err_free_ring;
	}

	if (oomtrace_debugfs_dir)
		oom_file = debugfs_create_file("oom", 0400, oomtrace_debugfs_dir,
					       NULL, &oom_file_fops);
	return 0;

err_free_ring:
	kvfree(oom_ring);
	return ret;
}

void oomtrace_oom_exit(void)
{
	/* Waits for readers in open(), which copy from the ring. */
	debugfs_remove(oom_file);
	unregister_oom_notifier(&oomtrace_oom_nb);
	kvfree(oom_ring);
}
