#!/bin/bash
# run.sh — sequential Gaussian simulation: reemud vs gstat in the same run,
# and reemud's scaling over threads and MPI ranks.
#
#   bench/sgs/run.sh [REEMUD] 
#
# 1. 500 conditioning normal scores, 200,000-node grid (100 x 100 x 20 at
#    10 m x 10 m x 1 m), 24 neighbours, simple kriging with mean 0, model
#    0.1 Nug + 0.9 Sph(300, 300, 10): gstat's krige(..., nsim = 1) (the call
#    alone, timed in R) vs `reemud krige --sim` (whole process), 1 and 2
#    threads; statistics of both for comparison.
# 2. `reemud simulate` on the example: realizations per second with 1 and 2
#    threads and with 1 and 2 MPI ranks (1 thread each).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
REEMUD=${1:-$here/../../build/reemud}
work=${BENCH_TMP:-/tmp/reemud-bench-sgs}
mkdir -p "$work"
MODEL="0.1 Nug + 0.9 Sph(300, 300, 10)"
GRID=5:10:100,5:10:100,0.5:1:20
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2) ($(nproc) cores), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "reemud: $("$REEMUD" --version)"
echo "gstat:  $(Rscript -e 'cat(as.character(packageVersion("gstat")))')"
Rscript "$here/gen_scores.R" 500 1 "$work/scores.csv"

echo "== SGS, 200,000 nodes, 24 neighbours, SK mean 0 =="
gout=$(Rscript "$here/gstat_sgs.R" "$work/scores.csv" 100,100,20 24 1 "$work/gstat.csv")
gsec=$(echo "$gout" | awk '/gstat_seconds/ {print $2}')
echo "gstat krige(nsim = 1): ${gsec} s per realization"
for threads in 1 2; do
  nsim=4
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$REEMUD" krige --data "$work/scores.csv" \
    --coords x,y,z --value v --model "$MODEL" --grid "$GRID" --nmax 24 --sk 0 \
    --sim "$nsim" --seed 1 --threads "$threads" --out "$work/reemud.csv" --force
  read -r sec kb < "$work/time.txt"
  per=$(awk -v s="$sec" -v n="$nsim" 'BEGIN {printf "%.3f", s / n}')
  echo "reemud krige --sim $nsim, $threads thread(s): ${sec} s whole process = ${per} s per realization, peak RSS $((kb / 1024)) MB"
  awk -v g="$gsec" -v r="$per" -v t="$threads" 'BEGIN {printf "ratio gstat/reemud per realization (%d thread(s)): %.1fx\n", t, g / r}'
done
echo "-- statistics of the realizations (the data are white noise, so neither program reproduces the model exactly: model gamma_x 10/50/100/200 m = 0.145/0.323/0.533/0.867) --"
Rscript "$here/check_sim.R" "$work/gstat.csv" sim 100,100,20
Rscript "$here/check_sim.R" "$work/reemud.csv" v_sim 100,100,20

echo "== reemud simulate on the example: realizations per second =="
project="$here/../../examples/minamitorishima/project.ini"
run() {  # label, command...
  local label=$1; shift
  rm -rf "$work/sim"
  /usr/bin/time -f "%e" -o "$work/time.txt" "$@" >/dev/null 2>&1
  local sec; sec=$(cat "$work/time.txt")
  local simsec; simsec=$(python3 -c "import json; print(json.load(open('$work/sim/run.json'))['timings_s']['simulate'])")
  awk -v l="$label" -v s="$sec" -v t="$simsec" 'BEGIN {printf "%-22s whole %.2f s, simulation %.2f s = %.2f realizations/s\n", l, s, t, 20 / t}'
}
run "1 thread"  "$REEMUD" simulate "$project" --out "$work/sim" --realizations 20 --threads 1
run "2 threads" "$REEMUD" simulate "$project" --out "$work/sim" --realizations 20 --threads 2
if command -v mpirun >/dev/null; then
  run "1 rank x 1 thread"  mpirun --allow-run-as-root -np 1 "$REEMUD" simulate "$project" --out "$work/sim" --realizations 20 --threads 1
  run "2 ranks x 1 thread" mpirun --allow-run-as-root -np 2 "$REEMUD" simulate "$project" --out "$work/sim" --realizations 20 --threads 1
fi
