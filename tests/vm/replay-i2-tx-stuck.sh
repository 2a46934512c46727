# kernels: stock
# mem: 256
# timeout: 150
# Incident I2: a NIC with no SFP module keeps its link up, the stack keeps
# transmitting, and the driver never gets a TX completion, so every skb
# handed to it stays allocated. Slab grows until memory is short and an
# ordinary process (memhog, the only one that may be killed) runs into
# the OOM killer. The report must name fxnic0 as stuck, with how many
# skbs are in flight and how old the oldest is, and the callsite that
# allocated them.
. /tests/replay-lib.sh
no_ipv6_chatter
# Every skb of the flood is tracked: the default table would fill.
load oomtrace max_objects=262144 stuck_ms=2000
load fixture_nic mode=stuck
ip link set fxnic0 up
tx=/sys/module/fixture_nic/parameters/tx_burst
echo 'fxnic0 1000' >$tx
sleep 3
# Transmit until about 28 MiB is left free, then let memhog take the rest.
while [ "$(meminfo MemFree)" -gt 28672 ]; do
	echo 'fxnic0 1000' >$tx
done
cat /sys/module/fixture_nic/parameters/status
queued=$(sed -n 's/^fxnic0 .* queued=\([0-9]*\) .*/\1/p' /sys/module/fixture_nic/parameters/status)
log_mark
hog_start 0
hog_killed
oom_report
expect_oom_common "global OOM"
expect_match "stuck verdict" \
	'^oomtrace: verdict: TX stuck on fxnic0: [0-9]+ skbs \([0-9]+ kB\) handed to the driver never completed, oldest [0-9]+s$' /tmp/ours
inflight=$(field 'TX stuck on fxnic0: ([0-9]+) skbs' /tmp/ours)
oldest=$(field 'TX stuck on fxnic0: .*, oldest ([0-9]+)s' /tmp/ours)
expect_eq "skbs in flight at the OOM" "$queued" "$inflight"
expect_ge "skbs in flight, as a share of RAM in kB" $(($(meminfo MemTotal) / 3)) \
	"$(field 'TX stuck on fxnic0: [0-9]+ skbs \(([0-9]+) kB\)' /tmp/ours)"
expect_ge "oldest in flight, s" 3 "$oldest"
expect_match "xmit callsite on top" \
	"^oomtrace: top 1: fixture_nic_gen_skb\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[fixture_nic\\] [0-9]+ kB in $inflight skb, oldest [0-9]+s\$" /tmp/ours
expect_match "device line" "^oomtrace: tx fxnic0: stuck, $inflight in flight, oldest ${oldest}s$" /tmp/ours
expect_no_match "not called a backlog" 'TX backlog' /tmp/ours
expect_eq "objects dropped" 0 "$(awk '$1 == "objects_dropped" { print $2 }' $OT/stats)"
ip link set fxnic0 down
expect_eq "in flight once the driver dropped its queue" 0 "$(dev fxnic0 4)"
rmmod fixture_nic
rmmod oomtrace
