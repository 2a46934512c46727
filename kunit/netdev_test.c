// SPDX-License-Identifier: GPL-2.0
#include "../module/netdev.c"
#include "oomtrace_kunit.h"

static void devtab_free_action(void *t)
{
	ot_devtab_free(t);
}

static struct ot_devtab *new_devtab(struct kunit *test, unsigned int max)
{
	struct ot_devtab *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, ot_devtab_init(t, max), 0);
	KUNIT_ASSERT_EQ(test, ot_kunit_defer(test, devtab_free_action, t), 0);
	return t;
}

/* Only ifindex and name are read: a zeroed net_device is enough. */
static struct net_device *fake_netdev(struct kunit *test, int ifindex, const char *name)
{
	struct net_device *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	dev->ifindex = ifindex;
	strscpy(dev->name, name, sizeof(dev->name));
	return dev;
}

/* ot_devtab_slot() and _count() touch this CPU's counters. */
static int slot_of(struct ot_devtab *t, const struct net_device *dev)
{
	int slot;

	preempt_disable();
	slot = ot_devtab_slot(t, dev);
	preempt_enable();
	return slot;
}

static void devtab_slot_claims_once_per_device(struct kunit *test)
{
	struct ot_devtab *t = new_devtab(test, 4);
	struct net_device *eth0 = fake_netdev(test, 2, "eth0");
	struct net_device *eth1 = fake_netdev(test, 3, "eth1");
	int a, b;

	a = slot_of(t, eth0);
	b = slot_of(t, eth1);
	KUNIT_ASSERT_GE(test, a, 0);
	KUNIT_ASSERT_GE(test, b, 0);
	KUNIT_EXPECT_NE(test, a, b);
	KUNIT_EXPECT_EQ(test, slot_of(t, eth0), a);
	KUNIT_EXPECT_EQ(test, slot_of(t, eth1), b);
	KUNIT_EXPECT_STREQ(test, t->devs[a].name, "eth0");
	KUNIT_EXPECT_EQ(test, t->devs[a].ifindex, 2);
	KUNIT_EXPECT_EQ(test, t->devs[a].dev, (unsigned long)eth0);
	KUNIT_EXPECT_STREQ(test, t->devs[b].name, "eth1");
	KUNIT_EXPECT_EQ(test, ot_devtab_dropped(t), 0ull);
}

static void devtab_slot_when_full_returns_minus_one_and_counts_drop(struct kunit *test)
{
	struct ot_devtab *t = new_devtab(test, 2);
	struct net_device *eth1 = fake_netdev(test, 3, "eth1");

	KUNIT_EXPECT_EQ(test, slot_of(t, fake_netdev(test, 2, "eth0")), 0);
	KUNIT_EXPECT_EQ(test, slot_of(t, eth1), 1);
	KUNIT_EXPECT_EQ(test, slot_of(t, fake_netdev(test, 4, "eth2")), -1);
	KUNIT_EXPECT_EQ(test, ot_devtab_dropped(t), 1ull);
	/* Devices already in the table still get their slot. */
	KUNIT_EXPECT_EQ(test, slot_of(t, eth1), 1);
}

/* ifindex is per network namespace: two devices may share one. */
static void devtab_slot_same_ifindex_other_namespace_gets_own_slot(struct kunit *test)
{
	struct ot_devtab *t = new_devtab(test, 4);
	struct net_device *host = fake_netdev(test, 2, "eth0");
	struct net_device *guest = fake_netdev(test, 2, "eth0");
	int a = slot_of(t, host), b = slot_of(t, guest);

	KUNIT_ASSERT_GE(test, a, 0);
	KUNIT_ASSERT_GE(test, b, 0);
	KUNIT_EXPECT_NE(test, a, b);
}

static void devtab_read_sums_every_cpu(struct kunit *test)
{
	struct ot_devtab *t = new_devtab(test, 4);
	u64 want = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		local64_t *c = per_cpu_ptr(&t->counters[1 * OT_DEV_NR_COUNTERS +
							OT_DEV_COMPLETIONS], cpu);

		local64_add(cpu + 1, c);
		want += cpu + 1;
	}
	preempt_disable();
	ot_devtab_count(t, 1, OT_DEV_COMPLETIONS);
	ot_devtab_count(t, 1, OT_DEV_XMITS);
	preempt_enable();

	KUNIT_EXPECT_EQ(test, ot_devtab_read(t, 1, OT_DEV_COMPLETIONS), want + 1);
	KUNIT_EXPECT_EQ(test, ot_devtab_read(t, 1, OT_DEV_XMITS), 1ull);
	/* Neighbouring slots and counters are untouched. */
	KUNIT_EXPECT_EQ(test, ot_devtab_read(t, 1, OT_DEV_REQUEUED), 0ull);
	KUNIT_EXPECT_EQ(test, ot_devtab_read(t, 0, OT_DEV_COMPLETIONS), 0ull);
	KUNIT_EXPECT_EQ(test, ot_devtab_read(t, 2, OT_DEV_XMITS), 0ull);
}

static void count(struct ot_devtab *t, int slot, enum ot_dev_counter c)
{
	preempt_disable();
	ot_devtab_count(t, slot, c);
	preempt_enable();
}

/* A released slot goes to the next new device, with zeroed counters. */
static void devtab_release_gives_slot_to_next_device_with_zero_counters(struct kunit *test)
{
	struct ot_devtab *t = new_devtab(test, 2);
	struct net_device *veth0 = fake_netdev(test, 5, "veth0");
	struct net_device *veth1 = fake_netdev(test, 6, "veth1");
	struct net_device *veth2 = fake_netdev(test, 7, "veth2");

	KUNIT_ASSERT_EQ(test, slot_of(t, veth0), 0);
	KUNIT_ASSERT_EQ(test, slot_of(t, veth1), 1);
	count(t, 0, OT_DEV_XMITS);
	count(t, 0, OT_DEV_COMPLETIONS);
	t->devs[0].last_completion_ns = 1234;

	KUNIT_EXPECT_EQ(test, ot_devtab_find(t, veth0), 0);
	ot_devtab_release(t, 0);
	KUNIT_EXPECT_EQ(test, ot_devtab_find(t, veth0), -1);
	KUNIT_EXPECT_EQ(test, t->devs[0].ifindex, 0);

	KUNIT_EXPECT_EQ(test, slot_of(t, veth2), 0);
	KUNIT_EXPECT_STREQ(test, t->devs[0].name, "veth2");
	KUNIT_EXPECT_EQ(test, t->devs[0].ifindex, 7);
	KUNIT_EXPECT_EQ(test, ot_devtab_read(t, 0, OT_DEV_XMITS), 0ull);
	KUNIT_EXPECT_EQ(test, ot_devtab_read(t, 0, OT_DEV_COMPLETIONS), 0ull);
	KUNIT_EXPECT_EQ(test, t->devs[0].last_completion_ns, 0ull);
	KUNIT_EXPECT_EQ(test, ot_devtab_dropped(t), 0ull);
}

/* A device already owning a slot past a released hole keeps it. */
static void devtab_slot_after_hole_finds_existing_device(struct kunit *test)
{
	struct ot_devtab *t = new_devtab(test, 4);
	struct net_device *eth0 = fake_netdev(test, 2, "eth0");
	struct net_device *eth1 = fake_netdev(test, 3, "eth1");

	KUNIT_ASSERT_EQ(test, slot_of(t, eth0), 0);
	KUNIT_ASSERT_EQ(test, slot_of(t, eth1), 1);
	ot_devtab_release(t, 0);
	KUNIT_EXPECT_EQ(test, slot_of(t, eth1), 1);
	KUNIT_EXPECT_EQ(test, t->devs[0].dev, 0ul);
}

static void devtab_clear_forgets_devices_and_counters(struct kunit *test)
{
	struct ot_devtab *t = new_devtab(test, 1);
	int slot;

	slot = slot_of(t, fake_netdev(test, 2, "eth0"));
	KUNIT_ASSERT_EQ(test, slot, 0);
	preempt_disable();
	ot_devtab_count(t, slot, OT_DEV_XMITS);
	preempt_enable();
	KUNIT_ASSERT_EQ(test, slot_of(t, fake_netdev(test, 3, "eth1")), -1);

	ot_devtab_clear(t);
	KUNIT_EXPECT_EQ(test, ot_devtab_read(t, 0, OT_DEV_XMITS), 0ull);
	KUNIT_EXPECT_EQ(test, ot_devtab_dropped(t), 0ull);
	KUNIT_EXPECT_EQ(test, t->devs[0].ifindex, 0);
	KUNIT_EXPECT_EQ(test, slot_of(t, fake_netdev(test, 3, "eth1")), 0);
	KUNIT_EXPECT_STREQ(test, t->devs[0].name, "eth1");
}

static struct kunit_case netdev_cases[] = {
	KUNIT_CASE(devtab_slot_claims_once_per_device),
	KUNIT_CASE(devtab_slot_same_ifindex_other_namespace_gets_own_slot),
	KUNIT_CASE(devtab_slot_when_full_returns_minus_one_and_counts_drop),
	KUNIT_CASE(devtab_read_sums_every_cpu),
	KUNIT_CASE(devtab_clear_forgets_devices_and_counters),
	KUNIT_CASE(devtab_release_gives_slot_to_next_device_with_zero_counters),
	KUNIT_CASE(devtab_slot_after_hole_finds_existing_device),
	{}
};

struct kunit_suite oomtrace_netdev_suite = {
	.name = "oomtrace_netdev",
	.test_cases = netdev_cases,
};
