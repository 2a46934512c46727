# kernels: stock debug
# Load and unload while skbs are allocated, transmitted and freed on
# several CPUs: probes are gone before the tables they write are freed.
no_ipv6_chatter
load fixture_nic mode=ok,slow
ip link set fxnic0 up
ip link set fxnic1 up
(while echo 300 >/sys/module/fixture_nic/parameters/tx_burst; do :; done) 2>/dev/null &
gen=$!
(while ping -c 20 -i 0.01 -q 127.0.0.1 >/dev/null; do :; done) &
pinger=$!
for i in 1 2 3 4 5; do
	load oomtrace
	sleep 0.3
	cat $OT/report >/dev/null
	rmmod oomtrace
done
kill $gen $pinger
wait 2>/dev/null
rmmod fixture_nic
