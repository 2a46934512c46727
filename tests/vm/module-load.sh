# kernels: stock debug distro
# oomtrace loads, creates its debugfs directory, logs its report at every OOM
# (sysrq-f runs the global OOM path), keeps those reports for the `oom`
# file, and unloads leaving nothing behind and nothing else in the log.
dir=/sys/kernel/debug/oomtrace

log_mark
load oomtrace
[ -d $dir ] || fail "$dir missing after load"
[ -f $dir/oom ] || fail "$dir/oom missing after load"
head -n1 $dir/oom >/tmp/header
expect_match "oom file header" '^# oomtrace-oom v1: ' /tmp/header
expect_eq "reports before any OOM" 0 "$(grep -c '^report ' $dir/oom || true)"
rmmod oomtrace
[ ! -e $dir ] || fail "$dir still present after unload"
log_since_mark >/tmp/loadlog
cat /tmp/loadlog
expect_eq "kernel log lines not from oomtrace during load/unload" 0 \
	"$(grep -vc '^\[ *[0-9.]*\] oomtrace: ' /tmp/loadlog || true)"
expect_match "load line" 'oomtrace: loaded: tracking up to [0-9]+ objects' /tmp/loadlog
expect_match "unload line" 'oomtrace: unloaded$' /tmp/loadlog

load oomtrace
for n in 1 2; do
	log_mark
	sysrq_oom
	log_since_mark >/tmp/oomlog
	expect_eq "oomtrace lines at OOM $n" 1 "$(grep -c 'oomtrace: OOM #' /tmp/oomlog)"
	expect_match "OOM $n line" "oomtrace: OOM #$n: sysrq-f \\(manual\\), panic_on_oom 0" /tmp/oomlog
	# The kernel's own OOM report must come after ours: we run first.
	ours=$(grep -n 'oomtrace: OOM #' /tmp/oomlog | cut -d: -f1)
	theirs=$(grep -n 'invoked oom-killer' /tmp/oomlog | head -n1 | cut -d: -f1)
	[ -n "$theirs" ] || fail "sysrq-f did not run the OOM killer"
	[ "$ours" -lt "$theirs" ] || fail "oomtrace's line came after the kernel's OOM report"
done
cat $dir/oom
expect_eq "reports kept" 2 "$(grep -c '^report ' $dir/oom)"
expect_eq "report sequence" "1 2" "$(grep '^report ' $dir/oom | cut -d' ' -f2 | xargs)"
expect_match "kept text" '^OOM #2: sysrq-f' $dir/oom
rmmod oomtrace
