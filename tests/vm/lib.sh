# SPDX-License-Identifier: GPL-2.0
# Helpers for tests running inside the VM (busybox sh). Sourced by init.

set -e

fail() {
	echo "FAIL: $*"
	exit 1
}

# The kernel flavour under test: "debug" has KUnit built in, "stock" not.
kernel_flavour() {
	if [ -d /sys/kernel/debug/kunit ]; then echo debug; else echo stock; fi
}

# Load a module from the initramfs by name, with optional parameters.
load() {
	local name=$1
	shift
	insmod "/modules/$name.ko" "$@" || fail "insmod $name failed"
}

# Load a kernel module shipped with the kernel itself (veth, dummy, ...).
# The kernels built here (debug, 64 KiB-page arm64) have them built in and
# bring no module tree, so a missing module is fine there.
load_kernel_module() {
	modprobe "$1" 2>/dev/null || [ ! -d "/lib/modules/$(uname -r)" ] ||
		fail "modprobe $1 failed"
}

# Remember where the kernel log is now, so a test can read only what was
# printed after this point.
log_mark() {
	dmesg | wc -l >/tmp/log_mark
}

log_since_mark() {
	dmesg | tail -n +"$(($(cat /tmp/log_mark) + 1))"
}

# expect_eq WHAT WANT GOT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: want '$2', got '$3'"
	echo "ok: $1 = $3"
}

# expect_match WHAT REGEX FILE
expect_match() {
	grep -Eq "$2" "$3" || { echo "--- $3:"; cat "$3"; fail "$1: no line matches /$2/"; }
	echo "ok: $1"
}

# New devices send no IPv6 router/neighbour traffic, so the only
# transmits a test sees are its own. A kernel without IPv6 sends none.
no_ipv6_chatter() {
	if [ -d /proc/sys/net/ipv6 ]; then
		echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
	fi
}

# qemu_monitor COMMAND: have the host run a QEMU monitor command (the test
# must ask for a NIC, "# nic:", which is what gives the VM a monitor).
qemu_monitor() {
	echo "OOMTRACE-MONITOR $*" >"$OOMTRACE_VERDICT"
}

# wait_until SECONDS WHAT COMMAND...: poll COMMAND every 0.1 s until it
# succeeds; fail naming WHAT if SECONDS pass first.
wait_until() {
	local secs=$1 what=$2
	shift 2
	wait_for "$secs" "$@" || fail "$what: not within $secs s"
}

# wait_for SECONDS CMD...: true as soon as CMD is, false if it never is.
wait_for() {
	local limit=$(($1 * 10)) n=0
	shift
	until "$@"; do
		n=$((n + 1))
		[ $n -le $limit ] || return 1
		sleep 0.1
	done
}

# The kernel's page size in KiB (4, 16 or 64 on arm64).
page_kb() {
	awk '$1 == "KernelPageSize:" {print $2; exit}' /proc/self/smaps
}

OT=/sys/kernel/debug/oomtrace

# site KIND FUNCTION COLUMN: sum of COLUMN over the callsites rows of KIND
# whose callsite is in FUNCTION. Columns as in the callsites header:
# 2 live, 3 live_bytes, 4 allocs, 5 frees, 6 oldest_ms.
site() {
	awk -v k="$1" -v f="$2" -v c="$3" '
		/^#/ { next }
		$1 == k && index($10, f "+") == 1 { sum += $c; n++ }
		END { print n ? sum : "none" }' $OT/callsites
}

# dev NAME COLUMN: a column of the netdev file for device NAME
# (3 state, 4 in_flight, 5 in_flight_bytes, 6 oldest_ms, 7 xmits, 8 completions).
# dev NAME COLUMN [FILE]: a column of NAME's row in the netdev table (or
# in FILE, a copy of it taken once to compare columns of one snapshot).
dev() {
	awk -v d="$1" -v c="$2" '!/^#/ && $2 == d { print $c; found = 1 }
		END { if (!found) print "none" }' "${3:-$OT/netdev}"
}

show() {
	for f in "$@"; do echo "--- $f"; cat $OT/$f; done
}

# veth_pair NAME: create a veth pair and print the peer's name (busybox ip
# cannot name the peer, so find it by its link to NAME).
veth_pair() {
	load_kernel_module veth
	ip link add "$1" type veth >/dev/null || fail "cannot create veth $1"
	local idx d
	idx=$(cat /sys/class/net/$1/ifindex)
	for d in /sys/class/net/*; do
		[ "$(cat $d/iflink)" = "$idx" ] && [ "${d##*/}" != "$1" ] && { echo "${d##*/}"; return; }
	done
	fail "no peer found for $1"
}

# veth_up NAME PEER: bring a pair up and wait until NAME can transmit. The
# end brought up first has no carrier when it opens, so its queue is
# attached later by the link watcher; until then a packet socket's frames
# go to the noop queue and vanish without an error or a start_xmit.
veth_up() {
	local n=0
	ip link set "$1" up || fail "cannot bring $1 up"
	ip link set "$2" up || fail "cannot bring $2 up"
	while ip link show dev "$1" | grep -q ' qdisc noop '; do
		n=$((n + 1))
		[ $n -le 100 ] || fail "$1 has no transmit queue 10 s after its link came up"
		sleep 0.1
	done
}

# sysrq-f runs the OOM killer from a workqueue: trigger it and wait until
# the kernel has printed its OOM report (up to 10 s).
sysrq_oom() {
	local before n=0
	before=$(dmesg | grep -c 'invoked oom-killer' || true)
	echo f >/proc/sysrq-trigger
	while [ "$(dmesg | grep -c 'invoked oom-killer' || true)" -le "$before" ]; do
		n=$((n + 1))
		[ $n -le 100 ] || fail "sysrq-f did not run the OOM killer"
		sleep 0.1
	done
	# The rest of the report follows the first line; let it finish.
	sleep 0.5
}
