# kernels: stock debug
# Devices come and go (containers' veth pairs): an unregistered device
# gives its slot back, so the table never fills and new devices are seen.
no_ipv6_chatter
load oomtrace max_netdevs=4
stat() { awk -v k="$1" '$1 == k {print $2}' $OT/stats; }
for i in 1 2 3 4 5 6 7 8; do
	peer=$(veth_pair vc$i)
	veth_up vc$i $peer
	udpblast send vc$i 10.97.0.2 3 64 >/dev/null || fail "send on vc$i"
	expect_eq "vc$i transmits seen" 3 "$(dev vc$i 7)"
	ip link del vc$i
done
show netdev stats
expect_eq "no device dropped with 8 pairs through 4 slots" 0 "$(stat netdevs_dropped)"
expect_eq "deleted devices are gone from netdev" 0 "$(grep -c ' vc[0-9] ' $OT/netdev || true)"

# A device that is still there keeps its slot and its counts.
peer=$(veth_pair vkeep)
veth_up vkeep $peer
udpblast send vkeep 10.97.0.2 5 64 >/dev/null || fail "send on vkeep"
peer=$(veth_pair vgone)
veth_up vgone $peer
udpblast send vgone 10.97.0.2 2 64 >/dev/null || fail "send on vgone"
ip link del vgone
udpblast send vkeep 10.97.0.2 4 64 >/dev/null || fail "send on vkeep"
show netdev
expect_eq "vkeep transmits across a neighbour's removal" 9 "$(dev vkeep 7)"
rmmod oomtrace
