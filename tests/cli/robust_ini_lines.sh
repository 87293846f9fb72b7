#!/usr/bin/env bash
# A project-file line of 200 characters or more is never
# cut and its rest read as a new line.  A long comment is a comment whatever
# its length; a long key = value line is read whole.
set -u
: "${REEMUD:?path of the reemud binary}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/robust_ini_lines
rm -rf "$tmp"
mkdir -p "$tmp/data"
fail=0
"$REEMUD" -q synth --out "$tmp/data" --nx 6 --ny 6 --extent 560000,2420000,572000,2432000 \
  --holes 6 --waves 100 >/dev/null || { echo "FAIL: synth"; exit 1; }
pad=$(printf 'x%.0s' $(seq 1 300))
cuts=$(seq -f '%.3f' -s ' ' 100 10 420)   # 33 cut-offs: more than 200 characters
[ ${#cuts} -gt 200 ] || { echo "FAIL: test setup"; exit 1; }
cat >"$tmp/long.ini" <<INI
[project]
crs = EPSG:32656
; $pad dz_m = 5
[data]
collars = data/collars.csv
assays = data/assays.csv
[grid]
dx_m = 2000
dy_m = 2000
# $pad dz_m = 5
[estimate]
cutoffs_ppm = $cuts
INI
"$REEMUD" -q estimate "$tmp/long.ini" --out "$tmp/out" >"$tmp/out.txt" 2>"$tmp/err.txt"
rc=$?
# 33 cut-offs is one more than the 32 allowed: the error must name line 12
# and cutoffs_ppm, not a syntax error elsewhere.
[ $rc -eq 1 ] || { echo "FAIL: 33 cut-offs: exit $rc"; fail=1; }
grep -q "long.ini:12: field 'estimate.cutoffs_ppm'" "$tmp/err.txt" || { echo "FAIL: long list message"; cat "$tmp/err.txt"; fail=1; }
grep -q "syntax error" "$tmp/err.txt" && { echo "FAIL: long line read as two"; fail=1; }
# 32 cut-offs on a long line (with long comments) work, and the comments
# do not set dz_m: the model keeps dz_m = 1 (10 layers over 0-10 mbsf).
cuts=$(seq -f '%.3f' -s ' ' 1000 10 1310)
sed -i "s/^cutoffs_ppm = .*/cutoffs_ppm = $cuts/" "$tmp/long.ini"
"$REEMUD" estimate "$tmp/long.ini" --out "$tmp/out" >"$tmp/out.txt" 2>"$tmp/err.txt" || { echo "FAIL: 32 cut-offs on a long line"; cat "$tmp/err.txt"; fail=1; }
grep -q "x 10 blocks of 2000 x 2000 x 1 m" "$tmp/err.txt" || { echo "FAIL: a long comment changed the grid"; grep blocks "$tmp/err.txt"; fail=1; }
[ "$(grep -c '^block,all,1310,' "$tmp/out/grade_tonnage.csv" 2>/dev/null || true)" -ge 1 ] || { echo "FAIL: last cut-off missing"; head -3 "$tmp/out/grade_tonnage.csv"; fail=1; }
exit $fail
