// SPDX-License-Identifier: GPL-2.0
/*
 * The module's allocations, counted. The count is what `stats` reports
 * as footprint_bytes; the benchmark holds it against the drop in MemFree
 * at load on machines of 2 to 64 CPUs.
 */
#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "compat.h"
#include "mem.h"

static atomic_long_t ot_mem_bytes = ATOMIC_LONG_INIT(0);

/* What the allocator gave for a @size request that returned @p. */
static size_t ot_mem_size(const void *p, size_t size)
{
	if (!p)
		return 0;
	return is_vmalloc_addr(p) ? PAGE_ALIGN(size) : ksize(p);
}

static void *ot_charged(void *p, size_t size)
{
	atomic_long_add(ot_mem_size(p, size), &ot_mem_bytes);
	return p;
}

void *ot_vzalloc(size_t size)
{
	return ot_charged(vzalloc(size), size);
}

void *ot_vzalloc_node(size_t size, int node)
{
	return ot_charged(vzalloc_node(size, node), size);
}

/*
 * Small ones from kmalloc, the rest from vmalloc: kvzalloc() would try
 * kmalloc first at any size and pay for a power of two (a 152 KiB array
 * costing 256 KiB).
 */
void *ot_kvzalloc(size_t size)
{
	if (size > PAGE_SIZE)
		return ot_vzalloc(size);
	return ot_charged(kzalloc(size, GFP_KERNEL), size);
}

void ot_kvfree(const void *p, size_t size)
{
	atomic_long_sub(ot_mem_size(p, size), &ot_mem_bytes);
	kvfree(p);
}

/* Per-CPU memory costs @size on every possible CPU. */
void __percpu *ot_alloc_percpu(size_t size, size_t align)
{
	void __percpu *p = __alloc_percpu(size, align);

	if (p)
		atomic_long_add(size * num_possible_cpus(), &ot_mem_bytes);
	return p;
}

void ot_free_percpu(void __percpu *p, size_t size)
{
	if (p)
		atomic_long_sub(size * num_possible_cpus(), &ot_mem_bytes);
	free_percpu(p);
}

/* Memory the kernel allocates on the module's behalf (kretprobe instances). */
void ot_mem_charge_bytes(size_t bytes)
{
	atomic_long_add(bytes, &ot_mem_bytes);
}

void ot_mem_uncharge_bytes(size_t bytes)
{
	atomic_long_sub(bytes, &ot_mem_bytes);
}

/*
 * The kmalloc bucket a @size request lands in, for memory the kernel
 * allocates for us where we cannot ksize() it: the power-of-two caches
 * plus 96 and 192, never below the architecture's minimum alignment
 * (128 on arm64 before 6.5).
 */
size_t ot_kmalloc_size(size_t size)
{
	size_t min = max_t(size_t, ARCH_KMALLOC_MINALIGN, 8);

	if (min <= 32 && size > 64 && size <= 96)
		return 96;
	if (min <= 64 && size > 128 && size <= 192)
		return 192;
	return roundup_pow_of_two(max(size, min));
}

size_t ot_mem_footprint(void)
{
	long bytes = atomic_long_read(&ot_mem_bytes);

	return bytes > 0 ? bytes : 0;
}
