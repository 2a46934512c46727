#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: boot the stock kernel once and run the same skb/frag
# workloads without and with oomtrace (tests/vm/bench.sh), printing
# throughput ratios, per-event cost and the module's footprint.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$OOMTRACE_TOP/scripts/install-deps.sh"
"$OOMTRACE_TOP/scripts/build-modules.sh" stock >/dev/null
"$OOMTRACE_TOP/scripts/mkinitramfs.sh" stock "$OOMTRACE_BUILD/stock.cpio.gz"
out=$OOMTRACE_BUILD/bench
rc=0
VM_QUIET=1 "$OOMTRACE_TOP/scripts/vm-run.sh" --kernel stock --initramfs "$OOMTRACE_BUILD/stock.cpio.gz" \
	--test bench --timeout 1200 --out "$out" || rc=$?
sed -n '/^=== oomtrace benchmark/,/^=== end/p' "$out/console.log" | tr -d '\r' | grep -v '^=== end' || true
[ $rc = 0 ] || { awk '/init: running/ {p=1} p' "$out/console.log" | tail -n 60; exit 1; }
