// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only: sees every slab and page allocation that one module's code
 * makes, and fails the one a test asks for. x86_64's fault injection has
 * no stack filter (FAULT_INJECTION_STACKTRACE_FILTER depends on !X86_64),
 * so this does what that filter would: a return probe on the allocators'
 * fault-injection hooks (should_failslab, should_fail_alloc_page, both on
 * every allocation and meant for this) looks for the watched module's
 * code on the stack, counts the call, and on the Nth one makes the hook
 * say "fail".
 *
 *   insmod alloc_spy.ko target=oomtrace during=oom
 *	count allocations made from oomtrace's code inside out_of_memory()
 *   insmod alloc_spy.ko target=oomtrace during=load
 *	echo $$ >/sys/module/alloc_spy/parameters/pid; exec insmod oomtrace.ko
 *	count those made by that task while the module loads; with
 *	fail_site=SITE<-CALLER set, the first of them made there fails.
 *	A site, not a number: how many allocations a call makes inside the
 *	kernel (a dentry on a first open, none after) differs between loads.
 *
 * Each one counted is logged: "alloc_spy: #N slab from SITE<-CALLER via
 * CALLEE" (the two innermost frames in the module, and the kernel function
 * it called there; " (failed)" if it was failed).
 * (with log=0 only the failed one).
 * seen, failed, ooms and missed are read back from the parameters; missed
 * counts probe instances that ran out, and an allocation could hide there.
 * oom_alloc=1 makes the spy's own OOM notifier allocate: with
 * target=alloc_spy that is the control showing an allocation inside the
 * OOM path is seen.
 */
#include <linux/atomic.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/oom.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <linux/version.h>

static char *target = "oomtrace";
module_param(target, charp, 0444);
MODULE_PARM_DESC(target, "the module whose allocations are watched");
static char *during = "oom";
module_param(during, charp, 0444);
MODULE_PARM_DESC(during, "oom: inside out_of_memory(); load: by task pid");
static int pid;
module_param(pid, int, 0644);
MODULE_PARM_DESC(pid, "during=load: the task that loads the target");
static char fail_site[200];
module_param_string(fail_site, fail_site, sizeof(fail_site), 0644);
MODULE_PARM_DESC(fail_site, "fail the first allocation of a load from SITE<-CALLER (as logged)");
static bool log_all = true;
module_param_named(log, log_all, bool, 0644);
MODULE_PARM_DESC(log, "log every allocation counted (0: only the failed one)");
static bool oom_alloc;
module_param(oom_alloc, bool, 0644);
MODULE_PARM_DESC(oom_alloc, "the spy's own OOM notifier allocates (the control)");

static atomic_t spy_seen, spy_failed, spy_ooms;
static bool spy_failed_this_load;
static int spy_get_atomic(char *buf, const struct kernel_param *kp)
{
	return sprintf(buf, "%d\n", atomic_read((atomic_t *)kp->arg));
}

static const struct kernel_param_ops spy_count_ops = { .get = spy_get_atomic };
module_param_cb(seen, &spy_count_ops, &spy_seen, 0444);
module_param_cb(failed, &spy_count_ops, &spy_failed, 0444);
module_param_cb(ooms, &spy_count_ops, &spy_ooms, 0444);

static struct task_struct *spy_oom_task;	/* in out_of_memory(), under oom_lock */
static bool spy_in_oom;

/* The watched module's code: its core and init text, copied at load. */
struct spy_range {
	unsigned long start, end;
};

static struct spy_range spy_ranges[4];
static unsigned int spy_nr_ranges;

static void spy_add_range(void *base, unsigned int size)
{
	if (base && size && spy_nr_ranges < ARRAY_SIZE(spy_ranges)) {
		spy_ranges[spy_nr_ranges].start = (unsigned long)base;
		spy_ranges[spy_nr_ranges].end = (unsigned long)base + size;
		spy_nr_ranges++;
	}
}

/* Counting starts again at each load, and fail_site fails once per load. */
static void spy_watch(struct module *mod)
{
	WRITE_ONCE(spy_nr_ranges, 0);
	atomic_set(&spy_seen, 0);
	WRITE_ONCE(spy_failed_this_load, false);
#ifdef for_each_mod_mem_type	/* 6.4: one table of module memory */
	spy_add_range(mod->mem[MOD_TEXT].base, mod->mem[MOD_TEXT].size);
	spy_add_range(mod->mem[MOD_INIT_TEXT].base, mod->mem[MOD_INIT_TEXT].size);
#else
	spy_add_range(mod->core_layout.base, mod->core_layout.size);
	spy_add_range(mod->init_layout.base, mod->init_layout.size);
#endif
}

static int spy_module_event(struct notifier_block *nb, unsigned long state, void *data)
{
	struct module *mod = data;

	if (strcmp(mod->name, target))
		return NOTIFY_DONE;
	if (state == MODULE_STATE_COMING)
		spy_watch(mod);
	else if (state == MODULE_STATE_GOING)
		WRITE_ONCE(spy_nr_ranges, 0);
	return NOTIFY_DONE;
}

static struct notifier_block spy_module_nb = { .notifier_call = spy_module_event };

/*
 * The innermost return address in the watched module's code, the one
 * after it (0 if none), and the kernel function the module called there
 * (0 if it allocated itself): a helper such as a kvzalloc wrapper is one
 * site per caller. False when the module's code is not on the stack.
 */
static bool spy_site(unsigned long *site, unsigned long *caller, unsigned long *callee)
{
	unsigned long trace[48];
	unsigned int n = stack_trace_save(trace, ARRAY_SIZE(trace), 0), i, r;
	unsigned int nr = READ_ONCE(spy_nr_ranges);

	*site = *caller = *callee = 0;
	for (i = 0; i < n; i++)
		for (r = 0; r < nr; r++)
			if (trace[i] >= spy_ranges[r].start && trace[i] < spy_ranges[r].end) {
				if (*site) {
					*caller = trace[i];
					return true;
				}
				*site = trace[i];
				*callee = i ? trace[i - 1] : 0;
				break;
			}
	return *site;
}

/* "func+0x1c/0x40", without the " [module]" that %pS appends. */
static void spy_name(char *buf, size_t size, unsigned long addr)
{
	if (!addr) {
		strscpy(buf, "-", size);
		return;
	}
	snprintf(buf, size, "%pS", (void *)addr);
	buf[strcspn(buf, " ")] = '\0';
}

/*
 * Failing is x86_64 only, where the tests use it: 32-bit arm has no
 * regs_set_return_value() before 6.x. Elsewhere the spy only counts.
 */
static bool spy_can_fail(void)
{
	return IS_ENABLED(CONFIG_X86_64);
}

static void spy_set_return(struct pt_regs *regs, long v)
{
#ifdef CONFIG_X86_64
	regs->ax = v;
#endif
}

/* __GFP_NOFAIL must not fail; x86_64 passes gfp in di (pages) or si (slab). */
static bool spy_nofail(struct pt_regs *regs, bool slab)
{
#ifdef CONFIG_X86_64
	return (slab ? regs->si : regs->di) & __GFP_NOFAIL;
#else
	return false;
#endif
}

/* fail_site as written to sysfs, where echo adds a newline. */
static bool spy_is_fail_site(const char *key)
{
	size_t len = strcspn(fail_site, "\n");

	return len && strlen(key) == len && !strncmp(key, fail_site, len);
}

struct spy_call {
	bool fail;
};

static int spy_alloc_entry(struct kretprobe_instance *ri, struct pt_regs *regs, bool slab)
{
	struct spy_call *call = (struct spy_call *)ri->data;
	unsigned long site, caller, callee;
	char at[96], from[96], via[96], key[200];
	int n;

	if (!READ_ONCE(spy_nr_ranges))
		return 1;
	if (spy_in_oom) {
		if (READ_ONCE(spy_oom_task) != current)
			return 1;
	} else if (current->pid != READ_ONCE(pid)) {
		return 1;
	}
	if (!spy_site(&site, &caller, &callee))
		return 1;
	n = atomic_inc_return(&spy_seen);
	spy_name(at, sizeof(at), site);
	spy_name(from, sizeof(from), caller);
	spy_name(via, sizeof(via), callee);
	snprintf(key, sizeof(key), "%s<-%s", at, from);
	/* The loading task is the only one here: no race on the flag. */
	call->fail = spy_can_fail() && !spy_in_oom && !READ_ONCE(spy_failed_this_load) &&
		     spy_is_fail_site(key) && !spy_nofail(regs, slab);
	if (call->fail)
		WRITE_ONCE(spy_failed_this_load, true);
	if (READ_ONCE(log_all) || call->fail)
		pr_info("#%d %s from %s via %s%s\n", n, slab ? "slab" : "page", key, via,
			call->fail ? " (failed)" : "");
	return 0;
}

static int spy_slab_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return spy_alloc_entry(ri, regs, true);
}

static int spy_page_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return spy_alloc_entry(ri, regs, false);
}

static int spy_slab_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	if (((struct spy_call *)ri->data)->fail) {
		spy_set_return(regs, -ENOMEM);
		atomic_inc(&spy_failed);
	}
	return 0;
}

static int spy_page_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	if (((struct spy_call *)ri->data)->fail) {
		spy_set_return(regs, 1);
		atomic_inc(&spy_failed);
	}
	return 0;
}

static int spy_oom_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	atomic_inc(&spy_ooms);
	WRITE_ONCE(spy_oom_task, current);
	return 0;
}

static int spy_oom_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	WRITE_ONCE(spy_oom_task, NULL);
	return 0;
}

/* Enough for every CPU in an allocation, nested in an interrupt or two. */
#define SPY_MAXACTIVE 256

static struct kretprobe spy_probes[] = {
	{ .kp.symbol_name = "should_failslab", .entry_handler = spy_slab_entry,
	  .handler = spy_slab_ret, .data_size = sizeof(struct spy_call),
	  .maxactive = SPY_MAXACTIVE },
	{ .kp.symbol_name = "should_fail_alloc_page", .entry_handler = spy_page_entry,
	  .handler = spy_page_ret, .data_size = sizeof(struct spy_call),
	  .maxactive = SPY_MAXACTIVE },
	{ .kp.symbol_name = "out_of_memory", .entry_handler = spy_oom_entry,
	  .handler = spy_oom_ret, .maxactive = 8 },
};

static int spy_get_missed(char *buf, const struct kernel_param *kp)
{
	unsigned long missed = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(spy_probes); i++)
		missed += spy_probes[i].nmissed;
	return sprintf(buf, "%lu\n", missed);
}

static const struct kernel_param_ops spy_missed_ops = { .get = spy_get_missed };
module_param_cb(missed, &spy_missed_ops, NULL, 0444);

/* The control: an allocation the OOM path makes, from this module's code. */
static int spy_oom_notify(struct notifier_block *nb, unsigned long unused, void *freed)
{
	void *p;

	if (!READ_ONCE(oom_alloc))
		return NOTIFY_OK;
	p = kmalloc(64, GFP_NOWAIT | __GFP_NOWARN);
	kfree(p);
	return NOTIFY_OK;
}

static struct notifier_block spy_oom_nb = { .notifier_call = spy_oom_notify };

static int __init spy_init(void)
{
	struct kretprobe *rps[ARRAY_SIZE(spy_probes)];
	unsigned int i;
	int ret;

	if (!strcmp(during, "oom")) {
		spy_in_oom = true;
	} else if (strcmp(during, "load")) {
		pr_err("during=%s: not oom or load\n", during);
		return -EINVAL;
	}
	if (!strcmp(target, THIS_MODULE->name))
		spy_watch(THIS_MODULE);
	ret = register_module_notifier(&spy_module_nb);
	if (ret)
		return ret;
	ret = register_oom_notifier(&spy_oom_nb);
	if (ret)
		goto err_module;
	for (i = 0; i < ARRAY_SIZE(spy_probes); i++)
		rps[i] = &spy_probes[i];
	ret = register_kretprobes(rps, ARRAY_SIZE(rps));
	if (ret) {
		pr_err("cannot probe the allocators' hooks: %d\n", ret);
		goto err_oom;
	}
	pr_info("watching %s's allocations (%s)\n", target, during);
	return 0;

err_oom:
	unregister_oom_notifier(&spy_oom_nb);
err_module:
	unregister_module_notifier(&spy_module_nb);
	return ret;
}

static void __exit spy_exit(void)
{
	struct kretprobe *rps[ARRAY_SIZE(spy_probes)];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(spy_probes); i++)
		rps[i] = &spy_probes[i];
	unregister_kretprobes(rps, ARRAY_SIZE(rps));
	unregister_oom_notifier(&spy_oom_nb);
	unregister_module_notifier(&spy_module_nb);
}

module_init(spy_init);
module_exit(spy_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test only: count and fail one module's allocations");
