// SPDX-License-Identifier: GPL-2.0
/*
 * skbleak: load the BPF leak tracer (skbleak.bpf.c) on the sites oomtrace
 * watches and keep it attached until SIGINT or SIGTERM; then print what it
 * holds. make bench runs the same loops under it as under oomtrace.
 *
 *   skbleak &    ... workload ...    kill -INT $!
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "skbleak.h"
#include "skbleak.skel.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* A probe on the first of @funcs the kernel has; 1 if one attached. */
static int attach(struct bpf_program *prog, int ret, const char *const *funcs)
{
	for (; *funcs; funcs++) {
		if (bpf_program__attach_kprobe(prog, ret, *funcs)) {
			printf("skbleak: %s on %s\n", ret ? "kretprobe" : "kprobe", *funcs);
			return 1;
		}
	}
	return 0;
}

int main(void)
{
	static const char *const alloc_skb[] = { "__alloc_skb", NULL };
	static const char *const netdev_alloc[] = { "__netdev_alloc_skb", NULL };
	static const char *const clone[] = { "skb_clone", NULL };
	static const char *const frag_alloc[] = { "__page_frag_alloc_align", "page_frag_alloc_align",
						  "page_frag_alloc", NULL };
	static const char *const frag_free[] = { "page_frag_free", NULL };
	struct skbleak_bpf *skel;
	struct skbleak_stack_total t;
	__u64 key, next, *prev = NULL, stacks = 0, count = 0, bytes = 0;
	int n = 0;

	skel = skbleak_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "skbleak: cannot load the BPF program: %s\n", strerror(errno));
		return 1;
	}
	n += attach(skel->progs.skb_alloc_enter, 0, alloc_skb);
	n += attach(skel->progs.skb_alloc_exit, 1, alloc_skb);
	n += attach(skel->progs.netdev_alloc_enter, 0, netdev_alloc);
	n += attach(skel->progs.skb_alloc_exit, 1, netdev_alloc);
	n += attach(skel->progs.skb_clone_enter, 0, clone);
	n += attach(skel->progs.skb_clone_exit, 1, clone);
	n += attach(skel->progs.frag_alloc_enter, 0, frag_alloc);
	n += attach(skel->progs.frag_alloc_exit, 1, frag_alloc);
	n += attach(skel->progs.frag_free, 0, frag_free);
	if (!bpf_program__attach(skel->progs.skb_consumed) ||
	    !bpf_program__attach(skel->progs.skb_dropped)) {
		fprintf(stderr, "skbleak: cannot attach the skb tracepoints: %s\n", strerror(errno));
		skbleak_bpf__destroy(skel);
		return 1;
	}
	printf("skbleak: attached %d probes and 2 tracepoints\n", n);
	fflush(stdout);

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	while (!stop)
		pause();

	while (!bpf_map_get_next_key(bpf_map__fd(skel->maps.totals), prev, &next)) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(bpf_map__fd(skel->maps.totals), &key, &t))
			continue;
		stacks++;
		count += t.count;
		bytes += t.bytes;
	}
	printf("skbleak: %llu stacks, %llu objects and %llu bytes outstanding\n",
	       (unsigned long long)stacks, (unsigned long long)count,
	       (unsigned long long)bytes);
	skbleak_bpf__destroy(skel);
	return 0;
}
