// SPDX-License-Identifier: GPL-2.0
/*
 * Real OOM reports that other people posted (tests/corpus/): each must
 * get the verdict an engineer reached by reading it, and the verdict
 * must say the figure that proves it. The tables (tests/corpus/ * /
 * CORPUS.tsv) give the source of every report and what it shows; each
 * row is a test case of its own, so one wrong verdict is one failure.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "explain/oomverdict.h"

#define CORPUS_GLOB FIXTURE_DIR "/../corpus/*/CORPUS.tsv"
#define CORPUS_MAX 256
/* Fewer rows than this: a table went missing or stopped parsing. */
#define CORPUS_MIN 40

/* The table's columns, in order; must_say is optional. */
enum { COL_FILE, COL_SOURCE, COL_KERNEL, COL_ARCH, COL_SCOPE, COL_KIND,
	COL_FIGURE, COL_NOTES, COL_MUST_SAY, NR_COLS };

struct corpus_case {
	char name[160];		/* <table's folder>/<file> */
	char *col[NR_COLS];
	char *line;		/* owns the strings col[] points into */
};

static struct corpus_case cases[CORPUS_MAX];
static struct CMUnitTest corpus_tests[CORPUS_MAX + 1];
static size_t nr_cases;

static void corpus_is_all_there(void **state)
{
	(void)state;
	if (nr_cases < CORPUS_MIN)
		fail_msg("%zu reports in %s, want at least %d", nr_cases, CORPUS_GLOB,
			 CORPUS_MIN);
}

static void corpus_case(void **state)
{
	const struct corpus_case *c = *state;
	const char *must_say = c->col[COL_MUST_SAY];
	struct oom_reports rs;
	struct oom_analysis a;
	char path[256];
	size_t i = 0;

	snprintf(path, sizeof(path), "../corpus/%s", c->name);
	fixture_parse(path, &rs);
	if (rs.nr < 1)
		fail_msg("%s: no OOM report found", c->name);
	/*
	 * The report a person posted is the first one whose start is there;
	 * the tail of an earlier one before it is explained on its own.
	 */
	while (i + 1 < rs.nr && !rs.v[i].have_trigger)
		i++;
	oom_analyze(&rs.v[i], &a);
	if (strcmp(oom_verdict_name(a.kind), c->col[COL_KIND]))
		fail_msg("%s: verdict %s, the report shows %s (%s)\n  it said: %s", c->name,
			 oom_verdict_name(a.kind), c->col[COL_KIND], c->col[COL_FIGURE],
			 a.verdict);
	if (must_say && *must_say && !strstr(a.verdict, must_say))
		fail_msg("%s: the verdict does not say '%s'\n  it said: %s", c->name,
			 must_say, a.verdict);
	oom_reports_free(&rs);
}

/* Split @line at tabs into c->col[]; false unless the required ones are there. */
static bool split_row(struct corpus_case *c, char *line)
{
	size_t n = 0;
	char *p = line;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < NR_COLS) {
		c->col[n++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = '\0';
	}
	return n > COL_NOTES && *c->col[COL_FILE] && *c->col[COL_KIND];
}

static size_t load_table(const char *tsv, size_t n)
{
	const char *dir_end = strrchr(tsv, '/');
	const char *dir = dir_end;
	char *line = NULL;
	size_t cap = 0, row = 0;
	FILE *f = fopen(tsv, "r");

	if (!f)
		return n;
	while (dir > tsv && dir[-1] != '/')
		dir--;
	while (n < CORPUS_MAX && getline(&line, &cap, f) > 0) {
		struct corpus_case *c = &cases[n];

		if (row++ == 0 || line[0] == '\n')
			continue;	/* the header */
		c->line = strdup(line);
		if (!c->line || !split_row(c, c->line)) {
			fprintf(stderr, "%s: line %zu: not a corpus row\n", tsv, row);
			free(c->line);
			continue;
		}
		snprintf(c->name, sizeof(c->name), "%.*s/%s", (int)(dir_end - dir), dir,
			 c->col[COL_FILE]);
		corpus_tests[n + 1] = (struct CMUnitTest){
			.name = c->name,
			.test_func = corpus_case,
			.initial_state = c,
		};
		n++;
	}
	free(line);
	fclose(f);
	return n;
}

struct test_group group_corpus = { "corpus", corpus_tests, 1 };

/* Called before the groups run: one test case per table row. */
void corpus_load(void)
{
	glob_t g;
	size_t i;

	corpus_tests[0] = (struct CMUnitTest){
		.name = "corpus_is_all_there",
		.test_func = corpus_is_all_there,
	};
	if (!glob(CORPUS_GLOB, 0, NULL, &g)) {
		for (i = 0; i < g.gl_pathc; i++)
			nr_cases = load_table(g.gl_pathv[i], nr_cases);
		globfree(&g);
	}
	group_corpus.count = nr_cases + 1;
}
