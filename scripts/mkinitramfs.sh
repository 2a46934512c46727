#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh stock|debug OUT.cpio.gz
# The test VM's whole userspace: static busybox, the init that runs one
# test, the test scripts, oomtrace and fixture modules built for that
# kernel, the static reader, and (stock) the kernel's own veth/dummy.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=${1:?usage: mkinitramfs.sh stock|debug OUT}
out=${2:?usage: mkinitramfs.sh stock|debug OUT}
resolve_kernel "$kernel"
mods=$OOMTRACE_BUILD/$kernel
[ -f "$mods/src/oomtrace.ko" ] || die "modules for $kernel not built (scripts/build-modules.sh $kernel)"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,tests,modules}
cp /bin/busybox "$root/bin/busybox"
install -m 0755 "$OOMTRACE_TOP/tests/vm/init" "$root/init"
cp "$OOMTRACE_TOP"/tests/vm/*.sh "$root/tests/"
find "$mods/src" "$mods/fixtures" -maxdepth 1 -name '*.ko' -exec cp {} "$root/modules/" \;
mkdir -p "$OOMTRACE_BUILD/tools"
for tool in "$OOMTRACE_TOP"/tests/tools/*.c; do
	bin=$OOMTRACE_BUILD/tools/$(basename "$tool" .c)
	if [ ! -x "$bin" ] || [ "$tool" -nt "$bin" ]; then
		gcc -static -O2 -Wall -Wextra -Werror -o "$bin" "$tool" ||
			die "building $tool failed"
	fi
	cp "$bin" "$root/bin/"
done
if [ -x "$OOMTRACE_BUILD/user-static/oomtrace" ]; then
	cp "$OOMTRACE_BUILD/user-static/oomtrace" "$root/bin/oomtrace"
fi

# The stock kernel builds veth and dummy as modules; take them and their
# dependencies from the installed kernel so modprobe works in the guest.
if [ -n "$KERNEL_MODDIR" ]; then
	rel=$(basename "$KERNEL_MODDIR")
	for m in veth dummy; do
		modprobe -S "$rel" --show-depends "$m" | awk '/^insmod/ {print $2}'
	done | sort -u | while read -r ko; do
		mkdir -p "$root$(dirname "$ko")"
		cp "$ko" "$root$ko"
	done
	cp "$KERNEL_MODDIR"/modules.{order,builtin,builtin.modinfo} "$root/lib/modules/$rel/" 2>/dev/null || true
	depmod -b "$root" "$rel"
fi

(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
