#!/bin/bash
# batch.sh — SGS throughput with kriging weights shared across realizations:
# `reemud krige --sim 50` (realizations in batches of 25 on a shared path,
# rm_sgs_realize_batch) against gstat's krige(..., nsim = 1) in the same run.
#
#   bench/sgs/batch.sh [REEMUD] [NSIM]
#
# The bench/sgs problem: 500 conditioning normal scores, 200,000-node grid
# (100 x 100 x 20 at 10 m x 10 m x 1 m), 24 neighbours, simple kriging with
# mean 0, model 0.1 Nug + 0.9 Sph(300, 300, 10).  Prints the load, gstat's
# seconds per realization (the krige() call alone), reemud's simulation time
# (-v, the simulation alone, one thread) and process CPU time, simulated
# nodes per second per thread, and the per-realization ratio.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
REEMUD=${1:-$here/../../build/reemud}
NSIM=${2:-50}
work=${BENCH_TMP:-/tmp/reemud-bench-sgs}
mkdir -p "$work"
MODEL="0.1 Nug + 0.9 Sph(300, 300, 10)"
GRID=5:10:100,5:10:100,0.5:1:20
NODES=200000
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2) ($(nproc) cores), load before $(cut -d' ' -f1-3 /proc/loadavg)"
echo "reemud: $("$REEMUD" --version)"
echo "gstat:  $(Rscript -e 'cat(as.character(packageVersion("gstat")))')"
Rscript "$here/gen_scores.R" 500 1 "$work/scores.csv" >/dev/null
gout=$(Rscript "$here/gstat_sgs.R" "$work/scores.csv" 100,100,20 24 1 "$work/gstat.csv")
gsec=$(echo "$gout" | awk '/gstat_seconds/ {print $2}')
gcpu=$(echo "$gout" | awk '/gstat_cpu_seconds/ {print $2}')
echo "gstat krige(nsim = 1): ${gsec} s wall, ${gcpu} s CPU per realization (load $(cut -d' ' -f1 /proc/loadavg))"
/usr/bin/time -f "%e %U %M" -o "$work/time.txt" "$REEMUD" -v krige --data "$work/scores.csv" \
  --coords x,y,z --value v --model "$MODEL" --grid "$GRID" --nmax 24 --sk 0 \
  --sim "$NSIM" --seed 1 --threads 1 --out "$work/reemud.csv" --force 2> "$work/log.txt"
read -r wall user kb < "$work/time.txt"
simsec=$(awk '/realizations of/ {for (i = 1; i <= NF; i++) if ($i == "simulate") print $(i + 1)}' "$work/log.txt")
echo "reemud krige --sim $NSIM, 1 thread (load $(cut -d' ' -f1 /proc/loadavg)): simulation ${simsec} s wall;" \
     "whole process ${wall} s wall, ${user} s CPU, peak RSS $((kb / 1024)) MB"
awk -v s="$simsec" -v u="$user" -v n="$NSIM" -v N="$NODES" -v g="$gsec" -v gc="$gcpu" 'BEGIN {
  printf "simulated nodes per second per thread: %.2f M (simulation wall time), %.2f M (whole-process CPU time)\n", n * N / s / 1e6, n * N / u / 1e6
  printf "ratio gstat/reemud per realization: %.0fx (wall: krige() call / simulation), %.0fx (CPU: krige() call / whole reemud process)\n", g / (s / n), gc / (u / n) }'
echo "-- statistics of the realizations (model gamma_x 10/50/100/200 m = 0.145/0.323/0.533/0.867) --"
Rscript "$here/check_sim.R" "$work/gstat.csv" sim 100,100,20
Rscript "$here/check_sim.R" "$work/reemud.csv" v_sim1 100,100,20
