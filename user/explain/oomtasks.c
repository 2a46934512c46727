// SPDX-License-Identifier: GPL-2.0
/*
 * The task table of an OOM report. Its columns changed over the years
 * (nr_ptes, nr_pmds, pgtables_bytes, rss_anon/rss_file/rss_shmem), so
 * rows are read by the columns their header names.
 */
#include <string.h>

#include "lib/kv.h"
#include "explain/oomfields.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

enum task_col {
	COL_OTHER, COL_UID, COL_TGID, COL_TOTAL_VM, COL_RSS, COL_SWAPENTS,
	COL_SCORE_ADJ, COL_NAME,
};

static int task_col(const char *w, size_t len)
{
	static const struct {
		const char *name;
		int col;
	} cols[] = {
		{ "uid", COL_UID }, { "tgid", COL_TGID },
		{ "total_vm", COL_TOTAL_VM }, { "rss", COL_RSS },
		{ "swapents", COL_SWAPENTS }, { "oom_score_adj", COL_SCORE_ADJ },
		{ "name", COL_NAME },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cols); i++)
		if (strlen(cols[i].name) == len && !strncmp(w, cols[i].name, len))
			return cols[i].col;
	return COL_OTHER;
}

/*
 * "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents
 * oom_score_adj name" and its nr_ptes / rss_anon variants. A header cut
 * at the right edge still counts if it got as far as "rss".
 */
bool oom_field_task_header(const char *msg, int *cols, unsigned int *nr_cols)
{
	const char *close = strchr(msg, ']');
	const char *pid = strstr(msg, "pid");
	const char *p;
	bool rss = false;
	unsigned int n = 0;

	if (msg[0] != '[' || !close || !pid || pid > close)
		return false;
	p = close + 1;
	while (*(p = kv_skip_blanks(p)) && n < OOM_MAX_COLS) {
		size_t len = strcspn(p, " \t");

		cols[n] = task_col(p, len);
		rss |= cols[n] == COL_RSS;
		n++;
		p += len;
		if (cols[n - 1] == COL_NAME)
			break;
	}
	if (!rss)
		return false;
	*nr_cols = n;
	return true;
}

static void set_task_col(struct oom_task *t, int col, int64_t v)
{
	uint64_t u = v < 0 ? 0 : (uint64_t)v;

	switch (col) {
	case COL_UID:
		t->uid = v;
		break;
	case COL_TOTAL_VM:
		t->total_vm = u;
		break;
	case COL_RSS:
		t->rss = u;
		break;
	case COL_SWAPENTS:
		t->swapents = u;
		break;
	case COL_SCORE_ADJ:
		t->score_adj = v;
		break;
	default:
		break;
	}
}

/*
 * "[   5532]     0  5532  2884233  2793370 22437888        0     0 a.out".
 * A row that ends before its name was cut at the right edge, and then its
 * last number may be cut too: rss is only kept when a blank followed it.
 * When the header itself was cut, numbers past its last column are
 * skipped and the rest of the row is the name.
 */
bool oom_field_task_row(const char *msg, const int *cols, unsigned int nr_cols,
			struct oom_task *t)
{
	const char *p = kv_skip_blanks(msg + 1), *q;
	bool have_rss = false;
	unsigned int i;
	int64_t v;

	if (msg[0] != '[' || !kv_parse_i64(p, &p, &t->pid))
		return false;
	p = kv_skip_blanks(p);
	if (*p != ']')
		return false;
	p++;
	t->uid = t->score_adj = OOM_UNSET_I64;
	t->total_vm = t->rss = t->swapents = OOM_UNSET;
	t->name[0] = '\0';
	for (i = 0; i < nr_cols && cols[i] != COL_NAME; i++) {
		p = kv_skip_blanks(p);
		if (!kv_parse_i64(p, &p, &v) || (*p != ' ' && *p != '\t'))
			return have_rss;
		set_task_col(t, cols[i], v);
		have_rss |= cols[i] == COL_RSS;
	}
	p = kv_skip_blanks(p);
	while (i == nr_cols && kv_parse_i64(p, &q, &v) && (*q == ' ' || *q == '\t'))
		p = kv_skip_blanks(q);
	kv_copy(t->name, sizeof(t->name), p, strlen(p));
	return have_rss;
}
