// SPDX-License-Identifier: GPL-2.0
/*
 * Module parameters. All are read-only after load: tables are sized from
 * them once. A bad value fails the load with a message naming it, rather
 * than being clamped into something the user did not ask for.
 */
#include <linux/ctype.h>
#include <linux/kallsyms.h>
#include <linux/module.h>	/* MODULE_NAME_LEN for KSYM_SYMBOL_LEN before 4.15 */
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

#include "cstab.h"
#include "oomtrace.h"

struct ot_params ot_params = {
	.max_objects = 65536,
	.max_callsites = 512,
	.max_netdevs = 64,
	.stack_depth = 4,
	.sample_every = 1,
	.interval_ms = 2000,
	.stuck_ms = 5000,
	.entry_probes = "auto",
};

module_param_named(max_objects, ot_params.max_objects, uint, 0444);
MODULE_PARM_DESC(max_objects, "Live objects tracked at once, power of two (default 65536, 40 bytes each)");
module_param_named(max_callsites, ot_params.max_callsites, uint, 0444);
MODULE_PARM_DESC(max_callsites, "Callsite table slots, one per callsite and kind, power of two (default 512)");
module_param_named(max_netdevs, ot_params.max_netdevs, uint, 0444);
MODULE_PARM_DESC(max_netdevs, "Network devices tracked (default 64)");
module_param_named(stack_depth, ot_params.stack_depth, uint, 0444);
MODULE_PARM_DESC(stack_depth, "Frames kept per callsite below it, 0-8 (default 4)");
module_param_named(sample_every, ot_params.sample_every, uint, 0444);
MODULE_PARM_DESC(sample_every, "Track 1 in N allocations; counts become estimates (default 1)");
module_param_named(interval_ms, ot_params.interval_ms, uint, 0444);
MODULE_PARM_DESC(interval_ms, "Trend sample period in ms, 100-600000 (default 2000)");
module_param_named(stuck_ms, ot_params.stuck_ms, uint, 0444);
MODULE_PARM_DESC(stuck_ms, "TX with no completion for this long is stuck (default 5000)");
module_param_string(tx_clean, ot_params.tx_clean, sizeof(ot_params.tx_clean), 0444);
MODULE_PARM_DESC(tx_clean, "Comma-separated driver TX completion functions to count, first argument a struct net_device *");
module_param_string(entry_probes, ot_params.entry_probes, sizeof(ot_params.entry_probes), 0444);
MODULE_PARM_DESC(entry_probes, "auto: entry probes through ftrace where a kprobe would trap (arm64), else kprobes (default); ftrace: through ftrace wherever the kernel allows; kprobe: kprobes always");

static int ot_check_range(const char *name, unsigned int v, unsigned int lo,
			  unsigned int hi)
{
	if (v < lo || v > hi) {
		pr_err("%s=%u out of range [%u, %u]\n", name, v, lo, hi);
		return -EINVAL;
	}
	return 0;
}

static int ot_check_pow2(const char *name, unsigned int v, unsigned int lo,
			 unsigned int hi)
{
	if (ot_check_range(name, v, lo, hi))
		return -EINVAL;
	if (!is_power_of_2(v)) {
		pr_err("%s=%u must be a power of two\n", name, v);
		return -EINVAL;
	}
	return 0;
}

static int ot_check_tx_clean(const char *list)
{
	const char *p = list;

	while (*p) {
		size_t len = strcspn(p, ",");
		size_t i;

		if (!len || len >= KSYM_NAME_LEN) {
			pr_err("tx_clean=\"%s\": empty or overlong function name\n", list);
			return -EINVAL;
		}
		for (i = 0; i < len; i++) {
			if (!isalnum(p[i]) && p[i] != '_' && p[i] != '.') {
				pr_err("tx_clean=\"%s\": '%c' is not valid in a function name\n",
				       list, p[i]);
				return -EINVAL;
			}
		}
		p += len;
		if (*p == ',' && !*++p) {
			pr_err("tx_clean=\"%s\": trailing comma\n", list);
			return -EINVAL;
		}
	}
	return 0;
}

static int ot_check_entry_probes(const char *v)
{
	if (strcmp(v, "auto") && strcmp(v, "ftrace") && strcmp(v, "kprobe")) {
		pr_err("entry_probes=\"%s\": auto, ftrace or kprobe\n", v);
		return -EINVAL;
	}
	return 0;
}

int ot_params_validate(void)
{
	return ot_check_pow2("max_objects", ot_params.max_objects, 64, 1U << 24) ?:
	       ot_check_pow2("max_callsites", ot_params.max_callsites, 16, 1U << 16) ?:
	       ot_check_range("max_netdevs", ot_params.max_netdevs, 1, 4096) ?:
	       ot_check_range("stack_depth", ot_params.stack_depth, 0, OT_STACK_MAX) ?:
	       ot_check_range("sample_every", ot_params.sample_every, 1, 1U << 20) ?:
	       ot_check_range("interval_ms", ot_params.interval_ms, 100, 600000) ?:
	       ot_check_range("stuck_ms", ot_params.stuck_ms, 100, 3600000) ?:
	       ot_check_tx_clean(ot_params.tx_clean) ?:
	       ot_check_entry_probes(ot_params.entry_probes);
}
