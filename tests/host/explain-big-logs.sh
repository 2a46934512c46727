#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# explain-big-logs.sh READER FIXTURE
# `oomtrace explain` on 100 MB inputs, as a fleet's log collector may hand
# it: a log with many OOM reports in link noise, one report whose task
# list goes on for a million rows, and one line of 100 MB without a
# newline. Each must be read in bounded memory (under 64 MiB resident),
# every report must be explained, and what is past a limit must be said,
# not dropped in silence. The time each took is printed, not asserted.
set -euo pipefail
reader=${1:?usage: explain-big-logs.sh READER FIXTURE}
fixture=${2:?usage: explain-big-logs.sh READER FIXTURE}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
limit_kb=65536

python3 - "$fixture" "$work" <<'PY'
import sys
fixture, work = sys.argv[1], sys.argv[2]
src = open(fixture).read()
target = 100 * 1024 * 1024
noise = "".join("[%d.000000] eth0: rx ring %d refill ok %s\n" % (i, i, "x" * 80)
                for i in range(1000))
with open(work + "/many.log", "w") as f:
    size = i = 0
    while size < target:
        if i % 20 == 0:
            f.write(src); size += len(src)
        f.write(noise); size += len(noise); i += 1
lines = src.splitlines(True)
head = next(n for n, l in enumerate(lines) if "pid" in l and "tgid" in l and "uid" in l)
row = "[ 8812.345300] [%7d]  1000 %7d   123456    12345   102400        0             0 worker%d\n"
with open(work + "/tasks.log", "w") as f:
    f.writelines(lines[:head + 1])
    size = n = 0
    while size < target:
        s = row % (n + 100, n + 100, n); f.write(s); size += len(s); n += 1
    f.writelines(lines[head + 1:])
with open(work + "/oneline.log", "w") as f:
    f.write("y" * target)
PY

# run NAME EXPECTED_EXIT: explain NAME.log; RSS and time into the log.
run() {
	local rc=0
	/usr/bin/time -f '%M %e' -o "$work/$1.time" "$reader" explain "$work/$1.log" \
		>"$work/$1.out" 2>"$work/$1.err" || rc=$?
	[ "$rc" = "$2" ] || { tail -n 5 "$work/$1.err"; fail "$1: exit $rc, want $2"; }
	# (GNU time puts "Command exited with non-zero status" first)
	read -r rss secs < <(tail -n 1 "$work/$1.time")
	[ "$rss" -lt $limit_kb ] || fail "$1: $rss kB resident, want under $limit_kb"
	echo "ok: $1.log ($(($(stat -c %s "$work/$1.log") >> 20)) MiB): exit $rc, $rss kB resident, $secs s"
}

run many 0
want=$(grep -c 'invoked oom-killer' "$work/many.log")
got=$(grep -c '^OOM report [0-9]* of ' "$work/many.out")
[ "$got" = "$want" ] || fail "many: $got reports explained of $want"
echo "ok: all $want reports explained"

run tasks 0
grep -q '^               200000 tasks listed' "$work/tasks.out" || fail "tasks: no '200000 tasks listed'"
grep -Eq '^ +[0-9]+ more tasks not read \(the reader keeps 200000\)' "$work/tasks.out" ||
	{ grep -A2 'tasks listed' "$work/tasks.out"; fail "tasks: the rows past the limit are not mentioned"; }
grep -q '^verdict: ' "$work/tasks.out" || fail "tasks: no verdict"
echo "ok: the task list past 200000 rows is cut and says so"

run oneline 1
grep -qx "oomtrace: no OOM report found in $work/oneline.log" "$work/oneline.err" ||
	{ cat "$work/oneline.err"; fail "oneline: message"; }
echo "ok: a 100 MiB line is read in bounded memory and found to hold no report"
