#!/usr/bin/env bash
# `reemud synth --range-scale F`: the lateral correlation ranges of the truth
# scale with F. On one seed, the truth's ΣREY at mid-depth is compared between
# columns 3 km apart and 20 km apart (detrended by the grid's mean profile):
# with F = 0.25 (ranges 3–5 km) the 3 km one is already half the 20 km one,
# with F = 1 (12–20 km) the 3 km one is a small part of the 20 km one.
# Out-of-range values are usage errors; run.json records the scale.
set -u
: "${REEMUD:?path of the reemud binary}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/synth_range_scale
rm -rf "$tmp"; mkdir -p "$tmp"
fail=0
for f in 0.25 1; do
  "$REEMUD" -q synth --out "$tmp/r$f" --seed 11 --range-scale "$f" >/dev/null \
    || { echo "FAIL: synth --range-scale $f"; fail=1; }
done
grep -q '"range_scale":[[:space:]]*0.25' "$tmp/r0.25/run.json" || { echo "FAIL: run.json lacks range_scale"; fail=1; }
/usr/bin/python3 - "$tmp" <<'PY' || fail=1
import sys
import numpy as np, netCDF4
t = sys.argv[1]
ratio = {}
for f in ("0.25", "1"):
    v = np.ma.filled(netCDF4.Dataset(f"{t}/r{f}/truth.nc")["SREY_ppm"][:], np.nan)
    # layers z, y, x: the 6.5–7 mbsf layer (inside the REY-rich unit), in logs
    z = np.log(v[13])
    z = z - np.nanmean(z)
    g = lambda lag: np.nanmean((z[:, lag:] - z[:, :-lag]) ** 2)  # along x, 1 km blocks
    ratio[f] = g(3) / g(20)
    print(f"range x{f}: gamma(3 km)/gamma(20 km) = {ratio[f]:.3f}")
bad = []
if not ratio["0.25"] > 0.35:
    bad.append(f"short ranges: {ratio['0.25']:.3f}, expected > 0.35")
if not ratio["1"] < 0.2:
    bad.append(f"long ranges: {ratio['1']:.3f}, expected < 0.2")
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY
for bad in 0.1 6 x; do
  "$REEMUD" synth --out "$tmp/bad" --range-scale $bad >/dev/null 2>&1
  [ $? -eq 2 ] || { echo "FAIL: --range-scale $bad not a usage error"; fail=1; }
done
[ -e "$tmp/bad" ] && { echo "FAIL: a usage error created the output directory"; fail=1; }
exit $fail
