// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel symbol lookup. kallsyms_lookup_name() is not exported since 5.7;
 * a kprobe registered on it by name reports its address, which is all we
 * need to call it. Used at load time only, never from probe context.
 */
#include <linux/kallsyms.h>
#include <linux/module.h>	/* MODULE_NAME_LEN for KSYM_SYMBOL_LEN before 4.15 */
#include <linux/kernel.h>
#include <linux/kprobes.h>
#include <linux/string.h>

#include "symbols.h"

static unsigned long (*ot_kallsyms_lookup_name)(const char *name);

/*
 * kprobes skip the ENDBR64 at function entry; an indirect call must land
 * on it or IBT faults.
 */
static unsigned long ot_endbr_start(unsigned long addr)
{
#ifdef CONFIG_X86_KERNEL_IBT
	u32 insn;

	memcpy(&insn, (void *)(addr - 4), sizeof(insn));
	if (insn == 0xfa1e0ff3)
		return addr - 4;
#endif
	return addr;
}

int ot_symbols_init(void)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long addr;
	int ret;

	ret = register_kprobe(&kp);
	if (ret) {
		pr_err("cannot locate kallsyms_lookup_name: %d\n", ret);
		return ret;
	}
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);

	ot_kallsyms_lookup_name = (void *)ot_endbr_start(addr);
	return 0;
}

unsigned long ot_lookup_name(const char *name)
{
	return ot_kallsyms_lookup_name ? ot_kallsyms_lookup_name(name) : 0;
}

/* [start, end) of a function, from kallsyms' "name+off/size". */
bool ot_symbol_range(const char *name, unsigned long *start, unsigned long *end)
{
	char buf[KSYM_SYMBOL_LEN];
	unsigned long addr = ot_lookup_name(name), size;
	char *slash;

	if (!addr)
		return false;
	sprint_symbol(buf, addr);
	slash = strrchr(buf, '/');
	if (!slash || kstrtoul(strsep(&slash, " ") + 1, 16, &size) || !size)
		return false;
	*start = addr;
	*end = addr + size;
	return true;
}
