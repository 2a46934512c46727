# kernels: stock
# mem: 256
# timeout: 120
# Incident I5: a Bluetooth driver leaks skb_clone()d event skbs. The clones
# pile up in the skbuff head cache until an ordinary process runs into the
# OOM killer. The report must name the skb_clone callsite, with every clone
# still held, apart from the one parent event skb.
. /tests/replay-lib.sh
# 40000 clones (about 9 MiB) within the default object table: memhog,
# the OOM's victim, then holds well over half of RAM. With 100000 clones
# and a table for 262144 objects it held 49 to 50%, and whether the
# reader named it as a single process turned on a few hundred kB.
count=40000
# stuck_ms: how old outstanding objects must be for a verdict to call
# them outstanding; the clones are a few seconds old at the OOM.
load oomtrace stuck_ms=1000
load fixture_clone_leak count=$count
expect_eq "clones held" $count "$(cat /sys/module/fixture_clone_leak/parameters/held)"
sleep 2
log_mark
hog_start 0
hog_killed
oom_report
expect_oom_common "global OOM"
expect_match "top callsite is the clone site" \
	"^oomtrace: top 1: fixture_bt_event_clone\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[fixture_clone_leak\\] [0-9]+ kB in $count clone, oldest [0-9]+s$" /tmp/ours
expect_match "outstanding verdict names it" \
	"^oomtrace: verdict: outstanding: fixture_bt_event_clone\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[fixture_clone_leak\\] holds [0-9]+ kB in $count clone objects, oldest [0-9]+s$" /tmp/ours
expect_no_match "the parent is not blamed for the clones" \
	'top [0-9]: fixture_bt_event_alloc.* in [0-9]{2,} ' /tmp/ours
expect_no_match "no device blamed" 'verdict: TX stuck' /tmp/ours
expect_eq "objects dropped" 0 "$(awk '$1 == "objects_dropped" { print $2 }' $OT/stats)"
expect_eq "clones at the callsite after the OOM" $count "$(site clone fixture_bt_event_clone 2)"
rmmod fixture_clone_leak
expect_eq "clones after unload" 0 "$(site clone fixture_bt_event_clone 2)"
rmmod oomtrace
