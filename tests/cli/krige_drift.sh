#!/usr/bin/env bash
# `reemud krige --trend` and `--drift` end to end: universal kriging and
# kriging with an external drift equal gstat's (reference files from
# bench/gstat/krige_drift_cases.R), and the flags' error paths.
set -u
: "${REEMUD:?path of the reemud binary}"
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/krige_drift
rm -rf "$tmp"; mkdir -p "$tmp"
d=$src/tests/data/gstat
fail=0
model="0.05066243 Nug + 0.5906078 Sph(897.0209)"

# compare OUT's columns 3, 4 with gstat's REF (est, var) within 1e-6 of the
# range of log(zinc) (2.79) and of the sill
compare() {
  paste -d, <(tail -n +2 "$1" | cut -d, -f3,4) <(tail -n +2 "$2") | awk -F, -v name="$3" '
    { de = $1 - $3; dv = $2 - $4; if (de < 0) de = -de; if (dv < 0) dv = -dv
      if ($1 == "" || de > 2.79e-6 || dv > 0.64e-6) { bad++; if (bad < 4) print name " row " NR ": " $1 " vs " $3 } n++ }
    END { if (bad || n != 309) { print "FAIL " name ": " bad " rows differ of " n; exit 1 } }' || fail=1
}

# 1. universal kriging, linear trend, nmax 20 (gstat: logzinc ~ x + y)
"$REEMUD" krige --data "$d/krige_meuse_drift.csv" --coords x,y --value logzinc --model "$model" \
  --targets "$d/krige_targets2d_drift.csv" --nmax 20 --trend linear --out "$tmp/uk.csv" \
  2>"$tmp/uk.err" || { echo "FAIL uk run"; cat "$tmp/uk.err"; fail=1; }
compare "$tmp/uk.csv" "$d/krige_meuse_uk_linear_n20.csv" uk_linear_n20

# 2. quadratic trend, nmax 40
"$REEMUD" krige --data "$d/krige_meuse_drift.csv" --coords x,y --value logzinc --model "$model" \
  --targets "$d/krige_targets2d_drift.csv" --nmax 40 --trend quadratic --out "$tmp/uq.csv" \
  2>/dev/null || { echo "FAIL uk quadratic run"; fail=1; }
compare "$tmp/uq.csv" "$d/krige_meuse_uk_quadratic_n40.csv" uk_quadratic_n40

# 3. external drift sqrt(dist), global (gstat: logzinc ~ sqrtdist)
"$REEMUD" krige --data "$d/krige_meuse_drift.csv" --coords x,y --value logzinc --model "$model" \
  --targets "$d/krige_targets2d_drift.csv" --drift sqrtdist --out "$tmp/ked.csv" \
  2>/dev/null || { echo "FAIL ked run"; fail=1; }
compare "$tmp/ked.csv" "$d/krige_meuse_ked_all.csv" ked_all

# 4. both, nmax 30 (gstat: logzinc ~ x + y + sqrtdist)
"$REEMUD" krige --data "$d/krige_meuse_drift.csv" --coords x,y --value logzinc --model "$model" \
  --targets "$d/krige_targets2d_drift.csv" --nmax 30 --trend linear --drift sqrtdist \
  --out "$tmp/both.csv" 2>/dev/null || { echo "FAIL uk+ked run"; fail=1; }
compare "$tmp/both.csv" "$d/krige_meuse_uk_ked_n30.csv" uk_ked_n30

# 5. errors: usage (exit 2) and data (exit 1, naming the file and column)
expect() { # expected-exit pattern args...
  local want=$1 pat=$2; shift 2
  "$REEMUD" krige "$@" 2>"$tmp/err.txt" >/dev/null; local rc=$?
  [ $rc -eq "$want" ] && grep -q -- "$pat" "$tmp/err.txt" \
    || { echo "FAIL expected exit $want and '$pat', got $rc: $(cat "$tmp/err.txt")"; fail=1; }
}
base=(--data "$d/krige_meuse_drift.csv" --coords x,y --value logzinc --model "$model")
expect 2 "expected linear or quadratic" "${base[@]}" --targets "$d/krige_targets2d_drift.csv" --trend cubic --out "$tmp/x.csv"
expect 2 "drop --sk" "${base[@]}" --targets "$d/krige_targets2d_drift.csv" --trend linear --sk 6 --out "$tmp/x.csv"
expect 2 "not --grid" "${base[@]}" --grid 178600:100:5,330000:200:3 --drift sqrtdist --out "$tmp/x.csv"
expect 1 "nosuch" "${base[@]}" --targets "$d/krige_targets2d_drift.csv" --drift nosuch --out "$tmp/x.csv"
expect 1 "sqrtdist" "${base[@]}" --targets "$d/krige_targets2d.csv" --drift sqrtdist --out "$tmp/x.csv"
[ -e "$tmp/x.csv" ] && { echo "FAIL an output was left after an error"; fail=1; }
exit $fail
