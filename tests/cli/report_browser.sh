#!/usr/bin/env bash
# The report renders in a real browser: build the sample report (every
# figure type, fixed numbers, and the supply chain's two SVG figures and
# bottleneck table as `reemud supply` writes them for the example) with the
# test_report_sample driver, check it
# with scripts/browser-check in headless Chromium, then show that the check
# fails on a missing image, on a console error and on a blank page.
set -euo pipefail
src=${REEMUD_SOURCE_DIR:?}
build=${REEMUD_BUILD_DIR:?}
tmp=${REEMUD_TEST_TMP:-/tmp/reemud-test}/report_browser
check="$src/scripts/browser-check"
# Without a browser the test cannot run: exit 77 (skipped), never a pass.
if ! command -v "${CHROMIUM:-chromium}" >/dev/null && ! command -v chromium-browser >/dev/null; then
  echo "SKIP: chromium not installed (apt-get install chromium)"
  exit 77
fi
rm -rf "$tmp"
mkdir -p "$tmp"

REEMUD_DATADIR="$src" "$build/reemud" -q supply "$src/examples/minamitorishima/project.ini" \
  --out "$tmp/good/supply" >/dev/null
"$build/test_report_sample" "$tmp/good" supply >/dev/null
for f in supply/supply_unmet.svg supply/supply_sankey.svg; do
  grep -q "<img src=\"$f\"" "$tmp/good/report.html" || { echo "FAIL: the page lacks $f" >&2; exit 1; }
done
grep -q '<table class="supply-bottlenecks">' "$tmp/good/report.html" \
  || { echo "FAIL: the page lacks the bottleneck table" >&2; exit 1; }
"$check" "$tmp/good/report.html" "$tmp/good-screenshot.png"

expect_failure() {
  local what=$1 page=$2 pattern=$3
  if "$check" "$page" >"$tmp/out.txt" 2>&1; then
    echo "FAIL: browser-check passed a page with $what" >&2
    cat "$tmp/out.txt" >&2
    exit 1
  fi
  if ! grep -q "$pattern" "$tmp/out.txt"; then
    echo "FAIL: browser-check failed on $what without saying '$pattern'" >&2
    cat "$tmp/out.txt" >&2
    exit 1
  fi
}

# A figure deleted after the page was written.
cp -r "$tmp/good" "$tmp/missing"
rm "$tmp/missing/xval.png"
expect_failure "a missing image" "$tmp/missing/report.html" "image did not load: xval.png"

# A script error on an otherwise good page.
cp -r "$tmp/good" "$tmp/console"
sed -i 's|</main>|<script>notDefinedAnywhere();</script></main>|' "$tmp/console/report.html"
expect_failure "a console error" "$tmp/console/report.html" "wrote to the console"

# A page that shows nothing.
mkdir -p "$tmp/blank"
printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title></head><body></body></html>\n' \
  >"$tmp/blank/report.html"
expect_failure "a blank page" "$tmp/blank/report.html" "screenshot is blank"
echo "report_browser: ok"
