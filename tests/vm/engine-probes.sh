# kernels: stock debug distro
# Every probe's state is visible; a target that does not exist is reported
# absent and the module runs with the rest.
load oomtrace tx_clean=fixture_nic_tx_clean,no_such_function_here
show probes
for what in skb_free skb_consume skb_alloc skb_build skb_clone frag_alloc frag_free \
	tx_handoff tx_result oom_entry oom_victim; do
	expect_eq "$what attached" attached "$(awk -v w=$what '$1 == w {print $4}' $OT/probes)"
done
expect_eq "missing tx_clean target" absent \
	"$(awk '$3 == "no_such_function_here" {print $4}' $OT/probes)"
# fixture_nic is not loaded yet: its clean routine does not exist either.
expect_eq "not-yet-loaded driver function" absent \
	"$(awk '$3 == "fixture_nic_tx_clean" {print $4}' $OT/probes)"
rmmod oomtrace

# Entry probes (kprobes in the table) go through ftrace where the kernel
# hands an ftrace callback the full registers (x86_64 from 5.11, arm64
# 5.11 to 6.3, and only with the function tracer: the arm64-64k kernel
# has none). entry_probes=auto does so only where a kprobe would trap
# (arm64); =ftrace wherever it can; =kprobe never.
ver=$(uname -r | awk -F. '{print $1 * 100 + $2}')
can_ftrace=no
if [ -e /sys/kernel/debug/tracing/enabled_functions ] && [ "$ver" -ge 511 ]; then
	case $(uname -m) in
	x86_64) can_ftrace=yes ;;
	aarch64) [ "$ver" -lt 604 ] && can_ftrace=yes ;;
	esac
fi
# mechanisms MODE WANT: load with entry_probes=MODE; every entry probe is
# hooked by WANT, each where that mechanism lists it; none left behind.
mechanisms() {
	load oomtrace entry_probes=$1
	for what in frag_free frag_cache_drain skb_free_direct; do
		expect_eq "entry_probes=$1: $what's mechanism" $2 \
			"$(awk -v w=$what '$1 == w {print $2}' $OT/probes)"
	done
	# Never through ftrace: its handler builds the memcg OOM report.
	expect_eq "entry_probes=$1: oom_entry's mechanism" kprobe \
		"$(awk '$1 == "oom_entry" {print $2}' $OT/probes)"
	awk '$4 == "attached" && ($2 == "ftrace" || $2 == "kprobe") {print $2, $3}' \
		$OT/probes >/tmp/entry-probes
	while read -r type fn; do
		if [ $type = ftrace ]; then
			grep -q "^$fn " /sys/kernel/debug/tracing/enabled_functions ||
				fail "$fn: said ftrace, not in enabled_functions"
		else
			# At +0x4 past an IBT ENDBR64 (Debian's 6.12).
			grep -Eq " $fn\+0x[0-4]( |$)" /sys/kernel/debug/kprobes/list ||
				fail "$fn: said kprobe, not in kprobes/list"
		fi
	done </tmp/entry-probes
	rmmod oomtrace
	expect_eq "entry_probes=$1: ftraced functions left after unload" 0 \
		"$(cat /sys/kernel/debug/tracing/enabled_functions 2>/dev/null | wc -l)"
	expect_eq "entry_probes=$1: kprobes left after unload" 0 \
		"$(wc -l </sys/kernel/debug/kprobes/list)"
}
auto=kprobe
[ $can_ftrace = yes ] && [ "$(uname -m)" = aarch64 ] && auto=ftrace
mechanisms auto $auto
mechanisms kprobe kprobe
if [ $can_ftrace = yes ]; then
	mechanisms ftrace ftrace
else
	mechanisms ftrace kprobe
fi

# A driver's completion function: a kprobe whatever entry_probes says
# (ftrace would keep its entry after the driver unloads).
no_ipv6_chatter
load fixture_nic mode=ok
ip link set fxnic0 up
for mode in kprobe ftrace; do
	load oomtrace tx_clean=fixture_nic_tx_clean entry_probes=$mode
	echo 'fxnic0 20' >/sys/module/fixture_nic/parameters/tx_burst
	show probes netdev
	expect_eq "$mode: tx_clean attached" attached "$(awk '$3 == "fixture_nic_tx_clean" {print $4}' $OT/probes)"
	expect_eq "$mode: tx_clean's mechanism" kprobe "$(awk '$3 == "fixture_nic_tx_clean" {print $2}' $OT/probes)"
	expect_eq "$mode: tx_clean hits" 20 "$(awk '$3 == "fixture_nic_tx_clean" {print $7}' $OT/probes)"
	expect_eq "$mode: clean calls counted for fxnic0" 20 "$(dev fxnic0 10)"
	rmmod oomtrace
done
expect_eq "ftraced functions left after unload" 0 \
	"$(cat /sys/kernel/debug/tracing/enabled_functions 2>/dev/null | wc -l)"
expect_eq "kprobes left after unload" 0 "$(wc -l </sys/kernel/debug/kprobes/list)"
rmmod fixture_nic
