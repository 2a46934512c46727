/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_SAMPLER_H
#define _OOMTRACE_SAMPLER_H

int ot_sampler_init(void);
void ot_sampler_exit(void);

#endif /* _OOMTRACE_SAMPLER_H */
