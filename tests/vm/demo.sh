# kernels: stock
# What `make demo` shows (incident I2): a NIC whose driver accepts every
# skb and never completes one, link up, traffic flowing. oomtrace names
# the device, the in-flight count and age, and the function that
# allocated the skbs. Also a test: it fails if the report stops saying so.
no_ipv6_chatter
load oomtrace stuck_ms=2000 interval_ms=500
load fixture_nic mode=stuck,ok
ip link set fxnic0 up
ip link set fxnic1 up
for i in 1 2 3 4; do
	echo 'fxnic0 40' >/sys/module/fixture_nic/parameters/tx_burst
	echo 'fxnic1 40' >/sys/module/fixture_nic/parameters/tx_burst
	sleep 0.7
done
echo "=== cat /sys/kernel/debug/oomtrace/report"
cat $OT/report
echo "=== cat /sys/kernel/debug/oomtrace/netdev"
cat $OT/netdev
echo "=== end"
expect_match "stuck device named" "verdict: TX stuck on fxnic0: 160 skbs" $OT/report
expect_match "allocating function named" "fixture_nic_gen_skb" $OT/report
rmmod fixture_nic
rmmod oomtrace
