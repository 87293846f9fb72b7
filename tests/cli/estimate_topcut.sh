#!/usr/bin/env bash
# [topcut] in `reemud estimate` on the bundled example: the caps lower each
# capped element's metal (and ΣREY's) by exactly the metal at risk that
# topcut.csv reports — checked against a run without caps, whose metal is
# the uncapped estimate (same variogram: it is fitted before the caps) —
# with the outlier restriction on; the log-probability figure is written;
# bad [topcut] values are reported with file, line and key.
set -u
: "${REEMUD:?path of the reemud binary}"
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/estimate_topcut
rm -rf "$tmp"; mkdir -p "$tmp"
ex=$src/examples/minamitorishima
cp "$ex/collars.csv" "$ex/assays.csv" "$tmp/"
cp "$ex/project.ini" "$tmp/plain.ini"
cp "$ex/project.ini" "$tmp/capped.ini"
printf '\n[topcut]\nLa = 500\nY = 900\nSREY = 3500\nrestrict_distance_m = 1500\n' >>"$tmp/capped.ini"
fail=0
"$REEMUD" -q estimate "$tmp/plain.ini" --out "$tmp/plain" || { echo "FAIL: plain run"; exit 1; }
"$REEMUD" -q estimate "$tmp/capped.ini" --out "$tmp/capped" || { echo "FAIL: capped run"; exit 1; }
[ -s "$tmp/capped/topcut.png" ] && [ -s "$tmp/capped/topcut.svg" ] || { echo "FAIL: no topcut figure"; fail=1; }
[ "$(head -1 "$tmp/plain/topcut.csv")" = "element,cap_ppm,n_capped,metal_at_risk_t,metal_at_risk_pct,metal_uncapped_t" ] \
  && [ "$(wc -l <"$tmp/plain/topcut.csv")" -eq 1 ] || { echo "FAIL: plain topcut.csv"; fail=1; }
/usr/bin/python3 - "$tmp" <<'PY' || fail=1
import csv, json, sys
tmp = sys.argv[1]
plain = json.load(open(f"{tmp}/plain/resource_summary.json"))["element_t"]
cap = json.load(open(f"{tmp}/capped/resource_summary.json"))["element_t"]
rows = {r["element"]: r for r in csv.DictReader(open(f"{tmp}/capped/topcut.csv"))}
bad = []
if set(rows) != {"La", "Y", "SREY"}:
    bad.append(f"rows {sorted(rows)}")
for el, r in rows.items():
    drop = sum(plain[k] - cap[k] for k in plain) if el == "SREY" else plain[el] - cap[el]
    risk = float(r["metal_at_risk_t"])
    print(f"{el}: metal drop {drop:.6f} t, reported at risk {risk:.6f} t ({r['metal_at_risk_pct']} %), {r['n_capped']} capped")
    if not (risk > 0) or abs(drop - risk) > 1e-8 * abs(risk):
        bad.append(f"{el}: drop {drop} != at risk {risk}")
    unc = sum(plain[k] for k in plain) if el == "SREY" else plain[el]
    if abs(float(r["metal_uncapped_t"]) - unc) > 1e-8 * unc:
        bad.append(f"{el}: uncapped metal {r['metal_uncapped_t']} != {unc}")
    if int(r["n_capped"]) < 1:
        bad.append(f"{el}: nothing capped")
for el in plain:
    if el not in ("La", "Y") and abs(plain[el] - cap[el]) > 0.2 * plain[el]:
        bad.append(f"{el}: changed by {plain[el] - cap[el]}")
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY
# bad input: a negative cap, an unknown key, a restriction without caps
cp "$ex/project.ini" "$tmp/bad.ini"
printf '\n[topcut]\nLa = -5\nXx = 3\n' >>"$tmp/bad.ini"
"$REEMUD" estimate "$tmp/bad.ini" --out "$tmp/bad" 2>"$tmp/bad.err" && { echo "FAIL: bad [topcut] accepted"; fail=1; }
grep -q "bad.ini:[0-9]*.*topcut.La" "$tmp/bad.err" || { echo "FAIL: negative cap message: $(cat "$tmp/bad.err")"; fail=1; }
grep -q "Xx" "$tmp/bad.err" || { echo "FAIL: unknown key message: $(cat "$tmp/bad.err")"; fail=1; }
cp "$ex/project.ini" "$tmp/bad2.ini"
printf '\n[topcut]\nrestrict_distance_m = 100\n' >>"$tmp/bad2.ini"
"$REEMUD" estimate "$tmp/bad2.ini" --out "$tmp/bad2" 2>"$tmp/bad2.err" && { echo "FAIL: restriction without caps accepted"; fail=1; }
grep -q "restrict_distance_m.*no cap" "$tmp/bad2.err" || { echo "FAIL: restriction message: $(cat "$tmp/bad2.err")"; fail=1; }
exit $fail
