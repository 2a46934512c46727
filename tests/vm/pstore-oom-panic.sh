# kernels: stock
# mem: 256
# timeout: 240
# reboot: yes
# append: memmap=1M$0x0e000000 ramoops.mem_address=0x0e000000 ramoops.mem_size=0x100000 ramoops.record_size=0x40000
# The report survives the panic (incident I6: panic_on_oom on a board).
# First boot: vm.panic_on_oom=1, oomtrace loaded, a real global OOM; the
# kernel panics and ramoops keeps the kernel log in RAM the kernel was
# told to leave alone (memmap=). QEMU resets without clearing RAM. Second
# boot: oomtrace is loaded again, as a fleet loads it at boot, so it has
# no OOM of its own, and `oomtrace oom` must find the first boot's OOM in
# /sys/fs/pstore, explain it and show oomtrace's lines from that boot.
# console: oomtrace: verdict: process memhog [(]pid [0-9]+[)] holds [0-9]+% of RAM
# console: Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled
# console: init: running pstore-oom-panic
. /tests/replay-lib.sh

modprobe ramoops || fail "no ramoops module in this kernel"
mkdir -p /sys/fs/pstore
mount -t pstore pstore /sys/fs/pstore 2>/dev/null ||
	grep -q ' /sys/fs/pstore ' /proc/mounts || fail "cannot mount pstore"

if ! ls /sys/fs/pstore/dmesg-ramoops-* >/dev/null 2>&1; then
	echo "first boot: an OOM with panic_on_oom=1"
	echo 1 >/proc/sys/vm/panic_on_oom
	load oomtrace
	hog_start 0
	wait $hog
	fail "memhog ended and the kernel did not panic"
fi

echo "second boot: what pstore kept"
ls -l /sys/fs/pstore
head -n 1 /sys/fs/pstore/dmesg-ramoops-0
load oomtrace
rc=0
oomtrace oom >/tmp/oom.txt 2>/tmp/oom.err || rc=$?
cat /tmp/oom.txt /tmp/oom.err
expect_eq "oomtrace oom exit status" 0 "$rc"
expect_match "no OOM of this boot" '^No OOM since the module was loaded\.$' /tmp/oom.txt
expect_match "the record and why it was written" \
	'^  record /sys/fs/pstore/dmesg-ramoops-[0-9]+ \(Panic\), written [0-9-]+ [0-9:]+ UTC, [0-9]+ s before this boot started$' \
	/tmp/oom.txt
expect_match "the kernel's report explained" '^  policy: +panic_on_oom=1 \(system-wide\)' /tmp/oom.txt
expect_match "the reader's verdict" '^verdict: memhog \(pid [0-9]+\) holds' /tmp/oom.txt
expect_match "oomtrace's report from that boot" '^  OOM #1: global OOM, gfp GFP_HIGHUSER_MOVABLE' /tmp/oom.txt
expect_match "oomtrace's verdict from that boot" \
	'^  verdict: process memhog \(pid [0-9]+\) holds [0-9]+% of RAM' /tmp/oom.txt
# The pid in both is the first boot's memhog, the one the record names.
pid=$(sed -n 's/^  verdict: process memhog (pid \([0-9]*\)).*/\1/p' /tmp/oom.txt)
grep -q "memhog invoked oom-killer" /sys/fs/pstore/dmesg-ramoops-0 ||
	fail "the record has no kernel OOM report"
grep -q "Comm: memhog" /sys/fs/pstore/dmesg-ramoops-0 && grep -q "PID: $pid " /sys/fs/pstore/dmesg-ramoops-0 ||
	fail "pid $pid is not the one in the record"
oomtrace oom --json >/tmp/oom.json || fail "oomtrace oom --json: exit $?"
expect_match "JSON: from pstore" '"source": "pstore"' /tmp/oom.json
expect_match "JSON: the kernel panicked" '"reason": "Panic"' /tmp/oom.json
rmmod oomtrace
