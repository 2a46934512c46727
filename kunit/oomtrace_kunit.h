/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_KUNIT_H
#define _OOMTRACE_KUNIT_H

#include <kunit/test.h>

extern struct kunit_suite oomtrace_oomring_suite;

#endif /* _OOMTRACE_KUNIT_H */
