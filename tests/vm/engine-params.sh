# kernels: stock
# Bad module parameters fail the load with a message naming them; bad
# control writes are refused and change nothing.
for bad in max_objects=1000 max_objects=0 stack_depth=9 sample_every=0 \
	interval_ms=5 'tx_clean=bad,,name' 'tx_clean=a;b' entry_probes=fentry entry_probes=; do
	log_mark
	if insmod /modules/oomtrace.ko "$bad" 2>/dev/null; then
		fail "insmod accepted $bad"
	fi
	log_since_mark >/tmp/log
	cat /tmp/log
	[ ! -d $OT ] || fail "debugfs left behind after failed load ($bad)"
	expect_match "message for $bad" "oomtrace: ${bad%%=*}" /tmp/log
done

load oomtrace
for cmd in bogus 'reset now' ' ' enable2 'reset\nenable'; do
	if printf '%s' "$cmd" >$OT/control 2>/dev/null; then
		fail "control accepted '$cmd'"
	fi
done
expect_eq "still enabled" 1 "$(awk '$1 == "enabled" {print $2}' $OT/stats)"
echo disable >$OT/control
expect_eq "disabled" 0 "$(awk '$1 == "enabled" {print $2}' $OT/stats)"
load fixture_skb_leak count=5
expect_eq "nothing recorded while disabled" none "$(site skb fixture_skb_leak_alloc 2)"
rmmod fixture_skb_leak
echo enable >$OT/control
load fixture_skb_leak count=5
expect_eq "recorded once enabled" 5 "$(site skb fixture_skb_leak_alloc 2)"
echo reset >$OT/control
expect_eq "reset forgets" none "$(site skb fixture_skb_leak_alloc 2)"
rmmod fixture_skb_leak
rmmod oomtrace

# Sampling: 1 in 4 tracked per CPU, and the report says its figures are estimates.
load oomtrace sample_every=4
load fixture_skb_leak count=400
tracked=$(site skb fixture_skb_leak_alloc 2)
[ "$tracked" -ge 90 ] && [ "$tracked" -le 110 ] || fail "sampled count $tracked, want about 100"
expect_match "estimate marked" 'sampling 1 in 4 allocations: counts below are estimates' $OT/report
rmmod fixture_skb_leak
rmmod oomtrace
