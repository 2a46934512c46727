/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between kernels, decided from the target's own headers by
 * Kbuild (OT_HAVE_* flags), not from version numbers: stable trees
 * backport tracepoint changes.
 */
#ifndef _OOMTRACE_COMPAT_H
#define _OOMTRACE_COMPAT_H

#include <linux/version.h>

/*
 * The one version check: older kernels lack the tracepoints and kprobe
 * features everything else is built on. Everything newer is decided by
 * what the target's headers have.
 */
#if KERNEL_VERSION(4, 14, 0) > LINUX_VERSION_CODE
#error "oomtrace needs Linux 4.14 or newer"
#endif

#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/seq_file.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/stacktrace.h>
#include <linux/vmstat.h>

/* kvcalloc() arrived in 4.18; kvmalloc_array() is the same thing without zeroing. */
#ifndef OT_HAVE_KVCALLOC
static inline void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	return kvmalloc_array(n, size, flags | __GFP_ZERO);
}
#endif

/* 4.18. Sizes here come from validated parameters: they cannot overflow. */
#ifndef array_size
#define array_size(a, b)	((size_t)(a) * (size_t)(b))
#endif
#ifndef array3_size
#define array3_size(a, b, c)	((size_t)(a) * (size_t)(b) * (size_t)(c))
#endif

/* 4.16 */
#ifndef DEFINE_SHOW_ATTRIBUTE
#define DEFINE_SHOW_ATTRIBUTE(__name)					\
static int __name ## _open(struct inode *inode, struct file *file)	\
{									\
	return single_open(file, __name ## _show, inode->i_private);	\
}									\
									\
static const struct file_operations __name ## _fops = {			\
	.owner		= THIS_MODULE,					\
	.open		= __name ## _open,				\
	.read		= seq_read,					\
	.llseek		= seq_lseek,					\
	.release	= single_release,				\
}
#endif

/* 5.4: skb_frag_t became a bio_vec and grew accessors. */
#ifndef OT_HAVE_SKB_FRAG_OFF
static inline unsigned int skb_frag_off(const skb_frag_t *frag)
{
	return frag->page_offset;
}
#endif

/* 5.2 */
#ifndef OT_HAVE_PAGE_SIZE
static inline unsigned long page_size(struct page *page)
{
	return PAGE_SIZE << compound_order(page);
}
#endif

/* totalram_pages became a function in 5.0. */
static inline unsigned long ot_totalram_pages(void)
{
#ifdef OT_HAVE_TOTALRAM_PAGES_FN
	return totalram_pages();
#else
	return totalram_pages;
#endif
}

/* 4.17 */
#ifndef OT_HAVE_MANAGED_ZONE
static inline bool managed_zone(struct zone *zone)
{
	return zone->managed_pages;
}
#endif

/*
 * Slab counters count bytes since 5.9 (pages before); kernel stacks became
 * a node counter in 5.9, page tables in 5.11. In pages or KiB as named.
 */
static inline unsigned long ot_slab_pages(bool reclaimable)
{
#ifdef OT_HAVE_NODE_SLAB_B
	return global_node_page_state_pages(reclaimable ? NR_SLAB_RECLAIMABLE_B :
					    NR_SLAB_UNRECLAIMABLE_B);
#else
	return global_node_page_state(reclaimable ? NR_SLAB_RECLAIMABLE :
				      NR_SLAB_UNRECLAIMABLE);
#endif
}

static inline unsigned long ot_kernel_stack_kb(void)
{
#ifdef OT_HAVE_NODE_KERNEL_STACK
	return global_node_page_state(NR_KERNEL_STACK_KB);
#else
	return global_zone_page_state(NR_KERNEL_STACK_KB);
#endif
}

static inline unsigned long ot_pagetable_pages(void)
{
#ifdef OT_HAVE_NODE_PAGETABLE
	return global_node_page_state(NR_PAGETABLE);
#else
	return global_zone_page_state(NR_PAGETABLE);
#endif
}

/* The page counter's limit was called limit until 4.18. */
#ifdef OT_HAVE_PAGE_COUNTER_MAX
#define OT_PAGE_COUNTER_LIMIT(pc)	READ_ONCE((pc)->max)
#else
#define OT_PAGE_COUNTER_LIMIT(pc)	READ_ONCE((pc)->limit)
#endif

/* stack_trace_save() replaced struct stack_trace in 5.2. */
static inline unsigned int ot_stack_trace_save(unsigned long *store, unsigned int size,
					       unsigned int skip)
{
#ifdef OT_HAVE_STACK_TRACE_SAVE
	return stack_trace_save(store, size, skip);
#else
	struct stack_trace trace = {
		.entries = store,
		.max_entries = size,
		.skip = skip,
	};

	save_stack_trace(&trace);
	return trace.nr_entries;
#endif
}

/*
 * The n-th integer argument at a probed function's entry. The generic
 * accessor exists on x86 since 4.20 and on arm64 since 5.7; before that,
 * and on 32-bit arm, the registers are read by the calling convention.
 */
static inline unsigned long ot_regs_argument(struct pt_regs *regs, unsigned int n)
{
#if defined(OT_HAVE_REGS_KERNEL_ARGUMENT)
	return regs_get_kernel_argument(regs, n);
#elif defined(CONFIG_X86_64)
	static const unsigned int offs[] = {
		offsetof(struct pt_regs, di), offsetof(struct pt_regs, si),
		offsetof(struct pt_regs, dx), offsetof(struct pt_regs, cx),
		offsetof(struct pt_regs, r8), offsetof(struct pt_regs, r9),
	};

	return n < ARRAY_SIZE(offs) ? *(unsigned long *)((char *)regs + offs[n]) : 0;
#elif defined(CONFIG_ARM64)
	return n < 8 ? regs->regs[n] : 0;
#elif defined(CONFIG_ARM)
	return n < 4 ? regs->uregs[n] : 0;
#else
	return 0;
#endif
}

/* get_kretprobe() (5.11) hides where the instance keeps its kretprobe. */
#ifdef OT_HAVE_GET_KRETPROBE
#define ot_get_kretprobe(ri)	get_kretprobe(ri)
#else
#define ot_get_kretprobe(ri)	((ri)->rp)
#endif

/* skb:kfree_skb grew a drop reason (5.17, 5.15.y), then rx_sk (6.11). */
#if defined(OT_HAVE_KFREE_SKB_RX_SK)
#define OT_KFREE_SKB_ARGS struct sk_buff *skb, void *location, \
	enum skb_drop_reason reason, struct sock *rx_sk
#elif defined(OT_HAVE_KFREE_SKB_REASON)
#define OT_KFREE_SKB_ARGS struct sk_buff *skb, void *location, \
	enum skb_drop_reason reason
#else
#define OT_KFREE_SKB_ARGS struct sk_buff *skb, void *location
#endif

/* skb:consume_skb gained the caller's location in 6.3. */
#ifdef OT_HAVE_CONSUME_SKB_LOCATION
#define OT_CONSUME_SKB_ARGS struct sk_buff *skb, void *location
#else
#define OT_CONSUME_SKB_ARGS struct sk_buff *skb
#endif

/* oom:mark_victim passes the task since 6.9 (and in some 6.1.y). */
#ifdef OT_HAVE_MARK_VICTIM_TASK
#define OT_MARK_VICTIM_ARGS struct task_struct *task, uid_t uid
#define OT_MARK_VICTIM_PID (task->pid)
#else
#define OT_MARK_VICTIM_ARGS int pid
#define OT_MARK_VICTIM_PID (pid)
#endif

/*
 * The return address as a probe on a function's first instruction sees
 * it: on the stack on x86, in the link register on arm. Elsewhere
 * attribution through family functions falls back to unwinding.
 */
static inline unsigned long ot_entry_return_address(struct pt_regs *regs)
{
#if defined(CONFIG_X86)
	return *(unsigned long *)kernel_stack_pointer(regs);
#elif defined(CONFIG_ARM64) && defined(OT_HAVE_PROCEDURE_LINK_POINTER)
	return procedure_link_pointer(regs);
#elif defined(CONFIG_ARM64)
	return regs->regs[30];
#elif defined(CONFIG_ARM)
	return regs->ARM_lr;
#else
	return 0;
#endif
}

/*
 * Entry probes through ftrace (entryhook.c) need the callback to get the
 * full registers: ftrace_get_regs() (5.11, with ftrace_regs and
 * FTRACE_OPS_FL_RECURSION) on an arch that saves them all. Newer arm64
 * kernels save only the argument registers (DYNAMIC_FTRACE_WITH_ARGS,
 * Debian's 6.12): kprobes there.
 */
#if defined(CONFIG_DYNAMIC_FTRACE_WITH_REGS) && defined(OT_HAVE_FTRACE_GET_REGS)
#define OT_HAVE_FTRACE_HOOKS
#endif

#ifndef OT_HAVE_GET_KRETPROBE_RETADDR
static nokprobe_inline unsigned long get_kretprobe_retaddr(struct kretprobe_instance *ri)
{
	return (unsigned long)ri->ret_addr;
}
#endif

#endif /* _OOMTRACE_COMPAT_H */
