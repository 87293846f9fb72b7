#!/usr/bin/env bash
# The MPI driver on a small synthetic project: `mpirun -np 2 reemud
# simulate` (which runs reemud-mpi, splitting the realizations over the
# ranks) writes the same simulation_summary.json, byte for byte, as one
# process, and run.json records 2 ranks; the estimate's kriging is shared
# over the ranks in its 5 runs of 2 layers ([estimate] chunk_blocks = 128).
# Then tiled ([simulate] tile_rows = 3: three tiles of the 8 rows, two
# batches, one per rank): summary, simulation.nc and the probability maps
# byte-identical for 1 and 2 ranks, the kriging shared and the estimate
# logged once (its log lines); the same tiled
# in horizon coordinates ([estimate] vertical = horizon); a command without
# MPI (estimate), and simulate without reemud-mpi beside it, are run by rank 0
# alone.  Small enough for the sanitizer pass.  Without mpirun or reemud-mpi
# (a build with REEMUD_MPI=OFF) the test cannot run: exit 77, reported as
# skipped.
set -uo pipefail
: "${REEMUD:?}" "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
export REEMUD_DATADIR="$REEMUD_SOURCE_DIR"
mpi_driver="$(dirname "$REEMUD")/reemud-mpi"
if ! command -v mpirun >/dev/null || [ ! -x "$mpi_driver" ]; then
  echo "SKIP: mpirun or $mpi_driver missing (REEMUD_MPI=OFF?)"
  exit 77
fi
t="$REEMUD_TEST_TMP/pipeline_mpi"; rm -rf "$t"; mkdir -p "$t"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$REEMUD" -q synth --out "$t/data" --seed 11 --nx 8 --ny 8 \
  --extent 560000,2420000,576000,2436000 --holes 8 --waves 200 >/dev/null || fail "synth"
cat >"$t/data/project.ini" <<'INI'
[project]
name = mpi check (synthetic)
seed = 11
[data]
collars = collars.csv
assays = assays.csv
[grid]
x_min = 560000
x_max = 576000
y_min = 2420000
y_max = 2436000
dx_m = 2000
dy_m = 2000
dz_m = 1
[estimate]
chunk_blocks = 128
[simulate]
nmax = 12
INI
p="$t/data/project.ini"
"$REEMUD" -q simulate "$p" --out "$t/one" --realizations 4 --seed 5 >/dev/null 2>"$t/one.err" \
  || { cat "$t/one.err" >&2; fail "simulate, 1 process"; }
# Open MPI's own allocations are not ours to leak-check under ASan:
# tests/cli/lib/lsan-mpi.supp suppresses them by library and entry point,
# and Open MPI is told not to dlclose its components so that LeakSanitizer
# can name them.
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$REEMUD_SOURCE_DIR/tests/cli/lib/lsan-mpi.supp"
export OMPI_MCA_mca_base_component_disable_dlclose=1
# Full stacks on malloc, so a suppression can match orte_init or a library
# constructor deep in the stack (the fast unwinder stops in Open MPI's
# frame-pointer-less code); only reemud's own leaks are reported.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
pass_env=()
for v in LSAN_OPTIONS ASAN_OPTIONS UBSAN_OPTIONS REEMUD_DATADIR OMPI_MCA_mca_base_component_disable_dlclose; do
  [ -n "${!v:-}" ] && pass_env+=(-x "$v")
done
mpirun --allow-run-as-root --oversubscribe -np 2 "${pass_env[@]}" \
  "$REEMUD" -q simulate "$p" --out "$t/two" --realizations 4 --seed 5 \
  >/dev/null 2>"$t/two.err" || { cat "$t/two.err" >&2; fail "mpirun -np 2 simulate"; }
cmp "$t/one/simulation_summary.json" "$t/two/simulation_summary.json" \
  || fail "the 2-rank summary differs from 1 process"
grep -q '"mpi_ranks":[[:space:]]*2' "$t/two/run.json" || fail "run.json does not record 2 ranks"
echo "MPI (2 ranks) summary identical to 1 process"

# Tiles: three bands of rows, the batches over the ranks, the estimate once.
tiled="$t/data/tiled.ini"
sed 's/^nmax = 12$/nmax = 12\ntile_rows = 3\nbatch = 2/' "$p" > "$tiled"
grep -q '^tile_rows = 3$' "$tiled" || fail "tiled project"
"$REEMUD" simulate "$tiled" --out "$t/tone" --realizations 4 --seed 5 >/dev/null 2>"$t/tone.err" \
  || { cat "$t/tone.err" >&2; fail "tiled simulate, 1 process"; }
grep -q 'simulate: 3 tiles of 3 rows (of 8)' "$t/tone.err" || { cat "$t/tone.err" >&2; fail "not tiled"; }
mpirun --allow-run-as-root --oversubscribe -np 2 "${pass_env[@]}" \
  "$REEMUD" simulate "$tiled" --out "$t/ttwo" --realizations 4 --seed 5 \
  >/dev/null 2>"$t/ttwo.err" || { cat "$t/ttwo.err" >&2; fail "mpirun -np 2 tiled simulate"; }
for f in simulation_summary.json simulation.nc prob_above_400ppm.tif prob_above_1000ppm.tif; do
  cmp "$t/tone/$f" "$t/ttwo/$f" || fail "tiled: the 2-rank $f differs from 1 process"
done
grep -q "kriging's 5 runs of layers shared over 2 processes" "$t/ttwo.err" \
  || { cat "$t/ttwo.err" >&2; fail "kriging not shared over the ranks"; }
[ "$(grep -c 'composites; grid' "$t/ttwo.err")" = 1 ] || fail "more than one rank logged the estimate"
echo "MPI (2 ranks) tiled outputs identical to 1 process; the kriging shared, logged once"

# Stratigraphic coordinates ([estimate] vertical = horizon, an undulating
# top): every rank computes the horizon in the estimate's data stage, the
# simulation runs on the flattened grid, tiled; identical for 1 and 2 ranks.
"$REEMUD" -q synth --out "$t/hdata" --seed 11 --nx 8 --ny 8 \
  --extent 560000,2420000,576000,2436000 --holes 8 --waves 200 \
  --horizon-relief 3 --horizon-length 20000 >/dev/null || fail "synth (horizon)"
sed 's/^chunk_blocks = 128$/chunk_blocks = 128\nvertical = horizon/' "$tiled" > "$t/hdata/project.ini"
hp="$t/hdata/project.ini"
grep -q '^vertical = horizon$' "$hp" || fail "horizon project"
"$REEMUD" simulate "$hp" --out "$t/hone" --realizations 4 --seed 5 >/dev/null 2>"$t/hone.err" \
  || { cat "$t/hone.err" >&2; fail "horizon simulate, 1 process"; }
grep -q 'simulate: in horizon coordinates' "$t/hone.err" || { cat "$t/hone.err" >&2; fail "not in horizon coordinates"; }
mpirun --allow-run-as-root --oversubscribe -np 2 "${pass_env[@]}" \
  "$REEMUD" -q simulate "$hp" --out "$t/htwo" --realizations 4 --seed 5 \
  >/dev/null 2>"$t/htwo.err" || { cat "$t/htwo.err" >&2; fail "mpirun -np 2 horizon simulate"; }
for f in simulation_summary.json simulation.nc prob_above_400ppm.tif prob_above_1000ppm.tif; do
  cmp "$t/hone/$f" "$t/htwo/$f" || fail "horizon: the 2-rank $f differs from 1 process"
done
echo "MPI (2 ranks) in horizon coordinates identical to 1 process"

# A command that does not split over ranks (estimate): under mpirun -np 2
# rank 0 runs it alone and warns once; the outputs are one run's.
mpirun --allow-run-as-root --oversubscribe -np 2 "${pass_env[@]}" \
  "$REEMUD" estimate "$p" --out "$t/etwo" >/dev/null 2>"$t/etwo.err" \
  || { cat "$t/etwo.err" >&2; fail "mpirun -np 2 estimate"; }
[ "$(grep -c 'estimate does not split its work over MPI ranks: rank 0 of 2 runs it alone' "$t/etwo.err")" = 1 ] \
  || { cat "$t/etwo.err" >&2; fail "no single warning for a command without MPI"; }
[ "$(grep -c 'composites; grid' "$t/etwo.err")" = 1 ] || fail "estimate ran on more than one rank"
[ -s "$t/etwo/block_model.nc" ] && [ -s "$t/etwo/run.json" ] || fail "estimate outputs missing"
echo "MPI (2 ranks): estimate run once, by rank 0"

# simulate without the MPI driver beside the binary (a copy of reemud and
# reemud-full alone): rank 0 runs every realization alone and warns once;
# the summary is the one process's.
mkdir -p "$t/nodriver"
cp "$REEMUD" "$(dirname "$REEMUD")/reemud-full" "$t/nodriver/"
mpirun --allow-run-as-root --oversubscribe -np 2 "${pass_env[@]}" \
  "$t/nodriver/reemud" simulate "$p" --out "$t/ndtwo" --realizations 4 --seed 5 \
  >/dev/null 2>"$t/ndtwo.err" || { cat "$t/ndtwo.err" >&2; fail "mpirun -np 2 simulate without the driver"; }
[ "$(grep -c 'reemud-mpi: rank 0 of 2 runs every realization alone' "$t/ndtwo.err")" = 1 ] \
  || { cat "$t/ndtwo.err" >&2; fail "no single warning without the MPI driver"; }
cmp "$t/one/simulation_summary.json" "$t/ndtwo/simulation_summary.json" \
  || fail "without the driver: the summary differs from 1 process"
echo "MPI (2 ranks) without reemud-mpi: rank 0 alone, summary identical"
