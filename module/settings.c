// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel settings and pools that the OOM report needs but the kernel does
 * not export: vm.panic_on_oom and the hugetlb pools live in variables that
 * kallsyms shows only with CONFIG_KALLSYMS_ALL, which Debian's arm64 and
 * most vendor kernels leave off. Their /proc files always say them, so the
 * sampler (sampler.c) has them read in process context every interval_ms
 * and the OOM path copies the cached values: opening a file there would
 * allocate.
 * A value that cannot be read is reported as unknown, never guessed.
 */
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/seqlock.h>
#include <linux/string.h>

#include "oomtrace.h"
#include "settings.h"

#define OT_PANIC_FILE	"/proc/sys/vm/panic_on_oom"
#define OT_MEMINFO_FILE	"/proc/meminfo"

static struct {
	seqlock_t lock;			/* guards cur against the OOM path */
	struct ot_settings cur;
	char buf[4096];			/* the sampler's read buffer */
	int panic_err;			/* last read errors, for the load message */
	int meminfo_err;
} ot_set;

/* Reads a whole small /proc file into ot_set.buf, NUL-terminated. */
static ssize_t ot_read_proc(const char *path)
{
	struct file *f;
	loff_t pos = 0;
	ssize_t len, total = 0;

	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	do {
		len = kernel_read(f, ot_set.buf + total, sizeof(ot_set.buf) - 1 - total, &pos);
		if (len > 0)
			total += len;
	} while (len > 0 && total < sizeof(ot_set.buf) - 1);
	filp_close(f, NULL);
	if (len < 0)
		return len;
	/* A cut-off file would hide the lines after the cut. */
	if (len > 0)
		return -EFBIG;
	ot_set.buf[total] = '\0';
	return total;
}

/* The number after "@key" at the start of a /proc/meminfo line, or -ENOENT. */
static int ot_meminfo_field(const char *text, const char *key, u64 *val)
{
	size_t klen = strlen(key);
	const char *p = text;
	char num[24];
	size_t n;

	while (p && *p) {
		if (!strncmp(p, key, klen)) {
			p += klen;
			p = skip_spaces(p);
			n = strspn(p, "0123456789");
			if (!n || n >= sizeof(num))
				return -EINVAL;
			memcpy(num, p, n);
			num[n] = '\0';
			return kstrtou64(num, 10, val);
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -ENOENT;
}

static int ot_read_panic(struct ot_settings *s)
{
	ssize_t len = ot_read_proc(OT_PANIC_FILE);
	int val, ret;

	if (len < 0)
		return len;
	ret = kstrtoint(strim(ot_set.buf), 10, &val);
	if (ret)
		return ret;
	s->panic_on_oom = val;
	s->panic_known = true;
	return 0;
}

/*
 * Hugepage pools from /proc/meminfo's text. "Hugetlb:" (4.17+) counts
 * every pool size; older kernels show only the default size. A kernel
 * without hugetlb prints none of the lines and has no pool: known, zero.
 */
int ot_parse_meminfo_huge(const char *text, struct ot_settings *s)
{
	u64 total, nr_free, resv, size, all;
	int ret;

	ret = ot_meminfo_field(text, "HugePages_Total:", &total);
	if (ret == -ENOENT) {
		s->huge_total = 0;
		s->huge_free = 0;
		s->huge_resv = 0;
		s->huge_known = true;
		return 0;
	}
	ret = ret ?: ot_meminfo_field(text, "HugePages_Free:", &nr_free);
	ret = ret ?: ot_meminfo_field(text, "HugePages_Rsvd:", &resv);
	ret = ret ?: ot_meminfo_field(text, "Hugepagesize:", &size);
	if (ret)
		return ret;
	if (ot_meminfo_field(text, "Hugetlb:", &all))
		all = total * size;
	s->huge_total = max(all, total * size);
	s->huge_free = nr_free * size;
	s->huge_resv = resv * size;
	s->huge_known = true;
	return 0;
}

static int ot_read_huge(struct ot_settings *s)
{
	ssize_t len = ot_read_proc(OT_MEMINFO_FILE);

	return len < 0 ? len : ot_parse_meminfo_huge(ot_set.buf, s);
}

/* Process context only: opens files. */
/* Process context, from the sampler only: the read buffer is not shared. */
void ot_settings_refresh(void)
{
	struct ot_settings s = {};

	ot_set.panic_err = ot_read_panic(&s);
	ot_set.meminfo_err = ot_read_huge(&s);
	s.read_ns = ot_now_ns();

	write_seqlock(&ot_set.lock);
	/* A failed read keeps the last good value: a busy system is no reason to forget it. */
	if (!s.panic_known && ot_set.cur.panic_known) {
		s.panic_known = true;
		s.panic_on_oom = ot_set.cur.panic_on_oom;
	}
	if (!s.huge_known && ot_set.cur.huge_known) {
		s.huge_known = true;
		s.huge_total = ot_set.cur.huge_total;
		s.huge_free = ot_set.cur.huge_free;
		s.huge_resv = ot_set.cur.huge_resv;
	}
	ot_set.cur = s;
	write_sequnlock(&ot_set.lock);
}

/* Any context but NMI: the copy retries while the worker writes. */
void ot_settings_get(struct ot_settings *out)
{
	unsigned int seq;

	do {
		seq = read_seqbegin(&ot_set.lock);
		*out = ot_set.cur;
	} while (read_seqretry(&ot_set.lock, seq));
}

void ot_settings_init(void)
{
	seqlock_init(&ot_set.lock);
	ot_settings_refresh();
	/* Said once: every report then prints "unknown" for these. */
	if (ot_set.panic_err)
		pr_warn("panic_on_oom will be reported as unknown: cannot read %s (%d)\n",
			OT_PANIC_FILE, ot_set.panic_err);
	if (ot_set.meminfo_err)
		pr_warn("hugepage pools will be reported as unknown: cannot read %s (%d)\n",
			OT_MEMINFO_FILE, ot_set.meminfo_err);
}
