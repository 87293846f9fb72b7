#!/usr/bin/env bash
# The smaller findings of a new user's trial, one check each.
set -u
: "${REEMUD:?path of the reemud binary}"
: "${REEMUD_SOURCE_DIR:?source tree}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/robust_small
rm -rf "$tmp"
mkdir -p "$tmp/data"
fail=0
F() { echo "FAIL: $*"; fail=1; }
M="$REEMUD_SOURCE_DIR/tests/data/meuse.csv"
"$REEMUD" -q synth --out "$tmp/data" --nx 6 --ny 6 --extent 560000,2420000,572000,2432000 \
  --holes 6 --waves 100 >/dev/null || { echo "FAIL: synth"; exit 1; }
base='[project]
crs = EPSG:32656
[data]
collars = data/collars.csv
assays = data/assays.csv'

# check rejects what estimate rejects (unknown [grid] key, dx_m = 0, bad MODEL, nmin > nmax)
for extra in $'[grid]\ndxx_m = 3' $'[grid]\ndx_m = 0' $'[variogram]\nmodel = 1 Sph(100' \
             $'[estimate]\nnmin = 30\nnmax = 10' $'[variogram]\nmodel = 1 Sph(100, 200)'; do
  printf '%s\n%s\n' "$base" "$extra" >"$tmp/c.ini"
  "$REEMUD" -q check "$tmp/c.ini" >/dev/null 2>"$tmp/c.err"; rc=$?
  "$REEMUD" -q estimate "$tmp/c.ini" --out "$tmp/c_out" >/dev/null 2>&1; rce=$?
  [ $rc -eq 1 ] && [ $rce -eq 1 ] || F "check/estimate disagree on '${extra//$'\n'/ }': check $rc, estimate $rce"
  grep -q "c.ini:[0-9]*:" "$tmp/c.err" || F "check message for '${extra//$'\n'/ }' names no line: $(cat "$tmp/c.err")"
done

# a NUL byte, an empty, a binary and a UTF-16 collars file: one message naming the cause
printf 'hole_id,lon,lat,water_depth_m,length_m\nA\0B,153.6,21.9,5700,10\n' >"$tmp/col_nul.csv"
: >"$tmp/col_empty.csv"
printf 'PK\003\004\024\000\006\000binary' >"$tmp/col_bin.csv"
printf 'hole_id,lon,lat,water_depth_m,length_m\nSY01,153.6,21.9,5700,10\n' | iconv -f utf-8 -t utf-16 >"$tmp/col_u16.csv"
for c in "nul:NUL" "empty:file is empty" "bin:not a text CSV" "u16:UTF-16"; do
  name=${c%%:*}; want=${c#*:}
  printf '[project]\ncrs = EPSG:32656\n[data]\ncollars = col_%s.csv\nassays = data/assays.csv\n' $name >"$tmp/$name.ini"
  "$REEMUD" -q check "$tmp/$name.ini" >/dev/null 2>"$tmp/$name.err"; rc=$?
  [ $rc -eq 1 ] || F "$name collars: exit $rc"
  grep -q "$want" "$tmp/$name.err" || F "$name collars: message lacks '$want': $(head -2 "$tmp/$name.err")"
  grep -q "longer than" "$tmp/$name.err" && F "$name collars: blamed on the id length"
  n=$(grep -c '^error:' "$tmp/$name.err")
  [ "$n" -le 1 ] || F "$name collars: $n messages (a cascade)"
done

# vario --fit that fails still writes the experimental variogram
"$REEMUD" -q vario --data "$M" --coords x,y --value zinc --width 100000 --cutoff 1000 \
  --fit "1 Nug + 1 Sph(100) + 1 Exp(200)" --out "$tmp/v.csv" 2>"$tmp/v.err"; rc=$?
[ $rc -eq 1 ] || F "failed fit: exit $rc"
head -1 "$tmp/v.csv" 2>/dev/null | grep -q '^np,dist,gamma$' || F "failed fit wrote no experimental variogram"
grep -q "experimental variogram is in" "$tmp/v.err" || F "failed fit message: $(cat "$tmp/v.err")"

# krige --xval loo on one datum: an error, no NaN statistics
printf 'x,y,v\n1,2,3\n' >"$tmp/one.csv"
"$REEMUD" krige --data "$tmp/one.csv" --coords x,y --value v --model "1 Sph(10)" --xval loo \
  --out "$tmp/x.csv" >"$tmp/x.out" 2>&1; rc=$?
[ $rc -eq 1 ] || F "xval of one datum: exit $rc"
grep -qiw nan "$tmp/x.out" && F "xval of one datum printed NaN"

# minor range > major, azimuth 400: errors naming the structure
for model in "1 Sph(100, 200)" "1 Sph(200, 100; 400)" "1 Sph(200, 100, 50; 30, 95, 0)"; do
  "$REEMUD" -q krige --data "$M" --coords x,y --value zinc --model "$model" \
    --grid 179000:100:2,330000:100:2 --out "$tmp/k.csv" --force >/dev/null 2>"$tmp/k.err"; rc=$?
  [ $rc -ne 0 ] || F "model '$model' accepted"
  grep -q "structure 1 (Sph)" "$tmp/k.err" || F "model '$model': $(cat "$tmp/k.err")"
done

# seeds: one range (0 .. 2^31-1) for --seed and every seed key
printf '%s\n[project]\n' "$base" >/dev/null
printf '[project]\ncrs = EPSG:32656\nseed = 2147483648\n[data]\ncollars = data/collars.csv\nassays = data/assays.csv\n' >"$tmp/seed.ini"
"$REEMUD" -q check "$tmp/seed.ini" >/dev/null 2>"$tmp/seed.err" && F "[project] seed 2^31 accepted"
grep -q "2147483647" "$tmp/seed.err" || F "seed range message: $(cat "$tmp/seed.err")"
"$REEMUD" -q krige --data "$M" --coords x,y --value zinc --model "1 Sph(900)" \
  --grid 179000:100:2,330000:100:2 --sim 1 --seed 2147483648 --out "$tmp/s.csv" >/dev/null 2>&1 && F "--seed 2^31 accepted"

# --threads 0 means all, as threads = 0 does
"$REEMUD" -q krige --data "$M" --coords x,y --value zinc --model "1 Sph(900)" \
  --grid 179000:100:2,330000:100:2 --threads 0 --out "$tmp/t.csv" >/dev/null 2>"$tmp/t.err" || F "--threads 0: $(cat "$tmp/t.err")"

# the airlift's console line names the compressor, not a pump
"$REEMUD" lift --system airlift --out "$tmp/lift" >/dev/null 2>"$tmp/lift.err" || F "lift airlift: $(tail -2 "$tmp/lift.err")"
grep -q "lift: airlift.*compressor" "$tmp/lift.err" || F "airlift line: $(grep 'lift:' "$tmp/lift.err")"
grep -q "lift: airlift.*pump" "$tmp/lift.err" && F "airlift line calls the compressor a pump"

# grade_tonnage.csv: the block/column count is 'count', not 'units'
printf '%s\n[grid]\ndx_m = 2000\ndy_m = 2000\n' "$base" >"$tmp/e.ini"
(cd "$tmp" && "$REEMUD" -q estimate e.ini >/dev/null 2>&1) || F "estimate e.ini"
head -1 "$tmp/estimate/grade_tonnage.csv" | grep -q ',reo_t,count,' || F "grade_tonnage header: $(head -1 "$tmp/estimate/grade_tonnage.csv")"
# [mine] blockmodel defaults to the estimate's model (estimate/block_model.nc)
printf '[economics]\ndraws = 20\n' >>"$tmp/e.ini"
(cd "$tmp" && "$REEMUD" -q chain e.ini --out chain >/dev/null 2>"$tmp/chain.err") || F "chain without [mine] blockmodel: $(cat "$tmp/chain.err")"

# docs/project-file.md gives the classification distances the code uses (1/3, 2/3, 1.5 x range)
grep -q '`measured_max_dist_m` | number ≥ 0 | ⅓ × the variogram range' "$REEMUD_SOURCE_DIR/docs/project-file.md" ||
  F "docs/project-file.md: measured_max_dist_m default"
grep -q '`inferred_max_dist_m` | number ≥ 0 | 1.5 × the range' "$REEMUD_SOURCE_DIR/docs/project-file.md" ||
  F "docs/project-file.md: inferred_max_dist_m default"
exit $fail
