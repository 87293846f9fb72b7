#!/usr/bin/env bash
# Bad configuration gives a clear error naming the file, line and key, and
# writes nothing; a run that fails while writing leaves no partial file
# under a final name.
set -u
: "${REEMUD:?path of the reemud binary}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/estimate_errors
rm -rf "$tmp"
mkdir -p "$tmp/data"
fail=0
"$REEMUD" -q synth --out "$tmp/data" --nx 6 --ny 6 --extent 560000,2420000,572000,2432000 \
  --holes 6 --waves 100 >/dev/null || { echo "FAIL: synth"; exit 1; }
base='[project]
crs = EPSG:32656
[data]
collars = data/collars.csv
assays = data/assays.csv'

# case NAME EXPECTED-MESSAGE-FRAGMENT EXTRA-INI
case_() {
  local name=$1 want=$2 extra=$3
  printf '%s\n%s\n' "$base" "$extra" >"$tmp/$name.ini"
  "$REEMUD" -q estimate "$tmp/$name.ini" --out "$tmp/out_$name" 2>"$tmp/$name.err"
  local rc=$?
  [ $rc -eq 1 ] || { echo "FAIL: $name: exit $rc, expected 1"; fail=1; }
  grep -qF -- "$want" "$tmp/$name.err" || { echo "FAIL: $name: message lacks '$want':"; cat "$tmp/$name.err"; fail=1; }
  # (only the hidden marker of an unfinished run may be there)
  if [ -d "$tmp/out_$name" ] && [ -n "$(ls -A "$tmp/out_$name" | grep -vx '.reemud-unfinished')" ]; then
    echo "FAIL: $name: wrote files"; ls -A "$tmp/out_$name"; fail=1
  fi
}
case_ not_covering "does not cover core" '[grid]
x_min = 100000
x_max = 200000'
case_ zero_block "field 'grid.dx_m': block size must be positive" '[grid]
dx_m = 0'
case_ negative_block "grid.dz_m" '[grid]
dz_m = -1'
case_ unknown_element "unknown element 'Xx'" '[estimate]
elements = REY, Xx'
case_ missing_element "Dy is missing" '[estimate]
elements = La Ce Pr Nd Sm Eu Gd Tb Ho Er Tm Yb Lu Y'
case_ bad_model "field 'variogram.model': variogram model does not parse" '[variogram]
model = 0.5 Sph(100'
case_ bad_element_model "variogram.model_Dy" '[variogram]
model_Dy = 1 Foo(3)'
case_ unknown_key "unknown key 'nmaxx' in [estimate]" '[estimate]
nmaxx = 3'
case_ bad_depth "grid.bottom_mbsf" '[grid]
top_mbsf = 5
bottom_mbsf = 2'
case_ bad_method "estimate.method" '[estimate]
method = universal'
case_ bad_downhole_samples "variogram.downhole_samples" '[variogram]
downhole_samples = raw'
case_ bad_standardise "variogram.standardise_slices" '[variogram]
standardise_slices = maybe'
grep -q ':7: field' "$tmp/zero_block.err" || { echo "FAIL: zero_block: no line number"; cat "$tmp/zero_block.err"; fail=1; }

# A failure while writing (an output name taken by a directory, with
# --force) fails and leaves no temporary or partial file behind.
printf '%s\n[grid]\ndx_m = 2000\ndy_m = 2000\n' "$base" >"$tmp/good.ini"
mkdir -p "$tmp/out_fail/cores.gpkg/keep"
"$REEMUD" -q estimate "$tmp/good.ini" --out "$tmp/out_fail" --force 2>"$tmp/fail.err"
[ $? -eq 1 ] || { echo "FAIL: write failure did not fail"; fail=1; }
grep -q 'reemud: error:' "$tmp/fail.err" || { echo "FAIL: write failure message"; cat "$tmp/fail.err"; fail=1; }
ls -a "$tmp/out_fail" | grep -q '\.tmp\.' && { echo "FAIL: temporary file left"; ls -a "$tmp/out_fail"; fail=1; }
[ -d "$tmp/out_fail/cores.gpkg/keep" ] || { echo "FAIL: the directory was touched"; fail=1; }
[ -e "$tmp/out_fail/run.json" ] && { echo "FAIL: run.json written for a failed run"; fail=1; }
exit $fail
