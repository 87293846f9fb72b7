#!/usr/bin/env bash
# GeoTIFF surfaces in `reemud estimate` on synthetic truth (seed 4242):
#   - drift_surface (kriging with an external drift): on a flat-topped
#     deposit whose grade varies laterally, a secondary map of the column-mean
#     SREY (a perfect proxy, as a geophysical survey would be at best) lowers
#     the block RMSE against the truth by >= 5 % (measured 433 -> 394 ppm);
#     the block model's external_drift surface is the raster's value;
#   - horizon_surface: with the true top of the REY-rich unit as the user
#     surface (a sub-bottom reflector that found it), horizon coordinates do
#     better than with the picked-and-kriged top (measured 619 -> 379 ppm).
# Rasters are made with gdal_translate (gdal-bin, scripts/install-deps).
set -u
: "${REEMUD:?path of the reemud binary}"
command -v gdal_translate >/dev/null || { echo "no gdal_translate: skipped"; exit 77; }
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/estimate_surfaces
rm -rf "$tmp"; mkdir -p "$tmp"
. "$(dirname "$0")/lib/synth_project.sh"
fail=0
project() { # vertical extra-line
  synth_project "GeoTIFF surfaces test (synthetic)" "$1" "$2"
}
for relief in 0 3; do
  "$REEMUD" -q synth --out "$tmp/r$relief" --seed 4242 --horizon-relief $relief \
    --horizon-length 40000 >/dev/null || { echo "FAIL: synth"; exit 1; }
done
# the column-mean SREY of the flat deposit's truth as an ASCII grid, then GeoTIFF
/usr/bin/python3 - "$tmp/r0" <<'PY' || exit 1
import sys, netCDF4, numpy as np
d = sys.argv[1]
t = netCDF4.Dataset(f"{d}/truth.nc")
m = np.ma.filled(t["SREY_ppm"][:], np.nan).mean(axis=0)
x, y = t["x"][:], t["y"][:]
dx = float(x[1] - x[0])
with open(f"{d}/srey_mean.asc", "w") as f:
    f.write(f"ncols {len(x)}\nnrows {len(y)}\nxllcorner {float(x[0]) - dx / 2}\n"
            f"yllcorner {float(y[0]) - dx / 2}\ncellsize {dx}\nNODATA_value -9999\n")
    for j in range(len(y) - 1, -1, -1):
        f.write(" ".join(f"{v:.3f}" for v in m[j]) + "\n")
PY
gdal_translate -q -a_srs EPSG:32656 "$tmp/r0/srey_mean.asc" "$tmp/r0/srey_mean.tif" || exit 1
gdal_translate -q "NETCDF:$tmp/r3/truth.nc:rey_top_mbsf" "$tmp/r3/top.tif" || exit 1
project mbsf "" >"$tmp/r0/ok.ini"
project mbsf "drift_surface = srey_mean.tif" >"$tmp/r0/ked.ini"
project horizon "" >"$tmp/r3/picks.ini"
project horizon "horizon_surface = top.tif" >"$tmp/r3/file.ini"
for run in r0/ok r0/ked r3/picks r3/file; do
  "$REEMUD" -q estimate "$tmp/$run.ini" --out "$tmp/$run" || { echo "FAIL: estimate $run"; exit 1; }
done
/usr/bin/python3 - "$tmp" <<'PY' || fail=1
import sys, netCDF4, numpy as np
t = sys.argv[1]
def rmse(d, run):
    tr = np.ma.filled(netCDF4.Dataset(f"{t}/{d}/truth.nc")["SREY_ppm"][:], np.nan)
    e = np.ma.filled(netCDF4.Dataset(f"{t}/{d}/{run}/block_model.nc")["SREY_ppm"][:], np.nan)
    assert np.isfinite(e).all()
    return float(np.sqrt(np.mean((e - tr) ** 2)))
bad = []
ok, ked = rmse("r0", "ok"), rmse("r0", "ked")
picks, file = rmse("r3", "picks"), rmse("r3", "file")
print(f"flat deposit: RMSE OK {ok:.1f} ppm, KED on the column-mean map {ked:.1f} ppm ({100 * (ked / ok - 1):+.1f} %)")
print(f"undulating: RMSE horizon from picks {picks:.1f} ppm, from the true-top GeoTIFF {file:.1f} ppm")
if not ked <= 0.95 * ok:
    bad.append("KED does not lower the RMSE by 5 %")
if not file < picks:
    bad.append("the true surface does not beat the picks")
nc = netCDF4.Dataset(f"{t}/r0/ked/block_model.nc")
tr = netCDF4.Dataset(f"{t}/r0/truth.nc")
drift = np.ma.filled(nc["external_drift"][:], np.nan)
want = np.ma.filled(tr["SREY_ppm"][:], np.nan).mean(axis=0)
if np.max(np.abs(drift - want)) > 1e-2:
    bad.append(f"external_drift differs from the raster by {np.max(np.abs(drift - want))}")
h = np.ma.filled(netCDF4.Dataset(f"{t}/r3/file/block_model.nc")["horizon_mbsf"][:], np.nan)
top = np.ma.filled(netCDF4.Dataset(f"{t}/r3/truth.nc")["rey_top_mbsf"][:], np.nan)
if np.max(np.abs(h - top)) > 1e-4:
    bad.append("horizon_mbsf differs from the GeoTIFF")
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY
# errors: a surface in another CRS, and a missing file, name the file
gdal_translate -q -a_srs EPSG:32654 "$tmp/r0/srey_mean.asc" "$tmp/r0/wrong.tif"
project mbsf "drift_surface = wrong.tif" >"$tmp/r0/bad.ini"
"$REEMUD" estimate "$tmp/r0/bad.ini" --out "$tmp/r0/bad" 2>"$tmp/bad.err" && { echo "FAIL: wrong CRS accepted"; fail=1; }
grep -q "wrong.tif.*EPSG:32656" "$tmp/bad.err" || { echo "FAIL: message: $(cat "$tmp/bad.err")"; fail=1; }
project horizon "horizon_surface = none.tif" >"$tmp/r3/bad.ini"
"$REEMUD" estimate "$tmp/r3/bad.ini" --out "$tmp/r3/bad" 2>"$tmp/bad2.err" && { echo "FAIL: missing surface accepted"; fail=1; }
grep -q "none.tif" "$tmp/bad2.err" || { echo "FAIL: message: $(cat "$tmp/bad2.err")"; fail=1; }
exit $fail
