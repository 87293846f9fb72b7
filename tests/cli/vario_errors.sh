#!/bin/bash
# vario_errors.sh — `reemud vario` usage errors (exit 2), input failures
# (exit 1, "reemud: error: FILE:LINE: field ..."), no partial or clobbered
# output, and the downhole mode.
set -uo pipefail
: "${REEMUD:?}" "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
dir="$REEMUD_TEST_TMP/vario_errors"
rm -rf "$dir" && mkdir -p "$dir"
data="$REEMUD_SOURCE_DIR/tests/data/meuse.csv"
fail=0

# expect STATUS PATTERN ARGS...: exit status and a pattern in stderr.
expect() {
    local want=$1 pattern=$2
    shift 2
    "$REEMUD" vario "$@" > "$dir/out" 2> "$dir/err"
    local got=$?
    if [ "$got" != "$want" ] || ! grep -q -- "$pattern" "$dir/err"; then
        echo "FAIL: vario $* -> $got (want $want), stderr:"; cat "$dir/err"; fail=1
    fi
}

"$REEMUD" vario --help | grep -q -- '--direction' || { echo "FAIL: --help"; fail=1; }
expect 2 "are required" --data "$data" --coords x,y --out "$dir/a.csv"
expect 2 "needs a value" --data "$data" --coords x,y --value zinc --out "$dir/a.csv" --cutoff
expect 2 "unknown option" --data "$data" --coords x,y --value zinc --out "$dir/a.csv" --bogus
expect 2 "is not a number" --data "$data" --coords x,y --value zinc --out "$dir/a.csv" --width abc
expect 2 "outside" --data "$data" --coords x,y --value zinc --out "$dir/a.csv" --cutoff -5
expect 2 "expected x,y" --data "$data" --coords x --value zinc --out "$dir/a.csv"
expect 2 "tolerance" --data "$data" --coords x,y --value zinc --out "$dir/a.csv" --direction 0,0,95
expect 2 "needs --direction" --data "$data" --coords x,y --value zinc --out "$dir/a.csv" --bandwidth 5
expect 2 "three --coords" --data "$data" --coords x,y --value zinc --out "$dir/a.csv" --hole soil
expect 2 "column 18: missing ')'" --data "$data" --coords x,y --value zinc --out "$dir/a.csv" --fit "1 Nug + 1 Sph(900"
expect 2 "is not range, sill" --data "$data" --coords x,y --value zinc --out "$dir/a.csv" --fit "1 Sph(9)" --fix slil
expect 2 "--fix needs --fit" --data "$data" --coords x,y --value zinc --out "$dir/a.csv" --fix range
expect 1 "meuse.csv:2: field 'landuse': 'Ah' is not a finite number" --data "$data" --coords x,y --value landuse --out "$dir/a.csv"
expect 1 "no column 'zn'" --data "$data" --coords x,y --value zn --out "$dir/a.csv"
expect 1 "cannot open" --data "$dir/none.csv" --coords x,y --value zinc --out "$dir/a.csv"
printf 'x,y,v\n0,0,1\n1,0,-2\n' > "$dir/neg.csv"
expect 1 "neg.csv:3: field 'v': -2: --log needs values > 0" --data "$dir/neg.csv" --coords x,y --value v --log --out "$dir/a.csv"
[ -e "$dir/a.csv" ] && { echo "FAIL: output left after errors"; fail=1; }

# Never clobber without --force.
echo mine > "$dir/keep.csv"
expect 1 "use --force" --data "$data" --coords x,y --value zinc --out "$dir/keep.csv"
grep -qx mine "$dir/keep.csv" || { echo "FAIL: keep.csv overwritten"; fail=1; }
"$REEMUD" -q vario --data "$data" --coords x,y --value zinc --out "$dir/keep.csv" --force ||
    { echo "FAIL: --force"; fail=1; }

# Downhole: two holes 1 km apart, values z-independent within a hole except
# a step; pairs across holes must not count.  Hole A: v = 0,1,0,1 at 1 m
# spacing; hole B: 10,11,10,11.  Lag 1: 6 pairs, each (1)^2 -> gamma 0.5.
printf 'hole,x,y,mbsf,v\n' > "$dir/dh.csv"
for d in 0 1 2 3; do
    printf 'A,0,0,%d,%d\nB,1000,0,%d,%d\n' "$d" $((d % 2)) "$d" $((10 + d % 2)) >> "$dir/dh.csv"
done
"$REEMUD" -q vario --data "$dir/dh.csv" --coords x,y,mbsf --value v --hole hole --cutoff 3 \
    --width 1 --out "$dir/dh_out.csv" || { echo "FAIL: downhole"; fail=1; }
want='np,dist,gamma
6,1,0.5
4,2,0
2,3,0.5'
[ "$(cat "$dir/dh_out.csv")" = "$want" ] || { echo "FAIL: downhole output:"; cat "$dir/dh_out.csv"; fail=1; }
[ $fail = 0 ] && echo ok
exit $fail
