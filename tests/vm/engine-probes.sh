# kernels: stock debug distro
# Every probe's state is visible; a target that does not exist is reported
# absent and the module runs with the rest.
load oomtrace tx_clean=fixture_nic_tx_clean,no_such_function_here
show probes
for what in skb_free skb_consume skb_alloc skb_build skb_clone frag_alloc frag_free \
	tx_handoff tx_result oom_entry oom_victim; do
	expect_eq "$what attached" attached "$(awk -v w=$what '$1 == w {print $4}' $OT/probes)"
done
# Entry probes go through ftrace where the kernel hands an ftrace
# callback the full registers (x86_64 from 5.11, arm64 5.11 to 6.3):
# each is then on ftrace's list and not a kprobe, and the others are
# kprobes. Where it does not, every entry probe is a kprobe.
ver=$(uname -r | awk -F. '{print $1 * 100 + $2}')
case $(uname -m) in
x86_64) [ "$ver" -ge 511 ] && want_entry=ftrace || want_entry=kprobe ;;
aarch64) [ "$ver" -ge 511 ] && [ "$ver" -lt 604 ] && want_entry=ftrace || want_entry=kprobe ;;
*) want_entry=kprobe ;;
esac
# The arm64-64k kernel is built without the function tracer.
[ -e /sys/kernel/debug/tracing/enabled_functions ] || want_entry=kprobe
expect_eq "frag_free's mechanism" $want_entry "$(awk '$1 == "frag_free" {print $2}' $OT/probes)"
expect_eq "oom_entry's mechanism" $want_entry "$(awk '$1 == "oom_entry" {print $2}' $OT/probes)"
awk '$4 == "attached" && ($2 == "ftrace" || $2 == "kprobe") {print $2, $3}' $OT/probes |
while read -r type fn; do
	if [ $type = ftrace ]; then
		grep -q "^$fn " /sys/kernel/debug/tracing/enabled_functions ||
			fail "$fn: said ftrace, not in enabled_functions"
	else
		grep -Eq " $fn\+0x0( |$)" /sys/kernel/debug/kprobes/list ||
			fail "$fn: said kprobe, not in kprobes/list"
	fi
done
expect_eq "missing tx_clean target" absent \
	"$(awk '$3 == "no_such_function_here" {print $4}' $OT/probes)"
# fixture_nic is not loaded yet: its clean routine does not exist either.
expect_eq "not-yet-loaded driver function" absent \
	"$(awk '$3 == "fixture_nic_tx_clean" {print $4}' $OT/probes)"
rmmod oomtrace

no_ipv6_chatter
load fixture_nic mode=ok
load oomtrace tx_clean=fixture_nic_tx_clean
ip link set fxnic0 up
echo 'fxnic0 20' >/sys/module/fixture_nic/parameters/tx_burst
show probes netdev
expect_eq "tx_clean attached" attached "$(awk '$3 == "fixture_nic_tx_clean" {print $4}' $OT/probes)"
expect_eq "tx_clean hits" 20 "$(awk '$3 == "fixture_nic_tx_clean" {print $7}' $OT/probes)"
expect_eq "clean calls counted for fxnic0" 20 "$(dev fxnic0 10)"
rmmod oomtrace
expect_eq "ftraced functions left after unload" 0 \
	"$(cat /sys/kernel/debug/tracing/enabled_functions 2>/dev/null | wc -l)"
expect_eq "kprobes left after unload" 0 "$(wc -l </sys/kernel/debug/kprobes/list)"
rmmod fixture_nic
