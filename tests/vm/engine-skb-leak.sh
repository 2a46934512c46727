# kernels: stock debug distro
# A driver that holds N skbs is named by function with exactly N live,
# through alloc_skb and through the netdev allocator family alike; after
# it frees them the count is 0.
load oomtrace
show probes
load fixture_skb_leak count=37 size=1500
show callsites
expect_eq "live skbs at fixture_skb_leak_alloc" 37 "$(site skb fixture_skb_leak_alloc 2)"
expect_eq "allocs at fixture_skb_leak_alloc" 37 "$(site skb fixture_skb_leak_alloc 4)"
bytes=$(site skb fixture_skb_leak_alloc 3)
[ "$bytes" -ge $((37 * 1500)) ] || fail "live bytes $bytes below 37 x 1500"
grep -q "fixture_skb_leak_alloc" $OT/report || fail "report does not name the callsite"

echo 1 >/sys/module/fixture_skb_leak/parameters/release
show callsites
expect_eq "live after release" 0 "$(site skb fixture_skb_leak_alloc 2)"
expect_eq "frees after release" 37 "$(site skb fixture_skb_leak_alloc 5)"
rmmod fixture_skb_leak

unwinds() { awk '$1 == "attrib_unwinds" {print $2}' $OT/stats; }

# Through __netdev_alloc_skb (page_frag head + __build_skb): the callsite
# is still the driver function, not the allocator, and it is known from
# the allocator's entry probe without unwinding the stack.
before=$(unwinds)
load fixture_skb_leak count=21 size=1000 via=netdev_alloc_skb
show callsites stats
expect_eq "netdev_alloc_skb: live skbs at driver" 21 "$(site skb fixture_skb_leak_alloc 2)"
expect_eq "skb heads not counted twice as frags" none "$(site frag fixture_skb_leak_alloc 2)"
expect_eq "allocator never named" 0 "$(grep -c '__netdev_alloc_skb+' $OT/callsites || true)"
expect_eq "netdev_alloc_skb: no stack unwound" "$before" "$(unwinds)"
rmmod fixture_skb_leak

before=$(unwinds)
load fixture_skb_leak count=13 size=600 via=napi_alloc_skb
show callsites
expect_eq "napi_alloc_skb: live skbs at driver" 13 "$(site skb fixture_skb_leak_alloc 2)"
expect_eq "napi_alloc_skb: no stack unwound" "$before" "$(unwinds)"
rmmod fixture_skb_leak
rmmod oomtrace
