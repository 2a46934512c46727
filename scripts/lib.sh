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

# Resolve a test kernel name (stock|debug) into KERNEL_IMAGE, KERNEL_KDIR
# and KERNEL_MODDIR (where its own modules live, empty for debug: it has
# everything built in).
resolve_kernel() {
	local rel tree
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
		[ -n "$tree" ] || tree=$("$OOMTRACE_TOP/scripts/build-debug-kernel.sh" | tail -n1) || return 1
		KERNEL_IMAGE=$tree/arch/x86/boot/bzImage
		KERNEL_KDIR=$tree
		KERNEL_MODDIR=
		;;
	*)
		echo "unknown kernel '$1' (want stock or debug)" >&2
		return 1
		;;
	esac
	[ -f "$KERNEL_IMAGE" ] || { echo "kernel image $KERNEL_IMAGE missing" >&2; return 1; }
}

OOMTRACE_BUILD=${OOMTRACE_BUILD:-$OOMTRACE_TOP/build}
