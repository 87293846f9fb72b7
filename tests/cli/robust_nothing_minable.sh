#!/usr/bin/env bash
# Nothing above the mine cut-off.  chain and assess say
# "nothing is minable at cut-off C", write a complete output set, and no
# NaN or Inf reaches stdout or any output file.
set -u
: "${REEMUD:?path of the reemud binary}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/robust_nothing_minable
rm -rf "$tmp"
mkdir -p "$tmp/data"
fail=0
"$REEMUD" -q synth --out "$tmp/data" --nx 6 --ny 6 --extent 560000,2420000,572000,2432000 \
  --holes 6 --waves 100 >/dev/null || { echo "FAIL: synth"; exit 1; }
cat >"$tmp/p.ini" <<'INI'
[project]
crs = EPSG:32656
[data]
collars = data/collars.csv
assays = data/assays.csv
[grid]
dx_m = 2000
dy_m = 2000
[simulate]
realizations = 3
[mine]
blockmodel = est/block_model.nc
cutoff_sum_rey_ppm = 100000
[economics]
draws = 50
INI
nonfinite() { # FILE...: lines with a nan/inf token
  grep -aniwE -- '-?(nan|inf|infinity)' "$@" | head -5
}
"$REEMUD" -q estimate "$tmp/p.ini" --out "$tmp/est" || { echo "FAIL: estimate"; exit 1; }
(cd "$tmp" && "$REEMUD" chain p.ini --out "$tmp/chain" >"$tmp/chain.out" 2>"$tmp/chain.err")
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: chain exit $rc"; cat "$tmp/chain.err"; fail=1; }
grep -q "nothing is minable at cut-off 100000 ppm" "$tmp/chain.out" || { echo "FAIL: chain does not say nothing is minable"; cat "$tmp/chain.out"; fail=1; }
grep -q "nothing is minable at cut-off 100000 ppm" "$tmp/chain/chain_summary.json" || { echo "FAIL: chain_summary.json does not say nothing is minable"; fail=1; }
bad=$(nonfinite "$tmp/chain.out" "$tmp/chain.err" "$tmp"/chain/*)
[ -z "$bad" ] || { echo "FAIL: chain NaN/Inf:"; echo "$bad"; fail=1; }
"$REEMUD" assess "$tmp/p.ini" --out "$tmp/assess" >"$tmp/assess.out" 2>"$tmp/assess.err"
rc=$?
[ $rc -eq 0 ] || { echo "FAIL: assess exit $rc"; tail -3 "$tmp/assess.err"; fail=1; }
grep -q "nothing is minable at cut-off 100000 ppm" "$tmp/assess.out" || { echo "FAIL: assess does not say nothing is minable"; cat "$tmp/assess.out"; fail=1; }
grep -q "othing is minable at cut-off 100[ ,]*000 ppm" "$tmp/assess/report.html" || { echo "FAIL: report.html does not say nothing is minable"; fail=1; }
bad=$(find "$tmp/assess" -type f \( -name '*.csv' -o -name '*.json' -o -name '*.html' \) -exec grep -aliwE -- '-?(nan|inf|infinity)' {} + ; nonfinite "$tmp/assess.out")
[ -z "$bad" ] || { echo "FAIL: assess NaN/Inf:"; echo "$bad"; fail=1; }
exit $fail
