#!/bin/bash
# reemud supply: outputs and their columns, the summary, Minamitorishima from the
# chain's oxide_output.csv, balance closed per row, figures, Monte Carlo independent
# of threads, refusal to overwrite, usage and input errors.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
T="$REEMUD_TEST_TMP/supply_basic"
rm -rf "$T" && mkdir -p "$T"
printf '[project]\nname = test\n[economics]\ndraws = 10\n[supply]\nminamitorishima_start = 2030\n' > "$T/p.ini"
TRUTH="$REEMUD_SOURCE_DIR/examples/minamitorishima/truth/truth.nc"

"$REEMUD" supply --help | grep -q "supply_balance.csv" || fail "--help"
"$REEMUD" supply >/dev/null 2>&1; [ $? -eq 2 ] || fail "missing project must exit 2"
"$REEMUD" supply "$T/p.ini" --bogus >/dev/null 2>&1; [ $? -eq 2 ] || fail "bad flag must exit 2"
"$REEMUD" supply "$T/p.ini" --out "$T/x" --scenario nosuch 2>"$T/err"; [ $? -eq 1 ] || fail "unknown scenario must exit 1"
grep -q "nosuch" "$T/err" && grep -q "embargo_japan_us" "$T/err" || fail "unknown scenario message"
"$REEMUD" supply "$T/p.ini" --out "$T/x" --years 2040:2030 2>"$T/err"; [ $? -eq 1 ] || fail "bad years"
grep -q "FROM:TO" "$T/err" || fail "bad years message"

# The chain's oxide output (the same project: the chain accepts the [supply] keys).
"$REEMUD" -q chain "$T/p.ini" --blockmodel "$TRUTH" --out "$T/chain" >/dev/null || fail "chain"
OX="$T/chain/oxide_output.csv"
start=$(date +%s)
"$REEMUD" -q supply "$T/p.ini" --out "$T/o" --oxide-output "$OX" >"$T/stdout" || fail "run"
[ $(( $(date +%s) - start )) -le 30 ] || fail "supply took more than 30 s"
for f in supply_balance.csv supply_sources.csv supply_summary.json supply_unmet.svg \
         supply_sankey.svg supply_bottlenecks.html run.json; do
    [ -s "$T/o/$f" ] || fail "missing $f"
done
B="$T/o/supply_balance.csv"
head -1 "$B" | grep -q "^scenario,case,year,element,market,demand_t,supplied_t,unmet_t,china_t,china_share,hhi," \
    || fail "balance columns"
head -1 "$B" | grep -q "stockpile_days" && head -1 "$B" | grep -q "binding_stage" || fail "balance columns"
for c in without with_350 with_3500 with_10000; do
    grep -q "^embargo_japan_us,$c,2035,Dy,japan," "$B" || fail "case $c"
done
for s in none licensing april_withheld embargo_japan_us japan_ban; do
    grep -q "^$s,without,2024,Nd,us," "$B" || fail "scenario $s"
done
# supplied + unmet = demand; no NaN anywhere.
awk -F, 'NR > 1 { d = $6; if (d < 0 || $7 < 0 || $8 < 0) exit 1;
                  e = $7 + $8 - d; if (e < 0) e = -e; if (e > 1e-9 * d + 1e-9) exit 1 }' "$B" \
    || fail "balance does not close"
grep -qi "nan\|inf" "$B" && fail "NaN or Inf in balance"
# No controls in 2024: nobody is short.
awk -F, '$1 == "none" && $3 == 2024 && $8 > 1e-6 { exit 1 }' "$B" || fail "unmet in 2024 without controls"
# Minamitorishima lowers Japan's Dy shortfall under the Japan+US embargo after its start.
u0=$(awk -F, '$1=="embargo_japan_us" && $2=="without" && $3==2034 && $4=="Dy" && $5=="japan" {print $8}' "$B")
u1=$(awk -F, '$1=="embargo_japan_us" && $2=="with_3500" && $3==2034 && $4=="Dy" && $5=="japan" {print $8}' "$B")
awk -v a="$u0" -v b="$u1" 'BEGIN { exit !(a > 0 && b < a) }' || fail "Minamitorishima does not lower Japan's Dy ($u0 -> $u1)"
J="$T/o/supply_summary.json"
for k in baseline_year china_share mining separation magnets scenarios first_shortfall_year \
         first_shortfall_element embargo_japan_us japan us; do
    grep -q "\"$k\"" "$J" || fail "summary lacks $k"
done
grep -q '"baseline_year":[[:space:]]*2024' "$J" || fail "baseline year"
# The console's first shortfalls are supply_summary.json's, line for line.
/usr/bin/python3 - "$J" "$T/stdout" <<'PY' || fail "console and supply_summary.json name different first shortfalls"
import json, re, sys
sc = json.load(open(sys.argv[1]))["scenarios"]
n = 0
for line in open(sys.argv[2]):
    m = re.match(r"(\S+)\s+(\S+)\s+(japan|us)\s+(none|(\d+) (\S+) )", line)
    if not m or m.group(1) not in sc:
        continue
    j = sc[m.group(1)][m.group(2)][m.group(3)]
    said = (0, None) if m.group(4) == "none" else (int(m.group(5)), m.group(6))
    want = (j["first_shortfall_year"], j.get("first_shortfall_element")) if j["first_shortfall_year"] else (0, None)
    if said != want:
        sys.exit(f"{line.strip()}: json {want}")
    n += 1
sys.exit(0 if n >= 10 else f"only {n} shortfall lines")
PY
grep -q "<svg" "$T/o/supply_sankey.svg" && grep -q "Dy" "$T/o/supply_sankey.svg" || fail "sankey"
grep -q "<table" "$T/o/supply_bottlenecks.html" || fail "bottleneck table"
grep -q '"oxide_output"' "$T/o/run.json" || fail "run.json input"
# Two price states: "normal" reproduces the chain's NPV at FOB China prices; the
# ex-China tier for the controlled elements raises it under the embargo.
E="$T/o/supply_economics.csv"
[ -s "$E" ] || fail "missing supply_economics.csv"
chain_npv=$(awk -F, '$1 == 350 && $2 == "china_fob" {print $14}' "$T/chain/economics.csv")
normal=$(awk -F, '$1 == "none" && $2 == 350 && $3 == "normal" {print $4}' "$E")
ctl=$(awk -F, '$1 == "embargo_japan_us" && $2 == 350 && $3 == "controls" {print $4}' "$E")
awk -v a="$chain_npv" -v b="$normal" 'BEGIN { d = a - b; if (d < 0) d = -d; if (a < 0) a = -a; exit !(d <= 1e-9 * a) }' \
    || fail "normal NPV $normal differs from the chain's $chain_npv"
awk -v a="$normal" -v b="$ctl" 'BEGIN { exit !(b > a) }' || fail "controls NPV not above normal"
# A rate with more digits than oxide_output.csv keeps (%g): the chain's lift
# energy for it is still found, so "normal" is the chain's NPV (to the rate's
# rounding, 2e-6; the [economics] default energy would move it by ~1e-4).
cp "$T/p.ini" "$T/r.ini"; printf '[mine]\nrates_dry_t_per_day = 1234.5678\n' >> "$T/r.ini"
"$REEMUD" -q chain "$T/r.ini" --blockmodel "$TRUTH" --out "$T/rchain" >/dev/null || fail "chain, odd rate"
"$REEMUD" -q supply "$T/r.ini" --out "$T/ro" --oxide-output "$T/rchain/oxide_output.csv" >/dev/null \
    || fail "supply, odd rate"
a=$(awk -F, '$2 == "china_fob" {print $14}' "$T/rchain/economics.csv")
b=$(awk -F, '$1 == "none" && $3 == "normal" {print $4}' "$T/ro/supply_economics.csv")
awk -v a="$a" -v b="$b" 'BEGIN { d = a - b; if (d < 0) d = -d; if (a < 0) a = -a; exit !(d <= 2e-5 * a) }' \
    || fail "odd rate: normal NPV $b differs from the chain's $a"
# Refuses to overwrite without --force.
"$REEMUD" supply "$T/p.ini" --out "$T/o" >/dev/null 2>&1; [ $? -eq 1 ] || fail "overwrite"
# Monte Carlo: the same seed gives the same file with 1 or 2 threads.
"$REEMUD" -q supply "$T/p.ini" --out "$T/m1" --scenario embargo_japan_us --years 2024:2032 \
    --draws 4 --seed 3 --threads 1 >/dev/null || fail "mc 1"
"$REEMUD" -q supply "$T/p.ini" --out "$T/m2" --scenario embargo_japan_us --years 2024:2032 \
    --draws 4 --seed 3 --threads 2 >/dev/null || fail "mc 2"
[ -s "$T/m1/supply_montecarlo.csv" ] || fail "no supply_montecarlo.csv"
head -1 "$T/m1/supply_montecarlo.csv" | grep -q "unmet_p10_t,unmet_p50_t,unmet_p90_t" || fail "mc columns"
cmp -s "$T/m1/supply_montecarlo.csv" "$T/m2/supply_montecarlo.csv" || fail "Monte Carlo depends on threads"
cmp -s "$T/m1/supply_balance.csv" "$T/m2/supply_balance.csv" || fail "balance depends on threads"
# A bad oxide file names file, line and field.
printf 'rate_dry_t_per_day,element,oxide,oxide_t_per_year\n350,Xx,X,1\n' > "$T/bad.csv"
"$REEMUD" supply "$T/p.ini" --out "$T/b" --oxide-output "$T/bad.csv" 2>"$T/err"; [ $? -eq 1 ] || fail "bad oxide file"
grep -q "bad.csv:2" "$T/err" && grep -q "element" "$T/err" || fail "bad oxide message: $(cat "$T/err")"
# An unknown [supply] key is refused.
printf '[project]\nname = t\n[supply]\nbogus_key = 1\n' > "$T/q.ini"
"$REEMUD" supply "$T/q.ini" --out "$T/q" 2>"$T/err"; [ $? -eq 1 ] || fail "unknown key"
grep -q "bogus_key" "$T/err" || fail "unknown key message"
echo ok
