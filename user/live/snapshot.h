/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_SNAPSHOT_H
#define _OOMTRACE_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "live/modfiles.h"

/* docs/snapshot.md; bump on any change that breaks a consumer. */
#define SNAPSHOT_SCHEMA_VERSION 1
#define SNAPSHOT_MAX_SOCKETS 4096
#define SNAPSHOT_MAX_VICTIMS 16

/* What made `record` take the snapshot. */
struct snap_victim {
	int64_t pid;
	char comm[32];
	uint64_t boot_ns;	/* 0: not known */
	int64_t invoker_pid;	/* the task that ran the OOM killer, 0: not known */
	char invoker_comm[32];
};

struct snap_event {
	const char *mode;	/* "bpf" or "poll" */
	uint64_t oom_seq;	/* newest module report seq, 0: none */
	size_t nr_victims;
	struct snap_victim victims[SNAPSHOT_MAX_VICTIMS];
};

struct snap_opts {
	const char *module_dir;
	const char *proc_dir;
	/*
	 * strict: the first problem is returned in err and nothing is
	 * written. Otherwise problems go into the document's "errors" and
	 * the rest is still written (record does this: an OOM is no time
	 * to write nothing).
	 */
	bool strict;
	const struct snap_event *event;
};

int snapshot_write(const struct snap_opts *o, FILE *out, struct rd_err *err);

#endif /* _OOMTRACE_SNAPSHOT_H */
