# kernels: stock debug
# 10000 bad writes to control, from two writers at once while traffic is
# tracked: random bytes and lengths (up to 8 KiB), near misses of the
# three commands, commands split over two writes, bad buffer addresses.
# Every one is refused (EINVAL, EFAULT), the state is unchanged, and the
# three real commands still work afterwards. On the debug kernel KASAN
# and lockdep watch the parser and its lock.
no_ipv6_chatter
load oomtrace
load fixture_skb_leak count=37 size=1500
state() { awk '$1 == "enabled" || $1 == "objects_live" { printf "%s=%s ", $1, $2 }' $OT/stats; }
before=$(state)
expect_eq "the leak before" 37 "$(site skb fixture_skb_leak_alloc 2)"

# Traffic while the writers run: the probes fire as control is hammered.
load_kernel_module dummy
ip link add ctl0 type dummy || fail "no dummy device"
ip link set ctl0 up
ip addr add 10.9.0.1/24 dev ctl0
udpblast sendto 10.9.0.2 100000 256 >/dev/null 2>&1 &
blast=$!
ctlfuzz $OT/control 5000 1 enable disable reset >/tmp/w1 2>&1 &
w1=$!
ctlfuzz $OT/control 5000 2 enable disable reset >/tmp/w2 2>&1 &
w2=$!
rc1=0 rc2=0
wait $w1 || rc1=$?
wait $w2 || rc2=$?
kill $blast 2>/dev/null || true
wait $blast 2>/dev/null || true
sent=$(dev ctl0 7)
[ "$sent" != none ] && [ "$sent" -gt 0 ] || fail "no traffic on ctl0 during the writes"
echo "ok: $sent transmits on ctl0 during the writes"
cat /tmp/w1 /tmp/w2
expect_eq "writer 1" 0 "$rc1"
expect_eq "writer 2" 0 "$rc2"
total=$(awk '/^writes/ { n += $2 } END { print n }' /tmp/w1 /tmp/w2)
refused=$(awk '/^writes/ { n += $4 } END { print n }' /tmp/w1 /tmp/w2)
[ "$total" -ge 10000 ] || fail "$total writes, want at least 10000"
expect_eq "every write refused" "$total" "$refused"
echo "ok: $total writes to control, all refused"

expect_eq "state unchanged" "$before" "$(state)"
expect_eq "the leak after" 37 "$(site skb fixture_skb_leak_alloc 2)"

# The real commands, still working.
echo disable >$OT/control
expect_eq "disable" 0 "$(awk '$1 == "enabled" { print $2 }' $OT/stats)"
echo " enable " >$OT/control
expect_eq "enable, with blanks" 1 "$(awk '$1 == "enabled" { print $2 }' $OT/stats)"
echo reset >$OT/control
expect_eq "reset forgets the leak" none "$(site skb fixture_skb_leak_alloc 2)"
ip link del ctl0
rmmod fixture_skb_leak
rmmod oomtrace
