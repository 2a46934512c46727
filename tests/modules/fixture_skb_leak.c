// SPDX-License-Identifier: GPL-2.0
/*
 * Holds `count` skbs from load until `release` is written or the module
 * unloads: the plainest outstanding-skb shape, for checking that a report
 * names fixture_skb_leak_alloc() with the right count and bytes, and that
 * the count drops back to 0 once the skbs are freed.
 *
 *   insmod fixture_skb_leak.ko count=64 size=1500 via=netdev_alloc_skb
 *   cat /sys/module/fixture_skb_leak/parameters/held
 *   echo 1 >/sys/module/fixture_skb_leak/parameters/release
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/sizes.h>

#include "fixture.h"

enum fixture_skb_leak_via {
	FIXTURE_VIA_ALLOC_SKB,
	FIXTURE_VIA_NETDEV_ALLOC_SKB,
	FIXTURE_VIA_NAPI_ALLOC_SKB,
};

static const char * const fixture_skb_leak_via_names[] = {
	[FIXTURE_VIA_ALLOC_SKB] = "alloc_skb",
	[FIXTURE_VIA_NETDEV_ALLOC_SKB] = "netdev_alloc_skb",
	[FIXTURE_VIA_NAPI_ALLOC_SKB] = "napi_alloc_skb",
};

static unsigned int fixture_skb_leak_count = 64;
static unsigned int fixture_skb_leak_size = 1500;
static int fixture_skb_leak_via = FIXTURE_VIA_ALLOC_SKB;

/* Serializes the sysfs triggers against load and unload. */
static DEFINE_MUTEX(fixture_skb_leak_lock);
static struct sk_buff_head fixture_skb_leak_held;
/* The queue head is set up in init; sysfs writes can arrive before that. */
static bool fixture_skb_leak_ready;

/*
 * __napi_alloc_skb() reads napi->dev and nothing else of it; a zeroed
 * napi_struct stands in for the driver's, with no device.
 */
static struct napi_struct fixture_skb_leak_napi;

static const struct kernel_param_ops fixture_skb_leak_count_ops = {
	.set = fixture_count_set,
	.get = param_get_uint,
};
module_param_cb(count, &fixture_skb_leak_count_ops, &fixture_skb_leak_count,
		0444);
MODULE_PARM_DESC(count, "skbs to allocate and hold at load (1-100000, default 64)");

static int fixture_skb_leak_size_set(const char *val,
				     const struct kernel_param *kp)
{
	return fixture_parse_count(kp->name, val, SZ_64K, kp->arg);
}

static const struct kernel_param_ops fixture_skb_leak_size_ops = {
	.set = fixture_skb_leak_size_set,
	.get = param_get_uint,
};
module_param_cb(size, &fixture_skb_leak_size_ops, &fixture_skb_leak_size,
		0444);
MODULE_PARM_DESC(size, "data bytes per skb (1-65536, default 1500)");

static int fixture_skb_leak_via_set(const char *val,
				    const struct kernel_param *kp)
{
	int via = sysfs_match_string(fixture_skb_leak_via_names, val);

	if (via < 0) {
		pr_err("via: '%.*s' is not alloc_skb, netdev_alloc_skb or napi_alloc_skb\n",
		       (int)strcspn(val, "\n"), val);
		return -EINVAL;
	}
	*(int *)kp->arg = via;
	return 0;
}

static int fixture_skb_leak_via_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n",
			  fixture_skb_leak_via_names[*(int *)kp->arg]);
}

static const struct kernel_param_ops fixture_skb_leak_via_ops = {
	.set = fixture_skb_leak_via_set,
	.get = fixture_skb_leak_via_get,
};
module_param_cb(via, &fixture_skb_leak_via_ops, &fixture_skb_leak_via, 0444);
MODULE_PARM_DESC(via, "allocator: alloc_skb (default), netdev_alloc_skb or napi_alloc_skb");

/* Frees every held skb; returns how many there were. */
static unsigned int fixture_skb_leak_free_all(void)
{
	unsigned int n = skb_queue_len(&fixture_skb_leak_held);

	skb_queue_purge(&fixture_skb_leak_held);
	return n;
}

static int fixture_skb_leak_release_set(const char *val,
					const struct kernel_param *kp)
{
	unsigned int n = 0;
	int err;

	err = fixture_parse_trigger(kp->name, val);
	if (err)
		return err;
	mutex_lock(&fixture_skb_leak_lock);
	if (fixture_skb_leak_ready)
		n = fixture_skb_leak_free_all();
	mutex_unlock(&fixture_skb_leak_lock);
	pr_info("released %u skbs\n", n);
	return 0;
}

static const struct kernel_param_ops fixture_skb_leak_release_ops = {
	.set = fixture_skb_leak_release_set,
};
module_param_cb(release, &fixture_skb_leak_release_ops, NULL, 0200);
MODULE_PARM_DESC(release, "write 1 to free every held skb while staying loaded");

static int fixture_skb_leak_held_get(char *buf, const struct kernel_param *kp)
{
	unsigned int n = 0;

	mutex_lock(&fixture_skb_leak_lock);
	if (fixture_skb_leak_ready)
		n = skb_queue_len(&fixture_skb_leak_held);
	mutex_unlock(&fixture_skb_leak_lock);
	return sysfs_emit(buf, "%u\n", n);
}

static const struct kernel_param_ops fixture_skb_leak_held_ops = {
	.get = fixture_skb_leak_held_get,
};
module_param_cb(held, &fixture_skb_leak_held_ops, NULL, 0444);
MODULE_PARM_DESC(held, "skbs held right now");

/*
 * The callsite a tracer must name. Every allocation is made here, never
 * in a tail position, so the return address an allocator sees is inside
 * this function. netdev_alloc_skb() is GFP_ATOMIC on purpose: with
 * __GFP_DIRECT_RECLAIM, __netdev_alloc_skb() falls back to a kmalloc head
 * and the page_frag path would go untested.
 */
static noinline __noclone int fixture_skb_leak_alloc(unsigned int count,
						     unsigned int size)
{
	struct sk_buff *skb;
	unsigned int i;

	for (i = 0; i < count; i++) {
		switch (fixture_skb_leak_via) {
		case FIXTURE_VIA_NETDEV_ALLOC_SKB:
			skb = netdev_alloc_skb(NULL, size);
			break;
		case FIXTURE_VIA_NAPI_ALLOC_SKB:
			/* Drivers call it from NAPI poll, in softirq. */
			local_bh_disable();
			skb = napi_alloc_skb(&fixture_skb_leak_napi, size);
			local_bh_enable();
			break;
		default:
			skb = alloc_skb(size, GFP_KERNEL);
			break;
		}
		if (!skb)
			return -ENOMEM;
		skb_queue_tail(&fixture_skb_leak_held, skb);
	}
	return 0;
}

static int __init fixture_skb_leak_init(void)
{
	int err;

	mutex_lock(&fixture_skb_leak_lock);
	skb_queue_head_init(&fixture_skb_leak_held);
	fixture_skb_leak_ready = true;
	err = fixture_skb_leak_alloc(fixture_skb_leak_count,
				     fixture_skb_leak_size);
	if (err) {
		pr_err("out of memory after %u of %u skbs\n",
		       skb_queue_len(&fixture_skb_leak_held),
		       fixture_skb_leak_count);
		fixture_skb_leak_free_all();
		fixture_skb_leak_ready = false;
	}
	mutex_unlock(&fixture_skb_leak_lock);
	if (err)
		return err;

	pr_info("holding %u skbs of %u bytes from %s in fixture_skb_leak_alloc\n",
		fixture_skb_leak_count, fixture_skb_leak_size,
		fixture_skb_leak_via_names[fixture_skb_leak_via]);
	return 0;
}

static void __exit fixture_skb_leak_exit(void)
{
	mutex_lock(&fixture_skb_leak_lock);
	fixture_skb_leak_free_all();
	fixture_skb_leak_ready = false;
	mutex_unlock(&fixture_skb_leak_lock);
}

module_init(fixture_skb_leak_init);
module_exit(fixture_skb_leak_exit);
MODULE_DESCRIPTION("Test fixture: holds skbs from one recognizable callsite");
MODULE_LICENSE("GPL");
