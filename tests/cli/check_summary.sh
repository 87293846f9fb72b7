#!/usr/bin/env bash
# `reemud check` on the small valid project: exit 0, the counts, and the
# ΣREY composite statistics, which were computed independently with a few
# lines of Python's csv + statistics modules over the same files
# (10 composites of 1 m, min 421.6, mean 2482.17, max 6324, CV 0.703).
# Also: --help exits 0, usage errors exit 2, a missing project exits 1.
set -u
: "${REEMUD:?}"
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/check_summary
mkdir -p "$tmp"
fail=0
expect() { grep -qE -- "$1" "$tmp/out" || { echo "FAIL: output lacks /$1/"; fail=1; }; }

"$REEMUD" check "$src/tests/data/good/basic/project.ini" >"$tmp/out" 2>"$tmp/err" ||
  { echo "FAIL: exit $? on a valid project"; cat "$tmp/err"; fail=1; }
expect '3 holes \(3 with assays\), 9\.50 m of core'
expect '9 intervals, 9\.30 m assayed'
expect '97\.9 % of the core length is assayed'
expect 'composites  10 of 1 m'
expect '^  SREY +10 +421\.6 +2482 +6324 +0\.703 '
expect '^  La +10 '
expect '^  density +10 +0\.5 +0\.555 +0\.6 '
# projected extent: MT01 at 153.60E 22.10N is x 561889.8 m (cs2cs EPSG:4326 -> EPSG:32656)
expect 'x 561889\.8 \.\. 603079\.2 m'

"$REEMUD" check --help >"$tmp/help" 2>&1 || { echo "FAIL: --help exit $?"; fail=1; }
grep -q "usage: reemud check" "$tmp/help" || { echo "FAIL: --help text"; fail=1; }
"$REEMUD" check >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] || { echo "FAIL: no argument gave exit $rc, expected 2"; fail=1; }
"$REEMUD" check --bogus x.ini >/dev/null 2>&1; rc=$?
[ "$rc" -eq 2 ] || { echo "FAIL: unknown flag gave exit $rc, expected 2"; fail=1; }
"$REEMUD" check "$tmp/does-not-exist.ini" >/dev/null 2>"$tmp/err2"; rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: missing project gave exit $rc, expected 1"; fail=1; }
grep -q "does-not-exist.ini" "$tmp/err2" || { echo "FAIL: missing project not named"; fail=1; }
[ "$fail" -eq 0 ] && echo "ok: reemud check summary"
exit $fail
