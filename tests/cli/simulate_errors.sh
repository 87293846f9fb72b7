#!/usr/bin/env bash
# reemud simulate: usage errors exit 2, bad [simulate] keys name file and
# line, and an existing output is not overwritten without --force.
set -uo pipefail
: "${REEMUD:?}" "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
t="$REEMUD_TEST_TMP/simulate_errors"; rm -rf "$t"; mkdir -p "$t"
ex="$REEMUD_SOURCE_DIR/examples/minamitorishima"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$REEMUD" simulate --help | grep -q "P10" || fail "--help"
"$REEMUD" simulate 2>/dev/null; [ $? -eq 2 ] || fail "no project: exit 2"
"$REEMUD" simulate "$ex/project.ini" --realizations 0 2>/dev/null; [ $? -eq 2 ] || fail "--realizations 0"

cp "$ex"/collars.csv "$ex"/assays.csv "$t/"
{ cat "$ex/project.ini"; printf '[simulate]\nrealizations = many\nnmaxx = 3\n'; } > "$t/project.ini"
line_bad=$(grep -n '^realizations = many' "$t/project.ini" | cut -d: -f1)
err=$("$REEMUD" simulate "$t/project.ini" --out "$t/out" 2>&1); rc=$?
[ $rc -ne 0 ] || fail "bad key accepted"
echo "$err" | grep -q "project.ini:$line_bad: field 'simulate.realizations'" || fail "no file:line for the bad value: $err"
echo "$err" | grep -q "unknown key 'nmaxx'" || fail "unknown key not reported: $err"
[ ! -e "$t/out/simulation_summary.json" ] || fail "partial output left"

mkdir -p "$t/keep"; echo mine > "$t/keep/simulation_summary.json"
"$REEMUD" simulate "$ex/project.ini" --out "$t/keep" 2>/dev/null; [ $? -ne 0 ] || fail "overwrote"
grep -q mine "$t/keep/simulation_summary.json" || fail "user file changed"
mkdir -p "$t/maps"; echo mine > "$t/maps/prob_above_1000ppm.tif"
"$REEMUD" simulate "$ex/project.ini" --out "$t/maps" 2>/dev/null; [ $? -ne 0 ] || fail "overwrote a probability map"
grep -q mine "$t/maps/prob_above_1000ppm.tif" || fail "user map changed"
echo ok
