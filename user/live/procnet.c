// SPDX-License-Identifier: GPL-2.0
/*
 * Socket receive queues from /proc/net/{udp,udp6,raw,raw6,tcp,tcp6}, and
 * the processes holding each socket, found through /proc/<pid>/fd links
 * to "socket:[inode]". A socket nobody reads (incident I4) shows here as
 * a large rx_queue and growing drops, with the process that owns it.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "live/procnet.h"
#include "lib/num.h"

static const char *const tcp_states[] = {
	"UNKNOWN", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
	"NEW_SYN_RECV", "BOUND_INACTIVE",
};

const char *pn_state_name(unsigned int state)
{
	return state < sizeof(tcp_states) / sizeof(tcp_states[0]) ? tcp_states[state] : "UNKNOWN";
}

/* Exactly n hex digits at s (n <= 16). */
static bool hex_n(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int d = num_hex_digit(s[i]);

		if (d < 0)
			return false;
		v = v << 4 | (uint64_t)d;
	}
	*out = v;
	return true;
}

/* 1 to 16 hex digits, the whole string. */
static bool hex_all(const char *s, uint64_t *out)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 16 && hex_n(s, n, out);
}

/*
 * "0100007F:0035" or 32 hex digits and a port. The kernel prints each
 * 32-bit word of the address as a host-order number, so the words are
 * stored back in host order to get the address bytes.
 */
static bool parse_endpoint(const char *s, bool v6, char *addr, unsigned int *port)
{
	size_t words = v6 ? 4 : 1, i;
	unsigned char bytes[16];
	uint64_t w, p;

	if (strlen(s) != words * 8 + 5 || s[words * 8] != ':')
		return false;
	for (i = 0; i < words; i++) {
		uint32_t w32;

		if (!hex_n(s + i * 8, 8, &w))
			return false;
		w32 = (uint32_t)w;
		memcpy(bytes + i * 4, &w32, 4);
	}
	if (!hex_n(s + words * 8 + 1, 4, &p))
		return false;
	*port = (unsigned int)p;
	return inet_ntop(v6 ? AF_INET6 : AF_INET, bytes, addr, PN_ADDR_LEN) != NULL;
}

static int row(struct rd_lines *it, const char *proto, struct pn_socket *s,
	       struct rd_err *err)
{
	bool v6 = proto[strlen(proto) - 1] == '6', udp_like = strncmp(proto, "tcp", 3) != 0;
	struct rd_fields f;
	uint64_t st;
	char *colon;
	size_t n;

	memset(s, 0, sizeof(*s));
	snprintf(s->proto, sizeof(s->proto), "%s", proto);
	rd_split(it->line, 13, &f);
	if (f.nr < (udp_like ? 13u : 12u)) {
		rd_errorf(err, "%s: line %lu: expected at least %d columns", it->label,
			  it->lineno, udp_like ? 13 : 12);
		return -1;
	}
	n = strlen(f.v[0]);
	if (n < 2 || f.v[0][n - 1] != ':')
		goto bad;
	if (!parse_endpoint(f.v[1], v6, s->local, &s->local_port) ||
	    !parse_endpoint(f.v[2], v6, s->remote, &s->remote_port))
		goto bad;
	if (!hex_all(f.v[3], &st) || st > 255)
		goto bad;
	s->state = (unsigned int)st;
	colon = strchr(f.v[4], ':');
	if (!colon)
		goto bad;
	*colon = '\0';
	if (!hex_all(f.v[4], &s->tx_queue) || !hex_all(colon + 1, &s->rx_queue))
		goto bad;
	if (!num_u64(f.v[7], &s->uid) || !num_u64(f.v[9], &s->inode))
		goto bad;
	if (udp_like) {
		if (!num_u64(f.v[12], &s->drops))
			goto bad;
		s->has_drops = true;
	}
	return 0;
bad:
	rd_errorf(err, "%s: line %lu: not a socket row", it->label, it->lineno);
	return -1;
}

int pn_parse(const char *buf, size_t len, const char *proto, const char *label,
	     struct pn_sockets *out, struct rd_err *err)
{
	struct rd_lines *it = rd_lines_open(buf, len, label, err);
	int r;

	if (!it)
		return -1;
	r = rd_next_line(it, err);
	if (r == 1 && !strstr(it->line, "local_address")) {
		rd_errorf(err, "%s: line 1: not a socket table header", label);
		r = -1;
	} else if (r == 0) {
		rd_errorf(err, "%s: empty", label);
		r = -1;
	}
	while (r >= 0 && (r = rd_next_line(it, err)) == 1) {
		if (!it->line[strspn(it->line, " \t")])
			continue;
		if (!rd_grow((void **)&out->v, &out->cap, out->nr, sizeof(*out->v))) {
			rd_errorf(err, "%s: line %lu: too many sockets, or out of memory",
				  label, it->lineno);
			r = -1;
			break;
		}
		if (row(it, proto, &out->v[out->nr], err)) {
			r = -1;
			break;
		}
		out->nr++;
	}
	rd_lines_close(it);
	return r < 0 ? -1 : 0;
}

/* Sorted (inode, socket index) pairs, to find a socket by its inode. */
struct ino_ix {
	uint64_t inode;
	size_t ix;
};

static int cmp_ino(const void *a, const void *b)
{
	const struct ino_ix *x = a, *y = b;

	return (x->inode > y->inode) - (x->inode < y->inode);
}

static void add_owner(struct pn_socket *s, int64_t pid, const char *comm)
{
	size_t i;

	for (i = 0; i < s->nr_owners; i++)
		if (s->owners[i].pid == pid)
			return;
	if (s->nr_owners == PN_OWNERS) {
		s->owners_more++;
		return;
	}
	s->owners[s->nr_owners].pid = pid;
	snprintf(s->owners[s->nr_owners].comm, sizeof(s->owners[0].comm), "%s", comm);
	s->nr_owners++;
}

static void read_comm(const char *procdir, const char *pid, char *comm, size_t sz)
{
	char path[4096];
	FILE *f;

	snprintf(comm, sz, "?");
	snprintf(path, sizeof(path), "%s/%s/comm", procdir, pid);
	f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(comm, (int)sz, f))
		comm[strcspn(comm, "\n")] = '\0';
	fclose(f);
}

static void scan_pid(const char *procdir, const char *pid, struct pn_sockets *s,
		     const struct ino_ix *idx, size_t nr)
{
	char path[4096], link[64], comm[32] = "";
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s/fd", procdir, pid);
	d = opendir(path);
	if (!d)
		return;		/* gone, or not ours to read */
	while ((de = readdir(d))) {
		struct ino_ix key, *hit;
		char fdpath[4096 + 300];
		ssize_t n;
		char *end;

		if (de->d_name[0] == '.')
			continue;
		snprintf(fdpath, sizeof(fdpath), "%s/%s", path, de->d_name);
		n = readlink(fdpath, link, sizeof(link) - 1);
		if (n <= 9)
			continue;
		link[n] = '\0';
		if (strncmp(link, "socket:[", 8))
			continue;
		end = strchr(link + 8, ']');
		if (!end)
			continue;
		*end = '\0';
		if (!num_u64(link + 8, &key.inode) || !key.inode)
			continue;
		hit = bsearch(&key, idx, nr, sizeof(*idx), cmp_ino);
		if (!hit)
			continue;
		/* several sockets may share an inode number only across tables */
		while (hit > idx && hit[-1].inode == key.inode)
			hit--;
		if (!comm[0])
			read_comm(procdir, pid, comm, sizeof(comm));
		for (; hit < idx + nr && hit->inode == key.inode; hit++)
			add_owner(&s->v[hit->ix], strtoll(pid, NULL, 10), comm);
	}
	closedir(d);
}

void pn_find_owners(const char *procdir, struct pn_sockets *s)
{
	struct ino_ix *idx;
	struct dirent *de;
	size_t i, nr = 0;
	DIR *d;

	if (!s->nr)
		return;
	idx = malloc(s->nr * sizeof(*idx));
	if (!idx)
		return;
	for (i = 0; i < s->nr; i++)
		if (s->v[i].inode) {
			idx[nr].inode = s->v[i].inode;
			idx[nr++].ix = i;
		}
	qsort(idx, nr, sizeof(*idx), cmp_ino);
	d = nr ? opendir(procdir) : NULL;
	while (d && (de = readdir(d))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9' ||
		    strspn(de->d_name, "0123456789") != strlen(de->d_name))
			continue;
		scan_pid(procdir, de->d_name, s, idx, nr);
	}
	if (d)
		closedir(d);
	free(idx);
	/* readdir order is no order: list owners by pid */
	for (i = 0; i < s->nr; i++) {
		struct pn_socket *k = &s->v[i];
		size_t a, b;

		for (a = 1; a < k->nr_owners; a++)
			for (b = a; b > 0 && k->owners[b - 1].pid > k->owners[b].pid; b--) {
				struct pn_owner t = k->owners[b];

				k->owners[b] = k->owners[b - 1];
				k->owners[b - 1] = t;
			}
	}
}

static int cmp_queue(const void *a, const void *b)
{
	const struct pn_socket *x = a, *y = b;

	if (x->rx_queue != y->rx_queue)
		return x->rx_queue < y->rx_queue ? 1 : -1;
	if (x->drops != y->drops)
		return x->drops < y->drops ? 1 : -1;
	return (x->inode > y->inode) - (x->inode < y->inode);
}

void pn_sort(struct pn_sockets *s)
{
	if (s->nr > 1)
		qsort(s->v, s->nr, sizeof(*s->v), cmp_queue);
}

void pn_free(struct pn_sockets *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}
