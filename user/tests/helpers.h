/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_TEST_HELPERS_H
#define _OOMTRACE_TEST_HELPERS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "explain/oomparse.h"
#include "explain/oomnames.h"
#include "explain/oomstats.h"
#include "explain/oomverdict.h"

struct test_group {
	const char *name;
	const struct CMUnitTest *tests;
	size_t count;
};

#define TEST_GROUP(var, label, array) \
	const struct test_group var = { label, array, sizeof(array) / sizeof(array[0]) }

char *fixture_read(const char *name, size_t *len);
void fixture_parse(const char *name, struct oom_reports *out);
void text_parse(const char *text, struct oom_reports *out);
char *explain_string(const struct oom_report *r, size_t index, size_t total,
		     bool json, struct oom_analysis *a);
bool json_valid(const char *s, size_t len);
char *run_program(const char *const argv[], const char *stdin_path,
		  int *status, char **err);
/*
 * Whether @doc matches docs/snapshot-schema.json, as python3-jsonschema
 * (Draft 2020-12) judges it; when not, @where gets the path of the error
 * ("module.callsites.0.live", "" for the root). Fails the test when the
 * checker cannot run.
 */
bool schema_valid(const char *doc, char *where, size_t wsz);

#endif /* _OOMTRACE_TEST_HELPERS_H */
