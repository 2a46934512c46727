/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_SETTINGS_H
#define _OOMTRACE_SETTINGS_H

#include <linux/types.h>

/* What settings.c last read; a value whose *_known is false is unknown. */
struct ot_settings {
	bool panic_known;
	int panic_on_oom;	/* vm.panic_on_oom */
	bool huge_known;
	u64 huge_total;		/* KiB in every hugetlb pool */
	u64 huge_free;		/* KiB free in the default-size pool */
	u64 huge_resv;		/* KiB reserved in the default-size pool */
	u64 read_ns;		/* when, on ot_now_ns()'s clock */
};

void ot_settings_init(void);
void ot_settings_refresh(void);
void ot_settings_get(struct ot_settings *out);
int ot_parse_meminfo_huge(const char *text, struct ot_settings *s);

#endif /* _OOMTRACE_SETTINGS_H */
