// SPDX-License-Identifier: GPL-2.0
/*
 * What the units under test take from parts of oomtrace that are not in
 * the test module. Values match params.c and state.c, so a rule behaves
 * here as it does in the module; suites that depend on a parameter set
 * it themselves.
 */
#include <linux/string.h>
#include <linux/types.h>

#include "oomtrace.h"
#include "symbols.h"
#include "oomtrace_kunit.h"

struct ot_params ot_params = {
	.max_objects = 65536,
	.max_callsites = 512,
	.max_netdevs = 64,
	.stack_depth = 4,
	.sample_every = 1,
	.interval_ms = 2000,
	.stuck_ms = 5000,
};

const char *const ot_kind_names[OT_NR_KINDS] = {
	[OT_SKB] = "skb",
	[OT_CLONE] = "clone",
	[OT_FRAG] = "frag",
	[OT_TXONLY] = "txonly",
};

const struct ot_kunit_symbol *ot_kunit_symbols;

/* kallsyms, as far as a test has described it. */
bool ot_symbol_range(const char *name, unsigned long *start, unsigned long *end)
{
	const struct ot_kunit_symbol *s;

	for (s = ot_kunit_symbols; s && s->name; s++) {
		if (!strcmp(s->name, name)) {
			*start = s->start;
			*end = s->end;
			return true;
		}
	}
	return false;
}

/* The clock state.c keeps; settings.c stamps its reads with it. */
u64 ot_now_ns(void)
{
	return 0;
}
