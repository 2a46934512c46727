/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_MEM_H
#define _OOMTRACE_MEM_H

#include <linux/percpu.h>
#include <linux/types.h>

/*
 * The module's own memory, allocated through these so that it is counted
 * as the allocator really hands it out (whole pages for vmalloc, the slab
 * bucket for kmalloc): `footprint_bytes` is what the machine pays. All of
 * it is allocated at load; only debugfs readers' snapshots come and go,
 * and they count while open. Frees take the size that was asked for.
 */
void *ot_vzalloc(size_t size);
void *ot_vzalloc_node(size_t size, int node);
void *ot_kvzalloc(size_t size);
void ot_kvfree(const void *p, size_t size);
void __percpu *ot_alloc_percpu(size_t size, size_t align);
void ot_free_percpu(void __percpu *p, size_t size);
void ot_mem_charge_bytes(size_t bytes);
void ot_mem_uncharge_bytes(size_t bytes);
size_t ot_kmalloc_size(size_t size);
size_t ot_mem_footprint(void);

#endif /* _OOMTRACE_MEM_H */
