// SPDX-License-Identifier: GPL-2.0
/*
 * record's fallback when BPF is unavailable: the module numbers its OOM
 * reports, so a report seq above the highest seen at start is a new OOM.
 * Reports already in the file at start are history, not events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/moddir.h"
#include "live/modoom.h"
#include "live/record.h"

static int read_reports(const char *dir, struct mo_reports *rs, struct rd_err *err)
{
	size_t len;
	char *buf;
	int r;

	if (md_read(dir, "oom", &buf, &len, err))
		return -1;
	r = mo_parse(buf, len, "oom", rs, err);
	free(buf);
	return r;
}

int rec_poll_open(struct rec_poll *p, const char *dir, struct rd_err *err)
{
	struct mo_reports rs;

	p->dir = dir;
	p->last_seq = 0;
	if (md_check_dir(dir, err) || read_reports(dir, &rs, err))
		return -1;
	p->last_seq = mo_max_seq(&rs);
	mo_free(&rs);
	return 0;
}

/* Is there a report newer than the last one taken? */
int rec_poll_check(struct rec_poll *p, struct rd_err *err)
{
	struct mo_reports rs;
	uint64_t max;

	if (read_reports(p->dir, &rs, err))
		return -1;
	max = mo_max_seq(&rs);
	mo_free(&rs);
	/* a reload restarts the numbering: follow it down */
	if (max < p->last_seq)
		p->last_seq = max;
	return max > p->last_seq;
}

/*
 * Take the new reports, read again after the settle time, when the
 * module has had time to attach the victim's pid.
 */
int rec_poll_collect(struct rec_poll *p, struct snap_event *ev, struct rd_err *err)
{
	struct mo_reports rs;
	uint64_t max;
	size_t i;

	if (read_reports(p->dir, &rs, err))
		return -1;
	max = mo_max_seq(&rs);
	for (i = 0; i < rs.nr; i++) {
		const struct mo_report *r = &rs.v[i];
		struct snap_victim *v;

		if (r->seq <= p->last_seq || ev->nr_victims >= SNAPSHOT_MAX_VICTIMS)
			continue;
		v = &ev->victims[ev->nr_victims++];
		memset(v, 0, sizeof(*v));
		v->pid = r->victim_pid;
		v->boot_ns = r->boot_ns;
	}
	if (max > p->last_seq) {
		ev->oom_seq = max;
		p->last_seq = max;
	}
	mo_free(&rs);
	return 0;
}
