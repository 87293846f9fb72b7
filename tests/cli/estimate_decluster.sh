#!/usr/bin/env bash
# [composite] decluster_cell_m reaches the estimate: the kriged totals do not
# depend on declustering weights, the block-support grade-tonnage curve
# (built from the weighted composite histogram) does.
set -euo pipefail
: "${REEMUD:?}" "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
. "$REEMUD_SOURCE_DIR/tests/cli/lib/check.sh"
t="$REEMUD_TEST_TMP/estimate_decluster"; rm -rf "$t"; mkdir -p "$t"
ex="$REEMUD_SOURCE_DIR/examples/minamitorishima"
cp "$ex"/collars.csv "$ex"/assays.csv "$t/"
sed 's/^\[data\]/[composite]\ndecluster_cell_m = 10000\n\n[data]/' "$ex/project.ini" > "$t/project.ini"
"$REEMUD" -q estimate "$ex/project.ini" --out "$t/plain"
"$REEMUD" -q estimate "$t/project.ini" --out "$t/declustered"
PYTHONPATH="$RM_CHECK_PY" python3 - "$t/plain/resource_summary.json" "$t/declustered/resource_summary.json" <<'PY'
import sys
from rmcheck import finite, load_json, rel_close
a, b = (load_json(p) for p in sys.argv[1:3])
assert a["total_reo_t"] == b["total_reo_t"], "kriged totals must not depend on the weights"
ta = a["grade_tonnage_block_support"]["affine"][2]["mud_t"]
tb = b["grade_tonnage_block_support"]["affine"][2]["mud_t"]
assert finite(ta) and finite(tb) and not rel_close(ta, tb, 1e-3), "declustering weights did not reach the block-support curve"
print(f"affine tonnes above 400 ppm: plain {ta:.4g} t, declustered {tb:.4g} t")
PY
