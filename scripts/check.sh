#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh [-k "KERNEL..."] [-j JOBS] [TEST...]
# Every test: style, the reader's unit tests and fuzz run, compile checks
# against every prepared kernel tree, KUnit and the VM integration tests
# on every kernel (scripts/lib.sh all_kernels). With TEST names, only those
# VM tests. A test runs on the kernels its "# kernels:" line names; the
# word "distro" there stands for every Debian kernel in scripts/kernels.conf
# and the 64 KiB-page arm64 kernel. The kernels built from source (debug,
# arm64-64k) are built in the background from the start and tested last.
# Ends with a tally per kernel and "N passed, N failed"; exits non-zero if
# anything failed.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
. "$OOMTRACE_TOP/tests/vm/verdicts-lib.sh"

kernels=$(all_kernels | xargs)
# VM tests at a time. Each guest is one host thread (single-threaded TCG,
# vm-run.sh), so by default one runs per host CPU, but only one while a
# kernel is still being built in the background: a guest that shares its
# CPU with the compiler runs its timing-sensitive tests at half speed.
jobs=
while getopts "k:j:" opt; do
	case $opt in
	k) kernels=$OPTARG ;;
	j) jobs=$OPTARG ;;
	*) die "usage: check.sh [-k \"KERNEL...\"] [-j JOBS] [TEST...]" ;;
	esac
done
shift $((OPTIND - 1))
only=("$@")

passed=0
failed=0
failures=()
results=$OOMTRACE_BUILD/results
rm -rf "$results"
mkdir -p "$results"


declare -A kernel_passed kernel_failed kernel_minutes
# Counts for the per-kernel tally: what ran on kernel $1.
tally() { # tally KERNEL PASSED FAILED
	kernel_passed[$1]=$((${kernel_passed[$1]:-0} + $2))
	kernel_failed[$1]=$((${kernel_failed[$1]:-0} + $3))
}

# Results recorded while cur_kernel is set count for that kernel too.
cur_kernel=
record() { # record NAME OK(0|1) [DETAIL]
	if [ -n "$cur_kernel" ]; then
		if [ "$2" = 0 ]; then tally "$cur_kernel" 1 0; else tally "$cur_kernel" 0 1; fi
	fi
	if [ "$2" = 0 ]; then
		passed=$((passed + 1))
		echo "PASS $1${3:+ ($3)}"
	else
		failed=$((failed + 1))
		failures+=("$1")
		echo "FAIL $1${3:+ ($3)}"
	fi
}

# host_test NAME CMD...: a test run on the host; its output is shown
# only when it fails.
host_test() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		record "$name" 0
	else
		echo "$out"
		record "$name" 1
	fi
}

# "# console: REGEX" lines of a test must match its guest console log in
# that order: what the kernel printed before a panic cannot be asked from
# inside the guest.
console_in_order() { # console_in_order TESTFILE CONSOLELOG
	local after=0 re line
	while IFS= read -r re; do
		line=$(tr -d '\r' <"$2" | awk -v re="$re" -v after="$after" \
			'NR > after && $0 ~ re { print NR; exit }')
		if [ -z "$line" ]; then
			echo "console: no line matching /$re/ after line $after"
			return 1
		fi
		after=$line
	done < <(sed -n 's/^# console: //p' "$1")
}

# A test file's metadata: "# key: value" lines at its top.
meta() { # meta FILE KEY DEFAULT
	local v
	v=$(sed -n "s/^# $2: *//p" "$1" | head -n1)
	echo "${v:-$3}"
}

"$OOMTRACE_TOP/scripts/install-deps.sh" || die "installing dependencies failed"

# The kernels built here go last, and are built in the background from the
# start: the VM tests keep one host CPU busy (single-threaded TCG), so on a
# fresh machine the builds use the other one instead of adding to the time.
built_here() { [ "$1" = debug ] || [ "$1" = arm64-64k ]; }
ordered=
for k in $kernels; do built_here "$k" || ordered+=" $k"; done
for k in $kernels; do ! built_here "$k" || ordered+=" $k"; done
kernels=${ordered# }
(
	for k in $kernels; do
		if built_here "$k"; then
			nice -n 10 "$OOMTRACE_TOP/scripts/build-kernel.sh" "$k" >"$results/prebuild-$k.log" 2>&1 || true
		fi
	done
) &
prebuild=$!

step() { echo "== $*"; }

vm_test_slots() {
	if [ -n "$jobs" ]; then
		echo "$jobs"
	elif kill -0 "$prebuild" 2>/dev/null; then
		echo 1
	else
		nproc
	fi
}

# longest_first TEST...: the tests by their timeout, longest first.
longest_first() {
	local name
	for name in "$@"; do
		echo "$(meta "$OOMTRACE_TOP/tests/vm/$name.sh" timeout 240) $name"
	done | sort -k1,1nr -k2,2 | cut -d' ' -f2
}

# VM tests of this kernel still running (vm_pids, set below)
running_vm_tests() {
	local pid n=0
	for pid in "${vm_pids[@]}"; do
		kill -0 "$pid" 2>/dev/null && n=$((n + 1))
	done
	echo "$n"
}

if [ ${#only[@]} -eq 0 ]; then
	step "style (checkpatch.pl)"
	out=$(make -s -C "$OOMTRACE_TOP" style 2>&1)
	rc=$?
	[ $rc = 0 ] || echo "$out"
	record style $rc

	step "reader unit tests"
	out=$(make -s -j"$(nproc)" -C "$OOMTRACE_TOP/user" check 2>&1)
	rc=$?
	echo "$out" | tail -n 30
	summary=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -n1)
	if [ -n "$summary" ]; then
		read -r p _ f _ <<<"$summary"
		passed=$((passed + p))
		failed=$((failed + f))
		[ "$f" = 0 ] || failures+=("reader unit tests")
	fi
	[ $rc = 0 ] && [ -n "$summary" ] || record "reader unit tests" 1 "exit $rc"

	step "metrics: node_exporter's textfile collector, promtool"
	host_test "metrics scraped by node_exporter" "$OOMTRACE_TOP/tests/host/metrics-scrape.sh" \
		"$OOMTRACE_TOP/user/build/oomtrace" "$OOMTRACE_TOP/user/tests/fixtures/module"

	step "explain on 100 MiB logs: bounded memory"
	host_test "explain on 100 MiB logs" "$OOMTRACE_TOP/tests/host/explain-big-logs.sh" \
		"$OOMTRACE_TOP/user/build/oomtrace" \
		"$OOMTRACE_TOP/user/tests/fixtures/x86_64-5.15-panic-on-oom-hugepages-console.log"

	step "make install-user: reader and man pages"
	host_test "make install-user" "$OOMTRACE_TOP/tests/host/install-user.sh"

	step "DKMS install and remove (stock kernel headers)"
	rel=$(stock_kernel_release)
	if out=$(make -s -C "$OOMTRACE_TOP" dkms-install KERNELRELEASE="$rel" 2>&1) &&
		[ -f "/lib/modules/$rel/updates/dkms/oomtrace.ko" ] &&
		make -s -C "$OOMTRACE_TOP" dkms-remove >/dev/null 2>&1 &&
		[ ! -e "/lib/modules/$rel/updates/dkms/oomtrace.ko" ]; then
		record dkms 0
	else
		echo "$out"
		record dkms 1
	fi

	# Kernels nobody boots here: Debian's 32-bit arm headers, and any
	# kernel tree prepared in the cache (scripts/prepare-tree.sh), such as
	# vendor and long-term trees the archive does not carry.
	for k in $(header_kernels); do
		step "compile check: $k"
		cur_kernel=$k
		if "$OOMTRACE_TOP/scripts/build-modules.sh" "$k" >"$results/build-$k.log" 2>&1; then
			record "compile for $k (W=1, no warnings)" 0
		else
			tail -n 30 "$results/build-$k.log"
			record "compile for $k" 1
		fi
		cur_kernel=
	done
	if compgen -G "$OOMTRACE_CACHE/trees/*/.oomtrace-prepared" >/dev/null; then
		step "compile checks: prepared kernel trees"
		"$OOMTRACE_TOP/scripts/compat.sh" >"$results/compat.log" 2>&1
		while read -r verdict tree version arch rest; do
			record "compile for $tree $version $arch${rest:+ $rest}" "$([ "$verdict" = PASS ]; echo $?)"
		done < <(grep -E '^(PASS|FAIL) ' "$results/compat.log")
		grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$results/compat.log" ||
			{ tail -n 20 "$results/compat.log"; record "compile checks" 1; }
	fi

	step "reader fuzz run"
	out=$(make -s -j"$(nproc)" -C "$OOMTRACE_TOP/user" fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-20}" 2>&1)
	rc=$?
	echo "$out" | tail -n 10
	record "reader fuzz" $rc
fi

step "building the reader: the host's, and the VM's (static, x86_64 and arm64)"
if ! make -s -j"$(nproc)" -C "$OOMTRACE_TOP/user" >"$results/user.log" 2>&1; then
	cat "$results/user.log"
	record "reader build" 1
fi
for arch in x86_64 arm64; do
	if ! build_static_reader $arch >"$results/user-static-$arch.log" 2>&1; then
		cat "$results/user-static-$arch.log"
		record "static reader build for $arch" 1
	fi
done

run_vm_test() { # run_vm_test KERNEL TEST
	local k=$1 t=$2 file=$OOMTRACE_TOP/tests/vm/$2.sh
	local expect timeout mem smp append nic allow reboot outcome start=$SECONDS
	expect=$(meta "$file" expect pass)
	timeout=$(meta "$file" timeout 240)
	mem=$(meta "$file" mem 512)
	smp=$(meta "$file" smp 2)
	append=$(meta "$file" append "")
	nic=$(meta "$file" nic "")
	allow=$(meta "$file" allow "")
	reboot=$(meta "$file" reboot "")
	# The debug kernel (KASAN, lockdep) and arm64 under emulation run slower.
	[ "$k" = debug ] && timeout=$((timeout * 3))
	[[ "$k" == arm64* ]] && timeout=$((timeout * 3))
	VM_QUIET=1 "$OOMTRACE_TOP/scripts/vm-run.sh" --kernel "$k" \
		--initramfs "$OOMTRACE_BUILD/$k.cpio.gz" --test "$t" \
		--timeout "$timeout" --mem "$mem" --smp "$smp" --append "$append" ${nic:+--nic "$nic"} \
		${allow:+--allow "$allow"} ${reboot:+--reboot} \
		--out "$results/$k-$t" >"$results/$k-$t.out" 2>&1
	outcome=$(sed -n 's/^outcome: //p' "$results/$k-$t.out")
	echo "${outcome:-none} $expect $((SECONDS - start))" >"$results/$k-$t.outcome"
}

make_signed_modules() {
	local extra=$OOMTRACE_BUILD/stock/extra rel
	rel=$(stock_kernel_release)
	rm -rf "$extra"
	mkdir -p "$extra"
	step "make sign with the stock kernel's sign-file"
	host_test "make sign" "$OOMTRACE_TOP/tests/host/sign.sh" "/lib/modules/$rel/build" \
		"$extra/oomtrace-signed.ko"
	step "Debian packages: apt install, DKMS build, systemd-analyze, man pages, purge"
	host_test "deb packages installed, verified and purged" \
		"$OOMTRACE_TOP/tests/host/deb-install.sh" "$rel" "$extra/oomtrace-dkms.ko"
}

for k in $kernels; do
	cur_kernel=$k
	kernel_start=$SECONDS
	tests=()
	for file in "$OOMTRACE_TOP"/tests/vm/*.sh; do
		t=$(basename "$file" .sh)
		# Helper libraries sourced by tests are not tests.
		[[ "$t" == lib || "$t" == *-lib ]] && continue
		want=" $(meta "$file" kernels "stock debug") "
		if [[ "$want" == *" distro "* ]] && [ "$k" != stock ] && [ "$k" != debug ]; then
			want+=" $k "
		fi
		[[ "$want" == *" $k "* ]] || continue
		if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " == *" $t "* ]]; then continue; fi
		tests+=("$t")
	done
	# What the stock kernel's module-signature test loads comes from
	# host steps that are tests themselves: make sign, and the packages
	# (DKMS builds and signs the module they install).
	if [ "$k" = stock ] && [[ " ${tests[*]} " == *" module-signature "* ]]; then
		make_signed_modules
	fi
	step "building for the $k kernel"
	if ! "$OOMTRACE_TOP/scripts/build-modules.sh" "$k" >"$results/build-$k.log" 2>&1 ||
		! "$OOMTRACE_TOP/scripts/mkinitramfs.sh" "$k" "$OOMTRACE_BUILD/$k.cpio.gz" >>"$results/build-$k.log" 2>&1; then
		cat "$results/build-$k.log"
		record "build for $k kernel" 1
		continue
	fi
	record "build for $k kernel (W=1, no warnings)" 0


	step "VM tests on the $k kernel: ${tests[*]}"
	# Only the VM tests count against -j: the kernel builds running in
	# the background are jobs of this shell too, and waiting for them here
	# would put every VM test behind them.
	# The longest tests (by their timeout) start first, so that the last
	# to finish is a short one and no CPU idles while it runs. Results
	# are still read and printed in name order.
	vm_pids=()
	for t in $(longest_first "${tests[@]}"); do
		while [ "$(running_vm_tests)" -ge "$(vm_test_slots)" ]; do sleep 0.2; done
		run_vm_test "$k" "$t" &
		vm_pids+=($!)
	done
	wait "${vm_pids[@]}"

	for t in "${tests[@]}"; do
		read -r outcome expect took <"$results/$k-$t.outcome"
		name="vm/$k/$t"
		if [ "$t" = kunit ] && [ "$outcome" = fail ]; then
			# Failing cases are counted one by one below.
			outcome=pass
		fi
		if [ "$outcome" != "$expect" ]; then
			sed -n '/^---- guest log/,$p' "$results/$k-$t.out"
			# Quiet runs skip the log; show it for unexpected outcomes.
			[ -s "$results/$k-$t/console.log" ] &&
				awk '/init: running/ {p=1} p' "$results/$k-$t/console.log" | tail -n 200 | tr -d '\r'
			record "$name" 1 "outcome $outcome, expected $expect"
			continue
		fi
		if [ "$t" = kunit ]; then
			# Every KUnit case counts as a test of its own.
			# Subtests (the cases) are indented under their suite.
			log=$results/$k-$t/verdict.log
			ok=$(grep -aEc '^report: {5}ok [0-9]+ ' "$log")
			nok=$(grep -aEc '^report: {5}not ok [0-9]+ ' "$log")
			grep -aE '^report: {5}(not )?ok [0-9]+ ' "$log" | sed 's/^report: */  kunit: /'
			passed=$((passed + ok))
			failed=$((failed + nok))
			tally "$k" "$ok" "$nok"
			[ "$nok" = 0 ] || failures+=("kunit cases")
			[ "$ok" -gt 0 ] || record "$name" 1 "no KUnit case results"
			continue
		fi
		if ! console_in_order "$OOMTRACE_TOP/tests/vm/$t.sh" "$results/$k-$t/console.log"; then
			awk '/init: running/ {p=1} p' "$results/$k-$t/console.log" | tail -n 120 | tr -d '\r'
			record "$name" 1 "console order"
			continue
		fi
		# A replay that ends in a panic cannot run the reader in the
		# guest: the host reads the same console instead.
		if [ "$outcome" = oom-panic ] && [[ "$t" == replay-* ]] &&
			! reader_agrees "$OOMTRACE_TOP/user/build/oomtrace" \
				"$results/$k-$t/console.log" "$results/$k-$t/console.log"; then
			record "$name" 1 "the reader and the module disagree"
			continue
		fi
		record "$name" 0 "$outcome, $took s"
	done
	kernel_minutes[$k]=$(((SECONDS - kernel_start) / 60))
done

cur_kernel=
wait "$prebuild" 2>/dev/null || true
if [ ${#kernel_passed[@]} -gt 0 ]; then
	echo "== per kernel"
	for k in $kernels; do
		[ -n "${kernel_passed[$k]:-}" ] || continue
		printf '%-16s %3d passed, %d failed, %s min\n' "$k" "${kernel_passed[$k]}" \
			"${kernel_failed[$k]}" "${kernel_minutes[$k]:-?}"
	done
fi
if [ ${#failures[@]} -gt 0 ]; then
	echo "failed: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
