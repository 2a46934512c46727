# kernels: stock distro
# mem: 256
# timeout: 120
# Incident I1: a driver refills its RX rings from private page_frag caches
# and never drains them; the pages under the fragments are in no slab and
# on no LRU, so nothing in /proc/meminfo says where half of RAM went. An
# ordinary process then runs the machine into the OOM killer. The report
# must name fixture_frag_rx_refill, the outstanding fragments and the
# caches still holding pages, and show the memory as accounted nowhere.
. /tests/replay-lib.sh
total=$(meminfo MemTotal)
# 1024 caches (as many as oomtrace follows), each filled with whole pages
# of 2 KiB fragments, together about half of RAM. A cache page is 32 KiB
# (order 3) with 4 KiB pages, one 64 KiB page with 64 KiB pages: the I1
# server's case, where every cache pins twice as much.
caches=1024
cache_kb=$(page_kb)
[ "$cache_kb" -ge 32 ] || cache_kb=32
pages=$((total / 2 / cache_kb / caches))
[ "$pages" -ge 1 ] || pages=1
frags=$((pages * cache_kb / 2))
# stuck_ms: how old outstanding objects must be for a verdict to call
# them outstanding; the fragments are a few seconds old at the OOM.
load oomtrace max_objects=131072 stuck_ms=1000
slab_before=$(meminfo SUnreclaim)
load fixture_frag_leak caches=$caches frags=$frags fragsz=2048
nfrags=$((caches * frags))
held_kb=$((nfrags * 2))
expect_eq "frags held at fixture_frag_rx_refill" $nfrags "$(site frag fixture_frag_rx_refill 2)"
sleep 2
log_mark
hog_start 0
hog_killed
oom_report
expect_oom_common "global OOM"
expect_match "top callsite" \
	"^oomtrace: top 1: fixture_frag_rx_refill\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[fixture_frag_leak\\] $held_kb kB in $nfrags frag, oldest [0-9]+s$" /tmp/ours
expect_match "outstanding fragments" \
	"^oomtrace: verdict: outstanding: fixture_frag_rx_refill\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[fixture_frag_leak\\] holds $held_kb kB in $nfrags frag objects" /tmp/ours
expect_match "caches holding pages" \
	"^oomtrace: verdict: page_frag: $caches caches filled by fixture_frag_rx_refill\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[fixture_frag_leak\\] pin $((caches * cache_kb)) kB, invisible to slab and LRU$" /tmp/ours
# The pages under the fragments are not slab, LRU or hugepages: the
# estimate of memory accounted nowhere must cover them.
nowhere=$(field 'accounted nowhere ~([0-9]+) kB' /tmp/ours)
expect_ge "accounted nowhere, kB" $((held_kb * 95 / 100)) "$nowhere"
expect_match "outside-slab verdict" \
	'^oomtrace: verdict: [0-9]+ MiB \([0-9]+% of RAM\) is accounted to no slab, LRU or hugepage pool \(estimate\): kernel memory outside slab$' /tmp/ours
# Slab's own size differs by page size (the console's receive ring alone
# is 1024 pages): what matters is that the fragments did not add to it.
slab=$(field 'slab unreclaimable ([0-9]+) kB' /tmp/ours)
[ "$((slab - slab_before))" -lt $((held_kb / 4)) ] ||
	fail "slab unreclaimable grew from $slab_before to $slab kB: the fragments should not be in slab"
expect_eq "objects dropped" 0 "$(awk '$1 == "objects_dropped" { print $2 }' $OT/stats)"
expect_eq "frag caches dropped" 0 "$(awk '$1 == "frag_caches_dropped" { print $2 }' $OT/stats)"

# The fragments are freed, the caches are not drained: their pages stay.
echo 1 >/sys/module/fixture_frag_leak/parameters/release
expect_eq "frags after page_frag_free" 0 "$(site frag fixture_frag_rx_refill 2)"
show report
grep -Eq "fixture_frag_rx_refill.*: $caches caches" $OT/report || fail "undrained caches not reported"
rmmod fixture_frag_leak
rmmod oomtrace
