// SPDX-License-Identifier: GPL-2.0
/*
 * oom:mark_victim -> ring buffer, for `oomtrace record`. No CO-RE and no
 * kernel BTF: the context is the tracepoint's record as its format file
 * describes it, and every kernel since mark_victim appeared (4.7) puts
 * "int pid" at offset 8, right after the 8-byte common header. 6.8 and
 * some stable trees added fields after it; they are not read. record
 * checks the format file before loading this.
 */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

#include "oom_victim.h"

struct mark_victim_ctx {
	__u16 common_type;
	__u8 common_flags;
	__u8 common_preempt_count;
	__s32 common_pid;
	__s32 pid;
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 16 * 4096);
} events SEC(".maps");

SEC("tracepoint/oom/mark_victim")
int oom_mark_victim(struct mark_victim_ctx *ctx)
{
	struct oom_victim_event *e;

	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e)
		return 0;
	e->boot_ns = bpf_ktime_get_boot_ns();
	e->pid = ctx->pid;
	e->invoker_pid = bpf_get_current_pid_tgid() >> 32;
	bpf_get_current_comm(e->invoker_comm, sizeof(e->invoker_comm));
	bpf_ringbuf_submit(e, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
