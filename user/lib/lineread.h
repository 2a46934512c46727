/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_LINEREAD_H
#define _OOMTRACE_LINEREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Longer lines are cut here, as a console would cut them. */
#define LINEREAD_MAX 4096

/* Called with the kernel message of each line, prefixes removed. */
typedef void (*lineread_fn)(void *ctx, unsigned long lineno, const char *msg);

bool lineread_normalize(const char *in, size_t len, char *out, size_t outsz);
int lineread_file(FILE *fp, lineread_fn fn, void *ctx);
void lineread_buffer(const char *buf, size_t len, lineread_fn fn, void *ctx);

#endif /* _OOMTRACE_LINEREAD_H */
