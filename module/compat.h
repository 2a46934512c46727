/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between kernels, decided from the target's own headers by
 * Kbuild (OT_HAVE_* flags), not from version numbers: stable trees
 * backport tracepoint changes.
 */
#ifndef _OOMTRACE_COMPAT_H
#define _OOMTRACE_COMPAT_H

#include <linux/version.h>

/* get_kretprobe() and NR_PAGETABLE as a node counter arrived in 5.11. */
#if KERNEL_VERSION(5, 11, 0) > LINUX_VERSION_CODE
#error "oomtrace needs Linux 5.11 or newer"
#endif

#include <linux/kprobes.h>
#include <linux/skbuff.h>

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
 * it. On other architectures attribution through family functions falls
 * back to unwinding the stack.
 */
static inline unsigned long ot_entry_return_address(struct pt_regs *regs)
{
#if defined(CONFIG_X86)
	return *(unsigned long *)kernel_stack_pointer(regs);
#elif defined(CONFIG_ARM64)
	return procedure_link_pointer(regs);
#else
	return 0;
#endif
}

#ifndef OT_HAVE_GET_KRETPROBE_RETADDR
static nokprobe_inline unsigned long get_kretprobe_retaddr(struct kretprobe_instance *ri)
{
	return (unsigned long)ri->ret_addr;
}
#endif

#endif /* _OOMTRACE_COMPAT_H */
