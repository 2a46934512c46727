/* SPDX-License-Identifier: GPL-2.0 */
/* Parameter checks shared by the fixture modules. */
#ifndef _FIXTURE_H
#define _FIXTURE_H

#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/string.h>

/*
 * Large enough to push the test VM into OOM, small enough that a typo
 * cannot ask for billions of objects.
 */
#define FIXTURE_COUNT_MAX 100000U

/*
 * Parses @val (a sysfs write may end in a newline) as a whole number from
 * 1 to @max. On failure says which parameter was wrong and why, because a
 * bare -EINVAL from insmod names neither.
 */
static inline int fixture_parse_count(const char *name, const char *val,
				      unsigned int max, unsigned int *out)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n == 0 || n > max) {
		pr_err("%s: '%.*s' is not a count from 1 to %u\n", name,
		       (int)strcspn(val, "\n"), val, max);
		return -EINVAL;
	}
	*out = n;
	return 0;
}

/* kernel_param_ops.set for unsigned int counts: 1..FIXTURE_COUNT_MAX. */
static inline int fixture_count_set(const char *val,
				    const struct kernel_param *kp)
{
	return fixture_parse_count(kp->name, val, FIXTURE_COUNT_MAX,
				   (unsigned int *)kp->arg);
}

/*
 * kernel_param_ops.set for "release"-style triggers: only "1" is accepted,
 * so a stray write of 0 or garbage fails loudly instead of doing nothing.
 */
static inline int fixture_parse_trigger(const char *name, const char *val)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n != 1) {
		pr_err("%s: write 1 to trigger it, not '%.*s'\n", name,
		       (int)strcspn(val, "\n"), val);
		return -EINVAL;
	}
	return 0;
}

#endif /* _FIXTURE_H */
