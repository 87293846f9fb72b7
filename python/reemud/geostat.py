"""Kriging, simulation and variograms on numpy arrays (src/geostat through
include/reemud/api.h).  Conventions (gstat's variogram ranges, anisotropy
angles, covariance form of the Lagrange multiplier, slope of regression and
kriging efficiency) are those of docs/geostatistics.md."""
import numpy as np

from ._lib import ffi, lib, check, new_error, InputError, library_path

__all__ = ["Grid", "krige", "vario", "variogram_model"]


class Grid:
    """A regular grid of target nodes, as ``reemud krige --grid``.

    ``Grid((x0, dx, nx), (y0, dy, ny)[, (z0, dz, nz)])``: first node, spacing
    and number of nodes per axis.  Rows run x fastest, then y, then z.
    """

    def __init__(self, *axes):
        if len(axes) not in (2, 3):
            raise InputError("Grid: give 2 or 3 axes (first, step, count)")
        self.first = [float(a[0]) for a in axes]
        self.step = [float(a[1]) for a in axes]
        self.count = [int(a[2]) for a in axes]
        for s, c in zip(self.step, self.count):
            if not (s > 0 and np.isfinite(s)) or c < 1:
                raise InputError("Grid: steps must be > 0 and counts >= 1 (got %r, %r)"
                                 % (self.step, self.count))
        self.ndim = len(axes)

    @property
    def size(self):
        return int(np.prod(self.count))

    def coords(self):
        """The nodes as an (n, ndim) array, x fastest."""
        axes = [f + s * np.arange(c) for f, s, c in zip(self.first, self.step, self.count)]
        mesh = np.meshgrid(*axes[::-1], indexing="ij")
        return np.stack([m.ravel() for m in mesh[::-1]], axis=1)

    def __repr__(self):
        return "Grid(%s)" % ", ".join("(%g, %g, %d)" % a for a in
                                      zip(self.first, self.step, self.count))


def _coords(name, a, ndim=None):
    a = np.asarray(a, dtype=np.float64)
    if a.ndim != 2 or a.shape[1] not in (2, 3):
        raise InputError("%s: expected an (n, 2) or (n, 3) array, got shape %s"
                         % (name, a.shape))
    if ndim is not None and a.shape[1] != ndim:
        raise InputError("%s has %d columns but the data have %d" % (name, a.shape[1], ndim))
    bad = np.argwhere(~np.isfinite(a))
    if len(bad):
        i, j = bad[0]
        raise InputError("%s[%d, %d]: %r is not a finite number" % (name, i, j, a[i, j]))
    out = np.zeros((a.shape[0], 3))
    out[:, :a.shape[1]] = a
    return np.ascontiguousarray(out), a.shape[1]


def _values(a, n):
    v = np.asarray(a, dtype=np.float64)
    one = v.ndim == 1
    if one:
        v = v[:, None]
    if v.ndim != 2 or v.shape[0] != n:
        raise InputError("values: expected shape (%d,) or (%d, k), got %s"
                         % (n, n, np.shape(a)))
    bad = np.argwhere(~np.isfinite(v))
    if len(bad):
        i, j = bad[0]
        raise InputError("values[%d%s]: %r is not a finite number"
                         % (i, "" if one else ", %d" % j, v[i, j]))
    return np.ascontiguousarray(v), one


def _holes(hole, n):
    if hole is None:
        return None
    h = np.asarray(hole)
    if h.shape != (n,):
        raise InputError("hole: expected %d ids, got shape %s" % (n, h.shape))
    _, ids = np.unique(h, return_inverse=True)
    return np.ascontiguousarray(ids.astype(np.int64))


def _ptr(ctype, a):
    return ffi.NULL if a is None else ffi.cast(ctype, a.ctypes.data)


def krige(coords, values, targets, model, *, nmax=None, nmin=None, maxdist=None,
          sk_mean=None, block=None, discr=None, octant=None, hole=None, hole_max=None,
          search="aniso", xval=None, sim=None, seed=0, nscore=False, multigrid=0,
          threads=None, trend=None, drift=None):
    """Krige ``values`` at ``coords`` onto ``targets`` with a variogram ``model``.

    The engine of ``reemud krige``: the same neighbour search, systems and
    diagnostics, so results equal the command line's for the same inputs.

    Parameters
    ----------
    coords : (n, 2) or (n, 3) array
        Sample coordinates (x east, y north[, z up]), metres.
    values : (n,) or (n, k) array
        One or k value columns sharing the variogram (one solve per target).
    targets : (m, 2|3) array, Grid, or None
        Target points (block centres with ``block=``), a :class:`Grid`, or
        None with ``xval``.
    model : str
        Variogram in the MODEL grammar, e.g. ``"0.05 Nug + 0.59 Sph(897)"``.
    nmax, nmin, maxdist : neighbourhood (all samples, 1, no radius by default).
    sk_mean : float or k floats
        Simple kriging with this known mean (ordinary kriging when None).
    block : (dx, dy[, dz])
        Block kriging over blocks of this size; ``discr`` regular points per
        axis (default 4 Gauss–Legendre points per axis, as gstat).
    octant, hole, hole_max, search ("aniso" or "euclidean"), threads : as the
        command line's --octant, --hole, --hole-max, --search, --threads.
    xval : "loo" or "hole"
        Cross-validate instead (leave one sample / one hole out).
    sim, seed, nscore, multigrid :
        Sequential Gaussian simulation of ``sim`` realizations on a Grid
        (one value column; simple kriging of normal scores with mean
        ``sk_mean`` or 0), as ``reemud krige --sim``.
    trend, drift :
        Universal kriging (``trend="linear"|"quadratic"``, gstat's drift in
        the coordinates) and kriging with an external drift
        (``drift=(at_samples, at_targets)``, each (n,) or (n, e)), passed to
        the engine; NotImplementedError when this libreemud lacks them.

    Returns
    -------
    dict of numpy arrays
        ``est`` ((m,) or (m, k)), ``var``, ``n``, ``mean_dist``, ``lagrange``,
        ``slope``, ``ke``; empty targets hold NaN.  Cross-validation adds
        ``coords`` (the merged samples), ``observed`` and ``residual``;
        simulation returns ``coords`` (grid nodes) and ``sims`` (sim, m[, k]).
        ``merged``, ``empty`` and ``singular`` count merged samples, empty
        targets and singular systems.
    """
    if (trend is not None or drift is not None) and not lib.rm_api_has(b"trend"):
        raise NotImplementedError(
            "reemud.krige: trend= (universal kriging) and drift= (external drift) need the "
            "engine's UK/KED entry, which this libreemud (%s, %s) does not have"
            % (ffi.string(lib.rm_version()).decode(), library_path))
    xyz, ndim = _coords("coords", coords)
    n = xyz.shape[0]
    if n == 0:
        raise InputError("coords: no samples")
    vals, one = _values(values, n)
    nvar = vals.shape[1]
    holes = _holes(hole, n)
    err = new_error()

    if sim is not None:
        return _simulate(xyz, ndim, vals, targets, model, int(sim), nmax, maxdist, sk_mean,
                         seed, nscore, multigrid, threads, err,
                         others=(nmin, block, discr, octant, hole, hole_max, xval,
                                 search != "aniso"))

    o = ffi.new("rm_api_krige_options *")
    lib.rm_api_krige_options_default(o)
    if nmax is not None:
        o.nmax = int(nmax)
    if nmin is not None:
        o.nmin = int(nmin)
    if maxdist is not None:
        o.maxdist = float(maxdist)
    if octant is not None:
        o.octant_max = int(octant)
    if hole_max is not None:
        if holes is None:
            raise InputError("hole_max needs hole=")
        o.hole_max = int(hole_max)
    if search not in ("aniso", "euclidean"):
        raise InputError("search: expected 'aniso' or 'euclidean', not %r" % (search,))
    o.search_euclidean = search == "euclidean"
    if threads is not None:
        o.threads = int(threads)
    skm = None
    if sk_mean is not None:
        skm = np.broadcast_to(np.asarray(sk_mean, dtype=np.float64), (nvar,)).copy()
        o.simple = 1
    if block is not None:
        b = [float(v) for v in block]
        if len(b) not in (2, 3) or not all(v > 0 for v in b):
            raise InputError("block: expected 2 or 3 sizes > 0, got %r" % (block,))
        if ndim == 2 and len(b) == 3:
            raise InputError("block: 2-D data take (dx, dy)")
        o.block = b + [0.0] * (3 - len(b))
        if discr is not None:
            o.discr = int(discr)
    elif discr is not None:
        raise InputError("discr needs block=")

    if trend is not None:
        kinds = {"linear": 1, "quadratic": 2}
        if trend not in kinds:
            raise InputError("trend: expected 'linear' or 'quadratic', not %r" % (trend,))
        if sk_mean is not None:
            raise InputError("trend= is universal kriging: it does not combine with sk_mean")
        o.trend = kinds[trend]
        o.trend_ndim = ndim
    ext = text = None
    n_ext = 0
    if drift is not None:
        try:
            dd, dt = drift
        except (TypeError, ValueError):
            raise InputError("drift: expected (values at the samples, values at the targets)")
        ext = np.asarray(dd, dtype=np.float64)
        ext = ext[:, None] if ext.ndim == 1 else ext
        if ext.ndim != 2 or ext.shape[0] != n:
            raise InputError("drift: the samples' values must be (%d,) or (%d, e)" % (n, n))
        n_ext = ext.shape[1]
        ext = np.ascontiguousarray(ext)
        if xval is None:
            if isinstance(targets, Grid) or targets is None:
                raise InputError("drift: external drift needs target points (not a Grid)")
            text = np.asarray(dt, dtype=np.float64)
            text = text[:, None] if text.ndim == 1 else text
            if text.shape != (np.shape(targets)[0], n_ext):
                raise InputError("drift: the targets' values must be (%d, %d)"
                                 % (np.shape(targets)[0], n_ext))
            text = np.ascontiguousarray(text)
        for name, a in (("drift samples", ext), ("drift targets", text)):
            if a is not None and not np.all(np.isfinite(a)):
                i = np.argwhere(~np.isfinite(a))[0]
                raise InputError("%s[%d, %d]: %r is not a finite number"
                                 % (name, i[0], i[1], a[i[0], i[1]]))

    grid = None
    if xval is not None:
        if xval not in ("loo", "hole"):
            raise InputError("xval: expected 'loo' or 'hole', not %r" % (xval,))
        if targets is not None:
            raise InputError("xval estimates the samples: pass targets=None")
        if xval == "hole" and holes is None:
            raise InputError("xval='hole' needs hole=")
        o.xval = 1 if xval == "loo" else 2
        txyz, nt = None, 0
        rows_cap = n
    elif isinstance(targets, Grid):
        if targets.ndim != ndim:
            raise InputError("targets: the grid has %d axes but coords %d" % (targets.ndim, ndim))
        first = targets.first + [0.0] * (3 - ndim)
        step = targets.step + [1.0] * (3 - ndim)
        count = targets.count + [1] * (3 - ndim)
        grid = np.array(first + step + count, dtype=np.float64)
        txyz, nt = None, targets.size
        rows_cap = nt
    else:
        if targets is None:
            raise InputError("targets: give target points or a Grid (or xval=)")
        txyz, _ = _coords("targets", targets, ndim)
        nt = txyz.shape[0]
        rows_cap = nt
    cap = max(rows_cap, 1)
    est = np.empty((cap, nvar))
    var = np.empty(cap)
    nn = np.empty(cap, dtype=np.intc)
    mean_dist = np.empty(cap)
    lagrange = np.empty(cap)
    slope = np.empty(cap)
    ke = np.empty(cap)
    sample_xyz = np.empty((cap, 3)) if xval else None
    observed = np.empty((cap, nvar)) if xval else None
    nrows = ffi.new("size_t *")
    counts = ffi.new("size_t[4]")
    st = lib.rm_api_krige_ext(model.encode(), _ptr("double *", xyz), _ptr("double *", vals), n,
                          nvar, _ptr("long *", holes), _ptr("double *", skm),
                          _ptr("double *", txyz), nt, _ptr("double *", grid),
                          _ptr("double *", ext), _ptr("double *", text), n_ext, o,
                          _ptr("double *", est), _ptr("double *", var), _ptr("int *", nn),
                          _ptr("double *", mean_dist), _ptr("double *", lagrange),
                          _ptr("double *", slope), _ptr("double *", ke),
                          _ptr("double *", sample_xyz), _ptr("double *", observed), nrows,
                          counts, err)
    check(st, err)
    m = nrows[0]
    out = {"est": est[:m, 0].copy() if one else est[:m].copy(), "var": var[:m].copy(),
           "n": nn[:m].astype(np.int64), "mean_dist": mean_dist[:m].copy(),
           "lagrange": lagrange[:m].copy(), "slope": slope[:m].copy(), "ke": ke[:m].copy(),
           "merged": int(counts[0]), "empty": int(counts[1]), "singular": int(counts[2])}
    if xval:
        out["coords"] = sample_xyz[:m, :ndim].copy()
        obs = observed[:m, 0].copy() if one else observed[:m].copy()
        out["observed"] = obs
        out["residual"] = obs - out["est"]
    return out


def _simulate(xyz, ndim, vals, targets, model, nsim, nmax, maxdist, sk_mean, seed, nscore,
              multigrid, threads, err, others):
    if not isinstance(targets, Grid):
        raise InputError("sim: simulation runs on a Grid of targets")
    if targets.ndim != ndim:
        raise InputError("targets: the grid has %d axes but coords %d" % (targets.ndim, ndim))
    if vals.shape[1] != 1:
        raise InputError("sim: one value column")
    nmin, block, discr, octant, hole, hole_max, xval, euclid = others
    if any(v is not None for v in (nmin, block, discr, octant, hole, hole_max, xval)) or euclid:
        raise InputError("sim does not combine with nmin, block, discr, octant, hole, "
                         "hole_max, xval or search")
    if nsim < 1:
        raise InputError("sim: at least one realization")
    first = targets.first + [0.0] * (3 - ndim)
    step = targets.step + [1.0] * (3 - ndim)
    count = targets.count + [1] * (3 - ndim)
    nb = targets.size
    sims = np.empty((nsim, nb))
    vcol = np.ascontiguousarray(vals[:, 0])
    st = lib.rm_api_simulate_grid(model.encode(), _ptr("double *", xyz),
                                  _ptr("double *", vcol), xyz.shape[0], ndim, first, step,
                                  count, int(nmax or 0), float(maxdist or 0),
                                  float(sk_mean or 0.0), nsim, int(seed), int(bool(nscore)),
                                  int(multigrid), int(threads or 0),
                                  _ptr("double *", sims), err)
    check(st, err)
    return {"coords": targets.coords(), "sims": sims}


def vario(coords, values, *, cutoff=None, width=None, direction=None, bandwidth=None,
          hole=None, fit=None, threads=None):
    """Experimental variogram (and an optional WLS fit), as ``reemud vario``.

    ``direction=(azimuth, dip[, tol])`` in degrees (azimuth clockwise from
    north) for a directional variogram; ``hole=`` ids with 3-D coords for a
    downhole variogram (pairs within one hole, lag along z).  ``fit`` is a
    MODEL string of start values, fitted with gstat's weights N_j/h_j².

    Returns a dict with ``np``, ``dist``, ``gamma`` (bins with pairs only)
    and, with ``fit``, ``model`` (the fitted MODEL string, 7 significant
    digits) and ``gamma_model`` (the model at each bin's mean distance).
    """
    xyz, ndim = _coords("coords", coords)
    n = xyz.shape[0]
    v = np.asarray(values, dtype=np.float64)
    if v.shape != (n,):
        raise InputError("values: expected shape (%d,), got %s" % (n, v.shape))
    bad = np.flatnonzero(~np.isfinite(v))
    if len(bad):
        raise InputError("values[%d]: %r is not a finite number" % (bad[0], v[bad[0]]))
    v = np.ascontiguousarray(v)
    o = ffi.new("rm_api_vario_options *")
    lib.rm_api_vario_options_default(o)
    if cutoff is not None:
        o.cutoff = float(cutoff)
    if width is not None:
        o.width = float(width)
    if threads is not None:
        o.threads = int(threads)
    holes = _holes(hole, n)
    if direction is not None:
        if holes is not None:
            raise InputError("hole and direction exclude each other")
        d = [float(x) for x in direction]
        if not 1 <= len(d) <= 3:
            raise InputError("direction: expected (azimuth[, dip[, tol]])")
        d += [0.0, 22.5][len(d) - 1:]
        o.directional = 1
        o.azimuth_deg, o.dip_deg, o.tol_deg = d[:3]
        if bandwidth is not None:
            o.bandwidth = float(bandwidth)
    elif bandwidth is not None:
        raise InputError("bandwidth needs direction")
    if holes is not None:
        o.downhole = 1
    nbins = ffi.new("size_t *")
    np_p, dist_p, gamma_p, gm_p = (ffi.new("double **") for _ in range(4))
    fitted = ffi.new("char[1024]")
    err = new_error()
    st = lib.rm_api_vario(_ptr("double *", xyz), ndim, _ptr("double *", v),
                          _ptr("long *", holes), n, o,
                          fit.encode() if fit else ffi.NULL, nbins, np_p, dist_p, gamma_p,
                          gm_p, fitted, 1024, err)
    check(st, err)
    m = nbins[0]
    try:
        out = {k: np.frombuffer(ffi.buffer(p[0], m * 8), dtype=np.float64).copy()
               for k, p in (("np", np_p), ("dist", dist_p), ("gamma", gamma_p))}
        if fit:
            out["gamma_model"] = np.frombuffer(ffi.buffer(gm_p[0], m * 8),
                                               dtype=np.float64).copy()
            out["model"] = ffi.string(fitted).decode()
    finally:
        for p in (np_p, dist_p, gamma_p, gm_p):
            lib.rm_api_free(p[0])
    return out


def variogram_model(model, separations):
    """Semivariance of a MODEL string at separations ((m, 3) or (m,) distances
    along x)."""
    d = np.asarray(separations, dtype=np.float64)
    if d.ndim == 1:
        d = np.stack([d, np.zeros_like(d), np.zeros_like(d)], axis=1)
    d = np.ascontiguousarray(d)
    if d.ndim != 2 or d.shape[1] != 3:
        raise InputError("separations: expected (m,) or (m, 3)")
    g = np.empty(d.shape[0])
    err = new_error()
    check(lib.rm_api_vgm_gamma(model.encode(), _ptr("double *", d), d.shape[0],
                               _ptr("double *", g), err), err)
    return g
