# kernels: stock distro
# mem: 384
# timeout: 120
# 384 MiB: 16 KiB-page arm64 itself takes ~100 MiB of a small guest. 2 MiB
# hugepages on every kernel: arm64's default with 16 or 64 KiB pages
# is 32 MiB or 512 MiB, too big to reserve in a 256 MiB guest.
# append: default_hugepagesz=2M
# Incident I7: most of RAM is reserved as hugepages that nothing uses
# (hugepages_free == hugepages_total), so an ordinary process runs the
# machine out of memory with half of it sitting in the hugepage pool. The
# report must say how much is reserved as hugepages and that it is unused.
. /tests/replay-lib.sh
total=$(meminfo MemTotal)
size=$(meminfo Hugepagesize)
want=$((total * 55 / 100 / size))
echo "$want" >/proc/sys/vm/nr_hugepages
got=$(meminfo HugePages_Total)
echo "reserved $got of $want hugepages of $size kB"
# The pool may come up short if memory is fragmented; it must be a big
# share of RAM all the same, or this is not the incident.
expect_ge "hugepages reserved" $((want * 9 / 10)) "$got"
load oomtrace
log_mark
hog_start 0
hog_killed
oom_report
expect_oom_common "global OOM"
mib=$((got * size / 1024))
pct=$((got * size * 100 / total))
expect_match "hugepage verdict" \
	"^oomtrace: verdict: hugepages: $mib MiB reserved \\($pct% of RAM\\), $mib MiB of it unused$" /tmp/ours
expect_match "memory line shows the pool" \
	"^oomtrace: memory: .*hugepages $((got * size)) kB \\($((got * size)) kB free\\)" /tmp/ours
expect_no_match "no leak verdict" \
	'verdict: (outstanding|page_frag|TX stuck|[0-9]+ MiB .*accounted to no slab)' /tmp/ours
expect_eq "the pool is still unused" "$got" "$(meminfo HugePages_Free)"
rmmod oomtrace
echo 0 >/proc/sys/vm/nr_hugepages
