#!/usr/bin/env bash
# `reemud kna` on the bundled example: kna.csv's columns and rows, the
# figure and run.json; the neighbourhood diagnostics behave as kriging
# theory says (Vann, Jackson & Bertoli 2003): the kriging efficiency, the
# mean slope of regression and the slope of the poorly informed blocks
# (lower decile) rise with nmax without a radius, and level off once a
# 15 km radius rather than nmax limits the neighbourhood; the |mu| slope
# never exceeds 1 or the exact regression slope (docs/kriging.md); bad flags
# fail.
set -u
: "${REEMUD:?path of the reemud binary}"
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/kna_example
rm -rf "$tmp"; mkdir -p "$tmp"
fail=0
"$REEMUD" -q kna "$src/examples/minamitorishima/project.ini" --nmax 4,8,16,32,64 \
  --maxdist 0,15000 --out "$tmp/out" || { echo "FAIL: kna run"; exit 1; }
for f in kna.csv kna.png kna.svg run.json; do
  [ -s "$tmp/out/$f" ] || { echo "FAIL: no $f"; fail=1; }
done
/usr/bin/python3 - "$tmp/out/kna.csv" <<'PY' || fail=1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
bad = []
need = ["nmax", "maxdist_m", "slope_mean", "ke_mean", "negative_weight_share", "blocks_estimated"]
if any(c not in rows[0] for c in need):
    bad.append(f"columns {list(rows[0])}")
if len(rows) != 10:
    bad.append(f"{len(rows)} rows, expected 5 nmax x 2 maxdist")
for md in ("0", "15000"):
    r = [x for x in rows if x["maxdist_m"] == md]
    nmax = [int(x["nmax"]) for x in r]
    ke = [float(x["ke_mean"]) for x in r]
    p10 = [float(x["slope_p10"]) for x in r]
    sm = [float(x["slope_mean"]) for x in r]
    sx = [float(x["slope_exact_mean"]) for x in r]
    print(f"maxdist {md}: nmax {nmax} KE {[round(v, 4) for v in ke]} slope p10 {[round(v, 4) for v in p10]} mean {[round(v, 4) for v in sm]}")
    if nmax != [4, 8, 16, 32, 64]:
        bad.append(f"nmax order {nmax}")
    if any(b <= a for a, b in zip(ke, ke[1:])):
        bad.append(f"maxdist {md}: KE does not rise with nmax")
    if not p10[-1] > p10[0] + 0.05 or any(b < a - 0.005 for a, b in zip(p10, p10[1:])):
        bad.append(f"maxdist {md}: lower-decile slope does not rise with nmax")
    if any(not 0.5 < v <= 1 for v in sm) or any(a > b + 1e-12 for a, b in zip(sm, sx)):
        bad.append(f"maxdist {md}: mean slope {sm} (exact {sx})")
    if md == "0" and any(b <= a for a, b in zip(sm, sm[1:])):
        bad.append(f"maxdist {md}: mean slope does not rise with nmax: {sm}")
    if md == "15000" and (sm[2] <= sm[0] or any(b < a - 0.002 for a, b in zip(sm, sm[1:]))):
        bad.append(f"maxdist {md}: mean slope does not rise, then level off: {sm}")
    for x in r:
        if not 0 <= float(x["negative_weight_share"]) < 1 or int(x["blocks_estimated"]) < 1:
            bad.append(f"row {x}")
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY
"$REEMUD" kna "$src/examples/minamitorishima/project.ini" --nmax 4,x --out "$tmp/bad" 2>"$tmp/err" \
  && { echo "FAIL: --nmax 4,x accepted"; fail=1; }
grep -q "nmax" "$tmp/err" || { echo "FAIL: message: $(cat "$tmp/err")"; fail=1; }
"$REEMUD" kna "$src/examples/minamitorishima/project.ini" --nmax 2.5 --out "$tmp/bad" 2>/dev/null \
  && { echo "FAIL: --nmax 2.5 accepted"; fail=1; }
[ -e "$tmp/bad/kna.csv" ] && { echo "FAIL: output after a bad flag"; fail=1; }
exit $fail
