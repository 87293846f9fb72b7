#!/usr/bin/env bash
# The whole pipeline end to end on a small synthetic project, fast enough for
# the sanitizer pass (make test-asan runs it under ASan + UBSan): synth a
# 24 x 20 km deposit with 12 cores, then check -> estimate -> simulate (2
# realizations) -> chain -> assess.  Every stage exits 0, every output
# folder has run.json, no output file and no console line holds nan or inf,
# and the numbers agree with values worked outside the code:
#   - mud over 0-10 mbsf = area x thickness x dry density = 24 km x 20 km
#     x 10 m x 0.55 t/m3 = 2.64e9 t (synth calibrates the mean dry density to
#     0.55 t/m3 over the window; the kriged density may differ by ~1 %);
#   - the simulation's P10 <= P50 <= P90, and its P50 within 10 % of the
#     kriged total REO;
#   - the chain's oxide per year at 350 t/day cannot exceed 350 t x 300 days
#     x the mined grade: 105,000 t of mud carry at most 105,000 x 1e-6 x
#     max(block SREY) x 1.27 (the largest oxide factor, Y2O3) t of oxide.
# The MPI driver is tested apart (tests/cli/pipeline_mpi.sh).
set -uo pipefail
: "${REEMUD:?}" "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
. "$REEMUD_SOURCE_DIR/tests/cli/lib/check.sh"
export REEMUD_DATADIR="$REEMUD_SOURCE_DIR"
t="$REEMUD_TEST_TMP/pipeline_small"; rm -rf "$t"; mkdir -p "$t"
fail() { echo "FAIL: $*" >&2; exit 1; }
log="$t/console.txt"

step() { # name, then the command line
  local name=$1; shift
  local rc=0
  "$@" >>"$log" 2>&1 || rc=$?
  [ $rc -eq 0 ] || { tail -30 "$log" >&2; fail "$name exited $rc"; }
}
step synth "$REEMUD" synth --out "$t/data" --seed 7 --nx 12 --ny 10 \
  --extent 560000,2420000,584000,2440000 --holes 12 --waves 300
cat >"$t/data/project.ini" <<'INI'
[project]
name = pipeline check (synthetic)
crs = EPSG:32656
seed = 7

[data]
collars = collars.csv
assays = assays.csv
coords = lonlat

[grid]
x_min = 560000
x_max = 584000
y_min = 2420000
y_max = 2440000
dx_m = 2000
dy_m = 2000
dz_m = 1
top_mbsf = 0
bottom_mbsf = 10

[estimate]
nmax = 12
nmin = 2

[simulate]
realizations = 2
nmax = 12

[economics]
draws = 20
INI
p="$t/data/project.ini"
step check "$REEMUD" check "$p"
step estimate "$REEMUD" estimate "$p" --out "$t/est"
step simulate "$REEMUD" simulate "$p" --out "$t/sim" --realizations 2
step chain "$REEMUD" chain "$p" --blockmodel "$t/est/block_model.nc" --out "$t/chain"
step assess "$REEMUD" assess "$p" --out "$t/assess" --realizations 2 --draws 20

for d in "$t/data" "$t/est" "$t/sim" "$t/chain" "$t/assess"; do
  [ -s "$d/run.json" ] || fail "no run.json in $d"
done
[ -s "$t/assess/report.html" ] || fail "no report"
mapfile -t outputs < <(find "$t/est" "$t/sim" "$t/chain" "$t/assess" \
  \( -name '*.csv' -o -name '*.json' -o -name '*.html' \) -type f)
[ "${#outputs[@]}" -ge 20 ] || fail "only ${#outputs[@]} text outputs"
rm_no_nonfinite "${outputs[@]}" "$log" || fail "nan/inf in an output or on the console"

PYTHONPATH="$RM_CHECK_PY" python3 - "$t" <<'PY' || fail "values"
import os, sys
from rmcheck import load_json, rel_close, finite
t = sys.argv[1]
est = load_json(os.path.join(t, "est", "resource_summary.json"))
mud = 24e3 * 20e3 * 10 * 0.55
assert rel_close(est["total_mud_t"], mud, 0.02), (est["total_mud_t"], mud)
sim = load_json(os.path.join(t, "sim", "simulation_summary.json"))["total_reo_t"]
assert sim["p10"] <= sim["p50"] <= sim["p90"], sim
assert rel_close(sim["p50"], est["total_reo_t"], 0.10), (sim, est["total_reo_t"])
chain = load_json(os.path.join(t, "chain", "chain_summary.json"))
sc = [s for s in chain["scenarios"] if s["rate_dry_t_per_day"] == 350][0]
ox = sum(sc["oxide_t_per_year"].values())
assert finite(ox) and 0 < ox, ox
assert ox <= 105000 * 1e-6 * 10000 * 1.27, ox   # SREY of the synthetic truth < 10,000 ppm
summary = load_json(os.path.join(t, "assess", "summary.json"))
for k in ("resource", "lift", "scenarios"):
    assert k in summary, k
print(f"mud {est['total_mud_t']:.4g} t (by hand {mud:.4g}); REO kriged {est['total_reo_t']:.4g} t, "
      f"P50 {sim['p50']:.4g} t; oxide at 350 t/day {ox:.4g} t/yr")
PY
echo ok
