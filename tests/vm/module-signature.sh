# kernels: stock
# The signatures `make sign` and DKMS put on the module, read by a real
# kernel. Not enforcing, the signed modules load and work. Then
# enforcement is switched on (module.sig_enforce only turns on): the
# unsigned module is refused as unsigned, the signed ones as signed by a
# key this kernel does not hold. That second reason proves the kernel
# found and parsed the signature; trusting the key takes MOK enrolment
# through shim, which this VM does not boot (README: Secure Boot).
# Built by scripts/check.sh before the stock kernel's VM tests: extra/
# holds the module signed by tests/host/sign.sh and the one DKMS built
# and signed in tests/host/deb-install.sh.
extra=/modules/extra
for ko in oomtrace-signed oomtrace-dkms; do
	[ -f $extra/$ko.ko ] || fail "no $extra/$ko.ko (the host step that makes it failed)"
done

expect_eq "signatures not enforced yet" N "$(cat /sys/module/module/parameters/sig_enforce)"
for ko in oomtrace-signed oomtrace-dkms; do
	insmod $extra/$ko.ko || fail "insmod $ko.ko without enforcement"
	expect_eq "$ko: probes that failed to attach" 0 "$(awk '!/^#/ && $4 == "failed"' $OT/probes | wc -l)"
	grep -q '^oomtrace report' $OT/report || fail "$ko: no report"
	rmmod oomtrace
	echo "ok: $ko.ko loads and reports"
done

echo 1 >/sys/module/module/parameters/sig_enforce
expect_eq "signatures enforced" Y "$(cat /sys/module/module/parameters/sig_enforce)"
# refused KO REASON: insmod fails (EKEYREJECTED) and the kernel says why.
refused() {
	log_mark
	insmod "$1" 2>/tmp/insmod.err && fail "$1 loaded with signatures enforced"
	cat /tmp/insmod.err
	log_since_mark >/tmp/log
	expect_match "$1: the kernel's reason" "Loading of $2 is rejected" /tmp/log
	grep -q '^oomtrace ' /proc/modules && fail "$1: oomtrace is loaded"
	[ ! -e $OT ] || fail "$1: $OT exists"
	echo "ok: $1 refused as $2"
}
refused /modules/oomtrace.ko "unsigned module"
refused $extra/oomtrace-signed.ko "module with unavailable key"
refused $extra/oomtrace-dkms.ko "module with unavailable key"
