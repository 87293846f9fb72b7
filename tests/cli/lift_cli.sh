#!/bin/bash
# reemud lift: outputs, the project file, sweeps, max rate, and every
# non-physical input ending in a clear message, a non-zero exit and no NaN.
set -u
R=${REEMUD:?}
T=${REEMUD_TEST_TMP:-/tmp/reemud-test}/lift_cli
rm -rf "$T"; mkdir -p "$T"
fail() { echo "FAIL: $*"; exit 1; }
nonan() { ! grep -qiE '(^|[^a-z])(nan|inf)([^a-z]|$)' "$@" || fail "NaN/inf in $*"; }

# Defaults: closed loop, 350 t/day from 5,700 m.
"$R" lift --out "$T/a" 2>/dev/null || fail "default run"
for f in summary.json profile.csv run.json; do [ -s "$T/a/$f" ] || fail "missing $f"; done
for k in liquid_mass_flow_kg_s pump_pressure_pa hydraulic_power_w shaft_power_w \
         compressor_power_w specific_energy_kwh_per_t transit_time_s gel_break_pressure_pa; do
    grep -q "\"$k\"" "$T/a/summary.json" || fail "summary lacks $k"
done
[ "$(head -1 "$T/a/profile.csv")" = "depth_m,pressure_pa,density_kg_m3,liquid_velocity_m_s,gas_velocity_m_s,mixture_flux_m_s,void_fraction,solids_fraction" ] || fail "profile header"
[ "$(wc -l < "$T/a/profile.csv")" -eq 202 ] || fail "profile rows"
nonan "$T/a/summary.json" "$T/a/profile.csv"

# No overwrite without --force.
"$R" lift --out "$T/a" 2>"$T/err" && fail "overwrote without --force"
grep -q -- "--force" "$T/err" || fail "overwrite message"
"$R" lift --out "$T/a" --force 2>/dev/null || fail "--force"

# Airlift with given air, laboratory geometry (Kassab et al. 2009).
"$R" lift --system airlift --fluid water --depth 2.1375 --outlet-height 1.6125 \
    --injection-depth 2.1375 --diameter 0.0254 --air-kg-s 0.001408 --out "$T/lab" 2>/dev/null \
    || fail "lab airlift"
grep -q '"outlet_void_fraction"' "$T/lab/summary.json" || fail "airlift summary"
nonan "$T/lab/summary.json" "$T/lab/profile.csv"

# The project file's [lift] section, overridden by a flag.
cat > "$T/p.ini" <<INI
[lift]
system = pump
depth_m = 1600
rate_dry_tph = 50
INI
"$R" lift "$T/p.ini" --diameter 0.25 --out "$T/ini" 2>/dev/null || fail "project file"
grep -q '"system":	"pump"' "$T/ini/summary.json" || fail "system from the project"
grep -q '"depth_m":	1600' "$T/ini/summary.json" || fail "depth from the project"
grep -q '"diameter_m":	0.25' "$T/ini/summary.json" || fail "flag over project"
printf '[lift]\ndepth_m = -10\n' > "$T/bad.ini"
"$R" lift "$T/bad.ini" --out "$T/badini" 2>"$T/err" && fail "bad project accepted"
grep -q "bad.ini:2" "$T/err" || fail "bad project message: $(cat "$T/err")"

# Non-physical input: clear message, non-zero exit, no output files.
check_fail() {
    local name=$1 pat=$2; shift 2
    "$R" lift "$@" --out "$T/$name" 2>"$T/err.$name" && fail "$name accepted"
    grep -qi "$pat" "$T/err.$name" || fail "$name message: $(cat "$T/err.$name")"
    [ ! -e "$T/$name/summary.json" ] || fail "$name wrote a summary"
}
check_fail negdepth "depth" --depth -100
check_fail power "cannot lift this rate" --system pump --rate-dry-tph 500 --available-power-w 1e5
check_fail air "too little air" --system airlift --fluid water --depth 1 --outlet-height 2 \
    --injection-depth 1 --diameter 0.025 --air-kg-s 1e-7
check_fail dense "slurry density" --slurry-density 3000
check_fail inj "injection depth" --system airlift --injection-depth 9000
"$R" lift --depth abc --out "$T/x" 2>/dev/null; [ $? -eq 2 ] || fail "usage error exit 2"

# Largest rate for a power.
"$R" lift --system pump --max-rate-for-power 1.5e6 --out "$T/max" 2>/dev/null || fail "max rate"
grep -q '"max_rate_power_w"' "$T/max/summary.json" || fail "max rate summary"
nonan "$T/max/summary.json"

# Sweep: rate × diameter to CSV, one row per point, failures marked, no NaN.
"$R" lift --system pump --sweep-rates 10:1000:5 --sweep-diameters 0.1,0.3 --out "$T/sw" 2>/dev/null \
    || fail "sweep"
[ "$(wc -l < "$T/sw/sweep.csv")" -eq 11 ] || fail "sweep rows"
nonan "$T/sw/sweep.csv"
"$R" lift --system airlift --rate-dry-tph 20 --sweep-injection-depths 500,2000 \
    --out "$T/swi" 2>/dev/null || fail "injection sweep"
[ "$(wc -l < "$T/swi/sweep.csv")" -eq 3 ] || fail "injection sweep rows"
nonan "$T/swi/sweep.csv"
"$R" lift --help | grep -q -- "--injection-depth" || fail "help"
echo "lift_cli: all passed"
