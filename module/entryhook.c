// SPDX-License-Identifier: GPL-2.0
/*
 * Entry probes through ftrace. Where the kernel can hand an ftrace
 * callback the full registers (DYNAMIC_FTRACE_WITH_REGS), an entry probe
 * is a call from the function's patched first instruction instead of a
 * kprobe: on arm64, which has no kprobes on ftrace, a kprobe hit is a
 * BRK trap and a single step, about ten times the cost (make bench, hook
 * floors). One ftrace_ops serves every entry probe, so the kernel walks
 * one callback per hit whatever their number; the callback finds the
 * probe by the function its address falls in. Each function is hooked by
 * address, not name: a name may stand for several static functions.
 *
 * Handlers keep what a kprobe gives them: the same pt_regs at entry,
 * interrupts off on this CPU (so no probe handler nests in another but in
 * NMI) and preemption off, and nothing runs where RCU is not watching,
 * which ot_probes_quiesce() relies on.
 */
#include <linux/bug.h>
#include <linux/ftrace.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "entryhook.h"
#include "symbols.h"

#ifdef OT_HAVE_FTRACE_HOOKS

/* The built-in table's entry probes (tx_clean= and the OOM hook are kprobes). */
#define OT_ENTRYHOOK_MAX 32

struct ot_entryhook_site {
	unsigned long start, end;	/* the function, [start, end) */
	struct ot_probe *probe;		/* NULL once removed */
};

static struct ot_entryhook_site ot_entryhook_sites[OT_ENTRYHOOK_MAX];
static unsigned int ot_entryhook_nr;
static bool ot_entryhook_live;
static bool ot_entryhook_filtered;	/* the ops hold a filter hash */

static notrace void ot_entryhook_call(unsigned long ip, unsigned long parent_ip,
				      struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	unsigned int i, n = READ_ONCE(ot_entryhook_nr);
	unsigned long flags;

	if (!regs)
		return;
	local_irq_save(flags);
	/*
	 * One probe per function: the table's targets are distinct, and the
	 * kprobe_only ones (which may repeat, tx_clean=) never come here. A
	 * removed site is skipped, in case its function is hooked again.
	 */
	for (i = 0; i < n; i++) {
		struct ot_entryhook_site *s = &ot_entryhook_sites[i];
		struct ot_probe *p;

		if (ip < s->start || ip >= s->end)
			continue;
		p = READ_ONCE(s->probe);
		if (!p)
			continue;
		p->pre(&p->kp, regs);
		break;
	}
	local_irq_restore(flags);
}

/*
 * ftrace guards recursion; RCU: see above. PERMANENT: with the
 * kernel.ftrace_enabled sysctl off, registering fails (and the probes
 * become kprobes) instead of leaving every call site unpatched, and the
 * sysctl cannot be turned off under us.
 */
static struct ftrace_ops ot_entryhook_ops = {
	.func = ot_entryhook_call,
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_RECURSION |
		 FTRACE_OPS_FL_RCU | FTRACE_OPS_FL_PERMANENT,
};

/*
 * ftrace's patch site in the function starting at @start: the start on
 * x86 without IBT; past ENDBR64 with it; past BTI and the saved-LR move
 * on arm64. Newer kernels map the start to it themselves.
 */
static int ot_entryhook_filter(unsigned long start)
{
	static const unsigned int offs[] = { 0, 4, 8 };
	unsigned int i;
	int err = -EINVAL;

	for (i = 0; i < ARRAY_SIZE(offs) && err == -EINVAL; i++)
		err = ftrace_set_filter_ip(&ot_entryhook_ops, start + offs[i], 0, 0);
	return err;
}

int ot_entryhook_add(struct ot_probe *p, const char *target)
{
	struct ot_entryhook_site *s;
	unsigned long start, end;
	int err;

	if (ot_entryhook_nr >= OT_ENTRYHOOK_MAX)
		return -ENOSPC;
	if (!ot_symbol_range(target, &start, &end))
		return -ENOENT;
	/* Fails for functions ftrace cannot patch (notrace, inlined away). */
	err = ot_entryhook_filter(start);
	if (err)
		return err;
	ot_entryhook_filtered = true;
	s = &ot_entryhook_sites[ot_entryhook_nr];
	s->start = start;
	s->end = end;
	s->probe = p;
	/* Published whole: the callback reads up to ot_entryhook_nr. */
	smp_store_release(&ot_entryhook_nr, ot_entryhook_nr + 1);
	p->kp.addr = (kprobe_opcode_t *)start;
	return 0;
}

void ot_entryhook_remove(struct ot_probe *p)
{
	unsigned int i;

	for (i = 0; i < ot_entryhook_nr; i++)
		if (ot_entryhook_sites[i].probe == p)
			WRITE_ONCE(ot_entryhook_sites[i].probe, NULL);
}

int ot_entryhook_start(void)
{
	int err;

	if (!ot_entryhook_nr)
		return 0;
	err = register_ftrace_function(&ot_entryhook_ops);
	ot_entryhook_live = !err;
	return err;
}

/*
 * After unregister_ftrace_function() no callback runs or can start; it
 * fails only once ftrace has shut itself down after a bug, and then our
 * ops stays on its list. The filter goes too, so that no hash of ours
 * outlives the module: freed where the kernel exports that (6.3, and
 * stable trees), else swapped for the kernel's empty one, which takes an
 * allocation that may fail.
 */
void ot_entryhook_stop(void)
{
	if (ot_entryhook_live)
		WARN_ON_ONCE(unregister_ftrace_function(&ot_entryhook_ops));
	ot_entryhook_live = false;
	if (ot_entryhook_filtered) {
#ifdef OT_HAVE_FTRACE_FREE_FILTER
		ftrace_free_filter(&ot_entryhook_ops);
#else
		if (ftrace_set_filter(&ot_entryhook_ops, NULL, 0, 1))
			pr_warn("ftrace filter not released: a few KiB leak\n");
#endif
		ot_entryhook_filtered = false;
	}
	memset(ot_entryhook_sites, 0, sizeof(ot_entryhook_sites));
	ot_entryhook_nr = 0;
}

#endif /* OT_HAVE_FTRACE_HOOKS */
