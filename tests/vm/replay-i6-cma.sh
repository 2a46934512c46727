# kernels: debug arm64-6.1
# mem: 512
# append: cma=256M
# timeout: 200
# expect: oom-panic
# Incident I6: half of RAM is a CMA area. A driver's unmovable
# allocations (fixture_kmem_fill, GFP_KERNEL pages) can never come from
# it, so they run the rest of memory down to the min watermark while the
# CMA pages stay free, and the OOM killer runs with most of memory
# "free". With vm.panic_on_oom=2 the kernel then panics. The report must
# say that free memory is mostly CMA and that what is left is below the
# watermark, and it must be on the console before the panic.
# console: oomtrace: OOM #1: global OOM, gfp GFP_KERNEL[|_A-Z]*, order 0, panic_on_oom 2
# console: oomtrace: memory: total [0-9]+ kB, free [0-9]+ kB [(]cma [0-9]+ kB, min watermark [0-9]+ kB[)]
# console: oomtrace: verdict: free memory is mostly CMA: [0-9]+ of [0-9]+ kB free is CMA, usable only for movable allocations; the [0-9]+ kB left is below the high watermark [0-9]+ kB [(]min [0-9]+ kB[)]
# console: invoked oom-killer: gfp_mask=0x[0-9a-f]+[(]GFP_KERNEL
# console: fixture_kmem_fill[+]
# console: Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled
. /tests/replay-lib.sh
cma=$(meminfo CmaTotal)
expect_ge "CMA area, kB" $(($(meminfo MemTotal) / 2)) "$cma"
expect_ge "CMA free, kB" $((cma * 9 / 10)) "$(meminfo CmaFree)"
# Set as at boot, before oomtrace loads: it reads the sysctl from /proc
# at load and then every interval_ms, so a change made just before an
# OOM could still show the old value.
echo 2 >/proc/sys/vm/panic_on_oom
load oomtrace
# Far more than there is: the fill only ends at the OOM.
load fixture_kmem_hog mb=100000
fail "fixture_kmem_hog took all it asked for and the kernel did not panic"
