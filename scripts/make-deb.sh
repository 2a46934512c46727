#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# make-deb.sh [OUTDIR]
# Two Debian packages, built with dpkg-deb from the tree as it is:
#   oomtrace-dkms_<version>_all.deb  the module's source under
#       /usr/src/oomtrace-<version>; DKMS builds and installs it for every
#       kernel that has its headers, now and at each kernel upgrade
#   oomtrace_<version>_<arch>.deb    the reader (static, so one package
#       runs on any release of the architecture), its man pages, the
#       systemd units, and modprobe.d / modules-load.d examples
# Nothing is enabled or loaded by installing them. OUTDIR defaults to
# build/deb.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

out=${1:-$OOMTRACE_TOP/build/deb}
version=$(make -s -C "$OOMTRACE_TOP" version)
[ -n "$version" ] || die "no OT_VERSION in module/format.h"
arch=$(dpkg --print-architecture)
maintainer="oomtrace developers <oomtrace@localhost>"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$out"

# Control file fields shared by both packages.
control() { # control PACKAGE ARCH DEPENDS DESCRIPTION...
	local pkg=$1 a=$2 deps=$3
	shift 3
	cat <<-CONTROL
	Package: $pkg
	Version: $version
	Architecture: $a
	Maintainer: $maintainer
	Section: admin
	Priority: optional
	Installed-Size: $(du -sk "$stage/$pkg" | cut -f1)
	${deps:+Depends: $deps
	}Description: $*
	CONTROL
}

docs() { # docs PACKAGE: copyright, as Debian policy asks of every package
	mkdir -p "$stage/$1/usr/share/doc/$1"
	{
		echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
		echo "Upstream-Name: oomtrace"
		echo
		echo "Files: *"
		echo "License: GPL-2.0"
		echo " On Debian systems, the full text is in /usr/share/common-licenses/GPL-2."
	} >"$stage/$1/usr/share/doc/$1/copyright"
}

# --- oomtrace-dkms
pkg=oomtrace-dkms
src=$stage/$pkg/usr/src/oomtrace-$version
mkdir -p "$src" "$stage/$pkg/DEBIAN"
cp -r "$OOMTRACE_TOP"/{Kbuild,Makefile,dkms.conf,module} "$src/"
find "$src" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \) -delete
docs $pkg
cat >"$stage/$pkg/DEBIAN/postinst" <<-POSTINST
	#!/bin/sh
	# Register the source with DKMS and build it for every kernel that has
	# its headers. A kernel the module does not build for is reported and
	# skipped: the package stays installed for the others.
	set -e
	[ "\$1" = configure ] || exit 0
	dkms status -m oomtrace -v $version | grep -q . || dkms add -m oomtrace -v $version
	for dir in /lib/modules/*/build; do
		[ -e "\$dir" ] || continue
		k=\$(basename "\$(dirname "\$dir")")
		dkms install -m oomtrace -v $version -k "\$k" ||
			echo "oomtrace-dkms: no module for kernel \$k (dkms install failed)" >&2
	done
	exit 0
POSTINST
cat >"$stage/$pkg/DEBIAN/prerm" <<-PRERM
	#!/bin/sh
	set -e
	case "\$1" in remove|upgrade|deconfigure)
		if dkms status -m oomtrace -v $version | grep -q .; then
			dkms remove -m oomtrace -v $version --all
		fi
	esac
	exit 0
PRERM
chmod 0755 "$stage/$pkg/DEBIAN/postinst" "$stage/$pkg/DEBIAN/prerm"
control $pkg all "dkms (>= 2.1), make, gcc" \
	"oomtrace kernel module (DKMS source)
 Probes page_frag and skb allocation and free and the driver TX handoff,
 and says at every OOM which function holds the memory still outstanding
 and which network device never completes its transmits." >"$stage/$pkg/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$stage/$pkg" "$out/${pkg}_${version}_all.deb" >/dev/null

# --- oomtrace (the reader)
pkg=oomtrace
root=$stage/$pkg
make -s -C "$OOMTRACE_TOP/user" STATIC=1 BUILD="$stage/user-build" >&2
install -D -m 0755 "$stage/user-build/oomtrace" "$root/usr/bin/oomtrace"
for page in "$OOMTRACE_TOP"/docs/man/oomtrace.[0-9]; do
	sec=${page##*.}
	mkdir -p "$root/usr/share/man/man$sec"
	gzip -9n <"$page" >"$root/usr/share/man/man$sec/oomtrace.$sec.gz"
done
install -D -m 0644 -t "$root/lib/systemd/system" "$OOMTRACE_TOP"/dist/systemd/*
ex=$root/usr/share/doc/$pkg/examples
install -D -m 0644 "$OOMTRACE_TOP/dist/modules-load.d/oomtrace.conf" "$ex/modules-load.d/oomtrace.conf"
install -D -m 0644 "$OOMTRACE_TOP/dist/modprobe.d/oomtrace.conf" "$ex/modprobe.d/oomtrace.conf"
docs $pkg
mkdir -p "$root/DEBIAN"
control $pkg "$arch" "" \
	"explain Linux OOM reports and read the oomtrace kernel module
 Explains kernel OOM reports from any log, and reads the oomtrace module's
 tables: top callsites, leak trends, snapshots and bundles at OOM kills,
 Prometheus metrics, and the last boot's OOM from pstore." >"$root/DEBIAN/control"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/${pkg}_${version}_${arch}.deb" >/dev/null
ls "$out"/oomtrace*_"$version"_*.deb
