#!/usr/bin/env bash
# The spatial bootstrap correlates the cores' means over the part of the
# window they cover, not over the window whatever the cores hold: the
# example cut to its top 3 m (assays with to_m <= 3) under the 0-10 mbsf
# window gives means over 3 m (1-m composites centred 0.5-2.5 m: a span of
# 2 m over 3 composites covers 3 m), the whole example over 10 m.
set -uo pipefail
: "${REEMUD:?}" "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
t="$REEMUD_TEST_TMP/simulate_short_cores"; rm -rf "$t"; mkdir -p "$t"
ex="$REEMUD_SOURCE_DIR/examples/minamitorishima"
fail() { echo "FAIL: $*" >&2; exit 1; }

cp "$ex/collars.csv" "$t/"
awk -F, 'NR == 1 { for (c = 1; c <= NF; c++) if ($c == "to_m") col = c; print; next }
         $col + 0 <= 3 { print }' "$ex/assays.csv" > "$t/assays.csv"
[ "$(wc -l < "$t/assays.csv")" -gt 30 ] || fail "no short cores written"
{ cat "$ex/project.ini"; printf '[simulate]\nrealizations = 2\nmultivariate = false\n'; } \
  > "$t/project.ini"
log=$("$REEMUD" simulate "$t/project.ini" --out "$t/short" 2>&1) \
  || { echo "$log" >&2; fail "simulate (short cores) exited non-zero"; }
echo "$log" | grep -q "their means over 3 m of the window correlated as 6 points" \
  || { echo "$log" | grep "spatial bootstrap" >&2; fail "short cores: not their 3 m"; }
log=$("$REEMUD" simulate "$ex/project.ini" --realizations 2 --out "$t/whole" 2>&1) \
  || { echo "$log" >&2; fail "simulate (example) exited non-zero"; }
echo "$log" | grep -q "their means over 10 m of the window correlated as 20 points" \
  || { echo "$log" | grep "spatial bootstrap" >&2; fail "example: not the 10 m window"; }
echo "spatial bootstrap over the cores' support: 3 m short, 10 m whole"
