# kernels: bench
# timeout: 600
# Part of make bench, not a test: the module's own count of its memory
# against what the machine lost (MemFree) at each of three loads, on a
# VM whose CPU count scripts/bench.sh chooses.
settle() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 1
}
# Free memory in kB: MemFree plus the pages on per-CPU free lists, which
# MemFree does not count; an allocation served from those lists would
# otherwise not show at all.
memfree() {
	local pcp
	pcp=$(awk '$1 == "count:" {n += $2} END {print n + 0}' /proc/zoneinfo)
	echo $(($(awk '/^MemFree:/ {print $2}' /proc/meminfo) + pcp * $(page_kb)))
}

drops=
for round in 1 2 3; do
	settle
	before=$(memfree)
	load oomtrace
	settle
	after=$(memfree)
	drops="$drops $((before - after))"
	footprint=$(awk '$1 == "footprint_bytes" {print $2}' $OT/stats)
	# The module's code and data, which its count does not include.
	text=$(awk '$1 == "oomtrace" {print $2}' /proc/modules)
	rmmod oomtrace
done
echo "footprint: cpus $(nproc) possible $(cat /sys/devices/system/cpu/possible)" \
	"count $footprint text $text memfree_drop_kb$drops" >>"$OOMTRACE_REPORT"
