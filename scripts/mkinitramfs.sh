#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh KERNEL OUT.cpio.gz
# The test VM's whole userspace: static busybox, the init that runs one
# test, the test scripts, oomtrace and fixture modules built for that
# kernel, the static reader, and the kernel's own veth, dummy and real NIC
# drivers (virtio-net, e1000 on x86; plus the
# virtio console the verdict travels on, on arm64) where they are modules.
# An arm64 guest gets Debian's arm64 busybox, cross-built tools and the
# reader built for it (build_static_reader).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel=${1:?usage: mkinitramfs.sh KERNEL OUT}
out=${2:?usage: mkinitramfs.sh KERNEL OUT}
resolve_kernel "$kernel"
mods=$OOMTRACE_BUILD/$kernel
[ -f "$mods/src/oomtrace.ko" ] || die "modules for $kernel not built (scripts/build-modules.sh $kernel)"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,tests,modules}
if [ "$KERNEL_ARCH" = arm64 ]; then
	busybox=$(fetch_package bookworm busybox-static:arm64)/bin/busybox
	cc=aarch64-linux-gnu-gcc
	kmods="veth dummy virtio_mmio virtio_console virtio_net"
else
	busybox=/bin/busybox
	cc=gcc
	kmods="veth dummy virtio_pci virtio_net e1000"
fi
cp "$busybox" "$root/bin/busybox"
install -m 0755 "$OOMTRACE_TOP/tests/vm/init" "$root/init"
cp "$OOMTRACE_TOP"/tests/vm/*.sh "$root/tests/"
find "$mods/src" "$mods/fixtures" -maxdepth 1 -name '*.ko' -exec cp {} "$root/modules/" \;
# Modules made from oomtrace.ko by host steps (signed, built by DKMS).
if [ -d "$mods/extra" ]; then
	mkdir -p "$root/modules/extra"
	find "$mods/extra" -maxdepth 1 -name '*.ko' -exec cp {} "$root/modules/extra/" \;
fi
tools=$OOMTRACE_BUILD/tools-$KERNEL_ARCH
mkdir -p "$tools"
for tool in "$OOMTRACE_TOP"/tests/tools/*.c; do
	bin=$tools/$(basename "$tool" .c)
	if [ ! -x "$bin" ] || [ "$tool" -nt "$bin" ]; then
		$cc -static -O2 -Wall -Wextra -Werror -o "$bin" "$tool" ||
			die "building $tool failed"
	fi
	cp "$bin" "$root/bin/"
done
# make bench's BPF peer, where it built one for this arch.
peers=$OOMTRACE_BUILD/peers-$KERNEL_ARCH
[ ! -x "$peers/skbleak" ] || cp "$peers/skbleak" "$root/bin/"
reader=$OOMTRACE_BUILD/user-static-$KERNEL_ARCH/oomtrace
[ ! -x "$reader" ] || cp "$reader" "$root/bin/oomtrace"

# Distribution kernels build veth, dummy and the virtio transports as
# modules; take them and their dependencies from the kernel's own tree so
# modprobe works in the guest. Built-in ones are skipped.
if [ -n "$KERNEL_MODDIR" ]; then
	rel=$(basename "$KERNEL_MODDIR")
	base=${KERNEL_MODROOT%/}
	for m in $kmods; do
		modprobe -d "$KERNEL_MODROOT" -S "$rel" --show-depends "$m" | awk '/^insmod/ {print $2}'
	done | sort -u >"$root/.kmods"
	# ramoops for the pstore test, where the kernel has it as a module.
	modprobe -d "$KERNEL_MODROOT" -S "$rel" --show-depends ramoops 2>/dev/null |
		awk '/^insmod/ {print $2}' >>"$root/.kmods" || true
	sort -u "$root/.kmods" | while read -r ko; do
		dest=$root${ko#"$base"}
		mkdir -p "$(dirname "$dest")"
		cp "$ko" "$dest"
	done
	mkdir -p "$root/lib/modules/$rel"
	cp "$KERNEL_MODDIR"/modules.{order,builtin,builtin.modinfo} "$root/lib/modules/$rel/" 2>/dev/null || true
	rm -f "$root/.kmods"
	depmod -b "$root" "$rel"
fi

(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
