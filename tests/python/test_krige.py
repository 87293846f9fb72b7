"""reemud.krige / reemud.vario against `reemud krige` / `reemud vario` on the
same files (every printed digit equal), against gstat's values
(tests/data/gstat, from bench/gstat/krige_cases.R), error handling, and
memory held steady over repeated calls."""
import os

import cffi
import numpy as np
import pytest

import reemud
from conftest import GSTAT, read_csv_text

MEUSE_MODEL = "0.05066243 Nug + 0.5906078 Sph(897.0209)"

# The library's own number formatter (the one `reemud krige` prints with),
# so equality is checked on the very digits the command line writes.
_ffi = cffi.FFI()
_ffi.cdef("int rm_krige_format_double(double x, char *buf);")
_fmt_lib = _ffi.dlopen(reemud.library_path)


def fmt(x):
    if np.isnan(x):
        return ""
    buf = _ffi.new("char[40]")
    n = _fmt_lib.rm_krige_format_double(float(x), buf)
    return _ffi.string(buf, n).decode()


def load(name):
    data = np.genfromtxt(os.path.join(GSTAT, name), delimiter=",", names=True)
    return data


def meuse():
    d = load("krige_meuse.csv")
    t = load("krige_targets2d.csv")
    return (np.column_stack([d["x"], d["y"]]), d, np.column_stack([t["x"], t["y"]]))


def cli_columns(path):
    header, rows = read_csv_text(path)
    return {h: [r[j] for r in rows] for j, h in enumerate(header)}


def assert_same_digits(py, cli_cells, what):
    mine = [fmt(v) for v in np.ravel(py)]
    assert len(mine) == len(cli_cells), what
    diff = [i for i, (a, b) in enumerate(zip(mine, cli_cells)) if a != b]
    assert not diff, "%s: %d rows differ, first %d: %s vs %s" % (
        what, len(diff), diff[0], mine[diff[0]], cli_cells[diff[0]])


CASES = [
    # name, CLI flags, Python keywords
    ("ok_point", ["--nmax", "20"], dict(nmax=20)),
    ("ok_all", [], {}),
    ("sk_point", ["--nmax", "20", "--sk", "6.0,700"], dict(nmax=20, sk_mean=[6.0, 700])),
    ("block_gauss", ["--nmax", "20", "--block", "40,40"], dict(nmax=20, block=(40, 40))),
    ("block_reg", ["--nmax", "20", "--block", "40,40", "--discr", "4"],
     dict(nmax=20, block=(40, 40), discr=4)),
    ("maxdist_nmin", ["--nmax", "12", "--nmin", "5", "--maxdist", "250"],
     dict(nmax=12, nmin=5, maxdist=250)),
    ("aniso_euclid", ["--nmax", "16", "--search", "euclidean", "--octant", "3"],
     dict(nmax=16, search="euclidean", octant=3)),
]


@pytest.mark.parametrize("name,flags,kw", CASES, ids=[c[0] for c in CASES])
def test_krige_equals_cli(cli, scratch, name, flags, kw):
    xy, d, t = meuse()
    model = MEUSE_MODEL if name != "aniso_euclid" else \
        "0.05 Nug + 0.59 Sph(900, 450; 30)"
    out = os.path.join(scratch, "krige_%s.csv" % name)
    cli("krige", "--data", os.path.join(GSTAT, "krige_meuse.csv"), "--coords", "x,y",
        "--value", "logzinc,zinc", "--model", model, "--targets",
        os.path.join(GSTAT, "krige_targets2d.csv"), "--out", out, "--force", *flags)
    c = cli_columns(out)
    values = np.column_stack([d["logzinc"], d["zinc"]])
    r = reemud.krige(xy, values, t, model, **kw)
    assert r["est"].shape == (len(t), 2)
    assert_same_digits(r["est"][:, 0], c["logzinc_est"], "logzinc_est")
    assert_same_digits(r["est"][:, 1], c["zinc_est"], "zinc_est")
    assert_same_digits(r["var"], c["logzinc_var"], "var")
    for k in ("mean_dist", "lagrange", "slope", "ke"):
        assert_same_digits(r[k], c[k], k)
    assert [str(v) for v in r["n"]] == c["n"]


def test_krige_matches_gstat():
    """Independent values: gstat's krige() on meuse, nmax 20 (krige_cases.R)."""
    xy, d, t = meuse()
    ref = load("krige_meuse_ok_point.csv")
    r = reemud.krige(xy, d["logzinc"], t, MEUSE_MODEL, nmax=20)
    assert r["est"].shape == (len(t),)
    np.testing.assert_allclose(r["est"], ref["est"], atol=3e-6)
    np.testing.assert_allclose(r["var"], ref["var"], atol=1e-6)


def test_krige_3d_matches_gstat():
    d = load("krige_synth3d.csv")
    t = load("krige_targets3d.csv")
    ref = load("krige_synth3d_ok_point.csv")
    r = reemud.krige(np.column_stack([d["x"], d["y"], d["z"]]), d["v"],
                     np.column_stack([t["x"], t["y"], t["z"]]), "0.5 Nug + 4 Sph(500)",
                     nmax=24)
    np.testing.assert_allclose(r["est"], ref["est"], atol=1e-5)
    np.testing.assert_allclose(r["var"], ref["var"], atol=1e-5)


def test_grid_equals_cli(cli, scratch):
    xy, d, _ = meuse()
    out = os.path.join(scratch, "krige_grid.csv")
    cli("krige", "--data", os.path.join(GSTAT, "krige_meuse.csv"), "--coords", "x,y",
        "--value", "logzinc", "--model", MEUSE_MODEL, "--grid",
        "178600:200:12,330000:250:15", "--nmax", "16", "--out", out, "--force")
    c = cli_columns(out)
    g = reemud.Grid((178600, 200, 12), (330000, 250, 15))
    r = reemud.krige(xy, d["logzinc"], g, MEUSE_MODEL, nmax=16)
    assert_same_digits(g.coords()[:, 0], c["x"], "x")
    assert_same_digits(g.coords()[:, 1], c["y"], "y")
    assert_same_digits(r["est"], c["logzinc_est"], "est")
    assert_same_digits(r["var"], c["logzinc_var"], "var")


@pytest.mark.parametrize("kind", ["loo", "hole"])
def test_xval_equals_cli(cli, scratch, kind):
    src = os.path.join(GSTAT, "krige_synth3d.csv")
    d = load("krige_synth3d.csv")
    model = "0.5 Nug + 4 Sph(500)"
    out = os.path.join(scratch, "xval_%s.csv" % kind)
    extra = ["--hole", "hole"] if kind == "hole" else []
    cli("krige", "--data", src, "--coords", "x,y,z", "--value", "v", "--model", model,
        "--xval", kind, "--nmax", "24", "--out", out, "--force", *extra)
    c = cli_columns(out)
    r = reemud.krige(np.column_stack([d["x"], d["y"], d["z"]]), d["v"], None, model,
                     nmax=24, xval=kind, hole=d["hole"] if kind == "hole" else None)
    assert_same_digits(r["est"], c["v_est"], "est")
    assert_same_digits(r["var"], c["v_var"], "var")
    assert_same_digits(r["observed"], c["v_obs"], "observed")
    assert_same_digits(r["residual"], c["v_res"], "residual")
    assert_same_digits(r["coords"][:, 2], c["z"], "z")


def test_simulation_equals_cli(cli, scratch):
    src = os.path.join(GSTAT, "krige_meuse.csv")
    xy, d, _ = meuse()
    out = os.path.join(scratch, "sim.csv")
    cli("krige", "--data", src, "--coords", "x,y", "--value", "logzinc", "--model",
        MEUSE_MODEL, "--grid", "178600:400:8,330000:500:8", "--sim", "3", "--seed", "7",
        "--nscore", "--out", out, "--force")
    c = cli_columns(out)
    r = reemud.krige(xy, d["logzinc"], reemud.Grid((178600, 400, 8), (330000, 500, 8)),
                     MEUSE_MODEL, sim=3, seed=7, nscore=True)
    assert r["sims"].shape == (3, 64)
    for k in range(3):
        assert_same_digits(r["sims"][k], c["logzinc_sim%d" % (k + 1)], "sim%d" % (k + 1))


def test_vario_equals_cli(cli, scratch):
    xy, d, _ = meuse()
    out = os.path.join(scratch, "vario.csv")
    r0 = cli("vario", "--data", os.path.join(GSTAT, "krige_meuse.csv"), "--coords", "x,y",
             "--value", "logzinc", "--fit", "0.1 Nug + 0.5 Sph(800)", "--out", out,
             "--force")
    c = cli_columns(out)
    r = reemud.vario(xy, d["logzinc"], fit="0.1 Nug + 0.5 Sph(800)")
    assert r["model"] == r0.stdout.strip()
    assert ["%.0f" % v for v in r["np"]] == c["np"]
    assert ["%.12g" % v for v in r["dist"]] == c["dist"]
    assert ["%.12g" % v for v in r["gamma"]] == c["gamma"]
    assert ["%.12g" % v for v in r["gamma_model"]] == c["gamma_model"]
    # gstat's variogram(log(zinc) ~ 1, meuse): the first lag (tests/data/gstat)
    ref = load("vario_meuse_omni.csv")
    np.testing.assert_allclose(r["gamma"][:3], ref["gamma"][:3], rtol=1e-9)


def test_variogram_model_values():
    # Sph(100) at h = 50: 1.5 h/a - 0.5 (h/a)^3 = 0.6875 (by hand); nugget 0.1 on top.
    g = reemud.variogram_model("0.1 Nug + 1 Sph(100)", [0.0, 50.0, 200.0])
    np.testing.assert_allclose(g, [0.0, 0.7875, 1.1], rtol=1e-15)


def test_errors_carry_the_library_message():
    xy, d, t = meuse()
    with pytest.raises(reemud.InputError) as e:
        reemud.krige(xy, d["zinc"], t, "0.1 Nug + 1 Foo(300)")
    assert "unknown model type" in str(e.value) and "^" in str(e.value)
    assert e.value.status == 1  # RM_EINVAL
    with pytest.raises(reemud.InputError, match=r"nmin 30 must be >= 1 and <= nmax 20"):
        reemud.krige(xy, d["zinc"], t, MEUSE_MODEL, nmax=20, nmin=30)
    bad = d["zinc"].copy()
    bad[7] = np.nan
    with pytest.raises(reemud.InputError, match=r"values\[7\]: nan is not a finite number"):
        reemud.krige(xy, bad, t, MEUSE_MODEL)
    with pytest.raises(reemud.InputError, match="expected an \\(n, 2\\) or \\(n, 3\\)"):
        reemud.krige(d["x"], d["zinc"], t, MEUSE_MODEL)
    with pytest.raises(reemud.InputError, match="targets has 3 columns but the data have 2"):
        reemud.krige(xy, d["zinc"], np.zeros((2, 3)), MEUSE_MODEL)
    with pytest.raises(reemud.InputError, match="xval='hole' needs hole="):
        reemud.krige(xy, d["zinc"], None, MEUSE_MODEL, xval="hole")
    with pytest.raises(reemud.InputError, match="sim: simulation runs on a Grid"):
        reemud.krige(xy, d["zinc"], t, MEUSE_MODEL, sim=2)
    with pytest.raises(reemud.InputError, match="direction"):
        reemud.vario(xy, d["zinc"], bandwidth=10)


def _rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def test_no_leak_under_repeated_calls():
    """Resident memory stays flat over many calls, errors included (each
    call allocates ~1 MB in C; a leak of any of it would add hundreds of MB)."""
    xy, d, t = meuse()
    values = np.column_stack([d["logzinc"], d["zinc"]])

    def round_of_calls():
        for _ in range(20):
            reemud.krige(xy, values, t, MEUSE_MODEL, nmax=20)
            reemud.krige(xy, values, None, MEUSE_MODEL, nmax=20, xval="loo")
            reemud.vario(xy, d["logzinc"], fit="0.1 Nug + 0.5 Sph(800)")
            try:
                reemud.krige(xy, values, t, "1 Bad(1)")
            except reemud.InputError:
                pass
    round_of_calls()            # warm-up: allocator pools, OpenMP threads
    before = _rss_kib()
    for _ in range(10):
        round_of_calls()
    grown = _rss_kib() - before
    assert grown < 4096, "RSS grew by %d KiB over 800 calls" % grown


HAS_TREND = bool(reemud._lib.rm_api_has(b"trend"))


@pytest.mark.skipif(not HAS_TREND, reason="this libreemud has no universal kriging")
@pytest.mark.parametrize("kind", ["linear", "quadratic", "drift"])
def test_trend_and_drift_equal_cli(cli, scratch, kind):
    """Universal kriging and external drift: the same digits as
    `reemud krige --trend` / `--drift` on the same files."""
    xy, d, t = meuse()
    drift_d = 0.001 * xy[:, 0] + np.sin(xy[:, 1] / 500.0)
    drift_t = 0.001 * t[:, 0] + np.sin(t[:, 1] / 500.0)
    data = os.path.join(scratch, "uk_data.csv")
    targets = os.path.join(scratch, "uk_targets.csv")
    np.savetxt(data, np.column_stack([xy, d["logzinc"], drift_d]), delimiter=",",
               header="x,y,logzinc,dr", comments="", fmt="%.17g")
    np.savetxt(targets, np.column_stack([t, drift_t]), delimiter=",", header="x,y,dr",
               comments="", fmt="%.17g")
    flags = ["--drift", "dr"] if kind == "drift" else ["--trend", kind]
    out = os.path.join(scratch, "uk_%s.csv" % kind)
    cli("krige", "--data", data, "--coords", "x,y", "--value", "logzinc", "--model",
        MEUSE_MODEL, "--targets", targets, "--nmax", "30", "--out", out, "--force", *flags)
    c = cli_columns(out)
    kw = dict(drift=(drift_d, drift_t)) if kind == "drift" else dict(trend=kind)
    r = reemud.krige(xy, d["logzinc"], t, MEUSE_MODEL, nmax=30, **kw)
    assert_same_digits(r["est"], c["logzinc_est"], "est")
    assert_same_digits(r["var"], c["logzinc_var"], "var")


@pytest.mark.skipif(HAS_TREND, reason="this libreemud has universal kriging")
def test_trend_missing_is_not_implemented():
    xy, d, t = meuse()
    with pytest.raises(NotImplementedError, match="UK/KED"):
        reemud.krige(xy, d["zinc"], t, MEUSE_MODEL, drift=(d["x"], t[:, 0]))
