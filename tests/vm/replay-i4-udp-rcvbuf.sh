# kernels: stock
# mem: 256
# timeout: 150
# Incident I4: a daemon opens a socket and never reads it, with a huge
# receive buffer, so every datagram that arrives stays queued until
# memory is short; then an ordinary process runs into the OOM killer.
# The report must account for the queued skbs (the callsite that
# allocated them), and the socket that holds them must be found: here
# from /proc/net/udp and the owner's file descriptors, and from the
# reader's snapshot when it has one.
. /tests/replay-lib.sh
no_ipv6_chatter
# UDP's global memory limit (pages) would drop long before RAM is short;
# the raw socket of the incident has none.
echo '262144 262144 262144' >/proc/sys/net/ipv4/udp_mem
load oomtrace max_objects=262144 stuck_ms=2000
a=rp0
b=$(veth_pair $a)
veth_up $a $b
ip addr add 10.98.0.2/24 dev $b
udpblast hold 9999 $((256 << 20)) >/tmp/hold.out 2>&1 &
holder=$!
i=0
until grep -q 'holding port 9999' /tmp/hold.out; do
	i=$((i + 1))
	[ $i -lt 50 ] || { cat /tmp/hold.out; fail "udpblast hold did not start"; }
	sleep 0.1
done
# Queue datagrams until about 28 MiB is left free.
while [ "$(meminfo MemFree)" -gt 28672 ]; do
	udpblast send $a 10.98.0.2 2000 1400 >/dev/null
done
sleep 3
# Port 9999 is 270F; rx_queue is the hex after the colon in column 5.
line=$(awk '$2 ~ /:270F$/' /proc/net/udp)
echo "/proc/net/udp: $line"
[ -n "$line" ] || fail "no socket on port 9999 in /proc/net/udp"
rxq=$(printf '%d' "0x$(echo "$line" | awk '{ split($5, q, ":"); print q[2] }')")
expect_ge "bytes queued on port 9999 (rx_queue)" $(($(meminfo MemTotal) * 1024 / 3)) "$rxq"
inode=$(echo "$line" | awk '{ print $10 }')
owner=
for fd in /proc/[0-9]*/fd/*; do
	[ "$(readlink $fd 2>/dev/null)" = "socket:[$inode]" ] && { owner=${fd#/proc/}; owner=${owner%%/*}; break; }
done
expect_eq "process holding the socket" "$holder" "$owner"
expect_eq "its name" udpblast "$(cat /proc/$owner/comm)"
log_mark
hog_start 0
hog_killed
oom_report
expect_oom_common "global OOM"
# The sender's AF_PACKET socket allocated them (packet_snd, inlined into
# packet_sendmsg on some builds); veth hands the same skbs to its peer.
expect_match "the queued skbs' callsite on top" \
	'^oomtrace: top 1: packet_(snd|sendmsg)\+0x[0-9a-f]+/0x[0-9a-f]+ [0-9]+ kB in [0-9]+ skb, oldest [0-9]+s$' /tmp/ours
n=$(field 'top 1: packet_[a-z]+\+[^ ]* [0-9]+ kB in ([0-9]+) skb' /tmp/ours)
kb=$(field 'top 1: packet_[a-z]+\+[^ ]* ([0-9]+) kB in' /tmp/ours)
expect_ge "their bytes cover the queue, kB" $((rxq / 1024)) "$kb"
expect_match "called outstanding" "^oomtrace: verdict: outstanding: packet_[a-z]+\\+0x[0-9a-f]+/0x[0-9a-f]+ holds $kb kB in $n skb objects" /tmp/ours
if [ -x /bin/oomtrace ] && oomtrace help 2>&1 | grep -q '^  snapshot '; then
	oomtrace snapshot --json >/tmp/snap.json || fail "oomtrace snapshot --json failed"
	# One line per JSON object: a socket, then each of its owners.
	tr -d '\n' </tmp/snap.json | tr '{' '\n' >/tmp/snap.lines
	expect_match "reader lists the socket" '"proto": *"udp",.*"local_port": *9999[^0-9]' /tmp/snap.lines
	expect_eq "reader's rx_queue for port 9999" "$rxq" \
		"$(sed -nE 's|.*"local_port": *9999[^0-9].*"rx_queue": *([0-9]+).*|\1|p' /tmp/snap.lines | head -n1)"
	first_owner=$(awk '/"proto"/ { s = /"local_port": *9999[^0-9]/; next } s && /"pid"/ { print; exit }' /tmp/snap.lines)
	echo "$first_owner" | grep -Eq "\"pid\": *$holder[^0-9].*\"comm\": *\"udpblast\"" ||
		fail "reader does not name udpblast (pid $holder) as the socket's owner: '$first_owner'"
	echo "ok: reader names udpblast (pid $holder) as the owner of port 9999"
else
	echo "note: the reader in this VM has no 'snapshot' command: socket and owner found from /proc only"
fi
# veth delivered every frame to its peer at once: they wait in a socket's
# receive queue, not in a driver, and no device is stuck.
expect_no_match "no device blamed for a socket's queue" 'verdict: TX stuck|^oomtrace: tx rp0: stuck' /tmp/ours
kill $holder
wait $holder 2>/dev/null || true
ip link del $a
rmmod oomtrace
