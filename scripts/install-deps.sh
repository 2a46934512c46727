#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything oomtrace's build, demo and tests need on Debian 12.
# With "bench", also what only make bench needs. Quick no-op when all
# packages are present. Nothing is fetched at test
# time: this is the only step that talks to the package archive.
set -euo pipefail

packages=(
	# toolchain and kernel build
	gcc libc6-dev make bc bison flex libelf-dev libssl-dev perl python3 kmod
	dwarves
	xz-utils rsync cpio gzip dkms
	# stock test kernel, its headers, and the debug kernel's source
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	# VM: x86_64 and arm64 guests; arm64 modules, tools and kernel are
	# cross-built, 32-bit arm for compile checks
	qemu-system-x86 qemu-system-arm busybox-static iproute2
	# the host side of NIC tests: guest requests to the QEMU monitor
	socat
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-arm-linux-gnueabihf
	gcc-arm-linux-gnueabi
	# reader: tests, fuzzing, BPF recording
	libcmocka-dev clang llvm libclang-rt-14-dev libbpf-dev bpftool pkg-config
	zlib1g-dev
	# the reader tests check JSON against docs/snapshot-schema.json with it
	python3 python3-jsonschema
	# fleet tools the tests run for real: node_exporter scrapes the
	# metrics, promtool lints them, systemd-analyze checks the unit
	prometheus-node-exporter prometheus curl systemd
	# the reader's big-input test measures its resident memory
	time
)

# "install-deps.sh bench": also what only make bench needs (the source of
# its allocation-profiling kernel).
[ "${1:-}" != bench ] || packages+=(linux-source-6.12)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >&2
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
