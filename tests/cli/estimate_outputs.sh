#!/usr/bin/env bash
# `reemud estimate` on a small synthetic deposit: every output opens in the
# tools people use (ncdump, gdalinfo, ogrinfo), the CF attributes and the
# CRS (EPSG:32656) are there, the GeoPackage has one feature per core, the
# summary has the truth's keys, and an existing output is not overwritten
# without --force.
set -u
: "${REEMUD:?path of the reemud binary}"
. "${REEMUD_SOURCE_DIR:?}/tests/cli/lib/check.sh"
# The outputs are read back with these tools: without them the test cannot
# run (exit 77, skipped), it must not pass.
for tool in ncdump gdalinfo ogrinfo; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/estimate_outputs
rm -rf "$tmp"
mkdir -p "$tmp/data"
fail=0
"$REEMUD" -q synth --out "$tmp/data" --nx 10 --ny 8 --extent 560000,2420000,580000,2436000 \
  --holes 8 --waves 200 >/dev/null || { echo "FAIL: synth"; exit 1; }
cat >"$tmp/project.ini" <<INI
[project]
name = small synthetic
crs = EPSG:32656
[data]
collars = data/collars.csv
assays = data/assays.csv
[grid]
x_min = 560000
x_max = 580000
y_min = 2420000
y_max = 2436000
dx_m = 2000
dy_m = 2000
dz_m = 1
[estimate]
nmax = 16
INI
out="$tmp/out"
"$REEMUD" -q estimate "$tmp/project.ini" --out "$out" || { echo "FAIL: estimate"; exit 1; }
for f in block_model.nc grade_tonnage.csv resource_summary.json cores.gpkg srey_mean_ppm.tif \
    thickness_above_cutoff_m.tif reo_t_per_km2.tif water_depth_m.tif class.tif run.json; do
  [ -s "$out/$f" ] || { echo "FAIL: missing $f"; fail=1; }
done
ls -a "$out" | grep -q '\.tmp\.' && { echo "FAIL: temporary file left"; fail=1; }
rm_no_nonfinite "$out/grade_tonnage.csv" "$out/resource_summary.json" "$out/run.json" \
  || { echo "FAIL: nan/inf in an output"; fail=1; }

# netCDF: CF-1.8, grid mapping, depth positive down, the per-block fields.
ncdump -h "$out/block_model.nc" >"$tmp/header.txt" || { echo "FAIL: ncdump -h"; exit 1; }
for want in ':Conventions = "CF-1.8"' 'float La_ppm(depth, y, x)' 'float Y_ppm(depth, y, x)' \
    'float SREY_ppm(depth, y, x)' 'float HREE_ppm(depth, y, x)' 'float REO_ppm(depth, y, x)' \
    'float dry_density_t_m3(depth, y, x)' 'float mud_t(depth, y, x)' 'float Dy2O3_t(depth, y, x)' \
    'float REO_t(depth, y, x)' 'float kriging_variance(depth, y, x)' 'float slope(depth, y, x)' \
    'float ke(depth, y, x)' 'float class(depth, y, x)' 'float water_depth_m(y, x)' \
    'float SREY_mean_ppm(y, x)' 'La_ppm:grid_mapping = "crs"' 'La_ppm:units = "ppm"' \
    'mud_t:units = "t"' 'La_ppm:long_name' 'crs:epsg_code = "EPSG:32656"' \
    'crs:grid_mapping_name = "transverse_mercator"' 'depth:positive = "down"' \
    'x:standard_name = "projection_x_coordinate"'; do
  grep -qF -- "$want" "$tmp/header.txt" || { echo "FAIL: ncdump -h lacks: $want"; fail=1; }
done
ncdump -s -h "$out/block_model.nc" | grep -q 'SREY_ppm:_DeflateLevel' || { echo "FAIL: not compressed"; fail=1; }

# GeoTIFFs: CRS, nodata, north-up origin at the grid's top-left corner.
for f in srey_mean_ppm thickness_above_cutoff_m reo_t_per_km2 water_depth_m class; do
  gdalinfo "$out/$f.tif" >"$tmp/$f.txt" 2>&1 || { echo "FAIL: gdalinfo $f"; fail=1; continue; }
  grep -q 'ID\["EPSG",32656\]' "$tmp/$f.txt" || { echo "FAIL: $f: no EPSG:32656"; fail=1; }
  grep -q 'NoData Value=' "$tmp/$f.txt" || { echo "FAIL: $f: no nodata"; fail=1; }
  grep -q 'Size is 10, 8' "$tmp/$f.txt" || { echo "FAIL: $f: size"; fail=1; }
  grep -q 'Origin = (560000.0*,2436000.0*)' "$tmp/$f.txt" || { echo "FAIL: $f: origin"; fail=1; }
  grep -q 'Pixel Size = (2000.0*,-2000.0*)' "$tmp/$f.txt" || { echo "FAIL: $f: pixel size"; fail=1; }
done
grep -q 'COMPRESSION=DEFLATE' "$tmp/srey_mean_ppm.txt" || { echo "FAIL: tif not compressed"; fail=1; }
grep -q 'Type=Byte' "$tmp/class.txt" || { echo "FAIL: class.tif not Byte"; fail=1; }

# GeoPackage: one point per core, in EPSG:32656.
ncores=$(($(wc -l <"$tmp/data/collars.csv") - 1))
ogrinfo -so "$out/cores.gpkg" cores >"$tmp/ogr.txt" 2>&1 || { echo "FAIL: ogrinfo"; fail=1; }
grep -q "Feature Count: $ncores\$" "$tmp/ogr.txt" || { echo "FAIL: expected $ncores features"; grep Feature "$tmp/ogr.txt"; fail=1; }
grep -q 'ID\["EPSG",32656\]' "$tmp/ogr.txt" || { echo "FAIL: gpkg: no EPSG:32656"; fail=1; }
grep -q '^Geometry: Point' "$tmp/ogr.txt" || { echo "FAIL: gpkg: not points"; fail=1; }
for a in hole_id water_depth_m srey_max_ppm n_composites; do
  grep -q "^$a:" "$tmp/ogr.txt" || { echo "FAIL: gpkg lacks attribute $a"; fail=1; }
done

# Summary keys shared with truth_summary.json; grade-tonnage header.
for k in total_mud_t total_reo_t mean_srey_ppm oxide_t element_t mean_ppm; do
  grep -q "\"$k\":" "$out/resource_summary.json" || { echo "FAIL: summary lacks $k"; fail=1; }
  grep -q "\"$k\":" "$tmp/data/truth_summary.json" || { echo "FAIL: truth lacks $k"; fail=1; }
done
head -1 "$out/grade_tonnage.csv" | grep -q '^basis,class,cutoff_srey_ppm,tonnes,mean_srey_ppm,reo_t' \
  || { echo "FAIL: grade_tonnage.csv header"; fail=1; }
grep -q '^column,all,' "$out/grade_tonnage.csv" || { echo "FAIL: no mining-column rows"; fail=1; }
grep -q '"krige":' "$out/run.json" || { echo "FAIL: run.json timings"; fail=1; }
# The auto-fitted variogram is reported: experimental points, fitted
# parameters and how each part was fitted.
PYTHONPATH="$RM_CHECK_PY" python3 - "$out/resource_summary.json" <<'PY' || fail=1
import sys
from rmcheck import load_json, rel_close
s = load_json(sys.argv[1])
# Every block of the 20 x 16 km grid estimated over 0-10 mbsf: mud = area x
# thickness x dry density = 20e3 x 16e3 x 10 x 0.55 t (synth calibrates the
# window's mean dry density to 0.55 t/m3; kriging keeps it within ~2 %).
mud = 20e3 * 16e3 * 10 * 0.55
assert rel_close(s["total_mud_t"], mud, 0.03), (s["total_mud_t"], mud)
f = s["variograms"]["auto_fit"]
for part in ("horizontal", "downhole"):
    p = f[part]
    assert p["method"] in ("free", "profile", "capped", "default"), p["method"]
    assert len(p["experimental"]) >= 1 and all(l["np"] > 0 for l in p["experimental"])
assert f["horizontal_range_m"] > 0 and f["vertical_range_m"] > 0 and f["nugget"] >= 0
PY

# No overwrite without --force; --force overwrites.
"$REEMUD" -q estimate "$tmp/project.ini" --out "$out" 2>"$tmp/err.txt"
[ $? -eq 1 ] || { echo "FAIL: overwrite without --force did not fail"; fail=1; }
grep -q 'already exists' "$tmp/err.txt" || { echo "FAIL: overwrite message"; cat "$tmp/err.txt"; fail=1; }
"$REEMUD" -q estimate "$tmp/project.ini" --out "$out" --force || { echo "FAIL: --force"; fail=1; }

# --threads wins over [estimate] threads; run.json records the count used.
sed 's/^nmax = 16$/nmax = 16\nthreads = 1/' "$tmp/project.ini" >"$tmp/threads.ini"
grep -q '^threads = 1$' "$tmp/threads.ini" || { echo "FAIL: threads.ini"; fail=1; }
"$REEMUD" -q estimate "$tmp/threads.ini" --out "$tmp/th1" || { echo "FAIL: threads 1"; fail=1; }
"$REEMUD" -q estimate "$tmp/threads.ini" --threads 3 --out "$tmp/th3" || { echo "FAIL: --threads"; fail=1; }
PYTHONPATH="$RM_CHECK_PY" python3 - "$tmp/th1/run.json" "$tmp/th3/run.json" <<'PY' || fail=1
import sys
from rmcheck import load_json
a, b = (load_json(p)["parameters"]["threads"] for p in sys.argv[1:])
assert (a, b) == (1, 3), f"run.json threads: file only {a}, with --threads 3 {b}"
PY
cmp -s "$tmp/th1/block_model.nc" "$tmp/th3/block_model.nc" ||
  { echo "FAIL: block model differs between 1 and 3 threads"; fail=1; }

# Usage.
"$REEMUD" estimate --help >/dev/null || { echo "FAIL: --help"; fail=1; }
"$REEMUD" estimate 2>/dev/null; [ $? -eq 2 ] || { echo "FAIL: no argument should exit 2"; fail=1; }
"$REEMUD" estimate "$tmp/project.ini" --bogus 2>/dev/null; [ $? -eq 2 ] || { echo "FAIL: bad flag should exit 2"; fail=1; }
exit $fail
