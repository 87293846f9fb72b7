#!/bin/bash
# reemud chain on the example's synthetic truth: outputs, summary keys,
# plain verdicts, refusal to overwrite, usage and input errors.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
T="$REEMUD_TEST_TMP/chain_basic"
rm -rf "$T" && mkdir -p "$T"
printf '[project]\nname = test\n[economics]\ndraws = 50\n' > "$T/p.ini"
TRUTH="$REEMUD_SOURCE_DIR/examples/minamitorishima/truth/truth.nc"

"$REEMUD" chain --help | grep -q "chain_summary.json" || fail "--help"
"$REEMUD" chain >/dev/null 2>&1; [ $? -eq 2 ] || fail "missing project must exit 2"
"$REEMUD" chain "$T/p.ini" --bogus >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad flag must exit 2"
"$REEMUD" chain "$T/p.ini" --out "$T/o" 2>"$T/err"; [ $? -eq 1 ] || fail "no block model must exit 1"
grep -q "no block model" "$T/err" || fail "message for no block model"

"$REEMUD" -q chain "$T/p.ini" --blockmodel "$TRUTH" --out "$T/o" >"$T/stdout" || fail "run"
for f in mine_plan.csv processing.csv oxide_output.csv supply.csv years_of_supply.csv \
         economics.csv cashflow.csv tornado.csv npv_draws.csv chain_summary.json run.json; do
    [ -s "$T/o/$f" ] || fail "missing $f"
done
J="$T/o/chain_summary.json"
for k in mass_balance_max_rel_error breakeven_rate_dry_t_per_day scenarios rate_dry_t_per_day \
         oxide_t_per_year coverage unit_cost_usd_per_kg_reo npv_usd p10 p50 p90 verdict; do
    grep -q "\"$k\"" "$J" || fail "summary lacks $k"
done
grep -q '"rate_dry_t_per_day":[[:space:]]*350' "$J" || fail "350 t/day scenario"
grep -q '"rate_dry_t_per_day":[[:space:]]*10000' "$J" || fail "10000 t/day scenario"
# The 350 t/day trial rate: the output must say plainly whether it pays.
grep -Eq "At 350 t/day the project (does NOT pay|pays)" "$J" || fail "plain verdict at 350"
grep -q "350" "$T/stdout" || fail "stdout table"
# Balance closes.
awk -F: '/mass_balance_max_rel_error/ {gsub(/[ ,\t]/, "", $2); if ($2 + 0 > 1e-9) exit 1}' "$J" \
    || fail "mass balance"
# Same seed, same draws (byte-identical npv_draws.csv), also with 1 thread.
"$REEMUD" -q chain "$T/p.ini" --blockmodel "$TRUTH" --out "$T/o2" --threads 1 >/dev/null || fail "rerun"
cmp -s "$T/o/npv_draws.csv" "$T/o2/npv_draws.csv" || fail "draws depend on threads"
# Refuses to overwrite without --force.
"$REEMUD" chain "$T/p.ini" --blockmodel "$TRUTH" --out "$T/o" >/dev/null 2>&1; [ $? -eq 1 ] || fail "overwrite"
"$REEMUD" -q chain "$T/p.ini" --blockmodel "$TRUTH" --out "$T/o" --force >/dev/null || fail "--force"
# A bad key in [mine] is reported with file and line.
printf '[mine]\npenetration_m = -3\n' > "$T/bad.ini"
"$REEMUD" chain "$T/bad.ini" --blockmodel "$TRUTH" --out "$T/o3" 2>"$T/err2"; [ $? -eq 1 ] || fail "bad value"
grep -q "bad.ini:2" "$T/err2" || fail "bad value message: $(cat "$T/err2")"
echo ok
