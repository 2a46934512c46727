/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_COUNTERS_H
#define _OOMTRACE_COUNTERS_H

#include <asm/local64.h>
#include <linux/percpu.h>

/* Sum of a per-CPU counter; racy by design, read at snapshot time. */
static inline u64 ot_percpu_sum(local64_t __percpu *counter)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += local64_read(per_cpu_ptr(counter, cpu));
	return sum;
}

#endif /* _OOMTRACE_COUNTERS_H */
