#!/usr/bin/env bash
# Calibration of P10–P90 of the total REO (docs/simulation.md, "Parameter
# uncertainty"): over a small family of synthetic deposits (reemud synth with
# different seeds and 10–40 cores) the truth's total lies inside P10–P90 in
# at least 4 of 6; and on the 12-core deposit P10–P90 is at least as wide as
# the interval implied by the standard error of the cores' mean ΣREY (100
# realizations: P10 and P90 of fewer scatter by ±15 %).
set -euo pipefail
: "${REEMUD:?}" "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
out="$REEMUD_TEST_TMP/simulate_coverage"
rm -rf "$out"; mkdir -p "$out"
cov="$REEMUD_SOURCE_DIR/bench/sgs/coverage.py"

python3 "$cov" "$REEMUD" "$REEMUD_SOURCE_DIR" "$out/family" --seeds 1:6 --holes 10,20,30,40 \
  --realizations 20 --json "$out/family.json"
python3 "$cov" "$REEMUD" "$REEMUD_SOURCE_DIR" "$out/twelve" --seeds 5:5 --holes 12 \
  --realizations 100 --json "$out/twelve.json"

python3 - "$out/family.json" "$out/twelve.json" <<'PY'
import json, sys
fam = json.load(open(sys.argv[1]))
k = sum(m["inside"] for m in fam["members"])
assert k >= 4, f"truth inside P10-P90 in {k} of {len(fam['members'])} deposits"
m = json.load(open(sys.argv[2]))["members"][0]
print(f"12 cores: P10-P90 ±{100 * m['half_width_rel']:.1f} %, "
      f"implied by the cores' standard error ±{100 * m['se_half_width_rel']:.1f} %")
assert m["half_width_rel"] >= m["se_half_width_rel"], "P10-P90 narrower than the cores' SE"
PY
