# kernels: stock debug
# timeout: 1200
# 40 load/unload cycles while skbs are allocated, transmitted and freed
# on both CPUs and two readers cat every file of the module in a loop.
# An unload that comes while a reader has a file open is refused (the
# file holds the module) and is retried; it never hangs, and once the
# readers have let go of every file it goes through. Then a file held
# open across rmmod: rmmod is refused at once, the held file still reads,
# and once it is closed the unload goes through.
no_ipv6_chatter
# The traffic logs a line per burst: at the console's 115200 baud that,
# not the module, would set the pace. Warnings and worse (every splat the
# harness looks for) still reach the console.
echo N >/sys/module/printk/parameters/ignore_loglevel
dmesg -n 5
# Each cycle is about 4 s on the stock kernel and 6 s on the debug one
# under TCG; 40 of them alternate both hooking mechanisms 20 times each.
want=40
load fixture_nic mode=ok,slow
ip link set fxnic0 up
ip link set fxnic1 up
(while echo 300 >/sys/module/fixture_nic/parameters/tx_burst; do :; done) 2>/dev/null &
gen=$!
(while ping -c 20 -i 0.01 -q 127.0.0.1 >/dev/null; do :; done) &
pinger=$!
# reader N: cat every file, round and round. While /tmp/pause exists it
# holds no file open and says so in /tmp/paused.N.
reader() {
	while :; do
		for f in $OT/report $OT/callsites $OT/netdev $OT/stats $OT/probes \
			$OT/verdicts $OT/oom $OT/control; do
			if [ -e /tmp/pause ]; then
				: >/tmp/paused.$1
				while [ -e /tmp/pause ]; do sleep 0.02; done
				rm -f /tmp/paused.$1
			fi
			cat "$f" >/dev/null 2>&1 || true
		done
	done
}
rm -f /tmp/pause /tmp/paused.*
reader 1 &
r1=$!
reader 2 &
r2=$!
readers_paused() { [ -e /tmp/paused.1 ] && [ -e /tmp/paused.2 ]; }

cycles=0 busy=0 pauses=0 t0=$(date +%s)
while [ $cycles -lt $want ]; do
	# Entry probes through ftrace and kprobes in turn: both ways of
	# hooking and unhooking churn under the same load.
	if [ $((cycles % 2)) = 0 ]; then mode=ftrace; else mode=kprobe; fi
	load oomtrace entry_probes=$mode
	tries=0
	until timeout 10 rmmod oomtrace 2>/dev/null; do
		# A reader has a file open: the module is in use, try again.
		busy=$((busy + 1))
		tries=$((tries + 1))
		if [ $tries = 20 ]; then
			# Two readers back to back leave few instants with
			# no file open, fewer on a slow guest. Let them
			# finish what they hold: with nothing open, the
			# unload must go through now.
			pauses=$((pauses + 1))
			: >/tmp/pause
			wait_until 20 "readers idle (cycle $cycles)" readers_paused
		fi
		[ $tries -lt 25 ] || fail "rmmod refused with no file open (cycle $cycles)"
		sleep 0.05
	done
	rm -f /tmp/pause
	grep -q '^oomtrace ' /proc/modules && fail "oomtrace still loaded after rmmod (cycle $cycles)"
	cycles=$((cycles + 1))
done
kill $r1 $r2 2>/dev/null || true
wait $r1 $r2 2>/dev/null || true
echo "ok: $cycles load/unload cycles under traffic and readers in $(($(date +%s) - t0)) s ($busy unloads refused while a file was open, then retried; readers paused $pauses times)"

# A file held open across rmmod.
load oomtrace
exec 3<$OT/report
rc=0
timeout 10 rmmod oomtrace 2>/tmp/rmmod.err || rc=$?
cat /tmp/rmmod.err
[ "$rc" != 0 ] || fail "rmmod went through with report open"
[ "$rc" != 124 ] || fail "rmmod hung with report open"
grep -q '^oomtrace ' /proc/modules || fail "the module went away with report open"
head -n 1 <&3 | grep -q '^oomtrace report' || fail "the held file no longer reads"
exec 3<&-
# The last reference goes when the last copy of the descriptor is closed
# (head's too); give the unload a moment rather than racing it.
tries=0
until timeout 10 rmmod oomtrace 2>/dev/null; do
	tries=$((tries + 1))
	if [ $tries -ge 50 ]; then
		grep '^oomtrace ' /proc/modules
		ls -l /proc/[0-9]*/fd 2>/dev/null | grep oomtrace
		fail "rmmod still refused 5 s after the file was closed"
	fi
	sleep 0.1
done
echo "ok: rmmod refused at once while report was open, and went through once it was closed"

kill $gen $pinger 2>/dev/null || true
wait $gen $pinger 2>/dev/null || true
rmmod fixture_nic
dmesg -n 8
echo Y >/sys/module/printk/parameters/ignore_loglevel
