# kernels: stock debug
d=/sys/kernel/debug/oomtrace
load oomtrace
cat $d/probes
ping -c 3 -i 0.2 127.0.0.1 >/dev/null
cat $d/report
cat $d/callsites
cat $d/stats
echo f > /proc/sysrq-trigger
cat $d/oom
echo bogus > $d/control && fail "bogus accepted"
echo reset > $d/control
cat $d/stats
rmmod oomtrace
