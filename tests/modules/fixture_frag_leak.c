// SPDX-License-Identifier: GPL-2.0
/*
 * Incident I1: page_frag_cache pages whose bias is never drained. Each of
 * `caches` private caches hands out `frags` fragments of `fragsz` bytes
 * from fixture_frag_rx_refill(), the way a driver refills its RX ring.
 * Writing 1 to `release` frees every fragment with page_frag_free(), but
 * the caches keep their current page and its bias, so that memory stays
 * allocated with no slab object, no LRU page and no fragment to account
 * for it, until unload drains the caches for real. Writing 1 to
 * `release_via_skb` instead frees them the way an RX path does: each is
 * attached to an skb as a page fragment and goes with the skb (put_page(),
 * never page_frag_free()).
 *
 *   insmod fixture_frag_leak.ko caches=16 frags=32 fragsz=2048
 *   echo 1 >/sys/module/fixture_frag_leak/parameters/release
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/skbuff.h>
#include <linux/slab.h>

#include "fixture.h"

static unsigned int fixture_frag_caches = 16;
static unsigned int fixture_frag_frags = 32;
static unsigned int fixture_frag_fragsz = 2048;

static DEFINE_MUTEX(fixture_frag_lock);
static struct page_frag_cache *fixture_frag_cache;
/* caches * frags slots, cache-major; NULL once a fragment is freed. */
static void **fixture_frag_held;
static unsigned int fixture_frag_nheld;

static const struct kernel_param_ops fixture_frag_count_ops = {
	.set = fixture_count_set,
	.get = param_get_uint,
};
module_param_cb(caches, &fixture_frag_count_ops, &fixture_frag_caches, 0444);
MODULE_PARM_DESC(caches, "private page_frag caches (default 16; caches * frags <= 100000)");
module_param_cb(frags, &fixture_frag_count_ops, &fixture_frag_frags, 0444);
MODULE_PARM_DESC(frags, "fragments per cache (default 32; caches * frags <= 100000)");

/* page_frag_alloc() cannot serve more than a page once it falls back to order 0. */
static int fixture_frag_fragsz_set(const char *val,
				   const struct kernel_param *kp)
{
	return fixture_parse_count(kp->name, val, PAGE_SIZE, kp->arg);
}

static const struct kernel_param_ops fixture_frag_fragsz_ops = {
	.set = fixture_frag_fragsz_set,
	.get = param_get_uint,
};
module_param_cb(fragsz, &fixture_frag_fragsz_ops, &fixture_frag_fragsz, 0444);
MODULE_PARM_DESC(fragsz, "bytes per fragment (1-PAGE_SIZE, default 2048)");

/* Pages, and their bytes, that the caches still hold a bias on. */
static unsigned int fixture_frag_cached_pages(unsigned long *bytes)
{
	unsigned int c, pages = 0;

	*bytes = 0;
	for (c = 0; c < fixture_frag_caches; c++) {
		if (!fixture_frag_cache[c].va)
			continue;
		pages++;
		*bytes += page_size(virt_to_head_page(fixture_frag_cache[c].va));
	}
	return pages;
}

/* Frees every fragment still held; returns how many there were. */
static unsigned int fixture_frag_free_all(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < fixture_frag_nheld; i++) {
		if (!fixture_frag_held[i])
			continue;
		page_frag_free(fixture_frag_held[i]);
		fixture_frag_held[i] = NULL;
		n++;
	}
	return n;
}

/* Frees every fragment still held as an skb's page fragment; how many, or -ENOMEM. */
static int fixture_frag_free_all_via_skb(void)
{
	unsigned int i, n = 0;
	struct sk_buff *skb;
	struct page *page;
	void *va;

	for (i = 0; i < fixture_frag_nheld; i++) {
		va = fixture_frag_held[i];
		if (!va)
			continue;
		skb = alloc_skb(0, GFP_KERNEL);
		if (!skb)
			return -ENOMEM;
		page = virt_to_head_page(va);
		skb_add_rx_frag(skb, 0, page, va - page_address(page),
				fixture_frag_fragsz, fixture_frag_fragsz);
		fixture_frag_held[i] = NULL;
		consume_skb(skb);
		n++;
	}
	return n;
}

static int fixture_frag_release_set(const char *val,
				    const struct kernel_param *kp)
{
	bool via_skb = !strcmp(kp->name, "release_via_skb");
	unsigned int pages = 0;
	unsigned long bytes = 0;
	int err, n = 0;

	err = fixture_parse_trigger(kp->name, val);
	if (err)
		return err;
	mutex_lock(&fixture_frag_lock);
	if (fixture_frag_held) {
		n = via_skb ? fixture_frag_free_all_via_skb() : fixture_frag_free_all();
		pages = fixture_frag_cached_pages(&bytes);
	}
	mutex_unlock(&fixture_frag_lock);
	if (n < 0)
		return n;
	pr_info("freed %d fragments%s; caches still hold %u pages (%lu bytes) until unload\n",
		n, via_skb ? " with their skbs" : "", pages, bytes);
	return 0;
}

static const struct kernel_param_ops fixture_frag_release_ops = {
	.set = fixture_frag_release_set,
};
module_param_cb(release, &fixture_frag_release_ops, NULL, 0200);
MODULE_PARM_DESC(release, "write 1 to free the fragments but leave the caches undrained");
module_param_cb(release_via_skb, &fixture_frag_release_ops, NULL, 0200);
MODULE_PARM_DESC(release_via_skb,
		 "write 1 to free the fragments as skb page fragments, caches undrained");

/*
 * The driver refill routine a tracer must name. Fills the whole cache's
 * share of the held array; the allocations are never tail calls, so the
 * return address page_frag_alloc_align() sees is in here.
 */
static noinline __noclone int fixture_frag_rx_refill(struct page_frag_cache *nc,
						     void **slots,
						     unsigned int frags,
						     unsigned int fragsz)
{
	unsigned int i;

	for (i = 0; i < frags; i++) {
		slots[i] = page_frag_alloc(nc, fragsz, GFP_KERNEL);
		if (!slots[i])
			return -ENOMEM;
	}
	return 0;
}

/* Distinct pages under the held fragments; within a cache they are in order. */
static unsigned int fixture_frag_held_pages(unsigned long *bytes)
{
	struct page *page, *last;
	unsigned int c, i, pages = 0;
	void **slots;

	*bytes = 0;
	for (c = 0; c < fixture_frag_caches; c++) {
		slots = &fixture_frag_held[c * fixture_frag_frags];
		last = NULL;
		for (i = 0; i < fixture_frag_frags; i++) {
			page = virt_to_head_page(slots[i]);
			if (page == last)
				continue;
			last = page;
			pages++;
			*bytes += page_size(page);
		}
	}
	return pages;
}

static void fixture_frag_drain_all(void)
{
	struct page_frag_cache *nc;
	unsigned int c;

	if (!fixture_frag_cache)
		return;
	for (c = 0; c < fixture_frag_caches; c++) {
		nc = &fixture_frag_cache[c];
		if (!nc->va)
			continue;
		__page_frag_cache_drain(virt_to_head_page(nc->va),
					nc->pagecnt_bias);
		nc->va = NULL;
	}
}

static void fixture_frag_teardown(void)
{
	fixture_frag_free_all();
	fixture_frag_drain_all();
	kvfree(fixture_frag_held);
	fixture_frag_held = NULL;
	fixture_frag_nheld = 0;
	kfree(fixture_frag_cache);
	fixture_frag_cache = NULL;
}

static int __init fixture_frag_init(void)
{
	unsigned int c, frags = fixture_frag_frags, pages;
	unsigned long bytes;
	int err = 0;

	if ((u64)fixture_frag_caches * frags > FIXTURE_COUNT_MAX) {
		pr_err("caches * frags = %llu: at most %u fragments in all\n",
		       (u64)fixture_frag_caches * frags, FIXTURE_COUNT_MAX);
		return -EINVAL;
	}

	mutex_lock(&fixture_frag_lock);
	fixture_frag_cache = kcalloc(fixture_frag_caches,
				     sizeof(*fixture_frag_cache), GFP_KERNEL);
	fixture_frag_held = kvcalloc(fixture_frag_caches * frags,
				     sizeof(*fixture_frag_held), GFP_KERNEL);
	if (!fixture_frag_cache || !fixture_frag_held) {
		err = -ENOMEM;
		goto err_teardown;
	}
	fixture_frag_nheld = fixture_frag_caches * frags;

	for (c = 0; c < fixture_frag_caches; c++) {
		err = fixture_frag_rx_refill(&fixture_frag_cache[c],
					     &fixture_frag_held[c * frags],
					     frags, fixture_frag_fragsz);
		if (err) {
			pr_err("out of memory in cache %u of %u\n", c,
			       fixture_frag_caches);
			goto err_teardown;
		}
	}
	pages = fixture_frag_held_pages(&bytes);
	mutex_unlock(&fixture_frag_lock);

	pr_info("holding %u fragments of %u bytes (%u caches x %u) on %u pages (%lu bytes) from fixture_frag_rx_refill\n",
		fixture_frag_nheld, fixture_frag_fragsz, fixture_frag_caches,
		frags, pages, bytes);
	return 0;

err_teardown:
	fixture_frag_teardown();
	mutex_unlock(&fixture_frag_lock);
	return err;
}

static void __exit fixture_frag_exit(void)
{
	mutex_lock(&fixture_frag_lock);
	fixture_frag_teardown();
	mutex_unlock(&fixture_frag_lock);
}

module_init(fixture_frag_init);
module_exit(fixture_frag_exit);
MODULE_DESCRIPTION("Test fixture: page_frag caches that are never drained (I1)");
MODULE_LICENSE("GPL");
