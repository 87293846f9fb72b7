#!/usr/bin/env bash
# The committed example (examples/minamitorishima) against published
# aggregates: its truth summary meets the calibration targets within 2 %
# (Takaya et al. 2018, Sci. Rep. 8:5763: mean ΣREY 964 ppm, 16 Mt REO over
# 0–10 mbsf; dry density 0.55 t/m³ = (1 − 0.78) × 2.5, docs/references.md),
# the truth file is small, the site count is of the published order, and the
# README says synthetic.  That the example is what this version of `synth`
# makes is a regression golden, kept apart: tests/cli/golden_example.sh.
set -u
: "${REEMUD:?path of the reemud binary}"
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
ex="$src/examples/minamitorishima"
. "$src/tests/cli/lib/check.sh"
fail=0
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
# Both the written project and the example's declare the data synthetic, and
# the written one, on the truth's grid, passes the check.
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/synth_example
rm -rf "$tmp"
mkdir -p "$tmp"
"$REEMUD" -q synth --out "$tmp" --seed 2018 >/dev/null || { echo "FAIL: synth"; exit 1; }
for ini in "$tmp/project.ini" "$ex/project.ini"; do
  grep -q '^synthetic = true$' "$ini" || { echo "FAIL: $ini lacks synthetic = true"; fail=1; }
done
for k in 'x_min = 558500' 'x_max = 608500' 'y_min = 2410900' 'y_max = 2460900' 'dz_m = 0.5'; do
  grep -q "^$k\$" "$tmp/project.ini" || { echo "FAIL: project.ini lacks '$k'"; fail=1; }
done
"$REEMUD" -q check "$tmp/project.ini" >/dev/null || { echo "FAIL: check of the written project.ini"; fail=1; }
exit $fail
