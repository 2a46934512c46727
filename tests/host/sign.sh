#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# sign.sh KDIR SIGNED_KO_COPY
# `make sign` as a Secure Boot user runs it: a key and certificate made
# with openssl, the module built against KDIR and signed with KDIR's own
# sign-file. The signature must be the kernel's format (the marker at the
# end, the signer and hash modinfo reads from it), signing twice must not
# stack signatures, and a missing key must be a usage error. The signed
# module goes to SIGNED_KO_COPY for the VM test module-signature, where a
# kernel that enforces signatures reads it.
set -euo pipefail
kdir=${1:?usage: sign.sh KDIR SIGNED_KO_COPY}
copy=${2:?usage: sign.sh KDIR SIGNED_KO_COPY}
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
ok() { echo "ok: $*"; }

cp -r "$top"/{Kbuild,Makefile,module} "$work/"
mkdir "$work/scripts" && cp "$top/scripts/find-checkpatch.sh" "$work/scripts/"
cd "$work"
openssl req -new -x509 -newkey rsa:2048 -sha256 -nodes -days 36500 \
	-subj "/CN=oomtrace test signing key/" -keyout key.pem -out cert.pem \
	>openssl.log 2>&1 || { cat openssl.log; fail "openssl req"; }

rc=0
make -s sign KDIR="$kdir" >usage.log 2>&1 || rc=$?
[ "$rc" = 2 ] && grep -q '^usage: make sign KEY=' usage.log ||
	{ cat usage.log; fail "make sign without KEY: exit $rc"; }
[ ! -e oomtrace.ko ] || fail "make sign without KEY built the module"
ok "make sign without KEY: usage, exit 2, nothing built"

make -s sign KDIR="$kdir" KEY=key.pem CERT=cert.pem >sign.log 2>&1 || { cat sign.log; fail "make sign"; }
grep -q "oomtrace.ko signed (sha256) by oomtrace test signing key" sign.log || { cat sign.log; fail "make sign said"; }
[ "$(tail -c 28 oomtrace.ko)" = "~Module signature appended~" ] || fail "no signature marker at the end of oomtrace.ko"
[ "$(modinfo -F signer oomtrace.ko)" = "oomtrace test signing key" ] || fail "signer: $(modinfo -F signer oomtrace.ko)"
[ "$(modinfo -F sig_hashalgo oomtrace.ko)" = sha256 ] || fail "hash: $(modinfo -F sig_hashalgo oomtrace.ko)"
# The PKCS#7 signature names the certificate by issuer and serial number.
serial=$(openssl x509 -in cert.pem -noout -serial | sed 's/^serial=//' | tr a-f A-F)
[ "$(modinfo -F sig_key oomtrace.ko | tr -d ':')" = "$serial" ] ||
	fail "sig_key $(modinfo -F sig_key oomtrace.ko) is not the certificate's serial $serial"
ok "signed: marker, signer, sha256, the certificate's serial $serial"

size=$(stat -c %s oomtrace.ko)
make -s sign KDIR="$kdir" KEY=key.pem CERT=cert.pem >again.log 2>&1 || { cat again.log; fail "make sign again"; }
grep -q "already signed" again.log || { cat again.log; fail "signing twice said"; }
[ "$(stat -c %s oomtrace.ko)" = "$size" ] || fail "signing twice changed oomtrace.ko"
ok "signing twice leaves one signature"
cp oomtrace.ko "$copy"
