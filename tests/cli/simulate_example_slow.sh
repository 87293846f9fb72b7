#!/usr/bin/env bash
# reemud simulate on the bundled example: the synthetic truth's total REO
# lies inside P10–P90, the P50 is within 5 % of the kriged total, and an
# MPI run on 2 ranks (two batches of 25 realizations, one per rank) writes a
# byte-identical summary; the elements keep the composites' correlations.
set -euo pipefail
: "${REEMUD:?}" "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
out="$REEMUD_TEST_TMP/simulate_example"
rm -rf "$out"; mkdir -p "$out"
project="$REEMUD_SOURCE_DIR/examples/minamitorishima/project.ini"
truth="$REEMUD_SOURCE_DIR/examples/minamitorishima/truth/truth_summary.json"

"$REEMUD" -q estimate "$project" --out "$out/est" >/dev/null
"$REEMUD" -q simulate "$project" --out "$out/one" --realizations 50 --seed 7 >/dev/null

PYTHONPATH="$REEMUD_SOURCE_DIR/tests/cli/lib" python3 - "$out/one/simulation_summary.json" "$out/est/resource_summary.json" "$truth" <<'PY'
import sys
from rmcheck import load_json
sim = load_json(sys.argv[1])["total_reo_t"]
kriged = load_json(sys.argv[2])["total_reo_t"]
truth = load_json(sys.argv[3])["total_reo_t"]
print(f"P10 {sim['p10']:.4g}  P50 {sim['p50']:.4g}  P90 {sim['p90']:.4g}  kriged {kriged:.4g}  truth {truth:.4g}")
assert sim["p10"] <= truth <= sim["p90"], "truth outside P10-P90"
assert abs(sim["p50"] / kriged - 1) <= 0.05, f"P50 {sim['p50']:.4g} vs kriged {kriged:.4g}"
PY

# Multivariate: the simulated blocks' correlations of the 15 REY and
# density reproduce the composites' within 0.15; ΣREY totals are the sums
# of the oxides simulated element by element.
PYTHONPATH="$REEMUD_SOURCE_DIR/tests/cli/lib" python3 - "$out/one/simulation_summary.json" <<'PY'
import sys
from rmcheck import load_json
s = load_json(sys.argv[1])
ec = s["element_correlation"]
n = len(ec["elements"])
assert n == 16 and ec["elements"][-1] == "dry_density", ec["elements"]
worst = max(abs(ec["data"][i][j] - ec["simulated"][i][j]) for i in range(n) for j in range(n))
print(f"element correlations: worst |simulated - composites| {worst:.3f}")
assert worst <= 0.15, worst
for c in s["cutoffs"]:
    assert abs(sum(q["mean"] for q in c["oxide_t"].values()) - c["reo_t"]["mean"]) <= 1e-6 * c["reo_t"]["mean"]
PY

mpi_driver="$(dirname "$REEMUD")/reemud-mpi"
if command -v mpirun >/dev/null && [ -x "$mpi_driver" ]; then
  mpirun --allow-run-as-root --oversubscribe -np 2 "$REEMUD" -q simulate "$project" \
    --out "$out/two" --realizations 50 --seed 7 >/dev/null
  cmp "$out/one/simulation_summary.json" "$out/two/simulation_summary.json"
  grep -q '"mpi_ranks":[[:space:]]*2' "$out/two/run.json"
  echo "MPI (2 ranks) summary identical to 1 process"
else
  echo "mpirun or reemud-mpi missing: MPI comparison skipped" >&2
  exit 77
fi
