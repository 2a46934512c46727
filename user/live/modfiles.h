/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_MODFILES_H
#define _OOMTRACE_MODFILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../module/format.h"
#include "lib/rows.h"

/*
 * The machine-readable files of the module's debugfs directory. Each one
 * starts with "# oomtrace-<name> v<N>: <columns>"; this reader knows the
 * version the module it was built with writes, OT_FORMAT_VERSION.
 */
#define MF_DEFAULT_DIR "/sys/kernel/debug/" OT_DEBUGFS_DIR
#define MF_MAX_BYTES (64u << 20)	/* a whole file, read into memory */
#define MF_TREND_MAX 16		/* the module keeps 8 */
#define MF_KIND_LEN 16
#define MF_IFNAME_LEN 32

enum mf_kind {
	MF_UNKNOWN,
	MF_CALLSITES,
	MF_NETDEV,
	MF_STATS,
	MF_PROBES,
	MF_OOM,
	MF_VERDICTS,
};

const char *mf_kind_name(enum mf_kind k);
enum mf_kind mf_detect(const char *buf, size_t len);

int mf_header(struct rd_lines *it, enum mf_kind want, struct rd_err *err);

struct mf_callsite {
	char kind[MF_KIND_LEN];
	uint64_t live, live_bytes, allocs, frees;
	uint64_t oldest_ms, first_ms, sample_every;
	size_t nr_trend;
	uint64_t trend_kb[MF_TREND_MAX];	/* oldest first */
	char *site;
	char *stack;			/* "" when the module kept none */
};

struct mf_callsites {
	struct mf_callsite *v;
	size_t nr, cap;
};

struct mf_netdev {
	int64_t ifindex;
	char name[MF_IFNAME_LEN];
	char state[MF_KIND_LEN];
	uint64_t in_flight, in_flight_bytes, oldest_ms;
	uint64_t xmits, completions, requeued, clean_calls;
	int64_t since_completion_ms;	/* -1: never completed */
	size_t nr_trend;
	uint64_t trend[MF_TREND_MAX];	/* in flight at past samples */
};

struct mf_netdevs {
	struct mf_netdev *v;
	size_t nr, cap;
};

struct mf_stat {
	char key[64];
	int64_t value;
	uint64_t uvalue;
	bool negative;			/* value holds it; else uvalue */
};

struct mf_stats {
	struct mf_stat *v;
	size_t nr, cap;
};

struct mf_probe {
	char what[64], type[MF_KIND_LEN], target[128], state[MF_KIND_LEN];
	int64_t error;
	uint64_t missed, hits;
};

struct mf_probes {
	struct mf_probe *v;
	size_t nr, cap;
};

/* One of the module's verdicts: kind and subject are for machines. */
struct mf_verdict {
	char kind[MF_KIND_LEN];
	char subject[128];		/* "-": about the whole system */
	char text[256];
};

struct mf_verdicts {
	struct mf_verdict *v;
	size_t nr, cap;
};

int mf_parse_callsites(const char *buf, size_t len, const char *label,
		       struct mf_callsites *out, struct rd_err *err);
int mf_parse_netdev(const char *buf, size_t len, const char *label,
		    struct mf_netdevs *out, struct rd_err *err);
int mf_parse_stats(const char *buf, size_t len, const char *label,
		   struct mf_stats *out, struct rd_err *err);
int mf_parse_probes(const char *buf, size_t len, const char *label,
		    struct mf_probes *out, struct rd_err *err);

int mf_parse_verdicts(const char *buf, size_t len, const char *label,
		      struct mf_verdicts *out, struct rd_err *err);

void mf_callsites_free(struct mf_callsites *c);
void mf_netdevs_free(struct mf_netdevs *n);
void mf_stats_free(struct mf_stats *s);
void mf_probes_free(struct mf_probes *p);
void mf_verdicts_free(struct mf_verdicts *v);

const struct mf_stat *mf_stat_find(const struct mf_stats *s, const char *key);

#endif /* _OOMTRACE_MODFILES_H */
