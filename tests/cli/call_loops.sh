#!/usr/bin/env bash
# The rules of the house that the object files show (scripts/check-call-loops):
# no two files of the library call each other in a loop, src/report/ calls no
# geostat/resource/synth computation and includes none of their headers,
# src/geostat/ includes and calls nothing of the resource layer.
set -u
src=${REEMUD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${REEMUD_BUILD_DIR:?the build directory (CMake sets REEMUD_BUILD_DIR)}
command -v nm >/dev/null 2>&1 || { echo "SKIP: nm not installed"; exit 77; }
/usr/bin/python3 "$src/scripts/check-call-loops" "$build" "$src"
