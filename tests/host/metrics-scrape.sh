#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# metrics-scrape.sh READER MODULE_DIR
# `oomtrace metrics --textfile` as a fleet runs it: Debian's node_exporter
# reads the file with its textfile collector and serves it over HTTP, and
# promtool lints what it serves. The values checked are the ones in the
# module files of MODULE_DIR (the reader's fixtures), so a metric that
# node_exporter drops, renames or cannot parse fails here.
set -euo pipefail
reader=${1:?usage: metrics-scrape.sh READER MODULE_DIR}
moddir=${2:?usage: metrics-scrape.sh READER MODULE_DIR}
work=$(mktemp -d)
exporter=
cleanup() {
	[ -z "$exporter" ] || kill "$exporter" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir "$work/textfile"
"$reader" metrics --dir "$moddir" --top 3 --textfile "$work/textfile" ||
	fail "oomtrace metrics --textfile: exit $?"
promtool check metrics <"$work/textfile/oomtrace.prom" ||
	fail "promtool check metrics finds problems in oomtrace.prom"
echo "ok: promtool check metrics: clean"

# A free port: bind to port 0 is not an option for node_exporter, so try
# a few from a range no other service here uses.
for port in $(shuf -i 20000-29999 -n 20); do
	prometheus-node-exporter --web.listen-address="127.0.0.1:$port" \
		--collector.disable-defaults --collector.textfile \
		--collector.textfile.directory="$work/textfile" \
		>"$work/exporter.log" 2>&1 &
	exporter=$!
	for _ in $(seq 50); do
		curl -sf "http://127.0.0.1:$port/metrics" >"$work/scrape" 2>/dev/null && break 2
		kill -0 "$exporter" 2>/dev/null || break
		sleep 0.1
	done
	kill "$exporter" 2>/dev/null || true
	wait "$exporter" 2>/dev/null || true
	exporter=
done
[ -n "$exporter" ] || { cat "$work/exporter.log"; fail "node_exporter did not serve on any port tried"; }
echo "ok: node_exporter serves on 127.0.0.1:$port"

expect_line() { # expect_line LINE: exactly this sample in the scrape
	grep -qxF "$1" "$work/scrape" || fail "the scrape has no line '$1'"
	echo "ok: $1"
}
expect_line 'node_textfile_scrape_error 0'
expect_line 'oomtrace_up 1'
expect_line 'oomtrace_netdev_in_flight{device="vb0"} 300'
expect_line 'oomtrace_netdev_state{device="vb0",state="stuck"} 1'
expect_line 'oomtrace_callsite_outstanding_bytes{family="skb",site="packet_sendmsg+0x7ea/0x15f0"} 384000'
expect_line 'oomtrace_verdict{kind="tx_stuck",subject="fxnic0"} 1'
expect_line 'oomtrace_ooms_total 2'
# What node_exporter serves is itself valid exposition text.
promtool check metrics <"$work/scrape" >"$work/lint" 2>&1 ||
	{ grep oomtrace "$work/lint" && fail "promtool finds problems in the oomtrace series served"; }
# Bounded: the top 3 callsites are named, whatever the table holds.
named=$(grep -c '^oomtrace_callsite_oldest_seconds{' "$work/scrape")
[ "$named" = 3 ] || fail "$named callsites named with --top 3"
echo "ok: 3 callsites named with --top 3"

# The module going away is a value, not a missing file.
"$reader" metrics --dir "$work/no-module" --textfile "$work/textfile" 2>/dev/null &&
	fail "metrics without the module exited 0"
curl -sf "http://127.0.0.1:$port/metrics" >"$work/scrape"
expect_line 'oomtrace_up 0'
grep -q '^oomtrace_netdev' "$work/scrape" && fail "device series still served without the module"
echo "ok: without the module only oomtrace_up 0 is served"
