# kernels: stock debug distro
# nic: virtio-net
# virtio-net on QEMU's user network: transmits complete and drain, no
# false stuck verdict, and a link cut mid-burst: the ring given back, or
# held and shown as link-down (never stuck) while the link is down.
nic_driver=virtio_net
nic_modules="virtio_pci virtio_net"
. /tests/nic-lib.sh
