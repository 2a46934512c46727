#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# The whole job in one command: install what is missing, build, boot the
# stock Debian kernel in QEMU, load oomtrace, replay an incident and print
# what oomtrace reported, as read from its debugfs inside the VM.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$OOMTRACE_TOP/scripts/install-deps.sh"
echo "building oomtrace for the stock Debian kernel..."
"$OOMTRACE_TOP/scripts/build-modules.sh" stock >/dev/null
build_static_reader x86_64 >/dev/null
"$OOMTRACE_TOP/scripts/mkinitramfs.sh" stock "$OOMTRACE_BUILD/stock.cpio.gz"

out=$OOMTRACE_BUILD/demo
echo "booting the stock Debian kernel under QEMU (TCG) and replaying incident I2:"
echo "  a NIC driver (fixture_nic, device fxnic0) accepts every skb and never completes"
echo "  one; link up, traffic flowing. fxnic1 beside it completes normally."
rc=0
"$OOMTRACE_TOP/scripts/vm-run.sh" --kernel stock --initramfs "$OOMTRACE_BUILD/stock.cpio.gz" \
	--test demo --out "$out" || rc=$?
echo
echo "what oomtrace reported, read inside the VM from /sys/kernel/debug/oomtrace/:"
echo
sed -n '/^=== /,/^=== end/p' "$out/console.log" | tr -d '\r' | grep -v '^=== end' || true
exit $rc
