#!/usr/bin/python3
"""Property suite over the whole pipeline.

For each seed, generate a random but valid project -- core counts from 1 up,
coincident, near-twin and collinear cores, Sc measured in some cores and
blank in others, REY blanks, both hemispheres and across the antimeridian,
tiny to huge extents, block heights around the reporting window -- and run
check -> estimate -> simulate -> chain -> assess on it.  Every stage must:

  * end by itself (no signal) with status 0, or 1 with a clear message
    ("error:" naming what is wrong);
  * print no NaN or Inf on stdout or stderr, and write none into any CSV,
    JSON, HTML or text output, nor into the block model (ncdump);
  * when it succeeds, agree with itself: estimate's tonnage at cut-off 0 is
    (blocks counted) x (block volume) x (density) -- exactly 0.55 t/m3 when
    the assays carry no density, else a density within the data's range;
    simulate's P10 <= P50 <= P90.

usage: pipeline.py REEMUD WORKDIR SEED [SEED...]   (or FIRST:LAST for a range)
Exit status 1 when any property fails; each failure is printed with its
seed, so `pipeline.py REEMUD DIR SEED` replays it.
"""
import csv
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys

NONFINITE = re.compile(r'(?<![A-Za-z_])[-+]?(nan|inf|infinity)(?![A-Za-z_])', re.I)
# embedded images (SVG, HTML) are base64, where "/nan+" is just data
BASE64 = re.compile(r'base64,[A-Za-z0-9+/=]+')
REY = ['La', 'Ce', 'Pr', 'Nd', 'Sm', 'Eu', 'Gd', 'Tb', 'Dy', 'Ho', 'Er', 'Tm', 'Yb', 'Lu', 'Y']
# mean grade (ppm) of each element in REY-rich mud, a rough chondrite-like pattern
MEAN = [200, 90, 50, 200, 35, 7, 35, 6, 35, 7, 20, 3, 20, 3, 350]
R_EARTH = 6371008.8


def utm_epsg(lon, lat):
    zone = min(60, max(1, int(math.floor((lon + 180) / 6)) + 1))
    return (32600 if lat >= 0 else 32700) + zone


def generate(seed, d):
    """Write d/project.ini, d/collars.csv, d/assays.csv; returns what the checks need."""
    rng = random.Random(seed)
    n = rng.choice([1, 2, 3, rng.randint(4, 8), rng.randint(9, 20)])
    lon0 = rng.choice([153.98, -170.0, 179.97, -179.97, rng.uniform(-179, 179)])
    lat0 = rng.choice([1, -1]) * rng.uniform(2, 60)
    extent_m = rng.choice([400.0, 5000.0, 30000.0, 300000.0])
    layout = rng.choice(['random', 'random', 'collinear', 'twins', 'coincident'])
    pts = []
    for i in range(n):
        if layout == 'collinear':
            t = rng.uniform(-0.5, 0.5) * extent_m
            pts.append((t, 0.3 * t))
        elif layout == 'coincident':
            pts.append((0.0, 0.0))
        else:
            pts.append((rng.uniform(-0.5, 0.5) * extent_m, rng.uniform(-0.5, 0.5) * extent_m))
        if layout == 'twins' and i % 3 == 1:
            x, y = pts[i - 1]
            pts[i] = (x + rng.choice([0.0, 0.05, 0.3]), y)
    collars, assays = [], []
    has_density = rng.random() < 0.6
    sc_mode = rng.choice(['none', 'none', 'some', 'all'])
    sc_cores = set(rng.sample(range(n), rng.randint(1, n))) if sc_mode == 'some' else set(range(n))
    rey_blank = rng.random() < 0.1  # an empty REY cell is an input error (docs/data.md)
    interval = rng.choice([0.25, 0.5, 1.0])
    densities = []
    for i, (x, y) in enumerate(pts):
        lat = lat0 + math.degrees(y / R_EARTH)
        lon = lon0 + math.degrees(x / (R_EARTH * math.cos(math.radians(lat0))))
        lon = (lon + 180) % 360 - 180
        length = round(rng.uniform(3, 15), 2)
        hid = 'C%02d' % (i + 1)
        collars.append([hid, '%.7f' % lon, '%.7f' % lat, '%.1f' % rng.uniform(4000, 6000), length])
        peak = rng.uniform(1, 8)
        z = 0.0
        while z + 1e-9 < length:
            z1 = min(length, z + interval)
            f = 1 + 4 * math.exp(-((0.5 * (z + z1) - peak) / 1.5) ** 2)
            g = [m * f * rng.lognormvariate(0, 0.3) for m in MEAN]
            row = [hid, '%.3f' % z, '%.3f' % z1] + ['%.3f' % v for v in g]
            if rey_blank and rng.random() < 0.1:
                row[3 + rng.randrange(15)] = ''
            if sc_mode != 'none':
                row.append('%.3f' % (15 * f * rng.lognormvariate(0, 0.2)) if i in sc_cores else '')
            if has_density:
                rho = rng.uniform(0.4, 0.7)
                densities.append(rho)
                row.append('%.3f' % rho)
            assays.append(row)
            z = z1
    with open(os.path.join(d, 'collars.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['hole_id', 'lon', 'lat', 'water_depth_m', 'length_m'])
        w.writerows(collars)
    with open(os.path.join(d, 'assays.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['hole_id', 'from_m', 'to_m'] + REY + (['Sc'] if sc_mode != 'none' else [])
                   + (['dry_density_t_m3'] if has_density else []))
        w.writerows(assays)
    dxy = max(50.0, round(extent_m / rng.choice([4, 8, 15]), -1))
    dz = rng.choice([0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0])
    bottom = rng.choice([10.0, 10.0, 12.0, 20.0])
    model = rng.choice(['auto', '0.1 Nug + 0.9 Sph(%g, %g, 3)'
                        % (extent_m / 2 + 100, extent_m / 3 + 100)])
    lines = ['[project]', 'name = property %d' % seed, 'seed = %d' % rng.randint(0, 2**31 - 1)]
    crs = rng.choice(['auto', 'auto', 'utm'])
    if crs == 'utm':
        lons = [float(c[1]) for c in collars]
        mlon = math.degrees(math.atan2(sum(math.sin(math.radians(v)) for v in lons),
                                       sum(math.cos(math.radians(v)) for v in lons)))
        lines.append('crs = EPSG:%d' % utm_epsg(mlon, lat0))
    lines += ['[data]', 'collars = collars.csv', 'assays = assays.csv',
              '[grid]', 'dx_m = %g' % dxy, 'dy_m = %g' % dxy, 'dz_m = %g' % dz,
              'pad_m = %g' % rng.choice([0, dxy, 2 * dxy]), 'bottom_mbsf = %g' % bottom,
              '[variogram]', 'mode = %s' % rng.choice(['shared', 'shared', 'per_element']),
              'model = %s' % model,
              '[estimate]', 'elements = %s' % ('REY Sc' if sc_mode != 'none' else 'REY'),
              'nmin = %d' % rng.choice([1, 2, 4]), 'nmax = %d' % rng.choice([8, 16, 24]),
              'report_bottom_mbsf = 10', 'column_depth_m = 10']
    # Kriging in runs of layers (its own stream, so the projects stay those of
    # earlier seeds): a run of one layer, of a few, or the whole grid.
    chunk = random.Random(seed * 7919 + 17).choice([0, 0, 1, 97])
    if chunk:
        lines.append('chunk_blocks = %d' % chunk)
    lines += ['[simulate]', 'realizations = 2', 'variogram = %s' % model,
              '[mine]', 'blockmodel = est/block_model.nc',
              'cutoff_sum_rey_ppm = %g' % rng.choice([0, 500, 2000, 1e5]),
              '[economics]', 'draws = 20']
    with open(os.path.join(d, 'project.ini'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    return {'dxy': dxy, 'dz': dz, 'density': (min(densities), max(densities)) if densities else None}


def text_files(root):
    for dirpath, _, names in os.walk(root):
        for name in names:
            if name.endswith(('.csv', '.json', '.html', '.txt', '.svg')):
                yield os.path.join(dirpath, name)


STATS = {}


# A sanitized binary (make fuzz) reports fontconfig's caches as leaks: they
# are the library's, not reemud's (lsan-thirdparty.supp).
LSAN_SUPP = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'lsan-thirdparty.supp')
ENV = dict(os.environ)
ENV['LSAN_OPTIONS'] = ':'.join(filter(None, [os.environ.get('LSAN_OPTIONS'),
                                              'suppressions=' + LSAN_SUPP]))


def run_stage(reemud, d, name, args, failures, seed, timeout=600):
    p = subprocess.run([reemud] + args, cwd=d, capture_output=True, text=True,
                       errors='replace', timeout=timeout, env=ENV)
    where = 'seed %d %s' % (seed, name)
    if 'Sanitizer' in p.stderr or 'runtime error:' in p.stderr:
        failures.append('%s: sanitizer report\n%s' % (where, p.stderr[-3000:]))
    elif p.returncode < 0 or p.returncode > 1:
        failures.append('%s: exit %d (signal or crash)\n%s' % (where, p.returncode, p.stderr[-2000:]))
    elif p.returncode == 1 and 'error' not in p.stderr:
        failures.append('%s: failed without a message\n%s' % (where, p.stderr[-2000:]))
    elif p.returncode == 1 and 'out of memory' in p.stderr:
        # these projects are tiny: "out of memory" is a wrong reason (a size
        # computed from 0/0 or a negative count)
        failures.append('%s: blames memory\n%s' % (where, p.stderr[-2000:]))
    for stream, text in (('stdout', p.stdout), ('stderr', p.stderr)):
        m = NONFINITE.search(text)
        if m:
            line = text[max(0, m.start() - 120):m.end() + 40]
            failures.append('%s: %s shows %r: ...%s...' % (where, stream, m.group(0), line))
    ok, fails = STATS.get(name, (0, 0))
    STATS[name] = (ok + (p.returncode == 0), fails + (p.returncode != 0))
    if p.returncode == 1 and os.environ.get('PROPERTY_VERBOSE'):
        print('seed %d %s: %s' % (seed, name, p.stderr.strip().splitlines()[-1][:200]))
    return p.returncode == 0


def check_outputs(d, out, seed, failures):
    for path in text_files(os.path.join(d, out)):
        with open(path, errors='replace') as f:
            for k, line in enumerate(f, 1):
                m = NONFINITE.search(BASE64.sub('base64,', line))
                if m:
                    failures.append('seed %d: %s:%d holds %r' % (seed, path, k, m.group(0)))
                    break


def check_tonnage(d, info, seed, failures):
    gt = list(csv.DictReader(open(os.path.join(d, 'est', 'grade_tonnage.csv'))))
    rows = [r for r in gt if r['basis'] == 'block' and r['class'] == 'all'
            and float(r['cutoff_srey_ppm']) == 0]
    if not rows:
        failures.append('seed %d: grade_tonnage.csv has no block/all/0 row' % seed)
        return
    r = rows[0]
    tonnes, count = float(r['tonnes']), float(r['count'])
    volume = count * info['dxy'] ** 2 * info['dz']
    summary = json.load(open(os.path.join(d, 'est', 'resource_summary.json')))
    if not math.isclose(tonnes, summary['total_mud_t'], rel_tol=1e-6, abs_tol=1e-3):
        failures.append('seed %d: grade-tonnage at 0 ppm %.6g t, summary %.6g t'
                        % (seed, tonnes, summary['total_mud_t']))
    if info['density'] is None:
        if not math.isclose(tonnes, volume * 0.55, rel_tol=1e-6, abs_tol=1e-3):
            failures.append('seed %d: %.6g t over %g blocks of %g m3 is not 0.55 t/m3'
                            % (seed, tonnes, count, info['dxy'] ** 2 * info['dz']))
    elif volume > 0:
        lo, hi = info['density']
        rho = tonnes / volume
        if not (lo - 1e-6 <= rho <= hi + 1e-6):
            failures.append('seed %d: mean density %.4g t/m3 outside the data %.3g..%.3g'
                            % (seed, rho, lo, hi))
    if float(r['mean_srey_ppm'] or 0) < 0 or tonnes < 0:
        failures.append('seed %d: negative tonnage or grade at cut-off 0' % seed)


def check_simulation(d, seed, failures):
    s = json.load(open(os.path.join(d, 'sim', 'simulation_summary.json')))
    for key in ('total_mud_t', 'total_reo_t'):
        q = s.get(key, {})
        if all(k in q for k in ('p10', 'p50', 'p90')) and not (q['p10'] <= q['p50'] <= q['p90']):
            failures.append('seed %d: simulate %s quantiles out of order: %s' % (seed, key, q))


def one(reemud, work, seed, failures):
    d = os.path.join(work, 'p%d' % seed)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    info = generate(seed, d)
    before = len(failures)
    if not run_stage(reemud, d, 'check', ['-q', 'check', 'project.ini'], failures, seed):
        if len(failures) == before:
            shutil.rmtree(d, ignore_errors=True)
        return len(failures) == before
    if run_stage(reemud, d, 'estimate', ['-q', 'estimate', 'project.ini', '--out', 'est'], failures, seed):
        check_outputs(d, 'est', seed, failures)
        check_tonnage(d, info, seed, failures)
        nc = subprocess.run(['ncdump', os.path.join(d, 'est', 'block_model.nc')],
                            capture_output=True, text=True, errors='replace')
        m = NONFINITE.search(nc.stdout)
        if m:
            failures.append('seed %d: block_model.nc holds %r' % (seed, m.group(0)))
        if run_stage(reemud, d, 'chain', ['-q', 'chain', 'project.ini', '--out', 'chain'], failures, seed):
            check_outputs(d, 'chain', seed, failures)
    if run_stage(reemud, d, 'simulate', ['-q', 'simulate', 'project.ini', '--out', 'sim'], failures, seed):
        check_outputs(d, 'sim', seed, failures)
        check_simulation(d, seed, failures)
    if run_stage(reemud, d, 'assess', ['-q', 'assess', 'project.ini', '--out', 'assess'], failures, seed):
        check_outputs(d, 'assess', seed, failures)
    ok = len(failures) == before
    if ok:
        shutil.rmtree(d, ignore_errors=True)
    return ok


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    reemud, work = os.path.abspath(sys.argv[1]), sys.argv[2]
    seeds = []
    for a in sys.argv[3:]:
        if ':' in a:
            lo, hi = a.split(':')
            seeds += range(int(lo), int(hi) + 1)
        else:
            seeds.append(int(a))
    os.makedirs(work, exist_ok=True)
    failures = []
    for s in seeds:
        one(reemud, work, s, failures)
    for f in failures:
        print('FAIL:', f)
    print('property suite: %d projects, %d failures; stage: succeeded/clear error %s'
          % (len(seeds), len(failures),
             ', '.join('%s %d/%d' % (k, v[0], v[1]) for k, v in STATS.items())))
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
