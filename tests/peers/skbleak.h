/* SPDX-License-Identifier: GPL-2.0 */
/* What skbleak's BPF side keeps, read by its loader. */
#ifndef SKBLEAK_H
#define SKBLEAK_H

/* Bytes and objects outstanding from one allocating stack. */
struct skbleak_stack_total {
	__u64 bytes;
	__u64 count;
};

/* One live object: its size and the stack that allocated it. */
struct skbleak_alloc {
	__u64 size;
	__s64 stack_id;
};

#endif
