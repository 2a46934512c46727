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
rmmod fixture_nic
