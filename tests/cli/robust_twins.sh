#!/usr/bin/env bash
# Twin cores (a core repeated at, or within a
# millimetre-to-metre of, another's position) are handled the same way by
# estimate as by krige: samples at one position are merged (averaged), said
# in the log, and the resource stays that of the merged data, never a
# near-singular system that returns nonsense (a twin 0.3 m away with a
# Gaussian model gave a negative tonnage with exit 0).
set -u
: "${REEMUD:?path of the reemud binary}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/robust_twins
rm -rf "$tmp"
mkdir -p "$tmp/data"
fail=0
"$REEMUD" -q synth --out "$tmp/data" --nx 6 --ny 6 --extent 560000,2420000,572000,2432000 \
  --holes 8 --waves 100 >/dev/null || { echo "FAIL: synth"; exit 1; }
# TW01 = SY01's core again (grades +5 %), at SY01's position moved by DLON degrees
twin() {
  /usr/bin/python3 - "$tmp/data" "$1" "$2" <<'PY'
import csv, sys
d, dlon, name = sys.argv[1], float(sys.argv[2]), sys.argv[3]
c = list(csv.reader(open(d + '/collars.csv'))); a = list(csv.reader(open(d + '/assays.csv')))
c.append(['TW01', '%.7f' % (float(c[1][1]) + dlon)] + c[1][2:])
for r in a[1:]:
    if r[0] == 'SY01':
        a.append(['TW01'] + r[1:3] + ['%.3f' % (1.05 * float(x)) for x in r[3:18]] + r[18:])
csv.writer(open(d + '/collars_' + name + '.csv', 'w'), lineterminator='\n').writerows(c)
csv.writer(open(d + '/assays_' + name + '.csv', 'w'), lineterminator='\n').writerows(a)
PY
}
twin 0 same; twin 0.000003 near
num() { sed -n "s/^\t\"$2\":[[:space:]]*\([-0-9.e+]*\),*$/\1/p" "$1" | head -1; }
for model in "1 Gau(3000, 3000, 2)" "0.1 Nug + 0.9 Sph(3000, 3000, 3)"; do
  for name in same near; do
    printf '[project]\ncrs = EPSG:32656\n[data]\ncollars = data/collars_%s.csv\nassays = data/assays_%s.csv\n[grid]\ndx_m = 1000\ndy_m = 1000\n[variogram]\nmodel = %s\n' \
      $name $name "$model" >"$tmp/$name.ini"
    "$REEMUD" estimate "$tmp/$name.ini" --out "$tmp/out_$name" --force >/dev/null 2>"$tmp/$name.err" || { echo "FAIL: $name ($model)"; cat "$tmp/$name.err"; fail=1; }
    grep -q "TW01 .*SY01\|SY01 .*TW01" "$tmp/$name.err" || { echo "FAIL: $name ($model): the twin is not said in the log"; cat "$tmp/$name.err"; fail=1; }
    grep -q "singular" "$tmp/$name.err" && { echo "FAIL: $name ($model): singular blocks"; fail=1; }
  done
  a=$(num "$tmp/out_same/resource_summary.json" total_reo_t)
  b=$(num "$tmp/out_near/resource_summary.json" total_reo_t)
  [ -n "$a" ] && [ "$a" = "$b" ] || { echo "FAIL: $model: REO with the twin 0.3 m away $b t, at the same position $a t"; fail=1; }
  /usr/bin/python3 -c "import sys; sys.exit(0 if float('$b') > 0 else 1)" || { echo "FAIL: $model: REO $b t"; fail=1; }
done
exit $fail
