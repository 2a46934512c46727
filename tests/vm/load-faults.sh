# kernels: stock debug
# append: log_buf_len=8M
# timeout: 900
# Allocation failures while loading: alloc_spy first counts every
# allocation oomtrace's code makes while it loads, then, one load per
# allocation site, fails the first allocation made there. Each load either
# fails and leaves nothing behind (no module, no debugfs directory, no
# kprobe more than before) or absorbs the failure and works and unloads.
# Then traffic, a veth pair and an OOM pass every hook a failed load could
# have left registered, and the debug kernel's kmemleak scan at the end
# finds anything it left allocated.
no_ipv6_chatter
dmesg -n 5
spy=/sys/module/alloc_spy/parameters
kprobes=/sys/kernel/debug/kprobes/list
# Functions with an ftrace callback (entry probes go through ftrace where
# the kernel allows).
ftraced=/sys/kernel/debug/tracing/enabled_functions
[ -r $ftraced ] || ftraced=/dev/null
load alloc_spy target=oomtrace during=load
base_probes=$(wc -l <$kprobes)
base_ftraced=$(wc -l <$ftraced)

# Entry probes through ftrace where the kernel can (its registration
# allocates and fails its own way), through kprobes elsewhere.
mode=ftrace
# spied_load SITE: one finit_module() of oomtrace by the spy's watched
# task, the first allocation made at SITE failed ("-": none); loadmod's
# status.
spied_load() {
	printf '%s' "$1" >$spy/fail_site
	loadmod --pid-to $spy/pid /modules/oomtrace.ko entry_probes=$mode 2>/tmp/insmod.err
}

log_mark
spied_load - || fail "oomtrace does not load under the spy: $(cat /tmp/insmod.err)"
total=$(cat $spy/seen)
log_since_mark | sed -nE 's/.*alloc_spy: #([0-9]+) (slab|page) from ([^ ]+) via ([^ ]+).*/\1 \3 \4/p' >/tmp/calls
expect_eq "allocations logged, one line each" "$total" "$(wc -l </tmp/calls)"
rmmod oomtrace
awk '!seen[$2]++' /tmp/calls >/tmp/all-sites
echo "the load makes $total allocations from $(wc -l </tmp/all-sites) sites in oomtrace's code:"
cat /tmp/all-sites
# An allocation inside an unregister_*() call cannot be reported back to
# the module (those return void) and the kernel WARNs about it itself
# (kprobes: "Failed to disarm"): a failure there tests the kernel.
grep -v ' unregister_' /tmp/all-sites >/tmp/sites || true
nsites=$(wc -l </tmp/sites)
echo "failing one allocation at each of the $nsites sites not inside an unregister_*() call"
[ "$nsites" -ge 5 ] || fail "only $nsites allocation sites seen: the spy is not watching"

echo 0 >$spy/log
refused=0 absorbed=0 unmet=0
while read -r n where via; do
	# n: where the first allocation at this site came in the first load
	failed_before=$(cat $spy/failed)
	log_mark
	if spied_load "$where"; then
		# The failure was absorbed: by oomtrace, which says what is
		# missing (a debugfs file, a /proc read, a probe), or inside the
		# kernel (the percpu allocator retries elsewhere). Either way the
		# rest works and it unloads.
		absorbed=$((absorbed + 1))
		said=$(log_since_mark | grep -E 'oomtrace: .*(unavailable|no [a-z]+ file|cannot read|unknown|not attached|keeping its return probe)' || true)
		echo "absorbed at $where: ${said:-no error reached oomtrace}"
		for f in $OT/*; do
			[ ! -r "$f" ] || [ "${f##*/}" = control ] || cat "$f" >/dev/null ||
				fail "loaded after failing at $where: ${f##*/} unreadable"
		done
		rmmod oomtrace || fail "rmmod after failing at $where"
	else
		refused=$((refused + 1))
		! grep -q '^oomtrace ' /proc/modules || fail "failed load at $where left the module"
		[ ! -e $OT ] || fail "failed load at $where left $OT"
		expect_eq "kprobes after the failed load at $where" "$base_probes" "$(wc -l <$kprobes)"
		expect_eq "ftraced functions after the failed load at $where" "$base_ftraced" "$(wc -l <$ftraced)"
	fi
	failed_now=$(($(cat $spy/failed) - failed_before))
	# A call into the kernel may allocate only when a cache of its own is
	# empty (register_kprobe() of a lone kprobe): then this load made no
	# allocation there to fail. Counted, and bounded below.
	if [ $failed_now = 0 ] && [ -z "$(log_since_mark | grep -F "from $where via ")" ]; then
		unmet=$((unmet + 1))
		echo "unmet at $where: the kernel made no allocation there this time"
		continue
	fi
	[ $failed_now = 1 ] || {
		log_since_mark | grep -E 'alloc_spy|oomtrace'
		fail "one allocation failed at $where: the spy failed $failed_now"
	}
	# Inside the call the first allocation may differ (a cache refilled
	# in one load and not the next); the module's call site may not.
	log_since_mark | grep -F "from $where via " | grep -qF "(failed)" ||
		fail "the allocation failed was not one at $where: $(log_since_mark | grep 'alloc_spy: #')"
	# A tracepoint or kprobe a failed load left behind would fire here.
	ping -c 2 -i 0.01 -q 127.0.0.1 >/dev/null
done </tmp/sites
echo "ok: $nsites loads, one failed allocation each: $refused refused, $absorbed absorbed the failure ($unmet of them met no allocation at their site)"
[ $((unmet * 10)) -le "$nsites" ] || fail "$unmet of $nsites sites made no allocation to fail: the spy is not reaching them"
expect_eq "spy probe instances missed" 0 "$(cat $spy/missed)"

# The other hooks a load registers: a netdevice notifier and an OOM notifier.
peer=$(veth_pair vfault)
ip link set vfault up
ip link set "$peer" up
ip link del vfault
sleep 1000 &
victim=$!
echo 0 >/proc/$victim/oom_score_adj
sysrq_oom
wait $victim || true
rmmod alloc_spy
load oomtrace
cat $OT/report >/dev/null
rmmod oomtrace
