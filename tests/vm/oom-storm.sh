# kernels: stock debug
# mem: 256
# append: log_buf_len=8M
# timeout: 900
# 35 real OOMs in a row with oomtrace loaded: 20 at a cgroup v2
# memory.max and 15 global (the cgroup v1 memory controller has its own
# boot, oom-storm-v1, and cpusets theirs, oom-storm-cpuset). Every OOM
# gets oomtrace's report, the reports are numbered 1..N without a gap,
# every out_of_memory() call is reported or counted as a repeat, and
# alloc_spy sees no allocation from oomtrace's code inside
# out_of_memory() (after a control in which one is seen).
. /tests/replay-lib.sh
. /tests/oom-storm-lib.sh
storm_begin
cg=/sys/fs/cgroup
mount -t cgroup2 none $cg
echo +memory >$cg/cgroup.subtree_control
mkdir $cg/storm
echo $((24 << 20)) >$cg/storm/memory.max
for i in $(seq 20); do round $cg/storm; done
echo "ok: 20 OOMs at a cgroup v2 memory.max"
for i in $(seq 15); do round -; done
echo "ok: 15 global OOMs"
storm_check 35
expect_eq "memcg OOMs" 20 "$(grep -c 'oom-kill:constraint=CONSTRAINT_MEMCG,' /tmp/log)"
expect_eq "global OOMs" 15 "$(grep -c 'oom-kill:constraint=CONSTRAINT_NONE,' /tmp/log)"
