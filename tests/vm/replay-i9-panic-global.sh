# kernels: stock
# mem: 256
# timeout: 120
# expect: oom-panic
# Incident I9, vm.panic_on_oom=1: a global OOM panics instead of killing.
# oomtrace's OOM notifier runs before the kernel acts on panic_on_oom, so
# its report, with the policy in force and the process that took the
# memory, must be on the console before the panic.
# console: oomtrace: OOM #1: global OOM, gfp GFP_HIGHUSER_MOVABLE[|_A-Z]*, order 0, panic_on_oom 1
# console: oomtrace: largest process: memhog [(]pid [0-9]+[)] [0-9]+ kB RSS
# console: oomtrace: verdict: process memhog [(]pid [0-9]+[)] holds [0-9]+% of RAM
# console: memhog invoked oom-killer: gfp_mask=0x[0-9a-f]+[(]GFP_HIGHUSER_MOVABLE
# console: Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled
. /tests/replay-lib.sh
# Set as at boot, before oomtrace loads: it reads the sysctl from /proc
# at load and then every interval_ms, so a change made just before an
# OOM could still show the old value.
echo 1 >/proc/sys/vm/panic_on_oom
load oomtrace
hog_start 0
wait $hog
fail "memhog ended and the kernel did not panic"
