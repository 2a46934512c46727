# SPDX-License-Identifier: GPL-2.0
# kernels: none
# Not a test: helpers for the replay-*.sh tests, which source it after
# lib.sh. A replay reproduces one incident's mechanism in the VM up to a
# real OOM and checks what oomtrace's report at that OOM names.
#
# The test shell and everything it starts run with oom_score_adj -1000,
# so the only process the OOM killer may pick is the memhog started here.
. /tests/verdicts-lib.sh

# hog_start MiB [STEP_MiB]: memhog in the background with an ordinary
# oom_score_adj (0). MiB 0: until it is killed. Sets $hog.
hog_start() {
	sh -c 'echo 0 >/proc/self/oom_score_adj && exec memhog "$@"' \
		memhog "$@" >/tmp/hog.out 2>&1 &
	hog=$!
}

# hog_start_in CGROUP MiB [STEP_MiB]: the same, inside cgroup v2 CGROUP.
hog_start_in() {
	sh -c 'echo $$ >"$1/cgroup.procs" && echo 0 >/proc/self/oom_score_adj &&
		shift && exec memhog "$@"' memhog "$@" >/tmp/hog.out 2>&1 &
	hog=$!
}

# hog_killed: wait for memhog to die; it must have been sent SIGKILL, as
# the OOM killer does (exit status 128 + 9).
hog_killed() {
	local rc=0
	wait "$hog" || rc=$?
	[ "$rc" = 137 ] || fail "memhog (pid $hog) exited $rc, not killed by the OOM killer"
	echo "ok: memhog (pid $hog) was killed"
}

# meminfo FIELD: a /proc/meminfo value in kB.
meminfo() {
	awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo
}

# oom_report: the kernel log since log_mark into /tmp/log, and oomtrace's
# report for the first OOM in it, time stamps stripped, into /tmp/ours
# (also printed). Later reports (an OOM that raced the first victim's
# exit) are left out.
oom_report() {
	log_since_mark >/tmp/log
	sed -n 's/^\[ *[0-9.]*\] //; /^oomtrace: /p' /tmp/log |
		awk '/^oomtrace: OOM #/ { n++ } n == 1' >/tmp/ours
	echo "--- oomtrace at the first OOM:"
	cat /tmp/ours
}

# expect_no_match WHAT REGEX FILE
expect_no_match() {
	! grep -Eq "$2" "$3" || { grep -E "$2" "$3"; fail "$1: a line matches /$2/"; }
	echo "ok: $1"
}

# field REGEX FILE: the first parenthesized group of sed -E REGEX (which
# must not contain '|') in the first line of FILE that matches it.
field() {
	sed -nE "s|.*$1.*|\\1|p" "$2" | head -n1
}

# expect_ge WHAT MIN GOT
expect_ge() {
	[ -n "$3" ] && [ "$3" -ge "$2" ] || fail "$1: want at least $2, got '$3'"
	echo "ok: $1 = $3 (>= $2)"
}

# expect_oom_common TRIGGER: what every replay of a global or memcg OOM
# with one memhog victim shows: one bounded oomtrace report for this OOM,
# the kernel's own kill of memhog, and the victim kept in the oom file.
expect_oom_common() {
	local n
	n=$(wc -l </tmp/ours)
	[ "$n" -ge 3 ] && [ "$n" -le 25 ] || fail "OOM report has $n lines"
	expect_match "the report for a $1" "^oomtrace: OOM #1: $1, gfp " /tmp/ours
	expect_match "the kernel killed memhog" "Killed process $hog \\(memhog\\)" /tmp/log
	expect_eq "victim in the oom file" "$hog" \
		"$(awk '$1 == "report" && $2 == 1 { print $5 }' $OT/oom)"
	expect_reader_agrees
}

# expect_reader_agrees: `oomtrace explain` on the kernel's own report of
# this OOM names a cause that oomtrace's verdicts at the same OOM name
# too. The two judge from different evidence (the kernel's report; the
# module's counters) by the same thresholds (module/format.h). What only
# the module can see (a stuck device, a callsite) comes on top of these
# causes, not instead of them.
expect_reader_agrees() {
	command -v oomtrace >/dev/null || fail "no oomtrace reader in the initramfs"
	reader_agrees oomtrace /tmp/log /tmp/ours || fail "the reader and the module disagree"
}
