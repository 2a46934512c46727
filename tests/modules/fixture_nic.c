// SPDX-License-Identifier: GPL-2.0
/*
 * Incidents I2 and I3: ethernet devices whose TX completions never come,
 * or come slower than the stack transmits. `mode` is a comma list with one
 * entry per device, named from `ifname`:
 *
 *   stuck  fixture_nic_start_xmit() accepts and queues every skb and never
 *          completes one; carrier stays on (I2: NIC without SFP module).
 *   slow   an hrtimer calls fixture_nic_tx_clean() every `tick_ms` to
 *          complete up to `completions_per_tick` skbs; at `queue_limit`
 *          queued the queue stops and wakes once below it (I3: DPAA egress
 *          congestion, a bounded backlog that keeps completing).
 *   ok     completes every skb at once, through fixture_nic_tx_clean().
 *
 * fixture_nic_tx_clean(dev, budget) is the only completion routine: a
 * tracer can kprobe it by name, its first argument is the net_device.
 *
 * Traffic. With a full userspace:
 *   ip link set fxnic0 up
 *   ip addr add 10.99.0.1/24 dev fxnic0
 *   ip neigh add 10.99.0.2 lladdr 02:00:00:00:00:02 dev fxnic0
 *   then send UDP to 10.99.0.2.
 * The test VM has only busybox, so the module also makes its own: after
 * "ip link set fxnic0 up", writing N (or "fxnic0 N") to tx_burst builds N
 * UDP frames 10.99.0.1 -> 10.99.0.2 in fixture_nic_gen_skb() and sends
 * them with dev_queue_xmit() on every device (or the one named), through
 * the qdisc like any other traffic. `status` shows what each device holds.
 *
 * Once a device is up the kernel sends a few IPv6 packets of its own on it
 * (MLD, router solicitation), which a stuck device keeps like any other;
 * for exact counts run
 *   echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
 * before loading. IFF_NOARP keeps ARP off the wire.
 */
#include <linux/etherdevice.h>
#include <linux/hrtimer.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/ip.h>

#include "fixture.h"

#define FIXTURE_NIC_MAX_DEVS 8
/* UDP payload that fills a 1500-byte MTU. */
#define FIXTURE_NIC_MAX_PAYLOAD \
	(ETH_DATA_LEN - sizeof(struct iphdr) - sizeof(struct udphdr))
#define FIXTURE_NIC_SRC_IP 0x0a630001 /* 10.99.0.1 */
#define FIXTURE_NIC_DST_IP 0x0a630002 /* 10.99.0.2 */
#define FIXTURE_NIC_UDP_PORT 9 /* discard */

enum fixture_nic_mode {
	FIXTURE_NIC_STUCK,
	FIXTURE_NIC_SLOW,
	FIXTURE_NIC_OK,
};

static const char * const fixture_nic_mode_names[] = {
	[FIXTURE_NIC_STUCK] = "stuck",
	[FIXTURE_NIC_SLOW] = "slow",
	[FIXTURE_NIC_OK] = "ok",
};

static const u8 fixture_nic_peer_mac[ETH_ALEN] __aligned(2) = {
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02
};

struct fixture_nic_priv {
	struct net_device *dev;
	enum fixture_nic_mode mode;
	/* Accepted, not yet completed. Its lock also covers the counters. */
	struct sk_buff_head txq;
	struct hrtimer clean_timer;
	u64 xmit;
	u64 completed;
	u64 dropped;
	u64 stops;
};

/* What the driver keeps in skb->cb, which is its own once xmit is called. */
struct fixture_nic_skb_cb {
	u64 queued_ns;
};

#define FIXTURE_NIC_CB(skb) ((struct fixture_nic_skb_cb *)(skb)->cb)

static char fixture_nic_ifname[IFNAMSIZ] = "fxnic%d";
static int fixture_nic_modes[FIXTURE_NIC_MAX_DEVS] = { FIXTURE_NIC_STUCK };
static unsigned int fixture_nic_nmodes = 1;
static unsigned int fixture_nic_queue_limit = 256;
static unsigned int fixture_nic_completions_per_tick = 8;
static unsigned int fixture_nic_tick_ms = 10;
static unsigned int fixture_nic_tx_payload = FIXTURE_NIC_MAX_PAYLOAD;

/* Serializes the sysfs triggers against registration and unregistration. */
static DEFINE_MUTEX(fixture_nic_lock);
static struct net_device *fixture_nic_devs[FIXTURE_NIC_MAX_DEVS];
static unsigned int fixture_nic_ndevs;

module_param_string(ifname, fixture_nic_ifname, IFNAMSIZ, 0444);
MODULE_PARM_DESC(ifname, "device name template (default fxnic%d)");

static int fixture_nic_mode_set(const char *val, const struct kernel_param *kp)
{
	int modes[FIXTURE_NIC_MAX_DEVS];
	char buf[64], *s, *tok;
	unsigned int n = 0;
	int m;

	if (strscpy(buf, val, sizeof(buf)) < 0)
		goto bad;
	s = strim(buf);
	while ((tok = strsep(&s, ","))) {
		m = match_string(fixture_nic_mode_names,
				 ARRAY_SIZE(fixture_nic_mode_names), strim(tok));
		if (m < 0 || n == FIXTURE_NIC_MAX_DEVS)
			goto bad;
		modes[n++] = m;
	}
	memcpy(fixture_nic_modes, modes, n * sizeof(modes[0]));
	fixture_nic_nmodes = n;
	return 0;

bad:
	pr_err("mode: '%.*s' is not a comma list of up to %d of stuck, slow, ok\n",
	       (int)strcspn(val, "\n"), val, FIXTURE_NIC_MAX_DEVS);
	return -EINVAL;
}

static int fixture_nic_mode_get(char *buf, const struct kernel_param *kp)
{
	unsigned int i;
	int len = 0;

	for (i = 0; i < fixture_nic_nmodes; i++)
		len += sysfs_emit_at(buf, len, "%s%s", i ? "," : "",
				     fixture_nic_mode_names[fixture_nic_modes[i]]);
	return len + sysfs_emit_at(buf, len, "\n");
}

static const struct kernel_param_ops fixture_nic_mode_ops = {
	.set = fixture_nic_mode_set,
	.get = fixture_nic_mode_get,
};
module_param_cb(mode, &fixture_nic_mode_ops, NULL, 0444);
MODULE_PARM_DESC(mode, "one of stuck, slow, ok per device, comma separated (default stuck)");

static const struct kernel_param_ops fixture_nic_count_ops = {
	.set = fixture_count_set,
	.get = param_get_uint,
};
module_param_cb(queue_limit, &fixture_nic_count_ops, &fixture_nic_queue_limit,
		0444);
MODULE_PARM_DESC(queue_limit, "slow: queued skbs at which the queue stops (default 256)");
module_param_cb(completions_per_tick, &fixture_nic_count_ops,
		&fixture_nic_completions_per_tick, 0444);
MODULE_PARM_DESC(completions_per_tick, "slow: skbs completed per tick (default 8)");
module_param_cb(tick_ms, &fixture_nic_count_ops, &fixture_nic_tick_ms, 0444);
MODULE_PARM_DESC(tick_ms, "slow: milliseconds between completion ticks (default 10)");

static int fixture_nic_payload_set(const char *val,
				   const struct kernel_param *kp)
{
	return fixture_parse_count(kp->name, val, FIXTURE_NIC_MAX_PAYLOAD,
				   kp->arg);
}

static const struct kernel_param_ops fixture_nic_payload_ops = {
	.set = fixture_nic_payload_set,
	.get = param_get_uint,
};
module_param_cb(tx_payload, &fixture_nic_payload_ops, &fixture_nic_tx_payload,
		0444);
MODULE_PARM_DESC(tx_payload, "tx_burst: UDP payload bytes per frame (1-1472, default 1472)");

/*
 * The completion routine, the one place skbs leave the driver. Frees
 * outside the queue lock: a free can run a destructor that transmits.
 */
static noinline __noclone unsigned int
fixture_nic_tx_clean(struct net_device *dev, unsigned int budget)
{
	struct fixture_nic_priv *priv = netdev_priv(dev);
	struct sk_buff_head done;
	struct sk_buff *skb;
	unsigned long flags;
	unsigned int n = 0;

	__skb_queue_head_init(&done);
	spin_lock_irqsave(&priv->txq.lock, flags);
	while (n < budget && (skb = __skb_dequeue(&priv->txq))) {
		dev->stats.tx_packets++;
		dev->stats.tx_bytes += skb->len;
		__skb_queue_tail(&done, skb);
		n++;
	}
	priv->completed += n;
	/* Under the lock, so a stop in xmit cannot slip in after this check. */
	if (netif_queue_stopped(dev) &&
	    skb_queue_len(&priv->txq) < fixture_nic_queue_limit)
		netif_wake_queue(dev);
	spin_unlock_irqrestore(&priv->txq.lock, flags);

	while ((skb = __skb_dequeue(&done)))
		dev_consume_skb_any(skb);
	return n;
}

static netdev_tx_t fixture_nic_start_xmit(struct sk_buff *skb,
					  struct net_device *dev)
{
	struct fixture_nic_priv *priv = netdev_priv(dev);
	unsigned long flags;

	FIXTURE_NIC_CB(skb)->queued_ns = ktime_get_ns();
	/* irqsave: netpoll transmits with interrupts off. */
	spin_lock_irqsave(&priv->txq.lock, flags);
	__skb_queue_tail(&priv->txq, skb);
	priv->xmit++;
	if (priv->mode == FIXTURE_NIC_SLOW &&
	    skb_queue_len(&priv->txq) >= fixture_nic_queue_limit) {
		netif_stop_queue(dev);
		priv->stops++;
	}
	spin_unlock_irqrestore(&priv->txq.lock, flags);

	if (priv->mode == FIXTURE_NIC_OK)
		fixture_nic_tx_clean(dev, UINT_MAX);
	return NETDEV_TX_OK;
}

/* Softirq context, like the NAPI poll that completes TX on real hardware. */
static enum hrtimer_restart fixture_nic_clean_timer(struct hrtimer *timer)
{
	struct fixture_nic_priv *priv =
		container_of(timer, struct fixture_nic_priv, clean_timer);

	fixture_nic_tx_clean(priv->dev, fixture_nic_completions_per_tick);
	hrtimer_forward_now(timer, ms_to_ktime(fixture_nic_tick_ms));
	return HRTIMER_RESTART;
}

static int fixture_nic_open(struct net_device *dev)
{
	struct fixture_nic_priv *priv = netdev_priv(dev);

	netif_carrier_on(dev);
	netif_start_queue(dev);
	if (priv->mode == FIXTURE_NIC_SLOW)
		hrtimer_start(&priv->clean_timer,
			      ms_to_ktime(fixture_nic_tick_ms),
			      HRTIMER_MODE_REL_SOFT);
	return 0;
}

/*
 * The stack has already stopped calling xmit; once the timer is gone too
 * nothing else touches the queue, and what is left is dropped, as a driver
 * frees its TX ring on close. This is also what frees it all at unload.
 */
static int fixture_nic_stop(struct net_device *dev)
{
	struct fixture_nic_priv *priv = netdev_priv(dev);
	struct sk_buff_head dropped;
	struct sk_buff *skb;
	unsigned long flags;

	hrtimer_cancel(&priv->clean_timer);
	netif_stop_queue(dev);
	netif_carrier_off(dev);

	__skb_queue_head_init(&dropped);
	spin_lock_irqsave(&priv->txq.lock, flags);
	skb_queue_splice_init(&priv->txq, &dropped);
	priv->dropped += skb_queue_len(&dropped);
	dev->stats.tx_dropped += skb_queue_len(&dropped);
	spin_unlock_irqrestore(&priv->txq.lock, flags);

	while ((skb = __skb_dequeue(&dropped)))
		dev_kfree_skb_any(skb);
	return 0;
}

static const struct net_device_ops fixture_nic_netdev_ops = {
	.ndo_open = fixture_nic_open,
	.ndo_stop = fixture_nic_stop,
	.ndo_start_xmit = fixture_nic_start_xmit,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

/* What alloc_etherdev() does, plus our ops and no ARP. */
static void fixture_nic_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &fixture_nic_netdev_ops;
	dev->flags |= IFF_NOARP;
	eth_hw_addr_random(dev);
}

/*
 * The traffic source's allocation callsite: one UDP frame per call, with
 * headers filled in after alloc_skb() returns, so it is never a tail call.
 */
static noinline __noclone struct sk_buff *
fixture_nic_gen_skb(struct net_device *dev, unsigned int payload)
{
	unsigned int l4len = sizeof(struct udphdr) + payload;
	unsigned int l3len = sizeof(struct iphdr) + l4len;
	struct sk_buff *skb;
	struct udphdr *udph;
	struct ethhdr *eth;
	struct iphdr *iph;

	skb = alloc_skb(NET_IP_ALIGN + ETH_HLEN + l3len, GFP_KERNEL);
	if (!skb)
		return NULL;
	skb_reserve(skb, NET_IP_ALIGN);

	skb_reset_mac_header(skb);
	eth = skb_put(skb, ETH_HLEN);
	ether_addr_copy(eth->h_dest, fixture_nic_peer_mac);
	ether_addr_copy(eth->h_source, dev->dev_addr);
	eth->h_proto = htons(ETH_P_IP);

	skb_set_network_header(skb, skb->len);
	iph = skb_put_zero(skb, sizeof(*iph));
	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->tot_len = htons(l3len);
	iph->frag_off = htons(IP_DF);
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = htonl(FIXTURE_NIC_SRC_IP);
	iph->daddr = htonl(FIXTURE_NIC_DST_IP);
	ip_send_check(iph);

	skb_set_transport_header(skb, skb->len);
	udph = skb_put_zero(skb, sizeof(*udph));
	udph->source = htons(FIXTURE_NIC_UDP_PORT);
	udph->dest = htons(FIXTURE_NIC_UDP_PORT);
	udph->len = htons(l4len);
	/* A zero UDP checksum means "none" in IPv4. */
	skb_put_zero(skb, payload);

	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	return skb;
}

static int fixture_nic_send(struct net_device *dev, unsigned int count)
{
	unsigned int i, accepted = 0, refused = 0;
	struct sk_buff *skb;
	int err = 0;

	for (i = 0; i < count; i++) {
		skb = fixture_nic_gen_skb(dev, fixture_nic_tx_payload);
		if (!skb) {
			err = -ENOMEM;
			break;
		}
		/* Anything but success means the qdisc dropped the frame. */
		if (dev_queue_xmit(skb) == NET_XMIT_SUCCESS)
			accepted++;
		else
			refused++;
		cond_resched();
	}
	pr_info("tx_burst: %s: %u of %u frames from fixture_nic_gen_skb, %u accepted, %u dropped by the stack\n",
		dev->name, i, count, accepted, refused);
	return err;
}

static int fixture_nic_tx_burst_set(const char *val,
				    const struct kernel_param *kp)
{
	char buf[IFNAMSIZ + 16], *name = NULL, *num, *sp;
	unsigned int i, count, matched = 0;
	struct net_device *dev;
	int err, ret = 0;

	if (strscpy(buf, val, sizeof(buf)) < 0) {
		pr_err("tx_burst: want N or \"IFNAME N\"\n");
		return -EINVAL;
	}
	num = strim(buf);
	sp = strchr(num, ' ');
	if (sp) {
		*sp = '\0';
		name = num;
		num = skip_spaces(sp + 1);
	}
	err = fixture_parse_count(kp->name, num, FIXTURE_COUNT_MAX, &count);
	if (err)
		return err;

	mutex_lock(&fixture_nic_lock);
	for (i = 0; i < fixture_nic_ndevs; i++) {
		dev = fixture_nic_devs[i];
		if (name && strcmp(name, dev->name))
			continue;
		matched++;
		if (!netif_running(dev)) {
			pr_err("tx_burst: %s is down: ip link set %s up\n",
			       dev->name, dev->name);
			ret = -ENETDOWN;
			continue;
		}
		err = fixture_nic_send(dev, count);
		if (err)
			ret = err;
	}
	mutex_unlock(&fixture_nic_lock);

	if (!matched) {
		pr_err("tx_burst: no device%s%s\n", name ? " named " : "",
		       name ?: "");
		return -ENODEV;
	}
	return ret;
}

static const struct kernel_param_ops fixture_nic_tx_burst_ops = {
	.set = fixture_nic_tx_burst_set,
};
module_param_cb(tx_burst, &fixture_nic_tx_burst_ops, NULL, 0200);
MODULE_PARM_DESC(tx_burst, "write N (every device) or \"IFNAME N\": send N UDP frames");

static int fixture_nic_status_get(char *buf, const struct kernel_param *kp)
{
	u64 xmit, completed, dropped, stops, oldest_ms;
	struct fixture_nic_priv *priv;
	unsigned int i, queued;
	struct sk_buff *head;
	unsigned long flags;
	int len = 0;

	mutex_lock(&fixture_nic_lock);
	for (i = 0; i < fixture_nic_ndevs; i++) {
		priv = netdev_priv(fixture_nic_devs[i]);
		spin_lock_irqsave(&priv->txq.lock, flags);
		queued = skb_queue_len(&priv->txq);
		head = skb_peek(&priv->txq);
		/* Read the clock under the lock: the head is then older. */
		oldest_ms = head ? div_u64(ktime_get_ns() -
					   FIXTURE_NIC_CB(head)->queued_ns,
					   NSEC_PER_MSEC) : 0;
		xmit = priv->xmit;
		completed = priv->completed;
		dropped = priv->dropped;
		stops = priv->stops;
		spin_unlock_irqrestore(&priv->txq.lock, flags);

		len += sysfs_emit_at(buf, len,
				     "%s mode=%s queued=%u xmit=%llu completed=%llu dropped=%llu stops=%llu oldest_ms=%llu\n",
				     priv->dev->name,
				     fixture_nic_mode_names[priv->mode], queued,
				     xmit, completed, dropped, stops, oldest_ms);
	}
	mutex_unlock(&fixture_nic_lock);
	return len;
}

static const struct kernel_param_ops fixture_nic_status_ops = {
	.get = fixture_nic_status_get,
};
module_param_cb(status, &fixture_nic_status_ops, NULL, 0444);
MODULE_PARM_DESC(status, "per device: mode, queued, xmit, completed, dropped, stops, oldest_ms");

static int fixture_nic_add(enum fixture_nic_mode mode)
{
	struct fixture_nic_priv *priv;
	struct net_device *dev;
	int err;

	dev = alloc_netdev(sizeof(*priv), fixture_nic_ifname, NET_NAME_USER,
			   fixture_nic_setup);
	if (!dev)
		return -ENOMEM;
	priv = netdev_priv(dev);
	priv->dev = dev;
	priv->mode = mode;
	skb_queue_head_init(&priv->txq);
	hrtimer_init(&priv->clean_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	priv->clean_timer.function = fixture_nic_clean_timer;
	/* No carrier until open, like hardware whose link comes up then. */
	netif_carrier_off(dev);

	err = register_netdev(dev);
	if (err) {
		pr_err("registering %s failed: %d\n", fixture_nic_ifname, err);
		free_netdev(dev);
		return err;
	}
	fixture_nic_devs[fixture_nic_ndevs++] = dev;
	return 0;
}

static void fixture_nic_remove_all(void)
{
	struct net_device *dev;

	while (fixture_nic_ndevs) {
		dev = fixture_nic_devs[--fixture_nic_ndevs];
		fixture_nic_devs[fixture_nic_ndevs] = NULL;
		unregister_netdev(dev);
		free_netdev(dev);
	}
}

static int __init fixture_nic_init(void)
{
	char desc[FIXTURE_NIC_MAX_DEVS * (IFNAMSIZ + 10)];
	bool any_slow = false;
	unsigned int i;
	int len = 0;
	int err = 0;

	mutex_lock(&fixture_nic_lock);
	for (i = 0; i < fixture_nic_nmodes; i++) {
		err = fixture_nic_add(fixture_nic_modes[i]);
		if (err) {
			fixture_nic_remove_all();
			mutex_unlock(&fixture_nic_lock);
			return err;
		}
		len += scnprintf(desc + len, sizeof(desc) - len, "%s%s (%s)",
				 i ? ", " : "", fixture_nic_devs[i]->name,
				 fixture_nic_mode_names[fixture_nic_modes[i]]);
		any_slow |= fixture_nic_modes[i] == FIXTURE_NIC_SLOW;
	}
	mutex_unlock(&fixture_nic_lock);

	if (any_slow)
		pr_info("registered %s; slow ones complete %u skbs every %u ms and stop at %u queued\n",
			desc, fixture_nic_completions_per_tick,
			fixture_nic_tick_ms, fixture_nic_queue_limit);
	else
		pr_info("registered %s\n", desc);
	return 0;
}

static void __exit fixture_nic_exit(void)
{
	mutex_lock(&fixture_nic_lock);
	fixture_nic_remove_all();
	mutex_unlock(&fixture_nic_lock);
}

module_init(fixture_nic_init);
module_exit(fixture_nic_exit);
MODULE_DESCRIPTION("Test fixture: NICs that never or slowly complete TX (I2, I3)");
MODULE_LICENSE("GPL");
