/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OOM_VICTIM_H
#define _OOMTRACE_OOM_VICTIM_H

#include <linux/types.h>

/* One oom:mark_victim hit, from the BPF program to `oomtrace record`. */
struct oom_victim_event {
	__u64 boot_ns;		/* bpf_ktime_get_boot_ns() */
	__s32 pid;		/* the victim */
	__s32 invoker_pid;	/* the task running the OOM killer */
	char invoker_comm[16];
};

#endif /* _OOMTRACE_OOM_VICTIM_H */
