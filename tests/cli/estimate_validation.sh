#!/usr/bin/env bash
# `reemud estimate` validation pack on the bundled example: the swath files'
# columns, block means that equal the block model's own slice means (read
# back from block_model.nc), and the acceptance tolerances of docs/resource.md
# ("Validation"): kriged and nearest-neighbour means agree within 2 % globally
# for every element; per slice along easting and northing within 30 % and
# 10 % on average; along depth within 15 % on average; block and NN slice
# means correlate at >= 0.9 on every axis.
set -u
: "${REEMUD:?path of the reemud binary}"
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/estimate_validation
rm -rf "$tmp"; mkdir -p "$tmp"
out=$tmp/out
"$REEMUD" -q estimate "$src/examples/minamitorishima/project.ini" --out "$out" \
  || { echo "FAIL: estimate"; exit 1; }
for f in swath_x.csv swath_y.csv swath_z.csv validation_global.csv validation_gt.csv \
         swath_x.png swath_y.svg swath_z.png validation_gt.png; do
  [ -s "$out/$f" ] || { echo "FAIL: no $f"; exit 1; }
done
/usr/bin/python3 - "$out" <<'PY'
import csv, sys
import numpy as np
import netCDF4
out = sys.argv[1]
bad = []
d = netCDF4.Dataset(f"{out}/block_model.nc")
srey = np.ma.filled(d["SREY_ppm"][:], np.nan)   # (depth, y, x)
for axis, f, keep in ((2, "swath_x.csv", (0, 1)), (1, "swath_y.csv", (0, 2)), (0, "swath_z.csv", (1, 2))):
    rows = list(csv.DictReader(open(f"{out}/{f}")))
    head = list(rows[0].keys())
    for c in ("center_m", "n_composites", "composites_mean_ppm", "nn_mean_ppm", "blocks_mean_ppm"):
        if c not in head:
            bad.append(f"{f}: no column {c}")
    if "Nd_blocks_mean_ppm" not in head:
        bad.append(f"{f}: no Nd columns")
    # the block means are the block model's own slice means
    own = np.nanmean(srey, axis=keep)
    b = np.array([float(r["blocks_mean_ppm"]) for r in rows])
    nn = np.array([float(r["nn_mean_ppm"]) for r in rows])
    if len(b) != len(own) or np.max(np.abs(b - own)) > 1e-6 * np.max(own):
        bad.append(f"{f}: block means differ from block_model.nc")
    rel = np.abs(b / nn - 1)
    corr = np.corrcoef(b, nn)[0, 1]
    lim_max, lim_mean = (0.30, 0.10) if axis else (None, 0.15)
    print(f"{f}: max |blocks/NN - 1| {rel.max():.3f}, mean {rel.mean():.3f}, correlation {corr:.3f}")
    if lim_max is not None and rel.max() > lim_max:
        bad.append(f"{f}: a slice differs by {rel.max():.3f}")
    if rel.mean() > lim_mean:
        bad.append(f"{f}: mean difference {rel.mean():.3f}")
    if corr < 0.9:
        bad.append(f"{f}: correlation {corr:.3f}")
    nc = sum(float(r["n_composites"]) for r in rows)
    if nc < 100:
        bad.append(f"{f}: only {nc} composites in the slices")
g = list(csv.DictReader(open(f"{out}/validation_global.csv")))
if len(g) < 16 or g[0]["variable"] != "SREY":
    bad.append("validation_global.csv: expected SREY and the 15 REY")
for r in g:
    k, n = float(r["kriged_mean_ppm"]), float(r["nn_mean_ppm"])
    if abs(k / n - 1) > 0.02 or abs(100 * (k / n - 1) - float(r["difference_pct"])) > 1e-6:
        bad.append(f"global {r['variable']}: kriged {k} vs NN {n}")
gt = list(csv.DictReader(open(f"{out}/validation_gt.csv")))
if len(gt) != 10 or abs(float(gt[0]["tonnes_ratio"]) - 1) > 0.01:
    bad.append("validation_gt.csv: expected 10 cut-offs and equal tonnes at cut-off 0")
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY
