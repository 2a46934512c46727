// SPDX-License-Identifier: GPL-2.0
/*
 * What each way of hooking a kernel function costs per hit, with a
 * handler that only counts: the floor under any tracer built on it.
 * make bench attaches one mechanism at a time to the sites bench_skb's
 * skb loop passes once per iteration, and compares the loop's time with
 * none attached:
 *
 *   kprobe            entry probe on __alloc_skb
 *   kretprobe         return probe on __alloc_skb (entry and return hits)
 *   kretprobe-skip    the same, its entry handler declining every instance
 *                     (what a sampled-out call costs a return probe)
 *   ftrace            an ftrace_ops callback on __alloc_skb's entry
 *   tracepoint        the skb:consume_skb tracepoint
 *
 *   echo kprobe >/sys/module/bench_hooks/parameters/hook
 *   cat /sys/module/bench_hooks/parameters/hits
 *
 * "none" detaches. hits counts handler calls since the last attach, so a
 * mechanism that did not fire cannot pass for a cheap one.
 */
#include <linux/ftrace.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/version.h>

#define BENCH_HOOKS_FUNC "__alloc_skb"
#define BENCH_HOOKS_TP "consume_skb"

/*
 * ftrace callbacks take ftrace_regs from 5.11, and only from then does
 * FTRACE_OPS_FL_RECURSION ask ftrace to guard against recursion.
 */
#if defined(CONFIG_DYNAMIC_FTRACE) && LINUX_VERSION_CODE >= KERNEL_VERSION(5, 11, 0)
#define BENCH_HOOKS_FTRACE 1
#endif

enum bench_hook {
	BENCH_HOOK_NONE,
	BENCH_HOOK_KPROBE,
	BENCH_HOOK_KRETPROBE,
	BENCH_HOOK_KRETPROBE_SKIP,
	BENCH_HOOK_FTRACE,
	BENCH_HOOK_TRACEPOINT,
};

static const char * const bench_hook_names[] = {
	[BENCH_HOOK_NONE] = "none",
	[BENCH_HOOK_KPROBE] = "kprobe",
	[BENCH_HOOK_KRETPROBE] = "kretprobe",
	[BENCH_HOOK_KRETPROBE_SKIP] = "kretprobe-skip",
	[BENCH_HOOK_FTRACE] = "ftrace",
	[BENCH_HOOK_TRACEPOINT] = "tracepoint",
};

static DEFINE_MUTEX(bench_hooks_lock);
static enum bench_hook bench_hook_attached;
static DEFINE_PER_CPU(unsigned long, bench_hooks_hits);
static struct tracepoint *bench_hooks_tp;

static __always_inline void bench_hooks_hit(void)
{
	this_cpu_inc(bench_hooks_hits);
}

static int bench_hooks_kprobe_pre(struct kprobe *p, struct pt_regs *regs)
{
	bench_hooks_hit();
	return 0;
}

static int bench_hooks_kret_entry(struct kretprobe_instance *ri,
				  struct pt_regs *regs)
{
	bench_hooks_hit();
	return 0;
}

/* Nonzero: no return hook for this call, as a sampled-out call gets. */
static int bench_hooks_kret_skip(struct kretprobe_instance *ri,
				 struct pt_regs *regs)
{
	bench_hooks_hit();
	return 1;
}

static int bench_hooks_kret_ret(struct kretprobe_instance *ri,
				struct pt_regs *regs)
{
	bench_hooks_hit();
	return 0;
}

/* Called with the tracepoint's arguments, which it ignores. */
static void bench_hooks_tp_func(void *data)
{
	bench_hooks_hit();
}

static struct kprobe bench_hooks_kp;
static struct kretprobe bench_hooks_krp;

#ifdef BENCH_HOOKS_FTRACE
static void bench_hooks_ftrace_func(unsigned long ip, unsigned long parent_ip,
				    struct ftrace_ops *op,
				    struct ftrace_regs *fregs)
{
	bench_hooks_hit();
}

static struct ftrace_ops bench_hooks_fops = {
	.func = bench_hooks_ftrace_func,
	.flags = FTRACE_OPS_FL_RECURSION,
};

static int bench_hooks_ftrace_attach(void)
{
	int err = ftrace_set_filter(&bench_hooks_fops, BENCH_HOOKS_FUNC,
				    strlen(BENCH_HOOKS_FUNC), 1);

	return err ?: register_ftrace_function(&bench_hooks_fops);
}

static void bench_hooks_ftrace_detach(void)
{
	unregister_ftrace_function(&bench_hooks_fops);
	ftrace_set_filter(&bench_hooks_fops, NULL, 0, 1);
}
#else
static int bench_hooks_ftrace_attach(void)
{
	return -EOPNOTSUPP;
}

static void bench_hooks_ftrace_detach(void)
{
}
#endif

static void bench_hooks_find_tp(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, BENCH_HOOKS_TP))
		bench_hooks_tp = tp;
}

static int bench_hooks_attach(enum bench_hook h)
{
	switch (h) {
	case BENCH_HOOK_KPROBE:
		memset(&bench_hooks_kp, 0, sizeof(bench_hooks_kp));
		bench_hooks_kp.symbol_name = BENCH_HOOKS_FUNC;
		bench_hooks_kp.pre_handler = bench_hooks_kprobe_pre;
		return register_kprobe(&bench_hooks_kp);
	case BENCH_HOOK_KRETPROBE:
	case BENCH_HOOK_KRETPROBE_SKIP:
		memset(&bench_hooks_krp, 0, sizeof(bench_hooks_krp));
		bench_hooks_krp.kp.symbol_name = BENCH_HOOKS_FUNC;
		bench_hooks_krp.entry_handler = h == BENCH_HOOK_KRETPROBE ?
			bench_hooks_kret_entry : bench_hooks_kret_skip;
		bench_hooks_krp.handler = bench_hooks_kret_ret;
		bench_hooks_krp.maxactive = 4 * num_possible_cpus();
		return register_kretprobe(&bench_hooks_krp);
	case BENCH_HOOK_FTRACE:
		return bench_hooks_ftrace_attach();
	case BENCH_HOOK_TRACEPOINT:
		bench_hooks_tp = NULL;
		for_each_kernel_tracepoint(bench_hooks_find_tp, NULL);
		if (!bench_hooks_tp)
			return -ENOENT;
		return tracepoint_probe_register(bench_hooks_tp,
						 bench_hooks_tp_func, NULL);
	default:
		return 0;
	}
}

static void bench_hooks_detach(enum bench_hook h)
{
	switch (h) {
	case BENCH_HOOK_KPROBE:
		unregister_kprobe(&bench_hooks_kp);
		break;
	case BENCH_HOOK_KRETPROBE:
	case BENCH_HOOK_KRETPROBE_SKIP:
		unregister_kretprobe(&bench_hooks_krp);
		break;
	case BENCH_HOOK_FTRACE:
		bench_hooks_ftrace_detach();
		break;
	case BENCH_HOOK_TRACEPOINT:
		tracepoint_probe_unregister(bench_hooks_tp, bench_hooks_tp_func,
					    NULL);
		/* No handler may still be running when the module goes. */
		tracepoint_synchronize_unregister();
		break;
	default:
		break;
	}
}

static int bench_hooks_hook_set(const char *val, const struct kernel_param *kp)
{
	char buf[32];
	int h, err, cpu;

	if (strscpy(buf, val, sizeof(buf)) < 0)
		goto bad;
	h = match_string(bench_hook_names, ARRAY_SIZE(bench_hook_names),
			 strim(buf));
	if (h < 0)
		goto bad;

	mutex_lock(&bench_hooks_lock);
	bench_hooks_detach(bench_hook_attached);
	bench_hook_attached = BENCH_HOOK_NONE;
	for_each_possible_cpu(cpu)
		per_cpu(bench_hooks_hits, cpu) = 0;
	err = bench_hooks_attach(h);
	if (err)
		pr_err("hook: cannot attach %s: %d\n", bench_hook_names[h], err);
	else
		bench_hook_attached = h;
	mutex_unlock(&bench_hooks_lock);
	return err;

bad:
	pr_err("hook: '%.*s' is not none, kprobe, kretprobe, kretprobe-skip, ftrace or tracepoint\n",
	       (int)strcspn(val, "\n"), val);
	return -EINVAL;
}

static int bench_hooks_hook_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", bench_hook_names[bench_hook_attached]);
}

static const struct kernel_param_ops bench_hooks_hook_ops = {
	.set = bench_hooks_hook_set,
	.get = bench_hooks_hook_get,
};
module_param_cb(hook, &bench_hooks_hook_ops, NULL, 0644);
MODULE_PARM_DESC(hook, "mechanism attached: none, kprobe, kretprobe, kretprobe-skip, ftrace, tracepoint");

static int bench_hooks_hits_get(char *buf, const struct kernel_param *kp)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(bench_hooks_hits, cpu);
	return sysfs_emit(buf, "%lu\n", sum);
}

static const struct kernel_param_ops bench_hooks_hits_ops = {
	.get = bench_hooks_hits_get,
};
module_param_cb(hits, &bench_hooks_hits_ops, NULL, 0444);
MODULE_PARM_DESC(hits, "handler calls since the last attach");

static int __init bench_hooks_init(void)
{
	return 0;
}

static void __exit bench_hooks_exit(void)
{
	bench_hooks_detach(bench_hook_attached);
}

module_init(bench_hooks_init);
module_exit(bench_hooks_exit);
MODULE_DESCRIPTION("Test tool: the cost per hit of each kernel hook mechanism");
MODULE_LICENSE("GPL");
