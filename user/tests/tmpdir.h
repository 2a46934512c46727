/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_TEST_TMPDIR_H
#define _OOMTRACE_TEST_TMPDIR_H

#include <stddef.h>

/* Scratch directories for tests that need a module or /proc directory. */
char *tmpdir_make(void);
void tmpdir_remove(char *dir);
char *tmpdir_path(const char *dir, const char *name);
void tmpdir_put(const char *dir, const char *name, const char *text);
/* Copies FIXTURE_DIR/fixture to dir/name. */
void tmpdir_copy(const char *dir, const char *name, const char *fixture);
/* A module directory with the recorded files; the named one replaced. */
char *tmpdir_module(const char *replace, const char *text);
char *file_slurp(const char *path, size_t *len);

#endif /* _OOMTRACE_TEST_TMPDIR_H */
