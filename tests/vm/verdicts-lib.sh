# SPDX-License-Identifier: GPL-2.0
# kernels: none
# What the module's verdicts and the reader's verdict are, in one
# vocabulary, so a test can check that they agree. Sourced in the guest
# (busybox sh, replay-lib.sh) and on the host (check.sh, for replays that
# end in a panic, where the guest cannot run the reader afterwards).

# module_causes LOG: the reader's verdict kinds that the module's verdict
# lines in LOG ("oomtrace: verdict: ...", console prefixes allowed) name.
# What only the module can see (a stuck device, a callsite) maps to none.
module_causes() {
	sed -n 's/^.*oomtrace: verdict: //p' "$1" | tr -d '\r' | while read -r line; do
		case "$line" in
		"memcg limit:"*) echo memcg_limit memcg_kmem ;;
		"cpuset constraint"*) echo cpuset ;;
		"mempolicy constraint"*) echo mempolicy ;;
		"free memory is mostly CMA"*) echo cma ;;
		"hugepages:"*) echo hugepages ;;
		"process "*) echo single_process process_group ;;
		"unreclaimable slab"*) echo slab ;;
		*"accounted to no slab"*) echo unaccounted ;;
		esac
	done | tr '\n' ' '
}

# reader_kind READER LOG: the verdict kind `READER explain --json` gives
# the first OOM report in LOG, or nothing.
reader_kind() {
	"$1" explain --json "$2" | tr -d '\n' |
		grep -o '"verdict": *{ *"kind": *"[a-z_]*"' | head -n1 | sed 's/.*"\([a-z_]*\)"$/\1/'
}

# reader_agrees READER LOG MODULE_LINES: say whether the reader's verdict
# on the kernel's report in LOG is one of the causes the module's verdict
# lines (in MODULE_LINES) name; return 1 if not.
reader_agrees() {
	local kind named
	kind=$(reader_kind "$1" "$2")
	named=$(module_causes "$3")
	case " $named " in
	*" ${kind:-none} "*)
		echo "ok: the reader's verdict on the kernel's report ($kind) is one of oomtrace's"
		;;
	*)
		"$1" explain "$2" | tail -n 3
		echo "the reader says '${kind:-nothing}', oomtrace's verdicts name:${named:- none of its causes}"
		return 1
		;;
	esac
}
