/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_OOMRING_H
#define _OOMTRACE_OOMRING_H

#include <linux/compiler.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/* How many OOM reports are kept for the `oom` file, and their size cap. */
#define OOMTRACE_OOM_KEEP	4
#define OOMTRACE_OOM_TEXT	3072

struct oomtrace_oom_entry {
	u64 seq;		/* 0: never used */
	bool committed;		/* false while being written */
	u64 time_ns;		/* boot-time clock, includes suspend */
	size_t len;
	bool truncated;
	pid_t victim_pid;	/* from oom:mark_victim, 0 if none (yet) */
	char text[OOMTRACE_OOM_TEXT];
};

/*
 * Preallocated ring of text reports. Reports are written in OOM context,
 * where nothing may be allocated, so every byte lives here from load time.
 */
struct oomtrace_oom_ring {
	spinlock_t lock;	/* guards next_seq and each entry's seq/committed */
	u64 next_seq;
	struct oomtrace_oom_entry entries[OOMTRACE_OOM_KEEP];
};

void oomtrace_ring_init(struct oomtrace_oom_ring *ring);
struct oomtrace_oom_entry *oomtrace_ring_begin(struct oomtrace_oom_ring *ring,
					       u64 time_ns);
__printf(2, 3)
void oomtrace_ring_append(struct oomtrace_oom_entry *entry, const char *fmt, ...);
void oomtrace_ring_commit(struct oomtrace_oom_ring *ring,
			  struct oomtrace_oom_entry *entry);
u64 oomtrace_ring_last_time(struct oomtrace_oom_ring *ring);
void oomtrace_ring_set_victim(struct oomtrace_oom_ring *ring, pid_t pid, u64 now);
unsigned int oomtrace_ring_copy(struct oomtrace_oom_ring *ring,
				struct oomtrace_oom_entry *dst, unsigned int max);

#endif /* _OOMTRACE_OOMRING_H */
