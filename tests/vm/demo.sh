# kernels: stock
# What `make demo` shows: load oomtrace, run the OOM path, read the report
# back from debugfs. Also a test: it fails if the report is missing.
load oomtrace
echo f >/proc/sysrq-trigger
echo "=== cat /sys/kernel/debug/oomtrace/oom"
cat /sys/kernel/debug/oomtrace/oom
echo "=== end"
grep -q '^report 1 ' /sys/kernel/debug/oomtrace/oom || fail "no OOM report in debugfs"
rmmod oomtrace
