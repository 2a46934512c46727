/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_HISTORY_H
#define _OOMTRACE_HISTORY_H

struct ot_snapshot;

int ot_history_init(void);
void ot_history_exit(void);
void ot_history_reset(void);
void ot_history_forget_dev(unsigned int slot);
void ot_history_fill(struct ot_snapshot *snap);
void ot_history_record(const struct ot_snapshot *snap);

#endif /* _OOMTRACE_HISTORY_H */
