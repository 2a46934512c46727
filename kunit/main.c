// SPDX-License-Identifier: GPL-2.0
/*
 * One test module for all of oomtrace's suites. Each *_test.c includes
 * the unit it tests, so static helpers are reachable without exporting
 * anything from the shipped module.
 */
#include <linux/module.h>

#include "oomtrace_kunit.h"

kunit_test_suites(&oomtrace_oomring_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for oomtrace");
