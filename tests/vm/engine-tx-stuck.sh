# kernels: stock debug distro
# A NIC whose TX never completes (incident I2) is named with its in-flight
# count and the age of the oldest; a healthy one beside it is not.
no_ipv6_chatter
load oomtrace stuck_ms=1500
load fixture_nic mode=stuck,ok
ip link set fxnic0 up
ip link set fxnic1 up
echo 'fxnic0 50' >/sys/module/fixture_nic/parameters/tx_burst
echo 'fxnic1 30' >/sys/module/fixture_nic/parameters/tx_burst
show netdev
expect_eq "fxnic0 in flight" 50 "$(dev fxnic0 4)"
expect_eq "fxnic0 not yet stuck" pending "$(dev fxnic0 3)"
expect_eq "fxnic1 completed" 30 "$(dev fxnic1 8)"
expect_eq "fxnic1 in flight" 0 "$(dev fxnic1 4)"
sleep 2
show netdev report
expect_eq "fxnic0 state" stuck "$(dev fxnic0 3)"
[ "$(dev fxnic0 6)" -ge 1500 ] || fail "oldest in-flight age below stuck_ms"
expect_eq "fxnic1 state" idle "$(dev fxnic1 3)"
expect_match "stuck verdict" "verdict: TX stuck on fxnic0: 50 skbs" $OT/report
expect_eq "xmit callsite holds them" 50 "$(site skb fixture_nic_gen_skb 2)"
# The same verdict for machines: its kind and the device it names.
cat $OT/verdicts >/tmp/verdicts
expect_match "verdicts file names fxnic0" '^tx_stuck fxnic0 \| TX stuck on fxnic0: 50 skbs' /tmp/verdicts
grep -q ' fxnic1 ' /tmp/verdicts && fail "a verdict on the healthy fxnic1"
# The reader's metrics carry the module's numbers.
oomtrace metrics --top 3 >/tmp/metrics || fail "oomtrace metrics: exit $?"
expect_match "metrics: fxnic0 in flight" '^oomtrace_netdev_in_flight\{device="fxnic0"\} 50$' /tmp/metrics
expect_match "metrics: fxnic0 stuck" '^oomtrace_netdev_state\{device="fxnic0",state="stuck"\} 1$' /tmp/metrics
expect_match "metrics: fxnic1 idle" '^oomtrace_netdev_state\{device="fxnic1",state="idle"\} 1$' /tmp/metrics
expect_match "metrics: fxnic1 completions" '^oomtrace_netdev_completions_total\{device="fxnic1"\} 30$' /tmp/metrics
expect_match "metrics: the verdict" '^oomtrace_verdict\{kind="tx_stuck",subject="fxnic0"\} 1$' /tmp/metrics
expect_match "metrics: the xmit callsite" \
	'^oomtrace_callsite_outstanding_objects\{family="skb",site="fixture_nic_gen_skb\+[^"]*"\} 50$' /tmp/metrics
ip link set fxnic0 down
expect_eq "fxnic0 after the driver purged its queue" 0 "$(dev fxnic0 4)"
rmmod fixture_nic
rmmod oomtrace
