#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Print the path of checkpatch.pl from Debian's linux-source-6.1, extracting
# just the files it needs into the cache the first time.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tarball=/usr/src/linux-source-6.1.tar.xz
[ -f "$tarball" ] || die "$tarball missing (run scripts/install-deps.sh)"
version=$(dpkg-query -W -f='${Version}' linux-source-6.1)
dir=$OOMTRACE_CACHE/checkpatch-$version

if [ ! -x "$dir/scripts/checkpatch.pl" ]; then
	rm -rf "$dir.tmp"
	mkdir -p "$dir.tmp"
	tar -xf "$tarball" -C "$dir.tmp" --strip-components=1 --wildcards \
		'*/scripts/checkpatch.pl' '*/scripts/spelling.txt' \
		'*/scripts/const_structs.checkpatch'
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
fi
echo "$dir/scripts/checkpatch.pl"
