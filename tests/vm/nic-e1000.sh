# kernels: stock debug deb11-5.10 deb12-6.12
# nic: e1000
# e1000 notices a lost link at its next watchdog run (every 2 s); if the
# stack's own TX watchdog runs out first (queue stopped for 5 s, sooner
# reached on a slow emulator) the kernel reports a transmit timeout and
# e1000 resets the adapter: the same flush, and what a board would log.
# allow: WARNING: .* at net/sched/sch_generic.c:[0-9]+ dev_watchdog
# e1000 on QEMU's user network: transmits complete and drain, no false
# stuck verdict, and a link cut mid-burst drains the ring (the driver's
# watchdog resets the adapter to flush TX work it can no longer send).
nic_driver=e1000
. /tests/nic-lib.sh
