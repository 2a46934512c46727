# kernels: stock debug deb11-5.10 deb12-6.12
# nic: e1000
# e1000 on QEMU's user network: transmits complete and drain, no false
# stuck verdict, and a link cut mid-burst drains the ring (the driver's
# watchdog resets the adapter to flush TX work it can no longer send).
nic_driver=e1000
. /tests/nic-lib.sh
