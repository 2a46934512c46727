#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: boot a kernel (the stock one by default) and run the same skb/frag
# workloads without and with oomtrace (tests/vm/bench.sh), printing
# throughput ratios and per-event cost; then boot it with 2, 16 and 64
# CPUs, and 2 running of 128 possible, and hold the module's count of its
# memory against the MemFree drop at load (tests/vm/bench-footprint.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$OOMTRACE_TOP/scripts/install-deps.sh" bench
# BENCH_KERNEL: any kernel of make check (default the stock one), e.g.
# arm64-6.1 for the same figures under arm64's probe traps, or allocprof:
# 6.12 built with the kernel's allocation profiling, which the bench then
# measures too.
kernel=${BENCH_KERNEL:-stock}
resolve_kernel "$kernel"
OOMTRACE_BENCH=1 "$OOMTRACE_TOP/scripts/build-modules.sh" "$kernel" >/dev/null
# The BPF peer is built for the host's arch: the host has libbpf for no other.
if [ "$KERNEL_ARCH" = "$(uname -m)" ]; then
	make -s -C "$OOMTRACE_TOP/tests/peers" OUT="$OOMTRACE_BUILD/peers-$KERNEL_ARCH" >/dev/null
fi
"$OOMTRACE_TOP/scripts/mkinitramfs.sh" "$kernel" "$OOMTRACE_BUILD/$kernel.cpio.gz"
out=$OOMTRACE_BUILD/bench
rc=0
# "scripts/bench.sh [throughput|footprint|tables]": one part alone.
part=${1:-all}
if [ "$part" = all ] || [ "$part" = throughput ]; then
	# Allocation profiling can be switched on at run time only if the
	# boot said so (off, but not "never").
	append=
	[ "$kernel" != allocprof ] || append=sysctl.vm.mem_profiling=0
	VM_QUIET=1 "$OOMTRACE_TOP/scripts/vm-run.sh" --kernel "$kernel" --initramfs "$OOMTRACE_BUILD/$kernel.cpio.gz" \
		--test bench --timeout 2400 --append "$append" --out "$out" || rc=$?
	sed -n '/^=== oomtrace benchmark/,/^=== end/p' "$out/console.log" | tr -d '\r' | grep -v '^=== end' || true
	[ $rc = 0 ] || { awk '/init: running/ {p=1} p' "$out/console.log" | tail -n 60; exit 1; }
fi

if [ "$part" = all ] || [ "$part" = footprint ]; then
	echo "=== oomtrace footprint by CPU count ($kernel kernel; count: footprint_bytes; text: the module's"
	echo "    code and data from /proc/modules; drop: free memory lost at load, MemFree plus per-CPU"
	echo "    free lists, median of 3 loads)"
	printf '%-14s %12s %10s %12s %12s %8s\n' cpus "count KiB" "text KiB" "count+text" "drop KiB" "differs"
	first_cpus= first_count= last_cpus= last_count=
	cfgs="2 16 64 2:128"
	# possible_cpus= is x86's; the arm64 virt board gives what -smp says.
	[ "$KERNEL_ARCH" = x86_64 ] || cfgs="2 16 64"
	for cfg in $cfgs; do
		smp=${cfg%%:*}
		append=
		[ "$cfg" != "$smp" ] && append="possible_cpus=${cfg#*:}"
		fout=$OOMTRACE_BUILD/bench-footprint-${cfg/:/-}
		if ! VM_QUIET=1 "$OOMTRACE_TOP/scripts/vm-run.sh" --kernel "$kernel" \
			--initramfs "$OOMTRACE_BUILD/$kernel.cpio.gz" --test bench-footprint \
			--timeout 900 --smp "$smp" --mem 1024 --append "$append" --out "$fout" >/dev/null; then
			echo "footprint run with $cfg CPUs failed:"
			awk '/init: running/ {p=1} p' "$fout/console.log" | tail -n 30
			rc=1
			continue
		fi
		line=$(sed -n 's/^report: footprint: //p' "$fout/verdict.log")
		read -r _ cpus _ possible _ count _ text _ d1 d2 d3 <<<"$line"
		median=$(printf '%s\n' "$d1" "$d2" "$d3" | sort -n | sed -n 2p)
		awk -v c="$cpus/$possible" -v n="$count" -v t="$text" -v d="$median" 'BEGIN {
			printf "%-14s %12.0f %10.0f %12.0f %12d %7.1f%%\n", c, n / 1024, t / 1024,
				(n + t) / 1024, d, 100 * (d * 1024 - n - t) / (n + t) }'
		ncpu=$(awk -F- '{print $NF + 1}' <<<"$possible")
		if [ -z "$first_cpus" ]; then first_cpus=$ncpu first_count=$count; fi
		last_cpus=$ncpu last_count=$count
	done
	if [ -n "$first_cpus" ] && [ "$last_cpus" -gt "$first_cpus" ]; then
		awk -v a="$first_cpus" -v x="$first_count" -v b="$last_cpus" -v y="$last_count" 'BEGIN {
			printf "growth: %.1f KiB per possible CPU (%d -> %d CPUs)\n", (y - x) / (b - a) / 1024, a, b }'
fi
echo "=== end"
fi

if [ "$part" = all ] || [ "$part" = tables ]; then
	echo "=== oomtrace with full tables (10240 callsites, 61440 live objects; $kernel kernel, 2 CPUs)"
	tout=$OOMTRACE_BUILD/bench-tables
	if VM_QUIET=1 "$OOMTRACE_TOP/scripts/vm-run.sh" --kernel "$kernel" \
		--initramfs "$OOMTRACE_BUILD/$kernel.cpio.gz" --test bench-tables \
		--timeout 900 --mem 1024 --out "$tout" >/dev/null; then
		line=$(sed -n 's/^report: tables: //p' "$tout/verdict.log")
		read -r _ sites _ objs _ rb rm _ cb cm _ oom oprint _ koom <<<"$line"
		echo "callsites $sites, live objects $objs"
		awk -v rb="$rb" -v rm="$rm" -v cb="$cb" -v cm="$cm" -v oom="$oom" -v p="$oprint" -v k="$koom" 'BEGIN {
			printf "cat report:    best %.1f ms, median %.1f ms (target < 50 ms)\n", rb / 1000, rm / 1000
			printf "cat callsites: best %.1f ms, median %.1f ms\n", cb / 1000, cm / 1000
			printf "OOM report: snapshot and lines %.1f ms (target < 10 ms), then printing them %.1f ms\n", oom / 1000, p / 1000
			printf "    (printing is the console: serial under emulation here)\n"
			printf "the kernel'"'"'s own OOM report in the same boot: %.1f ms\n", k / 1000 }'
	else
		echo "full-table run failed:"
		awk '/init: running/ {p=1} p' "$tout/console.log" | tail -n 30
		rc=1
	fi
	echo "=== end"
fi
exit $rc
