# kernels: stock debug distro
# skb_clone leak (incident I5): the clones are counted at the function
# that cloned, separately from the original's allocation.
load oomtrace
load fixture_clone_leak count=48
show callsites
expect_eq "live clones at fixture_bt_event_clone" 48 "$(site clone fixture_bt_event_clone 2)"
expect_eq "no plain skbs at the clone site" none "$(site skb fixture_bt_event_clone 2)"
expect_eq "the original at fixture_bt_event_alloc" 1 "$(site skb fixture_bt_event_alloc 2)"
echo 1 >/sys/module/fixture_clone_leak/parameters/release
expect_eq "clones after release" 0 "$(site clone fixture_bt_event_clone 2)"
rmmod fixture_clone_leak
rmmod oomtrace
