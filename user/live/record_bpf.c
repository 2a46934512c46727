// SPDX-License-Identifier: GPL-2.0
/*
 * record's primary event source: bpf/oom_victim.bpf.c on oom:mark_victim,
 * read through a ring buffer. Built only when the Makefile finds libbpf,
 * clang and bpftool (OOMTRACE_HAVE_BPF); otherwise rec_bpf_open() says so
 * and record polls the module instead. Every failure comes back as a
 * reason, never as a crash: no permission, no BPF in the kernel, no
 * tracefs, a tracepoint whose record differs from what the program reads.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/record.h"

#ifdef OOMTRACE_HAVE_BPF

#include <stdarg.h>
#include <bpf/libbpf.h>

#include "bpf/oom_victim.h"
#include "oom_victim.skel.h"

struct rec_bpf {
	struct oom_victim_bpf *skel;
	struct ring_buffer *rb;
	struct snap_event *ev;	/* where the callback puts victims */
	int got;
};

static bool rec_bpf_verbose;

static int libbpf_log(enum libbpf_print_level level, const char *fmt, va_list args)
{
	(void)level;
	if (!rec_bpf_verbose)
		return 0;
	return vfprintf(stderr, fmt, args);
}

static const char *const format_paths[] = {
	"/sys/kernel/tracing/events/oom/mark_victim/format",
	"/sys/kernel/debug/tracing/events/oom/mark_victim/format",
};

/*
 * The program reads "int pid" at offset 8. If the format file can be
 * read it must say so; if it cannot, attaching fails anyway and says why.
 */
static int check_format(char *reason, size_t sz)
{
	char line[256];
	size_t i;

	for (i = 0; i < sizeof(format_paths) / sizeof(format_paths[0]); i++) {
		FILE *f = fopen(format_paths[i], "r");
		bool found = false;

		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			const char *p = strstr(line, "field:int pid;");

			if (p && strstr(p, "offset:8;")) {
				found = true;
				break;
			}
		}
		fclose(f);
		if (!found) {
			snprintf(reason, sz, "oom:mark_victim has no 'int pid' at offset 8 (%s)",
				 format_paths[i]);
			return -1;
		}
		return 0;
	}
	return 0;
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct rec_bpf *b = ctx;
	const struct oom_victim_event *e = data;
	struct snap_victim *v;

	if (size < sizeof(*e) || b->ev->nr_victims >= SNAPSHOT_MAX_VICTIMS)
		return 0;
	v = &b->ev->victims[b->ev->nr_victims++];
	memset(v, 0, sizeof(*v));
	v->pid = e->pid;
	v->boot_ns = e->boot_ns;
	v->invoker_pid = e->invoker_pid;
	memcpy(v->invoker_comm, e->invoker_comm, sizeof(e->invoker_comm));
	v->invoker_comm[sizeof(e->invoker_comm)] = '\0';
	b->got++;
	return 0;
}

int rec_bpf_open(struct rec_bpf **out, bool verbose, char *reason, size_t reasonsz)
{
	struct rec_bpf *b = calloc(1, sizeof(*b));
	int err;

	*out = NULL;
	if (!b) {
		snprintf(reason, reasonsz, "out of memory");
		return -1;
	}
	rec_bpf_verbose = verbose;
	libbpf_set_print(libbpf_log);
	if (check_format(reason, reasonsz))
		goto fail;
	b->skel = oom_victim_bpf__open();
	if (!b->skel) {
		snprintf(reason, reasonsz, "opening the BPF object failed: %s", strerror(errno));
		goto fail;
	}
	err = oom_victim_bpf__load(b->skel);
	if (err) {
		snprintf(reason, reasonsz, "loading the BPF program failed: %s", strerror(-err));
		goto fail;
	}
	err = oom_victim_bpf__attach(b->skel);
	if (err) {
		snprintf(reason, reasonsz, "attaching to oom:mark_victim failed: %s%s", strerror(-err),
			 err == -ENOENT ? " (is tracefs mounted?)" : "");
		goto fail;
	}
	b->rb = ring_buffer__new(bpf_map__fd(b->skel->maps.events), on_event, b, NULL);
	if (!b->rb) {
		snprintf(reason, reasonsz, "opening the ring buffer failed: %s", strerror(errno));
		goto fail;
	}
	*out = b;
	return 0;
fail:
	rec_bpf_close(b);
	return -1;
}

int rec_bpf_wait(struct rec_bpf *b, int timeout_ms, struct snap_event *ev)
{
	int r;

	b->ev = ev;
	b->got = 0;
	r = ring_buffer__poll(b->rb, timeout_ms);
	if (r < 0 && r != -EINTR) {
		errno = -r;
		return -1;
	}
	return b->got;
}

void rec_bpf_close(struct rec_bpf *b)
{
	if (!b)
		return;
	ring_buffer__free(b->rb);
	oom_victim_bpf__destroy(b->skel);
	free(b);
}

#else /* !OOMTRACE_HAVE_BPF */

struct rec_bpf {
	int unused;
};

int rec_bpf_open(struct rec_bpf **out, bool verbose, char *reason, size_t reasonsz)
{
	(void)verbose;
	*out = NULL;
	snprintf(reason, reasonsz, "this oomtrace was built without BPF support");
	return -1;
}

int rec_bpf_wait(struct rec_bpf *b, int timeout_ms, struct snap_event *ev)
{
	(void)b;
	(void)timeout_ms;
	(void)ev;
	errno = ENOSYS;
	return -1;
}

void rec_bpf_close(struct rec_bpf *b)
{
	(void)b;
}

#endif
