#!/usr/bin/env bash
# The lean `reemud`: krige, lift and vario run in an executable that loads
# none of GDAL, netCDF and PLplot (process start-up is most of a small krige
# run otherwise); every other command, --help and usage errors are run by
# reemud-full beside it with the same argv, so the user sees one program.
set -u
: "${REEMUD:?path of the reemud binary}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/krige_lean
rm -rf "$tmp"; mkdir -p "$tmp"
dir=$(dirname "$REEMUD")
[ -x "$dir/reemud-full" ] || { echo "no reemud-full beside $REEMUD: skipped"; exit 77; }
fail=0

# 1. no heavy library among the lean executable's dependencies
needed=$(readelf -d "$REEMUD" | grep NEEDED)
if echo "$needed" | grep -Eq 'gdal|netcdf|plplot|hdf5'; then
  echo "FAIL lean reemud needs: $needed"; fail=1
fi

# 2. --help (from reemud-full) lists every command, including the lean ones
"$REEMUD" --help >"$tmp/help.txt"; rc=$?
[ $rc -eq 0 ] || { echo "FAIL --help exit $rc"; fail=1; }
for c in assess chain check estimate krige lift simulate synth vario; do
  grep -q "^  $c " "$tmp/help.txt" || { echo "FAIL --help lacks $c"; fail=1; }
done
"$dir/reemud-full" --help | cmp -s - "$tmp/help.txt" || { echo "FAIL --help differs from reemud-full's"; fail=1; }

# 3. exit codes and messages as one program: no command, unknown command,
# a heavy command's usage error (with a global flag before it), --version
"$REEMUD" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || { echo "FAIL no command: exit $rc"; fail=1; }
"$REEMUD" nosuch 2>"$tmp/unk.err"; rc=$?
[ $rc -eq 2 ] && grep -q "unknown command 'nosuch'" "$tmp/unk.err" || { echo "FAIL unknown command: exit $rc"; fail=1; }
"$REEMUD" -q check 2>/dev/null; rc=$?
[ $rc -eq 2 ] || { echo "FAIL check without a project: exit $rc"; fail=1; }
"$REEMUD" check --help | grep -q '^usage: reemud check' || { echo "FAIL check --help"; fail=1; }
[ "$("$REEMUD" --version)" = "$("$dir/reemud-full" --version)" ] || { echo "FAIL --version"; fail=1; }

# 4. without reemud-full beside it the lean executable says so, exit 1
cp "$REEMUD" "$tmp/reemud"
"$tmp/reemud" estimate 2>"$tmp/alone.err"; rc=$?
[ $rc -eq 1 ] && grep -q "cannot run .*reemud-full" "$tmp/alone.err" || { echo "FAIL alone: exit $rc"; fail=1; }
"$tmp/reemud" krige --help >/dev/null || { echo "FAIL lean krige alone"; fail=1; }

[ $fail -eq 0 ] && echo "krige_lean: ok"
exit $fail
