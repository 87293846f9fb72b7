#!/usr/bin/env bash
# The rules of the house that the object files show (scripts/check-call-loops):
# no two files of the library call each other in a loop, src/report/ calls no
# geostat/resource/synth computation and includes none of their headers,
# src/geostat/ includes and calls nothing of the resource layer.  First the
# check must catch a loop made on purpose (a.c calls b.c, b.c calls a.c) and
# name it; then the library must have none.
set -u
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${REEMUD_BUILD_DIR:?the build directory (CMake sets REEMUD_BUILD_DIR)}
command -v nm >/dev/null 2>&1 || { echo "SKIP: nm not installed"; exit 77; }
check="/usr/bin/python3 $src/scripts/check-call-loops"
fail=0

tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/call_loops
rm -rf "$tmp"
obj="$tmp/build/CMakeFiles/rm_x.dir/src/x"
mkdir -p "$tmp/src/x" "$obj"
printf 'int b(void);\nint a(void) { return b(); }\n' >"$tmp/src/x/a.c"
printf 'int a(void);\nint b(void) { return a() + 1; }\n' >"$tmp/src/x/b.c"
cc=${CC:-cc}
if $cc -c "$tmp/src/x/a.c" -o "$obj/a.c.o" && $cc -c "$tmp/src/x/b.c" -o "$obj/b.c.o"; then
  if out=$($check "$tmp/build" "$tmp"); then
    echo "FAIL: the check passed a loop between a.c and b.c"; fail=1
  elif ! grep -q 'FAIL (new): loop: src/x/a.c src/x/b.c' <<<"$out"; then
    echo "FAIL: the check did not name the loop:"; echo "$out"; fail=1
  fi
else
  echo "note: no C compiler ($cc): the planted loop was not checked"
fi

$check "$build" "$src" || fail=1
exit $fail
