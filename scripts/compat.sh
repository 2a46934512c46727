#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# compat.sh [BUILD_DIR...]
# Compile-check oomtrace.ko against kernel trees prepared by
# scripts/prepare-tree.sh (default: every complete one under
# $OOMTRACE_CACHE/trees). One line per tree, PASS or FAIL, then
# "N passed, N failed". Any compiler warning (W=1) or assembler error
# is a failure, as in scripts/build-modules.sh. The module is built,
# never loaded: these trees have no kernel image.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

trees=("$@")
if [ "${#trees[@]}" = 0 ]; then
	# A change of compat.config or prepare-tree.sh prepares a tree anew
	# under another hash; of one source and arch only the newest counts.
	declare -A newest=()
	for stamp in "$OOMTRACE_CACHE"/trees/*/.oomtrace-prepared; do
		[ -f "$stamp" ] || continue
		tree=$(dirname "$stamp")
		key=$(. "$tree/.oomtrace-tree" && echo "$OT_SRC $OT_ARCH")
		if [ -z "${newest[$key]:-}" ] || [ "$stamp" -nt "${newest[$key]}/.oomtrace-prepared" ]; then
			newest[$key]=$tree
		fi
	done
	[ "${#newest[@]}" != 0 ] || die "no prepared tree under $OOMTRACE_CACHE/trees (run scripts/prepare-tree.sh SRC ARCH)"
	mapfile -t trees < <(printf '%s\n' "${newest[@]}" | sort -V)
fi

passed=0
failed=0
for tree in "${trees[@]}"; do
	tree=${tree%/}
	[ -f "$tree/.oomtrace-prepared" ] || die "$tree is not a prepared tree (scripts/prepare-tree.sh)"
	# ARCH and CROSS_COMPILE must match what the tree was configured
	# with, so they come from the tree, not from the caller.
	OT_NAME='' OT_VERSION='' OT_ARCH='' OT_CROSS_COMPILE=''
	. "$tree/.oomtrace-tree"
	id=$(basename "$tree")
	# A copy per tree: objects of different trees and arches never mix,
	# and the other trees' results stay to read.
	dir=$OOMTRACE_BUILD/compat/$id
	mkdir -p "$dir"
	rsync -a --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		"$OOMTRACE_TOP/Kbuild" "$OOMTRACE_TOP/module" "$dir/"
	log=$dir/build.log
	status=0
	# -k: every file is compiled, so one run lists all that breaks.
	# KBUILD_MODPOST_WARN: the tree has no vmlinux, so no symbol list;
	# since 5.x modpost would fail on every kernel symbol the module uses.
	nice make -C "$tree" M="$dir" ARCH="$OT_ARCH" CROSS_COMPILE="$OT_CROSS_COMPILE" \
		KBUILD_MODPOST_WARN=1 W=1 -j2 -k modules >"$log" 2>&1 || status=$?
	if [ "$status" = 0 ] && ! grep -qE 'warning:|error:|Error:' "$log"; then
		echo "PASS $OT_NAME $OT_VERSION $OT_ARCH"
		passed=$((passed + 1))
	else
		n=$(grep -cE 'warning:|error:|Error:' "$log" || true)
		echo "FAIL $OT_NAME $OT_VERSION $OT_ARCH (make exit $status, $n diagnostics, log: $log)"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
