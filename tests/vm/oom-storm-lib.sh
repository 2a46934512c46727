# SPDX-License-Identifier: GPL-2.0
# kernels: none
# Not a test: helpers for oom-storm*.sh, which source it after
# replay-lib.sh. A storm is real OOMs in a row with oomtrace loaded and
# alloc_spy watching oomtrace's code inside out_of_memory().

spy=/sys/module/alloc_spy/parameters

# storm_begin: the spy's control (its own OOM notifier allocates, and the
# spy must see that), then the spy on oomtrace, and oomtrace.
storm_begin() {
	dmesg -n 5
	load alloc_spy target=alloc_spy during=oom oom_alloc=1
	sleep 1000 &
	local victim=$!
	echo 0 >/proc/$victim/oom_score_adj
	sysrq_oom
	wait $victim || true
	[ "$(cat $spy/seen)" -ge 1 ] || fail "control: the spy did not see the allocation its OOM notifier made"
	echo "ok: control: an allocation inside out_of_memory() is seen ($(cat $spy/seen))"
	rmmod alloc_spy
	load alloc_spy target=oomtrace during=oom
	load oomtrace
	log_mark
	storm_start=$(date +%s)
}

# round CGROUP|-: one memhog until the OOM killer kills it, in CGROUP or
# in the root. An OOM within 1 s of a report counts as a repeat of it, so
# the next round starts after that.
round() {
	if [ "$1" = - ]; then hog_start 0; else hog_start_in "$1" 0; fi
	hog_killed >/dev/null
	sleep 1.1
}

# storm_check KILLS: every kill had its report, numbered 1..N without a
# gap; every out_of_memory() call was reported or counted as a repeat; no
# allocation from oomtrace's code inside out_of_memory().
storm_check() {
	local kills=$1 reports repeats
	echo "ok: $kills OOMs in $(($(date +%s) - storm_start)) s"
	log_since_mark >/tmp/log
	expect_eq "memhogs the OOM killer killed" "$kills" \
		"$(grep -cE 'Killed process [0-9]+ \(memhog\)' /tmp/log)"
	sed -nE 's/.*oomtrace: OOM #([0-9]+): .*/\1/p' /tmp/log >/tmp/seqs
	reports=$(wc -l </tmp/seqs)
	[ "$reports" -ge "$kills" ] || fail "$reports oomtrace reports for $kills OOM kills"
	expect_eq "reports numbered without a gap" "$(seq 1 "$reports" | tr '\n' ' ')" \
		"$(tr '\n' ' ' </tmp/seqs)"
	repeats=$(awk '$1 == "oom_repeats_not_reported" { print $2 }' $OT/stats)
	expect_eq "out_of_memory() calls, each reported ($reports) or a repeat ($repeats)" \
		"$(cat $spy/ooms)" $((reports + repeats))
	expect_eq "the oom file's newest report" "$reports" \
		"$(awk '$1 == "report" { s = $2 } END { print s }' $OT/oom)"
	expect_eq "allocations from oomtrace's code inside out_of_memory()" 0 "$(cat $spy/seen)"
	expect_eq "spy probe instances missed" 0 "$(cat $spy/missed)"
	rmmod oomtrace
	rmmod alloc_spy
}
