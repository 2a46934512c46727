// SPDX-License-Identifier: GPL-2.0
/*
 * A snapshot: per-CPU counters summed once, the live-object table scanned
 * once for ages and TX state, the memory context read once. Readers of
 * debugfs get one per open; the OOM path and the trend sampler each own a
 * preallocated one, so taking a snapshot never allocates.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "compat.h"
#include "counters.h"
#include "attrib.h"
#include "history.h"
#include "mem.h"
#include "snapshot.h"
#include "state.h"
#include "verdict.h"

struct ot_snapshot *ot_snapshot_alloc(void)
{
	struct ot_snapshot *snap = ot_kvzalloc(sizeof(*snap));

	if (!snap)
		return NULL;
	/* The table has a slot per (callsite, kind): as many rows, fewer sums. */
	snap->max_sums = ot_params.max_callsites;
	snap->max_sites = ot_params.max_callsites;
	snap->max_devs = ot_params.max_netdevs;
	snap->sums = ot_kvzalloc(array_size(snap->max_sums, sizeof(*snap->sums)));
	snap->row_of_slot = ot_kvzalloc(array_size(snap->max_sums, sizeof(*snap->row_of_slot)));
	snap->sites = ot_kvzalloc(array_size(snap->max_sites, sizeof(*snap->sites)));
	snap->devs = ot_kvzalloc(array_size(snap->max_devs, sizeof(*snap->devs)));
	if (!snap->sums || !snap->row_of_slot || !snap->sites || !snap->devs) {
		ot_snapshot_free(snap);
		return NULL;
	}
	return snap;
}

void ot_snapshot_free(struct ot_snapshot *snap)
{
	if (!snap)
		return;
	ot_kvfree(snap->sums, snap->max_sums * sizeof(*snap->sums));
	ot_kvfree(snap->row_of_slot, snap->max_sums * sizeof(*snap->row_of_slot));
	ot_kvfree(snap->sites, snap->max_sites * sizeof(*snap->sites));
	ot_kvfree(snap->devs, snap->max_devs * sizeof(*snap->devs));
	ot_kvfree(snap, sizeof(*snap));
}

/*
 * One row per (callsite, kind) that ever allocated, in callsite table
 * order; row_of_slot maps a table slot to its row + 1 for the scan.
 */
static void ot_snap_rows(struct ot_snapshot *snap, unsigned int nr_sums)
{
	unsigned int i;

	memset(snap->row_of_slot, 0, snap->max_sums * sizeof(*snap->row_of_slot));
	snap->nr_sites = 0;
	for (i = 0; i < nr_sums && snap->nr_sites < snap->max_sites; i++) {
		const struct ot_site_sum *sum = &snap->sums[i];
		struct ot_snap_site *row;

		if (!sum->allocs)
			continue;
		row = &snap->sites[snap->nr_sites++];
		memset(row, 0, sizeof(*row));
		row->ip = sum->ip;
		row->kind = sum->kind;
		row->every = sum->kind == OT_TXONLY ? 1 : max(snap->sample_every, 1U);
		row->allocs = sum->allocs;
		row->frees = sum->frees;
		row->live = sum->allocs - sum->frees;
		row->live_bytes = sum->live_bytes;
		row->first_ns = sum->first_ns;
		/*
		 * Names stay in the callsite table (written once, never
		 * moved until a reset, which waits for no reader): a
		 * snapshot does not copy 350 bytes per row.
		 */
		row->name = sum->name;
		row->stack = sum->stack;
		if (sum->slot < snap->max_sums)
			snap->row_of_slot[sum->slot] = snap->nr_sites;
	}
}

static void ot_snap_devs(struct ot_snapshot *snap)
{
	struct ot_devtab *t = &ot_state.devs;
	unsigned int i;

	snap->nr_devs = 0;
	for (i = 0; i < t->max && snap->nr_devs < snap->max_devs; i++) {
		struct ot_snap_dev *d = &snap->devs[snap->nr_devs];
		/* Pairs with the release in ot_devtab_slot(). */
		int ifindex = smp_load_acquire(&t->devs[i].ifindex);

		/* Rows are indexed by table slot until sorted. */
		memset(d, 0, sizeof(*d));
		d->slot = i;
		if (!ifindex) {
			d->ifindex = 0;
			snap->nr_devs++;
			continue;
		}
		d->ifindex = ifindex;
		memcpy(d->name, t->devs[i].name, sizeof(d->name));
		d->name[IFNAMSIZ - 1] = '\0';
		d->xmits = ot_devtab_read(t, i, OT_DEV_XMITS);
		d->completions = ot_devtab_read(t, i, OT_DEV_COMPLETIONS);
		d->requeued = ot_devtab_read(t, i, OT_DEV_REQUEUED);
		d->clean_calls = ot_devtab_read(t, i, OT_DEV_CLEAN_CALLS);
		d->last_completion_ns = READ_ONCE(t->devs[i].last_completion_ns);
		d->carrier_lost_ns = READ_ONCE(t->devs[i].carrier_lost_ns);
		snap->nr_devs++;
	}
}

/* Ages of live objects per row, and what is in flight per device. */
static void ot_snap_scan_objects(struct ot_snapshot *snap)
{
	struct ot_obj *e;

	for (e = ot_objtab_next(&ot_state.objs, ot_state.objs.slots); e;
	     e = ot_objtab_next(&ot_state.objs, e + 1)) {
		struct ot_obj o = *e;
		struct ot_snap_site *row;

		if (o.key <= OT_OBJ_DEAD || (o.key & OT_OBJ_BUSY))
			continue;
		row = o.site_slot && o.site_slot <= snap->max_sums &&
		      snap->row_of_slot[o.site_slot - 1] ?
		      &snap->sites[snap->row_of_slot[o.site_slot - 1] - 1] : NULL;
		if (row && (!row->oldest_ns || o.birth_ns < row->oldest_ns))
			row->oldest_ns = o.birth_ns;
		if (o.tx_dev && o.tx_dev <= snap->nr_devs) {
			struct ot_snap_dev *d = &snap->devs[o.tx_dev - 1];

			d->in_flight++;
			d->in_flight_bytes += o.size;
			if (o.tx_ns && (!d->oldest_tx_ns || o.tx_ns < d->oldest_tx_ns))
				d->oldest_tx_ns = o.tx_ns;
		}
	}
}

static void ot_snap_frags(struct ot_snapshot *snap)
{
	const struct ot_fragcaches *fc = ot_state.frags;
	unsigned int i, j;

	snap->nr_frag = 0;
	for (i = 0; i < OT_FRAGCACHE_MAX; i++) {
		const struct ot_fragcache *c = &fc->c[i];
		unsigned long site = READ_ONCE(c->site);
		struct ot_snap_frag *f = NULL;

		if (!READ_ONCE(c->nc) || !READ_ONCE(c->page))
			continue;
		for (j = 0; j < snap->nr_frag; j++)
			if (snap->frag[j].site == site)
				f = &snap->frag[j];
		if (!f) {
			if (snap->nr_frag == OT_SNAP_FRAG_SITES)
				continue;
			f = &snap->frag[snap->nr_frag++];
			memset(f, 0, sizeof(*f));
			f->site = site;
		}
		f->caches++;
		f->bytes += READ_ONCE(c->page_bytes);
		f->last_ns = max(f->last_ns, READ_ONCE(c->last_ns));
	}
}

static void ot_snap_stats(struct ot_snapshot *snap)
{
	struct ot_snap_stats *s = &snap->stats;

	s->objs_live = atomic_long_read(&ot_state.objs.live);
	s->objs_capacity = ot_state.objs.mask + 1;
	s->objs_dropped = atomic_long_read(&ot_state.objs.dropped);
	s->objs_stale = atomic_long_read(&ot_state.objs.stale);
	s->sites_dropped = ot_cstab_dropped(&ot_state.sites);
	s->devs_dropped = ot_devtab_dropped(&ot_state.devs);
	s->sampled_out = ot_percpu_sum(ot_state.sampled_out);
	s->frags_reaped = atomic_long_read(&ot_state.frags_reaped);
	s->attrib_unwinds = ot_attrib_unwinds();
	s->frag_caches_dropped = atomic_long_read(&ot_state.frags->dropped);
	s->footprint = ot_mem_footprint();
}

static int ot_row_cmp_bytes(const void *a, const void *b)
{
	const struct ot_snap_site *x = a, *y = b;
	u64 xb = ot_row_est(x, x->live_bytes), yb = ot_row_est(y, y->live_bytes);

	if (xb != yb)
		return xb < yb ? 1 : -1;
	return x->ip < y->ip ? -1 : x->ip > y->ip;
}

static int ot_dev_cmp(const void *a, const void *b)
{
	const struct ot_snap_dev *x = a, *y = b;

	if (x->in_flight != y->in_flight)
		return x->in_flight < y->in_flight ? 1 : -1;
	return x->ifindex - y->ifindex;
}

/* Presentation order; lookups by ip are over after this. */
/*
 * The @top rows holding most, in order, and no others: what the OOM
 * report shows, chosen in one pass per row instead of sorting thousands.
 */
static void ot_snap_keep_top(struct ot_snapshot *snap, unsigned int top)
{
	unsigned int i, j, best;

	top = min(top, snap->nr_sites);
	for (i = 0; i < top; i++) {
		best = i;
		for (j = i + 1; j < snap->nr_sites; j++)
			if (ot_row_cmp_bytes(&snap->sites[j], &snap->sites[best]) < 0)
				best = j;
		swap(snap->sites[i], snap->sites[best]);
	}
	snap->nr_sites = top;
}

/* @top: only that many rows, the largest (0: all, sorted). */
void ot_snapshot_sort(struct ot_snapshot *snap, unsigned int top)
{
	unsigned int i, n = 0;

	if (top)
		ot_snap_keep_top(snap, top);
	else
		sort(snap->sites, snap->nr_sites, sizeof(*snap->sites), ot_row_cmp_bytes, NULL);
	for (i = 0; i < snap->nr_devs; i++)
		if (snap->devs[i].ifindex)
			snap->devs[n++] = snap->devs[i];
	snap->nr_devs = n;
	sort(snap->devs, snap->nr_devs, sizeof(*snap->devs), ot_dev_cmp, NULL);
}

/*
 * @process_context: true when the caller may be preempted and holds
 * ot_state_mutex: stale fragments are reaped first. False in OOM context.
 */
void ot_snapshot_take(struct ot_snapshot *snap, bool process_context)
{
	unsigned int nr_sums, i;

	if (process_context)
		ot_reap_freed_frags();
	snap->now_ns = ot_now_ns();
	snap->since_ns = ot_state.reset_ns;
	snap->generation = ot_state.generation;
	snap->sample_every = ot_params.sample_every;
	snap->nr_cpus = num_possible_cpus();
	nr_sums = ot_cstab_sum(&ot_state.sites, snap->sums, snap->max_sums);
	ot_snap_rows(snap, nr_sums);
	ot_snap_devs(snap);
	ot_snap_scan_objects(snap);
	ot_snap_frags(snap);
	ot_snap_stats(snap);
	ot_memctx_read(&snap->mem);
	ot_settings_get(&snap->settings);
	for (i = 0; i < snap->nr_devs; i++)
		snap->devs[i].state = ot_dev_classify(&snap->devs[i], snap->now_ns,
						      (u64)ot_params.stuck_ms * NSEC_PER_MSEC);
	ot_history_fill(snap);
	/* The OOM report names a few callsites: no need to order them all. */
	ot_snapshot_sort(snap, process_context ? 0 : OT_SNAP_OOM_ROWS);
}

const char *ot_dev_state_name(enum ot_dev_state state)
{
	static const char *const names[] = {
		[OT_DEV_IDLE] = "idle",
		[OT_DEV_OK] = "ok",
		[OT_DEV_BACKLOG] = "backlog",
		[OT_DEV_PENDING] = "pending",
		[OT_DEV_STUCK] = "stuck",
		[OT_DEV_LINK_DOWN] = "link-down",
	};

	return state < ARRAY_SIZE(names) ? names[state] : "?";
}
