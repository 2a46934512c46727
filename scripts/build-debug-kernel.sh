#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the debug/KUnit kernel from Debian's linux-source-6.1 with the
# fragment in scripts/kconfig/debug.config, or reuse a cached build.
# Prints the build directory (bzImage under arch/x86/boot/, ready for
# external modules with KDIR=<dir>) as the last line of stdout.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tarball=/usr/src/linux-source-6.1.tar.xz
fragment=$OOMTRACE_TOP/scripts/kconfig/debug.config
[ -f "$tarball" ] || die "$tarball missing (run scripts/install-deps.sh)"

version=$(dpkg-query -W -f='${Version}' linux-source-6.1)
hash=$(cat "$fragment" "$0" | sha256sum | cut -c1-12)
src=$OOMTRACE_CACHE/linux-source-$version
out=$OOMTRACE_CACHE/debug-kernel-$version-$hash

if [ -f "$out/.oomtrace-built" ]; then
	echo "debug kernel: cached ($out)" >&2
	echo "$out"
	exit 0
fi

mkdir -p "$OOMTRACE_CACHE"
if [ ! -f "$src/.oomtrace-extracted" ]; then
	echo "debug kernel: extracting linux-source $version" >&2
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xf "$tarball" -C "$src.tmp" --strip-components=1
	touch "$src.tmp/.oomtrace-extracted"
	mv "$src.tmp" "$src"
fi

start=$(date +%s)
rm -rf "$out"
mkdir -p "$out"
echo "debug kernel: configuring (allnoconfig + debug.config)" >&2
make -s -C "$src" O="$out" ARCH=x86_64 KCONFIG_ALLCONFIG="$fragment" allnoconfig >&2

missing=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		grep -qx "$line" "$out/.config" || { echo "config: wanted $line, got: $(grep "^${line%%=*}=" "$out/.config" || echo unset)" >&2; missing=1; }
		;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }
		opt=${opt%% *}
		! grep -q "^$opt=" "$out/.config" || { echo "config: wanted $opt unset" >&2; missing=1; }
		;;
	esac
done <"$fragment"
[ "$missing" = 0 ] || die "debug.config options were dropped by Kconfig dependencies"

echo "debug kernel: building with $(nproc) jobs (log: $out/build.log)" >&2
if ! make -C "$src" O="$out" ARCH=x86_64 -j"$(nproc)" >"$out/build.log" 2>&1; then
	tail -n 40 "$out/build.log" >&2
	die "debug kernel build failed"
fi
touch "$out/.oomtrace-built"
echo "debug kernel: built in $(($(date +%s) - start)) s" >&2
echo "$out"
