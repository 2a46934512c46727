// SPDX-License-Identifier: GPL-2.0
/*
 * `oomtrace snapshot --json` on recorded module and /proc files: the
 * document must satisfy docs/snapshot-schema.json, carry the values of
 * the files it came from, and fail whole (strict) or list its problems
 * (record's tolerant mode).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "jsonread.h"
#include "live/snapshot.h"
#include "tmpdir.h"

static char *snapshot_string(const char *mod, const char *proc, bool strict, int *rc,
			     struct rd_err *e)
{
	struct snap_opts o = { .module_dir = mod, .proc_dir = proc, .strict = strict };
	FILE *f = tmpfile();
	char *s;
	long n;

	assert_non_null(f);
	*rc = snapshot_write(&o, f, e);
	n = ftell(f);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	rewind(f);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* Parse text, check it against the schema and return the document. */
static struct jv *valid_doc(const char *text)
{
	struct jv *doc = jv_parse(text, strlen(text));
	char where[256];

	assert_non_null(doc);
	assert_true(json_valid(text, strlen(text)));
	if (!schema_valid(text, where, sizeof(where)))
		fail_msg("snapshot does not match the schema at '%s'", where);
	return doc;
}

static double num(const struct jv *root, const char *path)
{
	const struct jv *v = jv_path(root, path);

	if (!v || v->type != JV_NUMBER)
		fail_msg("%s is not a number", path);
	return v->num;
}

static const char *str(const struct jv *root, const char *path)
{
	const struct jv *v = jv_path(root, path);

	if (!v || v->type != JV_STRING)
		fail_msg("%s is not a string", path);
	return v->str;
}

static bool is_null(const struct jv *root, const char *path)
{
	const struct jv *v = jv_path(root, path);

	return v && v->type == JV_NULL;
}

static void recorded_files_make_a_valid_document(void **state)
{
	struct rd_err e;
	int rc;
	char *text = snapshot_string(FIXTURE_DIR "/module", FIXTURE_DIR "/proc", true, &rc, &e);
	struct jv *d;

	(void)state;
	assert_int_equal(rc, 0);
	d = valid_doc(text);
	assert_int_equal((int)num(d, "schema_version"), SNAPSHOT_SCHEMA_VERSION);
	assert_true(is_null(d, "event"));
	assert_int_equal(jv_path(d, "errors")->n, 0);
	assert_int_equal(jv_path(d, "module.callsites")->n, 22);
	assert_string_equal(str(d, "module.callsites.0.site"), "packet_sendmsg+0x7ea/0x15f0");
	assert_int_equal((int)num(d, "module.callsites.0.live_bytes"), 384000);
	assert_int_equal((int)num(d, "module.callsites.0.trend_kb.7"), 375);
	assert_string_equal(str(d, "module.netdev.1.name"), "fxnic0");
	assert_true(is_null(d, "module.netdev.1.since_completion_ms"));
	assert_int_equal((int)num(d, "module.netdev.0.since_completion_ms"), 2652);
	assert_int_equal((int)num(d, "module.stats.objects_live"), 434);
	assert_string_equal(str(d, "module.probes.16.target"), "mark_victim");
	assert_int_equal(jv_path(d, "module.oom")->n, 2);
	assert_int_equal((int)num(d, "module.oom.0.victim_pid"), 138);
	assert_string_equal(str(d, "module.oom.0.top.2.site"),
			    "fixture_skb_leak_alloc+0x89/0xbe [fixture_skb_leak]");
	assert_true(is_null(d, "module.oom.1.victim_pid"));
	assert_non_null(strstr(str(d, "module.report"), "verdict: TX stuck on vb0"));
	assert_int_equal((int)num(d, "meminfo.kb.MemTotal"), 468168);
	assert_int_equal((int)num(d, "meminfo.counts.HugePages_Total"), 0);
	assert_null(jv_path(d, "meminfo.kb.HugePages_Total"));
	assert_string_equal(str(d, "buddyinfo.1.zone"), "DMA32");
	assert_int_equal((int)num(d, "buddyinfo.1.free_blocks.10"), 97);
	/* I4: the socket nobody reads, with its queue, drops and owner */
	assert_int_equal((int)num(d, "sockets.total"), 7);
	assert_int_equal(jv_path(d, "sockets.tables")->n, 6);
	assert_string_equal(str(d, "sockets.list.0.proto"), "raw6");
	assert_int_equal((int)num(d, "sockets.list.0.rx_queue"), 50001600);
	assert_int_equal((int)num(d, "sockets.list.0.drops"), 48213);
	assert_int_equal((int)num(d, "sockets.list.0.owners.0.pid"), 812);
	assert_string_equal(str(d, "sockets.list.0.owners.0.comm"), "zebra");
	assert_string_equal(str(d, "sockets.list.1.owners.0.comm"), "udpblast");
	jv_free(d);
	free(text);
}

static void schema_checker_catches_mistakes(void **state)
{
	static const struct {
		const char *from, *to, *where;
	} edits[] = {
		{ "\"schema_version\": 1", "\"schema_version\": \"1\"", "schema_version" },
		{ "\"live\": 300", "\"live\": -300", "module.callsites.0.live" },
		{ "\"proto\": \"raw6\"", "\"proto\": \"sctp\"", "sockets.list.0.proto" },
		{ "\"truncated\": false", "\"truncated\": 0", "module.oom.0.truncated" },
		{ "\"stack\": ", "\"stak\": ", "module.callsites.0" },
	};
	struct rd_err e;
	char where[256];
	size_t i;
	int rc;
	char *text = snapshot_string(FIXTURE_DIR "/module", FIXTURE_DIR "/proc", true, &rc, &e);

	(void)state;
	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		char *bad = malloc(strlen(text) + 64), *at = strstr(text, edits[i].from);

		assert_non_null(bad);
		assert_non_null(at);
		sprintf(bad, "%.*s%s%s", (int)(at - text), text, edits[i].to, at + strlen(edits[i].from));
		assert_true(json_valid(bad, strlen(bad)));
		assert_false(schema_valid(bad, where, sizeof(where)));
		if (strcmp(where, edits[i].where))
			fail_msg("edit %zu: error at '%s', expected at %s", i, where, edits[i].where);
		free(bad);
	}
	/* the unedited document passes the same checker */
	assert_true(schema_valid(text, where, sizeof(where)));
	free(text);
}

static void strict_snapshot_fails_whole(void **state)
{
	struct rd_err e;
	int rc;
	char *dir = tmpdir_module("callsites", NULL), *text;

	(void)state;
	tmpdir_copy(dir, "callsites", "module/callsites-v2");
	text = snapshot_string(dir, FIXTURE_DIR "/proc", true, &rc, &e);
	assert_int_equal(rc, -1);
	assert_string_equal(e.msg, "callsites: format v2, this reader understands v1");
	assert_string_equal(text, "");
	free(text);
	tmpdir_remove(dir);
}

static void tolerant_snapshot_lists_problems(void **state)
{
	struct rd_err e;
	int rc;
	char *dir = tmpdir_module("callsites", NULL), *text;
	struct jv *d;

	(void)state;
	tmpdir_copy(dir, "callsites", "module/callsites-malformed");
	text = snapshot_string(dir, FIXTURE_DIR "/proc", false, &rc, &e);
	assert_int_equal(rc, 0);
	d = valid_doc(text);
	assert_true(is_null(d, "module.callsites"));
	assert_int_equal((int)num(d, "module.netdev.0.in_flight"), 300);
	assert_int_equal(jv_path(d, "errors")->n, 1);
	assert_string_equal(str(d, "errors.0.source"), "callsites");
	assert_string_equal(str(d, "errors.0.message"),
			    "callsites: line 4: live_bytes is not a number: '85k248'");
	jv_free(d);
	free(text);
	tmpdir_remove(dir);

	/* no module at all: the /proc half is still worth having */
	text = snapshot_string("/nonexistent/oomtrace", FIXTURE_DIR "/proc", false, &rc, &e);
	assert_int_equal(rc, 0);
	d = valid_doc(text);
	assert_true(is_null(d, "module"));
	assert_string_equal(str(d, "errors.0.source"), "module");
	assert_int_equal((int)num(d, "meminfo.kb.MemTotal"), 468168);
	jv_free(d);
	free(text);
}

static void missing_socket_tables_are_not_errors(void **state)
{
	struct rd_err e;
	int rc;
	char *proc = tmpdir_make(), *net = tmpdir_path(proc, "net"), *text;
	struct jv *d;

	(void)state;
	tmpdir_copy(proc, "meminfo", "proc/meminfo");
	tmpdir_copy(proc, "buddyinfo", "proc/buddyinfo");
	assert_int_equal(mkdir(net, 0755), 0);
	tmpdir_copy(proc, "net/udp", "proc/net/udp");
	text = snapshot_string(FIXTURE_DIR "/module", proc, true, &rc, &e);
	assert_int_equal(rc, 0);
	d = valid_doc(text);
	assert_int_equal(jv_path(d, "sockets.tables")->n, 1);
	assert_string_equal(str(d, "sockets.tables.0"), "udp");
	assert_int_equal((int)num(d, "sockets.total"), 1);
	/* no pid directories here: the owner is unknown, not an error */
	assert_int_equal(jv_path(d, "sockets.list.0.owners")->n, 0);
	jv_free(d);
	free(text);
	free(net);
	tmpdir_remove(proc);
}

static void event_is_written(void **state)
{
	struct snap_event ev = { .mode = "bpf", .oom_seq = 0, .nr_victims = 1 };
	struct snap_opts o = { .module_dir = FIXTURE_DIR "/module", .proc_dir = FIXTURE_DIR "/proc",
			       .strict = false, .event = &ev };
	FILE *f = tmpfile();
	struct rd_err e;
	struct jv *d;
	char *text;
	long n;

	(void)state;
	ev.victims[0].pid = 138;
	strcpy(ev.victims[0].comm, "sleep");
	ev.victims[0].boot_ns = 9582950540ULL;
	ev.victims[0].invoker_pid = 22;
	strcpy(ev.victims[0].invoker_comm, "kworker/1:0");
	assert_int_equal(snapshot_write(&o, f, &e), 0);
	n = ftell(f);
	text = calloc(1, (size_t)n + 1);
	rewind(f);
	assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	d = valid_doc(text);
	assert_string_equal(str(d, "event.mode"), "bpf");
	assert_true(is_null(d, "event.oom_seq"));
	assert_int_equal((int)num(d, "event.victims.0.pid"), 138);
	assert_string_equal(str(d, "event.victims.0.invoker_comm"), "kworker/1:0");
	jv_free(d);
	free(text);
}

static void snapshot_cli(void **state)
{
	const char *ok[] = { OOMTRACE_BIN, "snapshot", "--json", "--dir", FIXTURE_DIR "/module",
			     "--proc", FIXTURE_DIR "/proc", NULL };
	const char *bad[] = { OOMTRACE_BIN, "snapshot", "--json", "--dir", NULL, "--proc",
			      FIXTURE_DIR "/proc", NULL };
	char *dir = tmpdir_module("netdev", NULL), *out, *err;
	struct jv *d;
	int st;

	(void)state;
	out = run_program(ok, NULL, &st, &err);
	assert_int_equal(st, 0);
	assert_string_equal(err, "");
	d = valid_doc(out);
	jv_free(d);
	free(out);
	free(err);
	tmpdir_copy(dir, "netdev", "module/netdev-malformed");
	bad[4] = dir;
	out = run_program(bad, NULL, &st, &err);
	assert_int_equal(st, 2);
	assert_string_equal(out, "");
	assert_string_equal(err, "oomtrace: netdev: line 3: expected 12 columns\n");
	free(out);
	free(err);
	tmpdir_remove(dir);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(recorded_files_make_a_valid_document),
	cmocka_unit_test(schema_checker_catches_mistakes),
	cmocka_unit_test(strict_snapshot_fails_whole),
	cmocka_unit_test(tolerant_snapshot_lists_problems),
	cmocka_unit_test(missing_socket_tables_are_not_errors),
	cmocka_unit_test(event_is_written),
	cmocka_unit_test(snapshot_cli),
};

TEST_GROUP(group_snapshot, "snapshot", tests);
