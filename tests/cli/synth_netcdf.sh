#!/usr/bin/env bash
# The truth written by `reemud synth` is CF-1.8 netCDF that ncdump and GDAL
# read: CF attributes present, and gdalinfo reports WGS 84 / UTM zone 56N
# (EPSG:32656) for a field.
set -u
: "${REEMUD:?path of the reemud binary}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/synth_netcdf
rm -rf "$tmp"
mkdir -p "$tmp"
fail=0
# ncdump and gdalinfo read the file back; without them the test cannot run:
# exit 77 (skipped), never a pass.
for tool in ncdump gdalinfo; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool not installed"; exit 77; }
done
"$REEMUD" -q synth --out "$tmp" --nx 8 --ny 6 --extent 560000,2420000,576000,2432000 \
  --holes 4 --waves 200 >/dev/null || { echo "FAIL: synth"; exit 1; }
nc="$tmp/truth.nc"
ncdump -h "$nc" >"$tmp/header.txt" || { echo "FAIL: ncdump -h"; exit 1; }
for want in ':Conventions = "CF-1.8"' 'float La_ppm(depth, y, x)' 'float SREY_ppm(depth, y, x)' \
    'float water_depth_m(y, x)' 'La_ppm:grid_mapping = "crs"' 'La_ppm:units = "ppm"' \
    'La_ppm:_FillValue' 'crs:crs_wkt = "PROJCS[\"WGS 84 / UTM zone 56N\"' \
    'crs:grid_mapping_name = "transverse_mercator"' 'crs:epsg_code = "EPSG:32656"' \
    'x:standard_name = "projection_x_coordinate"' 'y:standard_name = "projection_y_coordinate"' \
    'depth:positive = "down"' 'depth:axis = "Z"' 'depth:long_name = "depth below seafloor"' \
    'depth:units = "m"' ':title = ' ':source = ' ':history = '; do
  grep -qF -- "$want" "$tmp/header.txt" || { echo "FAIL: ncdump -h lacks: $want"; fail=1; }
done
ncdump -s -h "$nc" | grep -q 'La_ppm:_DeflateLevel = 4' || { echo "FAIL: no deflate"; fail=1; }
ncdump -s -h "$nc" | grep -q 'La_ppm:_Shuffle = "true"' || { echo "FAIL: no shuffle"; fail=1; }
gdalinfo "NETCDF:\"$nc\":La_ppm" >"$tmp/gdalinfo.txt" 2>&1 || { echo "FAIL: gdalinfo"; cat "$tmp/gdalinfo.txt"; fail=1; }
grep -q 'WGS 84 / UTM zone 56N' "$tmp/gdalinfo.txt" || { echo "FAIL: gdalinfo: no UTM zone 56N"; fail=1; }
grep -q 'ID\["EPSG",32656\]' "$tmp/gdalinfo.txt" || { echo "FAIL: gdalinfo: no EPSG:32656"; fail=1; }
grep -q 'Size is 8, 6' "$tmp/gdalinfo.txt" || { echo "FAIL: gdalinfo: size"; fail=1; }
grep -q 'Origin = (560000.0*,2432000.0*)' "$tmp/gdalinfo.txt" || { echo "FAIL: gdalinfo: origin"; grep Origin "$tmp/gdalinfo.txt"; fail=1; }
[ "$(grep -c '^Band ' "$tmp/gdalinfo.txt")" -eq 20 ] || { echo "FAIL: gdalinfo: expected 20 depth bands"; fail=1; }
exit $fail
