/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_SYMBOLS_H
#define _OOMTRACE_SYMBOLS_H

int ot_symbols_init(void);
unsigned long ot_lookup_name(const char *name);
bool ot_symbol_range(const char *name, unsigned long *start, unsigned long *end);

#endif /* _OOMTRACE_SYMBOLS_H */
