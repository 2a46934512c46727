// SPDX-License-Identifier: GPL-2.0
/*
 * The probes, as a table. Each entry lists the names its target has had
 * across kernel versions; the first one present is attached. A target
 * that is absent (inlined, renamed) or refused (blacklisted) is reported
 * in `probes` and the module runs with the rest.
 *
 * Tracepoints are the primary free signal: they fire once when the last
 * reference drops, whatever inlining did. kprobes cover the frees that
 * emit no tracepoint (__kfree_skb() called directly); the free that
 * kfree_skb() reports and then passes to __kfree_skb() is recognised and
 * looked up once. Handlers run with preemption disabled in any context
 * and only touch memory allocated at load.
 */
#include <linux/kallsyms.h>
#include <linux/module.h>	/* MODULE_NAME_LEN for KSYM_SYMBOL_LEN before 4.15 */
#include <linux/netdevice.h>
#include <linux/ptrace.h>
#include <linux/seq_file.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "attrib.h"
#include "compat.h"
#include "entryhook.h"
#include "mem.h"
#include "oomtrace.h"
#include "probes.h"
#include "state.h"
#include "symbols.h"

/* Cleared while tables are reset; every handler checks it first. */
static bool ot_active;

/* Per-probe hit counters, indexed by ot_probe.index. */
static unsigned long __percpu *ot_hits;

/* Counts a hit; returns this CPU's count so far for @p. */
static unsigned long ot_hit(const struct ot_probe *p)
{
	return this_cpu_inc_return(ot_hits[p->index]);
}

static struct ot_probe *ot_kp_probe(struct kprobe *kp)
{
	return container_of(kp, struct ot_probe, kp);
}

static struct ot_probe *ot_krp_probe(struct kretprobe_instance *ri)
{
	return container_of(ot_get_kretprobe(ri), struct ot_probe, krp);
}

static unsigned long ot_arg(struct pt_regs *regs, unsigned int n)
{
	return ot_regs_argument(regs, n);
}

/*
 * The skb a free tracepoint last reported, per CPU and context: kfree_skb()
 * and consume_skb() call __kfree_skb() right after it, and that probe then
 * has nothing to do. A mark left by a tracepoint with no __kfree_skb()
 * after it (napi_consume_skb()) is overwritten by the next free and
 * dropped when its address is allocated again on this CPU. Should a direct
 * __kfree_skb() of a reused address still meet it, the object stays live
 * until its address is allocated again, which replaces it (counted stale).
 */
struct ot_traced_free {
	unsigned long skb[OT_NR_CONTEXTS];
};

static DEFINE_PER_CPU(struct ot_traced_free, ot_traced_free);

static void ot_free_traced(const struct sk_buff *skb)
{
	this_cpu_write(ot_traced_free.skb[ot_context()], (unsigned long)skb);
	ot_record_skb_free(skb);
}

/* True if @skb's free was just recorded by its tracepoint. */
static bool ot_free_seen(unsigned long skb)
{
	unsigned int ctx = ot_context();

	if (this_cpu_read(ot_traced_free.skb[ctx]) != skb)
		return false;
	this_cpu_write(ot_traced_free.skb[ctx], 0);
	return true;
}

static void ot_free_forget(unsigned long skb)
{
	unsigned int ctx = ot_context();

	if (this_cpu_read(ot_traced_free.skb[ctx]) == skb)
		this_cpu_write(ot_traced_free.skb[ctx], 0);
}

/*
 * A family function that allocates through other probed ones was entered:
 * what it allocates belongs to its caller (attrib.c).
 */
static void ot_enter_family(const struct ot_probe *p, struct pt_regs *regs)
{
	ot_attrib_enter(p->family_index, ot_entry_return_address(regs),
			kernel_stack_pointer(regs));
}

static int ot_family_entry_pre(struct kprobe *p, struct pt_regs *regs)
{
	ot_hit(ot_kp_probe(p));
	ot_enter_family(ot_kp_probe(p), regs);
	return 0;
}

/*
 * Wrappers still watched by a return probe (the ones whose inner
 * allocation the compiler inlined, see ot_trim_wrapper()): what they
 * return is recorded there, so the inner allocator's own return probe,
 * when they call it, has nothing to add.
 */
static struct ot_family ot_ret_wrappers;

/*
 * Whether to watch this allocation's return: the decision sample_every
 * asks for is taken here, at entry, so an allocation that is not sampled
 * costs no return probe at all (the kretprobe gives its instance back).
 */
static int ot_alloc_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	unsigned long n = ot_hit(ot_krp_probe(ri));

	if (ot_family_contains(&ot_ret_wrappers, ot_entry_return_address(regs)))
		return 1;
	return ot_sample_skip(n);
}

static int ot_skb_wrapper_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	unsigned long n = ot_hit(ot_krp_probe(ri));

	ot_enter_family(ot_krp_probe(ri), regs);
	return ot_sample_skip(n);
}

static int ot_skb_ret(struct kretprobe_instance *ri, struct pt_regs *regs,
		      enum ot_kind kind, bool wrapper)
{
	struct sk_buff *skb = (struct sk_buff *)regs_return_value(regs);

	if (!skb)
		return 0;
	ot_free_forget((unsigned long)skb);
	if (READ_ONCE(ot_active))
		ot_record_alloc(kind, (unsigned long)skb, skb->truesize,
				get_kretprobe_retaddr(ri), wrapper);
	return 0;
}

static int ot_skb_alloc_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return ot_skb_ret(ri, regs, OT_SKB, false);
}

/* Allocates through __alloc_skb for large sizes: may be recorded already. */
static int ot_skb_wrapper_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return ot_skb_ret(ri, regs, OT_SKB, true);
}

/*
 * A clone shares its data with the original: what it holds by itself is
 * the sk_buff (truesize would count the shared data once per clone).
 */
static int ot_skb_clone_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct sk_buff *skb = (struct sk_buff *)regs_return_value(regs);

	if (!skb)
		return 0;
	ot_free_forget((unsigned long)skb);
	if (READ_ONCE(ot_active))
		ot_record_alloc(OT_CLONE, (unsigned long)skb, sizeof(*skb),
				get_kretprobe_retaddr(ri), false);
	return 0;
}

struct ot_frag_args {
	unsigned long nc;
	unsigned int fragsz;
};

static int ot_frag_alloc_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct ot_frag_args *a = (struct ot_frag_args *)ri->data;
	unsigned long n = ot_hit(ot_krp_probe(ri));

	a->nc = ot_arg(regs, 0);
	a->fragsz = ot_arg(regs, 1);
	return ot_sample_skip(n);
}

static int ot_frag_alloc_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct ot_frag_args *a = (struct ot_frag_args *)ri->data;
	unsigned long frag = regs_return_value(regs);
	unsigned long caller = get_kretprobe_retaddr(ri);

	if (!READ_ONCE(ot_active) || !frag)
		return 0;
	/* An skb's head is counted in the skb's truesize, not twice. */
	if (!ot_family_contains(&ot_skb_head_family, caller))
		ot_record_alloc(OT_FRAG, frag, a->fragsz, caller, false);
	ot_record_frag_cache(a->nc, frag, caller);
	return 0;
}

/*
 * Frees of the object alone, its first argument: a page fragment, or an
 * sk_buff whose data another skb took over (GRO, coalescing).
 */
static int ot_free_arg0_pre(struct kprobe *p, struct pt_regs *regs)
{
	ot_hit(ot_kp_probe(p));
	if (READ_ONCE(ot_active))
		ot_record_free(ot_arg(regs, 0));
	return 0;
}

/* __kfree_skb() and __kfree_skb_defer(): the skb goes with its data. */
static int ot_skb_free_direct_pre(struct kprobe *p, struct pt_regs *regs)
{
	unsigned long skb = ot_arg(regs, 0);

	ot_hit(ot_kp_probe(p));
	if (!ot_free_seen(skb) && READ_ONCE(ot_active))
		ot_record_skb_free((const struct sk_buff *)skb);
	return 0;
}

static int ot_frag_drain_pre(struct kprobe *p, struct pt_regs *regs)
{
	ot_hit(ot_kp_probe(p));
	if (READ_ONCE(ot_active))
		ot_record_frag_drain(ot_arg(regs, 0));
	return 0;
}

static void ot_tp_kfree_skb(void *data, OT_KFREE_SKB_ARGS)
{
	ot_hit(data);
	if (READ_ONCE(ot_active))
		ot_free_traced(skb);
}

static void ot_tp_consume_skb(void *data, OT_CONSUME_SKB_ARGS)
{
	ot_hit(data);
	if (READ_ONCE(ot_active))
		ot_free_traced(skb);
}

static void ot_tp_start_xmit(void *data, const struct sk_buff *skb,
			     const struct net_device *dev)
{
	ot_hit(data);
	if (READ_ONCE(ot_active))
		ot_record_xmit((unsigned long)skb, dev, skb->truesize);
}

/* After this the skb may be gone: its address is only a key. */
static void ot_tp_xmit(void *data, struct sk_buff *skb, int rc,
		       struct net_device *dev, unsigned int len)
{
	ot_hit(data);
	if (READ_ONCE(ot_active) && !dev_xmit_complete(rc))
		ot_record_xmit_busy((unsigned long)skb);
}

/*
 * Software devices (lo, veth, tun) hand a transmitted skb straight to the
 * receive path: from the sender's device it has completed, even though it
 * lives on in a socket queue.
 */
static void ot_tp_netif_rx(void *data, struct sk_buff *skb)
{
	ot_hit(data);
	if (READ_ONCE(ot_active))
		ot_record_rx((unsigned long)skb);
}

#define OT_FAMILY_ENTRY(fn) { .what = "family_entry", .type = OT_KPROBE, \
			     .targets = { fn }, .family = OT_FAM_ALLOC, \
			     .pre = ot_family_entry_pre }

static struct ot_probe ot_probes[] = {
	/* frees first, so nothing allocated after an alloc probe attaches is missed */
	{ .what = "skb_free", .type = OT_TRACEPOINT, .targets = { "kfree_skb" },
	  .tp_func = ot_tp_kfree_skb },
	{ .what = "skb_consume", .type = OT_TRACEPOINT, .targets = { "consume_skb" },
	  .tp_func = ot_tp_consume_skb },
	{ .what = "skb_free_direct", .type = OT_KPROBE, .targets = { "__kfree_skb" },
	  .pre = ot_skb_free_direct_pre },
	{ .what = "skb_free_partial", .type = OT_KPROBE, .targets = { "kfree_skb_partial" },
	  .pre = ot_free_arg0_pre },
	/* GRO's merged-and-freed skbs (napi_skb_finish) emit no tracepoint. */
	{ .what = "skb_free_defer", .type = OT_KPROBE, .targets = { "__kfree_skb_defer" },
	  .pre = ot_skb_free_direct_pre },
	{ .what = "skb_free_stolen_head", .type = OT_KPROBE,
	  .targets = { "napi_skb_free_stolen_head" }, .pre = ot_free_arg0_pre },
	{ .what = "frag_free", .type = OT_KPROBE, .targets = { "page_frag_free" },
	  .pre = ot_free_arg0_pre },
	{ .what = "frag_cache_drain", .type = OT_KPROBE,
	  .targets = { "__page_frag_cache_drain" }, .pre = ot_frag_drain_pre },
	{ .what = "tx_handoff", .type = OT_TRACEPOINT, .targets = { "net_dev_start_xmit" },
	  .tp_func = ot_tp_start_xmit },
	{ .what = "tx_result", .type = OT_TRACEPOINT, .targets = { "net_dev_xmit" },
	  .tp_func = ot_tp_xmit },
	{ .what = "tx_looped_rx", .type = OT_TRACEPOINT, .targets = { "netif_rx" },
	  .tp_func = ot_tp_netif_rx },
	{ .what = "skb_alloc", .type = OT_KRETPROBE, .targets = { "__alloc_skb" },
	  .family = OT_FAM_ALLOC, .entry = ot_alloc_entry, .ret = ot_skb_alloc_ret },
	{ .what = "skb_build", .type = OT_KRETPROBE, .targets = { "__build_skb" },
	  .family = OT_FAM_ALLOC, .entry = ot_alloc_entry, .ret = ot_skb_alloc_ret },
	{ .what = "skb_napi_build", .type = OT_KRETPROBE, .targets = { "napi_build_skb" },
	  .family = OT_FAM_ALLOC, .entry = ot_alloc_entry, .ret = ot_skb_alloc_ret },
	/*
	 * Compilers may inline __build_skb into these (seen on debug builds).
	 * Their entry tells attribution who called them.
	 */
	{ .what = "skb_netdev_alloc", .type = OT_KRETPROBE,
	  .targets = { "__netdev_alloc_skb" }, .family = OT_FAM_ALLOC | OT_FAM_SKB_HEAD,
	  .entry = ot_skb_wrapper_entry,
	  .ret = ot_skb_wrapper_ret },
	{ .what = "skb_build_wrapper", .type = OT_KRETPROBE,
	  .targets = { "build_skb" }, .family = OT_FAM_ALLOC, .entry = ot_skb_wrapper_entry,
	  .ret = ot_skb_wrapper_ret },
	/* The sk_buff comes from the caller's own cache (XDP, NAPI). */
	{ .what = "skb_build_around", .type = OT_KRETPROBE,
	  .targets = { "build_skb_around" }, .family = OT_FAM_ALLOC,
	  .entry = ot_skb_wrapper_entry,
	  .ret = ot_skb_wrapper_ret },
	{ .what = "skb_napi_alloc", .type = OT_KRETPROBE,
	  .targets = { "__napi_alloc_skb", "napi_alloc_skb" },
	  .family = OT_FAM_ALLOC | OT_FAM_SKB_HEAD, .entry = ot_skb_wrapper_entry,
	  .ret = ot_skb_wrapper_ret },
	/*
	 * Family functions that allocate through the probed allocators: their
	 * entry names the site (every socket send goes through the first two),
	 * so the allocation needs no stack unwind.
	 */
	OT_FAMILY_ENTRY("sock_alloc_send_pskb"),
	OT_FAMILY_ENTRY("alloc_skb_with_frags"),
	OT_FAMILY_ENTRY("__netdev_alloc_frag_align"),
	OT_FAMILY_ENTRY("__napi_alloc_frag_align"),
	OT_FAMILY_ENTRY("skb_copy"),
	OT_FAMILY_ENTRY("skb_copy_expand"),
	OT_FAMILY_ENTRY("__pskb_copy_fclone"),
	{ .what = "skb_clone", .type = OT_KRETPROBE, .targets = { "skb_clone" },
	  .family = OT_FAM_ALLOC, .entry = ot_alloc_entry, .ret = ot_skb_clone_ret },
	{ .what = "frag_alloc", .type = OT_KRETPROBE,
	  .targets = { "__page_frag_alloc_align", "page_frag_alloc_align", "page_frag_alloc" },
	  .family = OT_FAM_ALLOC, .entry = ot_frag_alloc_entry, .ret = ot_frag_alloc_ret,
	  .data_size = sizeof(struct ot_frag_args) },
};

/*
 * Allocator family members with no probe of their own: a call through
 * them is still attributed to their caller. Every other member is a
 * probe above, marked with its family.
 */
static const char *const ot_unprobed_family[] = {
	"skb_realloc_headroom", "skb_expand_head", "alloc_skb_for_msg", "__alloc_rx_skb",
	"__netdev_alloc_skb_ip_align", "netdev_alloc_frag", "napi_alloc_frag",
};

#define OT_MAX_FAMILY_NAMES \
	(ARRAY_SIZE(ot_probes) * OT_PROBE_TARGETS + ARRAY_SIZE(ot_unprobed_family))

/*
 * The families (attrib.h) from the table: each name is written once. At
 * load only, one caller: the name lists need not live on the stack.
 */
static int ot_build_families(void)
{
	static const char *alloc[OT_MAX_FAMILY_NAMES], *head[OT_MAX_FAMILY_NAMES];
	unsigned int na = 0, nh = 0, i, t;

	for (i = 0; i < ARRAY_SIZE(ot_probes); i++) {
		const struct ot_probe *p = &ot_probes[i];

		for (t = 0; t < OT_PROBE_TARGETS && p->targets[t]; t++) {
			if (p->family & OT_FAM_ALLOC)
				alloc[na++] = p->targets[t];
			if (p->family & OT_FAM_SKB_HEAD)
				head[nh++] = p->targets[t];
		}
	}
	for (i = 0; i < ARRAY_SIZE(ot_unprobed_family); i++)
		alloc[na++] = ot_unprobed_family[i];
	if (!ot_family_build(&ot_alloc_family, alloc, na)) {
		pr_err("no allocator function found in kallsyms\n");
		return -ENOENT;
	}
	ot_family_build(&ot_skb_head_family, head, nh);
	return 0;
}

/* Extra driver TX-completion functions from tx_clean=. */
#define OT_TX_CLEAN_MAX 8
static struct ot_probe ot_tx_clean_probes[OT_TX_CLEAN_MAX];
static char ot_tx_clean_names[OT_TX_CLEAN_MAX][KSYM_NAME_LEN];
static unsigned int ot_nr_tx_clean;

static int ot_tx_clean_pre(struct kprobe *p, struct pt_regs *regs)
{
	ot_hit(ot_kp_probe(p));
	/* Only an exact match with a device we saw transmit is attributed. */
	if (READ_ONCE(ot_active))
		ot_record_tx_clean(ot_arg(regs, 0));
	return 0;
}

static void ot_find_tp(struct tracepoint *tp, void *priv)
{
	struct ot_probe *p = priv;

	if (!p->tp && !strcmp(tp->name, p->target))
		p->tp = tp;
}

/* The kernel allocates a kretprobe's instances at register, a kmalloc each. */
static size_t ot_kretprobe_bytes(const struct ot_probe *p)
{
	return p->krp.maxactive *
	       ot_kmalloc_size(sizeof(struct kretprobe_instance) + p->data_size);
}

/* Entry probes are kprobes: asked for, not worth it here, or refused. */
static bool ot_no_entryhooks;

/*
 * entry_probes=auto hooks entries through ftrace where a kprobe would
 * trap: arches without kprobes on ftrace (arm64), where it measured
 * several times cheaper. Where kprobes at function entry already ride on
 * ftrace (x86), they measured as cheap or cheaper, and stay.
 */
static bool ot_want_entryhooks(void)
{
	if (!strcmp(ot_params.entry_probes, "kprobe"))
		return false;
	if (!ot_entryhook_supported()) {
		if (!strcmp(ot_params.entry_probes, "ftrace"))
			pr_info("entry_probes=ftrace: this kernel's ftrace cannot pass the registers; using kprobes\n");
		return false;
	}
	return !strcmp(ot_params.entry_probes, "ftrace") ||
	       !IS_ENABLED(CONFIG_KPROBES_ON_FTRACE);
}

static int ot_attach_one(struct ot_probe *p, const char *target)
{
	int err;

	p->target = target;
	switch (p->type) {
	case OT_TRACEPOINT:
		p->tp = NULL;
		for_each_kernel_tracepoint(ot_find_tp, p);
		if (!p->tp)
			return -ENOENT;
		return tracepoint_probe_register(p->tp, p->tp_func, p);
	case OT_KPROBE:
		memset(&p->kp, 0, sizeof(p->kp));
		p->kp.symbol_name = target;
		p->kp.pre_handler = p->pre;
		p->via_ftrace = !ot_no_entryhooks && !p->kprobe_only &&
				!ot_entryhook_add(p, target);
		if (p->via_ftrace)
			return 0;
		return register_kprobe(&p->kp);
	case OT_KRETPROBE:
		memset(&p->krp, 0, sizeof(p->krp));
		p->krp.kp.symbol_name = target;
		p->krp.entry_handler = p->entry;
		p->krp.handler = p->ret;
		p->krp.data_size = p->data_size;
		/*
		 * Allocators may sleep holding an instance (reclaim, under
		 * the very pressure we watch for): twice the kernel's own
		 * default per CPU, plus room on small machines. A call that
		 * finds none free is counted as missed in `probes`.
		 */
		p->krp.maxactive = 64 + 4 * num_possible_cpus();
		err = register_kretprobe(&p->krp);
		if (!err)
			ot_mem_charge_bytes(ot_kretprobe_bytes(p));
		return err;
	}
	return -EINVAL;
}

static void ot_attach(struct ot_probe *p)
{
	unsigned int i;
	int err = -ENOENT;

	for (i = 0; i < OT_PROBE_TARGETS && p->targets[i]; i++) {
		err = ot_attach_one(p, p->targets[i]);
		if (err != -ENOENT)
			break;
	}
	p->err = err;
	/* Looked up once here, not on every entry of a family function. */
	p->family_index = -1;
	if (!err && p->type != OT_TRACEPOINT) {
		void *addr = p->type == OT_KPROBE ? p->kp.addr : p->krp.kp.addr;

		p->family_index = ot_family_index(&ot_alloc_family, (unsigned long)addr);
	}
	if (!err)
		p->state = OT_PROBE_ATTACHED;
	else if (err == -ENOENT)
		p->state = OT_PROBE_ABSENT;
	else if (err == -EINVAL)
		p->state = OT_PROBE_REFUSED;
	else
		p->state = OT_PROBE_FAILED;
	if (err)
		pr_info("probe %s (%s): not attached, error %d\n", p->what,
			p->target ?: "-", err);
}

static void ot_detach(struct ot_probe *p)
{
	if (p->state != OT_PROBE_ATTACHED)
		return;
	switch (p->type) {
	case OT_TRACEPOINT:
		tracepoint_probe_unregister(p->tp, p->tp_func, p);
		break;
	case OT_KPROBE:
		if (p->via_ftrace)
			ot_entryhook_remove(p);
		else
			unregister_kprobe(&p->kp);
		break;
	case OT_KRETPROBE:
		unregister_kretprobe(&p->krp);
		ot_mem_uncharge_bytes(ot_kretprobe_bytes(p));
		break;
	}
	p->via_ftrace = false;
	p->state = OT_PROBE_OFF;
}

static struct ot_probe *ot_all_probes[ARRAY_SIZE(ot_probes) + 2 + OT_TX_CLEAN_MAX];
static unsigned int ot_nr_probes;

static void ot_parse_tx_clean(void)
{
	const char *p = ot_params.tx_clean;

	while (*p && ot_nr_tx_clean < OT_TX_CLEAN_MAX) {
		size_t len = strcspn(p, ",");
		struct ot_probe *probe = &ot_tx_clean_probes[ot_nr_tx_clean];
		char *name = ot_tx_clean_names[ot_nr_tx_clean];

		strscpy(name, p, min_t(size_t, len + 1, KSYM_NAME_LEN));
		probe->what = "tx_clean";
		probe->type = OT_KPROBE;
		probe->kprobe_only = true;	/* drivers are modules */
		probe->targets[0] = name;
		probe->pre = ot_tx_clean_pre;
		ot_all_probes[ot_nr_probes++] = probe;
		ot_nr_tx_clean++;
		p += len;
		if (*p == ',')
			p++;
	}
}

static struct ot_probe *ot_find_probe(const char *what)
{
	unsigned int i;

	for (i = 0; i < ot_nr_probes; i++)
		if (!strcmp(ot_all_probes[i]->what, what))
			return ot_all_probes[i];
	return NULL;
}

/* A head from __netdev_alloc_skb()'s page_frag path (too large for kmalloc). */
static struct sk_buff *ot_build_netdev_head(void)
{
	return __netdev_alloc_skb(NULL, 1500, GFP_ATOMIC);
}

/*
 * A head in a whole page, as drivers hand to build_skb(). Not a kmalloc'd
 * head (frag_size 0): since 6.3 that warns "Use slab_build_skb() instead".
 */
static struct sk_buff *ot_build_page_head(void)
{
	struct page *page = alloc_page(GFP_ATOMIC);
	struct sk_buff *skb = page ? build_skb(page_address(page), PAGE_SIZE) : NULL;

	if (page && !skb)
		__free_page(page);
	return skb;
}

/*
 * @wrapper builds its skb with the function @inner probes, unless the
 * compiler inlined that call (seen on debug builds); that is why it has
 * a return probe too. Find out once, before recording starts: if @inner
 * sees the skb @build makes through @wrapper on this CPU, the wrapper
 * needs only its entry (for attribution) and every skb it makes costs
 * one return probe less.
 */
static void ot_trim_wrapper(struct ot_probe *wrapper, struct ot_probe *inner,
			    struct sk_buff *(*build)(void))
{
	unsigned long before, after;
	struct sk_buff *skb;

	if (!wrapper || !inner || wrapper->state != OT_PROBE_ATTACHED ||
	    inner->state != OT_PROBE_ATTACHED)
		return;
	preempt_disable();
	before = this_cpu_read(ot_hits[inner->index]);
	skb = build();
	after = this_cpu_read(ot_hits[inner->index]);
	preempt_enable();
	if (!skb) {
		pr_info("probe %s: self-check could not build an skb, keeping its return probe\n",
			wrapper->what);
		return;
	}
	consume_skb(skb);
	if (after == before)
		return;
	ot_detach(wrapper);
	wrapper->type = OT_KPROBE;
	wrapper->pre = ot_family_entry_pre;
	ot_attach(wrapper);
}

static void ot_note_ret_wrappers(void)
{
	struct ot_family *f = &ot_ret_wrappers;
	unsigned int i;

	f->n = 0;
	for (i = 0; i < ARRAY_SIZE(ot_probes); i++) {
		struct ot_probe *p = &ot_probes[i];

		if (p->entry == ot_skb_wrapper_entry && p->type == OT_KRETPROBE &&
		    p->state == OT_PROBE_ATTACHED && f->n < ARRAY_SIZE(f->r) &&
		    ot_symbol_range(p->target, &f->r[f->n].start, &f->r[f->n].end))
			f->n++;
	}
	ot_family_seal(f);
}

/*
 * The entry probes hooked through ftrace go live together. Should ftrace
 * refuse them, each becomes the kprobe it would have been.
 */
static void ot_start_entryhooks(void)
{
	unsigned int i;
	int err = ot_entryhook_start();

	if (!err)
		return;
	pr_info("ftrace entry hooks refused (error %d): using kprobes\n", err);
	ot_entryhook_stop();
	ot_no_entryhooks = true;
	for (i = 0; i < ot_nr_probes; i++) {
		struct ot_probe *p = ot_all_probes[i];

		if (!p->via_ftrace)
			continue;
		p->via_ftrace = false;
		p->state = OT_PROBE_OFF;
		ot_attach(p);
	}
}

int ot_probes_init(void)
{
	unsigned int i, attached = 0;
	int cpu, ret;

	/* Before attaching: each probe looks its target up in the family. */
	ret = ot_build_families();
	if (ret)
		return ret;
	ot_no_entryhooks = !ot_want_entryhooks();
	ot_nr_probes = 0;
	for (i = 0; i < ARRAY_SIZE(ot_probes); i++)
		ot_all_probes[ot_nr_probes++] = &ot_probes[i];
	ot_all_probes[ot_nr_probes++] = &ot_probe_out_of_memory;
	ot_all_probes[ot_nr_probes++] = &ot_probe_mark_victim;
	ot_parse_tx_clean();
	for (i = 0; i < ot_nr_probes; i++)
		ot_all_probes[i]->index = i;
	ot_hits = ot_alloc_percpu(ot_nr_probes * sizeof(*ot_hits), __alignof__(*ot_hits));
	if (!ot_hits)
		return -ENOMEM;

	/*
	 * Handlers record nothing until every probe is in place and the
	 * wrappers are trimmed: from then on all of them see the same
	 * objects, as if the module had loaded at that instant.
	 */
	WRITE_ONCE(ot_active, false);
	for (i = 0; i < ot_nr_probes; i++) {
		ot_attach(ot_all_probes[i]);
		attached += ot_all_probes[i]->state == OT_PROBE_ATTACHED;
	}
	if (!attached) {
		pr_err("no probe could be attached\n");
		ot_entryhook_stop();
		ot_free_percpu(ot_hits, ot_nr_probes * sizeof(*ot_hits));
		ot_hits = NULL;
		return -ENODEV;
	}
	ot_trim_wrapper(ot_find_probe("skb_netdev_alloc"), ot_find_probe("skb_build"),
			ot_build_netdev_head);
	ot_trim_wrapper(ot_find_probe("skb_build_wrapper"), ot_find_probe("skb_build"),
			ot_build_page_head);
	ot_note_ret_wrappers();
	ot_start_entryhooks();
	/* The self-checks' hits are not the system's. */
	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(ot_hits, cpu), 0, ot_nr_probes * sizeof(*ot_hits));
	WRITE_ONCE(ot_active, true);
	return 0;
}

static struct kprobe *ot_exit_kprobes[ARRAY_SIZE(ot_all_probes)];
static struct kretprobe *ot_exit_kretprobes[ARRAY_SIZE(ot_all_probes)];

/*
 * Each unregister_k(ret)probe() waits for a grace period; handing the
 * kernel all of them at once waits once, not once per probe (most of an
 * unload's time). Return probes go first: they are the allocators, so
 * nothing new enters the tables while the rest go. After the last one is
 * gone and synchronized, no handler can be running or start again.
 */
static void ot_detach_all(void)
{
	unsigned int i, nkp = 0, nkrp = 0;

	for (i = 0; i < ot_nr_probes; i++) {
		struct ot_probe *p = ot_all_probes[i];

		if (p->state != OT_PROBE_ATTACHED)
			continue;
		if (p->type == OT_KRETPROBE)
			ot_exit_kretprobes[nkrp++] = &p->krp;
		else if (p->type == OT_KPROBE && !p->via_ftrace)
			ot_exit_kprobes[nkp++] = &p->kp;
	}
	if (nkrp)
		unregister_kretprobes(ot_exit_kretprobes, nkrp);
	ot_entryhook_stop();
	if (nkp)
		unregister_kprobes(ot_exit_kprobes, nkp);
	for (i = 0; i < ot_nr_probes; i++) {
		struct ot_probe *p = ot_all_probes[i];

		if (p->state != OT_PROBE_ATTACHED)
			continue;
		if (p->type == OT_TRACEPOINT)
			tracepoint_probe_unregister(p->tp, p->tp_func, p);
		else if (p->type == OT_KRETPROBE)
			ot_mem_uncharge_bytes(ot_kretprobe_bytes(p));
		p->via_ftrace = false;
		p->state = OT_PROBE_OFF;
	}
}

void ot_probes_exit(void)
{
	ot_detach_all();
	tracepoint_synchronize_unregister();
	WRITE_ONCE(ot_active, false);
	ot_free_percpu(ot_hits, ot_nr_probes * sizeof(*ot_hits));
	ot_hits = NULL;
}

/* Stop every handler from touching the tables, then let them resume. */
void ot_probes_quiesce(void)
{
	WRITE_ONCE(ot_active, false);
	/* Handlers of all three kinds run with preemption disabled. */
	synchronize_rcu();
}

void ot_probes_resume(void)
{
	WRITE_ONCE(ot_active, true);
}

static const char *const ot_type_names[] = {
	[OT_KPROBE] = "kprobe",
	[OT_KRETPROBE] = "kretprobe",
	[OT_TRACEPOINT] = "tracepoint",
};

static const char *const ot_state_names[] = {
	[OT_PROBE_OFF] = "off",
	[OT_PROBE_ATTACHED] = "attached",
	[OT_PROBE_ABSENT] = "absent",
	[OT_PROBE_REFUSED] = "refused",
	[OT_PROBE_FAILED] = "failed",
};

static unsigned long ot_probe_missed(const struct ot_probe *p)
{
	if (p->state != OT_PROBE_ATTACHED)
		return 0;
	if (p->type == OT_KPROBE)
		return p->kp.nmissed;
	if (p->type == OT_KRETPROBE)
		return p->krp.nmissed + p->krp.kp.nmissed;
	return 0;
}

void ot_probes_show(struct seq_file *m)
{
	unsigned int i;

	seq_puts(m, OT_TABLE_HEADER(OT_FILE_PROBES, OT_PROBES_FIELDS));
	if (!ot_hits)	/* still loading */
		return;
	for (i = 0; i < ot_nr_probes; i++) {
		const struct ot_probe *p = ot_all_probes[i];
		unsigned long hits = 0;
		int cpu;

		for_each_possible_cpu(cpu)
			hits += *per_cpu_ptr(&ot_hits[p->index], cpu);
		seq_printf(m, "%s %s %s %s %d %lu %lu\n", p->what,
			   p->via_ftrace ? "ftrace" : ot_type_names[p->type],
			   p->target ?: p->targets[0], ot_state_names[p->state],
			   p->err, ot_probe_missed(p), hits);
	}
}
