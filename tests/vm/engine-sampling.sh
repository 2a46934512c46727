# kernels: stock debug distro
# sample_every=64: one allocation in 64 is tracked, decided when the
# allocator is entered; the report scales what it counted and says how
# sure it is, the culprits of I1 (page_frag), I2 (TX stuck) and I5
# (clones) are still named, and TX in flight stays exact.
no_ipv6_chatter
N=64
load oomtrace sample_every=$N stuck_ms=1000

# An allocation path through a watched wrapper (napi_alloc_skb) is
# sampled once, not at both levels: its large requests go on to
# __alloc_skb, which then leaves the decision to the wrapper; its
# smaller ones take their head from page_frag_alloc, probed too, whose
# decisions must not take turns with the wrapper's. Either way 6400
# skbs give 100 tracked, not about 200 (or none).
load fixture_skb_leak count=6400 size=1500 via=napi_alloc_skb
tracked=$(site skb fixture_skb_leak_alloc 2)
show callsites
[ "$tracked" -ge 90 ] && [ "$tracked" -le 110 ] || fail "tracked $tracked of 6400 skbs with a page_frag head at 1 in $N, want about 100"
# The ones left out are counted (per CPU, summed when read).
skipped=$(awk '$1 == "sampled_out" {print $2}' $OT/stats)
[ "$skipped" -ge 6200 ] || fail "sampled_out $skipped after 6400 allocations at 1 in $N, want at least 6200"
rmmod fixture_skb_leak
load fixture_skb_leak count=6400 size=4000 via=napi_alloc_skb
tracked=$(site skb fixture_skb_leak_alloc 2)
show callsites
[ "$tracked" -ge 90 ] && [ "$tracked" -le 110 ] || fail "tracked $tracked of 6400 skbs at 1 in $N, want about 100"
# The sample rate is in each row, for readers to scale with.
expect_eq "sample_every column" $N "$(awk '!/^#/ && index($10, "fixture_skb_leak") {print $8; exit}' $OT/callsites)"

# I1: page_frag caches never drained.
load fixture_frag_leak caches=64 frags=640 fragsz=2048
frags=$(site frag fixture_frag_rx_refill 2)
[ "$frags" -ge 576 ] && [ "$frags" -le 704 ] || fail "tracked $frags of 40960 fragments at 1 in $N, want about 640"

# I5: clones kept by a protocol.
load fixture_clone_leak count=3200
clones=$(site clone fixture_bt_event_clone 2)
[ "$clones" -ge 40 ] && [ "$clones" -le 60 ] || fail "tracked $clones of 3200 clones at 1 in $N, want about 50"

# I2: a NIC that never completes. Transmits are tracked one by one
# whatever the sampling, so the count in flight is exact.
load fixture_nic mode=stuck
ip link set fxnic0 up
echo 'fxnic0 50' >/sys/module/fixture_nic/parameters/tx_burst
sleep 2
show netdev report
expect_eq "fxnic0 in flight, exact" 50 "$(dev fxnic0 4)"
expect_eq "fxnic0 state" stuck "$(dev fxnic0 3)"
expect_match "estimates announced" "sampling 1 in $N allocations: counts below are estimates" $OT/report
# 40960 fragments of 2 KiB: 81920 kB, estimated from ~640 sampled with a
# bound of about 2 * sqrt(1/640) = 8%.
line=$(grep -E '^  fixture_frag_rx_refill' $OT/report)
est=$(echo "$line" | sed -n 's/.*: \([0-9]*\) kB (+\/-\([0-9]*\)%).*/\1/p')
bound=$(echo "$line" | sed -n 's/.*: \([0-9]*\) kB (+\/-\([0-9]*\)%).*/\2/p')
[ -n "$est" ] && [ -n "$bound" ] || fail "no estimate with a bound in '$line'"
[ "$bound" -ge 4 ] && [ "$bound" -le 12 ] || fail "bound $bound% for ~640 samples, want about 8%"
diff=$((est > 81920 ? est - 81920 : 81920 - est))
[ $((diff * 100)) -le $((81920 * bound)) ] || fail "estimate $est kB is outside $bound% of 81920 kB"
expect_match "I2 named" "verdict: TX stuck on fxnic0: 50 skbs" $OT/report
expect_match "I1 named" "verdict: outstanding: fixture_frag_rx_refill" $OT/report

# At an OOM the same: the largest holder by estimate comes first.
log_mark
sysrq_oom
log_since_mark | grep 'oomtrace: ' >/tmp/ours
cat /tmp/ours
expect_match "OOM top 1 is the frag leak, scaled" \
	'oomtrace: top 1: fixture_frag_rx_refill\+0x[0-9a-f]+/0x[0-9a-f]+ \[fixture_frag_leak\] [0-9]+ kB in [0-9]+ frag' /tmp/ours
grep -q 'oomtrace: .*fixture_skb_leak' /tmp/ours || fail "OOM lines do not name the skb leak"
grep -q 'oomtrace: tx fxnic0: stuck, 50 in flight' /tmp/ours || fail "OOM lines do not name the stuck NIC"

ip link set fxnic0 down
rmmod fixture_nic
echo 1 >/sys/module/fixture_frag_leak/parameters/release
echo 1 >/sys/module/fixture_clone_leak/parameters/release
echo 1 >/sys/module/fixture_skb_leak/parameters/release
rmmod fixture_clone_leak
rmmod fixture_frag_leak
rmmod fixture_skb_leak
rmmod oomtrace
