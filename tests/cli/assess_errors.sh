#!/usr/bin/env bash
# reemud assess, fast paths: --help, usage errors exit 2, a bad key in any
# stage's section fails at the check (before the estimate) naming file and
# line, and a previous assess or a user's file is not overwritten without
# --force.
set -uo pipefail
: "${REEMUD:?}" "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
t="$REEMUD_TEST_TMP/assess_errors"; rm -rf "$t"; mkdir -p "$t"
ex="$REEMUD_SOURCE_DIR/examples/minamitorishima"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$REEMUD" assess --help | grep -q "report.html" || fail "--help"
"$REEMUD" assess a.ini b.ini 2>/dev/null; [ $? -eq 2 ] || fail "two projects: exit 2"
"$REEMUD" assess --realizations 0 2>/dev/null; [ $? -eq 2 ] || fail "--realizations 0: exit 2"
"$REEMUD" assess --threads x 2>/dev/null; [ $? -eq 2 ] || fail "--threads x: exit 2"
"$REEMUD" assess --bogus 2>/dev/null; [ $? -eq 2 ] || fail "unknown option: exit 2"
"$REEMUD" assess "$t/missing.ini" --out "$t/m" 2>/dev/null; [ $? -eq 1 ] || fail "missing project: exit 1"

# A bad value in [economics] and an unknown key in [lift] fail at the check,
# both reported, before any stage runs (the progress log shows no estimate;
# no wall-clock limit: a loaded machine must not fail the test).
cp "$ex"/collars.csv "$ex"/assays.csv "$t/"
{ cat "$ex/project.ini"; printf '[economics]\ndiscount_rate = lots\n[lift]\ndiameterr_m = 0.3\n[supply]\nsankey_element = Xx\n'; } > "$t/project.ini"
line_bad=$(grep -n '^discount_rate = lots' "$t/project.ini" | cut -d: -f1)
line_sup=$(grep -n '^sankey_element = Xx' "$t/project.ini" | cut -d: -f1)
err=$("$REEMUD" assess "$t/project.ini" --out "$t/out" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "bad key accepted (rc $rc): $err"
echo "$err" | grep -q "project.ini:$line_bad: field 'economics.discount_rate'" || fail "no file:line for the bad value: $err"
echo "$err" | grep -q "diameterr_m" || fail "unknown [lift] key not reported: $err"
echo "$err" | grep -q "project.ini:$line_sup: field 'supply.sankey_element'" || fail "bad [supply] value not reported: $err"
echo "$err" | grep -q "\[2/[0-9]*\] estimate" && fail "the estimate ran before the check failed"
[ ! -e "$t/out/estimate/block_model.nc" ] || fail "the estimate ran after a failed check"
[ ! -e "$t/out/report.html" ] || fail "report written after a failed check"

# Refuse to overwrite: a top-level file, or a stage's file in a sub-folder.
mkdir -p "$t/keep"; echo mine > "$t/keep/report.html"
"$REEMUD" assess --out "$t/keep" 2>/dev/null; [ $? -eq 1 ] || fail "overwrote report.html"
grep -q mine "$t/keep/report.html" || fail "user file changed"
mkdir -p "$t/keep2/estimate"; echo mine > "$t/keep2/estimate/block_model.nc"
err=$("$REEMUD" assess --out "$t/keep2" 2>&1); [ $? -eq 1 ] || fail "overwrote estimate/block_model.nc"
echo "$err" | grep -q "force" || fail "no hint about --force: $err"
grep -q mine "$t/keep2/estimate/block_model.nc" || fail "user file in estimate/ changed"
mkdir -p "$t/keep3/supply"; echo mine > "$t/keep3/supply/supply_balance.csv"
"$REEMUD" assess --out "$t/keep3" 2>/dev/null; [ $? -eq 1 ] || fail "overwrote supply/supply_balance.csv"
grep -q mine "$t/keep3/supply/supply_balance.csv" || fail "user file in supply/ changed"
echo ok
