// SPDX-License-Identifier: GPL-2.0
/*
 * oomtrace: find out where the memory went when a board runs out of it.
 *
 * Each subsystem has an init/exit pair; init runs them in order and unwinds
 * in exact reverse on failure, and exit mirrors init. Probes attach last,
 * when everything they write to exists, and detach first.
 */
#include <linux/module.h>

#include "attrib.h"
#include "history.h"
#include "mem.h"
#include "oomtrace.h"
#include "sampler.h"
#include "settings.h"
#include "symbols.h"

static int __init oomtrace_init(void)
{
	int ret;

	ret = ot_params_validate();
	if (ret)
		return ret;
	ret = ot_symbols_init();
	if (ret)
		return ret;
	ot_settings_init();

	ret = ot_state_init();
	if (ret)
		return ret;
	ret = ot_history_init();
	if (ret)
		goto err_state;
	ret = ot_sampler_init();
	if (ret)
		goto err_history;
	ret = ot_netdev_events_init();
	if (ret)
		goto err_sampler;
	ret = oomtrace_debugfs_init();
	if (ret)
		goto err_netdev_events;
	ret = oomtrace_oom_init();
	if (ret)
		goto err_debugfs;
	ret = ot_probes_init();
	if (ret)
		goto err_oom;

	pr_info("loaded: tracking up to %u objects and %u callsites in %zu KiB\n",
		ot_params.max_objects, ot_params.max_callsites, ot_mem_footprint() / 1024);
	return 0;

err_oom:
	oomtrace_oom_exit();
err_debugfs:
	oomtrace_debugfs_exit();
err_netdev_events:
	ot_netdev_events_exit();
err_sampler:
	ot_sampler_exit();
err_history:
	ot_history_exit();
err_state:
	ot_state_exit();
	return ret;
}

static void __exit oomtrace_exit(void)
{
	ot_probes_exit();
	oomtrace_oom_exit();
	oomtrace_debugfs_exit();
	ot_netdev_events_exit();
	ot_sampler_exit();
	ot_history_exit();
	ot_state_exit();
	pr_info("unloaded\n");
}

module_init(oomtrace_init);
module_exit(oomtrace_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Attribute outstanding network and page_frag memory to callsites and explain OOMs");
MODULE_AUTHOR("The oomtrace authors");
MODULE_VERSION(OT_VERSION);
