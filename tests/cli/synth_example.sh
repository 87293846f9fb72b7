#!/usr/bin/env bash
# The committed example (examples/minamitorishima) is what `reemud synth
# --seed 2018` makes: the cores and the truth summary byte for byte, the
# truth.nc data identical (its history/source attributes name the version);
# and the committed summary meets the calibration targets within 2 %
# (Takaya et al. 2018: mean ΣREY 964 ppm, 16 Mt REO over 0–10 mbsf;
# dry density 0.55 t/m³).
set -u
: "${REEMUD:?path of the reemud binary}"
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
ex="$src/examples/minamitorishima"
. "$src/tests/cli/lib/check.sh"
# The truth.nc comparison reads both files with ncdump: without it the test
# cannot run (exit 77, reported as skipped), it must not pass.
command -v ncdump >/dev/null || { echo "SKIP: ncdump not installed (netcdf-bin)"; exit 77; }
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/synth_example
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
size=$(stat -c %s "$ex/truth/truth.nc")
[ "$size" -lt 5000000 ] || { echo "FAIL: truth.nc is $size bytes (>= 5 MB)"; fail=1; }
sites=$(($(wc -l <"$ex/collars.csv") - 1))
[ "$sites" -ge 25 ] && [ "$sites" -le 40 ] || { echo "FAIL: $sites sites, expected 25-40"; fail=1; }
within() { # name value target
  awk -v v="$2" -v t="$3" "$RM_AWK_NUM"'BEGIN { exit !rm_rel(v, t, 0.02) }' \
    || { echo "FAIL: $1 = $2, not within 2 % of $3"; fail=1; }
}
num() { grep -o "\"$1\":[[:space:]]*[-0-9.eE+]*" "$ex/truth/truth_summary.json" | head -1 | sed 's/.*:[[:space:]]*//'; }
within mean_srey_ppm "$(num mean_srey_ppm)" 964
within total_reo_t "$(num total_reo_t)" 16000000
within mean_dry_density_t_m3 "$(num mean_dry_density_t_m3)" 0.55
[ "$(num bottom_mbsf)" = 10 ] || { echo "FAIL: summary window is not 0-10 mbsf"; fail=1; }
grep -qi 'synthetic' "$ex/README.md" || { echo "FAIL: README does not say synthetic"; fail=1; }
exit $fail
