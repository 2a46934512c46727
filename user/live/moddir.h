/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OOMTRACE_MODDIR_H
#define _OOMTRACE_MODDIR_H

#include <stddef.h>

#include "live/modfiles.h"

int md_read_path(const char *path, const char *label, char **buf, size_t *len,
		 struct rd_err *err);
int md_check_dir(const char *dir, struct rd_err *err);
int md_read(const char *dir, const char *name, char **buf, size_t *len,
	    struct rd_err *err);

/* Read and parse one module file of DIR; messages name it by its file name. */
int md_load_callsites(const char *dir, struct mf_callsites *out, struct rd_err *err);
int md_load_netdev(const char *dir, struct mf_netdevs *out, struct rd_err *err);

/* The same for a file named by its path, whose header says what it is. */
int md_load_any(const char *path, enum mf_kind *kind, struct mf_callsites *cs,
		struct mf_netdevs *nd, struct rd_err *err);

#endif /* _OOMTRACE_MODDIR_H */
