# kernels: stock debug
# smp: 16
# mem: 1024
# timeout: 900
# Probes firing on all 16 CPUs while `control` is written (reset, disable,
# enable) and veth pairs are registered, used and unregistered, with a
# reader cat-ing every file. Each CPU runs its own traffic: ping on even
# CPUs, fixture NIC bursts (skbs built, transmitted and completed) on odd
# ones. Afterwards, with the traffic stopped, the tables are consistent:
# a reset leaves nothing live, a known leak of 37 skbs is counted exactly,
# no deleted device is listed, and the module unloads.
no_ipv6_chatter
echo N >/sys/module/printk/parameters/ignore_loglevel
dmesg -n 5
expect_eq "CPUs online" 16 "$(nproc)"
load fixture_nic mode=ok,ok
ip link set fxnic0 up
ip link set fxnic1 up
# Entry probes through ftrace (on x86 they are kprobes by default): the
# ftrace path's handlers under 16 CPUs of traffic and churn.
load oomtrace max_netdevs=8 entry_probes=ftrace
awk '!/^#/ { print $1, $4 }' $OT/probes >/tmp/probes.before
rm -f /tmp/stop /tmp/loops.*

# One traffic loop pinned to each CPU; each counts its rounds.
for cpu in $(seq 0 15); do
	if [ $((cpu % 2)) = 0 ]; then
		work="ping -c 3 -i 0.01 -q 127.0.0.1 >/dev/null"
	else
		work="echo 20 >/sys/module/fixture_nic/parameters/tx_burst"
	fi
	taskset -c $cpu sh -c "n=0; while [ ! -e /tmp/stop ]; do $work || exit 1; n=\$((n + 1)); done; echo \$n >/tmp/loops.$cpu" &
done
reader() {
	while [ ! -e /tmp/stop ]; do
		for f in report callsites netdev stats probes verdicts oom; do
			cat $OT/$f >/dev/null
		done
	done
}
reader &
rd=$!

# A round under KASAN and lockdep on 16 emulated CPUs takes about 20 s:
# fewer of them there, each still a full reset/disable/enable and a
# device registered, used and unregistered under all the traffic.
rounds=20
[ "$(kernel_flavour)" = stock ] || rounds=8
writes=0
devices=0
for round in $(seq $rounds); do
	for cmd in reset disable enable reset enable; do
		echo $cmd >$OT/control || fail "control $cmd refused (round $round)"
		writes=$((writes + 1))
	done
	peer=$(veth_pair vc$round)
	veth_up vc$round "$peer"
	udpblast send vc$round 10.97.0.2 3 64 >/dev/null || fail "send on vc$round"
	ip link del vc$round
	devices=$((devices + 1))
done
touch /tmp/stop
wait $rd || true
wait
for cpu in $(seq 0 15); do
	[ -s /tmp/loops.$cpu ] || fail "the traffic loop on CPU $cpu stopped early"
	[ "$(cat /tmp/loops.$cpu)" -ge 1 ] || fail "no traffic round on CPU $cpu"
done
echo "ok: traffic rounds per CPU: $(cat /tmp/loops.* | tr '\n' ' ')"
echo "ok: $writes control writes and $devices devices registered and unregistered under traffic"

# With everything stopped: consistent tables.
echo enable >$OT/control
wait_until 10 "the fixture NIC's queues drained" \
	sh -c '! grep -q "queued=[1-9]" /sys/module/fixture_nic/parameters/status'
echo reset >$OT/control
show stats probes
awk '$1 == "objects_live" { print $2 }' $OT/stats >/tmp/live
expect_eq "live objects after a reset with the traffic stopped" 0 "$(cat /tmp/live)"
awk '!/^#/ && ($3 < 0 || $3 > 1000000000000) { print; bad = 1 } END { exit bad }' \
	$OT/callsites || fail "a callsite row with an impossible count"
awk '!/^#/ { print $1, $4 }' $OT/probes >/tmp/probes.after
cmp -s /tmp/probes.before /tmp/probes.after ||
	fail "probe states changed under the churn: $(diff /tmp/probes.before /tmp/probes.after)"
expect_eq "deleted devices listed" 0 "$(grep -c ' vc[0-9]* ' $OT/netdev || true)"
load fixture_skb_leak count=37 size=1500
expect_eq "live skbs of a known leak" 37 "$(site skb fixture_skb_leak_alloc 2)"
echo 1 >/sys/module/fixture_skb_leak/parameters/release
expect_eq "live after its release" 0 "$(site skb fixture_skb_leak_alloc 2)"
rmmod fixture_skb_leak
rmmod oomtrace
rmmod fixture_nic
