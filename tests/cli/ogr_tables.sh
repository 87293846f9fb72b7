#!/usr/bin/env bash
# Drillhole tables through OGR (src/data/ogrtable.c): the example's collars
# and assays converted by ogr2ogr into an .xlsx workbook (text cells), an
# .ods workbook and a GeoPackage (numeric columns), and the collars as a
# layer of points (no lon/lat columns), named as FILE:NAME in
# [data].  `reemud estimate` from each gives files identical to the CSV run
# (summary, grade-tonnage table, every variable of the block model); a bad
# cell is reported with its sheet and row; a missing sheet names the ones
# there are.  Under the sanitizers only `check` runs.  Skipped (77) when GDAL lacks the XLSX/ODS/GPKG drivers.
set -u
: "${REEMUD:?}"
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/ogr_tables
rm -rf "$tmp"
mkdir -p "$tmp"
ex=$src/examples/minamitorishima
fail=0
command -v ogr2ogr >/dev/null || { echo "SKIP: no ogr2ogr"; exit 77; }
formats=$(ogr2ogr --formats)
for f in XLSX ODS GPKG; do
  grep -q "^  $f " <<<"$formats" || { echo "SKIP: GDAL has no $f driver"; exit 77; }
done

# Workbooks and a GeoPackage with a sheet/layer per table.
make_book() { # FORMAT FILE [open options]
  local fmt=$1 out=$2; shift 2
  ogr2ogr -f "$fmt" "$out" "$@" "$ex/collars.csv" -nln collars &&
    ogr2ogr -f "$fmt" -update "$out" "$@" "$ex/assays.csv" -nln assays
}
make_book XLSX "$tmp/cores.xlsx" || { echo "FAIL: ogr2ogr xlsx"; exit 1; }
make_book ODS "$tmp/cores.ods" || { echo "FAIL: ogr2ogr ods"; exit 1; }
make_book GPKG "$tmp/cores.gpkg" -oo AUTODETECT_TYPE=YES || { echo "FAIL: ogr2ogr gpkg"; exit 1; }
# Collars as points (EPSG:4326) with no lon/lat columns: the geometry stands in.
ogr2ogr -f GPKG "$tmp/points.gpkg" "$ex/collars.csv" -nln collars -oo X_POSSIBLE_NAMES=lon \
  -oo Y_POSSIBLE_NAMES=lat -oo KEEP_GEOM_COLUMNS=NO -oo AUTODETECT_TYPE=YES -a_srs EPSG:4326 ||
  { echo "FAIL: ogr2ogr points.gpkg"; exit 1; }

project() { # NAME COLLARS ASSAYS
  sed -e "s#^collars = .*#collars = $2#" -e "s#^assays = .*#assays = $3#" \
    "$ex/project.ini" >"$tmp/$1.ini"
}
project csv "$ex/collars.csv" "$ex/assays.csv"
project xlsx cores.xlsx:collars cores.xlsx:assays
project ods cores.ods:collars cores.ods:assays
project gpkg cores.gpkg:collars cores.gpkg:assays
project points points.gpkg:collars "$ex/assays.csv"

# `reemud check` (counts, composite statistics) alike but for the names.
for k in csv xlsx ods gpkg points; do
  "$REEMUD" -q check "$tmp/$k.ini" 2>&1 | grep -vE '^(collars|assays) ' >"$tmp/check_$k" ||
    { echo "FAIL: check of $k"; fail=1; }
done
for k in xlsx ods gpkg points; do
  cmp -s "$tmp/check_csv" "$tmp/check_$k" || { echo "FAIL: check from $k differs"; fail=1; }
done
# The estimates (a few seconds each; left to the release build when sanitized).
kinds="csv xlsx ods gpkg points"
[ -n "${REEMUD_SANITIZED:-}" ] && kinds=""
for k in $kinds; do
  "$REEMUD" -q estimate "$tmp/$k.ini" --out "$tmp/out_$k" 2>"$tmp/err_$k" ||
    { echo "FAIL: estimate from $k exit $?"; cat "$tmp/err_$k"; fail=1; }
done
for k in ${kinds/csv/}; do
  for f in resource_summary.json grade_tonnage.csv; do
    cmp -s "$tmp/out_csv/$f" "$tmp/out_$k/$f" || { echo "FAIL: $f from $k differs from CSV"; fail=1; }
  done
  # Every variable of the block model (the history attribute aside).
  ncdump "$tmp/out_csv/block_model.nc" | grep -v ':history' >"$tmp/csv.cdl"
  ncdump "$tmp/out_$k/block_model.nc" | grep -v ':history' >"$tmp/$k.cdl"
  cmp -s "$tmp/csv.cdl" "$tmp/$k.cdl" || { echo "FAIL: block_model.nc from $k differs"; fail=1; }
  grep -q "$k.*:collars" "$tmp/out_$k/run.json" || { echo "FAIL: run.json of $k names no sheet"; fail=1; }
done

# A bad cell: row 5 of the assays sheet (line 5 of the CSV) holds text in La.
awk -F, 'BEGIN{OFS=","} NR==5{$4="abc"} {print}' "$ex/assays.csv" >"$tmp/assays_bad.csv"
ogr2ogr -f XLSX "$tmp/bad.xlsx" "$ex/collars.csv" -nln collars &&
  ogr2ogr -f XLSX -update "$tmp/bad.xlsx" "$tmp/assays_bad.csv" -nln assays ||
  { echo "FAIL: ogr2ogr bad.xlsx"; exit 1; }
project bad bad.xlsx:collars bad.xlsx:assays
"$REEMUD" check "$tmp/bad.ini" >/dev/null 2>"$tmp/err_bad"; rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: bad cell gave exit $rc, expected 1"; fail=1; }
grep -q "bad.xlsx:assays:5: field 'La': 'abc' is not a number" "$tmp/err_bad" ||
  { echo "FAIL: bad cell not reported with sheet and row"; cat "$tmp/err_bad"; fail=1; }

# A sheet that is not there.
project nosheet cores.xlsx:collars cores.xlsx:assys
"$REEMUD" check "$tmp/nosheet.ini" >/dev/null 2>"$tmp/err_nosheet"; rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: missing sheet gave exit $rc, expected 1"; fail=1; }
grep -q "has no sheet named 'assys' (it has: collars, assays)" "$tmp/err_nosheet" ||
  { echo "FAIL: missing sheet message"; cat "$tmp/err_nosheet"; fail=1; }

# A missing required column in a layer: named with the layer and row 1.
ogr2ogr -f GPKG "$tmp/nocol.gpkg" "$ex/collars.csv" -nln collars -select hole_id,lon,lat,length_m &&
  ogr2ogr -f GPKG -update "$tmp/nocol.gpkg" "$ex/assays.csv" -nln assays ||
  { echo "FAIL: ogr2ogr nocol.gpkg"; exit 1; }
project nocol nocol.gpkg:collars nocol.gpkg:assays
"$REEMUD" check "$tmp/nocol.ini" >/dev/null 2>"$tmp/err_nocol"
grep -q "nocol.gpkg:collars:1: field 'water_depth_m': required column is missing" "$tmp/err_nocol" ||
  { echo "FAIL: missing column message"; cat "$tmp/err_nocol"; fail=1; }

[ "$fail" -eq 0 ] && echo "ok: ogr_tables"
exit "$fail"
