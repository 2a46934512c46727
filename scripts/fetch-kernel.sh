#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-kernel.sh NAME
# Download one of the Debian kernels in scripts/kernels.conf (image,
# modules, headers, kbuild tools) and unpack it into the cache, without
# touching the host's apt setup or /boot (apt_private in lib.sh). Prints the
# unpacked root as the last line of stdout; it holds:
#   image           the kernel to boot (x86 bzImage, or arm64 Image),
#                   absent for a compile-check entry
#   release         its uname -r
#   arch            amd64, arm64 or armhf
#   build           the headers tree to build modules against (symlink)
#   lib/modules/    its modules
set -euo pipefail
. "$(dirname "$0")/lib.sh"

name=${1:?usage: fetch-kernel.sh NAME (see scripts/kernels.conf)}
read -r _ arch suite image_meta headers_meta < <(awk -v n="$name" '$1 == n' "$OOMTRACE_TOP/scripts/kernels.conf") ||
	die "unknown kernel '$name' (see scripts/kernels.conf)"

host_arch=$(dpkg --print-architecture)
apt_priv() { apt_private "$suite" "$@"; }

# The concrete package a metapackage depends on, e.g. linux-image-6.1.0-57-arm64.
depends_on() { # depends_on POCKETS PKG PATTERN
	apt_priv "$1" apt-cache show "$2" 2>/dev/null | sed -n 's/^Depends: //p' | head -n1 |
		tr ',|' '\n\n' | sed 's/^ *//; s/ .*//' | grep -E "$3" | head -n1
}

fetch() { # fetch POCKETS: downloads into $work, prints the release
	local pockets=$1 image headers common kbuild rel
	image=
	if [ "$image_meta" != - ]; then
		image=$(depends_on "$pockets" "$image_meta:$arch" '^linux-image-') || return 1
		[ -n "$image" ] || return 1
		image=$image:$arch
	fi
	headers=$(depends_on "$pockets" "$headers_meta:$arch" '^linux-headers-') || return 1
	[ -n "$headers" ] || return 1
	common=$(depends_on "$pockets" "$headers:$arch" '^linux-headers-.*-common$') || return 1
	kbuild=$(depends_on "$pockets" "$headers:$arch" '^linux-kbuild-') || return 1
	rel=${headers#linux-headers-}
	echo "fetch-kernel: $name: $image $headers $common $kbuild" >&2
	# shellcheck disable=SC2086 # no image for a compile check
	(cd "$work" && apt_priv "$pockets" apt-get download $image "$headers:$arch" \
		"$common" "$kbuild:$host_arch" >&2) || return 1
	echo "$rel"
}

# The key changes with the kernel's line in kernels.conf and with the
# layout of the unpacked directory (bump it when the layout changes).
layout=1
key=$(awk -v n="$name" -v l="$layout" '$1 == n {print l, $0}' "$OOMTRACE_TOP/scripts/kernels.conf" |
	sha256sum | cut -c1-12)
out=$OOMTRACE_CACHE/kernels/$name-$key
if [ -f "$out/.oomtrace-fetched" ]; then
	echo "$out"
	exit 0
fi

mkdir -p "$OOMTRACE_CACHE/kernels"
work=$(mktemp -d "$OOMTRACE_CACHE/kernels/.fetch-XXXXXX")
trap 'rm -rf "$work"' EXIT
rel=$(fetch all) || { rm -f "$work"/*.deb; rel=$(fetch main); } ||
	die "cannot download the $name kernel from Debian's $suite archive"

root=$work/root
for deb in "$work"/*.deb; do
	dpkg-deb -x "$deb" "$root"
done
# The headers' Makefile includes the common tree by its absolute path.
sed -i "s|^include /usr/src/|include $out/root/usr/src/|" "$root/usr/src/linux-headers-$rel/Makefile"
if [ "$image_meta" != - ]; then
	image=$(find "$root/boot" -name "vmlinuz-$rel" | head -n1)
	[ -n "$image" ] || die "no vmlinuz-$rel in the $name image package"
	# qemu-system-aarch64 -kernel takes a raw Image; unsigned arm64
	# packages ship it gzipped, signed ones raw.
	if gzip -t "$image" 2>/dev/null; then
		gzip -dc "$image" >"$work/image"
	else
		cp "$image" "$work/image"
	fi
	# Packages leave modules.dep to their postinst: make it, for modprobe.
	depmod -b "$root" "$rel"
fi
echo "$rel" >"$work/release"
echo "$arch" >"$work/arch"
ln -s "$out/root/usr/src/linux-headers-$rel" "$work/build"
rm -f "$work"/*.deb
touch "$work/.oomtrace-fetched"
rm -rf "$out"
mv "$work" "$out"
trap - EXIT
echo "fetch-kernel: $name: $rel in $out" >&2
echo "$out"
