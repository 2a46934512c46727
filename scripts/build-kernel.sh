#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# build-kernel.sh debug|arm64-64k|allocprof
# Build one of the test kernels from Debian's linux-source-6.1 (6.12 for
# allocprof), or reuse a cached build. Each starts from allnoconfig plus
# its fragment in scripts/kconfig/, and every option of the fragment must
# survive Kconfig.
#   debug      x86_64, KUnit, KASAN, lockdep, kmemleak (debug.config)
#   arm64-64k  arm64 with 64 KiB pages and no KALLSYMS_ALL, as on the
#              servers and vendor kernels I1 is about (arm64-64k.config)
#   allocprof  x86_64 6.12 with the kernel's allocation profiling, for
#              make bench only (allocprof.config)
# Prints the build directory (the image under arch/*/boot/, ready for
# external modules with KDIR=<dir>) as the last line of stdout.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=${1:?usage: build-kernel.sh debug|arm64-64k|allocprof}
series=6.1
case $name in
debug) make_arch=(ARCH=x86_64) image=arch/x86/boot/bzImage ;;
arm64-64k) make_arch=(ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-) image=arch/arm64/boot/Image ;;
allocprof) make_arch=(ARCH=x86_64) image=arch/x86/boot/bzImage series=6.12 ;;
*) die "unknown kernel to build '$name' (want debug, arm64-64k or allocprof)" ;;
esac

tarball=/usr/src/linux-source-$series.tar.xz
fragment=$OOMTRACE_TOP/scripts/kconfig/$name.config
deps=scripts/install-deps.sh
[ "$series" = 6.1 ] || deps="$deps bench"
[ -f "$tarball" ] || die "$tarball missing (run $deps)"

version=$(dpkg-query -W -f='${Version}' linux-source-$series)
# The key covers what decides the result: the fragment and the recipe
# below (bump recipe when the commands change).
recipe=1
hash=$( (cat "$fragment"; echo "recipe $recipe ${make_arch[*]}") | sha256sum | cut -c1-12)
src=$OOMTRACE_CACHE/linux-source-$version
out=$OOMTRACE_CACHE/$name-kernel-$version-$hash

if [ -f "$out/.oomtrace-built" ]; then
	echo "$name kernel: cached ($out)" >&2
	echo "$out"
	exit 0
fi

mkdir -p "$OOMTRACE_CACHE"
# One build at a time (they share the extracted source): a second caller,
# such as make check reaching a kernel it started building in the
# background, waits here and then finds it built.
exec 9>"$OOMTRACE_CACHE/.build-kernel.lock"
flock 9
if [ -f "$out/.oomtrace-built" ]; then
	echo "$name kernel: cached ($out)" >&2
	echo "$out"
	exit 0
fi
if [ ! -f "$src/.oomtrace-extracted" ]; then
	echo "$name kernel: extracting linux-source $version" >&2
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	tar -xf "$tarball" -C "$src.tmp" --strip-components=1
	touch "$src.tmp/.oomtrace-extracted"
	mv "$src.tmp" "$src"
fi

start=$(date +%s)
rm -rf "$out"
mkdir -p "$out"
echo "$name kernel: configuring (allnoconfig + $name.config)" >&2
make -s -C "$src" O="$out" "${make_arch[@]}" KCONFIG_ALLCONFIG="$fragment" allnoconfig >&2

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
[ "$missing" = 0 ] || die "$name.config options were dropped by Kconfig dependencies"

echo "$name kernel: building with $(nproc) jobs (log: $out/build.log)" >&2
if ! make -C "$src" O="$out" "${make_arch[@]}" -j"$(nproc)" >"$out/build.log" 2>&1; then
	tail -n 40 "$out/build.log" >&2
	die "$name kernel build failed"
fi
[ -f "$out/$image" ] || die "$name kernel build left no $image"
touch "$out/.oomtrace-built"
echo "$name kernel: built in $(($(date +%s) - start)) s" >&2
echo "$out"
