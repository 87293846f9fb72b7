#!/usr/bin/env bash
# `reemud simulate` with [estimate] vertical = horizon against vertical = mbsf
# on synthetic deposits with known truth (synth seed 4242, 30 cores, 50 x 50
# x 20 blocks of 1000 x 1000 x 0.5 m; 50 realizations, seed 7):
#   - the REY-rich top undulating by 3 m (--horizon-relief 3
#     --horizon-length 40000): the e-type (mean of the realizations) RMSE of
#     SREY against the truth's blocks is at least 10 % lower in horizon
#     coordinates (measured 768.9 -> 650.2 ppm, -15.4 %);
#   - a flat top (--horizon-relief 0): within +15 % (measured 471.9 -> 522.8
#     ppm, +10.8 %: the picked horizon is noise there, +-0.23 m, and it moves
#     columns across sharp layer boundaries);
#   - the composites are reproduced as in mbsf: the mean e-type of the two
#     0.5-m blocks a 1-m composite spans against the composite's SREY,
#     correlation >= 0.95 and RMSE within +20 % of mbsf's (measured 0.978 /
#     264.8 ppm in mbsf, 0.976 / 262.6 ppm in horizon coordinates);
#   - outputs on the mbsf grid, no NaN; the same bytes for 1 and 2 threads,
#     untiled and tiled.
set -u
: "${REEMUD:?path of the reemud binary}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/simulate_horizon
rm -rf "$tmp"; mkdir -p "$tmp"
. "$(dirname "$0")/lib/synth_project.sh"
fail=0
for relief in 3 0; do
  d=$tmp/relief$relief
  "$REEMUD" -q synth --out "$d" --seed 4242 --horizon-relief $relief --horizon-length 40000 >/dev/null \
    || { echo "FAIL: synth relief $relief"; exit 1; }
  for v in mbsf horizon; do
    synth_project "stratigraphic coordinates in the simulation (synthetic)" $v \
      "[simulate]" "seed = 7" >"$d/$v.ini"
    "$REEMUD" simulate "$d/$v.ini" --out "$d/$v" --realizations 50 --threads 2 \
      >/dev/null 2>"$d/$v.err" || { cat "$d/$v.err"; echo "FAIL: simulate $v relief $relief"; exit 1; }
  done
  grep -q "simulate: in horizon coordinates" "$d/horizon.err" \
    || { echo "FAIL: relief $relief: no horizon coordinates in the log"; fail=1; }
  if grep -q "simulate: in horizon coordinates" "$d/mbsf.err"; then
    echo "FAIL: relief $relief: mbsf run in horizon coordinates"; fail=1
  fi
done
/usr/bin/python3 - "$tmp" <<'PY' || fail=1
import sys
import numpy as np
import netCDF4
t = sys.argv[1]
bad = []
def field(path, name):
    return np.ma.filled(netCDF4.Dataset(path)[name][:], np.nan)
def rmse(relief, v):
    truth = field(f"{t}/relief{relief}/truth.nc", "SREY_ppm")
    e = field(f"{t}/relief{relief}/{v}/simulation.nc", "SREY_etype_ppm")
    if e.shape != truth.shape or not np.isfinite(e).all():
        bad.append(f"relief {relief} {v}: e-type not finite on the block grid")
    return float(np.sqrt(np.mean((e - truth) ** 2)))
u_m, u_h = rmse(3, "mbsf"), rmse(3, "horizon")
f_m, f_h = rmse(0, "mbsf"), rmse(0, "horizon")
print(f"undulating (3 m): e-type RMSE mbsf {u_m:.1f} ppm, horizon {u_h:.1f} ppm ({100 * (u_h / u_m - 1):+.1f} %)")
print(f"flat: e-type RMSE mbsf {f_m:.1f} ppm, horizon {f_h:.1f} ppm ({100 * (f_h / f_m - 1):+.1f} %)")
if not u_h <= 0.9 * u_m:
    bad.append("horizon coordinates do not lower the e-type RMSE by 10 % on the undulating deposit")
if not f_h <= 1.15 * f_m:
    bad.append("horizon coordinates raise the e-type RMSE by more than 15 % on the flat deposit")
# The composites: in mbsf each sits in one block (zero conditional
# variance, value = the composite's SREY); a 1-m composite spans that block
# and the one above.
d = f"{t}/relief3"
cv = field(f"{d}/mbsf/simulation.nc", "SREY_condvar_ppm2")
em = field(f"{d}/mbsf/simulation.nc", "SREY_etype_ppm")
L, J, I = np.nonzero(cv == 0)
keep = L >= 1
L, J, I = L[keep], J[keep], I[keep]
comp = em[L, J, I]
if len(comp) < 250:
    bad.append(f"only {len(comp)} composites found in the mbsf run")
stats = {}
for v in ("mbsf", "horizon"):
    e = field(f"{d}/{v}/simulation.nc", "SREY_etype_ppm")
    pair = 0.5 * (e[L - 1, J, I] + e[L, J, I])
    stats[v] = (float(np.corrcoef(pair, comp)[0, 1]), float(np.sqrt(np.mean((pair - comp) ** 2))))
    print(f"composites ({len(comp)}) vs the e-type of their blocks, {v}: correlation "
          f"{stats[v][0]:.3f}, RMSE {stats[v][1]:.1f} ppm")
if not stats["horizon"][0] >= 0.95:
    bad.append("horizon: the composites are not reproduced (correlation)")
if not stats["horizon"][1] <= 1.2 * stats["mbsf"][1]:
    bad.append("horizon: the composites are reproduced worse than in mbsf")
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY
# Threads: the same bytes for 1 and 2, untiled and in tiles of 10 rows.
d=$tmp/relief3
sed 's/^seed = 7$/seed = 7\ntile_rows = 10/' "$d/horizon.ini" >"$d/tiled.ini"
for ini in horizon tiled; do
  for n in 1 2; do
    "$REEMUD" simulate "$d/$ini.ini" --out "$d/${ini}_t$n" --realizations 6 --threads $n \
      >/dev/null 2>"$d/${ini}_t$n.err" || { cat "$d/${ini}_t$n.err"; echo "FAIL: $ini threads $n"; exit 1; }
  done
  for f in simulation_summary.json simulation.nc prob_above_400ppm.tif; do
    cmp -s "$d/${ini}_t1/$f" "$d/${ini}_t2/$f" || { echo "FAIL: $ini: $f differs for 1 and 2 threads"; fail=1; }
  done
done
grep -q "simulate: 5 tiles of 10 rows" "$d/tiled_t1.err" || { echo "FAIL: not tiled"; fail=1; }
exit $fail
