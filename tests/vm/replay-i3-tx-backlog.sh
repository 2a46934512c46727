# kernels: stock
# mem: 256
# timeout: 150
# Incident I3: egress congestion. The stack offers more than the NIC
# sends, so the driver buffers up to its queue limit and completes a few
# skbs every tick: a large TX backlog that keeps draining. Meanwhile an
# ordinary process takes the rest of memory and the OOM killer runs. The
# report must call fxnic0 a bounded backlog, not a stuck device or a leak.
. /tests/replay-lib.sh
no_ipv6_chatter
load oomtrace
# 1024 queued, 16 completed every 10 ms: the oldest is well under a
# second old, under the default stuck_ms (5 s) even when TCG is slow.
load fixture_nic mode=slow queue_limit=1024 completions_per_tick=16 tick_ms=10
ip link set fxnic0 up
tx=/sys/module/fixture_nic/parameters/tx_burst
# Only shell builtins in the loop: it must not need new memory to go on.
(while [ ! -e /tmp/stop ]; do echo 'fxnic0 2000' >$tx; done) 2>/dev/null &
gen=$!
sleep 3
cat /sys/module/fixture_nic/parameters/status
log_mark
hog_start 0
hog_killed
touch /tmp/stop
wait $gen || true
cat /sys/module/fixture_nic/parameters/status
oom_report
expect_oom_common "global OOM"
expect_match "backlog verdict" \
	'^oomtrace: verdict: TX backlog on fxnic0: [0-9]+ skbs in flight and completing, oldest [0-9]+s: bounded, not a leak$' /tmp/ours
inflight=$(field 'TX backlog on fxnic0: ([0-9]+) skbs' /tmp/ours)
expect_ge "skbs in flight at the OOM" 32 "$inflight"
# The OOM snapshot scans the live objects while the other CPU goes on
# completing and handing off: one tick's worth (16) may be counted on both
# sides of the scan. Counting the qdisc or counting twice would be far more.
[ "$inflight" -le $((1024 + 16)) ] ||
	fail "in flight $inflight is more than the driver's queue limit and one tick"
expect_match "device line" "^oomtrace: tx fxnic0: backlog, $inflight in flight, oldest [0-9]+s$" /tmp/ours
expect_no_match "not stuck" 'TX stuck|tx fxnic0: stuck' /tmp/ours
expect_no_match "no leak named" 'verdict: outstanding' /tmp/ours
expect_match "what took the memory" "^oomtrace: verdict: process memhog \\(pid $hog\\) holds [0-9]+% of RAM" /tmp/ours
completed=$(sed -n 's/^fxnic0 .* completed=\([0-9]*\) .*/\1/p' /sys/module/fixture_nic/parameters/status)
expect_ge "completions by the end" 1000 "$completed"
ip link set fxnic0 down
rmmod fixture_nic
rmmod oomtrace
