// SPDX-License-Identifier: GPL-2.0
/*
 * Load generator for measuring what oomtrace's probes cost per allocation.
 * Writing "KIND N" to `run` does N alloc+free pairs through the real
 * kernel API in process context and records the elapsed time:
 *
 *   skb     alloc_skb() + consume_skb()
 *   frag    page_frag_alloc() + page_frag_free() on a private cache,
 *           drained at the end
 *   clone   skb_clone() + kfree_skb() of one parent skb
 *   netdev  __netdev_alloc_skb(NULL, ..., GFP_ATOMIC) + dev_kfree_skb()
 *
 *   echo 'skb 1000000' >/sys/module/bench_skb/parameters/run
 *   cat /sys/module/bench_skb/parameters/last_ns
 *
 * Run once with oomtrace loaded and once without; the difference per op is
 * the overhead. Runs are serialized by the module's parameter lock.
 */
#include <linux/gfp.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/sizes.h>

#include "fixture.h"

/*
 * Iterations cost no memory (each object is freed at once), so the limit
 * is higher than the fixtures' held-object limit: a run must be long
 * enough to measure a probe costing a few nanoseconds.
 */
#define BENCH_SKB_MAX_ITERS 10000000U
/* How often a run yields, so long runs do not trip the soft-lockup detector. */
#define BENCH_SKB_RESCHED_EVERY 1024

enum bench_skb_kind {
	BENCH_SKB_SKB,
	BENCH_SKB_FRAG,
	BENCH_SKB_CLONE,
	BENCH_SKB_NETDEV,
};

static const char * const bench_skb_kind_names[] = {
	[BENCH_SKB_SKB] = "skb",
	[BENCH_SKB_FRAG] = "frag",
	[BENCH_SKB_CLONE] = "clone",
	[BENCH_SKB_NETDEV] = "netdev",
};

static unsigned int bench_skb_size = 1500;
static unsigned long long bench_skb_last_ns;
static unsigned long long bench_skb_last_ops;

static int bench_skb_size_set(const char *val, const struct kernel_param *kp)
{
	return fixture_parse_count(kp->name, val, SZ_64K, kp->arg);
}

static const struct kernel_param_ops bench_skb_size_ops = {
	.set = bench_skb_size_set,
	.get = param_get_uint,
};
module_param_cb(size, &bench_skb_size_ops, &bench_skb_size, 0644);
MODULE_PARM_DESC(size, "bytes per allocation (1-65536, frag at most PAGE_SIZE; default 1500)");

module_param_named(last_ns, bench_skb_last_ns, ullong, 0444);
MODULE_PARM_DESC(last_ns, "elapsed ns of the last completed run");
module_param_named(last_ops, bench_skb_last_ops, ullong, 0444);
MODULE_PARM_DESC(last_ops, "alloc+free pairs in the last completed run");

static noinline int bench_skb_loop_skb(unsigned int n, unsigned int size)
{
	struct sk_buff *skb;
	unsigned int i;

	for (i = 0; i < n; i++) {
		skb = alloc_skb(size, GFP_KERNEL);
		if (!skb)
			return -ENOMEM;
		consume_skb(skb);
		if (!((i + 1) % BENCH_SKB_RESCHED_EVERY))
			cond_resched();
	}
	return 0;
}

static noinline int bench_skb_loop_frag(unsigned int n, unsigned int size)
{
	struct page_frag_cache nc = {};
	unsigned int i;
	int err = 0;
	void *frag;

	for (i = 0; i < n; i++) {
		frag = page_frag_alloc(&nc, size, GFP_KERNEL);
		if (!frag) {
			err = -ENOMEM;
			break;
		}
		page_frag_free(frag);
		if (!((i + 1) % BENCH_SKB_RESCHED_EVERY))
			cond_resched();
	}
	/* Give back the cache's bias on its last page, as a driver must. */
	if (nc.va)
		__page_frag_cache_drain(virt_to_head_page(nc.va),
					nc.pagecnt_bias);
	return err;
}

static noinline int bench_skb_loop_clone(unsigned int n, unsigned int size)
{
	struct sk_buff *parent, *clone;
	unsigned int i;
	int err = 0;

	parent = alloc_skb(size, GFP_KERNEL);
	if (!parent)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		clone = skb_clone(parent, GFP_KERNEL);
		if (!clone) {
			err = -ENOMEM;
			break;
		}
		kfree_skb(clone);
		if (!((i + 1) % BENCH_SKB_RESCHED_EVERY))
			cond_resched();
	}
	consume_skb(parent);
	return err;
}

/*
 * GFP_ATOMIC as netdev_alloc_skb() uses: with __GFP_DIRECT_RECLAIM,
 * __netdev_alloc_skb() takes a kmalloc head and skips the page_frag path
 * this kind is meant to measure.
 */
static noinline int bench_skb_loop_netdev(unsigned int n, unsigned int size)
{
	struct sk_buff *skb;
	unsigned int i;

	for (i = 0; i < n; i++) {
		skb = __netdev_alloc_skb(NULL, size, GFP_ATOMIC);
		if (!skb)
			return -ENOMEM;
		dev_kfree_skb(skb);
		if (!((i + 1) % BENCH_SKB_RESCHED_EVERY))
			cond_resched();
	}
	return 0;
}

static int bench_skb_run_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n, size = bench_skb_size;
	char buf[32], *kind, *num;
	u64 start, ns;
	int k, err;

	if (strscpy(buf, val, sizeof(buf)) < 0)
		goto bad;
	kind = strim(buf);
	num = strchr(kind, ' ');
	if (!num)
		goto bad;
	*num = '\0';
	k = match_string(bench_skb_kind_names, ARRAY_SIZE(bench_skb_kind_names),
			 kind);
	if (k < 0)
		goto bad;
	err = fixture_parse_count(kp->name, skip_spaces(num + 1),
				  BENCH_SKB_MAX_ITERS, &n);
	if (err)
		return err;
	if (k == BENCH_SKB_FRAG && size > PAGE_SIZE) {
		pr_err("frag: size %u is over PAGE_SIZE (%lu)\n", size,
		       PAGE_SIZE);
		return -EINVAL;
	}

	start = ktime_get_ns();
	switch (k) {
	case BENCH_SKB_SKB:
		err = bench_skb_loop_skb(n, size);
		break;
	case BENCH_SKB_FRAG:
		err = bench_skb_loop_frag(n, size);
		break;
	case BENCH_SKB_CLONE:
		err = bench_skb_loop_clone(n, size);
		break;
	default:
		err = bench_skb_loop_netdev(n, size);
		break;
	}
	ns = ktime_get_ns() - start;
	if (err) {
		pr_err("%s %u: allocation failed\n", bench_skb_kind_names[k], n);
		return err;
	}

	bench_skb_last_ns = ns;
	bench_skb_last_ops = n;
	pr_info("%s %u ops in %llu ns (%llu ns/op)\n", bench_skb_kind_names[k],
		n, ns, div_u64(ns, n));
	return 0;

bad:
	pr_err("run: '%.*s' is not \"KIND N\" with KIND skb, frag, clone or netdev\n",
	       (int)strcspn(val, "\n"), val);
	return -EINVAL;
}

static const struct kernel_param_ops bench_skb_run_ops = {
	.set = bench_skb_run_set,
};
module_param_cb(run, &bench_skb_run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "write \"KIND N\" (skb, frag, clone, netdev; N 1-10000000) to run a benchmark");

static int __init bench_skb_init(void)
{
	pr_info("ready: write \"KIND N\" to /sys/module/bench_skb/parameters/run\n");
	return 0;
}

static void __exit bench_skb_exit(void)
{
}

module_init(bench_skb_init);
module_exit(bench_skb_exit);
MODULE_DESCRIPTION("Test tool: skb and page_frag alloc/free load generator");
MODULE_LICENSE("GPL");
