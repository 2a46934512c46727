// SPDX-License-Identifier: GPL-2.0
/*
 * A leak tracer for skbs and page fragments built the way BPF leak
 * tracers are (memleak's shape): an entry probe stashes the request per
 * thread, a return probe takes the new object's address and the kernel
 * stack, a hash map holds every live object and a second one the totals
 * per stack; frees are the skb tracepoints and an entry probe on
 * page_frag_free. Only make bench uses it, as the peer oomtrace's costs
 * are compared with. No CO-RE: arguments come from registers and the
 * tracepoints' records start with the skb address after the 8-byte
 * common header on every kernel.
 */
#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "skbleak.h"

#define SKBLEAK_MAX_LIVE	262144
#define SKBLEAK_MAX_STACKS	10240
#define SKBLEAK_STACK_DEPTH	32

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 10240);
	__type(key, __u32);	/* thread id */
	__type(value, __u64);	/* requested size */
} pending SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SKBLEAK_MAX_LIVE);
	__type(key, __u64);	/* object address */
	__type(value, struct skbleak_alloc);
} live SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, SKBLEAK_MAX_STACKS);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, SKBLEAK_STACK_DEPTH * sizeof(__u64));
} stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SKBLEAK_MAX_STACKS);
	__type(key, __u64);	/* stack id */
	__type(value, struct skbleak_stack_total);
} totals SEC(".maps");

/* The skb tracepoints' records: the common header, then the address. */
struct skb_free_ctx {
	__u64 common;
	__u64 skbaddr;
};

static __always_inline int alloc_enter(__u64 size)
{
	__u32 tid = bpf_get_current_pid_tgid();

	bpf_map_update_elem(&pending, &tid, &size, BPF_ANY);
	return 0;
}

static __always_inline int alloc_exit(struct pt_regs *ctx, __u64 addr)
{
	__u32 tid = bpf_get_current_pid_tgid();
	struct skbleak_stack_total *t, zero = {};
	struct skbleak_alloc a;
	__u64 *size, key;

	size = bpf_map_lookup_elem(&pending, &tid);
	if (!size)
		return 0;
	a.size = *size;
	bpf_map_delete_elem(&pending, &tid);
	if (!addr)
		return 0;
	a.stack_id = bpf_get_stackid(ctx, &stacks, 0);
	if (bpf_map_update_elem(&live, &addr, &a, BPF_ANY))
		return 0;
	key = a.stack_id;
	t = bpf_map_lookup_elem(&totals, &key);
	if (!t) {
		bpf_map_update_elem(&totals, &key, &zero, BPF_NOEXIST);
		t = bpf_map_lookup_elem(&totals, &key);
		if (!t)
			return 0;
	}
	__sync_fetch_and_add(&t->bytes, a.size);
	__sync_fetch_and_add(&t->count, 1);
	return 0;
}

static __always_inline int object_freed(__u64 addr)
{
	struct skbleak_stack_total *t;
	struct skbleak_alloc *a;
	__u64 key;

	a = bpf_map_lookup_elem(&live, &addr);
	if (!a)
		return 0;
	key = a->stack_id;
	t = bpf_map_lookup_elem(&totals, &key);
	if (t) {
		__sync_fetch_and_add(&t->bytes, -a->size);
		__sync_fetch_and_add(&t->count, -1);
	}
	bpf_map_delete_elem(&live, &addr);
	return 0;
}

SEC("kprobe")
int BPF_KPROBE(skb_alloc_enter, unsigned int size)
{
	return alloc_enter(size);
}

SEC("kretprobe")
int BPF_KRETPROBE(skb_alloc_exit, void *skb)
{
	return alloc_exit(ctx, (__u64)skb);
}

/* __netdev_alloc_skb(dev, len, gfp): returns through skb_alloc_exit. */
SEC("kprobe")
int BPF_KPROBE(netdev_alloc_enter, void *dev, unsigned int len)
{
	return alloc_enter(len);
}

/* skb_clone(skb, gfp): the clone is the size of an skb head. */
SEC("kprobe")
int BPF_KPROBE(skb_clone_enter)
{
	return alloc_enter(256);
}

SEC("kretprobe")
int BPF_KRETPROBE(skb_clone_exit, void *skb)
{
	return alloc_exit(ctx, (__u64)skb);
}

/* page_frag_alloc(cache, size, gfp) and page_frag_alloc_align(...). */
SEC("kprobe")
int BPF_KPROBE(frag_alloc_enter, void *cache, unsigned int size)
{
	return alloc_enter(size);
}

SEC("kretprobe")
int BPF_KRETPROBE(frag_alloc_exit, void *frag)
{
	return alloc_exit(ctx, (__u64)frag);
}

SEC("kprobe")
int BPF_KPROBE(frag_free, void *frag)
{
	return object_freed((__u64)frag);
}

SEC("tracepoint/skb/consume_skb")
int skb_consumed(struct skb_free_ctx *ctx)
{
	return object_freed(ctx->skbaddr);
}

SEC("tracepoint/skb/kfree_skb")
int skb_dropped(struct skb_free_ctx *ctx)
{
	return object_freed(ctx->skbaddr);
}

char LICENSE[] SEC("license") = "GPL";
