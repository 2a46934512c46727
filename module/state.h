/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_STATE_H
#define _OOMTRACE_STATE_H

#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/types.h>

#include "cstab.h"
#include "fragcache.h"
#include "netdev.h"
#include "objtab.h"
#include "oomtrace.h"

struct net_device;
struct sk_buff;

/* Everything the probes write, allocated once at load. */
struct ot_state {
	struct ot_objtab objs;
	struct ot_cstab sites;
	struct ot_devtab devs;
	struct ot_fragcaches *frags;
	local64_t __percpu *sampled_out;	/* per CPU: 63 in 64 calls count here */
	atomic_long_t frags_reaped;
	u64 loaded_ns;
	u64 reset_ns;
	unsigned long generation;	/* resets since load */
};

extern struct ot_state ot_state;

/*
 * Serializes process-context readers and writers of the tables: control
 * commands, snapshots for debugfs and the trend sampler.
 */
extern struct mutex ot_state_mutex;

void ot_record_alloc(enum ot_kind kind, unsigned long ptr, u32 size,
		     unsigned long caller, bool wrapper);
void ot_record_free(unsigned long ptr);
void ot_record_skb_free(const struct sk_buff *skb);
bool ot_sample_skip(unsigned long n);
void ot_record_xmit(unsigned long skb, const struct net_device *dev, u32 size);
void ot_record_xmit_busy(unsigned long skb);
void ot_record_rx(unsigned long skb);
void ot_record_frag_cache(unsigned long nc, unsigned long frag, unsigned long caller);
void ot_record_frag_drain(unsigned long page);
void ot_record_tx_clean(unsigned long arg);
void ot_reap_freed_frags(void);
void ot_forget_netdev(const struct net_device *dev);
void ot_note_netdev_link(const struct net_device *dev);

#endif /* _OOMTRACE_STATE_H */
