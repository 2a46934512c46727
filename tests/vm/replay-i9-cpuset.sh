# kernels: stock
# mem: 256
# append: numa=fake=2
# timeout: 120
# Incident I9, cpuset constraint: a process confined by its cpuset to one
# of two memory nodes fills that node; the OOM killer runs although the
# other node has memory free (CONSTRAINT_CPUSET). The report must not
# call this a global OOM: it must say the OOM was constrained by a cpuset.
. /tests/replay-lib.sh
expect_eq "memory nodes" 2 "$(ls -d /sys/devices/system/node/node[0-9]* | wc -l)"
cg=/sys/fs/cgroup
mount -t cgroup2 none $cg
echo +cpuset >$cg/cgroup.subtree_control
mkdir $cg/replay
echo 1 >$cg/replay/cpuset.mems
expect_eq "cpuset's nodes" 1 "$(cat $cg/replay/cpuset.mems.effective)"
load oomtrace
log_mark
hog_start_in $cg/replay 0
hog_killed
oom_report
expect_match "the kernel saw a cpuset OOM" 'oom-kill:constraint=CONSTRAINT_CPUSET,' /tmp/log
expect_match "the kernel killed memhog" "Killed process $hog \\(memhog\\)" /tmp/log
n=$(wc -l </tmp/ours)
[ "$n" -ge 3 ] && [ "$n" -le 25 ] || fail "OOM report has $n lines"
expect_match "a report for this OOM" '^oomtrace: OOM #1: ' /tmp/ours
free0=$(awk '$3 == "MemFree:" { print $4 }' /sys/devices/system/node/node0/meminfo)
echo "node 0 free after the OOM: $free0 kB"
expect_no_match "not called a global OOM" '^oomtrace: OOM #1: global OOM' /tmp/ours
expect_match "the cpuset named" '^oomtrace: .*cpuset' /tmp/ours
expect_reader_agrees
rmmod oomtrace
