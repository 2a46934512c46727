// SPDX-License-Identifier: GPL-2.0
/*
 * Device lifecycle: a device that unregisters gives its slot in the
 * device table back. Without this, boards that create and destroy
 * devices (containers' veth pairs, USB gadgets) fill the table and stop
 * seeing new devices. Link changes are noted so that TX held while the
 * carrier is down is not called a stuck driver.
 */
#include <linux/netdevice.h>
#include <linux/notifier.h>

#include "oomtrace.h"
#include "state.h"

static int ot_netdev_event(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	/* Called with RTNL held; nothing under ot_state_mutex takes RTNL. */
	switch (event) {
	case NETDEV_UNREGISTER:
		mutex_lock(&ot_state_mutex);
		ot_forget_netdev(netdev_notifier_info_to_dev(ptr));
		mutex_unlock(&ot_state_mutex);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:	/* carrier on or off, from the link watcher */
		ot_note_netdev_link(netdev_notifier_info_to_dev(ptr));
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block ot_netdev_nb = {
	.notifier_call = ot_netdev_event,
};

int ot_netdev_events_init(void)
{
	return register_netdevice_notifier(&ot_netdev_nb);
}

void ot_netdev_events_exit(void)
{
	unregister_netdevice_notifier(&ot_netdev_nb);
}
