#!/usr/bin/env bash
# The property suite's fixed seed list (a few random projects
# through check, estimate, chain, simulate and assess; tests/property/
# pipeline.py says what is checked).  `make fuzz` runs hundreds more.
set -u
: "${REEMUD:?path of the reemud binary}"
: "${REEMUD_SOURCE_DIR:?source tree}"
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/robust_property
rm -rf "$tmp"
exec /usr/bin/python3 "$REEMUD_SOURCE_DIR/tests/property/pipeline.py" "$REEMUD" "$tmp" \
  ${REEMUD_PROPERTY_SEEDS:-5 8 9 10 12 14 17 19 25 30 33 43 208}
