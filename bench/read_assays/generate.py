#!/usr/bin/env python3
"""Write a project with N assay intervals (default 1,000,000) for timing
`reemud check`: 25,000 cores of 40 intervals of 0.25 m over the Takaya
research area (docs/references.md §1), grades with 2-4 significant
decimals as laboratories report them.  Deterministic (seed 1).

usage: generate.py OUTDIR [N_INTERVALS]
"""
import os
import random
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
per_hole = 40
step = 0.25
holes = (n + per_hole - 1) // per_hole
rng = random.Random(1)
os.makedirs(out, exist_ok=True)
rey = "La Ce Pr Nd Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Y".split()
# a REY-mud shape in ppm at 1,000 ppm ΣREY (Takaya 2018: negative Ce, positive Y)
shape = [195, 80, 46, 181, 31, 5.6, 27.7, 4.7, 29, 6.3, 18.5, 2.7, 19.4, 3.1, 308]
with open(os.path.join(out, "collars.csv"), "w") as f:
    f.write("hole_id,lon,lat,water_depth_m,length_m\n")
    for h in range(holes):
        lon = 153.5 + rng.random() * (154.1167 - 153.5)
        lat = 21.8 + rng.random() * (22.25 - 21.8)
        f.write(f"BH{h:06d},{lon:.6f},{lat:.6f},{5600 + rng.random() * 200:.1f},"
                f"{per_hole * step:.2f}\n")
with open(os.path.join(out, "assays.csv"), "w") as f:
    f.write("hole_id,from_m,to_m," + ",".join(rey) + ",dry_density_t_m3\n")
    written = 0
    for h in range(holes):
        for k in range(per_hole):
            if written == n:
                break
            s = 0.2 + 3.0 * rng.random()
            grades = ",".join(f"{g * s * (0.9 + 0.2 * rng.random()):.2f}" for g in shape)
            f.write(f"BH{h:06d},{k * step:.2f},{(k + 1) * step:.2f},{grades},"
                    f"{0.5 + 0.1 * rng.random():.3f}\n")
            written += 1
with open(os.path.join(out, "project.ini"), "w") as f:
    f.write("[project]\nname = read_assays benchmark\ncrs = EPSG:32656\nseed = 1\n\n"
            "[data]\ncollars = collars.csv\nassays = assays.csv\n\n"
            "[composite]\nlength_m = 1.0\nmin_coverage = 0.5\ndecluster_cell_m = 2000\n")
