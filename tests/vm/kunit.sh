# kernels: debug
# Run oomtrace's KUnit suites. Loading the test module succeeds even when
# cases fail, so the results decide: each suite's KTAP from debugfs goes
# to the host on the verdict channel, where every case is counted.
load oomtrace_kunit
found=0
for dir in /sys/kernel/debug/kunit/oomtrace_*; do
	[ -f "$dir/results" ] || continue
	found=1
	cat "$dir/results" >>$OOMTRACE_REPORT
done
cat $OOMTRACE_REPORT
[ $found = 1 ] || fail "no oomtrace KUnit suite ran"
! grep -q '^ *not ok' $OOMTRACE_REPORT || fail "KUnit cases failed"
rmmod oomtrace_kunit
