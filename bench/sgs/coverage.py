#!/usr/bin/python3
"""coverage.py — how often the truth's total REO lies inside the simulated P10–P90.

Over a family of synthetic deposits (`reemud synth`, one seed and one core
count per member), runs `reemud simulate` (which runs the estimate) on the
example's project (grid, window and cut-offs), and counts the members whose
true total REO over the window (truth_summary.json) falls inside P10–P90 of
the simulation.  For each member it also prints the relative half-width of
P10–P90 and the half-width implied by the standard error of the cores' mean
ΣREY over the window, 1.2816 · s / √n / mean (the interval a new user would
draw from the cores alone, ignoring spatial correlation), and the same
inside/outside count and RMS z for each oxide's total.

    coverage.py REEMUD SOURCE_DIR WORK --seeds 1:20 --holes 10,20,30,40
                [--range-scales 1] [--realizations 30] [--json OUT]
                [--method bootstrap|bootstrap_sk|domain|bayes|none] [--univariate]

A member is (seed, holes[seed mod len(holes)], range_scales[(seed div
len(holes)) mod len(range_scales)]): the core count cycles fastest, then the
lateral correlation range (`synth --range-scale`; 1 = 12–20 km, 0.25 =
3–5 km against core spacings of 8–16 km).  Exit status 0; the caller
judges the numbers.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys


def cores_mean_se(d, top=0.0, bottom=10.0):
    """Mean over cores of each core's length-weighted mean ΣREY in the
    window, and its standard error s / √n."""
    rey = ["La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb",
           "Lu", "Y"]
    acc = {}
    with open(os.path.join(d, "assays.csv")) as f:
        for row in csv.DictReader(f):
            a, b = float(row["from_m"]), float(row["to_m"])
            lo, hi = max(a, top), min(b, bottom)
            if hi <= lo:
                continue
            s = sum(float(row[e]) for e in rey)
            w = hi - lo
            t = acc.setdefault(row["hole_id"], [0.0, 0.0])
            t[0] += w * s
            t[1] += w
    means = [v[0] / v[1] for v in acc.values() if v[1] > 0]
    n = len(means)
    m = sum(means) / n
    sd = math.sqrt(sum((x - m) ** 2 for x in means) / (n - 1))
    return m, sd / math.sqrt(n), n


def member(reemud, src, work, seed, holes, nreal, method=None, univariate=False, scale=1.0):
    d = os.path.join(work, f"s{seed}_h{holes}_r{scale:g}")
    os.makedirs(d, exist_ok=True)
    q = ["nice", "-n", "10", reemud, "-q"]
    subprocess.run(q + ["synth", "--out", d, "--seed", str(seed), "--holes", str(holes),
                        "--range-scale", f"{scale:g}", "--force"],
                   check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(src, "examples/minamitorishima/project.ini")) as f:
        ini = f.read().replace("seed = 2018", f"seed = {seed}")
    if method or univariate:
        ini += "\n[simulate]\n"
    if method:
        ini += f"parameter_uncertainty = {method}\n"
    if univariate:  # ΣREY alone: the totals' coverage at a quarter of the CPU
        ini += "multivariate = false\n"
    with open(os.path.join(d, "project.ini"), "w") as f:
        f.write(ini)
    proj = os.path.join(d, "project.ini")
    subprocess.run(q + ["simulate", proj, "--out", os.path.join(d, "sim"), "--realizations",
                        str(nreal), "--seed", str(seed), "--force"],
                   check=True, stdout=subprocess.DEVNULL)
    summary = json.load(open(os.path.join(d, "sim", "simulation_summary.json")))
    true_all = json.load(open(os.path.join(d, "truth_summary.json")))
    sim, truth = summary["total_reo_t"], true_all["total_reo_t"]
    m, se, n = cores_mean_se(d)
    # each oxide's total over the window against the truth's
    oxides = {o: {"truth": t, "p10": summary["oxide_t"][o]["p10"],
                  "p50": summary["oxide_t"][o]["p50"], "p90": summary["oxide_t"][o]["p90"],
                  "inside": summary["oxide_t"][o]["p10"] <= t <= summary["oxide_t"][o]["p90"]}
              for o, t in true_all["oxide_t"].items()}
    return {"seed": seed, "holes": holes, "range_scale": scale, "truth": truth,
            "p10": sim["p10"], "p50": sim["p50"], "p90": sim["p90"],
            "inside": sim["p10"] <= truth <= sim["p90"],
            "half_width_rel": (sim["p90"] - sim["p10"]) / 2 / sim["p50"],
            "se_half_width_rel": 1.2816 * se / m, "cores": n, "oxides": oxides}


def rms_z(quantiles):
    """RMS of z = (truth − P50) / (half-width / 1.2816) over dicts with
    truth, p10, p50, p90 (1 for calibrated intervals)."""
    z = [(q["truth"] - q["p50"]) / ((q["p90"] - q["p10"]) / 2 / 1.2816) for q in quantiles]
    return math.sqrt(sum(v * v for v in z) / len(z))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("reemud")
    ap.add_argument("src")
    ap.add_argument("work")
    ap.add_argument("--seeds", default="1:10")
    ap.add_argument("--holes", default="10,20,30,40")
    ap.add_argument("--range-scales", default="1")
    ap.add_argument("--realizations", type=int, default=30)
    ap.add_argument("--json")
    ap.add_argument("--method", help="[simulate] parameter_uncertainty (default: the project's)")
    ap.add_argument("--univariate", action="store_true",
                    help="[simulate] multivariate = false (ΣREY split by the kriged composition)")
    a = ap.parse_args()
    lo, hi = (int(v) for v in a.seeds.split(":"))
    holes = [int(h) for h in a.holes.split(",")]
    scales = [float(v) for v in a.range_scales.split(",")]
    rows = []
    for seed in range(lo, hi + 1):
        scale = scales[(seed // len(holes)) % len(scales)]
        r = member(a.reemud, a.src, a.work, seed, holes[seed % len(holes)], a.realizations,
                   a.method, a.univariate, scale)
        rows.append(r)
        print(f"seed {seed:3d} cores {r['holes']:2d} range x{scale:g}: truth {r['truth']:.4g}  "
              f"P10 {r['p10']:.4g} P50 {r['p50']:.4g} P90 {r['p90']:.4g}  "
              f"{'in ' if r['inside'] else 'OUT'}  ±{100 * r['half_width_rel']:.1f} % "
              f"(cores' SE ±{100 * r['se_half_width_rel']:.1f} %)", flush=True)
    k = sum(r["inside"] for r in rows)
    print(f"coverage {k}/{len(rows)} = {100 * k / len(rows):.0f} %")
    for sc in scales:
        sub = [r for r in rows if r["range_scale"] == sc]
        if sub:
            ks = sum(r["inside"] for r in sub)
            print(f"  range x{sc:g}: {ks}/{len(sub)}")
    print(f"  RMS z {rms_z(rows):.2f}")
    for o in rows[0]["oxides"]:
        qs = [r["oxides"][o] for r in rows]
        ko = sum(q["inside"] for q in qs)
        print(f"  {o}: {ko}/{len(qs)} inside, RMS z {rms_z(qs):.2f}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"coverage": k / len(rows), "members": rows}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
