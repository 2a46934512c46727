/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_FMT_H
#define _OOMTRACE_FMT_H

#include <stddef.h>
#include <stdint.h>

#define FMT_LEN 32

/* "850ms", "4.5s", "3m12s", "2h05m", "3d04h" */
const char *fmt_ms(uint64_t ms, char buf[FMT_LEN]);
/* signed kB with an explicit sign: "+96", "-12", "0" */
const char *fmt_delta(int64_t v, char buf[FMT_LEN]);
/* a*b, saturating */
uint64_t fmt_mul_sat(uint64_t a, uint64_t b);
/* a+b, saturating at max */
uint64_t fmt_add_sat(uint64_t a, uint64_t b, uint64_t max);
/* parse "2", "0.5", "1.25" seconds into ns; 0 on error */
uint64_t fmt_parse_seconds(const char *s);
/* parse a whole number for -n/-c style options */
int fmt_parse_count(const char *s, uint64_t max, uint64_t *out);

#endif /* _OOMTRACE_FMT_H */
