// SPDX-License-Identifier: GPL-2.0
/* Prefix stripping and line splitting for every log flavour we accept. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "lib/lineread.h"

static void expect_msg(const char *in, const char *want)
{
	char out[LINEREAD_MAX];

	assert_true(lineread_normalize(in, strlen(in), out, sizeof(out)));
	assert_string_equal(out, want);
}

static void normalize_dmesg_timestamp(void **state)
{
	(void)state;
	expect_msg("[  130.772276] a.out invoked oom-killer: gfp_mask=0x100cca",
		   "a.out invoked oom-killer: gfp_mask=0x100cca");
	expect_msg("[1234567.890101] java cpuset=/ mems_allowed=0",
		   "java cpuset=/ mems_allowed=0");
}

static void normalize_level_and_kmsg(void **state)
{
	(void)state;
	expect_msg("<4>[ 9123.456201] relayd invoked oom-killer:", "relayd invoked oom-killer:");
	expect_msg("<6>memory: usage 5120kB, limit 5120kB", "memory: usage 5120kB, limit 5120kB");
	expect_msg("6,1234,5678901,-;Out of memory: Killed process 1 (x)",
		   "Out of memory: Killed process 1 (x)");
	expect_msg("kern  :warn  : [  123.456789] Mem-Info:", "Mem-Info:");
}

static void normalize_syslog_prefixes(void **state)
{
	(void)state;
	expect_msg("Jun 17 03:18:17 host-xx kernel: runc:[2:INIT] invoked oom-killer: gfp_mask=0xd0",
		   "runc:[2:INIT] invoked oom-killer: gfp_mask=0xd0");
	expect_msg("Feb 18 17:34:47  kernel: java invoked oom-killer:", "java invoked oom-killer:");
	expect_msg("Mar  3 10:15:01 db01 kernel: [812345.120117] mysqld invoked oom-killer:",
		   "mysqld invoked oom-killer:");
	expect_msg("Mar  3 10:15:01.123456 db01 kernel: Mem-Info:", "Mem-Info:");
	expect_msg("2024-03-05T11:22:33+0000 node7 kernel: Mem-Info:", "Mem-Info:");
	expect_msg("2024-03-05T11:22:33.123456+00:00 node7 kernel: Mem-Info:", "Mem-Info:");
	expect_msg("2024-03-05T11:22:33,123456+00:00 usb 1-1: new device", "usb 1-1: new device");
	expect_msg("[  123.456789] node7 kernel: Mem-Info:", "Mem-Info:");
	expect_msg("Tue 2024-03-05 11:22:33 CET node7 kernel: Mem-Info:", "Mem-Info:");
	expect_msg("Tue 2024-03-05 11:22:33 UTC kernel: Mem-Info:", "Mem-Info:");
	expect_msg("[  +0.002367] Mem-Info:", "Mem-Info:");
	expect_msg("[Mar26 12:32] Mem-Info:", "Mem-Info:");
	expect_msg("[2-3219.1870] Mem-Info:", "Mem-Info:");
	expect_msg("> [ 1.5] Mem-Info:", "Mem-Info:");
	/* Android kernels: logcat time, level, time in s, task; CPU and pid columns */
	expect_msg("07-13 08:41:51.347 <4>[309805.658264s][pid:1361,cpu5,sManagerService]Mem-Info:",
		   "Mem-Info:");
	expect_msg("07-13 08:41:51.347 <4>[309805.658264s] free:118678 free_pcp:58", "free:118678 free_pcp:58");
	expect_msg("[   17.072908] c0 0      Mem-Info:", "Mem-Info:");
	expect_msg("[   17.072908] c0 1 thing", "c0 1 thing");
}

static void normalize_foreign_syslog_line_is_dropped(void **state)
{
	const char *in = "Mar  3 10:15:01 db01 systemd[1]: Started Session 4242.";
	char out[64];

	(void)state;
	assert_false(lineread_normalize(in, strlen(in), out, sizeof(out)));
	in = "2024-03-05T11:22:33+0000 node7 sshd[812]: Accepted publickey";
	assert_false(lineread_normalize(in, strlen(in), out, sizeof(out)));
	in = "Tue 2024-03-05 11:22:33 CET node7 systemd[1]: Started foo.";
	assert_false(lineread_normalize(in, strlen(in), out, sizeof(out)));
}

static void normalize_caller_id_and_human_time(void **state)
{
	(void)state;
	expect_msg("[ 4711.203312][ T1187] rtsp-server invoked oom-killer:",
		   "rtsp-server invoked oom-killer:");
	expect_msg("[    1.000000][    C1] eth0: Link is Up", "eth0: Link is Up");
	expect_msg("[  12.5] [T42] Mem-Info:", "Mem-Info:");
	expect_msg("[Tue Mar 12 09:14:03 2024] kworker/6:1 invoked oom-killer:",
		   "kworker/6:1 invoked oom-killer:");
}

static void normalize_keeps_task_rows_and_continuations(void **state)
{
	(void)state;
	expect_msg("[  130.802859] [    784]     0   784     6662     1221 systemd-journal",
		   "[    784]     0   784     6662     1221 systemd-journal");
	expect_msg("                active_file:28 inactive_file:59 isolated_file:0",
		   "active_file:28 inactive_file:59 isolated_file:0");
	expect_msg("[   89.048862]  active_file:0 inactive_file:0", "active_file:0 inactive_file:0");
}

static void normalize_control_bytes_and_bounds(void **state)
{
	char in[LINEREAD_MAX * 2], out[LINEREAD_MAX], tiny[4];
	const char ctl[] = "a\tb\x01" "c\x7f" "d";

	(void)state;
	assert_true(lineread_normalize(ctl, sizeof(ctl) - 1, out, sizeof(out)));
	assert_string_equal(out, "a b c d");
	memset(in, 'x', sizeof(in));
	assert_true(lineread_normalize(in, sizeof(in), out, sizeof(out)));
	assert_int_equal(strlen(out), LINEREAD_MAX - 1);
	assert_true(lineread_normalize("[ 1.0] abcdef", 13, tiny, sizeof(tiny)));
	assert_string_equal(tiny, "abc");
	assert_true(lineread_normalize("a\0b", 3, out, sizeof(out)));
	assert_string_equal(out, "a b");
}

struct collected {
	int n;
	unsigned long lineno[12];
	char msg[12][160];
};

static void collect(void *ctx, unsigned long lineno, const char *msg)
{
	struct collected *c = ctx;

	if (c->n >= 12)
		return;
	c->lineno[c->n] = lineno;
	strncpy(c->msg[c->n], msg, sizeof(c->msg[0]) - 1);
	c->msg[c->n][sizeof(c->msg[0]) - 1] = '\0';
	c->n++;
}

static void buffer_splits_lines_crlf_and_rsyslog_escapes(void **state)
{
	const char *text = "[ 1.0] one\r\nMar  5 11:22:33 node7 kernel: a:1 b:2#012 c:3#011d\n\nlast";
	struct collected c = { 0 };

	(void)state;
	lineread_buffer(text, strlen(text), collect, &c);
	assert_int_equal(c.n, 5);
	assert_string_equal(c.msg[0], "one");
	assert_string_equal(c.msg[1], "a:1 b:2");
	assert_string_equal(c.msg[2], "c:3 d");
	assert_int_equal(c.lineno[1], 2);
	assert_int_equal(c.lineno[2], 2);
	assert_string_equal(c.msg[3], "");
	assert_string_equal(c.msg[4], "last");
	assert_int_equal(c.lineno[4], 4);
}

/* A log pasted into a mail: wrapped lines join, other programs' lines do not. */
static void buffer_joins_mail_wrapped_lines(void **state)
{
	const char *text =
		"[  727.941258] kworker/u8:2 invoked oom-killer:\n"
		"gfp_mask=0x15080c0(GFP_KERNEL_ACCOUNT|__GFP_ZERO), nodemask=(null),\n"
		" order=1, oom_score_adj=0\n"
		"[    0.700116] Normal free:828kB boost:1024kB min:1464kB low:1572kB\n"
		"high:1680kB reserved_highatomic:0KB\n"
		"[  386.294984] [  10944]     0 10944  5519894   467709  3833856\n"
		"0             0 oom01\n"
		"[    1.000000] memhog invoked oom-killer\n"
		"ok: memhog was killed\n"
		"[    2.000000] Mem-Info:\n"
		" active_anon:12 inactive_anon:3\n";
	struct collected c = { 0 };

	(void)state;
	lineread_buffer(text, strlen(text), collect, &c);
	assert_int_equal(c.n, 7);
	assert_string_equal(c.msg[0], "kworker/u8:2 invoked oom-killer: gfp_mask=0x15080c0"
			    "(GFP_KERNEL_ACCOUNT|__GFP_ZERO), nodemask=(null), order=1, oom_score_adj=0");
	assert_int_equal(c.lineno[0], 1);
	assert_string_equal(c.msg[1], "Normal free:828kB boost:1024kB min:1464kB low:1572kB "
			    "high:1680kB reserved_highatomic:0KB");
	assert_string_equal(c.msg[2], "[  10944]     0 10944  5519894   467709  3833856 "
			    "0             0 oom01");
	/* a program's output is a line of its own, and so is an indented record line */
	assert_string_equal(c.msg[3], "memhog invoked oom-killer");
	assert_string_equal(c.msg[4], "ok: memhog was killed");
	assert_string_equal(c.msg[5], "Mem-Info:");
	assert_string_equal(c.msg[6], "active_anon:12 inactive_anon:3");
}

/* A program's output without a newline before the kernel's line, and -T in German. */
static void buffer_finds_stamp_mid_line_and_localized_weekday(void **state)
{
	const char *text = "Creating journal (131072 blocks): [   31.251333] mkfs.ext4 invoked oom-killer:"
			   " gfp_mask=0x101cc0(GFP_USER|__GFP_WRITE), order=0\n"
			   "[Di Aug 12 03:54:03 2025] php-fpm invoked oom-killer: gfp_mask=0x1100cca\n";
	struct collected c = { 0 };

	(void)state;
	lineread_buffer(text, strlen(text), collect, &c);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.msg[0], "mkfs.ext4 invoked oom-killer: gfp_mask=0x101cc0"
			    "(GFP_USER|__GFP_WRITE), order=0");
	assert_string_equal(c.msg[1], "php-fpm invoked oom-killer: gfp_mask=0x1100cca");
}

static void file_reader_skips_rest_of_overlong_line(void **state)
{
	FILE *f = tmpfile();
	struct collected c = { 0 };
	int i;

	(void)state;
	assert_non_null(f);
	for (i = 0; i < 3 * LINEREAD_MAX; i++)
		fputc('y', f);
	fputs(" invoked oom-killer:\nsecond\n", f);
	rewind(f);
	assert_int_equal(lineread_file(f, collect, &c), 0);
	fclose(f);
	assert_int_equal(c.n, 2);
	assert_string_equal(c.msg[1], "second");
	assert_int_equal(c.lineno[1], 2);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(normalize_dmesg_timestamp),
	cmocka_unit_test(normalize_level_and_kmsg),
	cmocka_unit_test(normalize_syslog_prefixes),
	cmocka_unit_test(normalize_foreign_syslog_line_is_dropped),
	cmocka_unit_test(normalize_caller_id_and_human_time),
	cmocka_unit_test(normalize_keeps_task_rows_and_continuations),
	cmocka_unit_test(normalize_control_bytes_and_bounds),
	cmocka_unit_test(buffer_splits_lines_crlf_and_rsyslog_escapes),
	cmocka_unit_test(file_reader_skips_rest_of_overlong_line),
	cmocka_unit_test(buffer_joins_mail_wrapped_lines),
	cmocka_unit_test(buffer_finds_stamp_mid_line_and_localized_weekday),
};

TEST_GROUP(group_lineread, "lineread", tests);
