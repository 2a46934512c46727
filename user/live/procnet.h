/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_PROCNET_H
#define _OOMTRACE_PROCNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/rows.h"

#define PN_OWNERS 4		/* processes listed per socket */
#define PN_ADDR_LEN 48

struct pn_owner {
	int64_t pid;
	char comm[32];
};

/* One row of /proc/net/{udp,udp6,raw,raw6,tcp,tcp6}. */
struct pn_socket {
	char proto[8];
	char local[PN_ADDR_LEN];
	unsigned int local_port;	/* raw sockets: the IP protocol */
	char remote[PN_ADDR_LEN];
	unsigned int remote_port;
	unsigned int state;
	uint64_t tx_queue, rx_queue;	/* bytes */
	bool has_drops;			/* udp and raw only */
	uint64_t drops;
	uint64_t uid;
	uint64_t inode;
	size_t nr_owners;
	struct pn_owner owners[PN_OWNERS];
	size_t owners_more;		/* further owners not listed */
};

struct pn_sockets {
	struct pn_socket *v;
	size_t nr, cap;
};

/* Appends the rows of one table; proto is "udp", "tcp6", ... */
int pn_parse(const char *buf, size_t len, const char *proto, const char *label,
	     struct pn_sockets *out, struct rd_err *err);
/* Fills owners by scanning PROCDIR/<pid>/fd for socket:[inode]. */
void pn_find_owners(const char *procdir, struct pn_sockets *s);
/* Largest receive queue first, then most drops. */
void pn_sort(struct pn_sockets *s);
const char *pn_state_name(unsigned int state);
void pn_free(struct pn_sockets *s);

#endif /* _OOMTRACE_PROCNET_H */
