# SPDX-License-Identifier: GPL-2.0
# kernels: stock debug distro
# timeout: 240
#
# The reader against the live module: top, watch, oom, snapshot --json and
# record --once name what the module holds; errors when it is not loaded.
command -v oomtrace >/dev/null || fail "no oomtrace reader in the initramfs"
no_ipv6_chatter
load oomtrace
load fixture_skb_leak count=37

echo "--- oomtrace top"
oomtrace top -n 5 >/tmp/top || fail "top exited $?"
cat /tmp/top
expect_match "top names the fixture" \
	'^ +[0-9]+ +37 +[0-9.]+[a-z]+ skb +[-+0-9]+ +fixture_skb_leak_alloc\+0x[0-9a-f]+/0x[0-9a-f]+ \[fixture_skb_leak\]$' /tmp/top
oomtrace top --sort count -n 1 >/tmp/top1 || fail "top --sort count exited $?"
expect_match "largest count first" 'fixture_skb_leak_alloc' /tmp/top1

echo "--- an unread UDP socket (I4)"
load_kernel_module veth
peer=$(veth_pair rd0)
ip addr add 10.97.0.2/24 dev "$peer"
veth_up rd0 "$peer"
udpblast hold 9999 4000000 >/tmp/hold &
holder=$!
sleep 1
udpblast send rd0 10.97.0.2 200 512 >/dev/null

echo "--- oomtrace snapshot --json"
oomtrace snapshot --json >/tmp/snap.json || fail "snapshot exited $?"
expect_match "schema version" '^  "schema_version": 1,$' /tmp/snap.json
expect_match "no errors" '^  "errors": \[\],$' /tmp/snap.json
expect_match "the fixture callsite" '"site": "fixture_skb_leak_alloc\+0x[0-9a-f]+/0x[0-9a-f]+ \[fixture_skb_leak\]"' /tmp/snap.json
expect_match "meminfo" '"MemTotal": [0-9]+' /tmp/snap.json
# the socket list is ordered by rx_queue: the held socket comes first
sed -n '/"list": \[/,/"owners_more"/p' /tmp/snap.json >/tmp/sock
cat /tmp/sock
expect_match "held socket" '"local_port": 9999,' /tmp/sock
expect_match "queued bytes" '"rx_queue": [1-9][0-9]*,' /tmp/sock
expect_match "its owner" "\"pid\": $holder,"  /tmp/sock
expect_match "its owner's name" '"comm": "udpblast"' /tmp/sock
kill "$holder"

echo "--- oomtrace watch"
oomtrace watch -i 0.5 -c 3 -n 3 >/tmp/watch || fail "watch exited $?"
cat /tmp/watch
expect_match "watch samples" '^sample 3 at ' /tmp/watch
expect_match "watch needs more samples to judge" 'not enough samples to judge: 3 of the 8' /tmp/watch

echo "--- oomtrace record --once around SysRq-f"
oomtrace record /tmp/rec --once --timeout 60 >/tmp/rec.log 2>&1 &
rec=$!
i=0
until grep -q '^record: mode ' /tmp/rec.log; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "record did not start"
	sleep 0.1
done
cat /tmp/rec.log
# Every test kernel has BPF and the oom:mark_victim tracepoint: auto must
# pick BPF where the reader has it (x86_64 guests), and an arm64 guest's
# reader, cross-built without libbpf, must say why it polls.
if [ "$(uname -m)" = x86_64 ]; then
	expect_match "record picks BPF" '^record: mode bpf$' /tmp/rec.log
else
	expect_match "record says why it polls" \
		'^record: mode poll \(BPF unavailable: this oomtrace was built without BPF support\)$' /tmp/rec.log
fi
sleep 100000 &
victim=$!
echo 1000 >/proc/$victim/oom_score_adj
echo f >/proc/sysrq-trigger
rc=0
wait $rec || rc=$?
cat /tmp/rec.log
expect_eq "record exit status" 0 "$rc"
expect_match "record wrote a bundle" "^record: wrote /tmp/rec/oom-[0-9T]+Z-seq1 \\(victim $victim( \\([^)]*\\))?, module report 1\\)\$" /tmp/rec.log
bundle=$(ls -d /tmp/rec/oom-*)
[ "$(echo "$bundle" | wc -l)" = 1 ] || fail "more than one bundle: $bundle"
ls -l "$bundle" "$bundle/module"
for f in snapshot.json module/callsites module/netdev module/stats module/probes module/oom module/report; do
	[ -s "$bundle/$f" ] || fail "bundle lacks $f"
done
[ -s "$bundle/dmesg.txt" ] || fail "bundle lacks dmesg.txt"
expect_match "the kill is in the bundle's log" "Killed process $victim \\(" "$bundle/dmesg.txt"
expect_match "the module's report is in the bundle" '^report 1 [0-9]+ 0 [0-9]+$' "$bundle/module/oom"
expect_match "the event names the victim" "^        \"pid\": $victim,\$" "$bundle/snapshot.json"
expect_match "the event's report" '^    "oom_seq": 1,$' "$bundle/snapshot.json"

echo "--- oomtrace oom"
oomtrace oom >/tmp/oom || fail "oom exited $?"
cat /tmp/oom
expect_match "oom shows the report" "^OOM report 1 at [0-9.]+s after boot, victim pid $victim\$" /tmp/oom
expect_match "and its top callsite" '^  top 1: fixture_skb_leak_alloc' /tmp/oom

echo "--- errors"
grep -q '^nobody:' /etc/passwd 2>/dev/null ||
	echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>/etc/passwd
# the initramfs root may be private to root: then nobody cannot run anything
if su -s /bin/sh nobody -c true 2>/dev/null; then
	rc=0
	su -s /bin/sh nobody -c 'oomtrace top' >/tmp/out 2>/tmp/err || rc=$?
	cat /tmp/err
	expect_eq "non-root exit status" 2 "$rc"
	expect_match "non-root message" '^oomtrace: cannot read /sys/kernel/debug/oomtrace: Permission denied \(the module.s files are for root only\)$' /tmp/err
else
	echo "skip: no unprivileged user can run programs in this initramfs"
fi
ip link del rd0
rmmod fixture_skb_leak
rmmod oomtrace
rc=0
oomtrace top >/tmp/out 2>/tmp/err || rc=$?
expect_eq "no module exit status" 2 "$rc"
expect_eq "no module message" "oomtrace: the oomtrace module is not loaded (no /sys/kernel/debug/oomtrace)" "$(cat /tmp/err)"
[ -s /tmp/out ] && fail "output without the module: $(cat /tmp/out)"
echo "reader test done"
