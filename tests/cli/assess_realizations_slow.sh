#!/usr/bin/env bash
# reemud assess runs the chain's NPV Monte Carlo over the simulation's
# realizations: draw k uses realization k mod n with the same input draws
# (rm_rng_stream(seed, k)) whatever n is, and realization k is the same in
# any run (inputs, seed, index).  So with --realizations 10 the draws
# 0, 10, 20, ... must equal, to the digit, the draws of a run with
# --realizations 1 (all on realization 0), and most other draws must differ
# (another realization, another resource).  The deterministic NPV stays the
# kriged model's (equal in both runs), P10 < P50 < P90, chain_summary.json
# counts the realizations, and simulation.nc does not get them.
set -uo pipefail
: "${REEMUD:?}" "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
t="$REEMUD_TEST_TMP/assess_realizations"; rm -rf "$t"; mkdir -p "$t"
fail() { echo "FAIL: $*" >&2; exit 1; }
export REEMUD_DATADIR="$REEMUD_SOURCE_DIR"
project="$REEMUD_SOURCE_DIR/examples/minamitorishima/project.ini"

for n in 10 1; do
  "$REEMUD" assess "$project" --out "$t/r$n" --realizations "$n" --draws 200 \
    >"$t/stdout$n" 2>"$t/stderr$n" || { cat "$t/stderr$n" >&2; fail "assess --realizations $n failed"; }
  grep -q "NPV draws over $n resource realizations" "$t/stderr$n" \
    || fail "no log line for the draws over $n realizations"
done
if ncdump -h "$t/r10/simulate/simulation.nc" 2>/dev/null | grep -qi "realization"; then
  fail "simulation.nc holds the realizations kept in memory for the chain"
fi

PYTHONPATH="$REEMUD_SOURCE_DIR/tests/cli/lib" python3 - "$t/r10" "$t/r1" <<'PY' || fail "NPV draws over realizations"
import csv, os, sys
from rmcheck import finite, load_json
a, b = sys.argv[1], sys.argv[2]
def load(d):
    s = load_json(os.path.join(d, "summary.json"))
    c = load_json(os.path.join(d, "chain", "chain_summary.json"))
    rows = list(csv.reader(open(os.path.join(d, "chain", "npv_draws.csv"))))
    for r in rows[1:]:
        assert all(finite(float(x)) for x in r[1:]), ("non-finite draw", r)
    return s, c, rows[0], rows[1:]
sa, ca, ha, da = load(a)
sb, cb, hb, db = load(b)
assert ca["realizations"] == 10 and cb["realizations"] == 1, (ca["realizations"], cb["realizations"])
assert ha == hb and len(da) == len(db) == 200, (ha, hb, len(da), len(db))
for sc_a, sc_b in zip(sa["scenarios"], sb["scenarios"]):
    assert sc_a["npv_p10_usd"] < sc_a["npv_p50_usd"] < sc_a["npv_p90_usd"], sc_a
    # Deterministic NPV: the kriged model in both runs.
    assert sc_a["npv_usd"] == sc_b["npv_usd"], (sc_a["npv_usd"], sc_b["npv_usd"])
for col in range(1, len(ha)):
    same = [da[k][col] == db[k][col] for k in range(len(da))]
    on_r0 = [same[k] for k in range(len(da)) if k % 10 == 0]
    other = [same[k] for k in range(len(da)) if k % 10 != 0]
    assert all(on_r0), (ha[col], "draws on realization 0 differ between the runs")
    assert sum(other) <= 0.1 * len(other), (ha[col], sum(other), "draws ignore the realization")
    # The resource moves the NPV: draws on different realizations spread wider.
    fa = sorted(float(r[col]) for r in da); fb = sorted(float(r[col]) for r in db)
    print(ha[col], "P10-P90 width (USD): 10 realizations %.4g, 1 realization %.4g"
          % (fa[179] - fa[19], fb[179] - fb[19]))
PY
echo "assess_realizations: OK"
