# kernels: stock debug
# mem: 256
# timeout: 120
# Incident I8: one ordinary user process takes most of RAM and the global
# OOM killer runs (CONSTRAINT_NONE). The report must name the process and
# its share of RAM, and must not blame the kernel: no leak verdict.
. /tests/replay-lib.sh
load oomtrace
log_mark
hog_start 0
hog_killed
oom_report
expect_oom_common "global OOM"
expect_match "allocation that failed" '^oomtrace: OOM #1: global OOM, gfp GFP_HIGHUSER_MOVABLE.*, order 0, panic_on_oom 0$' /tmp/ours
expect_match "largest process" "^oomtrace: largest process: memhog \\(pid $hog\\) [0-9]+ kB RSS$" /tmp/ours
expect_match "process verdict" "^oomtrace: verdict: process memhog \\(pid $hog\\) holds [0-9]+% of RAM \\([0-9]+ kB RSS\\): a user process, not a kernel leak$" /tmp/ours
pct=$(field 'holds ([0-9]+)% of RAM' /tmp/ours)
expect_ge "memhog's share of RAM in percent" 60 "$pct"
expect_no_match "no kernel-side verdict" \
	'verdict: (outstanding|page_frag|TX stuck|TX backlog|memcg|hugepages|free memory is mostly CMA|[0-9]+ MiB .*accounted to no slab)' /tmp/ours
expect_no_match "nothing else stands out either" 'verdict: no single cause' /tmp/ours
rmmod oomtrace
