#!/usr/bin/env bash
# `make install` (cmake --install into a scratch prefix) puts the Python
# package where Debian's python3 looks (PREFIX/lib/python3.X/dist-packages)
# with the path of the installed libreemud.so: `import reemud` works from
# there with no environment, and runs the installed library.  Skipped (77)
# under the sanitizers (the package is not built there) or without python3.
set -u
: "${REEMUD_BUILD_DIR:?}"
py=/usr/bin/python3
[ -x "$py" ] || { echo "SKIP: no $py"; exit 77; }
[ -n "${REEMUD_SANITIZED:-}" ] && { echo "SKIP: sanitized build"; exit 77; }
grep -q '^REEMUD_PYTHON_INSTALL_DIR' "$REEMUD_BUILD_DIR/CMakeCache.txt" ||
  { echo "SKIP: no Python package in this build"; exit 77; }
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/python_install
rm -rf "$tmp"
mkdir -p "$tmp/elsewhere"
cmake --install "$REEMUD_BUILD_DIR" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
  { echo "FAIL: install"; cat "$tmp/install.log"; exit 1; }
site=$(ls -d "$tmp"/prefix/lib/python3*/dist-packages)
cd "$tmp/elsewhere" &&
  env -u REEMUD_LIBRARY -u REEMUD_BUILD_DIR PYTHONPATH="$site" "$py" -c '
import os, sys, reemud
lib = reemud.library_path
assert lib.startswith(sys.argv[1] + "/lib/"), lib
assert reemud.__file__.startswith(sys.argv[2]), reemud.__file__
s, prof = reemud.lift(depth_m=3000)
assert s["depth_m"] == 3000 and len(prof["depth_m"]) > 10
print("ok: python_install", lib)
' "$tmp/prefix" "$site"
