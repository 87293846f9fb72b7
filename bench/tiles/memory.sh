#!/bin/bash
# memory.sh — peak memory of `reemud simulate` when the grid grows 4x with
# tiles of a fixed size ([simulate] tile_rows; docs/simulation.md "Tiles").
#
#   bench/tiles/memory.sh [REEMUD] [THREADS]
#
# Two synthetic deposits (`reemud synth`, seed 2018) with the same block size
# (1 km x 1 km x 0.5 m, 0-10 mbsf) and core density: 50 km x 100 km with 30
# cores (50 x 100 x 20 = 100,000 blocks: one tile of 100 rows) and
# 50 km x 400 km with 120 cores (400,000 blocks: four tiles of 100 rows).
# The simulation: 25 realizations (one batch), the 15 REY and density
# (multivariate), one thread, normal-score variogram fixed at
# 0.2 Nug + 0.8 Sph(8000, 8000, 4) for every factor (halo 8 rows), so that the
# two runs differ only in the grid.  Prints the grid, tiles, wall time and
# peak RSS (/usr/bin/time -v "Maximum resident set size") of each, and the
# ratio; then (UNTILED=0 skips it) the 4x grid as a single tile for
# comparison.  About 3 minutes on one core.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
REEMUD=${1:-$here/../../build/reemud}
THREADS=${2:-1}
work=${BENCH_TMP:-/tmp/reemud-bench-tiles}
rm -rf "$work"
mkdir -p "$work"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2) ($(nproc) cores), load before $(cut -d' ' -f1-3 /proc/loadavg)"
echo "reemud: $("$REEMUD" --version)"
run() { # name ny_km holes tile_rows
  local name=$1 ny=$2 holes=$3 rows=$4
  local y1=$((2410900 + ny * 1000))
  "$REEMUD" -q synth --out "$work/$name" --seed 2018 --holes "$holes" \
    --extent "558500,2410900,608500,$y1" --nx 50 --ny "$ny" > /dev/null
  cat >> "$work/$name/project.ini" <<EOF

[simulate]
realizations = 25
tile_rows = $rows
variogram = 0.2 Nug + 0.8 Sph(8000, 8000, 4)
EOF
  /usr/bin/time -v "$REEMUD" simulate "$work/$name/project.ini" --threads "$THREADS" \
    --out "$work/$name/sim" 2> "$work/$name/log.txt" > "$work/$name/out.txt"
  local kb wall tiles
  kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/$name/log.txt")
  wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$work/$name/log.txt")
  tiles=$(grep -o 'simulate: [0-9]* tiles of [0-9]* rows (of [0-9]*), halo [0-9]* rows' "$work/$name/log.txt" || echo "one tile")
  echo "$name: 50 x $ny x 20 = $((50 * ny * 20)) blocks, $holes cores; $tiles; wall $wall; peak RSS $((kb / 1024)) MB" >&2
  echo "$kb"
}
kb1=$(run grid1x 100 30 100)
kb4=$(run grid4x 400 120 100)
awk -v a="$kb1" -v b="$kb4" 'BEGIN { printf "peak RSS ratio (4x grid / 1x grid), tiles of 100 rows: %.2f\n", b / a }'
if [ "${UNTILED:-1}" = 1 ]; then # the same 4x grid as one tile, for comparison
  kbu=$(run grid4x_untiled 400 120 400)
  awk -v a="$kb1" -v b="$kbu" 'BEGIN { printf "peak RSS ratio (4x grid as one tile / 1x grid): %.2f\n", b / a }'
fi
