#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# prepare-tree.sh SRC ARCH
# Prepare the kernel source tree SRC (unpacked, untouched) for
# out-of-tree module builds for ARCH (x86_64, arm64 or arm), in a separate
# O= directory under $OOMTRACE_CACHE/trees/, or reuse one prepared before.
# Only defconfig + scripts/kconfig/compat.config + modules_prepare: enough
# to compile-check the module (scripts/compat.sh), not to load it.
# Prints the build directory as the last line of stdout.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage="usage: prepare-tree.sh SRC x86_64|arm64|arm"
src=${1:?$usage}
arch=${2:?$usage}
if [ ! -f "$src/Makefile" ] || [ ! -d "$src/arch" ]; then
	die "$src is not a kernel source tree"
fi
src=$(cd "$src" && pwd)
fragment=$OOMTRACE_TOP/scripts/kconfig/compat.config
script=$OOMTRACE_TOP/scripts/prepare-tree.sh

# The kernel's own idea of its version, not the directory name: vendor
# trees are often named after the version they started from.
mkvar() { sed -n "s/^$1 *= *//p" "$src/Makefile" | head -n1; }
version=$(mkvar VERSION).$(mkvar PATCHLEVEL).$(mkvar SUBLEVEL)$(mkvar EXTRAVERSION)
major=$(mkvar VERSION)
minor=$(mkvar PATCHLEVEL)
name=$(basename "$src")

case "$arch" in
x86_64) cross=; defconfig=defconfig ;;
arm64) cross=aarch64-linux-gnu-; defconfig=defconfig ;;
# The kernel is soft-float whatever the userland: with a hard-float
# (gnueabihf) compiler, kernels before 5.x fail their -march=armv7-a probe,
# fall back to armv5t, and then cannot assemble ldrex/dmb.
arm) cross=arm-linux-gnueabi-; defconfig=multi_v7_defconfig ;;
*) die "unknown arch '$arch' ($usage)" ;;
esac
# A different toolchain may be named, e.g. CROSS_COMPILE=aarch64-none-elf-.
cross=${CROSS_COMPILE-$cross}
[ -z "$cross" ] || command -v "${cross}gcc" >/dev/null ||
	die "${cross}gcc missing (apt-get install gcc-aarch64-linux-gnu gcc-arm-linux-gnueabi)"

# Old trees predate gcc 10/11/12, which the host has. Work around that on
# the make command line only, never by editing the fetched sources:
# - HOSTCFLAGS=-fcommon: dtc's and other host tools' tentative definitions
#   (yylloc) are an error since gcc 10 made -fno-common the default (fixed
#   in 5.7); before 4.19 top-level HOSTCFLAGS is a plain assignment that
#   a command-line value replaces, so the kernel's own flags are repeated;
# - EXTRA_CFLAGS=-Wno-error=use-after-free: objtool's libsubcmd (x86) is
#   built with -Werror and gcc 12 flags its realloc() use (fixed in 5.19).
host=()
if [ "$major" -lt 5 ]; then
	host+=("HOSTCFLAGS=-Wall -Wmissing-prototypes -Wstrict-prototypes -O2 -fomit-frame-pointer -std=gnu89 -fcommon")
elif [ "$major" -eq 5 ] && [ "$minor" -lt 7 ]; then
	host+=("HOSTCFLAGS=-fcommon")
fi
if [ "$major" -lt 5 ] || { [ "$major" -eq 5 ] && [ "$minor" -lt 19 ]; }; then
	host+=("EXTRA_CFLAGS=-Wno-error=use-after-free")
fi

# Config changes for the host toolchain, not for the module:
# - x86 before 5.0: the ORC unwinder's objtool pass predates binutils
#   2.40, which strips section symbols, and warns "missing symbol for
#   section .init.text" on every module: noise that would fail every
#   compat build. The frame-pointer unwinder's objtool check does not.
# - genheaders of SELinux before the 4.14.y/4.19.y backport of "use kernel
#   linux/socket.h" includes the host's <sys/socket.h>, whose PF_MAX is
#   newer than the tree's: #error. SELinux does not matter to the module.
extra_config=()
if [ "$arch" = x86_64 ] && [ "$major" -lt 5 ]; then
	extra_config+=('# CONFIG_UNWINDER_ORC is not set' 'CONFIG_UNWINDER_FRAME_POINTER=y')
fi
if grep -q '<sys/socket.h>' "$src/scripts/selinux/genheaders/genheaders.c" 2>/dev/null; then
	extra_config+=('# CONFIG_SECURITY_SELINUX is not set')
fi

hash=$( {
	echo "$version $name $arch $cross"
	cat "$fragment" "$script"
} | sha256sum | cut -c1-12)
out=$OOMTRACE_CACHE/trees/$name-$arch-$hash
stamp=$out/.oomtrace-prepared

if [ -f "$stamp" ]; then
	echo "prepare-tree: $name $arch: cached ($out)" >&2
	echo "$out"
	exit 0
fi

# -j2 and nice: the machine's cores are shared with other work.
kmake() {
	nice make -C "$src" O="$out" ARCH="$arch" CROSS_COMPILE="$cross" \
		${host[@]+"${host[@]}"} -j2 "$@" >>"$out/prepare.log" 2>&1 || {
		tail -n 40 "$out/prepare.log" >&2
		die "prepare-tree: $name $arch: make $* failed (log: $out/prepare.log)"
	}
}

start=$(date +%s)
rm -rf "$out"
mkdir -p "$out"
echo "prepare-tree: $name ($version) $arch: $defconfig + compat.config" >&2
kmake "$defconfig"

# Merge the fragment: drop the defconfig's lines for the same symbols, then
# append ours (what scripts/kconfig/merge_config.sh does, without its
# differences between kernel versions).
syms=$({
	cat "$fragment"
	printf '%s\n' ${extra_config[@]+"${extra_config[@]}"}
} | grep -oE '^(# )?CONFIG_[A-Za-z0-9_]+' | sed 's/^# //' | sort -u)
grep -vwF -f <(echo "$syms") "$out/.config" >"$out/.config.base" || true
{
	cat "$out/.config.base"
	grep -E '^(# )?CONFIG_' "$fragment"
	printf '%s\n' ${extra_config[@]+"${extra_config[@]}"}
} >"$out/.config"
rm -f "$out/.config.base"
kmake olddefconfig

# An option that did not survive Kconfig is a difference of this arch or
# version (no HUGETLBFS on arm without LPAE); report it, keep going.
: >"$out/.oomtrace-dropped"
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*)
		grep -qx "$line" "$out/.config" ||
			echo "$line (got: $(grep "^${line%%=*}=" "$out/.config" || echo unset))" >>"$out/.oomtrace-dropped"
		;;
	"# CONFIG_"*" is not set")
		opt=${line#\# }
		opt=${opt%% *}
		! grep -q "^$opt=" "$out/.config" ||
			echo "$opt unset (got: $(grep "^$opt=" "$out/.config"))" >>"$out/.oomtrace-dropped"
		;;
	esac
done <"$fragment"
while IFS= read -r d; do
	echo "prepare-tree: warning: $name $arch: Kconfig dropped $d" >&2
done <"$out/.oomtrace-dropped"
grep -qx 'CONFIG_MODULES=y' "$out/.config" || die "prepare-tree: $name $arch: no CONFIG_MODULES"

echo "prepare-tree: $name $arch: modules_prepare (log: $out/prepare.log)" >&2
kmake modules_prepare

# What scripts/compat.sh needs to build against this tree again.
{
	echo "OT_NAME=$name"
	echo "OT_VERSION=$version"
	echo "OT_ARCH=$arch"
	echo "OT_CROSS_COMPILE=$cross"
	echo "OT_SRC=$src"
	echo "OT_PREPARE_SECONDS=$(($(date +%s) - start))"
} >"$out/.oomtrace-tree"
touch "$stamp"
echo "prepare-tree: $name $arch: prepared in $(($(date +%s) - start)) s" >&2
echo "$out"
