# SPDX-License-Identifier: GPL-2.0
# A real NIC driver (the test's "# nic:" line) on QEMU's user network:
# traffic to the gateway, then the link cut from the QEMU monitor while
# frames are being sent, then restored. Sourced by nic-*.sh, which set
# nic_driver to the driver's name.

gateway=10.0.2.2

# The interface the driver registered (no udev in the VM: eth0, but ask).
nic_iface() {
	local d
	for d in /sys/class/net/*; do
		[ "$(basename "$(readlink "$d/device/driver" 2>/dev/null)")" = "$nic_driver" ] &&
			{ echo "${d##*/}"; return 0; }
	done
	return 1
}

carrier_is() { [ "$(cat /sys/class/net/$nic/carrier 2>/dev/null)" = "$1" ]; }
in_flight_is() { [ "$(dev $nic 4)" = "$1" ]; }
# What the driver itself counts as sent: both drivers count a frame when
# they take it back from the ring, as oomtrace counts a completion.
driver_sent() { cat /sys/class/net/$nic/statistics/tx_packets; }
# all_completed: nothing in flight and transmits equal completions, both
# read from one copy of the file: a frame the stack sends between two
# reads (an ARP refresh) would count on one side only.
all_completed() {
	cat $OT/netdev >/tmp/netdev.now
	[ "$(dev "$nic" 4 /tmp/netdev.now)" = 0 ] &&
		[ "$(dev "$nic" 7 /tmp/netdev.now)" = "$(dev "$nic" 8 /tmp/netdev.now)" ]
}
# quiet_counts: "COMPLETIONS DRIVER_SENT" read when neither moved for
# 0.2 s: the driver adds to its count just after it frees the skbs that
# oomtrace counts at the free, so one read of each could fall between.
quiet_counts() {
	local c1 d1 c2 d2 n=0
	while [ $n -lt 100 ]; do
		c1=$(dev "$nic" 8); d1=$(driver_sent)
		sleep 0.2
		c2=$(dev "$nic" 8); d2=$(driver_sent)
		[ "$c1" = "$c2" ] && [ "$d1" = "$d2" ] && { echo "$c1 $d1"; return; }
		n=$((n + 1))
	done
	fail "$nic: completions or tx_packets never stood still for 0.2 s"
}

no_ipv6_chatter
load oomtrace stuck_ms=1500
# Modules on Debian's kernels (no udev here to load the PCI transport by
# its alias), built in on the kernels built here.
for m in ${nic_modules:-$nic_driver}; do
	modprobe "$m" 2>/dev/null || true
done
wait_until 10 "a $nic_driver interface" nic_iface
nic=$(nic_iface)
ip addr add 10.0.2.15/24 dev "$nic"
ip link set "$nic" up
# e1000 reports the link from a watchdog timer that polls every 2 s: on
# a debug kernel in a guest that shares its host CPU this takes longer
# than 10 s, with nothing wrong.
wait_until 30 "carrier on $nic" carrier_is 1
# Resolve the gateway first: frames queued behind ARP are not all sent.
gateway_known() { ip neigh show $gateway | grep -q lladdr; }
# A datagram a second until ARP has an answer, as an application would:
# after the link returns, the entry may sit in FAILED until asked again.
resolve_gateway() {
	local n=0
	until gateway_known; do
		if [ $((n % 10)) = 0 ]; then
			udpblast sendto $gateway 1 >/dev/null
		fi
		n=$((n + 1))
		if [ $n -gt 200 ]; then
			ip neigh
			cat /proc/net/dev
			fail "the gateway's address ($1): no answer within 20 s"
		fi
		sleep 0.1
	done
}
resolve_gateway "link up"

# held_ring_is_stuck WHY: the device keeps transmits it was handed, with
# its carrier up: a NIC stalled for real (QEMU's virtio-net does this,
# rarely, when its user-network backend pushes back). Past stuck_ms the
# report must say stuck and name the count the driver holds; the test
# ends there, as the device will not recover.
held_ring_is_stuck() {
	sleep 2
	cat $OT/report >/tmp/report.stall
	cat $OT/netdev >/tmp/netdev.stall
	echo "$nic: $1"
	echo "--- netdev"; cat /tmp/netdev.stall
	echo "--- report"; cat /tmp/report.stall
	local held
	held=$(dev "$nic" 4 /tmp/netdev.stall)
	[ "$held" -gt 0 ] || fail "$nic keeps its transmits, yet oomtrace shows none in flight"
	expect_eq "$nic state when the device keeps its ring" stuck "$(dev "$nic" 3 /tmp/netdev.stall)"
	grep -q "TX stuck on $nic: $held skbs" /tmp/report.stall ||
		fail "no 'TX stuck' verdict for the $held transmits $nic keeps"
	ip link set "$nic" down
	rmmod oomtrace
	exit 0
}

# send COUNT: send COUNT datagrams; n is how many the stack accepted. A
# send buffer that never drains (udpblast gives up after 10 s) is a
# device that stopped giving its ring back.
send() {
	local rc=0
	udpblast sendto $gateway "$1" 512 >/tmp/sent.out || rc=$?
	n=$(awk '{print $2}' /tmp/sent.out)
	[ "$rc" != 3 ] || held_ring_is_stuck "the send buffer stopped draining after $n datagrams"
	[ "$rc" = 0 ] || fail "udpblast sendto failed ($rc)"
}

# 1. Traffic the NIC completes: nothing stays in flight once it is sent.
wait_until 10 "$nic in flight back to 0 before the traffic" in_flight_is 0
counts=$(quiet_counts)
completed0=${counts% *} driver0=${counts#* }
start=$(dev "$nic" 7)
send 3000
show netdev
wait_for 10 all_completed ||
	{ cat /tmp/netdev.now; fail "$nic: transmits and completions apart 10 s after the traffic"; }
# At least every datagram the stack accepted (plus any ARP of its own).
[ "$(dev "$nic" 7)" -ge $((start + n)) ] ||
	fail "$nic: $(($(dev "$nic" 7) - start)) transmits seen, $n datagrams accepted"
counts=$(quiet_counts)
expect_eq "$nic completions as the driver counts them" $((${counts#* } - driver0)) \
	$((${counts% *} - completed0))
# Past stuck_ms with nothing in flight: no stuck verdict, device idle.
sleep 2
show netdev report
expect_eq "$nic state after the traffic" idle "$(dev "$nic" 3)"
grep -q "TX stuck" $OT/report && fail "false TX stuck verdict on a healthy $nic_driver"

# 2. Cut the link from the QEMU monitor in the middle of a burst.
burst_start=$(dev "$nic" 7)
udpblast sendto $gateway 1000000 512 >/tmp/blast.out 2>&1 &
blast=$!
sleep 1
qemu_monitor set_link net0 off
wait_until 20 "carrier off on $nic after set_link off" carrier_is 0
# With no carrier the stack stops handing frames to the driver (the link
# watcher swaps in the noop qdisc). What the ring held, the driver either
# gives back (e1000's watchdog resets the adapter; QEMU's virtio-net
# drops what it finds queued at the cut) or keeps until the link returns
# (virtio-net buffers queued as the cut lands). oomtrace must show which:
# idle, or link-down with the count the driver still holds, never stuck.
settled() { in_flight_is 0 || [ "$(dev "$nic" 3)" = link-down ]; }
wait_until 20 "$nic drained or link-down with the link down" settled
held=$(dev "$nic" 7)
sleep 2
# One copy of each, report first: what the netdev copy shows as held was
# held when the report was taken too (nothing is sent without carrier).
cat $OT/report >/tmp/report.down
cat $OT/netdev >/tmp/netdev.down
driver_down=$(driver_sent)
now() { dev "$nic" "$1" /tmp/netdev.down; }
echo "--- netdev"; cat /tmp/netdev.down
echo "--- report"; cat /tmp/report.down
kill $blast 2>/dev/null || true
wait $blast 2>/dev/null || true
cat /tmp/blast.out
[ "$held" -gt "$burst_start" ] || fail "$nic sent nothing in the burst before the cut"
expect_eq "$nic transmits stop without carrier" "$held" "$(now 7)"
if [ "$(now 4)" = 0 ]; then
	expect_eq "$nic state with the link down and the ring given back" idle "$(now 3)"
else
	echo "$nic: the driver holds $(now 4) transmits while the link is down"
	expect_eq "$nic state with the link down and the ring held" link-down "$(now 3)"
	expect_eq "$nic held: transmits less completions" "$(now 4)" $(($(now 7) - $(now 8)))
	expect_eq "$nic held: completions as the driver counts them" \
		$((driver_down - driver0)) $(($(now 8) - completed0))
	grep -q "TX held on $nic while its link is down" /tmp/report.down ||
		fail "no 'TX held' verdict for the $(now 4) transmits $nic holds"
fi
grep -q "TX stuck" /tmp/report.down && fail "false TX stuck verdict after the link was cut"

# 3. Link back: transmits resume and complete.
qemu_monitor set_link net0 on
wait_until 20 "carrier back on $nic after set_link on" carrier_is 1
if [ "$(now 4)" != 0 ] && ! wait_for 5 in_flight_is 0; then
	# QEMU's virtio-net, cut while its user-network backend pushed back
	# on the burst, never returns those buffers: the device has stalled
	# for real. With the carrier back this is what a stuck NIC looks
	# like, and the report must now say so.
	held_ring_is_stuck "the device kept its ring with the link back"
fi
resolve_gateway "link back"
start=$(dev "$nic" 7)
send 1000
wait_for 10 all_completed ||
	{ cat /tmp/netdev.now; fail "$nic: transmits and completions apart 10 s after the link returned"; }
[ "$(dev "$nic" 7)" -ge $((start + n)) ] ||
	fail "$nic: $(($(dev "$nic" 7) - start)) transmits after the link returned, $n accepted"
show netdev
ip link set "$nic" down
rmmod oomtrace
