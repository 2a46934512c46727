# kernels: stock
# mem: 256
# append: numa=fake=2 log_buf_len=8M
# timeout: 600
# 10 real OOMs in a row in a cpuset confined to one of two memory nodes
# (CONSTRAINT_CPUSET), checked as in oom-storm. The stock kernel only:
# the debug kernel is built without NUMA, which fake nodes need.
. /tests/replay-lib.sh
. /tests/oom-storm-lib.sh
expect_eq "memory nodes" 2 "$(ls -d /sys/devices/system/node/node[0-9]* | wc -l)"
storm_begin
cg=/sys/fs/cgroup
mount -t cgroup2 none $cg
echo +cpuset >$cg/cgroup.subtree_control
mkdir $cg/node1
echo 1 >$cg/node1/cpuset.mems
for i in $(seq 10); do round $cg/node1; done
storm_check 10
expect_eq "cpuset OOMs" 10 "$(grep -c 'oom-kill:constraint=CONSTRAINT_CPUSET,' /tmp/log)"
