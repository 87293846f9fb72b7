"""reemud.Project and reemud.lift against the commands on the same project:
the same summaries, the block model as an xarray Dataset with its CF
coordinates, errors carrying FILE:LINE: field, and a workbook project."""
import json
import os
import re
import shutil
import subprocess

import numpy as np
import pytest

import reemud
from conftest import EXAMPLE, SRC, read_csv_text


def load_json(path):
    with open(path) as f:
        return json.load(f)


@pytest.fixture(scope="module")
def estimated(cli, scratch):
    """The example estimated once by the command line and once from Python."""
    cdir = os.path.join(scratch, "estimate_cli")
    cli("estimate", EXAMPLE, "--out", cdir, "--force")
    p = reemud.Project(EXAMPLE)
    r = p.estimate(os.path.join(scratch, "estimate_py"), force=True)
    return p, r, cdir


def test_check_equals_cli(cli):
    s = reemud.Project(EXAMPLE).check()
    text = cli("check", EXAMPLE).stdout
    m = re.search(r"(\d+) holes \((\d+) with assays\), ([\d.]+) m of core", text)
    assert (s["holes"], s["holes_assayed"], "%.2f" % s["core_m"]) == \
        (int(m.group(1)), int(m.group(2)), m.group(3))
    assert "composites  %d of " % s["composites"] in text
    for el in ("La", "Dy", "Y", "SREY"):
        g = s["grade_ppm"][el]
        row = "  %-8s %7d %10.4g %10.4g %10.4g %7.3f %10.4g %7.3f" % (
            el, g["n"], g["min"], g["mean"], g["max"], g["cv"], g["declustered_mean"],
            g["declustered_cv"])
        assert row in text.splitlines(), row


def test_estimate_equals_cli(estimated):
    p, r, cdir = estimated
    assert r["summary"] == load_json(os.path.join(cdir, "resource_summary.json"))
    ds = r["blockmodel"]
    # CF coordinates with units, depth positive down (mbsf)
    assert ds.attrs["Conventions"].startswith("CF-")
    assert ds["x"].attrs["units"] == "m" and ds["x"].attrs["standard_name"] == \
        "projection_x_coordinate"
    assert ds["y"].attrs["standard_name"] == "projection_y_coordinate"
    assert ds["depth"].attrs["positive"] == "down"
    assert ds["La_ppm"].dims == ("depth", "y", "x")
    assert "units" in ds["La_ppm"].attrs
    # the same numbers as the command line's file
    import xarray as xr
    with xr.open_dataset(os.path.join(cdir, "block_model.nc")) as c:
        for v in ("La_ppm", "SREY_ppm", "kriging_variance", "class", "water_depth_m"):
            if v in c:
                np.testing.assert_array_equal(ds[v].values, c[v].values, err_msg=v)
    gt = r["grade_tonnage"]
    assert len(gt) > 3 and all(len(v) == len(next(iter(gt.values()))) for v in gt.values())


def test_chain_equals_cli(cli, scratch, estimated):
    p, r, cdir = estimated
    out = os.path.join(scratch, "chain_cli")
    cli("chain", EXAMPLE, "--blockmodel", os.path.join(cdir, "block_model.nc"), "--draws",
        "40", "--out", out, "--force")
    c = p.chain(os.path.join(scratch, "chain_py"), draws=40, force=True)
    assert c["summary"] == load_json(os.path.join(out, "chain_summary.json"))
    assert "oxide_output" in c["tables"]


def _same_files(a, b, names):
    for name in names:
        pa, pb = os.path.join(a, name), os.path.join(b, name)
        assert os.path.exists(pa) == os.path.exists(pb), name
        if os.path.exists(pa):
            with open(pa, "rb") as fa, open(pb, "rb") as fb:
                assert fa.read() == fb.read(), name


SUPPLY_FILES = ("supply_balance.csv", "supply_sources.csv", "supply_montecarlo.csv",
                "supply_summary.json", "supply_economics.csv", "supply_unmet.svg",
                "supply_sankey.svg", "supply_bottlenecks.html")


def test_supply_equals_cli(cli, scratch, estimated):
    """Project.supply() writes what `reemud supply` writes, byte for byte, on the
    same inputs: the project alone, then with the chain's oxide output (its
    economics in two price states), chosen scenarios and years."""
    from reemud._lib import lib as rmlib
    if not rmlib.rm_api_has(b"supply"):
        pytest.skip("libreemud without the supply stage")
    p, r, cdir = estimated
    chain = os.path.join(scratch, "chain_for_supply")
    cli("chain", EXAMPLE, "--blockmodel", os.path.join(cdir, "block_model.nc"), "--draws",
        "0", "--out", chain, "--force")
    ox = os.path.join(chain, "oxide_output.csv")
    cases = [("plain", {}, []),
             ("mts", {"oxide_output": ox, "scenarios": ["none", "embargo_japan_us"],
                      "years": (2024, 2036), "draws": 4, "seed": 7},
              ["--oxide-output", ox, "--scenario", "none,embargo_japan_us", "--years",
               "2024:2036", "--draws", "4", "--seed", "7"])]
    for tag, kw, flags in cases:
        cout = os.path.join(scratch, "supply_cli_" + tag)
        cli("supply", EXAMPLE, "--out", cout, "--force", *flags)
        s = p.supply(os.path.join(scratch, "supply_py_" + tag), force=True, **kw)
        assert s["summary"] == load_json(os.path.join(cout, "supply_summary.json"))
        _same_files(s["out"], cout, SUPPLY_FILES)
        b = s["balance"]
        header, rows = read_csv_text(os.path.join(cout, "supply_balance.csv"))
        assert len(b["unmet_t"]) == len(rows) > 0
        assert list(b["scenario"]) == [row[header.index("scenario")] for row in rows]
        np.testing.assert_array_equal(
            b["unmet_t"], [float(row[header.index("unmet_t")]) for row in rows])
        # every row balances: supplied + unmet = demand (to the file's digits)
        np.testing.assert_allclose(b["supplied_t"] + b["unmet_t"], b["demand_t"],
                                   rtol=1e-8, atol=1e-5)
    # with the chain's output: a case per rate, and the NPV in both price states
    assert sorted(s["summary"]["scenarios"]["none"]) == \
        sorted(["without"] + ["with_%g" % x for x in
                              sorted(set(reemud.read_csv_columns(ox)["rate_dry_t_per_day"]))])
    assert set(s["economics"]["state"]) == {"normal", "controls"}
    # the chain's dict in place of the path
    s2 = p.supply(os.path.join(scratch, "supply_py_dict"), force=True,
                  oxide_output={"out": chain}, scenarios="none", years="2024:2030")
    assert "with_350" in s2["summary"]["scenarios"]["none"]
    with pytest.raises(reemud.ReemudError, match="nosuch"):
        p.supply(os.path.join(scratch, "supply_py_bad"), scenarios="nosuch", force=True)


def test_simulate_equals_cli(cli, scratch):
    out = os.path.join(scratch, "sim_cli")
    cli("simulate", EXAMPLE, "--realizations", "3", "--out", out, "--force")
    s = reemud.Project(EXAMPLE).simulate(os.path.join(scratch, "sim_py"), realizations=3,
                                         force=True)
    assert s["summary"] == load_json(os.path.join(out, "simulation_summary.json"))
    assert "x" in s["simulation"].coords and "depth" in s["simulation"].coords


def test_assess(cli, scratch, estimated):
    a = reemud.Project(EXAMPLE).assess(os.path.join(scratch, "assess_py"), realizations=2,
                                       draws=20, force=True)
    assert os.path.exists(a["report"])
    _, r, _ = estimated
    assert a["estimate"] == r["summary"]
    assert set(a["summary"]) >= {"project", "resource", "lift"}
    assert a["blockmodel"]["SREY_ppm"].shape == r["blockmodel"]["SREY_ppm"].shape


def test_input_errors_carry_file_line_field():
    bad = os.path.join(SRC, "tests", "data", "bad", "not_a_number", "project.ini")
    with pytest.raises(reemud.InputError) as e:
        reemud.Project(bad).check()
    assert re.search(r"not_a_number/assays\.csv:3: field 'La': 'abc' is not a number",
                     str(e.value))
    assert len(e.value.problems) == 1 and e.value.problems[0] in str(e.value)
    crs = os.path.join(SRC, "tests", "data", "bad", "bad_crs", "project.ini")
    with pytest.raises(reemud.InputError, match=r"project\.ini:4: field 'project\.crs'"):
        reemud.Project(crs).estimate()
    with pytest.raises(FileNotFoundError):
        reemud.Project("/nonexistent/project.ini")


def test_output_exists(scratch, estimated):
    p, r, _ = estimated
    with pytest.raises(reemud.OutputExistsError, match="force"):
        p.estimate(r["out"])


def test_workbook_project(scratch):
    """The example from an .xlsx workbook (made with ogr2ogr) checks alike."""
    if not shutil.which("ogr2ogr"):
        pytest.skip("no ogr2ogr")
    ex = os.path.dirname(EXAMPLE)
    d = os.path.join(scratch, "book")
    os.makedirs(d, exist_ok=True)
    book = os.path.join(d, "cores.xlsx")
    if os.path.exists(book):
        os.remove(book)
    subprocess.run(["ogr2ogr", "-f", "XLSX", book, os.path.join(ex, "collars.csv"), "-nln",
                    "collars"], check=True)
    subprocess.run(["ogr2ogr", "-f", "XLSX", "-update", book, os.path.join(ex, "assays.csv"),
                    "-nln", "assays"], check=True)
    with open(EXAMPLE) as f:
        text = f.read()
    text = re.sub(r"(?m)^collars = .*$", "collars = cores.xlsx:collars", text)
    text = re.sub(r"(?m)^assays = .*$", "assays = cores.xlsx:assays", text)
    with open(os.path.join(d, "project.ini"), "w") as f:
        f.write(text)
    a = reemud.Project(os.path.join(d, "project.ini")).check()
    b = reemud.Project(EXAMPLE).check()
    assert a["collars"].endswith("cores.xlsx:collars")
    for k in ("collars", "assays"):
        a.pop(k), b.pop(k)
    assert a == b


def test_lift_equals_cli(cli, scratch):
    out = os.path.join(scratch, "lift_cli")
    cli("lift", "--system", "airlift", "--depth", "5000", "--rate-dry-tpd", "500",
        "--injection-depth", "1500", "--out", out, "--force")
    s, prof = reemud.lift(system="airlift", depth_m=5000, rate_dry_tpd=500,
                          injection_depth_m=1500, out=os.path.join(scratch, "lift_py"),
                          force=True)
    assert s == load_json(os.path.join(out, "summary.json"))
    run_cli = load_json(os.path.join(out, "run.json"))["parameters"]
    run_py = load_json(os.path.join(scratch, "lift_py", "run.json"))["parameters"]
    assert run_py == run_cli
    assert run_cli["injection_depth_m"] == 1500 and run_cli["system"] == "airlift"
    cp = reemud.read_csv_columns(os.path.join(out, "profile.csv"))
    assert set(prof) == set(cp)
    for k in prof:
        np.testing.assert_array_equal(prof[k], cp[k], err_msg=k)
    assert prof["depth_m"][0] != prof["depth_m"][-1]


def test_lift_from_project(cli, scratch):
    out = os.path.join(scratch, "lift_proj_cli")
    cli("lift", EXAMPLE, "--out", out, "--force")
    s, _ = reemud.lift(reemud.Project(EXAMPLE), os.path.join(scratch, "lift_proj_py"),
                       force=True)
    assert s == load_json(os.path.join(out, "summary.json"))


def test_lift_errors():
    with pytest.raises(reemud.InputError, match=r"lift\(\):2: field 'lift.diameter_m': 7.0 is "
                                                r"outside \[0.001, 5\]"):
        reemud.lift(diameter_m=7)
    with pytest.raises(reemud.PhysicsError, match="injection depth 6000 m must lie in"):
        reemud.lift(system="airlift", depth_m=5700, injection_depth_m=6000)
    with pytest.raises(reemud.InputError, match=r"lift\(\):2: field 'lift.system'"):
        reemud.lift(system="bucket")
    with pytest.raises(reemud.InputError, match="depth_mm"):
        reemud.lift(depth_mm=10)


def _rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def test_no_leak_repeated_checks_and_errors():
    """Project.check (tables, composites, JSON) and failing calls, many times:
    resident memory stays flat."""
    good = reemud.Project(EXAMPLE)
    bad = reemud.Project(os.path.join(SRC, "tests", "data", "bad", "not_a_number",
                                      "project.ini"))

    def rounds(k):
        for _ in range(k):
            good.check()
            with pytest.raises(reemud.InputError):
                bad.check()
            with pytest.raises(reemud.InputError):
                reemud.lift(system="bucket")
    rounds(5)
    before = _rss_kib()
    rounds(60)
    grown = _rss_kib() - before
    assert grown < 4096, "RSS grew by %d KiB over 180 calls" % grown
