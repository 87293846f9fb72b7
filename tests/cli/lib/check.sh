# check.sh — numeric checks shared by the CLI tests (sourced, not run).
#
# The rule is the unit tests' (tests/unit/rm_test.h): a check fails on any
# value that is not a finite number.  awk needs care: Debian's awk (mawk)
# reads "nan" as NaN and then says NaN <= 1 is true, so `!(d <= tol)` is not
# enough there; a value is accepted only if it looks like a finite decimal
# number.  Python's json module reads NaN and Infinity, which no reemud
# output may hold: rmcheck.py's load_json refuses them.
#
#   . "$REEMUD_SOURCE_DIR/tests/cli/lib/check.sh"
#   awk "$RM_AWK_NUM"' { if (!rm_close($1, $2, 1e-9)) bad++ } END { exit bad }'
#   rm_no_nonfinite FILE...          fail when a file holds nan / inf
#   PYTHONPATH=$RM_CHECK_PY python3 - <<'PY'   (then: from rmcheck import ...)

RM_CHECK_PY=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export RM_CHECK_PY

# awk functions: rm_finite(s) is 1 for a finite decimal number (as text);
# rm_close(a, b, tol) for finite a, b with |a - b| <= tol; rm_rel(a, b, r)
# for finite a, b with |a - b| <= r |b|.
RM_AWK_NUM='
function rm_finite(s) {
    return s ~ /^[ \t]*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[ \t]*$/
}
function rm_close(a, b, tol,   d) {
    if (!rm_finite(a) || !rm_finite(b)) return 0
    d = a - b; if (d < 0) d = -d
    return d <= tol
}
function rm_rel(a, b, r,   m) {
    m = b < 0 ? -b : b
    return rm_close(a, b, r * m)
}
'

# Fail (return 1, naming the file and line) when any file holds a NaN or an
# infinity written as a word: nan, -nan, inf, -inf, infinity, NaN, Infinity.
rm_no_nonfinite() {
    local f bad=0
    for f in "$@"; do
        if grep -EniH '(^|[^A-Za-z_])[-+]?(nan|inf|infinity)([^A-Za-z_]|$)' "$f" >&2; then
            echo "non-finite value in $f" >&2
            bad=1
        fi
    done
    return $bad
}
