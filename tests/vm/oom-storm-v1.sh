# kernels: stock debug
# mem: 256
# append: log_buf_len=8M
# timeout: 600
# 15 real OOMs in a row at a cgroup v1 memory limit, checked as in
# oom-storm (which has the cgroup v2, cpuset and global ones: a memory
# controller used on one hierarchy is not given back to the other in the
# same boot).
. /tests/replay-lib.sh
. /tests/oom-storm-lib.sh
storm_begin
cg=/sys/fs/cgroup
mount -t tmpfs none $cg
mkdir $cg/memory
mount -t cgroup -o memory none $cg/memory
mkdir $cg/memory/storm
echo $((24 << 20)) >$cg/memory/storm/memory.limit_in_bytes
for i in $(seq 15); do round $cg/memory/storm; done
storm_check 15
expect_eq "memcg OOMs" 15 "$(grep -c 'oom-kill:constraint=CONSTRAINT_MEMCG,' /tmp/log)"
rmdir $cg/memory/storm
