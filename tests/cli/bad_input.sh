#!/usr/bin/env bash
# The bad-input suite: `reemud check` on every case under tests/data/bad/
# must exit non-zero and print each line of the case's `expect` file
# ("FILE:LINE: field 'X': ...") on stderr.  The good cases under
# tests/data/good/ (including a UTF-8 BOM + CRLF one) must pass.
set -u
: "${REEMUD:?path of the reemud binary}"
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/bad_input
mkdir -p "$tmp"
fail=0
n=0
for dir in "$src"/tests/data/bad/*/; do
  name=$(basename "$dir")
  n=$((n + 1))
  "$REEMUD" check "$dir/project.ini" >"$tmp/$name.out" 2>"$tmp/$name.err"
  rc=$?
  if [ "$rc" -eq 0 ]; then
    echo "FAIL $name: exit 0 on bad input"; fail=1; continue
  fi
  if [ "$rc" -ne 1 ]; then
    echo "FAIL $name: exit $rc (expected 1)"; fail=1
  fi
  while IFS= read -r want; do
    [ -n "$want" ] || continue
    if ! grep -qF -- "$want" "$tmp/$name.err"; then
      echo "FAIL $name: stderr lacks: $want"; sed 's/^/    /' "$tmp/$name.err"; fail=1
    fi
  done <"$dir/expect"
done
[ "$n" -ge 15 ] || { echo "FAIL: only $n bad cases"; fail=1; }
for dir in "$src"/tests/data/good/*/; do
  name=$(basename "$dir")
  if ! "$REEMUD" check "$dir/project.ini" >"$tmp/good-$name.out" 2>"$tmp/good-$name.err"; then
    echo "FAIL good/$name: non-zero exit"; sed 's/^/    /' "$tmp/good-$name.err"; fail=1
  fi
done
[ "$fail" -eq 0 ] && echo "ok: $n bad cases rejected with file:line, good cases accepted"
exit $fail
