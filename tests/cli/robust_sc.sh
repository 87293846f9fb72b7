#!/usr/bin/env bash
# Sc measured in some cores and blank in others (which
# docs/data.md allows) never crashes and never changes the REY estimate:
# the 15 REY are kriged from every composite that has them, Sc from the
# composites that have Sc.  Too few Sc samples is an error naming Sc.
set -u
: "${REEMUD:?path of the reemud binary}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/robust_sc
rm -rf "$tmp"
mkdir -p "$tmp/data"
fail=0
"$REEMUD" -q synth --out "$tmp/data" --nx 6 --ny 6 --extent 560000,2420000,572000,2432000 \
  --holes 8 --waves 100 >/dev/null || { echo "FAIL: synth"; exit 1; }
# Sc = 0.4 La in the first K cores (every interval), blank in the others
with_sc() {
  /usr/bin/python3 - "$tmp/data/assays.csv" "$1" >"$tmp/data/assays_sc$1.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
k = int(sys.argv[2])
holes = sorted(set(r[0] for r in rows[1:]))[:k]
w = csv.writer(sys.stdout, lineterminator='\n')
w.writerow(rows[0] + ['Sc'])
la = rows[0].index('La')
for r in rows[1:]:
    w.writerow(r + ['%.3f' % (0.4 * float(r[la]))] if r[0] in holes else r + [''])
PY
}
num() { sed -n "s/^\t\"$2\":[[:space:]]*\([-0-9.e+]*\),*$/\1/p" "$1" | head -1; }
run() { # NAME ASSAYS MODE ELEMENTS
  printf '[project]\ncrs = EPSG:32656\n[data]\ncollars = data/collars.csv\nassays = data/%s\n[grid]\ndx_m = 2000\ndy_m = 2000\n[variogram]\nmode = %s\n[estimate]\nelements = %s\n' \
    "$2" "$3" "$4" >"$tmp/$1.ini"
  "$REEMUD" estimate "$tmp/$1.ini" --out "$tmp/out_$1" >"$tmp/$1.out" 2>"$tmp/$1.err"
}
with_sc 3; with_sc 1
for mode in shared per_element; do
  run "rey_$mode" assays.csv $mode REY || { echo "FAIL: REY only ($mode)"; cat "$tmp/rey_$mode.err"; fail=1; continue; }
  for k in 3 1; do
    name="sc${k}_$mode"
    run "$name" "assays_sc$k.csv" $mode "REY Sc"
    rc=$?
    [ $rc -eq 0 ] || { echo "FAIL: $name: exit $rc"; tail -3 "$tmp/$name.err"; fail=1; continue; }
    a=$(num "$tmp/out_rey_$mode/resource_summary.json" total_reo_t)
    b=$(num "$tmp/out_$name/resource_summary.json" total_reo_t)
    [ -n "$a" ] && [ "$a" = "$b" ] || { echo "FAIL: $name: REO $b t, without Sc $a t (the REY estimate changed)"; fail=1; }
    grep -q "Sc is measured in $k of 8 cores" "$tmp/$name.err" || { echo "FAIL: $name: the log does not say how Sc is estimated"; grep -i sc "$tmp/$name.err"; fail=1; }
    ncdump -v Sc_ppm "$tmp/out_$name/block_model.nc" | sed -n '/^ Sc_ppm =/,$p' | grep -qE '[0-9]+\.[0-9]' || { echo "FAIL: $name: no Sc estimate"; fail=1; }
  done
done
# too few Sc samples for nmin: an error naming Sc
run few assays_sc1.csv shared "REY Sc"
printf 'nmin = 30\nnmax = 40\n' >>"$tmp/few.ini"
"$REEMUD" -q estimate "$tmp/few.ini" --out "$tmp/out_few2" >/dev/null 2>"$tmp/few.err"
rc=$?
[ $rc -eq 1 ] || { echo "FAIL: few Sc: exit $rc"; fail=1; }
grep -q "Sc is measured in only" "$tmp/few.err" || { echo "FAIL: few Sc message"; cat "$tmp/few.err"; fail=1; }
exit $fail
