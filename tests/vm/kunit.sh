# kernels: debug
# Run oomtrace's KUnit suites. The kernel prints KTAP as each suite runs;
# the debugfs results are echoed with a "ktap:" prefix so the host counts
# every case. Loading the module succeeds even when cases fail, so the
# results are what decides.
load oomtrace_kunit
found=0
for dir in /sys/kernel/debug/kunit/oomtrace_*; do
	[ -f "$dir/results" ] || continue
	found=1
	sed 's/^/ktap: /' "$dir/results"
done
rmmod oomtrace_kunit
[ $found = 1 ] || fail "no oomtrace KUnit suite ran"
for dir in /sys/kernel/debug/kunit/oomtrace_*; do
	! grep -q '^ *not ok' "$dir/results" 2>/dev/null || fail "KUnit cases failed"
done
