// SPDX-License-Identifier: GPL-2.0
/*
 * The last few OOM reports, kept as text so the `oom` file shows exactly
 * what went to the kernel log. A slot is claimed, filled outside the lock,
 * then committed; readers only ever see committed slots.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/time64.h>

#include "oomring.h"

void oomtrace_ring_init(struct oomtrace_oom_ring *ring)
{
	memset(ring, 0, sizeof(*ring));
	spin_lock_init(&ring->lock);
	ring->next_seq = 1;
}

struct oomtrace_oom_entry *oomtrace_ring_begin(struct oomtrace_oom_ring *ring,
					       u64 time_ns)
{
	struct oomtrace_oom_entry *entry;
	unsigned long flags;
	u64 seq;

	/*
	 * The sequence number picks the slot, so the oldest report is the
	 * one overwritten. OOMs are serialized by the kernel's oom_lock; two
	 * writers could only share a slot with OOMTRACE_OOM_KEEP in flight.
	 */
	spin_lock_irqsave(&ring->lock, flags);
	seq = ring->next_seq++;
	entry = &ring->entries[seq % OOMTRACE_OOM_KEEP];
	entry->seq = seq;
	entry->committed = false;
	spin_unlock_irqrestore(&ring->lock, flags);

	entry->time_ns = time_ns;
	entry->victim_pid = 0;
	entry->len = 0;
	entry->truncated = false;
	entry->text[0] = '\0';
	return entry;
}

void oomtrace_ring_append(struct oomtrace_oom_entry *entry, const char *fmt, ...)
{
	size_t room = sizeof(entry->text) - entry->len;
	va_list args;
	int n;

	if (entry->truncated)
		return;

	va_start(args, fmt);
	n = vsnprintf(entry->text + entry->len, room, fmt, args);
	va_end(args);

	if (n < 0)
		return;
	if ((size_t)n >= room) {
		/* Keep whole lines only: cut back to the last newline. */
		char *nl = strrchr(entry->text, '\n');

		entry->len = nl ? nl - entry->text + 1 : 0;
		entry->text[entry->len] = '\0';
		entry->truncated = true;
		return;
	}
	entry->len += n;
}

void oomtrace_ring_commit(struct oomtrace_oom_ring *ring,
			  struct oomtrace_oom_entry *entry)
{
	unsigned long flags;

	spin_lock_irqsave(&ring->lock, flags);
	entry->committed = true;
	spin_unlock_irqrestore(&ring->lock, flags);
}

/* When the newest committed report was written; 0 if there is none. */
u64 oomtrace_ring_last_time(struct oomtrace_oom_ring *ring)
{
	const struct oomtrace_oom_entry *e;
	unsigned long flags;
	u64 t = 0;

	spin_lock_irqsave(&ring->lock, flags);
	if (ring->next_seq > 1) {
		e = &ring->entries[(ring->next_seq - 1) % OOMTRACE_OOM_KEEP];
		if (e->committed)
			t = e->time_ns;
	}
	spin_unlock_irqrestore(&ring->lock, flags);
	return t;
}

/*
 * The kernel picks the victim after our report: attach it to the newest
 * report without a victim, if that report is recent enough to be this
 * OOM's (a victim with no report of ours, e.g. before load, is dropped).
 */
void oomtrace_ring_set_victim(struct oomtrace_oom_ring *ring, pid_t pid, u64 now)
{
	struct oomtrace_oom_entry *e;
	unsigned long flags;

	spin_lock_irqsave(&ring->lock, flags);
	if (ring->next_seq > 1) {
		e = &ring->entries[(ring->next_seq - 1) % OOMTRACE_OOM_KEEP];
		if (e->committed && !e->victim_pid && now - e->time_ns < 10ULL * NSEC_PER_SEC)
			e->victim_pid = pid;
	}
	spin_unlock_irqrestore(&ring->lock, flags);
}

/* Copy committed entries, oldest first. Returns how many were copied. */
unsigned int oomtrace_ring_copy(struct oomtrace_oom_ring *ring,
				struct oomtrace_oom_entry *dst, unsigned int max)
{
	unsigned int i, n = 0;
	unsigned long flags;
	u64 first;

	spin_lock_irqsave(&ring->lock, flags);
	first = ring->next_seq > OOMTRACE_OOM_KEEP ?
		ring->next_seq - OOMTRACE_OOM_KEEP : 1;
	for (i = 0; first + i < ring->next_seq && n < max; i++) {
		u64 seq = first + i;
		const struct oomtrace_oom_entry *e =
			&ring->entries[seq % OOMTRACE_OOM_KEEP];

		if (e->seq == seq && e->committed)
			dst[n++] = *e;
	}
	spin_unlock_irqrestore(&ring->lock, flags);
	return n;
}
