// SPDX-License-Identifier: GPL-2.0
/*
 * The live-object table. Inserts happen in the allocator's return probe,
 * removals in the free path, possibly on another CPU and in any context,
 * so there are no locks: a slot changes hands only through cmpxchg on
 * its key, and an inserter publishes the key with release semantics
 * after the payload is written.
 */
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/vmalloc.h>

#include "compat.h"
#include "mem.h"
#include "objtab.h"

int ot_objtab_init(struct ot_objtab *t, unsigned int capacity)
{
	if (!capacity || !is_power_of_2(capacity))
		return -EINVAL;
	t->mask = capacity - 1;
	t->slots = ot_vzalloc(array_size(capacity, sizeof(*t->slots)));
	t->reach = ot_vzalloc(array_size(DIV_ROUND_UP(capacity, 4), sizeof(*t->reach)));
	if (!t->slots || !t->reach) {
		ot_objtab_free(t);
		return -ENOMEM;
	}
	atomic_long_set(&t->live, 0);
	atomic_long_set(&t->dropped, 0);
	atomic_long_set(&t->stale, 0);
	return 0;
}

void ot_objtab_free(struct ot_objtab *t)
{
	size_t n = t->mask + 1;

	ot_kvfree(t->reach, DIV_ROUND_UP(n, 4) * sizeof(*t->reach));
	t->reach = NULL;
	ot_kvfree(t->slots, n * sizeof(*t->slots));
	t->slots = NULL;
}

/* Only with every probe quiesced: plain stores race with nothing. */
void ot_objtab_clear(struct ot_objtab *t)
{
	memset(t->slots, 0, (t->mask + 1) * sizeof(*t->slots));
	memset(t->reach, 0, DIV_ROUND_UP(t->mask + 1, 4) * sizeof(*t->reach));
	atomic_long_set(&t->live, 0);
	atomic_long_set(&t->dropped, 0);
	atomic_long_set(&t->stale, 0);
}

static unsigned int ot_obj_hash(const struct ot_objtab *t, unsigned long key)
{
	return hash_long(key, 32) & t->mask;
}

/*
 * Let lookups from @home see @dist slots far. Atomic on the word (several
 * CPUs may raise neighbouring homes), and done before the key is
 * published, so whoever is handed the object finds it.
 */
static void ot_objtab_raise_reach(struct ot_objtab *t, unsigned int home,
				  unsigned int dist)
{
	u32 *word = &t->reach[home / 4], old, new;
	unsigned int shift = home % 4 * 8;

	do {
		old = READ_ONCE(*word);
		if (((old >> shift) & 0xff) >= dist)
			return;
		new = (old & ~(0xffU << shift)) | dist << shift;
	} while (cmpxchg(word, old, new) != old);
}

static void ot_obj_publish(struct ot_obj *slot, const struct ot_obj *obj)
{
	slot->site_slot = obj->site_slot;
	slot->birth_ns = obj->birth_ns;
	slot->tx_ns = obj->tx_ns;
	slot->size = obj->size;
	slot->tx_dev = obj->tx_dev;
	slot->kind = obj->kind;
	/* Pairs with the acquire in ot_objtab_find(): payload before key. */
	smp_store_release(&slot->key, obj->key);
}

enum ot_insert_result ot_objtab_insert(struct ot_objtab *t, const struct ot_obj *obj,
				       bool keep_existing, struct ot_obj *old)
{
	unsigned int start = ot_obj_hash(t, obj->key), i, free_dist = 0;
	unsigned int reach = ot_objtab_reach(t, start);
	struct ot_obj *free_slot = NULL;

	/*
	 * Walk the whole reach first: the same address may still be here
	 * if its free was missed, and a second copy would never go away.
	 */
	for (i = 0; i < OT_OBJ_PROBE_MAX; i++) {
		struct ot_obj *slot = &t->slots[(start + i) & t->mask];
		unsigned long key = READ_ONCE(slot->key);

		if (key == obj->key) {
			if (keep_existing)
				return OT_PRESENT;
			if (cmpxchg(&slot->key, key, key | OT_OBJ_BUSY) != key) {
				/* Freed under us: absent now, and this slot is free. */
				if (!free_slot) {
					free_slot = slot;
					free_dist = i;
				}
				break;
			}
			*old = *slot;
			old->key = key;
			ot_obj_publish(slot, obj);
			atomic_long_inc(&t->stale);
			return OT_REPLACED_STALE;
		}
		if ((key == OT_OBJ_EMPTY || key == OT_OBJ_DEAD) && !free_slot) {
			free_slot = slot;
			free_dist = i;
		}
		/* Nothing of this home lies past an empty slot or the reach. */
		if (key == OT_OBJ_EMPTY || (free_slot && i >= reach))
			break;
	}

	if (free_slot) {
		unsigned long key = READ_ONCE(free_slot->key);

		if ((key == OT_OBJ_EMPTY || key == OT_OBJ_DEAD) &&
		    cmpxchg(&free_slot->key, key, obj->key | OT_OBJ_BUSY) == key) {
			ot_objtab_raise_reach(t, start, free_dist);
			ot_obj_publish(free_slot, obj);
			atomic_long_inc(&t->live);
			return OT_INSERTED;
		}
	}
	/* Chain full or lost a race for the one free slot: keep going untracked. */
	atomic_long_inc(&t->dropped);
	return OT_DROPPED;
}

struct ot_obj *ot_objtab_find(struct ot_objtab *t, unsigned long key)
{
	unsigned int start = ot_obj_hash(t, key), i;
	unsigned int reach = ot_objtab_reach(t, start);

	for (i = 0; i <= reach && i < OT_OBJ_PROBE_MAX; i++) {
		struct ot_obj *slot = &t->slots[(start + i) & t->mask];
		/* Pairs with the release in ot_obj_publish(). */
		unsigned long k = smp_load_acquire(&slot->key);

		if (k == key)
			return slot;
		if (k == OT_OBJ_EMPTY)
			break;
	}
	return NULL;
}

bool ot_objtab_remove(struct ot_objtab *t, unsigned long key, struct ot_obj *out)
{
	struct ot_obj *slot = ot_objtab_find(t, key);
	struct ot_obj copy;

	if (!slot)
		return false;
	/* Read the payload first: once the key is dead the slot is reusable. */
	copy = *slot;
	if (cmpxchg(&slot->key, key, OT_OBJ_DEAD) != key)
		return false;	/* another CPU removed it first */
	copy.key = key;
	if (out)
		*out = copy;
	atomic_long_dec(&t->live);
	return true;
}
