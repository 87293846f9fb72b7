#!/usr/bin/env bash
# SIGINT or SIGTERM while an output is being written
# leaves no temporary file behind and no output set that looks complete:
# krige's single output file is absent, simulate's folder has no run.json
# (written last), and a rerun without --force proceeds over the leftovers.
set -u
set -m # job control: background jobs keep SIGINT (a shell without it ignores it for them)
: "${REEMUD:?path of the reemud binary}"
: "${REEMUD_SOURCE_DIR:?source tree}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/robust_sigint
rm -rf "$tmp"
mkdir -p "$tmp/data" "$tmp/k"
fail=0
# interrupt SIG DIR PATTERN CMD...: send SIG when a file matching PATTERN
# appears in DIR; echo the exit status
interrupt() {
  local sig=$1 dir=$2 pattern=$3; shift 3
  "$@" >/dev/null 2>"$tmp/last.err" &
  local pid=$! i
  for i in $(seq 1 1200); do
    ls -a "$dir" 2>/dev/null | grep -q -- "$pattern" && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.05
  done
  kill -$sig $pid 2>/dev/null
  wait $pid
  echo $?
}
for sig in INT TERM; do
  rc=$(interrupt $sig "$tmp/k" '\.tmp\.' "$REEMUD" krige --data "$REEMUD_SOURCE_DIR/tests/data/meuse.csv" \
       --coords x,y --value zinc --model "1 Sph(900)" --grid 178500:2:1500,329600:2:1000 \
       --nmax 8 --threads 1 --out "$tmp/k/big.csv")
  [ "$rc" -gt 128 ] || { echo "FAIL: krige SIG$sig: exit $rc (the signal did not arrive while writing)"; fail=1; }
  left=$(ls -a "$tmp/k" | grep '\.tmp\.')
  [ -z "$left" ] || { echo "FAIL: krige SIG$sig left $left"; fail=1; }
  [ -e "$tmp/k/big.csv" ] && { echo "FAIL: krige SIG$sig left a final file"; fail=1; }
done
"$REEMUD" -q synth --out "$tmp/data" --nx 6 --ny 6 --extent 560000,2420000,572000,2432000 \
  --holes 8 --waves 100 >/dev/null || { echo "FAIL: synth"; exit 1; }
cat >"$tmp/p.ini" <<'INI'
[project]
crs = EPSG:32656
[data]
collars = data/collars.csv
assays = data/assays.csv
[grid]
dx_m = 400
dy_m = 400
dz_m = 0.5
INI
# interrupted as soon as its first output appears: the set is unfinished
rc=$(interrupt INT "$tmp/sim" '[a-z]' "$REEMUD" simulate "$tmp/p.ini" --realizations 6 --write-realizations \
     --threads 1 --out "$tmp/sim")
[ "$rc" -gt 128 ] || { echo "FAIL: simulate SIGINT: exit $rc"; tail -2 "$tmp/last.err"; fail=1; }
left=$(ls -a "$tmp/sim" | grep '\.tmp\.')
[ -z "$left" ] || { echo "FAIL: simulate SIGINT left $left"; fail=1; }
[ -e "$tmp/sim/run.json" ] && { echo "FAIL: an interrupted simulate has run.json"; fail=1; }
[ -e "$tmp/sim/.reemud-unfinished" ] || { echo "FAIL: an interrupted simulate is not marked unfinished"; fail=1; }
# a folder of someone else's files (no marker) is still refused without --force
mkdir -p "$tmp/user"; echo mine >"$tmp/user/simulation_summary.json"
"$REEMUD" -q simulate "$tmp/p.ini" --realizations 2 --out "$tmp/user" >/dev/null 2>&1 && { echo "FAIL: overwrote a user's file"; fail=1; }
# the unfinished folder is taken over without --force, and completes with run.json last
"$REEMUD" -q simulate "$tmp/p.ini" --realizations 2 --threads 1 --out "$tmp/sim" >/dev/null 2>"$tmp/rerun.err" ||
  { echo "FAIL: rerun over an unfinished folder"; cat "$tmp/rerun.err"; fail=1; }
[ -e "$tmp/sim/run.json" ] || { echo "FAIL: no run.json after a complete run"; fail=1; }
[ -e "$tmp/sim/.reemud-unfinished" ] && { echo "FAIL: a complete run is still marked unfinished"; fail=1; }
newest=$(ls -t "$tmp/sim" | head -1) # (the marker is hidden)
[ "$newest" = run.json ] || { echo "FAIL: run.json is not the last file written ($newest)"; fail=1; }
exit $fail
