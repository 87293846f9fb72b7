/* api.h — flat entry points for callers that load libreemud at run time
 * (the Python package python/reemud through cffi in ABI mode, or any FFI).
 *
 * Every function here takes plain arrays, numbers and strings, so that a
 * caller needs no struct layout of the engine's internals: the engine's
 * parameter records (rm_krige_params, rm_lift_params, …) may grow without
 * breaking a binding.  The project stages run exactly as the command line
 * runs them (cli/cmd_*.c) and write the same folder; the caller reads the
 * files back (block_model.nc, *_summary.json).
 *
 * Errors: every function returns an rm_status and fills err, whose message
 * keeps the engine's "FILE:LINE: field 'NAME': …" form.  Functions that
 * validate input files also append every problem to problems (may be NULL).
 * Memory returned through char ** or double ** is released with rm_api_free.
 */
#ifndef REEMUD_API_H
#define REEMUD_API_H

#include <stddef.h>

#include "reemud/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Release memory that an rm_api_* function returned. */
void rm_api_free(void *p);

/* Version of the API below: bumped when a signature changes. */
int rm_api_version(void);

/* Capabilities of this build, for a binding to test before it calls:
 * "trend" (universal kriging / external drift in rm_api_krige), "supply"
 * (rm_api_supply).  Returns 1 when present, 0 when not. */
int rm_api_has(const char *capability);

/* ---- Kriging ---- */

/* Options of rm_api_krige; rm_api_krige_options_default fills the
 * command line's defaults (ordinary point kriging, all samples, nmin 1). */
typedef struct rm_api_krige_options {
    long nmax;              /* 0 = all samples */
    long nmin;              /* >= 1 */
    double maxdist;         /* <= 0: no radius */
    int octant_max;         /* 0 = none */
    int hole_max;           /* 0 = none (needs hole ids) */
    int search_euclidean;   /* 1: gstat's Euclidean neighbour search */
    int simple;             /* 1: simple kriging with sk_mean */
    double block[3];        /* block size; all 0 = point kriging */
    int discr;              /* 0 = Gauss–Legendre 4 per axis, N = regular N */
    int xval;               /* 0 = estimate targets, 1 = leave one out, 2 = leave one hole out */
    int threads;            /* <= 0 = OpenMP default */
    int trend;              /* universal kriging: 0 none, 1 linear, 2 quadratic
                               (needs rm_api_has("trend")) */
    int trend_ndim;         /* coordinate axes in the trend (2 or 3; 0 = 3) */
} rm_api_krige_options;

void rm_api_krige_options_default(rm_api_krige_options *o);

/* Krige nvar variables of n samples (xyz n x 3 row-major, values n x nvar
 * row-major, hole NULL or n ids) with the MODEL string model at nt targets
 * (txyz nt x 3), or at the nt nodes of a regular grid (txyz NULL, grid = 9
 * numbers: first x, y, z, step x, y, z, count x, y, z; rows x fastest, as
 * `reemud krige --grid`), or cross-validate (o->xval; targets ignored, rows are the
 * merged samples: their number is *nrows, their coordinates and values go
 * to sample_xyz (n x 3) and observed (n x nvar) when not NULL).
 * Output arrays (each may be NULL) hold at least max(nt, n) rows:
 * est (x nvar), var, nn, mean_dist, lagrange, slope, ke.  Empty targets get
 * NaN.  counts (may be NULL) receives 4 numbers: samples merged, targets
 * empty, targets singular, rows written. */
rm_status rm_api_krige(const char *model, const double *xyz, const double *values, size_t n,
                       size_t nvar, const long *hole, const double *sk_mean,
                       const double *txyz, size_t nt, const double *grid,
                       const rm_api_krige_options *o,
                       double *est, double *var, int *nn, double *mean_dist,
                       double *lagrange, double *slope, double *ke, double *sample_xyz,
                       double *observed, size_t *nrows, size_t counts[4], rm_error *err);

/* rm_api_krige with n_ext external drift variables (kriging with an
 * external drift): ext n x n_ext at the samples, text nt x n_ext at the
 * targets (not with a grid).  Needs rm_api_has("trend") when trend or
 * n_ext is set; otherwise RM_EINVAL saying the engine lacks it. */
rm_status rm_api_krige_ext(const char *model, const double *xyz, const double *values,
                           size_t n, size_t nvar, const long *hole, const double *sk_mean,
                           const double *txyz, size_t nt, const double *grid,
                           const double *ext, const double *text, size_t n_ext,
                           const rm_api_krige_options *o, double *est, double *var, int *nn,
                           double *mean_dist, double *lagrange, double *slope, double *ke,
                           double *sample_xyz, double *observed, size_t *nrows,
                           size_t counts[4], rm_error *err);

/* Sequential Gaussian simulation of one variable (as `reemud krige --sim`)
 * on the grid of nodes first + i step (count[] nodes per axis, ndim 2 or 3;
 * rows x fastest): nsim realizations into sims (nsim x nodes,
 * realization-major).  nmax 0 = 24; maxdist <= 0 = the model's default
 * radius. */
rm_status rm_api_simulate_grid(const char *model, const double *xyz, const double *values,
                               size_t n, int ndim, const double first[3],
                               const double step[3], const size_t count[3], size_t nmax,
                               double maxdist, double sk_mean, size_t nsim, long seed,
                               int nscore, int multigrid, int threads, double *sims,
                               rm_error *err);

/* ---- Variograms ---- */

typedef struct rm_api_vario_options {
    double cutoff, width;           /* <= 0: gstat's defaults */
    int directional;                /* 1: along azimuth/dip within tol */
    double azimuth_deg, dip_deg, tol_deg, bandwidth;
    int downhole;                   /* 1: pairs within a hole only (hole ids needed) */
    int threads;
} rm_api_vario_options;

void rm_api_vario_options_default(rm_api_vario_options *o);

/* Experimental variogram of n values at xyz (n x 3; z column ignored when
 * ndim is 2).  Returns the bins with pairs in *np, *dist, *gamma (malloc'd,
 * *nbins long; free with rm_api_free).  With fit (a MODEL string of start
 * values) the model is fitted by gstat's WLS, rounded to 7 significant
 * digits as `reemud vario --fit` prints it, and written to fitted
 * (fitted_size bytes), and the model's value at each bin to *gamma_model. */
rm_status rm_api_vario(const double *xyz, int ndim, const double *values, const long *hole,
                       size_t n, const rm_api_vario_options *o, const char *fit,
                       size_t *nbins, double **np, double **dist, double **gamma,
                       double **gamma_model, char *fitted, size_t fitted_size,
                       rm_error *err);

/* Semivariance of a MODEL string at m separations d (m x 3). */
rm_status rm_api_vgm_gamma(const char *model, const double *d, size_t m, double *gamma,
                           rm_error *err);

/* ---- Project stages (as the commands) ---- */

/* Options shared by the stages; negative = keep the project's value. */
typedef struct rm_api_stage_options {
    int force;                 /* overwrite outputs already in out_dir */
    int threads;
    long realizations;         /* simulate, assess */
    long long seed;            /* simulate, chain */
    long draws;                /* chain, assess */
    int write_realizations;    /* simulate: also every realization */
    int log_level;             /* rm_log_level for messages on stderr; -1 = silent */
    const char *blockmodel;    /* chain: block model (NULL: [mine] blockmodel or the estimate's) */
} rm_api_stage_options;

void rm_api_stage_options_default(rm_api_stage_options *o);

/* `reemud check`: validate the project's data and return its summary as a
 * JSON object (*json, free with rm_api_free). */
rm_status rm_api_check(const char *project, char **json, rm_problems *problems,
                       rm_error *err);

/* `reemud estimate`: write block_model.nc, maps, grade_tonnage.csv,
 * resource_summary.json and run.json into out_dir. */
rm_status rm_api_estimate(const char *project, const char *out_dir,
                          const rm_api_stage_options *o, rm_problems *problems,
                          rm_error *err);

/* `reemud simulate`: simulation_summary.json, simulation.nc, maps, run.json. */
rm_status rm_api_simulate(const char *project, const char *out_dir,
                          const rm_api_stage_options *o, rm_problems *problems,
                          rm_error *err);

/* `reemud chain`: the chain's CSV tables, chain_summary.json, run.json. */
rm_status rm_api_chain(const char *project, const char *out_dir,
                       const rm_api_stage_options *o, rm_error *err);

/* `reemud supply`: the allied supply network under export controls, written
 * into out_dir as the command writes it (supply_balance.csv, supply_sources.csv,
 * supply_summary.json, the figures, supply_economics.csv when the chain's
 * processing.csv sits beside the oxide output, run.json).  oxide_output (the
 * chain's oxide_output.csv), scenarios ("a,b,c") and years ("FROM:TO") may be
 * NULL for the project's [supply] values; o->draws, o->seed and o->threads as the
 * flags. */
rm_status rm_api_supply(const char *project, const char *out_dir, const char *oxide_output,
                        const char *scenarios, const char *years,
                        const rm_api_stage_options *o, rm_error *err);
/* `reemud assess`: the whole folder with report.html and summary.json. */
rm_status rm_api_assess(const char *project, const char *out_dir,
                        const rm_api_stage_options *o, rm_problems *problems,
                        rm_error *err);

/* `reemud lift`: parameters from the defaults, then [lift] of project (may
 * be NULL), then [lift] of the INI text overrides (may be NULL; its keys are
 * the project file's); writes summary.json, profile.csv and run.json. */
rm_status rm_api_lift(const char *project, const char *overrides, const char *out_dir,
                      const rm_api_stage_options *o, rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
