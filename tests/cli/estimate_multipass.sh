#!/usr/bin/env bash
# Multi-pass search in `reemud estimate` on the bundled example with a
# first-pass radius of 6 km: every block is estimated after 3 passes; the
# blocks of pass 1 equal a one-pass run with the same settings, those of
# pass 2 a one-pass run with pass 2's radius (12 km) and minimum (2), block
# for block; search_pass is stored; no block of pass 2 is measured and none
# of pass 3 measured or indicated; bad keys are reported.
set -u
: "${REEMUD:?path of the reemud binary}"
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/estimate_multipass
rm -rf "$tmp"; mkdir -p "$tmp"
ex=$src/examples/minamitorishima
cp "$ex/collars.csv" "$ex/assays.csv" "$tmp/"
mk() { # name nmin maxdist passes
  sed "s/^nmin = 4\$/nmin = $2\nmaxdist_m = $3\npasses = $4/" "$ex/project.ini" >"$tmp/$1.ini"
}
mk three 4 6000 3
mk one 4 6000 1
mk wide 2 12000 1
fail=0
for p in three one wide; do
  "$REEMUD" -q estimate "$tmp/$p.ini" --out "$tmp/$p" || { echo "FAIL: run $p"; exit 1; }
done
/usr/bin/python3 - "$tmp" <<'PY' || fail=1
import sys
import numpy as np
import netCDF4
t = sys.argv[1]
get = lambda run, v: np.ma.filled(netCDF4.Dataset(f"{t}/{run}/block_model.nc")[v][:], np.nan)
p = get("three", "search_pass")
s3, s1, s2 = get("three", "SREY_ppm"), get("one", "SREY_ppm"), get("wide", "SREY_ppm")
cl = get("three", "class")
bad = []
counts = [int((p == k).sum()) for k in (1, 2, 3)]
print("blocks per pass", counts, "unestimated", int(np.isnan(s3).sum()))
if np.isnan(s3).any() or min(counts) == 0:
    bad.append("every pass should estimate blocks and none be left")
if np.nanmax(np.abs(s3[p == 1] - s1[p == 1])) != 0 or not np.isnan(s1[p != 1]).all():
    bad.append("pass 1 differs from the one-pass run")
if np.nanmax(np.abs(s3[p == 2] - s2[p == 2])) != 0:
    bad.append("pass 2 differs from a one-pass run with its settings")
if ((cl == 1) & (p >= 2)).any() or ((cl == 2) & (p == 3)).any():
    bad.append("a later pass has a class its pass does not allow")
if not (np.isnan(get("one", "search_pass")) == np.isnan(s1)).all():
    bad.append("search_pass not set where estimated")
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY
sed "s/^nmin = 4\$/nmin = 4\npasses = 2/" "$ex/project.ini" >"$tmp/bad.ini"
"$REEMUD" estimate "$tmp/bad.ini" --out "$tmp/bad" 2>"$tmp/bad.err" && { echo "FAIL: passes without maxdist accepted"; fail=1; }
grep -q "bad.ini:[0-9]*.*estimate.passes.*maxdist_m" "$tmp/bad.err" || { echo "FAIL: message: $(cat "$tmp/bad.err")"; fail=1; }
exit $fail
