# kernels: bench
# timeout: 2000
# The benchmark (make bench), not a test: the same workloads without and
# then with oomtrace loaded, in one boot, printing ratios and costs.
N=${BENCH_N:-200000}
FRAMES=${BENCH_FRAMES:-100000}
no_ipv6_chatter
# bench_skb logs each run; kept off the console, where it would land
# inside the tables. Warnings and worse still reach it.
dmesg -n 4
load bench_skb
B=/sys/module/bench_skb/parameters

ROUNDS=${BENCH_ROUNDS:-3}

# best NAME VALUE [max]: keep the lowest (or highest) value seen for NAME.
best() {
	eval "cur=\${$1:-}"
	if [ -z "$cur" ] || { [ "${3:-}" = max ] && [ "$2" -gt "$cur" ]; } ||
		{ [ "${3:-}" != max ] && [ "$2" -lt "$cur" ]; }; then
		eval "$1=$2"
	fi
}

loop_ns() {
	echo "$1 $N" >$B/run
	cat $B/last_ns
}

load_kernel_module veth
vb1=$(veth_pair vb0)
ip addr add 10.98.0.2/24 dev $vb1
veth_up vb0 $vb1

# Frames per second received through vb0 -> vb1 -> UDP socket.
veth_rate() {
	udpblast recv 9999 "$FRAMES" 2000 >/tmp/recv &
	sleep 0.5
	udpblast send vb0 10.98.0.2 "$FRAMES" 64 >/dev/null
	wait
	sed -n 's/.*(\([0-9]*\) per second).*/\1/p' /tmp/recv
}

# Rounds interleave the modes (without oomtrace, with it, sampling 1 in
# $SAMPLE, probes attached but recording off), so a slow spell of the
# emulator's host lands on all of them alike; the best of the rounds is
# kept for each.
SAMPLE=${BENCH_SAMPLE:-64}
kinds="skb frag clone netdev"
drops=
for round in $(seq "$ROUNDS"); do
	for k in $kinds; do best base_$k "$(loop_ns $k)"; done
	best base_veth "$(veth_rate)" max

	free_before=$(awk '/^MemFree:/ {print $2}' /proc/meminfo)
	load oomtrace
	free_after=$(awk '/^MemFree:/ {print $2}' /proc/meminfo)
	drops="$drops $((free_before - free_after))"
	for k in $kinds; do best traced_$k "$(loop_ns $k)"; done
	best traced_veth "$(veth_rate)" max
	footprint=$(awk '$1 == "footprint_bytes" {print $2}' $OT/stats)
	dropped=$(awk '$1 == "objects_dropped" {print $2}' $OT/stats)
	unwinds=$(awk '$1 == "attrib_unwinds" {print $2}' $OT/stats)
	[ "$round" = 1 ] && cat $OT/probes | tee /tmp/probes
	# What the probe mechanism alone costs.
	echo disable >$OT/control
	for k in $kinds; do best idle_$k "$(loop_ns $k)"; done
	best idle_veth "$(veth_rate)" max
	rmmod oomtrace
	load oomtrace sample_every=$SAMPLE
	for k in $kinds; do best sampled_$k "$(loop_ns $k)"; done
	best sampled_veth "$(veth_rate)" max
	rmmod oomtrace
	# Entry probes the other way: ftrace where the default is kprobes,
	# kprobes where it is ftrace (a kernel that cannot, gives kprobes).
	entry=$(awk '$1 == "frag_free" {print $2}' /tmp/probes)
	other=ftrace
	[ "$entry" = kprobe ] || other=kprobe
	load oomtrace entry_probes=$other
	other_got=$(awk '$1 == "frag_free" {print $2}' $OT/probes)
	for k in $kinds; do best other_$k "$(loop_ns $k)"; done
	best other_veth "$(veth_rate)" max
	rmmod oomtrace
	# The BPF peer on the same sites (x86_64 guests: the bench builds it
	# only where the host has libbpf for the guest's arch).
	if command -v skbleak >/dev/null; then
		skbleak >/tmp/skbleak 2>&1 &
		peer=$!
		n=0
		until grep -q '^skbleak: attached' /tmp/skbleak; do
			n=$((n + 1))
			if [ $n -gt 300 ] || ! kill -0 $peer 2>/dev/null; then
				cat /tmp/skbleak
				fail "skbleak did not attach"
			fi
			sleep 0.1
		done
		for k in $kinds; do best peer_$k "$(loop_ns $k)"; done
		kill -INT $peer
		wait $peer || fail "skbleak exited $?"
	fi
done

echo "=== oomtrace benchmark ($(nproc) CPUs, $N iterations per loop, $FRAMES frames over veth, best of $ROUNDS interleaved rounds)"
printf '%-8s %11s %11s %8s %11s %8s %11s %8s %10s %9s\n' loop "base ns/op" "traced" ratio \
	"probes-only" ratio "1/$SAMPLE" ratio "ns/event" "above floor"
for k in $kinds; do
	eval "b=\$base_$k t=\$traced_$k i=\$idle_$k s=\$sampled_$k"
	# Each iteration is one allocation and one free: two probe events.
	# "above floor": what recording adds to the probes' own cost.
	# (Parenthesized: in awk's printf a bare ">" redirects the output.)
	awk -v k=$k -v b=$b -v t=$t -v i=$i -v s=$s -v n=$N 'BEGIN {
		printf "%-8s %11.1f %11.1f %7.1f%% %11.1f %7.1f%% %11.1f %7.1f%% %10.1f %8.0f%%\n", k, b / n, t / n,
			100 * b / t, i / n, 100 * b / i, s / n, 100 * b / s, (t - b) / n / 2,
			(i > b ? 100 * (t - i) / (i - b) : 0) }'
done
awk -v b=$base_veth -v t=$traced_veth -v i=$idle_veth -v s=$sampled_veth -v e=$SAMPLE 'BEGIN {
	printf "veth UDP: %d frames/s base, %d traced: %.1f%% of baseline (probes only: %d, %.1f%%; 1/%d: %d, %.1f%%)\n",
		b, t, 100 * t / b, i, 100 * i / b, e, s, 100 * s / b }'
echo "entry probes: $entry by default; with entry_probes=$other they were ${other_got} (same boot):"
printf '%-8s %14s %14s %10s\n' loop "$entry ns/op" "$other_got ns/op" difference
for k in $kinds; do
	eval "t=\$traced_$k q=\$other_$k"
	awk -v k=$k -v t=$t -v q=$q -v n=$N 'BEGIN {
		printf "%-8s %14.1f %14.1f %9.1f%%\n", k, t / n, q / n, 100 * (q - t) / t }'
done
awk -v t=$traced_veth -v q=$other_veth 'BEGIN {
	printf "veth UDP %14d %14d %9.1f%% (frames/s)\n", t, q, 100 * (q - t) / t }'
if [ -n "${peer_skb:-}" ]; then
	echo "BPF peer (tests/peers/skbleak: memleak's shape, per-stack totals, same sites):"
	grep -E '^skbleak: (k|attached)' /tmp/skbleak | sed 's/^/  /'
	printf '%-8s %11s %11s %8s %14s %14s %10s\n' loop "base ns/op" "BPF peer" ratio \
		"peer ns/event" "oomtrace ns/ev" "peer/ours"
	for k in $kinds; do
		eval "b=\$base_$k t=\$traced_$k p=\$peer_$k"
		awk -v k=$k -v b=$b -v t=$t -v p=$p -v n=$N 'BEGIN {
			ours = (t - b) / n / 2; theirs = (p - b) / n / 2
			printf "%-8s %11.1f %11.1f %7.1f%% %14.1f %14.1f %9.1fx\n", k, b / n, p / n,
				100 * b / p, theirs, ours, (ours > 0 ? theirs / ours : 0) }'
	done
else
	echo "BPF peer: not run (built only for x86_64 guests)"
fi
# MemFree also moves with per-CPU page lists and caches: show every load's drop.
echo "footprint: $footprint bytes by the module's own count; MemFree drop at each load (kB):$drops"
echo "objects dropped (table full): $dropped"
echo "allocations attributed by unwinding the stack (last round): $unwinds"

# The floor of each mechanism a tracer can hook these sites with: every
# one attached alone, with a handler that only counts, around the skb
# loop (one __alloc_skb and one consume_skb per iteration).
load bench_hooks
H=/sys/module/bench_hooks/parameters
mechs="kprobe kretprobe kretprobe-skip ftrace tracepoint"
for round in $(seq "$ROUNDS"); do
	best hbase "$(loop_ns skb)"
	for m in $mechs; do
		v=$(echo $m | tr - _)
		if ! echo "$m" >$H/hook 2>/dev/null; then
			eval "hook_$v=unavailable"
			continue
		fi
		best hook_$v "$(loop_ns skb)"
		eval "hits_$v=$(cat $H/hits)"
	done
	echo none >$H/hook
done
echo "hook floors: each mechanism alone on the skb loop's sites, a handler that only counts"
printf '%-16s %10s %8s %13s %10s\n' mechanism "ns/op" ratio "hits per op" "ns per hit"
awk -v b=$hbase -v n=$N 'BEGIN { printf "%-16s %10.1f %7.1f%% %13s %10s\n", "none", b / n, 100, "-", "-" }'
for m in $mechs; do
	v=$(echo $m | tr - _)
	eval "t=\$hook_$v h=\${hits_$v:-0}"
	if [ "$t" = unavailable ]; then
		printf '%-16s %10s\n' "$m" "not on this kernel"
		continue
	fi
	# Hits of the last round over its iterations: a handler that did not
	# run would show 0 here, not a cheap mechanism.
	awk -v m=$m -v b=$hbase -v t=$t -v h=$h -v n=$N 'BEGIN {
		printf "%-16s %10.1f %7.1f%% %13.2f %10s\n", m, t / n, 100 * b / t, h / n,
			(h > 0 ? sprintf("%.1f", (t - b) / h) : "no hits") }'
done
rmmod bench_hooks

# The kernel's own allocation profiling (6.10 and newer, where built in:
# BENCH_KERNEL=allocprof): the same loops with it off and on, then what
# it names for a leak against what oomtrace names.
if [ -e /proc/sys/vm/mem_profiling ] && echo 0 2>/dev/null >/proc/sys/vm/mem_profiling; then
	for round in $(seq "$ROUNDS"); do
		echo 0 >/proc/sys/vm/mem_profiling
		for k in $kinds; do best apoff_$k "$(loop_ns $k)"; done
		echo 1 >/proc/sys/vm/mem_profiling
		for k in $kinds; do best apon_$k "$(loop_ns $k)"; done
	done
	echo "allocation profiling (vm.mem_profiling off, then on; same boot):"
	printf '%-8s %11s %11s %8s %10s %15s\n' loop "off ns/op" "on ns/op" ratio "ns/event" "oomtrace ns/ev"
	for k in $kinds; do
		eval "o=\$apoff_$k p=\$apon_$k b=\$base_$k t=\$traced_$k"
		awk -v k=$k -v o=$o -v p=$p -v b=$b -v t=$t -v n=$N 'BEGIN {
			printf "%-8s %11.1f %11.1f %7.1f%% %10.1f %15.1f\n", k, o / n, p / n,
				100 * o / p, (p - o) / n / 2, (t - b) / n / 2 }'
	done
	# A leak of 2000 skbs from one module: the lines of /proc/allocinfo
	# that grew by 1 MiB or more, and oomtrace's callsite.
	load oomtrace
	cp /proc/allocinfo /tmp/allocinfo.before
	load fixture_skb_leak count=2000
	echo "a driver holding 2000 skbs (fixture_skb_leak): /proc/allocinfo lines that grew by 1 MiB or more"
	awk 'NR == FNR { if ($3 ~ /:/) before[$3 " " $4] = $1; next }
		$3 ~ /:/ && $1 - before[$3 " " $4] >= 1048576 {
			printf "  +%d KiB  %s %s\n", ($1 - before[$3 " " $4]) / 1024, $3, $4 }' \
		/tmp/allocinfo.before /proc/allocinfo
	echo "oomtrace's callsite for them: $(awk '!/^#/ && $10 ~ /^fixture_skb_leak_alloc/ {
		printf "%s, %d objects, %d KiB", $10, $2, $3 / 1024; exit }' $OT/callsites)"
	rmmod fixture_skb_leak
	rmmod oomtrace
	echo 0 >/proc/sys/vm/mem_profiling
else
	echo "allocation profiling: not in this kernel (BENCH_KERNEL=allocprof builds 6.12 with it)"
fi
echo "=== end"
rmmod bench_skb
