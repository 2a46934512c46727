// SPDX-License-Identifier: GPL-2.0
/*
 * What the probes record. Every function here may run in any context
 * (task, softirq, hardirq, NMI) with preemption disabled, and touches
 * only memory allocated at load.
 */
#include <linux/mm.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/preempt.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>

#include "compat.h"
#include "attrib.h"
#include "history.h"
#include "mem.h"
#include "state.h"

struct ot_state ot_state;
DEFINE_MUTEX(ot_state_mutex);	/* see state.h */

const char *const ot_kind_names[OT_NR_KINDS] = {
	[OT_SKB] = "skb",
	[OT_CLONE] = "clone",
	[OT_FRAG] = "frag",
	[OT_TXONLY] = "txonly",
};

/*
 * Ages are shown in seconds, so jiffies are plenty: one plain read, safe
 * in NMI, and no clocksource access (on some machines and emulators that
 * costs microseconds, on every allocation). Time since boot, not counting
 * suspend.
 */
u64 ot_now_ns(void)
{
	return jiffies64_to_nsecs(get_jiffies_64() - INITIAL_JIFFIES);
}

/*
 * 1 in sample_every allocations is tracked; the rest are counted in
 * sampled_out. Allocation probes ask at entry, with their own per-CPU
 * hit count @n, so the ones left out never take the return probe. Each
 * probe counts its own calls: with one shared count, two probes that
 * fire for every allocation (napi_alloc_skb and the page_frag_alloc
 * under it) would take turns, and one would see every other call only.
 */
bool ot_sample_skip(unsigned long n)
{
	unsigned int every = ot_params.sample_every;

	if (every <= 1 || !(n % every))
		return false;
	local64_inc(this_cpu_ptr(ot_state.sampled_out));
	return true;
}

/*
 * The callsite table slot of (@site, @kind) + 1, claimed and described
 * if new; 0 when the table is full. Objects keep it, so a free counts
 * without looking the callsite up again.
 */
static u32 ot_site_slot(unsigned long site, enum ot_kind kind, u64 now)
{
	bool created;
	int slot = ot_cstab_get(&ot_state.sites, site, kind, &created);

	if (slot < 0)
		return 0;
	if (created) {
		struct ot_site *s = &ot_state.sites.sites[slot];

		s->first_ns = now;
		if (site) {
			ot_attrib_describe(site, s->name, sizeof(s->name), s->stack,
					   sizeof(s->stack), ot_params.stack_depth);
			/* Pairs with the acquire in ot_cstab_sum(). */
			smp_store_release(&s->described, true);
		}
	}
	return slot + 1;
}

static void ot_site_account(u32 site_slot, bool alloc, u64 bytes)
{
	if (site_slot)
		ot_cstab_account(&ot_state.sites, site_slot - 1, alloc, bytes);
}

/*
 * @wrapper: the probed function may have allocated through another probed
 * one (e.g. __napi_alloc_skb -> __alloc_skb), which already recorded it.
 */
void ot_record_alloc(enum ot_kind kind, unsigned long ptr, u32 size,
		     unsigned long caller, bool wrapper)
{
	struct ot_obj obj = {
		.key = ot_obj_key(ptr),
		.size = size,
		.kind = kind,
	}, old;
	enum ot_insert_result res;

	if (!READ_ONCE(ot_enabled) || !ptr)
		return;
	if (wrapper && ot_objtab_find(&ot_state.objs, obj.key))
		return;

	obj.birth_ns = ot_now_ns();
	obj.site_slot = ot_site_slot(ot_attrib_site(caller), kind, obj.birth_ns);
	res = ot_objtab_insert(&ot_state.objs, &obj, false, &old);
	if (res == OT_DROPPED)
		return;
	if (res == OT_REPLACED_STALE)
		ot_site_account(old.site_slot, false, old.size);
	ot_site_account(obj.site_slot, true, size);
}

/* An skb handed to device @slot came back: its transmit is complete. */
static void ot_tx_completed(int slot)
{
	ot_devtab_count(&ot_state.devs, slot, OT_DEV_COMPLETIONS);
	WRITE_ONCE(ot_state.devs.devs[slot].last_completion_ns, ot_now_ns());
}

/* Take @obj out of flight; the device slot it was on, or -1. */
static int ot_tx_unmark(struct ot_obj *obj)
{
	int slot = READ_ONCE(obj->tx_dev) - 1;

	if (slot < 0)
		return -1;
	WRITE_ONCE(obj->tx_dev, 0);
	WRITE_ONCE(obj->tx_ns, 0);
	return slot;
}

/* Forget @ptr if tracked; true if this call removed it. */
static bool ot_free_tracked(unsigned long ptr)
{
	struct ot_obj obj;

	if (!ot_objtab_remove(&ot_state.objs, ot_obj_key(ptr), &obj))
		return false;
	ot_site_account(obj.site_slot, false, obj.size);
	if (obj.tx_dev)
		ot_tx_completed(obj.tx_dev - 1);
	return true;
}

void ot_record_free(unsigned long ptr)
{
	ot_free_tracked(ptr);
}

/*
 * @skb is being freed with its data. Page fragments a driver attached to
 * it go back with put_page(), never page_frag_free(): this is where their
 * free can be seen. Not while a clone still shares the data.
 */
void ot_record_skb_free(const struct sk_buff *skb)
{
	const struct skb_shared_info *sh;
	unsigned int i, nr;

	ot_free_tracked((unsigned long)skb);
	if (!skb->head)
		return;
	sh = skb_shinfo(skb);
	if (skb->cloned &&
	    (atomic_read(&sh->dataref) & SKB_DATAREF_MASK) != 1)
		return;
	nr = min_t(unsigned int, READ_ONCE(sh->nr_frags), MAX_SKB_FRAGS);
	for (i = 0; i < nr; i++) {
		struct page *page = skb_frag_page(&sh->frags[i]);

		/*
		 * page_frag caches never hand out highmem, and finding a
		 * highmem page's mapping takes a lock: not here.
		 */
		if (page && !PageHighMem(page))
			ot_free_tracked((unsigned long)page_address(page) +
					skb_frag_off(&sh->frags[i]));
	}
}

void ot_record_xmit(unsigned long skb, const struct net_device *dev, u32 size)
{
	int slot;
	struct ot_obj *obj;

	if (!READ_ONCE(ot_enabled))
		return;
	obj = ot_objtab_find(&ot_state.objs, ot_obj_key(skb));
	if (!obj) {
		/*
		 * Allocated before we loaded or sampled out: track from here,
		 * every one, so in-flight counts and stuck verdicts stay exact
		 * under sampling (a ring holds at most a few thousand).
		 */
		struct ot_obj fresh = { .key = ot_obj_key(skb), .size = size,
					.kind = OT_TXONLY }, old;

		fresh.birth_ns = ot_now_ns();
		fresh.site_slot = ot_site_slot(0, OT_TXONLY, fresh.birth_ns);
		if (ot_objtab_insert(&ot_state.objs, &fresh, true, &old) != OT_INSERTED)
			return;
		ot_site_account(fresh.site_slot, true, size);
		obj = ot_objtab_find(&ot_state.objs, fresh.key);
		if (!obj)
			return;
	}
	slot = ot_devtab_slot(&ot_state.devs, dev);
	if (slot < 0)
		return;
	WRITE_ONCE(obj->tx_ns, ot_now_ns());
	WRITE_ONCE(obj->tx_dev, slot + 1);
	ot_devtab_count(&ot_state.devs, slot, OT_DEV_XMITS);
}

/* The driver refused the skb: the stack still owns it, it is not in flight. */
void ot_record_xmit_busy(unsigned long skb)
{
	struct ot_obj *obj = ot_objtab_find(&ot_state.objs, ot_obj_key(skb));
	int slot = obj ? ot_tx_unmark(obj) : -1;

	if (slot >= 0)
		ot_devtab_count(&ot_state.devs, slot, OT_DEV_REQUEUED);
}

/* A transmitted skb re-entered the receive path: its TX is complete. */
void ot_record_rx(unsigned long skb)
{
	struct ot_obj *obj = ot_objtab_find(&ot_state.objs, ot_obj_key(skb));
	int slot = obj ? ot_tx_unmark(obj) : -1;

	if (slot >= 0)
		ot_tx_completed(slot);
}

void ot_record_frag_cache(unsigned long nc, unsigned long frag, unsigned long caller)
{
	struct page *page;

	if (!READ_ONCE(ot_enabled) || !frag)
		return;
	page = virt_to_head_page((void *)frag);
	ot_fragcache_alloc(ot_state.frags, nc, (unsigned long)page,
			   page_size(page), ot_attrib_site(caller), ot_now_ns());
}

void ot_record_frag_drain(unsigned long page)
{
	ot_fragcache_drain(ot_state.frags, page);
}

/*
 * A driver's TX clean routine was called with @arg first. Its type is the
 * driver's business, so it is never dereferenced: it counts for a device
 * only if it is the address of one we saw transmit.
 */
void ot_record_tx_clean(unsigned long arg)
{
	unsigned int i;

	for (i = 0; i < ot_state.devs.max; i++) {
		if (READ_ONCE(ot_state.devs.devs[i].dev) == arg && arg) {
			ot_devtab_count(&ot_state.devs, i, OT_DEV_CLEAN_CALLS);
			return;
		}
	}
}

/*
 * @dev went up or down or gained or lost its carrier. A device without
 * carrier keeps what its ring holds on many NICs (no completions until
 * the link returns), which the report must not call a stuck driver.
 * Under RTNL, which orders these against each other and the unregister.
 */
void ot_note_netdev_link(const struct net_device *dev)
{
	int slot = ot_devtab_find(&ot_state.devs, dev);

	if (slot >= 0)
		ot_devtab_set_carrier(&ot_state.devs, slot,
				      netif_running(dev) && netif_carrier_ok(dev), ot_now_ns());
}

/*
 * @dev is unregistering: give its slot back so that device churn (veth
 * pairs of containers) does not fill the table. Its skbs still tracked
 * stay live at their callsites but are no longer in flight anywhere.
 * Process context, under ot_state_mutex.
 */
void ot_forget_netdev(const struct net_device *dev)
{
	int slot = ot_devtab_find(&ot_state.devs, dev);
	unsigned int n = 0;
	struct ot_obj *e;

	if (slot < 0)
		return;
	for (e = ot_objtab_next(&ot_state.objs, ot_state.objs.slots); e;
	     e = ot_objtab_next(&ot_state.objs, e + 1)) {
		if (!(++n % 4096))
			cond_resched();
		if (READ_ONCE(e->tx_dev) == slot + 1)
			ot_tx_unmark(e);
	}
	ot_history_forget_dev(slot);
	ot_devtab_release(&ot_state.devs, slot);
}

/*
 * A fragment handed to an skb as a page frag is released with put_page(),
 * never page_frag_free(), so its free is invisible. Once its page has no
 * references at all, the fragment cannot be outstanding: drop it. Process
 * context only (snapshots).
 */
void ot_reap_freed_frags(void)
{
	struct ot_obj *e;

	unsigned int n = 0;

	for (e = ot_objtab_next(&ot_state.objs, ot_state.objs.slots); e;
	     e = ot_objtab_next(&ot_state.objs, e + 1)) {
		/* The slot may have been freed since the iterator looked. */
		unsigned long key = READ_ONCE(e->key);

		if (!(++n % 4096))
			cond_resched();
		if (key <= OT_OBJ_DEAD || (key & OT_OBJ_BUSY) ||
		    READ_ONCE(e->kind) != OT_FRAG)
			continue;
		if (page_ref_count(virt_to_head_page((void *)key)))
			continue;
		preempt_disable();
		if (ot_free_tracked(key))
			atomic_long_inc(&ot_state.frags_reaped);
		preempt_enable();
	}
}

int ot_state_init(void)
{
	struct ot_state *s = &ot_state;
	int ret;

	ret = ot_objtab_init(&s->objs, ot_params.max_objects);
	if (ret)
		return ret;
	ret = ot_cstab_init(&s->sites, ot_params.max_callsites);
	if (ret)
		goto err_objs;
	ret = ot_devtab_init(&s->devs, ot_params.max_netdevs);
	if (ret)
		goto err_sites;
	ret = -ENOMEM;
	s->frags = ot_vzalloc(sizeof(*s->frags));
	if (!s->frags)
		goto err_devs;
	s->sampled_out = ot_alloc_percpu(sizeof(local64_t), __alignof__(local64_t));
	if (!s->sampled_out)
		goto err_frags;
	s->loaded_ns = ot_now_ns();
	s->reset_ns = s->loaded_ns;
	return 0;

err_frags:
	ot_kvfree(s->frags, sizeof(*s->frags));
err_devs:
	ot_devtab_free(&s->devs);
err_sites:
	ot_cstab_free(&s->sites);
err_objs:
	ot_objtab_free(&s->objs);
	return ret;
}

void ot_state_exit(void)
{
	struct ot_state *s = &ot_state;

	ot_free_percpu(s->sampled_out, sizeof(local64_t));
	ot_kvfree(s->frags, sizeof(*s->frags));
	ot_devtab_free(&s->devs);
	ot_cstab_free(&s->sites);
	ot_objtab_free(&s->objs);
}

/* Caller has stopped every probe handler from touching the tables. */
void ot_state_reset(void)
{
	struct ot_state *s = &ot_state;
	int cpu;

	ot_objtab_clear(&s->objs);
	ot_cstab_clear(&s->sites);
	ot_devtab_clear(&s->devs);
	memset(s->frags, 0, sizeof(*s->frags));
	for_each_possible_cpu(cpu)
		local64_set(per_cpu_ptr(s->sampled_out, cpu), 0);
	atomic_long_set(&s->frags_reaped, 0);
	ot_attrib_reset();
	s->reset_ns = ot_now_ns();
	s->generation++;
}
