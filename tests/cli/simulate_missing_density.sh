#!/usr/bin/env bash
# reemud simulate on the example with the dry densities of three cores
# blanked: the multivariate simulation says how many composites carry no
# density and that they take the estimate's default (0.55 t/m3, the
# [estimate] dry_density_t_m3 default), simulation_summary.json counts them
# in data_without_density (the composites of the three cores in 0-10 mbsf,
# counted here from assays.csv) and every composite still conditions the
# factors; a [simulate] variogram is reported as the model of every factor.
set -uo pipefail
: "${REEMUD:?}" "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
t="$REEMUD_TEST_TMP/simulate_missing_density"; rm -rf "$t"; mkdir -p "$t"
ex="$REEMUD_SOURCE_DIR/examples/minamitorishima"
fail() { echo "FAIL: $*" >&2; exit 1; }

cp "$ex/collars.csv" "$t/"
# the density column (the last) emptied for cores SY01-SY03
awk -F, -v OFS=, 'NR > 1 && ($1 == "SY01" || $1 == "SY02" || $1 == "SY03") { $NF = "" } 1' \
  "$ex/assays.csv" > "$t/assays.csv"
{ cat "$ex/project.ini"; printf '[simulate]\nrealizations = 2\nvariogram = 1 Sph(8000, 8000, 2)\n'; } \
  > "$t/project.ini"
log=$("$REEMUD" simulate "$t/project.ini" --out "$t/out" 2>&1) || { echo "$log" >&2; fail "simulate exited non-zero"; }
echo "$log" | grep -q "composites carry no dry density: the factors take the default 0.55 t/m3" \
  || { echo "$log" >&2; fail "no log line for the composites without density"; }
echo "$log" | grep -q "\[simulate\] variogram 1 Sph(8000, 8000, 2) is the model of every one of the 16 MAF factors" \
  || { echo "$log" >&2; fail "no log line for the variogram of the factors"; }
python3 - "$t/assays.csv" "$t/out/simulation_summary.json" <<'PY' || fail "summary"
import csv, json, sys
# 1 m composites over 0-10 mbsf: one per whole metre that a blanked core's
# assays cover
to = {}
for r in csv.DictReader(open(sys.argv[1])):
    if r["dry_density_t_m3"] == "":
        to[r["hole_id"]] = max(to.get(r["hole_id"], 0.0), float(r["to_m"]))
blank = sum(min(10, int(m)) for m in to.values())
s = json.load(open(sys.argv[2]))
assert sorted(to) == ["SY01", "SY02", "SY03"], sorted(to)
assert s["data_without_density"] == blank, (s["data_without_density"], blank)
assert s["data_used"] + s["data_ignored"] == 300, (s["data_used"], s["data_ignored"])
assert len(s["multivariate"]["factors"]) == 16
print(f"{blank} composites without density of {s['data_used'] + s['data_ignored']}")
PY
echo ok
