/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_RECORD_H
#define _OOMTRACE_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "live/modfiles.h"
#include "live/snapshot.h"

#define REC_DMESG_TAIL (512u << 10)	/* bytes of the kernel log kept */

enum rec_mode {
	REC_MODE_AUTO,
	REC_MODE_BPF,
	REC_MODE_POLL,
};

struct rec_opts {
	const char *out_dir;
	const char *module_dir;
	const char *proc_dir;
	enum rec_mode mode;
	bool once;
	bool verbose;
	uint64_t timeout_ns;	/* 0: none */
	uint64_t poll_ns;	/* poll mode: how often the oom file is read */
	uint64_t settle_ns;	/* wait after an event before the snapshot */
};

/* The BPF source: oom:mark_victim through a ring buffer. */
struct rec_bpf;

int rec_bpf_open(struct rec_bpf **out, bool verbose, char *reason, size_t reasonsz);
/* Victims seen within timeout_ms are appended to ev; returns how many, or -1. */
int rec_bpf_wait(struct rec_bpf *b, int timeout_ms, struct snap_event *ev);
void rec_bpf_close(struct rec_bpf *b);

/* The poll source: new report seq numbers in the module's oom file. */
struct rec_poll {
	const char *dir;
	uint64_t last_seq;
};

int rec_poll_open(struct rec_poll *p, const char *dir, struct rd_err *err);
/* 1: a new report is there; 0: none; -1: err set. */
int rec_poll_check(struct rec_poll *p, struct rd_err *err);
/* Appends the new reports' victims to ev and takes them as seen. */
int rec_poll_collect(struct rec_poll *p, struct snap_event *ev, struct rd_err *err);

/* Writes one bundle under o->out_dir; its path goes to path. */
int rec_bundle_write(const struct rec_opts *o, const struct snap_event *ev, char *path,
		     size_t pathsz, struct rd_err *err);

/* The victim's comm from PROCDIR/<pid>/comm, "" if it is gone already. */
void rec_victim_comm(const char *procdir, int64_t pid, char *comm, size_t sz);

#endif /* _OOMTRACE_RECORD_H */
