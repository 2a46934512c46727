// SPDX-License-Identifier: GPL-2.0
#include <linux/bitmap.h>

#include "../module/objtab.c"
#include "oomtrace_kunit.h"

/* Keys look like slab objects: even, far above the slot markers. */
#define KEY(i)		(0xffff888004000000UL + (unsigned long)(i) * 256)
#define SITE(i)		((u32)(i) + 1)	/* a callsite table slot + 1 */
#define KEY_SEARCH	100000

static void objtab_free_action(void *t)
{
	ot_objtab_free(t);
}

static struct ot_objtab *new_objtab(struct kunit *test, unsigned int capacity)
{
	struct ot_objtab *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, ot_objtab_init(t, capacity), 0);
	KUNIT_ASSERT_EQ(test, ot_kunit_defer(test, objtab_free_action, t), 0);
	return t;
}

static enum ot_insert_result insert(struct ot_objtab *t, unsigned long key,
				    unsigned long site, bool keep_existing,
				    struct ot_obj *old)
{
	struct ot_obj o = {
		.key = key,
		.site_slot = site,
		.birth_ns = site * 3,
		.size = 256,
		.kind = 1,
	};
	struct ot_obj scratch;

	return ot_objtab_insert(t, &o, keep_existing, old ?: &scratch);
}

/*
 * The n-th key (from *@next on) whose probe chain starts at @slot, so a
 * test can build collisions without depending on hash values.
 */
static unsigned long key_at(struct kunit *test, struct ot_objtab *t,
			    unsigned int slot, unsigned long *next)
{
	unsigned long i;

	for (i = *next; i < *next + KEY_SEARCH; i++) {
		if (ot_obj_hash(t, KEY(i)) == slot) {
			*next = i + 1;
			return KEY(i);
		}
	}
	KUNIT_FAIL(test, "no key hashes to slot %u", slot);
	return KEY(0);
}

static long live(struct ot_objtab *t)
{
	return atomic_long_read(&t->live);
}

static long dropped(struct ot_objtab *t)
{
	return atomic_long_read(&t->dropped);
}

static long stale(struct ot_objtab *t)
{
	return atomic_long_read(&t->stale);
}

static void objtab_init_with_bad_capacity_fails(struct kunit *test)
{
	struct ot_objtab *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_EXPECT_EQ(test, ot_objtab_init(t, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, ot_objtab_init(t, 48), -EINVAL);
	KUNIT_EXPECT_NULL(test, t->slots);
}

static void objtab_insert_find_remove_round_trips(struct kunit *test)
{
	struct ot_objtab *t = new_objtab(test, 64);
	struct ot_obj in = {
		.key = KEY(1), .site_slot = SITE(1), .birth_ns = 123, .tx_ns = 456,
		.size = 1500, .tx_dev = 3, .kind = 2,
	}, old, out;
	struct ot_obj *found;

	KUNIT_ASSERT_EQ(test, ot_objtab_insert(t, &in, false, &old), OT_INSERTED);
	KUNIT_EXPECT_EQ(test, live(t), 1L);

	found = ot_objtab_find(t, KEY(1));
	KUNIT_ASSERT_NOT_NULL(test, found);
	KUNIT_EXPECT_EQ(test, found->key, KEY(1));
	KUNIT_EXPECT_EQ(test, found->site_slot, SITE(1));
	KUNIT_EXPECT_EQ(test, found->birth_ns, 123ull);
	KUNIT_EXPECT_EQ(test, found->tx_ns, 456ull);
	KUNIT_EXPECT_EQ(test, found->size, 1500u);
	KUNIT_EXPECT_EQ(test, found->tx_dev, 3);
	KUNIT_EXPECT_EQ(test, found->kind, 2);
	KUNIT_EXPECT_NULL(test, ot_objtab_find(t, KEY(2)));

	KUNIT_ASSERT_TRUE(test, ot_objtab_remove(t, KEY(1), &out));
	KUNIT_EXPECT_EQ(test, out.key, KEY(1));
	KUNIT_EXPECT_EQ(test, out.site_slot, SITE(1));
	KUNIT_EXPECT_EQ(test, out.birth_ns, 123ull);
	KUNIT_EXPECT_EQ(test, out.size, 1500u);
	KUNIT_EXPECT_EQ(test, out.tx_dev, 3);
	KUNIT_EXPECT_EQ(test, live(t), 0L);
	KUNIT_EXPECT_NULL(test, ot_objtab_find(t, KEY(1)));
	KUNIT_EXPECT_EQ(test, dropped(t), 0L);
	KUNIT_EXPECT_EQ(test, stale(t), 0L);
}

static void objtab_remove_when_absent_returns_false(struct kunit *test)
{
	struct ot_objtab *t = new_objtab(test, 64);
	struct ot_obj out = { .key = 42 };

	KUNIT_EXPECT_FALSE(test, ot_objtab_remove(t, KEY(7), &out));
	KUNIT_EXPECT_EQ(test, out.key, 42ul);

	KUNIT_ASSERT_EQ(test, insert(t, KEY(7), SITE(7), false, NULL), OT_INSERTED);
	KUNIT_EXPECT_TRUE(test, ot_objtab_remove(t, KEY(7), NULL));
	/* A second sighting of the same free must not drive live negative. */
	KUNIT_EXPECT_FALSE(test, ot_objtab_remove(t, KEY(7), NULL));
	KUNIT_EXPECT_EQ(test, live(t), 0L);
}

static void objtab_insert_same_key_without_free_replaces_stale(struct kunit *test)
{
	struct ot_objtab *t = new_objtab(test, 64);
	struct ot_obj old = {};
	struct ot_obj *found;

	KUNIT_ASSERT_EQ(test, insert(t, KEY(3), SITE(1), false, NULL), OT_INSERTED);
	KUNIT_ASSERT_EQ(test, insert(t, KEY(3), SITE(2), false, &old), OT_REPLACED_STALE);

	KUNIT_EXPECT_EQ(test, old.key, KEY(3));
	KUNIT_EXPECT_EQ(test, old.site_slot, SITE(1));
	KUNIT_EXPECT_EQ(test, old.birth_ns, SITE(1) * 3);
	KUNIT_EXPECT_EQ(test, stale(t), 1L);
	KUNIT_EXPECT_EQ(test, live(t), 1L);
	found = ot_objtab_find(t, KEY(3));
	KUNIT_ASSERT_NOT_NULL(test, found);
	KUNIT_EXPECT_EQ(test, found->site_slot, SITE(2));
	KUNIT_EXPECT_EQ(test, found->key, KEY(3));

	/* One copy only: after one remove the address is gone. */
	KUNIT_EXPECT_TRUE(test, ot_objtab_remove(t, KEY(3), NULL));
	KUNIT_EXPECT_NULL(test, ot_objtab_find(t, KEY(3)));
}

static void objtab_insert_keep_existing_returns_present(struct kunit *test)
{
	struct ot_objtab *t = new_objtab(test, 64);
	struct ot_obj *found;

	KUNIT_ASSERT_EQ(test, insert(t, KEY(4), SITE(1), false, NULL), OT_INSERTED);
	KUNIT_EXPECT_EQ(test, insert(t, KEY(4), SITE(2), true, NULL), OT_PRESENT);

	found = ot_objtab_find(t, KEY(4));
	KUNIT_ASSERT_NOT_NULL(test, found);
	KUNIT_EXPECT_EQ(test, found->site_slot, SITE(1));
	KUNIT_EXPECT_EQ(test, live(t), 1L);
	KUNIT_EXPECT_EQ(test, stale(t), 0L);
	KUNIT_EXPECT_EQ(test, dropped(t), 0L);
}

/*
 * A missed free followed by a free elsewhere in the chain: the stale copy
 * sits behind a tombstone, and must be replaced, not shadowed by a second
 * copy in the tombstone that would never be removed.
 */
static void objtab_insert_with_tombstone_before_key_replaces_key(struct kunit *test)
{
	struct ot_objtab *t = new_objtab(test, 64);
	unsigned long next = 0, a = key_at(test, t, 5, &next), b = key_at(test, t, 5, &next);
	struct ot_obj old;

	KUNIT_ASSERT_EQ(test, insert(t, a, SITE(1), false, NULL), OT_INSERTED);
	KUNIT_ASSERT_EQ(test, insert(t, b, SITE(2), false, NULL), OT_INSERTED);
	KUNIT_ASSERT_PTR_EQ(test, ot_objtab_find(t, b), &t->slots[6]);
	KUNIT_ASSERT_TRUE(test, ot_objtab_remove(t, a, NULL));

	KUNIT_EXPECT_EQ(test, insert(t, b, SITE(3), false, &old), OT_REPLACED_STALE);
	KUNIT_EXPECT_EQ(test, old.site_slot, SITE(2));
	KUNIT_EXPECT_EQ(test, t->slots[5].key, OT_OBJ_DEAD);
	KUNIT_EXPECT_PTR_EQ(test, ot_objtab_find(t, b), &t->slots[6]);
	KUNIT_EXPECT_EQ(test, live(t), 1L);
	KUNIT_EXPECT_EQ(test, stale(t), 1L);
}

static void objtab_insert_when_table_full_drops_and_keeps_working(struct kunit *test)
{
	/* As large as one probe chain: every insert may use every slot. */
	struct ot_objtab *t = new_objtab(test, OT_OBJ_PROBE_MAX);
	unsigned int i;

	for (i = 0; i < OT_OBJ_PROBE_MAX; i++)
		KUNIT_ASSERT_EQ(test, insert(t, KEY(i), SITE(i), false, NULL), OT_INSERTED);
	KUNIT_EXPECT_EQ(test, insert(t, KEY(100), SITE(100), false, NULL), OT_DROPPED);
	KUNIT_EXPECT_EQ(test, dropped(t), 1L);
	KUNIT_EXPECT_EQ(test, live(t), (long)OT_OBJ_PROBE_MAX);
	KUNIT_EXPECT_NULL(test, ot_objtab_find(t, KEY(100)));

	/* Nothing already tracked was disturbed by the drop. */
	for (i = 0; i < OT_OBJ_PROBE_MAX; i++) {
		struct ot_obj *o = ot_objtab_find(t, KEY(i));

		KUNIT_ASSERT_NOT_NULL(test, o);
		KUNIT_EXPECT_EQ(test, o->site_slot, SITE(i));
	}
	KUNIT_EXPECT_TRUE(test, ot_objtab_remove(t, KEY(9), NULL));
	KUNIT_EXPECT_EQ(test, insert(t, KEY(100), SITE(100), false, NULL), OT_INSERTED);
	KUNIT_EXPECT_NOT_NULL(test, ot_objtab_find(t, KEY(100)));
}

static void objtab_insert_when_probe_chain_full_drops_only_that_chain(struct kunit *test)
{
	struct ot_objtab *t = new_objtab(test, 128);
	unsigned long next = 0, keys[OT_OBJ_PROBE_MAX], extra, beyond;
	unsigned int i;

	for (i = 0; i < OT_OBJ_PROBE_MAX; i++) {
		keys[i] = key_at(test, t, 10, &next);
		KUNIT_ASSERT_EQ(test, insert(t, keys[i], SITE(i), false, NULL), OT_INSERTED);
	}
	extra = key_at(test, t, 10, &next);
	KUNIT_EXPECT_EQ(test, insert(t, extra, SITE(50), false, NULL), OT_DROPPED);
	KUNIT_EXPECT_EQ(test, dropped(t), 1L);
	KUNIT_EXPECT_NULL(test, ot_objtab_find(t, extra));

	/* The table has room; only that chain is full. */
	next = 0;
	beyond = key_at(test, t, 10 + OT_OBJ_PROBE_MAX, &next);
	KUNIT_EXPECT_EQ(test, insert(t, beyond, SITE(51), false, NULL), OT_INSERTED);
	KUNIT_EXPECT_EQ(test, dropped(t), 1L);
	for (i = 0; i < OT_OBJ_PROBE_MAX; i++)
		KUNIT_EXPECT_NOT_NULL(test, ot_objtab_find(t, keys[i]));
}

static void objtab_insert_after_remove_reuses_tombstone(struct kunit *test)
{
	struct ot_objtab *t = new_objtab(test, OT_OBJ_PROBE_MAX);
	struct ot_obj *slot;
	unsigned int i;

	for (i = 0; i < OT_OBJ_PROBE_MAX; i++)
		KUNIT_ASSERT_EQ(test, insert(t, KEY(i), SITE(i), false, NULL), OT_INSERTED);
	slot = ot_objtab_find(t, KEY(17));
	KUNIT_ASSERT_NOT_NULL(test, slot);
	KUNIT_ASSERT_TRUE(test, ot_objtab_remove(t, KEY(17), NULL));
	KUNIT_EXPECT_EQ(test, slot->key, OT_OBJ_DEAD);

	/* The tombstone is the only free slot left. */
	KUNIT_EXPECT_EQ(test, insert(t, KEY(200), SITE(200), false, NULL), OT_INSERTED);
	KUNIT_EXPECT_PTR_EQ(test, ot_objtab_find(t, KEY(200)), slot);
	KUNIT_EXPECT_EQ(test, dropped(t), 0L);
	KUNIT_EXPECT_EQ(test, live(t), (long)OT_OBJ_PROBE_MAX);
}

/*
 * Churn leaves tombstones everywhere, so no chain ends at an empty slot;
 * a lookup still stops at its home's reach instead of walking the
 * longest chain on every miss.
 */
static void objtab_lookup_stops_at_reach_when_tombstones_fill_table(struct kunit *test)
{
	struct ot_objtab *t = new_objtab(test, 64);
	unsigned long keys[64], n, planted;
	unsigned int i;

	for (i = 0; i < 64; i++) {
		n = 0;
		keys[i] = key_at(test, t, i, &n);
		KUNIT_ASSERT_EQ(test, insert(t, keys[i], SITE(i), false, NULL), OT_INSERTED);
	}
	for (i = 0; i < 64; i++)
		KUNIT_ASSERT_TRUE(test, ot_objtab_remove(t, keys[i], NULL));
	for (i = 0; i < 64; i++) {
		KUNIT_ASSERT_EQ(test, t->slots[i].key, OT_OBJ_DEAD);
		KUNIT_ASSERT_EQ(test, ot_objtab_reach(t, i), 0u);
	}

	/* A key of home 10 planted one slot past its reach is out of sight. */
	n = 0;
	key_at(test, t, 10, &n);
	planted = key_at(test, t, 10, &n);
	WRITE_ONCE(t->slots[11].key, planted);
	KUNIT_EXPECT_NULL(test, ot_objtab_find(t, planted));
	/* Inserted properly, it lands on its home's tombstone. */
	WRITE_ONCE(t->slots[11].key, OT_OBJ_DEAD);
	KUNIT_EXPECT_EQ(test, insert(t, planted, SITE(70), false, NULL), OT_INSERTED);
	KUNIT_EXPECT_PTR_EQ(test, ot_objtab_find(t, planted), &t->slots[10]);
	KUNIT_EXPECT_EQ(test, ot_objtab_reach(t, 10), 0u);
}

static void objtab_insert_raises_reach_and_reuse_keeps_it(struct kunit *test)
{
	struct ot_objtab *t = new_objtab(test, 64);
	unsigned long next = 0, a = key_at(test, t, 5, &next), b = key_at(test, t, 5, &next);
	unsigned long c = key_at(test, t, 5, &next), d = key_at(test, t, 5, &next);

	KUNIT_ASSERT_EQ(test, insert(t, a, SITE(1), false, NULL), OT_INSERTED);
	KUNIT_ASSERT_EQ(test, insert(t, b, SITE(2), false, NULL), OT_INSERTED);
	KUNIT_ASSERT_EQ(test, insert(t, c, SITE(3), false, NULL), OT_INSERTED);
	KUNIT_EXPECT_EQ(test, ot_objtab_reach(t, 5), 2u);
	/* The neighbours sharing its word are untouched. */
	KUNIT_EXPECT_EQ(test, ot_objtab_reach(t, 4), 0u);
	KUNIT_EXPECT_EQ(test, ot_objtab_reach(t, 6), 0u);
	KUNIT_EXPECT_EQ(test, ot_objtab_reach(t, 7), 0u);
	KUNIT_EXPECT_PTR_EQ(test, ot_objtab_find(t, c), &t->slots[7]);

	KUNIT_ASSERT_TRUE(test, ot_objtab_remove(t, a, NULL));
	KUNIT_ASSERT_TRUE(test, ot_objtab_remove(t, b, NULL));
	/* c is still found past the two tombstones. */
	KUNIT_EXPECT_PTR_EQ(test, ot_objtab_find(t, c), &t->slots[7]);
	KUNIT_EXPECT_EQ(test, insert(t, d, SITE(4), false, NULL), OT_INSERTED);
	KUNIT_EXPECT_PTR_EQ(test, ot_objtab_find(t, d), &t->slots[5]);
	KUNIT_EXPECT_EQ(test, ot_objtab_reach(t, 5), 2u);

	ot_objtab_clear(t);
	KUNIT_EXPECT_EQ(test, ot_objtab_reach(t, 5), 0u);
}

static void objtab_clear_resets_entries_and_counters(struct kunit *test)
{
	struct ot_objtab *t = new_objtab(test, OT_OBJ_PROBE_MAX);
	unsigned int i;

	for (i = 0; i <= OT_OBJ_PROBE_MAX; i++)
		insert(t, KEY(i), SITE(i), false, NULL);
	insert(t, KEY(0), SITE(1), false, NULL);
	KUNIT_ASSERT_TRUE(test, ot_objtab_remove(t, KEY(1), NULL));
	KUNIT_ASSERT_EQ(test, dropped(t), 1L);
	KUNIT_ASSERT_EQ(test, stale(t), 1L);

	ot_objtab_clear(t);
	KUNIT_EXPECT_EQ(test, live(t), 0L);
	KUNIT_EXPECT_EQ(test, dropped(t), 0L);
	KUNIT_EXPECT_EQ(test, stale(t), 0L);
	KUNIT_EXPECT_NULL(test, ot_objtab_find(t, KEY(0)));
	KUNIT_EXPECT_NULL(test, ot_objtab_next(t, t->slots));
	for (i = 0; i <= t->mask; i++)
		KUNIT_EXPECT_EQ(test, t->slots[i].key, OT_OBJ_EMPTY);
	KUNIT_EXPECT_EQ(test, insert(t, KEY(5), SITE(5), false, NULL), OT_INSERTED);
	KUNIT_EXPECT_EQ(test, live(t), 1L);
}

static void objtab_next_visits_exactly_live_entries(struct kunit *test)
{
	struct ot_objtab *t = new_objtab(test, 64);
	unsigned long next, last, busy;
	DECLARE_BITMAP(want, 64) = {};
	DECLARE_BITMAP(seen, 64) = {};
	unsigned int i, visits = 0;
	struct ot_obj *e;

	KUNIT_EXPECT_NULL(test, ot_objtab_next(t, t->slots));

	/* The last slot counts too. */
	next = 100000;
	last = key_at(test, t, t->mask, &next);
	KUNIT_ASSERT_EQ(test, insert(t, last, SITE(63), false, NULL), OT_INSERTED);
	KUNIT_ASSERT_PTR_EQ(test, ot_objtab_find(t, last), &t->slots[t->mask]);

	for (i = 0; i < 20; i++) {
		KUNIT_ASSERT_EQ(test, insert(t, KEY(1000 + i), SITE(i), false, NULL),
				OT_INSERTED);
		__set_bit(i, want);
	}
	for (i = 0; i < 20; i += 4) {
		KUNIT_ASSERT_TRUE(test, ot_objtab_remove(t, KEY(1000 + i), NULL));
		__clear_bit(i, want);
	}
	/* A slot claimed by an insert that has not published yet. */
	busy = KEY(5000) | OT_OBJ_BUSY;
	for (i = 0; i <= t->mask; i++) {
		if (t->slots[i].key == OT_OBJ_EMPTY) {
			t->slots[i].key = busy;
			break;
		}
	}
	KUNIT_ASSERT_LE(test, i, t->mask);

	for (e = ot_objtab_next(t, t->slots); e; e = ot_objtab_next(t, e + 1)) {
		visits++;
		KUNIT_EXPECT_NE(test, e->key, busy);
		KUNIT_EXPECT_GT(test, e->key, OT_OBJ_DEAD);
		if (e->key == last)
			continue;
		KUNIT_ASSERT_GE(test, e->key, KEY(1000));
		KUNIT_ASSERT_LT(test, e->key, KEY(1020));
		i = (e->key - KEY(1000)) / 256;
		KUNIT_EXPECT_TRUE(test, test_bit(i, want));
		KUNIT_EXPECT_FALSE(test, __test_and_set_bit(i, seen));
	}
	KUNIT_EXPECT_TRUE(test, bitmap_equal(want, seen, 64));
	KUNIT_EXPECT_EQ(test, visits, (unsigned int)live(t));
	KUNIT_EXPECT_EQ(test, visits, 16u);
}

/*
 * An insert interrupted between claiming its slot and publishing the key
 * leaves the key with OT_OBJ_BUSY set. Whatever runs on top of it (an
 * interrupt, an NMI) must neither see that entry nor take its slot.
 */
static void objtab_with_interrupted_insert_skips_busy_slot(struct kunit *test)
{
	struct ot_objtab *t = new_objtab(test, 64);
	unsigned long next = 0, outer = key_at(test, t, 20, &next);
	unsigned long nested = key_at(test, t, 20, &next);
	struct ot_obj pending = { .key = outer, .site_slot = SITE(1), .size = 64 };
	struct ot_obj *slot = &t->slots[20];

	KUNIT_ASSERT_EQ(test, cmpxchg(&slot->key, OT_OBJ_EMPTY, outer | OT_OBJ_BUSY),
			OT_OBJ_EMPTY);

	KUNIT_EXPECT_NULL(test, ot_objtab_find(t, outer));
	KUNIT_EXPECT_FALSE(test, ot_objtab_remove(t, outer, NULL));
	KUNIT_EXPECT_EQ(test, slot->key, outer | OT_OBJ_BUSY);

	KUNIT_EXPECT_EQ(test, insert(t, nested, SITE(2), false, NULL), OT_INSERTED);
	KUNIT_EXPECT_PTR_EQ(test, ot_objtab_find(t, nested), &t->slots[21]);
	KUNIT_EXPECT_EQ(test, slot->key, outer | OT_OBJ_BUSY);
	KUNIT_EXPECT_TRUE(test, ot_objtab_remove(t, nested, NULL));

	/* The interrupted insert resumes and publishes. */
	ot_obj_publish(slot, &pending);
	KUNIT_EXPECT_PTR_EQ(test, ot_objtab_find(t, outer), slot);
	KUNIT_EXPECT_EQ(test, slot->site_slot, SITE(1));
}

static struct kunit_case objtab_cases[] = {
	KUNIT_CASE(objtab_init_with_bad_capacity_fails),
	KUNIT_CASE(objtab_insert_find_remove_round_trips),
	KUNIT_CASE(objtab_remove_when_absent_returns_false),
	KUNIT_CASE(objtab_insert_same_key_without_free_replaces_stale),
	KUNIT_CASE(objtab_insert_keep_existing_returns_present),
	KUNIT_CASE(objtab_insert_with_tombstone_before_key_replaces_key),
	KUNIT_CASE(objtab_insert_when_table_full_drops_and_keeps_working),
	KUNIT_CASE(objtab_insert_when_probe_chain_full_drops_only_that_chain),
	KUNIT_CASE(objtab_insert_after_remove_reuses_tombstone),
	KUNIT_CASE(objtab_lookup_stops_at_reach_when_tombstones_fill_table),
	KUNIT_CASE(objtab_insert_raises_reach_and_reuse_keeps_it),
	KUNIT_CASE(objtab_clear_resets_entries_and_counters),
	KUNIT_CASE(objtab_next_visits_exactly_live_entries),
	KUNIT_CASE(objtab_with_interrupted_insert_skips_busy_slot),
	{}
};

struct kunit_suite oomtrace_objtab_suite = {
	.name = "oomtrace_objtab",
	.test_cases = objtab_cases,
};
