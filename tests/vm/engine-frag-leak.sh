# kernels: stock debug distro
# A driver's own page_frag caches (incident I1): outstanding fragments and
# bytes per callsite while held, and the pages the caches keep after the
# fragments are freed, since they are never drained.
load oomtrace
load fixture_frag_leak caches=4 frags=8 fragsz=2048
show callsites report
expect_eq "live frags at fixture_frag_rx_refill" 32 "$(site frag fixture_frag_rx_refill 2)"
expect_eq "live frag bytes" $((32 * 2048)) "$(site frag fixture_frag_rx_refill 3)"
grep -Eq "fixture_frag_rx_refill.*: 4 caches" $OT/report || fail "caches holding pages not named"

echo 1 >/sys/module/fixture_frag_leak/parameters/release
show callsites report
expect_eq "live frags after page_frag_free" 0 "$(site frag fixture_frag_rx_refill 2)"
grep -Eq "fixture_frag_rx_refill.*: 4 caches" $OT/report ||
	fail "undrained caches no longer reported"
rmmod fixture_frag_leak
grep -Eq "fixture_frag_rx_refill.*caches" $OT/report && fail "drained caches still reported"

# Fragments that go out as skb page fragments are released by put_page()
# with the skb. Their pages are still referenced by the caches, so only
# the skb's free can tell they are gone.
load fixture_frag_leak caches=2 frags=8 fragsz=2048
expect_eq "live frags before" 16 "$(site frag fixture_frag_rx_refill 2)"
echo 1 >/sys/module/fixture_frag_leak/parameters/release_via_skb
show callsites stats
expect_eq "live frags after their skbs were freed" 0 "$(site frag fixture_frag_rx_refill 2)"
expect_eq "none of them left to the reaper" 0 "$(awk '$1 == "frags_reaped" {print $2}' $OT/stats)"
rmmod fixture_frag_leak
rmmod oomtrace
