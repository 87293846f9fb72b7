"""Project stages (check, estimate, simulate, chain, supply, assess) and the
riser lift, run by the library exactly as the commands run them; summaries
come back as dicts, block models as xarray Datasets (CF-decoded)."""
import csv
import json
import os
import shutil
import tempfile

import numpy as np

from ._lib import ffi, lib, check, new_error, problems_new, InputError

__all__ = ["Project", "lift", "read_csv_columns", "open_blockmodel"]

_LOG_LEVELS = {"silent": -1, "error": 0, "warn": 1, "info": 2, "debug": 3}


def _stage_options(force=False, threads=None, realizations=None, seed=None, draws=None,
                   write_realizations=False, log="warn", blockmodel=None):
    o = ffi.new("rm_api_stage_options *")
    lib.rm_api_stage_options_default(o)
    o.force = int(bool(force))
    if threads is not None:
        o.threads = int(threads)
    if realizations is not None:
        o.realizations = int(realizations)
    if seed is not None:
        o.seed = int(seed)
    if draws is not None:
        o.draws = int(draws)
    o.write_realizations = int(bool(write_realizations))
    if log not in _LOG_LEVELS:
        raise InputError("log: one of %s, not %r" % (", ".join(_LOG_LEVELS), log))
    o.log_level = _LOG_LEVELS[log]
    keep = None
    if blockmodel is not None:
        keep = ffi.new("char[]", os.fsencode(blockmodel))
        o.blockmodel = keep
    return o, keep


def _out_dir(out, stage):
    if out is None:
        return tempfile.mkdtemp(prefix="reemud-%s-" % stage)
    return os.fspath(out)


def _run(out, stage, call):
    """call(out_dir) in out (a new temporary folder when None, removed again
    when the call fails)."""
    made = out is None
    out = _out_dir(out, stage)
    try:
        call(os.fsencode(out))
    except BaseException:
        if made:
            shutil.rmtree(out, ignore_errors=True)
        raise
    return out


def _json(path):
    with open(path) as f:
        return json.load(f)


def read_csv_columns(path):
    """A CSV file written by reemud as a dict of numpy columns (numbers where
    every non-empty cell is one, NaN for empty cells; strings otherwise)."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        return {}
    header, body = rows[0], rows[1:]
    out = {}
    for j, name in enumerate(header):
        cells = [r[j] if j < len(r) else "" for r in body]
        try:
            out[name] = np.array([float(c) if c.strip() else np.nan for c in cells])
        except ValueError:
            out[name] = np.array(cells)
    return out


def open_blockmodel(path):
    """A block model netCDF file (block_model.nc, simulation.nc) as an
    xarray.Dataset loaded into memory: CF-decoded (fill values as NaN,
    coordinates x, y (projected metres) and depth (mbsf) with their units
    and CRS attributes)."""
    import xarray as xr
    return xr.load_dataset(path)


class Project:
    """A reemud project file (project.ini) and its stages.

    Each stage writes the same folder as its command (``out=``; a fresh
    temporary folder when None, kept on disk) and returns a dict holding
    ``out`` (the folder), ``summary`` (the stage's JSON summary) and the
    stage's tables and block models.  Errors raise :class:`reemud.InputError`
    and friends carrying the library's ``FILE:LINE: field`` message, with
    every input problem in ``.problems``.
    """

    def __init__(self, path):
        self.path = os.path.abspath(os.fspath(path))
        if not os.path.isfile(self.path):
            raise FileNotFoundError("reemud.Project: %s: no such file" % self.path)
        self.last_blockmodel = None

    def __repr__(self):
        return "reemud.Project(%r)" % self.path

    def check(self):
        """Validate the project's inputs (``reemud check``) and return the
        summary: counts, extent, water depth, composite statistics per
        element (n, min, mean, max, CV, declustered mean and CV)."""
        js = ffi.new("char **")
        probs = problems_new()
        err = new_error()
        st = lib.rm_api_check(os.fsencode(self.path), js, probs, err)
        check(st, err, probs)
        try:
            return json.loads(ffi.string(js[0]).decode())
        finally:
            lib.rm_api_free(js[0])

    def estimate(self, out=None, *, force=False, threads=None, log="warn"):
        """The block model (``reemud estimate``).

        Returns ``{"out", "summary", "blockmodel", "grade_tonnage"}``:
        resource_summary.json as a dict, block_model.nc as an
        xarray.Dataset, grade_tonnage.csv as a dict of columns."""
        o, _keep = _stage_options(force=force, threads=threads, log=log)
        probs = problems_new()
        err = new_error()
        out = _run(out, "estimate", lambda d: check(
            lib.rm_api_estimate(os.fsencode(self.path), d, o, probs, err), err, probs))
        bm_path = os.path.join(out, "block_model.nc")
        self.last_blockmodel = bm_path
        return {"out": out,
                "summary": _json(os.path.join(out, "resource_summary.json")),
                "blockmodel": open_blockmodel(bm_path),
                "grade_tonnage": read_csv_columns(os.path.join(out, "grade_tonnage.csv"))}

    def simulate(self, out=None, *, realizations=None, seed=None, threads=None,
                 write_realizations=False, force=False, log="warn"):
        """P10/P50/P90 resources by sequential Gaussian simulation
        (``reemud simulate``).  Returns ``{"out", "summary", "simulation"}``
        (simulation_summary.json, simulation.nc as an xarray.Dataset)."""
        o, _keep = _stage_options(force=force, threads=threads, realizations=realizations,
                                  seed=seed, write_realizations=write_realizations, log=log)
        probs = problems_new()
        err = new_error()
        out = _run(out, "simulate", lambda d: check(
            lib.rm_api_simulate(os.fsencode(self.path), d, o, probs, err), err, probs))
        return {"out": out,
                "summary": _json(os.path.join(out, "simulation_summary.json")),
                "simulation": open_blockmodel(os.path.join(out, "simulation.nc"))}

    def chain(self, out=None, *, blockmodel=None, draws=None, seed=None, threads=None,
              force=False):
        """Mine plan, processing, economics (``reemud chain``) on
        ``blockmodel`` (default: [mine] blockmodel of the project, else the
        block model of this object's last estimate()).  Returns ``{"out",
        "summary", "tables"}`` (chain_summary.json; each CSV as columns)."""
        if blockmodel is None and self.last_blockmodel is not None:
            blockmodel = self.last_blockmodel
        o, _keep = _stage_options(force=force, threads=threads, seed=seed, draws=draws,
                                  blockmodel=blockmodel)
        err = new_error()
        out = _run(out, "chain", lambda d: check(
            lib.rm_api_chain(os.fsencode(self.path), d, o, err), err))
        tables = {f[:-4]: read_csv_columns(os.path.join(out, f))
                  for f in sorted(os.listdir(out)) if f.endswith(".csv")}
        return {"out": out, "summary": _json(os.path.join(out, "chain_summary.json")),
                "tables": tables}

    def supply(self, out=None, *, oxide_output=None, scenarios=None, years=None, draws=None,
               seed=None, threads=None, force=False, log="warn"):
        """The allied rare-earth supply chain, mine to magnet, year by year under
        China's export-control scenarios (``reemud supply``, docs/supply.md).

        ``oxide_output`` is the chain's oxide_output.csv (a path, or the dict
        :meth:`chain` returned): Minamitorishima then enters at each of its
        rates, and the NPV in a "normal" and a "controls" price state is
        computed when processing.csv sits beside it.  ``scenarios`` (names,
        a list or "a,b"), ``years`` ("FROM:TO" or a (from, to) pair),
        ``draws`` and ``seed`` take the flags' places; None keeps the
        project's [supply] values.

        Returns ``{"out", "summary", "balance", "sources", "economics",
        "montecarlo"}``: supply_summary.json as a dict, supply_balance.csv
        (one row per scenario, case, year, element and market) and the other
        tables as dicts of numpy columns (None when not written)."""
        if not lib.rm_api_has(b"supply"):
            raise NotImplementedError(
                "reemud.Project.supply: this libreemud has no supply-network stage entry")
        if isinstance(oxide_output, dict):
            oxide_output = os.path.join(oxide_output["out"], "oxide_output.csv")
        if scenarios is not None and not isinstance(scenarios, str):
            scenarios = ",".join(scenarios)
        if years is not None and not isinstance(years, str):
            years = "%d:%d" % tuple(int(y) for y in years)
        o, _keep = _stage_options(force=force, threads=threads, seed=seed, draws=draws,
                                  log=log)
        err = new_error()

        def enc(v):
            return os.fsencode(v) if v is not None else ffi.NULL
        out = _run(out, "supply", lambda d: check(
            lib.rm_api_supply(os.fsencode(self.path), d, enc(oxide_output), enc(scenarios),
                              enc(years), o, err), err))

        def table(name):
            p = os.path.join(out, name)
            return read_csv_columns(p) if os.path.exists(p) else None
        return {"out": out, "summary": _json(os.path.join(out, "supply_summary.json")),
                "balance": table("supply_balance.csv"),
                "sources": table("supply_sources.csv"),
                "economics": table("supply_economics.csv"),
                "montecarlo": table("supply_montecarlo.csv")}

    def assess(self, out=None, *, realizations=None, draws=None, threads=None, force=False,
               log="warn"):
        """The whole chain and its report (``reemud assess``).  Returns
        ``{"out", "summary", "report", "blockmodel", "estimate", "simulate",
        "chain", "lift"}``: summary.json, the report's path, the kriged
        block model (xarray) and each stage's summary."""
        o, _keep = _stage_options(force=force, threads=threads, realizations=realizations,
                                  draws=draws, log=log)
        probs = problems_new()
        err = new_error()
        out = _run(out, "assess", lambda d: check(
            lib.rm_api_assess(os.fsencode(self.path), d, o, probs, err), err, probs))

        def maybe(*parts):
            p = os.path.join(out, *parts)
            return _json(p) if os.path.exists(p) else None
        return {"out": out, "summary": _json(os.path.join(out, "summary.json")),
                "report": os.path.join(out, "report.html"),
                "blockmodel": open_blockmodel(os.path.join(out, "estimate", "block_model.nc")),
                "estimate": maybe("estimate", "resource_summary.json"),
                "simulate": maybe("simulate", "simulation_summary.json"),
                "chain": maybe("chain", "chain_summary.json"),
                "lift": {s: maybe("lift", "summary_%s.json" % s)
                         for s in ("closed-loop", "pump", "airlift")}}


def _ini_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple, np.ndarray)):
        return " ".join(repr(float(x)) for x in v)
    if isinstance(v, (int, float, np.floating, np.integer)):
        return repr(float(v))
    s = str(v)
    if "\n" in s:
        raise InputError("lift: a value may not hold a line break: %r" % s)
    return s


def lift(project=None, out=None, *, force=False, **params):
    """Steady riser hydraulics (``reemud lift``).

    Parameters come from the defaults (a 5,700 m Minamitorishima riser,
    350 t/day), then [lift] of ``project`` (a path or :class:`Project`), then
    ``params``, named as the project file's [lift] keys (docs/lift.md):
    ``system="closed-loop"|"pump"|"airlift"``, ``depth_m``, ``diameter_m``,
    ``rate_dry_tph``, ``fluid``, ``pump_depths_m=[...]``, ``air_kg_s`` …
    ``rate_dry_tpd`` is accepted and converted to t/h.

    Returns ``(summary, profile)``: summary.json as a dict and profile.csv
    as a dict of numpy columns (depth, pressure, velocity, … along the riser).
    """
    if isinstance(project, Project):
        project = project.path
    if "rate_dry_tpd" in params:
        if "rate_dry_tph" in params:
            raise InputError("lift: give rate_dry_tph or rate_dry_tpd, not both")
        params["rate_dry_tph"] = float(params.pop("rate_dry_tpd")) / 24.0
    text = None
    if params:
        lines = ["[lift]"]
        for k, v in params.items():
            if not k.isidentifier():
                raise InputError("lift: %r is not a parameter name" % k)
            lines.append("%s = %s" % (k, _ini_value(v)))
        text = "\n".join(lines) + "\n"
    o, _keep = _stage_options(force=force)
    err = new_error()
    out = _run(out, "lift", lambda d: check(
        lib.rm_api_lift(os.fsencode(project) if project else ffi.NULL,
                        text.encode() if text else ffi.NULL, d, o, err), err))
    return (_json(os.path.join(out, "summary.json")),
            read_csv_columns(os.path.join(out, "profile.csv")))
