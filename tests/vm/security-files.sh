# kernels: stock debug distro
# The module's files are root's alone: 0400, and 0600 for control. Even
# where debugfs itself is opened to everyone (mode 0755), an unprivileged
# user reads none of them and writes nothing to control, and the state
# is unchanged after the attempts. Nothing the module prints, in its
# files or in the kernel log at an OOM, carries a kernel address: sites
# are symbol+offset/size, never a pointer value.
load oomtrace
load fixture_skb_leak count=37 size=1500
# An OOM report too, so its lines are checked for addresses as well.
log_mark
sysrq_oom
wait_until 10 "the OOM report in the oom file" grep -q '^report 1 ' $OT/oom

nobody=65534
# debugfs is mounted 0700 here, as on most systems; open it up so the
# files' own modes are what is tested.
chmod 0755 /sys/kernel/debug
files=0
for f in $OT/*; do
	name=${f##*/}
	want=400
	[ "$name" = control ] && want=600
	expect_eq "$name: mode" "$want" "$(stat -c %a "$f")"
	expect_eq "$name: owner" 0:0 "$(stat -c %u:%g "$f")"
	asuser $nobody cat "$f" >/tmp/out 2>/tmp/err && fail "uid $nobody read $name"
	[ -s /tmp/out ] && fail "uid $nobody got bytes from $name"
	grep -q "Permission denied" /tmp/err || { cat /tmp/err; fail "$name: not EACCES for uid $nobody"; }
	files=$((files + 1))
done
expect_eq "files checked" 8 "$files"
echo "ok: $files files root-only"

# Writes as nobody: refused, and nothing changed.
before=$(awk '$1 == "objects_live" || $1 == "enabled" { print $1, $2 }' $OT/stats)
for cmd in reset disable "garbage"; do
	asuser $nobody sh -c "echo $cmd >$OT/control" 2>/tmp/err && fail "uid $nobody wrote '$cmd' to control"
	grep -q "Permission denied" /tmp/err || { cat /tmp/err; fail "control: not EACCES for '$cmd'"; }
done
expect_eq "state after refused writes" "$before" \
	"$(awk '$1 == "objects_live" || $1 == "enabled" { print $1, $2 }' $OT/stats)"
expect_eq "the leak is still counted" 37 "$(site skb fixture_skb_leak_alloc 2)"
echo "ok: control refuses uid $nobody and the state is unchanged"

# No kernel addresses: a 64-bit kernel pointer starts ffff (x86_64,
# arm64); a 32-bit one is 8 hex digits from c0000000 up.
addr='(^|[^0-9a-fA-Fx])(0x)?(ffff[0-9a-f]{12}|[c-f][0-9a-f]{7})([^0-9a-f]|$)'
for f in $OT/*; do
	[ "${f##*/}" = control ] && continue
	grep -Eq "$addr" "$f" && { grep -E "$addr" "$f" | head -n 3; fail "${f##*/} prints a kernel address"; }
done
log_since_mark | grep 'oomtrace: ' >/tmp/lines
[ -s /tmp/lines ] || fail "no oomtrace lines in the kernel log at the OOM"
grep -Eq "$addr" /tmp/lines && { grep -E "$addr" /tmp/lines | head -n 3; fail "the OOM lines print a kernel address"; }
echo "ok: no kernel address in $(ls $OT | wc -l) files and $(wc -l </tmp/lines) OOM lines"
chmod 0700 /sys/kernel/debug
rmmod fixture_skb_leak
rmmod oomtrace
