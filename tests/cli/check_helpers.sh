#!/usr/bin/env bash
# The CLI tests' numeric checks (tests/cli/lib) fail on every non-finite
# value: awk's rm_close/rm_rel reject nan/inf text (Debian's mawk would
# otherwise say nan <= tol), rm_no_nonfinite finds nan/inf words but not
# words that merely contain them, and rmcheck.load_json refuses NaN.
set -u
: "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
. "$REEMUD_SOURCE_DIR/tests/cli/lib/check.sh"
t="$REEMUD_TEST_TMP/check_helpers"; rm -rf "$t"; mkdir -p "$t"
fail() { echo "FAIL: $*" >&2; exit 1; }
got=$(printf '1 1\n1.0000001 1\n-3e-2 -0.03\nnan 1\n-nan 1\ninf 1\nNaN 1\n1 nan\n 2 2\nx 1\n' |
      awk "$RM_AWK_NUM"'{ printf "%d", rm_close($1, $2, 1e-6) }')
[ "$got" = "1110000010" ] || fail "rm_close: $got"
awk "$RM_AWK_NUM"'BEGIN { exit !(rm_rel(101, 100, 0.02) && !rm_rel(103, 100, 0.02) && !rm_rel("nan", 100, 1)) }' \
  || fail "rm_rel"
printf 'a,b\n1,nan\n' >"$t/nan.csv"
printf 'a,b\n1,-inf\n' >"$t/inf.csv"
printf '{"x": NaN}\n' >"$t/nan.json"
printf 'class,info\ninferred,information: infinite nanometre\n' >"$t/words.csv"
for f in nan.csv inf.csv nan.json; do
  rm_no_nonfinite "$t/$f" 2>/dev/null && fail "rm_no_nonfinite missed $f"
done
rm_no_nonfinite "$t/words.csv" || fail "rm_no_nonfinite flagged words"
PYTHONPATH="$RM_CHECK_PY" python3 - "$t/nan.json" <<'PY' || fail "rmcheck"
import math, sys
from rmcheck import close, rel_close, finite, load_json
try:
    load_json(sys.argv[1])
    raise SystemExit("load_json accepted NaN")
except ValueError:
    pass
assert not close(float("nan"), 1, 1e300) and not close(1, float("inf"), 1e300)
assert close(1, 1 + 1e-12, 1e-9) and not rel_close(1.1, 1, 0.01) and not finite(True)
PY
echo ok
