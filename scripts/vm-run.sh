#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-run.sh --kernel KERNEL --initramfs FILE --test NAME [options]
#   --timeout SEC   kill the guest after SEC seconds (default 180)
#   --mem MB        guest RAM (default 512)
#   --smp N         guest CPUs (default 2)
#   --append STR    extra kernel command line
#   --out DIR       keep console.log and verdict.log here
#   --allow REGEX   a kernel report the test expects may happen (it must
#                   match the report's banner line); anything else fails
#   --reboot        let the guest reboot (a panic, a reset) and run the test
#                   again in the same QEMU, RAM kept: for pstore. An OOM
#                   panic is then part of the test, and the verdict of the
#                   last boot decides; the test powers the guest off
#   --nic MODEL     a real NIC on QEMU's user network (10.0.2.0/24, gateway
#                   10.0.2.2): virtio-net (PCI on x86, MMIO on arm64) or
#                   e1000; the guest may then drive the QEMU monitor
#
# Boots the kernel under TCG, runs one test inside, and classifies the run.
# The verdict comes only from the second serial port; the console is read
# for anything the kernel itself reported. Prints one line
#   outcome: <pass|fail|kmemleak|kernel-report|oom-panic|no-verdict|timeout>
# and exits 0 only for pass. On anything else the guest log is shown.
# A panic the kernel takes on purpose at OOM (panic_on_oom) is its own
# outcome, oom-panic, when nothing else went wrong: replays expect it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

kernel= initramfs= test= timeout=180 mem=512 smp=2 append= out= nic= allow= reboot=
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel=$2; shift 2 ;;
	--initramfs) initramfs=$2; shift 2 ;;
	--test) test=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	--append) append=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--nic) nic=$2; shift 2 ;;
	--allow) allow=$2; shift 2 ;;
	--reboot) reboot=1; shift ;;
	*) die "vm-run.sh: unknown option $1" ;;
	esac
done
[ -n "$kernel" ] && [ -n "$initramfs" ] && [ -n "$test" ] ||
	die "usage: vm-run.sh --kernel KERNEL --initramfs FILE --test NAME"
[[ "$test" =~ ^[A-Za-z0-9_-]+$ ]] || die "bad test name '$test'"
[[ "$timeout" =~ ^[0-9]+$ && "$mem" =~ ^[0-9]+$ && "$smp" =~ ^[0-9]+$ ]] ||
	die "--timeout, --mem and --smp take whole numbers"
resolve_kernel "$kernel"

if [ -z "$out" ]; then
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"
console=$out/console.log
verdict=$out/verdict.log
: >"$console"
: >"$verdict"

cmdline="ignore_loglevel panic=-1 oops=panic"
cmdline+=" softlockup_panic=1 hung_task_panic=1"
# Under TCG a guest CPU can lose the host for seconds when the host is
# busy; give the lockup and stall detectors room for that, so what they
# report is a real lockup and not a slow emulator.
cmdline+=" watchdog_thresh=30 rcupdate.rcu_cpu_stall_timeout=120"

# Single-threaded TCG: with one host thread per vCPU, a vCPU looping
# through a function while another patches it (kprobe arm/disarm) was
# seen to spin at the patched instruction for minutes; round-robin vCPUs
# make code modification synchronous, as on hardware.
accel=${OOMTRACE_ACCEL:-tcg,thread=single}
if [ "$KERNEL_ARCH" = arm64 ]; then
	# The virt board has one UART: the verdict goes to a virtio console.
	# One port, no control queue: the guest fills each receive queue
	# with 1024 pages, 64 MiB per queue under 64 KiB pages.
	# Debian reserves 64 MiB for CMA on arm64, a quarter of a small test
	# VM; tests that want CMA ask for it with their own cma=.
	cmdline="console=ttyAMA0 OOMTRACE_VERDICT=/dev/hvc0 $cmdline"
	[[ " $append " == *" cma="* ]] || cmdline+=" cma=0"
	# GICv2, the virt board's default, stops at 8 CPUs.
	machine=virt
	[ "$smp" -le 8 ] || machine=virt,gic-version=3
	qemu=(qemu-system-aarch64 -M "$machine" -cpu max,pauth-impdef=on
		-serial "file:$console"
		-device virtio-serial-device,max_ports=1
		-chardev "file,id=verdict,path=$verdict"
		-device virtconsole,chardev=verdict)
else
	cmdline="console=ttyS0,115200 $cmdline"
	qemu=(qemu-system-x86_64 -serial "file:$console" -serial "file:$verdict")
fi
cmdline+=" OOMTRACE_TEST=$test $append"
no_reboot=-no-reboot
if [ -n "$reboot" ]; then
	# QEMU resets the machine instead of exiting, which leaves its RAM as
	# it was; the guest's init powers off when the test is done.
	no_reboot=
	cmdline+=" OOMTRACE_POWEROFF=1"
fi

# A test that cuts a NIC's link must reach the QEMU monitor from inside:
# it writes "OOMTRACE-MONITOR <command>" on the verdict channel, and the
# host hands each such line to the monitor socket as it appears.
monitor=(-monitor none)
case "$nic" in
'') ;;
virtio-net | e1000)
	device=$nic
	[ "$nic" = virtio-net ] && device=virtio-net-pci
	[ "$nic" = virtio-net ] && [ "$KERNEL_ARCH" = arm64 ] && device=virtio-net-device
	[ "$nic" = e1000 ] && [ "$KERNEL_ARCH" = arm64 ] && die "--nic e1000 is x86 only"
	qemu+=(-netdev user,id=net0 -device "$device,netdev=net0")
	command -v socat >/dev/null || die "socat missing (run scripts/install-deps.sh)"
	sock=$out/monitor.sock
	monitor=(-monitor "unix:$sock,server=on,wait=off")
	tail -F --pid=$$ -n +1 "$verdict" 2>/dev/null | while IFS= read -r line; do
		case $line in
		OOMTRACE-MONITOR\ *)
			printf '%s\n' "${line#OOMTRACE-MONITOR }" |
				socat -t 1 - "UNIX-CONNECT:$sock" >>"$out/monitor.log" 2>&1 || true
			;;
		esac
	done &
	;;
*) die "--nic: want virtio-net or e1000, not '$nic'" ;;
esac

rc=0
timeout -k 5 "$timeout" "${qemu[@]}" -accel "$accel" -nodefaults \
	-display none $no_reboot -m "$mem" -smp "$smp" \
	-kernel "$KERNEL_IMAGE" -initrd "$initramfs" -append "$cmdline" \
	"${monitor[@]}" </dev/null || rc=$?

# What the kernel reports when something is wrong in it. An OOM report's
# own "Call Trace" is expected, so only real problem banners count.
problems='BUG:|WARNING:|Oops|general protection fault|kernel BUG at|'
# kmemleak is not here: the guest scans and reports it on the verdict
# channel, which names it (outcome kmemleak) rather than just failing.
problems+='Unable to handle kernel|KASAN|UBSAN|'
problems+='possible (recursive|circular) locking|inconsistent lock state|'
problems+='INFO: task .* blocked|soft lockup|hard LOCKUP|detected stalls|'
# Not "RIP:": the kernel's own OOM report prints the allocating task's
# registers; a real fault has its own banner above.
problems+='Kernel panic'
oom_panic='Kernel panic - not syncing: (Out of memory|System is deadlocked on memory)'
# Banners the test allows (--allow) never count; an OOM panic is its own outcome.
expected="$oom_panic${allow:+|$allow}"

outcome=
if grep -aE "$problems" "$console" | grep -avEq "$expected"; then
	outcome=kernel-report
elif [ -z "$reboot" ] && grep -aEq "$oom_panic" "$console"; then
	outcome=oom-panic
elif grep -aq "^OOMTRACE-VERDICT $test PASS" "$verdict"; then
	outcome=pass
elif grep -aq "^OOMTRACE-VERDICT $test FAIL kmemleak" "$verdict"; then
	outcome=kmemleak
elif grep -aq "^OOMTRACE-VERDICT $test FAIL" "$verdict"; then
	outcome=fail
elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	outcome=timeout
else
	outcome=no-verdict
fi

if [ "$outcome" != pass ] && [ -z "${VM_QUIET:-}" ]; then
	echo "---- guest log ($kernel kernel, test $test, qemu exit $rc) ----"
	# Boot chatter is not interesting; start where the test starts.
	awk '/init: running/ {p=1} p' "$console" | tail -n 300 | tr -d '\r'
	if ! grep -aq 'init: running' "$console"; then tail -n 100 "$console" | tr -d '\r'; fi
	echo "---- kernel problems ----"
	grep -aE "$problems" "$console" | tr -d '\r' | head -n 20 || true
	echo "---- verdict channel ----"
	cat "$verdict"
	echo "----"
fi
echo "outcome: $outcome"
[ "$outcome" = pass ]
