/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OBJTAB_H
#define _OOMTRACE_OBJTAB_H

#include <linux/atomic.h>
#include <linux/types.h>

/* Key values that are never object addresses. */
#define OT_OBJ_EMPTY	0UL
#define OT_OBJ_DEAD	1UL	/* tombstone: keeps probe chains intact */
#define OT_OBJ_BUSY	1UL	/* low bit set on a key: slot being written */

/*
 * The table key of an object address. page_frag_alloc() with an odd size
 * and no alignment hands out odd addresses; bit 0 is the table's own, and
 * two live objects one byte apart do not exist in practice.
 */
static inline unsigned long ot_obj_key(unsigned long addr)
{
	return addr & ~OT_OBJ_BUSY;
}

/* Longest probe chain; past it the object is dropped, not tracked. */
#define OT_OBJ_PROBE_MAX 32

/* One live object: who allocated it, how big, since when, where it went. */
struct ot_obj {
	unsigned long key;	/* object address, or a marker above */
	u64 birth_ns;
	u64 tx_ns;		/* handed to a driver at, 0 if not in flight */
	u32 size;
	u32 site_slot;		/* callsite table slot + 1, 0 if none */
	u16 tx_dev;		/* netdev table slot + 1, 0 if none */
	u8 kind;
	u8 unused;
};

/*
 * Live objects keyed by address: preallocated open addressing with
 * linear probing. Slots are claimed with cmpxchg so any context may
 * insert or remove (task, softirq, hardirq, NMI) without locks; a
 * removed slot becomes a tombstone that inserts reuse.
 *
 * Tombstones never turn back into empty slots (that cannot be done
 * safely without a lock), so after enough churn no chain ends early. What
 * bounds a lookup is each home slot's reach: the farthest from it any key
 * of that home was ever placed. Inserts take the first free slot, so at
 * the low fill a live table has, reaches stay at a few slots.
 */
struct ot_objtab {
	struct ot_obj *slots;
	u32 *reach;		/* per home slot, 8 bits each, four to a word */
	unsigned int mask;	/* capacity - 1, capacity a power of two */
	atomic_long_t live;
	atomic_long_t dropped;	/* table full along the probe chain */
	atomic_long_t stale;	/* address reused: its free was never seen */
};

enum ot_insert_result {
	OT_INSERTED,
	OT_REPLACED_STALE,	/* *old holds the entry that was overwritten */
	OT_PRESENT,		/* only with @keep_existing */
	OT_DROPPED,
};

int ot_objtab_init(struct ot_objtab *t, unsigned int capacity);
void ot_objtab_free(struct ot_objtab *t);
void ot_objtab_clear(struct ot_objtab *t);
enum ot_insert_result ot_objtab_insert(struct ot_objtab *t, const struct ot_obj *obj,
				       bool keep_existing, struct ot_obj *old);
bool ot_objtab_remove(struct ot_objtab *t, unsigned long key, struct ot_obj *out);
struct ot_obj *ot_objtab_find(struct ot_objtab *t, unsigned long key);

/* How far from @home a key with that home may be: lookups go no further. */
static inline unsigned int ot_objtab_reach(const struct ot_objtab *t, unsigned int home)
{
	return (READ_ONCE(t->reach[home / 4]) >> (home % 4 * 8)) & 0xff;
}

/*
 * Iteration: the next published entry from @from on, or NULL. Entries
 * may change under the caller; copy what you read.
 */
static inline struct ot_obj *ot_objtab_next(struct ot_objtab *t, struct ot_obj *from)
{
	for (; from <= &t->slots[t->mask]; from++) {
		unsigned long key = READ_ONCE(from->key);

		if (key > OT_OBJ_DEAD && !(key & OT_OBJ_BUSY))
			return from;
	}
	return NULL;
}

#endif /* _OOMTRACE_OBJTAB_H */
