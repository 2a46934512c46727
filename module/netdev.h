/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_NETDEV_H
#define _OOMTRACE_NETDEV_H

#include <asm/local64.h>
#include <linux/if.h>
#include <linux/types.h>

struct net_device;

enum ot_dev_counter {
	OT_DEV_XMITS,		/* tracked skbs handed to the driver */
	OT_DEV_COMPLETIONS,	/* handed-off skbs freed */
	OT_DEV_REQUEUED,	/* driver returned busy: not in flight after all */
	OT_DEV_CLEAN_CALLS,	/* hits on the tx_clean= completion functions */
	OT_DEV_NR_COUNTERS,
};

struct ot_dev {
	unsigned long dev;		/* struct net_device address, a key only; 0: free */
	int ifindex;			/* 0 until the slot is filled in */
	char name[IFNAMSIZ];
	u64 last_completion_ns;
	u64 carrier_lost_ns;		/* 0 while running with carrier */
};

/* Devices seen in the TX path: slot per ifindex, counters per CPU. */
struct ot_devtab {
	struct ot_dev *devs;
	unsigned int max;
	local64_t __percpu *counters;	/* [max][OT_DEV_NR_COUNTERS] per CPU */
	local64_t __percpu *dropped;
};

int ot_devtab_init(struct ot_devtab *t, unsigned int max);
void ot_devtab_free(struct ot_devtab *t);
void ot_devtab_clear(struct ot_devtab *t);
int ot_devtab_find(struct ot_devtab *t, const struct net_device *dev);
int ot_devtab_slot(struct ot_devtab *t, const struct net_device *dev);
void ot_devtab_release(struct ot_devtab *t, int slot);
void ot_devtab_set_carrier(struct ot_devtab *t, int slot, bool up, u64 now_ns);
void ot_devtab_count(struct ot_devtab *t, int slot, enum ot_dev_counter c);
u64 ot_devtab_read(struct ot_devtab *t, int slot, enum ot_dev_counter c);
u64 ot_devtab_dropped(struct ot_devtab *t);

#endif /* _OOMTRACE_NETDEV_H */
