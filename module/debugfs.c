// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/oomtrace/: every file is root-only. Each open of a
 * snapshot file sums the per-CPU tables once, so one read is consistent
 * however many read() calls it takes. `control` takes one command per
 * write; anything else is refused with -EINVAL and changes nothing.
 */
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "compat.h"
#include "history.h"
#include "oomtrace.h"
#include "report.h"
#include "snapshot.h"
#include "state.h"

struct dentry *oomtrace_debugfs_dir;
bool ot_enabled = true;

typedef void (*ot_report_fn)(struct ot_out *o, struct ot_snapshot *s);

/*
 * Rows name their callsites by pointing into the callsite table, which a
 * reset clears: render with resets held off, and if one came between the
 * open and this read, show the tables as they are now.
 */
static int ot_snap_show(struct seq_file *m, void *unused)
{
	ot_report_fn fn = m->file->f_inode->i_private;
	struct ot_snapshot *snap = m->private;
	struct ot_out o = { .m = m };

	mutex_lock(&ot_state_mutex);
	if (snap->generation != ot_state.generation)
		ot_snapshot_take(snap, true);
	fn(&o, snap);
	mutex_unlock(&ot_state_mutex);
	return 0;
}

/*
 * Room for the whole file at once: a buffer that turns out too small
 * makes seq_file render everything again into a bigger one. Only the
 * tables grow with the rows; the report shows the top few.
 */
static size_t ot_snap_buf_size(ot_report_fn fn, const struct ot_snapshot *snap)
{
	size_t size = 64 * 1024;

	if (fn == ot_report_callsites)
		size += snap->nr_sites * (OT_SITE_NAME + OT_SITE_STACK + 64);
	if (fn == ot_report_netdev)
		size += snap->nr_devs * 256;
	return size;
}

static int ot_snap_open(struct inode *inode, struct file *file)
{
	struct ot_snapshot *snap = ot_snapshot_alloc();
	int ret;

	if (!snap)
		return -ENOMEM;
	mutex_lock(&ot_state_mutex);
	ot_snapshot_take(snap, true);
	mutex_unlock(&ot_state_mutex);
	ret = single_open_size(file, ot_snap_show, snap,
			       ot_snap_buf_size(inode->i_private, snap));
	if (ret)
		ot_snapshot_free(snap);
	return ret;
}

static int ot_snap_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	ot_snapshot_free(m->private);
	return single_release(inode, file);
}

static const struct file_operations ot_snap_fops = {
	.owner = THIS_MODULE,
	.open = ot_snap_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = ot_snap_release,
};

static int ot_probes_file_show(struct seq_file *m, void *unused)
{
	ot_probes_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(ot_probes_file);

static int ot_control(const char *cmd)
{
	if (!strcmp(cmd, "enable")) {
		WRITE_ONCE(ot_enabled, true);
	} else if (!strcmp(cmd, "disable")) {
		WRITE_ONCE(ot_enabled, false);
	} else if (!strcmp(cmd, "reset")) {
		ot_probes_quiesce();
		ot_state_reset();
		ot_history_reset();
		ot_probes_resume();
	} else {
		return -EINVAL;
	}
	pr_info("control: %s\n", cmd);
	return 0;
}

static ssize_t ot_control_write(struct file *file, const char __user *ubuf,
				size_t len, loff_t *ppos)
{
	char buf[32];
	char *cmd;
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	cmd = strim(buf);

	mutex_lock(&ot_state_mutex);
	ret = ot_control(cmd);
	mutex_unlock(&ot_state_mutex);
	return ret ?: len;
}

static int ot_control_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "%s\ncommands: enable disable reset\n",
		   READ_ONCE(ot_enabled) ? "enabled" : "disabled");
	return 0;
}

static int ot_control_open(struct inode *inode, struct file *file)
{
	return single_open(file, ot_control_show, NULL);
}

static const struct file_operations ot_control_fops = {
	.owner = THIS_MODULE,
	.open = ot_control_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.write = ot_control_write,
	.release = single_release,
};

/*
 * Debugfs failures do not fail the load (the OOM report still reaches the
 * kernel log), but a file that is missing is said once, by name.
 */
struct dentry *ot_debugfs_file(const char *name, umode_t mode, void *data,
			       const struct file_operations *fops)
{
	struct dentry *d = debugfs_create_file(name, mode, oomtrace_debugfs_dir, data, fops);

	if (IS_ERR_OR_NULL(d))
		pr_warn("debugfs: no %s file (error %ld)\n", name, d ? PTR_ERR(d) : 0L);
	return d;
}

int oomtrace_debugfs_init(void)
{
	struct dentry *dir = debugfs_create_dir(OT_DEBUGFS_DIR, NULL);

	/*
	 * Without debugfs the tracer still works and still reports at OOM
	 * time through the kernel log, so this is not a load failure.
	 */
	if (IS_ERR_OR_NULL(dir)) {
		pr_warn("debugfs unavailable, reports go to the kernel log only\n");
		oomtrace_debugfs_dir = NULL;
		return 0;
	}
	oomtrace_debugfs_dir = dir;
	ot_debugfs_file(OT_FILE_REPORT, 0400, ot_report_human, &ot_snap_fops);
	ot_debugfs_file(OT_FILE_CALLSITES, 0400, ot_report_callsites, &ot_snap_fops);
	ot_debugfs_file(OT_FILE_NETDEV, 0400, ot_report_netdev, &ot_snap_fops);
	ot_debugfs_file(OT_FILE_STATS, 0400, ot_report_stats, &ot_snap_fops);
	ot_debugfs_file(OT_FILE_VERDICTS, 0400, ot_report_verdicts, &ot_snap_fops);
	ot_debugfs_file(OT_FILE_PROBES, 0400, NULL, &ot_probes_file_fops);
	ot_debugfs_file(OT_FILE_CONTROL, 0600, NULL, &ot_control_fops);
	return 0;
}

void oomtrace_debugfs_exit(void)
{
	debugfs_remove_recursive(oomtrace_debugfs_dir);
	oomtrace_debugfs_dir = NULL;
}
