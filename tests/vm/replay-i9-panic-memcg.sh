# kernels: stock
# mem: 256
# timeout: 120
# expect: oom-panic
# Incident I9, vm.panic_on_oom=2: even a memcg OOM panics (compulsory).
# Memcg OOMs never reach the OOM notifier; oomtrace reports them from its
# out_of_memory() probe, which runs before the panic, so the report naming
# the cgroup and its limit must be on the console first.
# console: oomtrace: OOM #1: memcg OOM, gfp [|_A-Z]+, order 0, panic_on_oom 2
# console: oomtrace: verdict: memcg limit: /replay at [0-9]+ of 49152 kB; the rest of the system is not short
# console: memhog invoked oom-killer: gfp_mask=0x[0-9a-f]+[(]GFP_
# console: Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled
. /tests/replay-lib.sh
cg=/sys/fs/cgroup
mount -t cgroup2 none $cg
echo +memory >$cg/cgroup.subtree_control
mkdir $cg/replay
echo $((49152 * 1024)) >$cg/replay/memory.max
# Set as at boot, before oomtrace loads: it reads the sysctl from /proc
# at load and then every interval_ms, so a change made just before an
# OOM could still show the old value.
echo 2 >/proc/sys/vm/panic_on_oom
load oomtrace
hog_start_in $cg/replay 0
wait $hog
fail "memhog ended and the kernel did not panic"
