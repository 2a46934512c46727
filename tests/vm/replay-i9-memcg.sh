# kernels: stock debug
# mem: 256
# timeout: 120
# Incident I9, memcg constraint: a process in a cgroup v2 with memory.max
# runs into its limit while the rest of the machine has plenty. The OOM
# never reaches the global OOM notifier; the report must still be printed,
# say it is a memcg OOM and name the cgroup, its usage and its limit.
. /tests/replay-lib.sh
cg=/sys/fs/cgroup
mount -t cgroup2 none $cg
echo +memory >$cg/cgroup.subtree_control
mkdir $cg/replay
limit_kb=49152
echo $((limit_kb * 1024)) >$cg/replay/memory.max
load oomtrace
log_mark
hog_start_in $cg/replay 0
hog_killed
oom_report
expect_oom_common "memcg OOM"
expect_match "allocation and policy" '^oomtrace: OOM #1: memcg OOM, gfp [A-Z_|]+, order 0, panic_on_oom 0$' /tmp/ours
expect_match "memcg verdict" \
	"^oomtrace: verdict: memcg limit: /replay at [0-9]+ of $limit_kb kB; the rest of the system is not short$" /tmp/ours
usage=$(field 'memcg limit: /replay at ([0-9]+) of' /tmp/ours)
expect_ge "usage at the OOM, kB" $((limit_kb * 95 / 100)) "$usage"
expect_match "the kernel saw a memcg OOM" 'oom-kill:constraint=CONSTRAINT_MEMCG,.*oom_memcg=/replay,' /tmp/log
expect_match "the kernel killed in the cgroup" "Memory cgroup out of memory: Killed process $hog \\(memhog\\)" /tmp/log
expect_no_match "not the machine's memory" \
	'verdict: (process memhog|outstanding|page_frag|TX stuck|hugepages|free memory is mostly CMA|[0-9]+ MiB .*accounted to no slab)' /tmp/ours
expect_eq "memory.events oom_kill" 1 "$(awk '$1 == "oom_kill" { print $2 }' $cg/replay/memory.events)"
rmmod oomtrace
rmdir $cg/replay
