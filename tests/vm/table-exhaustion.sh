# kernels: stock debug
# The smallest tables (64 objects, 16 callsites) under leaks that
# overflow both: 400 skbs held from one callsite, then one skb from each
# of 200 others. Every record that found no room is counted, `cat report`
# says so, the table never holds more than it has, the largest culprit is
# still named first, and the kernel reports nothing.
stat() { awk -v k="$1" '$1 == k { print $2 }' $OT/stats; }
load oomtrace max_objects=64 max_callsites=16
load fixture_skb_leak count=400 size=1500
show stats
expect_eq "objects tracked: the table is full" 64 "$(stat objects_live)"
expect_eq "objects that found no room, counted" 336 "$(stat objects_dropped)"
load bench_sites sites=200 per_site=1
show stats report
expect_eq "still full, never more" 64 "$(stat objects_live)"
[ "$(stat objects_dropped)" -ge 536 ] || fail "objects_dropped $(stat objects_dropped): want at least 536"
[ "$(stat callsites_dropped)" -gt 0 ] || fail "200 callsites through 16 slots and none dropped"
rows=$(grep -vc '^#' $OT/callsites)
[ "$rows" -le 16 ] || fail "$rows callsite rows from a 16-slot table"
expect_match "cat report says what was dropped" \
	"^drops: $(stat objects_dropped) objects \\(table full\\), $(stat callsites_dropped) callsites, 0 devices; tracking 64 of 64 objects" \
	$OT/report
# The largest culprit: the first callsite row (largest first) and the
# one the report names first.
first=$(awk '!/^#/ { print $10; exit }' $OT/callsites)
case $first in fixture_skb_leak_alloc+*) ;; *) fail "first callsite is $first, not the leak" ;; esac
echo "ok: the largest culprit is still first: $first"
rmmod bench_sites
rmmod fixture_skb_leak
expect_eq "everything freed" 0 "$(stat objects_live)"
rmmod oomtrace
