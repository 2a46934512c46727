// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the /proc/net socket table parser. The first byte
 * picks the table (the address width and the columns depend on it).
 */
#include <stddef.h>
#include <stdint.h>

#include "live/procnet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const tables[] = { "udp", "udp6", "raw", "raw6", "tcp", "tcp6" };
	struct pn_sockets s = { 0 };
	const char *proto = "udp";
	struct rd_err e;
	size_t i;

	if (size) {
		proto = tables[data[0] % 6];
		data++;
		size--;
	}
	pn_parse((const char *)data, size, proto, "net", &s, &e);
	pn_sort(&s);
	for (i = 0; i < s.nr; i++)
		pn_state_name(s.v[i].state);
	pn_free(&s);
	return 0;
}
