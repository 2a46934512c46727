// SPDX-License-Identifier: GPL-2.0
/*
 * udpblast: push UDP frames through a real network device and count what
 * arrives, for the test VM, which has no traffic tools of its own.
 *
 *   udpblast send IFACE DST_IP COUNT [PAYLOAD]
 *	Build Ethernet/IPv4/UDP frames to DST_IP:9999 addressed to the MAC
 *	of the peer device and write them with an AF_PACKET socket on
 *	IFACE, so they take the driver's xmit path (veth: to its peer).
 *	Prints "sent N frames in NS ns".
 *   udpblast sendto DST_IP COUNT [PAYLOAD]
 *	Send COUNT datagrams to DST_IP:9999 from an ordinary UDP socket, so
 *	they take the whole stack: route, neighbour, qdisc, driver. Frames
 *	the stack refuses (ENOBUFS, or a link without carrier) are counted,
 *	not retried. Prints "sent N datagrams, refused R". A send that
 *	blocks for SEND_STALL_S seconds (the device keeps every frame, so
 *	the socket's send buffer never drains) ends it: it prints what was
 *	sent, says so on stderr and exits 3.
 *   udpblast recv PORT COUNT TIMEOUT_MS
 *	Read until COUNT datagrams arrived or TIMEOUT_MS passed without one.
 *	Prints "received N datagrams in NS ns (R per second)".
 *   udpblast hold PORT RCVBUF
 *	Bind a UDP socket with a receive buffer of RCVBUF bytes and never
 *	read it; prints "holding port PORT" then sleeps until killed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define PORT 9999
#define SEND_STALL_S 10

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static uint16_t ip_checksum(const void *data, size_t len)
{
	const uint16_t *p = data;
	uint32_t sum = 0;

	for (; len > 1; len -= 2)
		sum += *p++;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum;
}

static int peer_mac(const char *iface, unsigned char mac[6])
{
	char path[128];
	unsigned int m[6];
	FILE *f;
	int ifindex;

	/* veth's peer is reachable as its iflink. */
	snprintf(path, sizeof(path), "/sys/class/net/%s/iflink", iface);
	f = fopen(path, "r");
	if (!f || fscanf(f, "%d", &ifindex) != 1)
		return -1;
	fclose(f);
	snprintf(path, sizeof(path), "/sys/class/net/%s/address",
		 if_indextoname(ifindex, (char[IF_NAMESIZE]){0}) ?: "?");
	f = fopen(path, "r");
	if (!f || fscanf(f, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 6)
		return -1;
	fclose(f);
	for (int i = 0; i < 6; i++)
		mac[i] = m[i];
	return 0;
}

static int cmd_send(const char *iface, const char *dst, long count, int payload)
{
	unsigned char frame[1514] = { 0 };
	struct ether_header *eth = (void *)frame;
	struct iphdr *ip = (void *)(eth + 1);
	struct udphdr *udp = (void *)(ip + 1);
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_IP));
	size_t len = sizeof(*eth) + sizeof(*ip) + sizeof(*udp) + payload;
	uint64_t start;
	long sent = 0;

	if (fd < 0 || payload < 0 || len > sizeof(frame)) {
		fprintf(stderr, "udpblast: socket: %s\n", strerror(errno));
		return 1;
	}
	sll.sll_ifindex = if_nametoindex(iface);
	if (!sll.sll_ifindex || peer_mac(iface, eth->ether_dhost)) {
		fprintf(stderr, "udpblast: %s: not a veth with a visible peer\n", iface);
		return 1;
	}
	eth->ether_type = htons(ETHERTYPE_IP);
	ip->version = 4;
	ip->ihl = 5;
	ip->ttl = 64;
	ip->protocol = IPPROTO_UDP;
	ip->tot_len = htons(len - sizeof(*eth));
	ip->saddr = inet_addr("10.98.0.1");
	ip->daddr = inet_addr(dst);
	ip->check = ip_checksum(ip, sizeof(*ip));
	udp->source = htons(PORT);
	udp->dest = htons(PORT);
	udp->len = htons(sizeof(*udp) + payload);

	start = now_ns();
	for (; sent < count; sent++) {
		if (sendto(fd, frame, len, 0, (void *)&sll, sizeof(sll)) < 0) {
			if (errno == ENOBUFS) {
				sent--;
				continue;
			}
			fprintf(stderr, "udpblast: send: %s\n", strerror(errno));
			return 1;
		}
	}
	printf("sent %ld frames in %llu ns\n", sent, (unsigned long long)(now_ns() - start));
	return 0;
}

static int cmd_sendto(const char *dst, long count, int payload)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(PORT) };
	struct timeval stall = { .tv_sec = SEND_STALL_S };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	char buf[1472] = { 0 };
	long sent = 0, refused = 0;

	if (fd < 0 || payload < 0 || payload > (int)sizeof(buf) ||
	    inet_pton(AF_INET, dst, &sin.sin_addr) != 1 ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &stall, sizeof(stall))) {
		fprintf(stderr, "udpblast: sendto %s: bad socket, address or payload\n", dst);
		return 1;
	}
	for (long i = 0; i < count; i++) {
		if (sendto(fd, buf, payload, 0, (void *)&sin, sizeof(sin)) >= 0)
			sent++;
		else if (errno == ENOBUFS || errno == ENETDOWN || errno == ENETUNREACH ||
			 errno == EHOSTUNREACH || errno == ECONNREFUSED)
			refused++;
		else if (errno == EAGAIN || errno == EWOULDBLOCK) {
			printf("sent %ld datagrams, refused %ld\n", sent, refused);
			fprintf(stderr, "udpblast: sendto: blocked %d s: the send buffer never drained\n",
				SEND_STALL_S);
			return 3;
		} else {
			fprintf(stderr, "udpblast: sendto: %s\n", strerror(errno));
			return 1;
		}
	}
	printf("sent %ld datagrams, refused %ld\n", sent, refused);
	return 0;
}

static int udp_socket(int port, int rcvbuf)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		return -1;
	if (rcvbuf > 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	if (bind(fd, (void *)&sin, sizeof(sin)) < 0)
		return -1;
	return fd;
}

static int cmd_recv(int port, long count, int timeout_ms)
{
	int fd = udp_socket(port, 4 << 20);
	char buf[2048];
	uint64_t start = 0, last = 0;
	long got = 0;

	if (fd < 0) {
		fprintf(stderr, "udpblast: bind %d: %s\n", port, strerror(errno));
		return 1;
	}
	printf("listening\n");
	fflush(stdout);
	while (got < count) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };

		if (poll(&pfd, 1, timeout_ms) <= 0)
			break;
		if (recv(fd, buf, sizeof(buf), 0) < 0)
			break;
		last = now_ns();
		if (!got++)
			start = last;
	}
	printf("received %ld datagrams in %llu ns (%llu per second)\n", got,
	       (unsigned long long)(last - start),
	       last > start ? (unsigned long long)(got * 1000000000ull / (last - start)) : 0ull);
	return 0;
}

static int cmd_hold(int port, int rcvbuf)
{
	int fd = udp_socket(port, rcvbuf);

	if (fd < 0) {
		fprintf(stderr, "udpblast: bind %d: %s\n", port, strerror(errno));
		return 1;
	}
	printf("holding port %d\n", port);
	fflush(stdout);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	if (argc >= 5 && !strcmp(argv[1], "send"))
		return cmd_send(argv[2], argv[3], atol(argv[4]), argc > 5 ? atoi(argv[5]) : 64);
	if (argc >= 4 && !strcmp(argv[1], "sendto"))
		return cmd_sendto(argv[2], atol(argv[3]), argc > 4 ? atoi(argv[4]) : 64);
	if (argc == 5 && !strcmp(argv[1], "recv"))
		return cmd_recv(atoi(argv[2]), atol(argv[3]), atoi(argv[4]));
	if (argc == 4 && !strcmp(argv[1], "hold"))
		return cmd_hold(atoi(argv[2]), atoi(argv[3]));
	fprintf(stderr, "usage: udpblast send IFACE DST COUNT [PAYLOAD] | sendto DST COUNT [PAYLOAD] | recv PORT COUNT TIMEOUT_MS | hold PORT RCVBUF\n");
	return 2;
}
