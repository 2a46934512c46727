// SPDX-License-Identifier: GPL-2.0
/*
 * Incident I5: a Bluetooth driver leaked skb_clone()d event skbs. One
 * event skb is allocated in fixture_bt_event_alloc() and `count` clones of
 * it are made in fixture_bt_event_clone() and held. A report must name the
 * clone callsite for the clones (count objects) apart from the one parent,
 * whose data buffer the clones share.
 *
 *   insmod fixture_clone_leak.ko count=48
 *   echo 1 >/sys/module/fixture_clone_leak/parameters/release
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/skbuff.h>

#include "fixture.h"

/* An HCI event: 2 header bytes and up to 255 parameter bytes. */
#define FIXTURE_BT_EVENT_LEN 257

static unsigned int fixture_clone_count = 48;

static DEFINE_MUTEX(fixture_clone_lock);
static struct sk_buff *fixture_clone_parent;
static struct sk_buff_head fixture_clone_held;
/* The queue head is set up in init; sysfs writes can arrive before that. */
static bool fixture_clone_ready;

static const struct kernel_param_ops fixture_clone_count_ops = {
	.set = fixture_count_set,
	.get = param_get_uint,
};
module_param_cb(count, &fixture_clone_count_ops, &fixture_clone_count, 0444);
MODULE_PARM_DESC(count, "clones to make and hold at load (1-100000, default 48)");

static int fixture_clone_release_set(const char *val,
				     const struct kernel_param *kp)
{
	unsigned int n = 0;
	int err;

	err = fixture_parse_trigger(kp->name, val);
	if (err)
		return err;
	mutex_lock(&fixture_clone_lock);
	if (fixture_clone_ready) {
		n = skb_queue_len(&fixture_clone_held);
		skb_queue_purge(&fixture_clone_held);
	}
	mutex_unlock(&fixture_clone_lock);
	pr_info("released %u clones; the parent stays until unload\n", n);
	return 0;
}

static const struct kernel_param_ops fixture_clone_release_ops = {
	.set = fixture_clone_release_set,
};
module_param_cb(release, &fixture_clone_release_ops, NULL, 0200);
MODULE_PARM_DESC(release, "write 1 to free every held clone while staying loaded");

static int fixture_clone_held_get(char *buf, const struct kernel_param *kp)
{
	unsigned int n = 0;

	mutex_lock(&fixture_clone_lock);
	if (fixture_clone_ready)
		n = skb_queue_len(&fixture_clone_held);
	mutex_unlock(&fixture_clone_lock);
	return sysfs_emit(buf, "%u\n", n);
}

static const struct kernel_param_ops fixture_clone_held_ops = {
	.get = fixture_clone_held_get,
};
module_param_cb(held, &fixture_clone_held_ops, NULL, 0444);
MODULE_PARM_DESC(held, "clones held right now");

/* Where the parent event comes from: a second, distinct callsite. */
static noinline __noclone struct sk_buff *fixture_bt_event_alloc(void)
{
	struct sk_buff *skb = alloc_skb(FIXTURE_BT_EVENT_LEN, GFP_KERNEL);

	if (skb)
		skb_put_zero(skb, FIXTURE_BT_EVENT_LEN);
	return skb;
}

/*
 * The leaking callsite a tracer must name: every clone is queued after
 * skb_clone() returns, so no call is a tail call and the return address
 * skb_clone() sees is in here.
 */
static noinline __noclone int fixture_bt_event_clone(struct sk_buff *parent,
						     unsigned int count)
{
	struct sk_buff *clone;
	unsigned int i;

	for (i = 0; i < count; i++) {
		clone = skb_clone(parent, GFP_KERNEL);
		if (!clone)
			return -ENOMEM;
		skb_queue_tail(&fixture_clone_held, clone);
	}
	return 0;
}

static void fixture_clone_free_all(void)
{
	skb_queue_purge(&fixture_clone_held);
	kfree_skb(fixture_clone_parent);
	fixture_clone_parent = NULL;
	fixture_clone_ready = false;
}

static int __init fixture_clone_init(void)
{
	int err;

	mutex_lock(&fixture_clone_lock);
	skb_queue_head_init(&fixture_clone_held);
	fixture_clone_ready = true;
	fixture_clone_parent = fixture_bt_event_alloc();
	if (!fixture_clone_parent) {
		err = -ENOMEM;
		goto err_free;
	}
	err = fixture_bt_event_clone(fixture_clone_parent,
				     fixture_clone_count);
	if (err) {
		pr_err("out of memory after %u of %u clones\n",
		       skb_queue_len(&fixture_clone_held), fixture_clone_count);
		goto err_free;
	}
	mutex_unlock(&fixture_clone_lock);

	pr_info("holding 1 event skb of %u bytes from fixture_bt_event_alloc and %u clones of it from fixture_bt_event_clone\n",
		FIXTURE_BT_EVENT_LEN, fixture_clone_count);
	return 0;

err_free:
	fixture_clone_free_all();
	mutex_unlock(&fixture_clone_lock);
	return err;
}

static void __exit fixture_clone_exit(void)
{
	mutex_lock(&fixture_clone_lock);
	fixture_clone_free_all();
	mutex_unlock(&fixture_clone_lock);
}

module_init(fixture_clone_init);
module_exit(fixture_clone_exit);
MODULE_DESCRIPTION("Test fixture: skb_clone()s that are never freed (I5)");
MODULE_LICENSE("GPL");
