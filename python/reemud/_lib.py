"""Loading libreemud.so through cffi in ABI mode, and turning C errors into
Python exceptions.

The library is looked for, in order, at
  1. $REEMUD_LIBRARY (a path to libreemud.so),
  2. the path the install wrote into reemud/_paths.py (``make install``),
  3. libreemud.so in $REEMUD_BUILD_DIR, then in build/ beside python/ of a
     source tree (importing from the build tree with PYTHONPATH=python),
  4. the dynamic loader's search path (ldconfig, LD_LIBRARY_PATH).
Only the flat entry points of include/reemud/api.h (and the error and
problem records of core.h) are declared, so the engine's internal records
may change without breaking this package.
"""
import os

import cffi

ffi = cffi.FFI()
ffi.cdef(r"""
typedef int rm_status;
typedef struct rm_error { rm_status status; char message[2048]; } rm_error;
typedef struct rm_problems {
    size_t count; size_t kept; size_t cap; char **messages;
} rm_problems;
void rm_problems_init(rm_problems *p, size_t cap);
void rm_problems_free(rm_problems *p);
const char *rm_status_string(rm_status status);
const char *rm_version(void);

void rm_api_free(void *p);
int rm_api_version(void);
int rm_api_has(const char *capability);

typedef struct rm_api_krige_options {
    long nmax; long nmin; double maxdist; int octant_max; int hole_max;
    int search_euclidean; int simple; double block[3]; int discr; int xval; int threads;
    int trend; int trend_ndim;
} rm_api_krige_options;
void rm_api_krige_options_default(rm_api_krige_options *o);
rm_status rm_api_krige(const char *model, const double *xyz, const double *values, size_t n,
                       size_t nvar, const long *hole, const double *sk_mean,
                       const double *txyz, size_t nt, const double *grid,
                       const rm_api_krige_options *o,
                       double *est, double *var, int *nn, double *mean_dist,
                       double *lagrange, double *slope, double *ke, double *sample_xyz,
                       double *observed, size_t *nrows, size_t counts[4], rm_error *err);
rm_status rm_api_krige_ext(const char *model, const double *xyz, const double *values,
                           size_t n, size_t nvar, const long *hole, const double *sk_mean,
                           const double *txyz, size_t nt, const double *grid,
                           const double *ext, const double *text, size_t n_ext,
                           const rm_api_krige_options *o, double *est, double *var, int *nn,
                           double *mean_dist, double *lagrange, double *slope, double *ke,
                           double *sample_xyz, double *observed, size_t *nrows,
                           size_t counts[4], rm_error *err);
rm_status rm_api_simulate_grid(const char *model, const double *xyz, const double *values,
                               size_t n, int ndim, const double first[3],
                               const double step[3], const size_t count[3], size_t nmax,
                               double maxdist, double sk_mean, size_t nsim, long seed,
                               int nscore, int multigrid, int threads, double *sims,
                               rm_error *err);

typedef struct rm_api_vario_options {
    double cutoff, width; int directional;
    double azimuth_deg, dip_deg, tol_deg, bandwidth; int downhole; int threads;
} rm_api_vario_options;
void rm_api_vario_options_default(rm_api_vario_options *o);
rm_status rm_api_vario(const double *xyz, int ndim, const double *values, const long *hole,
                       size_t n, const rm_api_vario_options *o, const char *fit,
                       size_t *nbins, double **np, double **dist, double **gamma,
                       double **gamma_model, char *fitted, size_t fitted_size,
                       rm_error *err);
rm_status rm_api_vgm_gamma(const char *model, const double *d, size_t m, double *gamma,
                           rm_error *err);

typedef struct rm_api_stage_options {
    int force; int threads; long realizations; long long seed; long draws;
    int write_realizations; int log_level; const char *blockmodel;
} rm_api_stage_options;
void rm_api_stage_options_default(rm_api_stage_options *o);
rm_status rm_api_check(const char *project, char **json, rm_problems *problems, rm_error *err);
rm_status rm_api_estimate(const char *project, const char *out_dir,
                          const rm_api_stage_options *o, rm_problems *problems, rm_error *err);
rm_status rm_api_simulate(const char *project, const char *out_dir,
                          const rm_api_stage_options *o, rm_problems *problems, rm_error *err);
rm_status rm_api_chain(const char *project, const char *out_dir,
                       const rm_api_stage_options *o, rm_error *err);
rm_status rm_api_supply(const char *project, const char *out_dir, const char *oxide_output,
                        const char *scenarios, const char *years,
                        const rm_api_stage_options *o, rm_error *err);
rm_status rm_api_assess(const char *project, const char *out_dir,
                        const rm_api_stage_options *o, rm_problems *problems, rm_error *err);
rm_status rm_api_lift(const char *project, const char *overrides, const char *out_dir,
                      const rm_api_stage_options *o, rm_error *err);
""")

API_VERSION = 1


def _candidates():
    env = os.environ.get("REEMUD_LIBRARY")
    if env:
        yield env
        return
    try:
        from . import _paths  # written by make install
        yield _paths.LIBRARY
    except ImportError:
        pass
    here = os.path.dirname(os.path.abspath(__file__))
    build_dirs = [os.environ.get("REEMUD_BUILD_DIR"),
                  os.path.join(here, "..", "..", "build")]
    for d in build_dirs:
        if d:
            yield os.path.join(d, "libreemud.so")
    yield "libreemud.so.0"
    yield "libreemud.so"


def _load():
    tried = []
    for path in _candidates():
        if os.path.isabs(path) and not os.path.exists(path):
            tried.append(path + " (missing)")
            continue
        try:
            return ffi.dlopen(path), path
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError("reemud: cannot load libreemud.so; set REEMUD_LIBRARY to its path "
                      "(tried: %s)" % "; ".join(tried))


lib, library_path = _load()
if lib.rm_api_version() != API_VERSION:
    raise ImportError("reemud: %s has API version %d, this package expects %d"
                      % (library_path, lib.rm_api_version(), API_VERSION))

# rm_status values (include/reemud/core.h)
RM_OK, RM_EINVAL, RM_EDATA, RM_EIO, RM_ENOMEM, RM_ESINGULAR, RM_ENOCONV, RM_EPHYS, \
    RM_EEXIST, RM_EINTERNAL = range(10)


class ReemudError(RuntimeError):
    """A failure in the reemud library.

    ``message`` is the library's message as the command line prints it
    (``FILE:LINE: field 'NAME': what is wrong`` when input caused it),
    ``status`` the rm_status code and ``problems`` every input problem found
    (a list of such messages; empty when the failure was not about input).
    """

    def __init__(self, message, status=RM_EINTERNAL, problems=()):
        super().__init__(message)
        self.message = message
        self.status = status
        self.problems = list(problems)


class InputError(ReemudError, ValueError):
    """Bad input data or a bad argument (RM_EDATA, RM_EINVAL)."""


class PhysicsError(ReemudError, ValueError):
    """A physically impossible request (RM_EPHYS)."""


class OutputExistsError(ReemudError, FileExistsError):
    """An output would overwrite existing files (pass force=True)."""


class ReemudIOError(ReemudError, OSError):
    """A file could not be read or written (RM_EIO)."""


class NumericalError(ReemudError, ArithmeticError):
    """A singular system or an iteration that did not converge."""


_CLASSES = {RM_EINVAL: InputError, RM_EDATA: InputError, RM_EPHYS: PhysicsError,
            RM_EEXIST: OutputExistsError, RM_EIO: ReemudIOError,
            RM_ESINGULAR: NumericalError, RM_ENOCONV: NumericalError}


def new_error():
    return ffi.new("rm_error *")


def problems_new(cap=100):
    p = ffi.new("rm_problems *")
    lib.rm_problems_init(p, cap)
    return ffi.gc(p, lib.rm_problems_free)


def problems_list(p):
    if p is None:
        return []
    return [ffi.string(p.messages[i]).decode("utf-8", "replace") for i in range(p.kept)]


def check(status, err, problems=None):
    """Raise the exception for a failed call (status != RM_OK)."""
    if status == RM_OK:
        return
    if status == RM_ENOMEM:
        raise MemoryError(ffi.string(err.message).decode("utf-8", "replace"))
    msg = ffi.string(err.message).decode("utf-8", "replace")
    if not msg:
        msg = ffi.string(lib.rm_status_string(status)).decode()
    cls = _CLASSES.get(status, ReemudError)
    raise cls(msg, status, problems_list(problems))
