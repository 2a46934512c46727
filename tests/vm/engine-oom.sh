# kernels: stock debug distro
# At an OOM the report (at most 25 lines, all prefixed) names the top
# callsite, and the `oom` file keeps it.
load oomtrace
load fixture_skb_leak count=300 size=4000
log_mark
sysrq_oom
log_since_mark >/tmp/log
grep 'oomtrace: ' /tmp/log >/tmp/ours
cat /tmp/ours
n=$(wc -l </tmp/ours)
[ "$n" -ge 3 ] && [ "$n" -le 25 ] || fail "OOM report has $n lines"
expect_match "trigger line" 'oomtrace: OOM #1: sysrq-f \(manual\), panic_on_oom 0' /tmp/ours
expect_match "memory line" 'oomtrace: memory: total [0-9]+ kB, free [0-9]+ kB' /tmp/ours
expect_match "top callsite" 'oomtrace: top 1: fixture_skb_leak_alloc\+0x[0-9a-f]+/0x[0-9a-f]+ \[fixture_skb_leak\] [0-9]+ kB in 300 skb' /tmp/ours
cat $OT/oom
expect_match "kept in the oom file" '^top 1: fixture_skb_leak_alloc' $OT/oom
rmmod fixture_skb_leak
rmmod oomtrace
