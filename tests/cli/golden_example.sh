#!/usr/bin/env bash
# REGRESSION GOLDEN, not an independent check: the committed example
# (examples/minamitorishima: collars.csv, assays.csv, truth/truth.nc,
# truth/truth_summary.json) is what this version of `reemud synth --seed
# 2018` makes — the cores and the truth summary byte for byte, the truth.nc
# data identical (its history/source attributes name the version).  It
# catches an unintended change of the generator; it says nothing about
# whether the generator is right (tests/cli/synth_example.sh and
# tests/unit/test_synth.c check it against published aggregates).
# Regenerate with scripts/regen-golden-example and explain in the commit
# why the example changed.
set -u
: "${REEMUD:?path of the reemud binary}"
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
ex="$src/examples/minamitorishima"
# The truth.nc comparison reads both files with ncdump: without it the test
# cannot run (exit 77, reported as skipped), it must not pass.
command -v ncdump >/dev/null || { echo "SKIP: ncdump not installed (netcdf-bin)"; exit 77; }
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/golden_example
rm -rf "$tmp"
mkdir -p "$tmp"
fail=0
"$REEMUD" -q synth --out "$tmp" --seed 2018 >/dev/null || { echo "FAIL: synth"; exit 1; }
for f in collars.csv assays.csv; do
  cmp -s "$tmp/$f" "$ex/$f" || { echo "FAIL: $f differs from the committed example"; fail=1; }
done
cmp -s "$tmp/truth_summary.json" "$ex/truth/truth_summary.json" \
  || { echo "FAIL: truth_summary.json differs from the committed example"; fail=1; }
strip() { ncdump "$1" | grep -v -e ':history = ' -e ':source = ' -e '^netcdf '; }
if ! diff -q <(strip "$tmp/truth.nc") <(strip "$ex/truth/truth.nc") >/dev/null; then
  echo "FAIL: truth.nc data differ from the committed example"; fail=1
fi
[ $fail -eq 0 ] || echo "(a regression golden: if the change is intended, run scripts/regen-golden-example)"
exit $fail
