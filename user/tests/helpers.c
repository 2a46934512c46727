// SPDX-License-Identifier: GPL-2.0
/* Fixture loading, output capture and a strict JSON checker for the tests. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "lib/json.h"
#include "explain/oomexplain.h"
#include "explain/oomjson.h"

char *fixture_read(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", FIXTURE_DIR, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

void fixture_parse(const char *name, struct oom_reports *out)
{
	size_t len;
	char *buf = fixture_read(name, &len);

	oom_reports_init(out);
	oom_parse_buffer(buf, len, out);
	free(buf);
}

void text_parse(const char *text, struct oom_reports *out)
{
	oom_reports_init(out);
	oom_parse_buffer(text, strlen(text), out);
}

static char *slurp(FILE *f)
{
	long n;
	char *s;

	fflush(f);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

/* Analyse one report and return what explain prints for it. */
char *explain_string(const struct oom_report *r, size_t index, size_t total,
		     bool json, struct oom_analysis *a)
{
	FILE *f = tmpfile();
	struct json_out j;

	assert_non_null(f);
	oom_analyze(r, a);
	if (json) {
		json_init(&j, f);
		oom_explain_json(&j, r, a, index);
		json_end(&j);
	} else {
		oom_explain_text(f, r, a, index, total);
	}
	return slurp(f);
}

static char *read_fd(int fd)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	ssize_t n;

	assert_non_null(buf);
	while ((n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (cap - len < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	buf[len] = '\0';
	return buf;
}

/* Run argv with stdout and stderr captured through temporary files. */
char *run_program(const char *const argv[], const char *stdin_path,
		  int *status, char **err)
{
	FILE *out = tmpfile(), *errf = tmpfile();
	pid_t pid;
	int st;

	assert_non_null(out);
	assert_non_null(errf);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int in = open(stdin_path ? stdin_path : "/dev/null", O_RDONLY);

		if (in < 0 || dup2(in, 0) < 0 || dup2(fileno(out), 1) < 0 ||
		    dup2(fileno(errf), 2) < 0)
			_exit(127);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	*status = WEXITSTATUS(st);
	lseek(fileno(out), 0, SEEK_SET);
	lseek(fileno(errf), 0, SEEK_SET);
	{
		char *o = read_fd(fileno(out));
		char *e = read_fd(fileno(errf));

		fclose(out);
		fclose(errf);
		if (err)
			*err = e;
		else
			free(e);
		return o;
	}
}

/* A strict recursive-descent JSON checker (RFC 8259 grammar, depth-bounded). */
struct jp {
	const char *s;
	size_t i, n;
	int depth;
};

static void ws(struct jp *p)
{
	while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]))
		p->i++;
}

static bool lit(struct jp *p, const char *w)
{
	size_t l = strlen(w);

	if (p->n - p->i < l || strncmp(p->s + p->i, w, l))
		return false;
	p->i += l;
	return true;
}

static bool jstring(struct jp *p)
{
	if (p->i >= p->n || p->s[p->i] != '"')
		return false;
	for (p->i++; p->i < p->n; p->i++) {
		unsigned char c = (unsigned char)p->s[p->i];

		if (c == '"') {
			p->i++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			p->i++;
			if (p->i >= p->n || !strchr("\"\\/bfnrtu", p->s[p->i]))
				return false;
			if (p->s[p->i] == 'u') {
				int k;

				for (k = 1; k <= 4; k++)
					if (p->i + k >= p->n || !strchr("0123456789abcdefABCDEF", p->s[p->i + k]))
						return false;
				p->i += 4;
			}
		}
	}
	return false;
}

static bool jnumber(struct jp *p)
{
	size_t start = p->i;

	if (p->i < p->n && p->s[p->i] == '-')
		p->i++;
	if (p->i >= p->n || !strchr("0123456789", p->s[p->i]))
		return false;
	while (p->i < p->n && strchr("0123456789.eE+-", p->s[p->i]))
		p->i++;
	return p->i > start;
}

static bool jvalue(struct jp *p);

static bool jcontainer(struct jp *p, char close, bool object)
{
	p->i++;
	if (++p->depth > 64)
		return false;
	ws(p);
	if (p->i < p->n && p->s[p->i] == close) {
		p->i++;
		p->depth--;
		return true;
	}
	for (;;) {
		ws(p);
		if (object) {
			if (!jstring(p))
				return false;
			ws(p);
			if (p->i >= p->n || p->s[p->i++] != ':')
				return false;
		}
		if (!jvalue(p))
			return false;
		ws(p);
		if (p->i >= p->n)
			return false;
		if (p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->s[p->i] != close)
			return false;
		p->i++;
		p->depth--;
		return true;
	}
}

static bool jvalue(struct jp *p)
{
	ws(p);
	if (p->i >= p->n)
		return false;
	switch (p->s[p->i]) {
	case '{':
		return jcontainer(p, '}', true);
	case '[':
		return jcontainer(p, ']', false);
	case '"':
		return jstring(p);
	case 't':
		return lit(p, "true");
	case 'f':
		return lit(p, "false");
	case 'n':
		return lit(p, "null");
	default:
		return jnumber(p);
	}
}

bool json_valid(const char *s, size_t len)
{
	struct jp p = { s, 0, len, 0 };

	if (!jvalue(&p))
		return false;
	ws(&p);
	return p.i == p.n;
}

bool schema_valid(const char *doc, char *where, size_t wsz)
{
	char path[] = "/tmp/oomtrace-schema-XXXXXX";
	const char *argv[] = { "/usr/bin/python3", TESTS_DIR "/schema_check.py",
			       DOCS_DIR "/snapshot-schema.json", path, NULL };
	int fd = mkstemp(path), st;
	size_t len = strlen(doc);
	char *out, *err;

	if (fd < 0 || write(fd, doc, len) != (ssize_t)len)
		fail_msg("schema check: cannot write %s", path);
	close(fd);
	out = run_program(argv, NULL, &st, &err);
	unlink(path);
	if (st != 0 && st != 1)
		fail_msg("schema check did not run (status %d): %s", st, err);
	snprintf(where, wsz, "%.*s", (int)strcspn(out, "\n"), out);
	free(out);
	free(err);
	return st == 0;
}
