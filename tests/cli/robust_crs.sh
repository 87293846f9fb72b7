#!/usr/bin/env bash
# With no crs in [project] the CRS follows the cores (the
# UTM zone of their centroid, north or south), is said in the log and
# recorded in run.json; an explicit CRS whose area of use does not hold the
# cores is an error naming project.crs.  The extent of the same cores moved
# to another longitude or hemisphere must stay what it is in their own zone.
set -u
: "${REEMUD:?path of the reemud binary}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/robust_crs
rm -rf "$tmp"
mkdir -p "$tmp/data"
fail=0
"$REEMUD" -q synth --out "$tmp/data" --nx 6 --ny 6 --extent 560000,2420000,572000,2432000 \
  --holes 6 --waves 100 >/dev/null || { echo "FAIL: synth"; exit 1; }
# move the cores: DLON added to lon (wrapped to -180..180), lat multiplied by SIGN
move() {
  /usr/bin/python3 - "$tmp/data/collars.csv" "$2" "$3" >"$tmp/$1.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
dlon, sign = float(sys.argv[2]), float(sys.argv[3])
w = csv.writer(sys.stdout, lineterminator='\n')
w.writerow(rows[0])
for r in rows[1:]:
    lon = (float(r[1]) + dlon + 180) % 360 - 180
    w.writerow([r[0], '%.6f' % lon, '%.6f' % (sign * float(r[2]))] + r[3:])
PY
}
extent() { sed -n 's/^extent .*(\([0-9.]*\) x \([0-9.]*\) km)$/\1 \2/p' "$1"; }
project() { # NAME COLLARS [CRS]
  { echo '[project]'; [ -n "${3:-}" ] && echo "crs = $3"
    printf '[data]\ncollars = %s\nassays = data/assays.csv\n[grid]\ndx_m = 2000\ndy_m = 2000\n' "$2"; } >"$tmp/$1.ini"
}
project own data/collars.csv EPSG:32656
"$REEMUD" check "$tmp/own.ini" >"$tmp/own.out" 2>&1 || { echo "FAIL: own zone"; cat "$tmp/own.out"; exit 1; }
read -r ex ey <<<"$(extent "$tmp/own.out")"
# same shape as own: 170 W (zone 2N), south (zone 56S), across the antimeridian
move west -323.6 1; move south 0 -1; move anti 26.3 1
for c in "west 32602" "south 32756" "anti 32660 32601"; do
  set -- $c; name=$1
  project "$name" "$name.csv"
  "$REEMUD" check "$tmp/$name.ini" >"$tmp/$name.out" 2>"$tmp/$name.err" || { echo "FAIL: $name: check failed"; cat "$tmp/$name.err"; fail=1; continue; }
  shift
  ok=0; for code in "$@"; do grep -q "EPSG:$code" "$tmp/$name.out" "$tmp/$name.err" && ok=1; done
  [ $ok = 1 ] || { echo "FAIL: $name: CRS is not EPSG:$*"; cat "$tmp/$name.out" "$tmp/$name.err"; fail=1; }
  grep -q "centroid" "$tmp/$name.err" || { echo "FAIL: $name: the derived CRS is not said in the log"; cat "$tmp/$name.err"; fail=1; }
  read -r x y <<<"$(extent "$tmp/$name.out")"
  /usr/bin/python3 -c "import sys; sys.exit(0 if abs($x/$ex-1) < 0.02 and abs($y/$ey-1) < 0.02 else 1)" ||
    { echo "FAIL: $name: extent $x x $y km, in its own zone $ex x $ey km"; fail=1; }
done
# estimate records the derived CRS in run.json and the summary
"$REEMUD" -q estimate "$tmp/west.ini" --out "$tmp/out_west" 2>"$tmp/west_est.err" || { echo "FAIL: estimate west"; cat "$tmp/west_est.err"; fail=1; }
grep -q '"crs":[[:space:]]*"EPSG:32602"' "$tmp/out_west/run.json" || { echo "FAIL: run.json lacks the derived crs"; fail=1; }
grep -q '"crs_source":[[:space:]]*"derived' "$tmp/out_west/run.json" || { echo "FAIL: run.json lacks crs_source"; fail=1; }
# an explicit CRS that does not hold the cores is an error naming project.crs
project wrong west.csv EPSG:32656
for cmd in check estimate; do
  "$REEMUD" -q $cmd "$tmp/wrong.ini" $([ $cmd = estimate ] && echo --out "$tmp/out_wrong") >/dev/null 2>"$tmp/wrong.err"
  rc=$?
  [ $rc -eq 1 ] || { echo "FAIL: $cmd wrong CRS: exit $rc"; fail=1; }
  grep -q "wrong.ini:2: field 'project.crs': .*area of use" "$tmp/wrong.err" || { echo "FAIL: $cmd wrong CRS message"; cat "$tmp/wrong.err"; fail=1; }
done
exit $fail
