# Sourced by tests/cli/*.sh: the project file for a deposit written by
# `reemud synth` on its default grid (the example's 50 × 50 km, 1 km × 1 km ×
# 0.5 m blocks over 0–10 mbsf, EPSG:32656).
#   synth_project NAME VERTICAL [LINE...]
# prints it to stdout with [estimate] nmax 24, nmin 4 and vertical =
# VERTICAL; each further LINE is appended as it is (further keys of
# [estimate], or more sections).
synth_project() {
  local name=$1 vertical=$2 line
  shift 2
  cat <<EOF
[project]
name = $name
crs = EPSG:32656
[data]
collars = collars.csv
assays = assays.csv
coords = lonlat
[grid]
x_min = 558500
x_max = 608500
y_min = 2410900
y_max = 2460900
dx_m = 1000
dy_m = 1000
dz_m = 0.5
top_mbsf = 0
bottom_mbsf = 10
[estimate]
nmax = 24
nmin = 4
vertical = $vertical
EOF
  for line in "$@"; do
    printf '%s\n' "$line"
  done
}
