// SPDX-License-Identifier: GPL-2.0
/*
 * One JSON document with everything the module exports and what /proc
 * says beside it: meminfo, buddyinfo and socket receive queues with their
 * owners. docs/snapshot.md describes it and docs/snapshot-schema.json
 * checks it. Everything is read first and written after, so a strict
 * snapshot that fails writes nothing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "../../module/format.h"	/* OT_VERSION */
#include "lib/json.h"
#include "live/moddir.h"
#include "live/modoom.h"
#include "live/procmem.h"
#include "live/procnet.h"
#include "live/snapshot.h"

#define MAX_ERRORS 32

static const char *const socket_tables[] = { "udp", "udp6", "raw", "raw6", "tcp", "tcp6" };
#define NR_TABLES (sizeof(socket_tables) / sizeof(socket_tables[0]))

struct snap_problem {
	char source[32];
	char msg[sizeof(((struct rd_err *)0)->msg)];
};

struct snap {
	const struct snap_opts *o;
	size_t nr_errors, errors_dropped;
	struct snap_problem errors[MAX_ERRORS];
	bool have_module, have_stats, have_cs, have_nd, have_probes, have_oom;
	struct mf_stats stats;
	struct mf_callsites cs;
	struct mf_netdevs nd;
	struct mf_probes probes;
	struct mo_reports oom;
	char *report;
	size_t report_len;
	bool have_meminfo, have_buddy, have_sockets;
	struct pm_meminfo meminfo;
	struct pm_buddyinfo buddy;
	struct pn_sockets socks;
	bool table_read[NR_TABLES];
};

/* Note a problem; in strict mode it ends the collection. */
static int problem(struct snap *s, const char *source, const struct rd_err *e,
		   struct rd_err *out)
{
	struct snap_problem *p;

	if (s->o->strict) {
		*out = *e;
		return -1;
	}
	if (s->nr_errors == MAX_ERRORS) {
		s->errors_dropped++;
		return 0;
	}
	p = &s->errors[s->nr_errors++];
	snprintf(p->source, sizeof(p->source), "%s", source);
	snprintf(p->msg, sizeof(p->msg), "%s", e->msg);
	return 0;
}

typedef int (*parse_fn)(const char *buf, size_t len, const char *label, void *out,
			struct rd_err *err);

static int parse_callsites(const char *b, size_t n, const char *l, void *o, struct rd_err *e)
{
	return mf_parse_callsites(b, n, l, o, e);
}

static int parse_netdev(const char *b, size_t n, const char *l, void *o, struct rd_err *e)
{
	return mf_parse_netdev(b, n, l, o, e);
}

static int parse_stats(const char *b, size_t n, const char *l, void *o, struct rd_err *e)
{
	return mf_parse_stats(b, n, l, o, e);
}

static int parse_probes(const char *b, size_t n, const char *l, void *o, struct rd_err *e)
{
	return mf_parse_probes(b, n, l, o, e);
}

static int parse_oom(const char *b, size_t n, const char *l, void *o, struct rd_err *e)
{
	return mo_parse(b, n, l, o, e);
}

static int parse_meminfo(const char *b, size_t n, const char *l, void *o, struct rd_err *e)
{
	return pm_parse_meminfo(b, n, l, o, e);
}

static int parse_buddy(const char *b, size_t n, const char *l, void *o, struct rd_err *e)
{
	return pm_parse_buddyinfo(b, n, l, o, e);
}

/* Read path and parse it; *have says whether it worked. */
static int load(struct snap *s, const char *path, const char *label, parse_fn fn,
		void *out, bool *have, struct rd_err *err)
{
	struct rd_err e;
	size_t len;
	char *buf;
	int r;

	*have = false;
	if (md_read_path(path, path, &buf, &len, &e))
		return problem(s, label, &e, err);
	r = fn(buf, len, label, out, &e);
	free(buf);
	if (r)
		return problem(s, label, &e, err);
	*have = true;
	return 0;
}

static int collect_module(struct snap *s, struct rd_err *err)
{
	const struct {
		const char *name;
		parse_fn fn;
		size_t off, have;
	} files[] = {
		{ "stats", parse_stats, offsetof(struct snap, stats), offsetof(struct snap, have_stats) },
		{ "callsites", parse_callsites, offsetof(struct snap, cs), offsetof(struct snap, have_cs) },
		{ "netdev", parse_netdev, offsetof(struct snap, nd), offsetof(struct snap, have_nd) },
		{ "probes", parse_probes, offsetof(struct snap, probes), offsetof(struct snap, have_probes) },
		{ "oom", parse_oom, offsetof(struct snap, oom), offsetof(struct snap, have_oom) },
	};
	const char *dir = s->o->module_dir;
	char path[4096];
	struct rd_err e;
	size_t i;

	if (md_check_dir(dir, &e))
		return problem(s, "module", &e, err);
	s->have_module = true;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].name);
		if (load(s, path, files[i].name, files[i].fn, (char *)s + files[i].off,
			 (bool *)((char *)s + files[i].have), err))
			return -1;
	}
	if (md_read(dir, "report", &s->report, &s->report_len, &e))
		return problem(s, "report", &e, err);
	return 0;
}

static int collect_proc(struct snap *s, struct rd_err *err)
{
	const char *proc = s->o->proc_dir;
	char path[4096], label[64];
	struct rd_err e;
	size_t i;

	snprintf(path, sizeof(path), "%s/meminfo", proc);
	if (load(s, path, "meminfo", parse_meminfo, &s->meminfo, &s->have_meminfo, err))
		return -1;
	snprintf(path, sizeof(path), "%s/buddyinfo", proc);
	if (load(s, path, "buddyinfo", parse_buddy, &s->buddy, &s->have_buddy, err))
		return -1;
	for (i = 0; i < NR_TABLES; i++) {
		size_t len;
		char *buf;
		int r;

		snprintf(path, sizeof(path), "%s/net/%s", proc, socket_tables[i]);
		snprintf(label, sizeof(label), "net/%s", socket_tables[i]);
		/* no IPv6, or no raw sockets built in: nothing to show, not a fault */
		if (access(path, F_OK) && errno == ENOENT)
			continue;
		if (md_read_path(path, path, &buf, &len, &e)) {
			if (problem(s, label, &e, err))
				return -1;
			continue;
		}
		r = pn_parse(buf, len, socket_tables[i], label, &s->socks, &e);
		free(buf);
		if (r) {
			if (problem(s, label, &e, err))
				return -1;
			continue;
		}
		s->table_read[i] = true;
		s->have_sockets = true;
	}
	if (s->have_sockets) {
		pn_find_owners(proc, &s->socks);
		pn_sort(&s->socks);
	}
	return 0;
}

static void snap_free(struct snap *s)
{
	mf_stats_free(&s->stats);
	mf_callsites_free(&s->cs);
	mf_netdevs_free(&s->nd);
	mf_probes_free(&s->probes);
	mo_free(&s->oom);
	free(s->report);
	pm_meminfo_free(&s->meminfo);
	pm_buddyinfo_free(&s->buddy);
	pn_free(&s->socks);
}

static void u64_array(struct json_out *j, const char *k, const uint64_t *v, size_t n)
{
	size_t i;

	json_key(j, k);
	json_arr_begin(j);
	for (i = 0; i < n; i++)
		json_u64(j, v[i]);
	json_arr_end(j);
}

static void write_callsites(struct json_out *j, const struct mf_callsites *cs)
{
	size_t i;

	json_key(j, "callsites");
	json_arr_begin(j);
	for (i = 0; i < cs->nr; i++) {
		const struct mf_callsite *c = &cs->v[i];

		json_obj_begin(j);
		json_kv_str(j, "kind", c->kind);
		json_kv_u64(j, "live", c->live);
		json_kv_u64(j, "live_bytes", c->live_bytes);
		json_kv_u64(j, "allocs", c->allocs);
		json_kv_u64(j, "frees", c->frees);
		json_kv_u64(j, "oldest_ms", c->oldest_ms);
		json_kv_u64(j, "first_ms", c->first_ms);
		json_kv_u64(j, "sample_every", c->sample_every);
		u64_array(j, "trend_kb", c->trend_kb, c->nr_trend);
		json_kv_str(j, "site", c->site);
		json_kv_str(j, "stack", c->stack);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void write_netdev(struct json_out *j, const struct mf_netdevs *nd)
{
	size_t i;

	json_key(j, "netdev");
	json_arr_begin(j);
	for (i = 0; i < nd->nr; i++) {
		const struct mf_netdev *d = &nd->v[i];

		json_obj_begin(j);
		json_kv_i64(j, "ifindex", d->ifindex);
		json_kv_str(j, "name", d->name);
		json_kv_str(j, "state", d->state);
		json_kv_u64(j, "in_flight", d->in_flight);
		json_kv_u64(j, "in_flight_bytes", d->in_flight_bytes);
		json_kv_u64(j, "oldest_ms", d->oldest_ms);
		json_kv_u64(j, "xmits", d->xmits);
		json_kv_u64(j, "completions", d->completions);
		json_kv_u64(j, "requeued", d->requeued);
		json_kv_u64(j, "clean_calls", d->clean_calls);
		json_key(j, "since_completion_ms");
		if (d->since_completion_ms < 0)
			json_null(j);
		else
			json_i64(j, d->since_completion_ms);
		u64_array(j, "trend", d->trend, d->nr_trend);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void write_stats(struct json_out *j, const struct mf_stats *st)
{
	size_t i;

	json_key(j, "stats");
	json_obj_begin(j);
	for (i = 0; i < st->nr; i++) {
		json_key(j, st->v[i].key);
		if (st->v[i].negative)
			json_i64(j, st->v[i].value);
		else
			json_u64(j, st->v[i].uvalue);
	}
	json_obj_end(j);
}

static void write_probes(struct json_out *j, const struct mf_probes *pr)
{
	size_t i;

	json_key(j, "probes");
	json_arr_begin(j);
	for (i = 0; i < pr->nr; i++) {
		const struct mf_probe *p = &pr->v[i];

		json_obj_begin(j);
		json_kv_str(j, "what", p->what);
		json_kv_str(j, "type", p->type);
		json_kv_str(j, "target", p->target);
		json_kv_str(j, "state", p->state);
		json_kv_i64(j, "error", p->error);
		json_kv_u64(j, "missed", p->missed);
		json_kv_u64(j, "hits", p->hits);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void write_module(struct json_out *j, const struct snap *s)
{
	size_t i;

	json_key(j, "module");
	if (!s->have_module) {
		json_null(j);
		return;
	}
	json_obj_begin(j);
	if (s->have_stats) {
		write_stats(j, &s->stats);
	} else {
		json_key(j, "stats");
		json_null(j);
	}
	if (s->have_cs) {
		write_callsites(j, &s->cs);
	} else {
		json_key(j, "callsites");
		json_null(j);
	}
	if (s->have_nd) {
		write_netdev(j, &s->nd);
	} else {
		json_key(j, "netdev");
		json_null(j);
	}
	if (s->have_probes) {
		write_probes(j, &s->probes);
	} else {
		json_key(j, "probes");
		json_null(j);
	}
	json_key(j, "oom");
	if (s->have_oom) {
		json_arr_begin(j);
		for (i = 0; i < s->oom.nr; i++)
			mo_report_json(j, &s->oom.v[i]);
		json_arr_end(j);
	} else {
		json_null(j);
	}
	json_key(j, "report");
	if (s->report)
		json_strn(j, s->report, s->report_len);
	else
		json_null(j);
	json_obj_end(j);
}

static void write_meminfo(struct json_out *j, const struct snap *s)
{
	int pass;
	size_t i;

	json_key(j, "meminfo");
	if (!s->have_meminfo) {
		json_null(j);
		return;
	}
	json_obj_begin(j);
	for (pass = 0; pass < 2; pass++) {
		json_key(j, pass ? "counts" : "kb");
		json_obj_begin(j);
		for (i = 0; i < s->meminfo.nr; i++)
			if (s->meminfo.v[i].kb == !pass)
				json_kv_u64(j, s->meminfo.v[i].key, s->meminfo.v[i].value);
		json_obj_end(j);
	}
	json_obj_end(j);
}

static void write_buddyinfo(struct json_out *j, const struct snap *s)
{
	size_t i;

	json_key(j, "buddyinfo");
	if (!s->have_buddy) {
		json_null(j);
		return;
	}
	json_arr_begin(j);
	for (i = 0; i < s->buddy.nr; i++) {
		const struct pm_buddy_row *b = &s->buddy.v[i];

		json_obj_begin(j);
		json_kv_i64(j, "node", b->node);
		json_kv_str(j, "zone", b->zone);
		u64_array(j, "free_blocks", b->free, b->nr_orders);
		json_obj_end(j);
	}
	json_arr_end(j);
}

static void write_socket(struct json_out *j, const struct pn_socket *k)
{
	size_t i;

	json_obj_begin(j);
	json_kv_str(j, "proto", k->proto);
	json_kv_str(j, "local_addr", k->local);
	json_kv_u64(j, "local_port", k->local_port);
	json_kv_str(j, "remote_addr", k->remote);
	json_kv_u64(j, "remote_port", k->remote_port);
	json_kv_u64(j, "state", k->state);
	json_kv_str(j, "state_name", pn_state_name(k->state));
	json_kv_u64(j, "tx_queue", k->tx_queue);
	json_kv_u64(j, "rx_queue", k->rx_queue);
	json_key(j, "drops");
	if (k->has_drops)
		json_u64(j, k->drops);
	else
		json_null(j);
	json_kv_u64(j, "uid", k->uid);
	json_kv_u64(j, "inode", k->inode);
	json_key(j, "owners");
	json_arr_begin(j);
	for (i = 0; i < k->nr_owners; i++) {
		json_obj_begin(j);
		json_kv_i64(j, "pid", k->owners[i].pid);
		json_kv_str(j, "comm", k->owners[i].comm);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_kv_u64(j, "owners_more", k->owners_more);
	json_obj_end(j);
}

static void write_sockets(struct json_out *j, const struct snap *s)
{
	size_t i, n = s->socks.nr < SNAPSHOT_MAX_SOCKETS ? s->socks.nr : SNAPSHOT_MAX_SOCKETS;

	json_key(j, "sockets");
	if (!s->have_sockets) {
		json_null(j);
		return;
	}
	json_obj_begin(j);
	json_key(j, "tables");
	json_arr_begin(j);
	for (i = 0; i < NR_TABLES; i++)
		if (s->table_read[i])
			json_str(j, socket_tables[i]);
	json_arr_end(j);
	json_kv_u64(j, "total", s->socks.nr);
	json_kv_u64(j, "omitted", s->socks.nr - n);
	json_key(j, "list");
	json_arr_begin(j);
	for (i = 0; i < n; i++)
		write_socket(j, &s->socks.v[i]);
	json_arr_end(j);
	json_obj_end(j);
}

static void write_event(struct json_out *j, const struct snap_event *ev)
{
	size_t i;

	json_key(j, "event");
	if (!ev) {
		json_null(j);
		return;
	}
	json_obj_begin(j);
	json_kv_str(j, "mode", ev->mode);
	json_key(j, "oom_seq");
	if (ev->oom_seq)
		json_u64(j, ev->oom_seq);
	else
		json_null(j);
	json_key(j, "victims");
	json_arr_begin(j);
	for (i = 0; i < ev->nr_victims; i++) {
		const struct snap_victim *v = &ev->victims[i];

		json_obj_begin(j);
		json_key(j, "pid");
		if (v->pid > 0)
			json_i64(j, v->pid);
		else
			json_null(j);
		json_key(j, "comm");
		if (v->comm[0])
			json_str(j, v->comm);
		else
			json_null(j);
		json_key(j, "boot_ns");
		if (v->boot_ns)
			json_u64(j, v->boot_ns);
		else
			json_null(j);
		json_key(j, "invoker_pid");
		if (v->invoker_pid > 0)
			json_i64(j, v->invoker_pid);
		else
			json_null(j);
		json_key(j, "invoker_comm");
		if (v->invoker_comm[0])
			json_str(j, v->invoker_comm);
		else
			json_null(j);
		json_obj_end(j);
	}
	json_arr_end(j);
	json_obj_end(j);
}

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void write_header(struct json_out *j, const struct snap *s)
{
	struct utsname u;
	char host[256] = "";

	json_kv_u64(j, "schema_version", SNAPSHOT_SCHEMA_VERSION);
	json_kv_str(j, "generator", "oomtrace " OT_VERSION);
	json_key(j, "time");
	json_obj_begin(j);
	json_kv_u64(j, "unix_ns", clock_ns(CLOCK_REALTIME));
	json_kv_u64(j, "boottime_ns", clock_ns(CLOCK_BOOTTIME));
	json_obj_end(j);
	json_key(j, "host");
	json_obj_begin(j);
	if (gethostname(host, sizeof(host) - 1))
		host[0] = '\0';
	json_kv_str(j, "hostname", host);
	if (uname(&u)) {
		memset(&u, 0, sizeof(u));
	}
	json_kv_str(j, "kernel", u.release);
	json_kv_str(j, "machine", u.machine);
	json_obj_end(j);
	json_key(j, "sources");
	json_obj_begin(j);
	json_kv_str(j, "module_dir", s->o->module_dir);
	json_kv_str(j, "proc_dir", s->o->proc_dir);
	json_obj_end(j);
}

static void write_errors(struct json_out *j, const struct snap *s)
{
	size_t i;

	json_key(j, "errors");
	json_arr_begin(j);
	for (i = 0; i < s->nr_errors; i++) {
		json_obj_begin(j);
		json_kv_str(j, "source", s->errors[i].source);
		json_kv_str(j, "message", s->errors[i].msg);
		json_obj_end(j);
	}
	if (s->errors_dropped) {
		char msg[64];

		snprintf(msg, sizeof(msg), "%zu more problems not listed", s->errors_dropped);
		json_obj_begin(j);
		json_kv_str(j, "source", "snapshot");
		json_kv_str(j, "message", msg);
		json_obj_end(j);
	}
	json_arr_end(j);
}

int snapshot_write(const struct snap_opts *o, FILE *out, struct rd_err *err)
{
	struct snap *s = calloc(1, sizeof(*s));
	struct json_out j;
	int r = -1;

	if (!s) {
		rd_errorf(err, "snapshot: out of memory");
		return -1;
	}
	s->o = o;
	if (collect_module(s, err) || collect_proc(s, err))
		goto out;
	json_init(&j, out);
	json_obj_begin(&j);
	write_header(&j, s);
	write_event(&j, o->event);
	write_errors(&j, s);
	write_module(&j, s);
	write_meminfo(&j, s);
	write_buddyinfo(&j, s);
	write_sockets(&j, s);
	json_obj_end(&j);
	json_end(&j);
	r = 0;
	if (fflush(out) || ferror(out)) {
		rd_errorf(err, "snapshot: write error: %s", strerror(errno));
		r = -1;
	}
out:
	snap_free(s);
	free(s);
	return r;
}
