#!/bin/bash
# vario_direction_model.sh — with --direction and --fit, the gamma_model
# column is the fitted anisotropic model along the requested direction (not
# along its major range), checked against the spherical model written out
# by hand for the printed fit.
. "$REEMUD_SOURCE_DIR/tests/cli/lib/check.sh"
set -euo pipefail
: "${REEMUD:?}" "${REEMUD_SOURCE_DIR:?}" "${REEMUD_TEST_TMP:?}"
dir="$REEMUD_TEST_TMP/vario_direction_model"
rm -rf "$dir" && mkdir -p "$dir"
data="$REEMUD_SOURCE_DIR/tests/data/meuse.csv"

# Major axis north (angle 0), anisotropy ratio 1/3; direction azimuth AZ.
# gamma(h) = c0 + c Sph(h sqrt(cos²AZ / a1² + sin²AZ / a2²)).
check() {
    local az=$1
    model=$("$REEMUD" -q vario --data "$data" --coords x,y --value zinc --log \
            --direction "$az,0,22.5" --fit "0.05 Nug + 0.6 Sph(1200, 400; 0)" \
            --out "$dir/dir$az.csv")
    head -1 "$dir/dir$az.csv" | grep -qx 'np,dist,gamma,azimuth,dip,gamma_model'
    echo "$model" | awk -v az="$az" -v what="azimuth $az" "$RM_AWK_NUM"'
        NR == 1 { c0 = $1; c = $4; split($5 $6, a, /[(,;]/); a1 = a[2]; a2 = a[3]; FS = ","; next }
        FNR == 1 { next }
        { pi = atan2(0, -1); t = az * pi / 180
          r = $2 * sqrt(cos(t)^2 / a1^2 + sin(t)^2 / a2^2)
          s = r < 1 ? 1.5 * r - 0.5 * r^3 : 1
          want = c0 + c * s
          rm = $2 / a1; sm = rm < 1 ? 1.5 * rm - 0.5 * rm^3 : 1
          major = c0 + c * sm
          if (!rm_close($6, want, 1e-7 * want)) { printf "%s row %d: gamma_model %s, expected %.10g\n", what, FNR - 1, $6, want; bad = 1 }
          if (az != 0 && $2 < a2 / 2) { dm = $6 - major; if (dm < 0) dm = -dm; if (dm < 1e-3) far++ }
          n++ }
        END { if (n < 5) { print what ": too few rows"; exit 1 }
              if (far) { print what ": gamma_model equals the major-range curve"; exit 1 }
              exit bad }' - "$dir/dir$az.csv"
}
check 0
check 30
check 90
echo ok
