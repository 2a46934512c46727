// SPDX-License-Identifier: GPL-2.0
/*
 * One worker, every interval_ms: re-read the kernel settings the OOM
 * path will copy (settings.c), then take a snapshot and record it into
 * the trend rings (history.c). It is the only place that drives either,
 * so history and settings depend on nothing above them.
 */
#include <linux/workqueue.h>

#include "history.h"
#include "oomtrace.h"
#include "sampler.h"
#include "settings.h"
#include "snapshot.h"
#include "state.h"

static struct {
	struct ot_snapshot *snap;	/* the sampler's own */
	struct delayed_work work;
} ot_sampler;

static void ot_sampler_work(struct work_struct *work)
{
	/* File reads: not under the state mutex. */
	ot_settings_refresh();
	/* Not while `control reset` clears the tables under us. */
	mutex_lock(&ot_state_mutex);
	ot_snapshot_take(ot_sampler.snap, true);
	ot_history_record(ot_sampler.snap);
	mutex_unlock(&ot_state_mutex);
	schedule_delayed_work(&ot_sampler.work, msecs_to_jiffies(ot_params.interval_ms));
}

int ot_sampler_init(void)
{
	ot_sampler.snap = ot_snapshot_alloc();
	if (!ot_sampler.snap)
		return -ENOMEM;
	INIT_DELAYED_WORK(&ot_sampler.work, ot_sampler_work);
	schedule_delayed_work(&ot_sampler.work, msecs_to_jiffies(ot_params.interval_ms));
	return 0;
}

void ot_sampler_exit(void)
{
	cancel_delayed_work_sync(&ot_sampler.work);
	ot_snapshot_free(ot_sampler.snap);
	ot_sampler.snap = NULL;
}
