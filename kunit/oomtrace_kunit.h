/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_KUNIT_H
#define _OOMTRACE_KUNIT_H

#include <kunit/test.h>

extern struct kunit_suite oomtrace_oomring_suite;
extern struct kunit_suite oomtrace_objtab_suite;
extern struct kunit_suite oomtrace_cstab_suite;
extern struct kunit_suite oomtrace_attrib_suite;
extern struct kunit_suite oomtrace_verdict_suite;
extern struct kunit_suite oomtrace_fragcache_suite;
extern struct kunit_suite oomtrace_netdev_suite;
extern struct kunit_suite oomtrace_settings_suite;
extern struct kunit_suite oomtrace_mem_suite;

/*
 * Calls @fn(@data) when @test ends, whether it passed or not, so tables a
 * unit allocates itself are freed even when an assertion aborts the case.
 * On failure @fn has already run.
 */
int ot_kunit_defer(struct kunit *test, void (*fn)(void *), void *data);

/* What the ot_symbol_range() stub resolves; a NULL name ends the list. */
struct ot_kunit_symbol {
	const char *name;
	unsigned long start, end;
};

extern const struct ot_kunit_symbol *ot_kunit_symbols;

#endif /* _OOMTRACE_KUNIT_H */
