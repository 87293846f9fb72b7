#!/usr/bin/env bash
# A reporting window that a block straddles
# (dz_m larger than the window, or a bound inside a layer of blocks) or that
# lies outside the model is an error naming the keys, never a resource over
# a different interval with exit 0.
set -u
: "${REEMUD:?path of the reemud binary}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/robust_window
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
case_() {
  local name=$1 want=$2 extra=$3
  printf '%s\n%s\n' "$base" "$extra" >"$tmp/$name.ini"
  for cmd in check estimate; do
    local out=(--out "$tmp/out_$name"); [ $cmd = check ] && out=()
    "$REEMUD" -q $cmd "$tmp/$name.ini" "${out[@]}" >"$tmp/$name.out" 2>"$tmp/$name.err"
    local rc=$?
    [ $rc -eq 1 ] || { echo "FAIL: $cmd $name: exit $rc, expected 1"; cat "$tmp/$name.out"; fail=1; }
    grep -qF -- "$want" "$tmp/$name.err" || { echo "FAIL: $cmd $name: message lacks '$want':"; cat "$tmp/$name.err"; fail=1; }
  done
}
case_ dz_taller "field 'estimate.report_bottom_mbsf': 10 falls inside the layer of blocks 0-50 mbsf" '[grid]
dz_m = 50
bottom_mbsf = 50'
case_ bound_inside "field 'estimate.report_top_mbsf': 1 falls inside the layer of blocks 0-3 mbsf" '[grid]
dz_m = 3
bottom_mbsf = 12
[estimate]
report_top_mbsf = 1
report_bottom_mbsf = 9'
case_ outside "field 'estimate.report_top_mbsf': the reporting window 20-30 mbsf lies outside the model (grid.top_mbsf 0 to grid.bottom_mbsf 10)" '[estimate]
report_top_mbsf = 20
report_bottom_mbsf = 30'
case_ below "field 'estimate.report_bottom_mbsf': 12 is below the model's bottom (grid.bottom_mbsf 10)" '[estimate]
report_bottom_mbsf = 12'
case_ column "field 'estimate.column_depth_m': 2.5 falls inside the layer of blocks 2-3 mbsf" '[estimate]
column_depth_m = 2.5'
case_ column_deep "field 'estimate.column_depth_m': 10 is below the model's bottom (grid.bottom_mbsf 6)" '[grid]
bottom_mbsf = 6
[estimate]
report_bottom_mbsf = 6'
# [simulate]'s window too (it reported 0 t for a window below the model)
for cmd in check simulate; do
  printf '%s\n[simulate]\nrealizations = 2\ntop_mbsf = 20\nbottom_mbsf = 30\n' "$base" >"$tmp/simwin.ini"
  out=(--out "$tmp/out_simwin"); [ $cmd = check ] && out=()
  "$REEMUD" -q $cmd "$tmp/simwin.ini" "${out[@]}" >/dev/null 2>"$tmp/simwin.err"; rc=$?
  [ $rc -eq 1 ] || { echo "FAIL: $cmd [simulate] window outside: exit $rc"; fail=1; }
  grep -q "field 'simulate.top_mbsf': the reporting window 20-30 mbsf lies outside the model" "$tmp/simwin.err" || { echo "FAIL: $cmd simwin message"; cat "$tmp/simwin.err"; fail=1; }
done
# A window on block boundaries inside the model is fine and reports its own interval.
printf '%s\n[grid]\ndz_m = 2\nbottom_mbsf = 12\n[estimate]\nreport_top_mbsf = 2\nreport_bottom_mbsf = 8\ncolumn_depth_m = 6\n' "$base" >"$tmp/ok.ini"
"$REEMUD" -q estimate "$tmp/ok.ini" --out "$tmp/out_ok" >"$tmp/ok.out" 2>"$tmp/ok.err" || { echo "FAIL: ok window"; cat "$tmp/ok.err"; fail=1; }
exit $fail
