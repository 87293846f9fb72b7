#!/usr/bin/env bash
# `reemud synth`: the same seed gives byte-identical outputs (run.json
# aside), whatever the thread count; another seed gives other outputs;
# usage errors exit 2, refusing to overwrite exits 1, --help exits 0.
set -u
: "${REEMUD:?path of the reemud binary}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/synth_reproducible
rm -rf "$tmp"
mkdir -p "$tmp"
fail=0
small=(--nx 12 --ny 10 --extent 560000,2420000,584000,2440000 --holes 8 --waves 300)
files="collars.csv assays.csv truth.nc truth_summary.json"

OMP_NUM_THREADS=3 "$REEMUD" -q synth --out "$tmp/a" --seed 5 "${small[@]}" >/dev/null || { echo "FAIL: run a"; fail=1; }
OMP_NUM_THREADS=1 "$REEMUD" -q synth --out "$tmp/b" --seed 5 "${small[@]}" >/dev/null || { echo "FAIL: run b"; fail=1; }
"$REEMUD" -q synth --out "$tmp/c" --seed 6 "${small[@]}" >/dev/null || { echo "FAIL: run c"; fail=1; }
for f in $files run.json; do
  [ -s "$tmp/a/$f" ] || { echo "FAIL: $f missing"; fail=1; }
done
for f in $files; do
  cmp -s "$tmp/a/$f" "$tmp/b/$f" || { echo "FAIL: $f differs for the same seed"; fail=1; }
done
(cd "$tmp/a" && sha256sum $files) >"$tmp/a.sha"
(cd "$tmp/b" && sha256sum -c --quiet "$tmp/a.sha") || { echo "FAIL: sha256 differ"; fail=1; }
cmp -s "$tmp/a/assays.csv" "$tmp/c/assays.csv" && { echo "FAIL: seeds 5 and 6 gave the same assays"; fail=1; }
grep -q '"seed":[[:space:]]*5' "$tmp/a/run.json" || { echo "FAIL: run.json lacks the seed"; fail=1; }
ls -a "$tmp/a" | grep -q '\.tmp\.' && { echo "FAIL: temporary file left behind"; fail=1; }
head -1 "$tmp/a/assays.csv" | grep -qx 'hole_id,from_m,to_m,La,Ce,Pr,Nd,Sm,Eu,Gd,Tb,Dy,Ho,Er,Tm,Yb,Lu,Y,dry_density_t_m3' \
  || { echo "FAIL: assays header"; fail=1; }
[ "$(wc -l <"$tmp/a/collars.csv")" -eq 9 ] || { echo "FAIL: expected 8 collars"; fail=1; }

# Existing outputs are not overwritten without --force.
OMP_NUM_THREADS=3 "$REEMUD" -q synth --out "$tmp/a" --seed 5 "${small[@]}" >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "already exists" "$tmp/err" || { echo "FAIL: overwrite without --force"; fail=1; }
OMP_NUM_THREADS=3 "$REEMUD" -q synth --out "$tmp/a" --seed 5 "${small[@]}" --force >/dev/null || { echo "FAIL: --force"; fail=1; }
cmp -s "$tmp/a/truth.nc" "$tmp/b/truth.nc" || { echo "FAIL: --force run differs"; fail=1; }

# Chosen sites.
"$REEMUD" -q synth --out "$tmp/d" "${small[@]}" --site 565000,2425000 --site 570000,2430000 >/dev/null \
  || { echo "FAIL: --site"; fail=1; }
[ "$(wc -l <"$tmp/d/collars.csv")" -eq 3 ] || { echo "FAIL: --site gave other than 2 collars"; fail=1; }

# Usage.
"$REEMUD" synth --help | grep -q -- "--seed" || { echo "FAIL: --help"; fail=1; }
expect_usage() {
  "$REEMUD" synth "$@" >/dev/null 2>&1
  rc=$?
  [ $rc -eq 2 ] || { echo "FAIL: 'synth $*' exited $rc, expected 2"; fail=1; }
}
expect_usage --seed 1
expect_usage --out "$tmp/e" --holes 0
expect_usage --out "$tmp/e" --seed abc
expect_usage --out "$tmp/e" --extent 1,2,3
expect_usage --out "$tmp/e" --depth 10 --dz 0.3
expect_usage --out "$tmp/e" --window 0,20
expect_usage --out "$tmp/e" --site 0,0
expect_usage --out "$tmp/e" --bogus
[ -e "$tmp/e" ] && { echo "FAIL: a usage error created the output directory"; fail=1; }
exit $fail
