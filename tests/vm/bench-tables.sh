# kernels: bench
# timeout: 900
# mem: 1024
# Part of make bench, not a test: what reading the report and reporting
# an OOM cost with the tables full (10240 callsites, 61440 live objects
# in a 65536-object table).
load oomtrace max_callsites=16384
load bench_sites sites=10240 per_site=6
sites=$(grep -vc '^#' $OT/callsites)
objs=$(awk '$1 == "objects_live" {print $2}' $OT/stats)
report=$(readtime $OT/report 5)
callsites=$(readtime $OT/callsites 5)
echo "report: $report"
echo "callsites: $callsites"
log_mark
sysrq_oom
# The kernel's own OOM report in the same boot, as a yardstick: from its
# first line to its last, by the log's timestamps (oomtrace's lines come
# before it and are not counted).
kernel_us=$(log_since_mark | grep -v 'oomtrace: ' | awk -F'[][]' '
	/invoked oom-killer/ { start = $2 }
	start != "" { end = $2 }
	END { if (start != "") printf "%d", (end - start) * 1000000 }')
build_us=$(awk '$1 == "oom_last_build_us" {print $2}' $OT/stats)
print_us=$(awk '$1 == "oom_last_print_us" {print $2}' $OT/stats)
[ "$build_us" -gt 0 ] || fail "no OOM report cost recorded"
best() { echo "$1" | sed -n 's/.*best \([0-9]*\) us, median \([0-9]*\) us.*/\1 \2/p'; }
echo "tables: sites $sites objects $objs report_us $(best "$report") callsites_us $(best "$callsites") oom_us $build_us $print_us kernel_oom_us ${kernel_us:-0}" >>"$OOMTRACE_REPORT"
rmmod bench_sites
rmmod oomtrace
