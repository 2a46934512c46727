# SPDX-License-Identifier: GPL-2.0
# Shared settings for oomtrace's scripts. Sourced, never run.

OOMTRACE_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Built kernels live outside the repo so a clean clone reuses them; the key
# names everything that changes the result, so a stale entry is never used.
OOMTRACE_CACHE=${OOMTRACE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/oomtrace}

# The stock kernel is whatever Debian's linux-image-amd64 currently pulls in.
stock_kernel_release() {
	local pkg
	pkg=$(dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null |
		grep -o 'linux-image-[0-9][^ ,]*' | head -n1)
	[ -n "$pkg" ] || { echo "linux-image-amd64 is not installed (run scripts/install-deps.sh)" >&2; return 1; }
	echo "${pkg#linux-image-}"
}

die() {
	echo "error: $*" >&2
	exit 1
}

# Every kernel the VM tests can boot: the host's stock kernel, the debug
# kernel built from linux-source-6.1, the Debian kernels fetched from the
# archive (scripts/kernels.conf) and the 64 KiB-page arm64 kernel built
# from linux-source-6.1.
all_kernels() {
	echo stock debug
	awk '!/^#/ && NF && $4 != "-" {print $1}' "$OOMTRACE_TOP/scripts/kernels.conf"
	echo arm64-64k
}

# Debian kernels that are compile checks only (headers, no image).
header_kernels() {
	awk '!/^#/ && NF && $4 == "-" {print $1}' "$OOMTRACE_TOP/scripts/kernels.conf"
}

# build_static_reader ARCH: the reader linked statically for a guest of
# ARCH (x86_64 or arm64) into $OOMTRACE_BUILD/user-static-ARCH, where
# mkinitramfs.sh takes it from. The host has no arm64 libbpf, so record
# keeps only its poll mode in an arm64 guest.
build_static_reader() {
	local args=(STATIC=1 BUILD="$OOMTRACE_BUILD/user-static-$1")
	case $1 in
	x86_64) ;;
	arm64) args+=(CC=aarch64-linux-gnu-gcc BPF=0) ;;
	*) echo "no static reader for $1 guests" >&2; return 1 ;;
	esac
	make -s -j"$(nproc)" -C "$OOMTRACE_TOP/user" "${args[@]}"
}

# Resolve a test kernel name into
#   KERNEL_ARCH      x86_64, arm64, or arm (headers only: compile checks)
#   KERNEL_IMAGE     what QEMU boots
#   KERNEL_KDIR      the tree to build modules against
#   KERNEL_MAKEFLAGS ARCH/CROSS_COMPILE/CC for that tree
#   KERNEL_MODDIR    where its own modules live (empty: all built in)
#   KERNEL_MODROOT   the root KERNEL_MODDIR is under (for modprobe -d)
resolve_kernel() {
	local rel tree dir
	KERNEL_ARCH=x86_64
	KERNEL_MAKEFLAGS=()
	KERNEL_MODROOT=/
	case "$1" in
	stock)
		rel=$(stock_kernel_release) || return 1
		KERNEL_IMAGE=/boot/vmlinuz-$rel
		KERNEL_KDIR=/lib/modules/$rel/build
		KERNEL_MODDIR=/lib/modules/$rel
		;;
	debug)
		# OOMTRACE_DEBUG_TREE: use an already built tree instead.
		tree=${OOMTRACE_DEBUG_TREE:-}
		[ -n "$tree" ] || tree=$("$OOMTRACE_TOP/scripts/build-kernel.sh" debug | tail -n1) || return 1
		KERNEL_IMAGE=$tree/arch/x86/boot/bzImage
		KERNEL_KDIR=$tree
		KERNEL_MODDIR=
		;;
	allocprof)
		# make bench only (BENCH_KERNEL=allocprof): not in all_kernels.
		tree=$("$OOMTRACE_TOP/scripts/build-kernel.sh" allocprof | tail -n1) || return 1
		KERNEL_IMAGE=$tree/arch/x86/boot/bzImage
		KERNEL_KDIR=$tree
		KERNEL_MODDIR=
		;;
	arm64-64k)
		tree=$("$OOMTRACE_TOP/scripts/build-kernel.sh" arm64-64k | tail -n1) || return 1
		KERNEL_ARCH=arm64
		KERNEL_IMAGE=$tree/arch/arm64/boot/Image
		KERNEL_KDIR=$tree
		KERNEL_MODDIR=
		;;
	*)
		awk -v n="$1" '$1 == n {f=1} END {exit !f}' "$OOMTRACE_TOP/scripts/kernels.conf" || {
			echo "unknown kernel '$1' (want one of: $(all_kernels | xargs))" >&2
			return 1
		}
		dir=$("$OOMTRACE_TOP/scripts/fetch-kernel.sh" "$1" | tail -n1) || return 1
		rel=$(cat "$dir/release")
		case $(cat "$dir/arch") in
		arm64) KERNEL_ARCH=arm64 ;;
		armhf) KERNEL_ARCH=arm ;;
		esac
		KERNEL_IMAGE=$dir/image
		KERNEL_KDIR=$dir/build
		KERNEL_MODROOT=$dir/root
		KERNEL_MODDIR=$dir/root/lib/modules/$rel
		# Debian 11's headers name gcc-10, which Debian 12 lacks: gcc 12
		# builds the modules (as it does for Debian 12's own kernels).
		KERNEL_MAKEFLAGS=(CC=gcc)
		;;
	esac
	case $KERNEL_ARCH in
	arm64) KERNEL_MAKEFLAGS=(ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- CC=aarch64-linux-gnu-gcc) ;;
	arm) KERNEL_MAKEFLAGS=(ARCH=arm CROSS_COMPILE=arm-linux-gnueabihf- CC=arm-linux-gnueabihf-gcc) ;;
	esac
	# A compile-check kernel has headers only.
	[ "$KERNEL_ARCH" = arm ] || [ -f "$KERNEL_IMAGE" ] ||
		{ echo "kernel image $KERNEL_IMAGE missing" >&2; return 1; }
}

# apt_private SUITE POCKETS TOOL ARGS...: apt-get or apt-cache with sources
# and lists of its own for one Debian suite (amd64, arm64, armhf packages),
# so the host's apt sources, lists and dpkg database stay untouched.
# POCKETS is "all" (release, updates, security) or "main" (release only):
# the security pocket sometimes lists arm64 builds the mirror lacks.
apt_private() {
	local suite=$1 pockets=$2 tool=$3 dir host_arch sec_arch mirror=http://deb.debian.org/debian
	shift 3
	host_arch=$(dpkg --print-architecture)
	dir=$OOMTRACE_CACHE/apt/$suite-$pockets
	mkdir -p "$dir/lists/partial" "$dir/archives/partial"
	{
		echo "deb [arch=$host_arch,arm64,armhf] $mirror $suite main"
		if [ "$pockets" = all ]; then
			echo "deb [arch=$host_arch,arm64,armhf] $mirror $suite-updates main"
			# Bullseye LTS dropped armhf from its security pocket; the
			# release pocket's armhf headers serve the compile check.
			sec_arch=$host_arch,arm64,armhf
			[ "$suite" != bullseye ] || sec_arch=$host_arch,arm64
			echo "deb [arch=$sec_arch] $mirror-security $suite-security main"
		fi
	} >"$dir/sources.list.new"
	if ! cmp -s "$dir/sources.list.new" "$dir/sources.list"; then
		mv "$dir/sources.list.new" "$dir/sources.list"
		: >"$dir/status"
		rm -f "$dir/.updated"
	fi
	if [ "$tool" != apt-get ] || [ "${1:-}" != update ]; then
		# Lists a day old are refreshed first, so a download finds its file.
		if [ ! -f "$dir/.updated" ] || [ -n "$(find "$dir/.updated" -mmin +1440)" ]; then
			apt_private "$suite" "$pockets" apt-get update >&2 || return 1
			touch "$dir/.updated"
		fi
	fi
	# Files in the cache belong to root: apt's _apt user cannot write there.
	"$tool" -q -o APT::Sandbox::User=root -o Dir::Etc::SourceList="$dir/sources.list" \
		-o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$dir/lists" \
		-o Dir::State::status="$dir/status" \
		-o Dir::Cache="$dir" \
		-o Dir::Cache::archives="$dir/archives" \
		-o APT::Architecture="$host_arch" \
		-o APT::Architectures::="$host_arch" -o APT::Architectures::=arm64 \
		-o APT::Architectures::=armhf \
		"$@"
}

# fetch_package SUITE PKG:ARCH: a Debian package unpacked into the cache;
# prints the directory it was unpacked into.
fetch_package() {
	local suite=$1 pkg=$2 dir tmp
	dir=$OOMTRACE_CACHE/packages/$suite-${pkg/:/-}
	if [ ! -f "$dir/.oomtrace-fetched" ]; then
		tmp=$(mktemp -d "$OOMTRACE_CACHE/.package-XXXXXX")
		(cd "$tmp" && apt_private "$suite" all apt-get download "$pkg" >&2) &&
			dpkg-deb -x "$tmp"/*.deb "$tmp/root" || { rm -rf "$tmp"; return 1; }
		rm -rf "$dir"
		mkdir -p "$(dirname "$dir")"
		mv "$tmp/root" "$dir"
		rm -rf "$tmp"
		touch "$dir/.oomtrace-fetched"
	fi
	echo "$dir"
}

OOMTRACE_BUILD=${OOMTRACE_BUILD:-$OOMTRACE_TOP/build}
