#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# deb-install.sh KERNELRELEASE [KO_COPY]
# The packages as a fleet installs them: make-deb.sh builds both, apt
# installs them on this machine, DKMS must build and install the module
# for KERNELRELEASE (whose headers are installed), the reader, man pages
# and systemd units must be in place and pass `systemd-analyze verify` and
# `man --warnings`, and purging must take all of it away again. KO_COPY,
# if given, receives the module DKMS built, for a VM to load.
set -euo pipefail
rel=${1:?usage: deb-install.sh KERNELRELEASE [KO_COPY]}
copy=${2:-}
top=$(cd "$(dirname "$0")/../.." && pwd)
version=$(make -s -C "$top" version)
out=$(mktemp -d)
fail() { echo "FAIL: $*"; exit 1; }
ok() { echo "ok: $*"; }
purge() {
	DEBIAN_FRONTEND=noninteractive apt-get purge -y -q oomtrace oomtrace-dkms >"$out/purge.log" 2>&1
}
trap 'purge || true; rm -rf "$out"' EXIT

# A run that died half way may have left them installed.
purge || true
"$top/scripts/make-deb.sh" "$out" >"$out/build.log" 2>&1 || { cat "$out/build.log"; fail "make-deb.sh"; }
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	"$out/oomtrace_${version}_$(dpkg --print-architecture).deb" \
	"$out/oomtrace-dkms_${version}_all.deb" >"$out/install.log" 2>&1 ||
	{ cat "$out/install.log"; fail "apt-get install of the two packages"; }
ok "apt-get install oomtrace oomtrace-dkms"

# DKMS built it for the kernel, from the packaged source.
ko=/lib/modules/$rel/updates/dkms/oomtrace.ko
dkms status -m oomtrace -v "$version" -k "$rel" | grep -q ': installed' ||
	{ dkms status; cat "$out/install.log"; fail "dkms did not install oomtrace $version for $rel"; }
[ -f "$ko" ] || [ -f "$ko.xz" ] || fail "no $ko"
[ -f "$ko" ] || ko=$ko.xz
[ "$(modinfo -F version "$ko")" = "$version" ] || fail "$ko: version $(modinfo -F version "$ko")"
[[ "$(modinfo -F vermagic "$ko")" == "$rel "* ]] || fail "$ko: vermagic $(modinfo -F vermagic "$ko")"
modprobe -n -v -S "$rel" oomtrace 2>&1 | grep -q "updates/dkms/oomtrace.ko" ||
	fail "modprobe would not pick DKMS's oomtrace for $rel"
ok "dkms built and installed $ko for $rel"
if [ -n "$copy" ]; then
	case $ko in
	*.xz) xz -dc "$ko" >"$copy" ;;
	*) cp "$ko" "$copy" ;;
	esac
fi

[ "$(/usr/bin/oomtrace --version)" = "oomtrace $version" ] || fail "/usr/bin/oomtrace --version"
ok "/usr/bin/oomtrace --version"

# The units as installed, with the binary and man page they name.
units=(/lib/systemd/system/oomtrace-record.service /lib/systemd/system/oomtrace-metrics.service
       /lib/systemd/system/oomtrace-metrics.timer)
systemd-analyze verify "${units[@]}" >"$out/verify.log" 2>&1 ||
	{ cat "$out/verify.log"; fail "systemd-analyze verify"; }
[ ! -s "$out/verify.log" ] || { cat "$out/verify.log"; fail "systemd-analyze verify has warnings"; }
ok "systemd-analyze verify: ${units[*]##*/}"
# The hardening must leave what record needs: its log directory and
# reading debugfs (ProtectSystem=strict keeps /sys readable).
systemd-analyze security --offline=yes "${units[0]}" >"$out/security.log" 2>&1 || true
grep -q "Overall exposure level" "$out/security.log" &&
	ok "systemd-analyze security: $(grep -o 'Overall exposure level.*' "$out/security.log")"

for sec in 1 4; do
	page=$(man -w "$sec" oomtrace) || fail "no man page oomtrace($sec)"
	warnings=$(man --warnings "$sec" oomtrace 2>&1 >/dev/null)
	[ -z "$warnings" ] || { echo "$warnings"; fail "man --warnings oomtrace($sec)"; }
	lexgrog "$page" >/dev/null || fail "lexgrog $page: no NAME section"
	ok "man page $page"
done
for f in modules-load.d/oomtrace.conf modprobe.d/oomtrace.conf; do
	[ -f "/usr/share/doc/oomtrace/examples/$f" ] || fail "no example $f"
done
ok "modules-load.d and modprobe.d examples"

purge || { cat "$out/purge.log"; fail "apt-get purge"; }
dkms status -m oomtrace | grep -q . && fail "dkms still knows oomtrace after purge"
for f in "$ko" /usr/src/oomtrace-$version /usr/bin/oomtrace "${units[@]}"; do
	[ ! -e "$f" ] || fail "$f is still there after purge"
done
ok "apt-get purge removed the module, its source, the reader and the units"
