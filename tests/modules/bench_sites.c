// SPDX-License-Identifier: GPL-2.0
/*
 * Fills oomtrace's tables for measuring what a report costs when they are
 * full: skbs allocated from BENCH_SITES distinct call instructions (every
 * case of one switch stores to its own slot, so no two calls can be
 * merged and each has its own return address: a callsite of its own),
 * per_site of them from each, all held until unload.
 *
 *   insmod bench_sites.ko sites=10240 per_site=6
 */
#include <linux/module.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "fixture.h"

/* Blocks of 1024 callsites: all ten for make bench, one for the tests. */
#ifndef BENCH_BLOCKS
#define BENCH_BLOCKS	10
#endif
#define BENCH_SITES	(BENCH_BLOCKS * 1024)
#define BENCH_PER_SITE	16

static unsigned int bench_sites = 1024;
static unsigned int bench_per_site = 1;
static struct sk_buff **bench_held;	/* [BENCH_PER_SITE][BENCH_SITES] */

static int bench_sites_set(const char *val, const struct kernel_param *kp)
{
	return fixture_parse_count(kp->name, val, BENCH_SITES, kp->arg);
}

static const struct kernel_param_ops bench_sites_ops = {
	.set = bench_sites_set,
	.get = param_get_uint,
};
module_param_cb(sites, &bench_sites_ops, &bench_sites, 0444);
MODULE_PARM_DESC(sites, "distinct callsites to allocate from (1-10240, or 1-1024 outside make bench; default 1024)");

static int bench_per_site_set(const char *val, const struct kernel_param *kp)
{
	return fixture_parse_count(kp->name, val, BENCH_PER_SITE, kp->arg);
}

static const struct kernel_param_ops bench_per_site_ops = {
	.set = bench_per_site_set,
	.get = param_get_uint,
};
module_param_cb(per_site, &bench_per_site_ops, &bench_per_site, 0444);
MODULE_PARM_DESC(per_site, "skbs held per callsite (1-16, default 1)");

#define ONE(n)	case (n): row[n] = alloc_skb(64, GFP_KERNEL); break;
#define X4(n)	ONE(n) ONE((n) + 1) ONE((n) + 2) ONE((n) + 3)
#define X16(n)	X4(n) X4((n) + 4) X4((n) + 8) X4((n) + 12)
#define X64(n)	X16(n) X16((n) + 16) X16((n) + 32) X16((n) + 48)
#define X256(n)	X64(n) X64((n) + 64) X64((n) + 128) X64((n) + 192)
#define X1024(n) X256(n) X256((n) + 256) X256((n) + 512) X256((n) + 768)

/*
 * Allocates into row[site] from the call instruction of that site; a
 * thousand cases per function keeps the compiler quick.
 */
#define BENCH_BLOCK(b)							\
static noinline void bench_alloc_##b(struct sk_buff **row, unsigned int site)	\
{									\
	switch (site) {							\
	X1024((b) * 1024)						\
	}								\
}

BENCH_BLOCK(0)
#if BENCH_BLOCKS > 1
BENCH_BLOCK(1)
BENCH_BLOCK(2)
BENCH_BLOCK(3)
BENCH_BLOCK(4)
BENCH_BLOCK(5)
BENCH_BLOCK(6)
BENCH_BLOCK(7)
BENCH_BLOCK(8)
BENCH_BLOCK(9)
#endif

static void (*const bench_blocks[])(struct sk_buff **, unsigned int) = {
	bench_alloc_0,
#if BENCH_BLOCKS > 1
	bench_alloc_1, bench_alloc_2, bench_alloc_3, bench_alloc_4,
	bench_alloc_5, bench_alloc_6, bench_alloc_7, bench_alloc_8, bench_alloc_9,
#endif
};

static void bench_alloc_at(struct sk_buff **row, unsigned int site)
{
	bench_blocks[site / 1024](row, site);
}

static void bench_free_all(void)
{
	unsigned int i;

	for (i = 0; i < BENCH_SITES * BENCH_PER_SITE; i++)
		kfree_skb(bench_held[i]);
}

static int __init bench_sites_init(void)
{
	unsigned int site, k;

	bench_held = vzalloc(array_size(BENCH_SITES * BENCH_PER_SITE, sizeof(*bench_held)));
	if (!bench_held)
		return -ENOMEM;
	for (k = 0; k < bench_per_site; k++) {
		for (site = 0; site < bench_sites; site++) {
			struct sk_buff **row = &bench_held[k * BENCH_SITES];

			bench_alloc_at(row, site);
			if (!row[site]) {
				bench_free_all();
				vfree(bench_held);
				return -ENOMEM;
			}
		}
		cond_resched();
	}
	pr_info("holding %u skbs from %u callsites\n", bench_sites * bench_per_site, bench_sites);
	return 0;
}

static void __exit bench_sites_exit(void)
{
	bench_free_all();
	vfree(bench_held);
}

module_init(bench_sites_init);
module_exit(bench_sites_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("oomtrace benchmark: skbs held from thousands of callsites");
