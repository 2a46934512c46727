// SPDX-License-Identifier: GPL-2.0
/*
 * Turn one line of dmesg, console, syslog, journalctl or vmcore-dmesg text
 * into the bare kernel message. Prefixes are peeled one at a time in a
 * bounded loop because they stack: "<4>", then a syslog header, then
 * "[  123.456789]", then "[T1234]".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/kv.h"
#include "lib/lineread.h"
#include "lib/num.h"

#define MAX_PREFIXES 8

enum peel {
	PEEL_NONE,
	PEEL_DONE,
	PEEL_FOREIGN,		/* a syslog line from a user-space program */
};

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static const char *skip_digits(const char *p, int min, int max)
{
	int n = 0;

	while (n < max && num_is_digit(p[n]))
		n++;
	return n >= min ? p + n : NULL;
}

/* "<4>" from dmesg -r, vmcore-dmesg and raw consoles */
static const char *peel_level(const char *p)
{
	const char *q;

	if (*p != '<')
		return NULL;
	q = skip_digits(p + 1, 1, 3);
	return q && *q == '>' ? q + 1 : NULL;
}

/* "6,1234,5678901,-;" records read straight from /dev/kmsg */
static const char *peel_kmsg(const char *p)
{
	int i;

	for (i = 0; i < 3; i++) {
		p = skip_digits(p, 1, 20);
		if (!p || *p != ',')
			return NULL;
		p++;
	}
	for (i = 0; i < 16 && p[i] && p[i] != ';' && p[i] != ' '; i++)
		;
	return p[i] == ';' ? p + i + 1 : NULL;
}

static const char *skip_word_in(const char *p, const char *const *words,
				size_t nr)
{
	size_t i, n;

	for (i = 0; i < nr; i++) {
		n = strlen(words[i]);
		if (strncmp(p, words[i], n) == 0 && (p[n] == ' ' || p[n] == ':'))
			return p + n;
	}
	return NULL;
}

/* "kern  :warn  : " from dmesg -x */
static const char *peel_facility(const char *p)
{
	static const char *const facilities[] = {
		"kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
		"news", "uucp", "cron", "authpriv", "ftp", "local0", "local1",
		"local2", "local3", "local4", "local5", "local6", "local7",
	};
	static const char *const levels[] = {
		"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
	};

	p = skip_word_in(p, facilities, sizeof(facilities) / sizeof(facilities[0]));
	if (!p)
		return NULL;
	p = kv_skip_blanks(p);
	if (*p != ':')
		return NULL;
	p = skip_word_in(kv_skip_blanks(p + 1), levels, sizeof(levels) / sizeof(levels[0]));
	if (!p)
		return NULL;
	p = kv_skip_blanks(p);
	return *p == ':' ? p + 1 : NULL;
}

/* "Mar26 12:32" from dmesg -H, up to the closing bracket */
static const char *skip_human_minute(const char *q)
{
	if (!(is_upper(q[0]) && is_lower(q[1]) && is_lower(q[2])))
		return NULL;
	q = skip_digits(q + 3, 1, 2);
	if (!q || *q != ' ')
		return NULL;
	q = skip_digits(q + 1, 2, 2);
	if (!q || *q != ':')
		return NULL;
	return skip_digits(q + 1, 2, 2);
}

/*
 * A weekday as dmesg -T prints it in the reader's locale: "Mon", "Di",
 * "jeu.", "Mär" (UTF-8 bytes count as letters). Its length, 0 if none.
 */
static size_t weekday_len(const char *q)
{
	size_t n = 0;

	while (n < 6 && (is_upper(q[n]) || is_lower(q[n]) || q[n] == '.' ||
			 (unsigned char)q[n] >= 0x80))
		n++;
	return n >= 2 && n < 6 ? n : 0;
}

/*
 * "[  123.456789]", "[  +0.002367]" and "[Mar26 12:32]" (dmesg -H),
 * "[2-3219.1870]" (CPU number first, some vendor kernels) and
 * "[Mon Feb 18 17:34:47 2019]" (dmesg -T, "[Di Aug 12 ...]" in German).
 */
static const char *peel_bracket_time(const char *p)
{
	const char *q;

	if (*p != '[')
		return NULL;
	q = kv_skip_blanks(p + 1);
	if (*q == '+')
		q++;
	if (num_is_digit(*q)) {
		q = skip_digits(q, 1, 20);
		if (q && *q == '-')
			q = skip_digits(q + 1, 1, 20);
		if (!q || *q != '.')
			return NULL;
		q = skip_digits(q + 1, 1, 12);
		/* "[309805.658142s]": some Android kernels add the unit */
		if (q && *q == 's')
			q++;
		return q && *q == ']' ? q + 1 : NULL;
	}
	if ((p = skip_human_minute(q)) && *p == ']')
		return p + 1;
	if (is_upper(q[0]) && weekday_len(q) && q[weekday_len(q)] == ' ') {
		const char *end = memchr(q, ']', strnlen(q, 40));

		if (end && memchr(q, ':', (size_t)(end - q)))
			return end + 1;
	}
	return NULL;
}

/* "[T1234]" / "[  C1]" from CONFIG_PRINTK_CALLER */
static const char *peel_caller(const char *p)
{
	const char *q;

	if (*p != '[')
		return NULL;
	q = kv_skip_blanks(p + 1);
	if (*q != 'T' && *q != 'C')
		return NULL;
	q = skip_digits(q + 1, 1, 10);
	return q && *q == ']' ? q + 1 : NULL;
}

/* "[pid:1361,cpu5,sManagerService]" after the time on some Android kernels */
static const char *peel_android_task(const char *p)
{
	const char *end;

	if (strncmp(p, "[pid:", 5))
		return NULL;
	end = memchr(p, ']', strnlen(p, 64));
	return end && memchr(p, ',', (size_t)(end - p)) ? end + 1 : NULL;
}

/*
 * "c0 0      " (CPU and pid columns after the time, some Android kernels):
 * the padding after the pid tells it from a message.
 */
static const char *peel_cpu_pid_columns(const char *p)
{
	const char *q;

	if (*p != 'c')
		return NULL;
	q = skip_digits(p + 1, 1, 4);
	if (!q || *q != ' ')
		return NULL;
	q = skip_digits(q + 1, 1, 7);
	return q && q[0] == ' ' && q[1] == ' ' ? q : NULL;
}

static const char *skip_clock(const char *p)
{
	p = skip_digits(p, 2, 2);
	if (!p || *p != ':')
		return NULL;
	p = skip_digits(p + 1, 2, 2);
	if (!p || *p != ':')
		return NULL;
	p = skip_digits(p + 1, 2, 2);
	if (p && (*p == '.' || *p == ','))
		p = skip_digits(p + 1, 1, 9);
	return p;
}

/* "07-13 08:41:51.341" (Android logcat) */
static const char *skip_month_day_time(const char *p)
{
	p = skip_digits(p, 2, 2);
	if (!p || *p != '-')
		return NULL;
	p = skip_digits(p + 1, 2, 2);
	if (!p || *p != ' ')
		return NULL;
	return skip_clock(p + 1);
}

/* "Jun 17 03:18:17" (syslog, journalctl short) */
static const char *skip_bsd_time(const char *p)
{
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	size_t i;

	for (i = 0; i < sizeof(months) / sizeof(months[0]); i++)
		if (strncmp(p, months[i], 3) == 0 && p[3] == ' ')
			break;
	if (i == sizeof(months) / sizeof(months[0]))
		return NULL;
	p = kv_skip_blanks(p + 3);
	p = skip_digits(p, 1, 2);
	if (!p || *p != ' ')
		return NULL;
	return skip_clock(p + 1);
}

/* "2024-03-05T11:22:33.123456+00:00" (journalctl short-iso, dmesg --time-format iso) */
static const char *skip_iso_time(const char *p)
{
	p = skip_digits(p, 4, 4);
	if (!p || *p != '-')
		return NULL;
	p = skip_digits(p + 1, 2, 2);
	if (!p || *p != '-')
		return NULL;
	p = skip_digits(p + 1, 2, 2);
	if (!p || (*p != 'T' && *p != ' '))
		return NULL;
	p = skip_clock(p + 1);
	if (!p)
		return NULL;
	if (*p == 'Z')
		return p + 1;
	if (*p == '+' || *p == '-') {
		const char *q = skip_digits(p + 1, 2, 2);

		if (q && *q == ':')
			q++;
		q = q ? skip_digits(q, 2, 2) : NULL;
		return q ? q : p;
	}
	return p;
}

static size_t token_len(const char *p)
{
	return strcspn(p, " \t");
}

static bool token_is_kernel_tag(const char *p, size_t n)
{
	return (n == 7 && strncmp(p, "kernel:", 7) == 0) ||
	       (n > 8 && strncmp(p, "kernel[", 7) == 0 && p[n - 1] == ':');
}

/*
 * After a syslog or journal time stamp: "[host] kernel: msg" is ours,
 * "[host] prog[pid]: msg" is a user-space line to skip. Anything else is
 * the message itself (dmesg --time-format iso).
 */
static enum peel peel_after_time(const char **pp)
{
	const char *p = kv_skip_blanks(*pp);
	const char *t1 = p, *t2;
	size_t n1 = token_len(t1), n2;

	/* a zone name after the time: journalctl -o short-full's "CET" */
	if (n1 >= 2 && n1 <= 5 && strspn(t1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == n1 &&
	    token_len(kv_skip_blanks(t1 + n1)) > 0) {
		t1 = kv_skip_blanks(t1 + n1);
		n1 = token_len(t1);
		p = t1;
	}

	if (token_is_kernel_tag(t1, n1)) {
		*pp = t1 + n1;
		return PEEL_DONE;
	}
	t2 = kv_skip_blanks(t1 + n1);
	n2 = token_len(t2);
	if (token_is_kernel_tag(t2, n2)) {
		*pp = t2 + n2;
		return PEEL_DONE;
	}
	if (n1 > 1 && t1[n1 - 1] == ':' && t1[n1 - 2] == ']')
		return PEEL_FOREIGN;
	if (n2 > 1 && t2[n2 - 1] == ':' && memchr(t2, '[', n2))
		return PEEL_FOREIGN;
	*pp = p;
	return PEEL_DONE;
}

/* "host kernel: " left behind by journalctl -o short-monotonic */
static const char *peel_host_kernel(const char *p)
{
	size_t n = token_len(p);
	const char *t2;

	if (n == 0 || n > 64 || p[n - 1] == ':')
		return NULL;
	t2 = kv_skip_blanks(p + n);
	if (strncmp(t2, "kernel: ", 8) == 0)
		return t2 + 8;
	return NULL;
}

static enum peel peel_one(const char **pp)
{
	const char *p = kv_skip_blanks(*pp), *q;

	if ((q = peel_level(p)) || (q = peel_kmsg(p)) ||
	    (q = peel_facility(p)) || (q = peel_bracket_time(p)) ||
	    (q = peel_caller(p)) || (q = peel_android_task(p)) ||
	    (q = peel_cpu_pid_columns(p)) || (q = skip_month_day_time(p))) {
		*pp = q;
		return PEEL_DONE;
	}
	if (strncmp(p, "kernel: ", 8) == 0) {
		*pp = p + 8;
		return PEEL_DONE;
	}
	/* a report pasted into a mail or an issue as a quote */
	if (p[0] == '>' && (p[1] == ' ' || p[1] == '\0')) {
		*pp = p + 1;
		return PEEL_DONE;
	}
	/* journalctl -o short-full: "Tue 2024-03-05 11:22:33 CET host kernel:" */
	if (is_upper(p[0]) && is_lower(p[1]) && is_lower(p[2]) && p[3] == ' ' &&
	    (q = skip_iso_time(p + 4)) != NULL) {
		*pp = q;
		return peel_after_time(pp);
	}
	if ((q = skip_bsd_time(p)) || (q = skip_iso_time(p))) {
		*pp = q;
		return peel_after_time(pp);
	}
	if ((q = peel_host_kernel(p))) {
		*pp = q;
		return PEEL_DONE;
	}
	*pp = p;
	return PEEL_NONE;
}

/*
 * Copy the message part of in[0..len) to out, control bytes turned into
 * blanks and outer blanks trimmed. Returns false for lines that are not
 * kernel messages (another program's syslog line).
 */
bool lineread_normalize(const char *in, size_t len, char *out, size_t outsz)
{
	char line[LINEREAD_MAX];
	const char *p;
	size_t i, n;
	int round;

	if (!outsz)
		return false;
	out[0] = '\0';
	if (len >= sizeof(line))
		len = sizeof(line) - 1;
	for (i = 0, n = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];

		/* rsyslog's escaped tab */
		if (c == '#' && i + 4 <= len && !memcmp(in + i, "#011", 4)) {
			line[n++] = ' ';
			i += 3;
			continue;
		}
		line[n++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
	}
	line[n] = '\0';

	p = line;
	for (round = 0; round < MAX_PREFIXES; round++) {
		enum peel r = peel_one(&p);

		if (r == PEEL_FOREIGN)
			return false;
		if (r == PEEL_NONE)
			break;
	}
	p = kv_skip_blanks(p);
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	kv_copy(out, outsz, p, n);
	return true;
}

struct line_sink {
	lineread_fn fn;
	void *ctx;
	char msg[LINEREAD_MAX];
	/* a time-stamped line a mail client wrapped, waiting for its rest */
	char held[LINEREAD_MAX];
	size_t held_len;
	unsigned long held_lineno;
};

static void emit_one(struct line_sink *s, unsigned long lineno,
		     const char *line, size_t len)
{
	if (lineread_normalize(line, len, s->msg, sizeof(s->msg)))
		s->fn(s->ctx, lineno, s->msg);
}

/*
 * rsyslog writes the newlines inside one kernel record (Mem-Info is one
 * printk) as "#012": those become separate lines again.
 */
static void emit_record(struct line_sink *s, unsigned long lineno, const char *line,
			size_t len)
{
	size_t i, start = 0;

	for (i = 0; i + 4 <= len; i++) {
		if (memcmp(line + i, "#012", 4) != 0)
			continue;
		emit_one(s, lineno, line + start, i - start);
		start = i + 4;
		i += 3;
	}
	emit_one(s, lineno, line + start, len - start);
}

/* 1: "[ts] [  10944]  ..." a task table row, 2: "[ts] [  pid  ] ..." its header */
static int task_table_line(const char *held, size_t len)
{
	const char *p = memchr(held, ']', len);
	const char *end = held + len;

	if (!p || p + 3 >= end || p[1] != ' ' || p[2] != '[')
		return 0;
	for (p += 3; p < end && *p == ' '; p++)
		;
	if (end - p > 3 && !memcmp(p, "pid", 3))
		return 2;
	if (p == end || !num_is_digit(*p))
		return 0;
	while (p < end && num_is_digit(*p))
		p++;
	return p < end && *p == ']' ? 1 : 0;
}

/*
 * Whether an unstamped line is the rest of a held line ending in @last.
 * Kernel lines rarely end in a blank or a comma, so after one anything
 * is; otherwise only what reads as more of a kernel line, "high:1680kB"
 * or "order=1": a program's own output ("ok: done") is not. An indented
 * line after a colon ("Mem-Info:") is that record's own next line.
 */
static bool is_rest(const char *held, size_t held_len, const char *line, size_t len)
{
	char last = held[held_len - 1];
	size_t i = 0;

	if (last == ' ' || last == ',')
		return true;
	/* the OOM header, cut in its middle */
	if (held_len > 8 && !memcmp(held + held_len - 8, " invoked", 8) &&
	    len > 11 && !memcmp(line, "oom-killer:", 11))
		return true;
	if (last == ':' && line[0] == ' ')
		return false;
	while (i < len && line[i] == ' ')
		i++;
	/* a row of the task table, or its header, cut before the name */
	switch (task_table_line(held, held_len)) {
	case 1:
		return i < len && (num_is_digit(line[i]) || line[i] == '-');
	case 2:
		return i < len && is_lower(line[i]);
	default:
		break;
	}
	while (i < len && (is_lower(line[i]) || is_upper(line[i]) || num_is_digit(line[i]) ||
			   line[i] == '_'))
		i++;
	return i + 1 < len && (line[i] == ':' || line[i] == '=') &&
	       (num_is_digit(line[i + 1]) || line[i + 1] == '(');
}

/* "[   31.251333]" inside a line, not at its start: where it begins */
static const char *mid_line_stamp(const char *line, size_t len)
{
	const char *p = memchr(line, '[', len);

	while (p) {
		const char *q = p + 1, *end = line + len;

		while (q < end && *q == ' ')
			q++;
		if (q < end && num_is_digit(*q)) {
			while (q < end && num_is_digit(*q))
				q++;
			if (q < end && *q == '.') {
				q++;
				while (q < end && num_is_digit(*q))
					q++;
				if (q < end && *q == ']')
					return p;
			}
		}
		p = memchr(p + 1, '[', (size_t)(end - p - 1));
	}
	return NULL;
}

static void flush_held(struct line_sink *s)
{
	if (s->held_len)
		emit_record(s, s->held_lineno, s->held, s->held_len);
	s->held_len = 0;
}

/*
 * A log pasted into a mail is often wrapped: a line cut at a blank keeps
 * the blank at its end (format=flowed) or after a comma, and its rest
 * follows on a line of its own, without the time stamp. A time-stamped
 * line that may have been cut is held until the next line shows whether
 * it is such a rest.
 */
static void emit(struct line_sink *s, unsigned long lineno, const char *line,
		 size_t len)
{
	const char *stamp;

	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	/*
	 * A program's output without a newline ("Creating journal ... ")
	 * and then the kernel's line on the same console line: the kernel
	 * line starts at its time stamp.
	 */
	if (len && line[0] != '[' && (stamp = mid_line_stamp(line, len)) != NULL) {
		len -= (size_t)(stamp - line);
		line = stamp;
	}
	if (s->held_len && len && line[0] != '[' && s->held_len + len < sizeof(s->held) &&
	    is_rest(s->held, s->held_len, line, len)) {
		/* A rest that starts a word was cut at a blank. */
		if (s->held[s->held_len - 1] != ' ' && line[0] != ' ')
			s->held[s->held_len++] = ' ';
		memcpy(s->held + s->held_len, line, len);
		s->held_len += len;
	} else {
		flush_held(s);
		if (!len || line[0] != '[') {
			emit_record(s, lineno, line, len);
			return;
		}
		memcpy(s->held, line, len < sizeof(s->held) ? len : sizeof(s->held) - 1);
		s->held_len = len < sizeof(s->held) ? len : sizeof(s->held) - 1;
		s->held_lineno = lineno;
	}
}

/*
 * Returns 0, or a negative errno if reading failed part way. Lines are read
 * into a fixed buffer and the rest of an over-long line is skipped, so a
 * file without newlines cannot make us allocate its size.
 */
int lineread_file(FILE *fp, lineread_fn fn, void *ctx)
{
	struct line_sink *s = malloc(sizeof(*s));
	char *buf = malloc(LINEREAD_MAX);
	unsigned long lineno = 0;
	size_t len = 0;
	bool any = false;
	int c, err = 0;

	if (!s || !buf) {
		free(s);
		free(buf);
		return -ENOMEM;
	}
	s->fn = fn;
	s->ctx = ctx;
	s->held_len = 0;
	errno = 0;
	while ((c = getc(fp)) != EOF) {
		any = true;
		if (c == '\n') {
			emit(s, ++lineno, buf, len);
			len = 0;
			any = false;
		} else if (len < LINEREAD_MAX - 1) {
			buf[len++] = (char)c;
		}
	}
	if (any)
		emit(s, ++lineno, buf, len);
	flush_held(s);
	if (ferror(fp))
		err = errno ? -errno : -EIO;
	free(buf);
	free(s);
	return err;
}

void lineread_buffer(const char *buf, size_t len, lineread_fn fn, void *ctx)
{
	struct line_sink *s = malloc(sizeof(*s));
	unsigned long lineno = 0;
	size_t start = 0, i;

	if (!s)
		return;
	s->fn = fn;
	s->ctx = ctx;
	s->held_len = 0;
	for (i = 0; i < len; i++) {
		if (buf[i] != '\n')
			continue;
		emit(s, ++lineno, buf + start, i - start);
		start = i + 1;
	}
	if (start < len)
		emit(s, ++lineno, buf + start, len - start);
	flush_held(s);
	free(s);
}
