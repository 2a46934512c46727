# kernels: stock debug distro
# 2 MiB hugepages: arm64's default with 64 KiB pages is 512 MiB.
# append: default_hugepagesz=2M
# vm.panic_on_oom and the hugepage pools are read from /proc in process
# context (no data symbol from kallsyms: most arm64 and vendor kernels
# lack CONFIG_KALLSYMS_ALL). The report follows a changed sysctl within
# one interval, and where /proc cannot be read it says "unknown", warns
# once at load, and never prints a made-up number.

# Known: the policy line and the OOM line follow the sysctl.
load oomtrace interval_ms=200
expect_match "policy line" '^policy: panic_on_oom 0 \(read [0-9]+s ago\)$' $OT/report
echo 1 >/proc/sys/vm/panic_on_oom
sleep 1
expect_match "policy follows the sysctl" '^policy: panic_on_oom 1 ' $OT/report
echo 0 >/proc/sys/vm/panic_on_oom
echo 3 >/proc/sys/vm/nr_hugepages
sleep 1
size=$(awk '$1 == "Hugepagesize:" {print $2}' /proc/meminfo)
expect_match "hugepage pool from /proc/meminfo" \
	"^memory: .*hugepages $((3 * size)) kB \\($((3 * size)) kB free\\)" $OT/report
echo 0 >/proc/sys/vm/nr_hugepages
sleep 1
log_mark
sysrq_oom
log_since_mark | grep 'oomtrace: ' >/tmp/ours
cat /tmp/ours
expect_match "OOM line says the policy" 'oomtrace: OOM #1: sysrq-f \(manual\), panic_on_oom 0$' /tmp/ours
expect_match "OOM memory line has the pool" 'oomtrace: memory: .*hugepages 0 kB \(0 kB free\)' /tmp/ours
rmmod oomtrace

# Unknown: loaded while /proc is not mounted; the sampler does not come
# round again before the OOM (interval 10 min).
log_mark
umount /proc
rc=0
insmod /modules/oomtrace.ko interval_ms=600000 || rc=$?
mount -t proc proc /proc
[ $rc = 0 ] || fail "insmod without /proc failed"
log_since_mark >/tmp/load
cat /tmp/load
expect_match "load says panic_on_oom is unknown and why" \
	'oomtrace: panic_on_oom will be reported as unknown: cannot read /proc/sys/vm/panic_on_oom \(-2\)' /tmp/load
expect_match "load says the pools are unknown and why" \
	'oomtrace: hugepage pools will be reported as unknown: cannot read /proc/meminfo \(-2\)' /tmp/load
expect_eq "said once each" 2 "$(grep -c 'will be reported as unknown' /tmp/load)"
expect_match "policy line unknown" '^policy: panic_on_oom unknown ' $OT/report
expect_match "memory line unknown" '^memory: .*hugepages unknown, ' $OT/report
log_mark
sysrq_oom
log_since_mark | grep 'oomtrace: ' >/tmp/ours
cat /tmp/ours
expect_match "OOM line unknown" 'oomtrace: OOM #1: sysrq-f \(manual\), panic_on_oom unknown$' /tmp/ours
expect_match "OOM memory line unknown" 'oomtrace: memory: .*hugepages unknown, ' /tmp/ours
if grep -q 'panic_on_oom -1' /tmp/ours $OT/report; then
	fail "a made-up panic_on_oom value"
fi
rmmod oomtrace
