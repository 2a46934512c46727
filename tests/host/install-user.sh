#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# install-user.sh
# `make install-user` puts the reader and both man pages under
# DESTDIR/PREFIX; the installed reader reports the project's version and
# each page passes `man --warnings` and has a NAME section lexgrog reads.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
ok() { echo "ok: $*"; }

make -s -C "$top" install-user DESTDIR="$dest" PREFIX=/usr >"$dest.log" 2>&1 ||
	{ cat "$dest.log"; rm -f "$dest.log"; fail "make install-user"; }
rm -f "$dest.log"
bin=$dest/usr/bin/oomtrace
[ -x "$bin" ] || fail "no $bin"
want="oomtrace $(make -s -C "$top" version)"
got=$("$bin" --version)
[ "$got" = "$want" ] || fail "installed reader says '$got', want '$want'"
ok "reader installed: $got"
for sec in 1 4; do
	page=$dest/usr/share/man/man$sec/oomtrace.$sec
	[ -f "$page" ] || fail "no $page"
	warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
	[ -z "$warnings" ] || { echo "$warnings"; fail "man --warnings $page"; }
	lexgrog "$page" >/dev/null || fail "lexgrog $page: no NAME section"
	ok "oomtrace($sec) installed, man --warnings clean"
done
