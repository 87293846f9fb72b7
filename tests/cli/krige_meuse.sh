#!/usr/bin/env bash
# `reemud krige` end to end on meuse: estimates equal gstat's (reference
# files from bench/gstat/krige_cases.R), grid row order, cross-validation
# statistics equal gstat's krige.cv, and the error paths.
. "$REEMUD_SOURCE_DIR/tests/cli/lib/check.sh"
set -u
: "${REEMUD:?path of the reemud binary}"
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/krige_meuse
rm -rf "$tmp"; mkdir -p "$tmp"
d=$src/tests/data/gstat
fail=0
model="0.05066243 Nug + 0.5906078 Sph(897.0209)"

# 1. point OK, nmax 20, two value columns: logzinc matches gstat
"$REEMUD" krige --data "$d/krige_meuse.csv" --coords x,y --value logzinc,zinc --model "$model" \
  --targets "$d/krige_targets2d.csv" --nmax 20 --out "$tmp/ok.csv" 2>"$tmp/ok.err" || { echo "FAIL ok run"; cat "$tmp/ok.err"; fail=1; }
head -1 "$tmp/ok.csv" | grep -qx 'x,y,logzinc_est,logzinc_var,zinc_est,zinc_var,n,mean_dist,lagrange,slope,ke' \
  || { echo "FAIL header: $(head -1 "$tmp/ok.csv")"; fail=1; }
paste -d, <(tail -n +2 "$tmp/ok.csv") <(tail -n +2 "$d/krige_meuse_ok_point.csv") | awk -F, "$RM_AWK_NUM"'
  { if (!rm_close($3, $12, 2.8e-6) || !rm_close($4, $13, 1e-6)) { bad++; print "row " NR ": " $3 " vs " $12 } n++ }
  END { if (bad || n != 309) { print "FAIL ok: " bad " rows differ of " n; exit 1 } }' || fail=1

# 2. block kriging, gstat's blockkr test: (181170, 333250), Gauss and regular 4x4
printf 'x,y\n181170,333250\n' >"$tmp/t.csv"
"$REEMUD" krige --data "$d/krige_meuse.csv" --coords x,y --value zinc --model "2.42e4 Nug + 1.34e5 Sph(800)" \
  --targets "$tmp/t.csv" --nmax 40 --block 40,40 --out "$tmp/bk.csv" 2>/dev/null
"$REEMUD" krige --data "$d/krige_meuse.csv" --coords x,y --value zinc --model "2.42e4 Nug + 1.34e5 Sph(800)" \
  --targets "$tmp/t.csv" --nmax 40 --block 40,40 --discr 4 --out "$tmp/bk4.csv" 2>/dev/null
awk -F, 'NR == 2 { if (sprintf("%.4f %.2f", $3, $4) != "268.7576 19447.67") { print "FAIL blockkr gauss: " $3 " " $4; exit 1 } }' "$tmp/bk.csv" || fail=1
awk -F, 'NR == 2 { if (sprintf("%.4f %.2f", $3, $4) != "268.7324 19568.76") { print "FAIL blockkr 4x4: " $3 " " $4; exit 1 } }' "$tmp/bk4.csv" || fail=1

# 3. grid: x fastest, then y; rows = nx * ny
"$REEMUD" krige --data "$d/krige_meuse.csv" --coords x,y --value logzinc --model "$model" \
  --grid 178600:100:5,330000:200:3 --nmax 10 --out "$tmp/grid.csv" 2>/dev/null
[ "$(wc -l <"$tmp/grid.csv")" -eq 16 ] || { echo "FAIL grid rows"; fail=1; }
awk -F, 'NR == 2 && ($1 != 178600 || $2 != 330000) { print "FAIL grid first " $0; exit 1 }
         NR == 3 && ($1 != 178700 || $2 != 330000) { print "FAIL grid x fastest " $0; exit 1 }
         NR == 7 && ($1 != 178600 || $2 != 330200) { print "FAIL grid then y " $0; exit 1 }' "$tmp/grid.csv" || fail=1

# 4. cross-validation: gstat krige.cv statistics of log(zinc)
"$REEMUD" krige --data "$d/krige_meuse.csv" --coords x,y --value logzinc --model "$model" \
  --xval loo --out "$tmp/xv.csv" 2>"$tmp/xv.err" || { echo "FAIL xval run"; fail=1; }
grep -q "ME -2.07358e-05  MSE 0.15351  MSDR 0.818546" "$tmp/xv.err" || { echo "FAIL xval stats"; cat "$tmp/xv.err"; fail=1; }
head -1 "$tmp/xv.csv" | grep -q 'logzinc_obs,logzinc_res,logzinc_z' || { echo "FAIL xval header"; fail=1; }

# 4b. identical bytes for 1 and 3 threads (block kriging over a grid)
for t in 1 3; do
  "$REEMUD" krige --data "$d/krige_meuse.csv" --coords x,y --value zinc,logzinc --model "$model" \
    --grid 178500:40:60,329700:40:90 --nmax 30 --block 40,40 --threads $t --out "$tmp/th$t.csv" 2>/dev/null
done
cmp -s "$tmp/th1.csv" "$tmp/th3.csv" || { echo "FAIL 1 vs 3 threads differ"; fail=1; }

# 5. far targets with --maxdist are empty and counted
printf 'x,y\n0,0\n181170,333250\n' >"$tmp/t2.csv"
"$REEMUD" krige --data "$d/krige_meuse.csv" --coords x,y --value zinc --model "1 Sph(800)" \
  --targets "$tmp/t2.csv" --maxdist 500 --out "$tmp/e.csv" 2>"$tmp/e.err"
grep -q "1 of 2 targets had fewer than 1 neighbours" "$tmp/e.err" || { echo "FAIL empty count"; cat "$tmp/e.err"; fail=1; }
awk -F, 'NR == 2 && $3 != "" { print "FAIL empty cell: " $0; exit 1 }' "$tmp/e.csv" || fail=1

# 6. errors: usage (2), data (1), no overwrite without --force, no partial file
"$REEMUD" krige --data "$d/krige_meuse.csv" --coords x,y --value zinc --model "1 Sph(800)" --out "$tmp/x.csv" 2>/dev/null
[ $? -eq 2 ] || { echo "FAIL missing --targets/--grid exit"; fail=1; }
"$REEMUD" krige --data "$d/krige_meuse.csv" --coords x,y --value zinc --model "1 Sph(800)" \
  --targets "$tmp/t.csv" --sim 10 --out "$tmp/x.csv" 2>"$tmp/sim.err"
[ $? -eq 2 ] && grep -q simulate "$tmp/sim.err" || { echo "FAIL --sim rejection"; fail=1; }
"$REEMUD" krige --data "$d/krige_meuse.csv" --coords x,y --value nosuch --model "1 Sph(800)" \
  --targets "$tmp/t.csv" --out "$tmp/x.csv" 2>"$tmp/col.err"
[ $? -eq 1 ] && grep -q "nosuch" "$tmp/col.err" || { echo "FAIL missing column"; cat "$tmp/col.err"; fail=1; }
"$REEMUD" krige --data "$d/krige_meuse.csv" --coords x,y --value zinc --model "1 Sph(800" \
  --targets "$tmp/t.csv" --out "$tmp/x.csv" 2>"$tmp/model.err"
[ $? -eq 1 ] || { echo "FAIL bad model exit"; fail=1; }
[ ! -e "$tmp/x.csv" ] || { echo "FAIL partial output left"; fail=1; }
"$REEMUD" krige --data "$d/krige_meuse.csv" --coords x,y --value zinc --model "1 Sph(800)" \
  --targets "$tmp/t.csv" --out "$tmp/bk.csv" 2>/dev/null
[ $? -eq 2 ] || { echo "FAIL overwrite without --force"; fail=1; }
"$REEMUD" krige --help | grep -q -- "--xval" || { echo "FAIL --help"; fail=1; }
# A grid whose node count overflows 64 bits (2^26 x 2^26 x 2^12 = 2^64 wraps
# to 0) is a usage error, not an empty output with exit 0.
printf 'x,y,z,v\n0,0,0,1\n10,0,0,2\n0,10,1,3\n' >"$tmp/xyz.csv"
"$REEMUD" krige --data "$tmp/xyz.csv" --coords x,y,z --value v --model "1 Sph(100)" \
  --grid 0:1:67108864,0:1:67108864,0:1:4096 --out "$tmp/wrap.csv" 2>"$tmp/wrap.err"
[ $? -eq 2 ] && grep -q -- "--grid" "$tmp/wrap.err" && [ ! -e "$tmp/wrap.csv" ] ||
  { echo "FAIL overflowing grid: $(cat "$tmp/wrap.err")"; fail=1; }
# --hole is used only by --xval hole and --hole-max: with --xval loo (or
# plain kriging) and no --hole-max it is a usage error, not silently unused.
awk -F, -v OFS=, '{ print $0, NR == 1 ? "hole" : int((NR - 2) / 5) }' "$d/krige_meuse.csv" \
  > "$tmp/holes.csv"
"$REEMUD" krige --data "$tmp/holes.csv" --coords x,y --value zinc --model "1 Sph(800)" \
  --xval loo --hole hole --out "$tmp/h1.csv" 2>"$tmp/h1.err"
[ $? -eq 2 ] && grep -q -- "--hole is for --xval hole or --hole-max" "$tmp/h1.err" ||
  { echo "FAIL --xval loo --hole accepted"; cat "$tmp/h1.err"; fail=1; }
"$REEMUD" krige --data "$tmp/holes.csv" --coords x,y --value zinc --model "1 Sph(800)" \
  --targets "$d/krige_targets2d.csv" --hole hole --out "$tmp/h2.csv" 2>"$tmp/h2.err"
[ $? -eq 2 ] && grep -q -- "--hole is for" "$tmp/h2.err" ||
  { echo "FAIL plain --hole accepted"; cat "$tmp/h2.err"; fail=1; }
for a in "--xval hole" "--xval loo --hole-max 2"; do
  # shellcheck disable=SC2086
  "$REEMUD" -q krige --data "$tmp/holes.csv" --coords x,y --value zinc --model "1 Sph(800)" \
    $a --hole hole --out "$tmp/h3.csv" --force 2>"$tmp/h3.err" ||
    { echo "FAIL $a --hole refused"; cat "$tmp/h3.err"; fail=1; }
done

[ $fail -eq 0 ] && echo "krige_meuse: ok"
exit $fail
