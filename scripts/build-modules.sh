#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# build-modules.sh KERNEL
# Build oomtrace.ko, the KUnit module (where the kernel has KUnit) and the
# test fixture modules against one test kernel, in build/<kernel>/ so the
# two kernels' objects never mix. Any compiler warning (W=1) fails.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=${1:?usage: build-modules.sh KERNEL (stock, debug, or a name in scripts/kernels.conf)}
resolve_kernel "$kernel"
out=$OOMTRACE_BUILD/$kernel
mkdir -p "$out"
rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
	"$OOMTRACE_TOP/Kbuild" "$OOMTRACE_TOP/module" "$OOMTRACE_TOP/kunit" \
	"$out/src/"
rsync -a --delete "$OOMTRACE_TOP/tests/modules/" "$out/fixtures/"

# One job per CPU: make check builds for every kernel, one after another.
for dir in "$out/src" "$out/fixtures"; do
	log=$dir/build.log
	if ! make -j"$(nproc)" -C "$KERNEL_KDIR" M="$dir" "${KERNEL_MAKEFLAGS[@]}" W=1 modules >"$log" 2>&1; then
		cat "$log" >&2
		die "module build failed in $dir ($kernel kernel)"
	fi
	if grep -E 'warning:|error:' "$log" >&2; then
		die "module build in $dir has warnings ($kernel kernel)"
	fi
done
echo "$out"
