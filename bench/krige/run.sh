#!/bin/bash
# run.sh — reemud krige vs gstat krige on the same machine, same run.
#
#   bench/krige/run.sh [REEMUD] [THREADS]
#
# 1. 5,000 3-D samples, 200,000-node grid (100 x 100 x 20), nmax 24,
#    ordinary kriging, model 0.1 Nug + 0.9 Sph(400): gstat's krige() call
#    (timed inside R) vs the whole `reemud krige` process (read, krige,
#    write CSV); the estimates are compared.
# 2. Scaling: 50,000 samples to 200,000 / 800,000 / 2,000,000 targets on
#    finer grids over the same box (reemud only): time and peak memory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
REEMUD=${1:-$here/../../build/reemud}
THREADS=${2:-2}
work=${BENCH_TMP:-/tmp/reemud-bench-krige}
mkdir -p "$work"
MODEL="0.1 Nug + 0.9 Sph(400)"
GMODEL='vgm(0.9, "Sph", 400, 0.1)'
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2) ($(nproc) cores)"
echo "reemud: $("$REEMUD" --version)  threads $THREADS"
echo "gstat:  $(Rscript -e 'cat(as.character(packageVersion("gstat")))')"

Rscript "$here/gen.R" 5000 1 "$work/s5k.csv"
echo "== 5,000 samples -> 200,000 targets, nmax 24, OK =="
gout=$(Rscript "$here/gstat_krige.R" "$work/s5k.csv" 100,100,20 24 "$GMODEL" "$work/gstat.csv")
gsec=$(echo "$gout" | awk '/gstat_seconds/ {print $2}')
best=1e9
for rep in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$REEMUD" krige --data "$work/s5k.csv" \
    --coords x,y,z --value v --model "$MODEL" --grid 10:20:100,10:20:100,2.5:5:20 \
    --nmax 24 --threads "$THREADS" --out "$work/reemud.csv" --force
  read -r sec kb < "$work/time.txt"
  best=$(awk -v a="$best" -v b="$sec" 'BEGIN {print (b < a) ? b : a}')
done
echo "gstat krige(): ${gsec} s"
echo "reemud krige (whole process, best of 3): ${best} s, peak RSS $((kb / 1024)) MB"
awk -v g="$gsec" -v r="$best" 'BEGIN {printf "ratio gstat/reemud: %.1fx\n", g / r}'
Rscript "$here/compare.R" "$work/reemud.csv" "$work/gstat.csv" "$work/s5k.csv"

if [ "${SKIP_SCALING:-0}" != 1 ]; then
  echo "== scaling: 50,000 samples, nmax 24, OK =="
  Rscript "$here/gen.R" 50000 2 "$work/s50k.csv"
  # three sizes over the same 2,000 m x 2,000 m x 100 m box as the samples
  for g in 100:20,100:20,20:5 200:10,200:10,20:5 400:5,250:8,20:5; do
    IFS=, read -r ax ay az <<< "$g"
    nx=${ax%%:*} dx=${ax##*:} ny=${ay%%:*} dy=${ay##*:} nz=${az%%:*} dz=${az##*:}
    grid="$(awk -v d=$dx 'BEGIN{print d/2}'):$dx:$nx,$(awk -v d=$dy 'BEGIN{print d/2}'):$dy:$ny,$(awk -v d=$dz 'BEGIN{print d/2}'):$dz:$nz"
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$REEMUD" krige --data "$work/s50k.csv" \
      --coords x,y,z --value v --model "$MODEL" --grid "$grid" \
      --nmax 24 --threads "$THREADS" --out "$work/scale.csv" --force
    read -r sec kb < "$work/time.txt"
    echo "targets $((nx * ny * nz)) (grid $grid): ${sec} s, peak RSS $((kb / 1024)) MB"
  done
fi
