/* krige.h — simple and ordinary kriging at points and over blocks, with
 * per-target diagnostics, and cross-validation.
 *
 * Usage (one variogram, any number of value columns sharing it):
 *
 *     rm_krige_params p;  rm_krige_params_default(&p);  p.nmax = 24;
 *     rm_krige *k;
 *     rm_krige_alloc(&p, &model, xyz, values, n, nvar, NULL, NULL, &k, &err);
 *     rm_krige_out out = {.est = est, .var = var};     (any member may be NULL)
 *     rm_krige_stats st;
 *     rm_krige_targets(k, targets_xyz, ntargets, &out, &st, &err);
 *     rm_krige_free(k);
 *
 * Conventions (docs/geostatistics.md, "Kriging"):
 *   - covariances C(d) = sill − γ(d) of the variogram model, gstat's ranges;
 *   - neighbours are the nmax nearest samples in the variogram's search
 *     metric (rm_vgm_search_metric), ties broken by sample index (search.h);
 *     for a block, nearest to its centre;
 *   - ordinary kriging solves  C λ + μ 1 = c,  1ᵀλ = 1; the "lagrange"
 *     output is this μ (covariance form; the variogram-form multiplier of
 *     Journel & Huijbregts is −μ); simple kriging uses the known mean m:
 *     Z* = m + Σ λ_i (z_i − m) with C λ = c;
 *   - kriging variance σ² = C(B,B) − λᵀc − μ (μ = 0 for SK);
 *   - blocks are discretised by 4 Gauss–Legendre points per axis (gstat's
 *     default) or a regular N per axis; the nugget is excluded from C(B,B)
 *     and from the sample-to-block covariances c_i = C(x_i, B) (gstat,
 *     GSLIB kt3d);
 *   - block variance BV = C(B,B) (C(0), the total sill, for points), kriging
 *     efficiency KE = (BV − σ²)/BV (Krige 1997), slope of regression of the
 *     true on the estimated value = Cov(Z, Z*)/Var(Z*) = λᵀc / λᵀCλ
 *     = (BV − σ² − μ)/(BV − σ² − 2μ), which is the usual
 *     (BV − KV + |μ|)/(BV − KV + 2|μ|) of Vann, Jackson & Bertoli (2003)
 *     when μ ≤ 0, the common case;
 *   - universal kriging (a trend in the coordinates) and kriging with an
 *     external drift solve  C λ + F μ = c,  Fᵀλ = f0  with the drift
 *     functions F = [1, coordinate terms, external drifts] at the samples
 *     and f0 at the target (for a block, the coordinate terms averaged over
 *     its discretisation); σ² = C(B,B) − λᵀc − μᵀf0 and the "lagrange"
 *     output is μᵀf0 (gstat's krige(z ~ x + y, ...), krige(z ~ cov, ...);
 *     docs/kriging.md).
 * Coincident samples (identical coordinates) are merged at rm_krige_alloc,
 * their values averaged; rm_krige_n_merged counts the samples removed.
 * Every target is independent: outputs are identical for any thread count.
 */
#ifndef REEMUD_KRIGE_H
#define REEMUD_KRIGE_H

#include <stddef.h>

#include "reemud/core.h"
#include "reemud/variogram.h"

#ifdef __cplusplus
extern "C" {
#endif

/* At most this many external drift variables. */
#define RM_KRIGE_MAX_DRIFT 16

typedef enum rm_krige_kind {
    RM_KRIGE_ORDINARY = 0,
    RM_KRIGE_SIMPLE = 1
} rm_krige_kind;

typedef struct rm_krige_params {
    rm_krige_kind kind;
    size_t nmax;        /* neighbours per target; 0 = all samples */
    size_t nmin;        /* with fewer neighbours a target is left empty (NaN) */
    double maxdist;     /* search radius in the search metric (metres along
                           the major axis); <= 0 = none */
    int octant_max;     /* at most this many neighbours per octant; 0 = none */
    int hole_max;       /* at most this many neighbours per hole; 0 = none */
    double block[3];    /* block size (x, y, z); all 0 = point kriging; a 0
                           component is not discretised (2-D blocks) */
    int discr;          /* 0 = 4 Gauss–Legendre points per axis, N > 0 = a
                           regular N per axis (cell centres) */
    int threads;        /* OpenMP threads; <= 0 = the OpenMP default */
    int search_euclidean; /* 1: choose neighbours (and apply maxdist) by plain
                           Euclidean distance, as gstat does; 0 (default): by
                           the anisotropic search metric, as GSLIB's kt3d */
    int trend;          /* drift in the coordinates (universal kriging):
                           0 none, 1 linear (1, x, y[, z]), 2 quadratic (adds
                           the squares and cross products); needs ordinary */
    int trend_ndim;     /* coordinate axes in the trend: 1, 2 (x, y) or 3;
                           0 = 3 */
} rm_krige_params;

/* Ordinary point kriging with all samples, no limits, default threads. */
void rm_krige_params_default(rm_krige_params *p);

typedef struct rm_krige rm_krige;

/* Prepare kriging of nvar variables from n samples.
 *   xyz     n x 3 coordinates, row-major (z = 0 for 2-D data)
 *   values  n x nvar, row-major (sample i, variable v at i*nvar + v); finite
 *   sk_mean nvar known means for simple kriging (NULL for ordinary)
 *   hole    n hole ids (for hole_max and leave-one-hole-out), or NULL
 * The model is copied.  Coincident samples are merged (values averaged). */
rm_status rm_krige_alloc(const rm_krige_params *p, const rm_vgm_model *model,
                         const double *xyz, const double *values, size_t n, size_t nvar,
                         const double *sk_mean, const long *hole, rm_krige **out,
                         rm_error *err);
/* As rm_krige_alloc, with n_ext external drift variables (kriging with an
 * external drift): ext is n x n_ext, finite, none constant over the samples;
 * targets then need their values (rm_krige_targets_ext, rm_krige_point_ext).
 * ext may be NULL when n_ext = 0. */
rm_status rm_krige_alloc_ext(const rm_krige_params *p, const rm_vgm_model *model,
                             const double *xyz, const double *values, size_t n, size_t nvar,
                             const double *ext, size_t n_ext, const double *sk_mean,
                             const long *hole, rm_krige **out, rm_error *err);
void rm_krige_free(rm_krige *k);

size_t rm_krige_n_samples(const rm_krige *k);   /* after merging */
size_t rm_krige_n_merged(const rm_krige *k);    /* samples removed by merging */
size_t rm_krige_nvar(const rm_krige *k);
/* Coordinates (3) and values (nvar) of merged sample i; hole id if any. */
void rm_krige_sample(const rm_krige *k, size_t i, double xyz[3], double *values, long *hole);
/* C(B,B): the block variance without nugget, or the total sill for points. */
double rm_krige_block_variance(const rm_krige *k);

/* Per-target outputs; each member may be NULL.  Row t of est holds nvar
 * values (est[t*nvar + v]).  Empty targets (fewer than nmin neighbours or a
 * singular system) get NaN in est, var, mean_dist, lagrange, slope and ke. */
typedef struct rm_krige_out {
    double *est;        /* ntargets x nvar */
    double *var;        /* ntargets: kriging variance (same model for all variables) */
    int *n;             /* neighbours found */
    double *mean_dist;  /* mean Euclidean distance, target (block centre) to neighbours */
    double *lagrange;   /* μ (0 for simple kriging) */
    double *slope;      /* slope of regression */
    double *ke;         /* kriging efficiency */
} rm_krige_out;

typedef struct rm_krige_stats {
    size_t n_targets;
    size_t n_empty;          /* fewer than nmin neighbours (or none) */
    size_t n_singular;       /* kriging system not positive definite */
    double first_singular[3];/* location of the first singular target */
    size_t n_reused;         /* targets that reused the previous factorisation */
} rm_krige_stats;

/* Krige at ntargets points xyz (ntargets x 3), in parallel. */
rm_status rm_krige_targets(const rm_krige *k, const double *xyz, size_t ntargets,
                           const rm_krige_out *out, rm_krige_stats *stats, rm_error *err);
/* The same with the targets' external drift values ext (ntargets x n_ext;
 * required when k has external drifts, ignored otherwise). */
rm_status rm_krige_targets_ext(const rm_krige *k, const double *xyz, const double *ext,
                               size_t ntargets, const rm_krige_out *out,
                               rm_krige_stats *stats, rm_error *err);

/* Krige at the nodes of a regular grid (not with external drifts): node (i, j, l) is at
 * first + (i step[0], j step[1], l step[2]), row t = i + count[0] (j + count[1] l)
 * (x fastest, then y, then z). */
rm_status rm_krige_grid(const rm_krige *k, const double first[3], const double step[3],
                        const size_t count[3], const rm_krige_out *out,
                        rm_krige_stats *stats, rm_error *err);
/* The same for layers l0 .. l0 + nl − 1 of that grid alone: row t = i + count[0] (j +
 * count[1] (l − l0)); each node's result is the one rm_krige_grid gives it (the same
 * coordinates, bit for bit), so a grid kriged in runs of layers is the grid kriged
 * whole, in a buffer of the run's size. */
rm_status rm_krige_grid_layers(const rm_krige *k, const double first[3], const double step[3],
                               const size_t count[3], size_t l0, size_t nl,
                               const rm_krige_out *out, rm_krige_stats *stats, rm_error *err);

/* ---- Single targets (for callers that loop themselves) ---- */

typedef struct rm_krige_work rm_krige_work;
rm_krige_work *rm_krige_work_alloc(const rm_krige *k);   /* one per thread */
void rm_krige_work_free(rm_krige_work *w);

/* Krige one target into row `row` of out, excluding sample exclude_index
 * and the samples of hole exclude_hole (RM_SEARCH_NONE = -1 for none).
 * Returns RM_OK, or RM_ESINGULAR (row left empty, err names the location).
 * A target with too few neighbours returns RM_OK with an empty row. */
rm_status rm_krige_point(const rm_krige *k, rm_krige_work *w, const double xyz[3],
                         long exclude_index, long exclude_hole, const rm_krige_out *out,
                         size_t row, rm_error *err);
/* The same with the target's external drift values ext (n_ext). */
rm_status rm_krige_point_ext(const rm_krige *k, rm_krige_work *w, const double xyz[3],
                             const double *ext, long exclude_index, long exclude_hole,
                             const rm_krige_out *out, size_t row, rm_error *err);

/* The kriging weights of one target: the m neighbours (sample indices
 * as rm_krige_sample counts them) into idx and their weights λ into lambda
 * (both with room for cap >= nmax, or all samples when nmax = 0); *m = 0
 * for a target with too few neighbours.  ext: the target's external drifts
 * (NULL without).  Z* = Σ λ_i z_i (+ (1 − Σλ) m for simple kriging). */
rm_status rm_krige_weights(const rm_krige *k, rm_krige_work *w, const double xyz[3],
                           const double *ext, size_t *idx, double *lambda, size_t cap,
                           size_t *m, rm_error *err);

/* ---- Cross-validation ---- */

typedef enum rm_xval_kind {
    RM_XVAL_LOO = 0,    /* leave one sample out */
    RM_XVAL_HOLE = 1    /* leave all samples of the sample's hole out */
} rm_xval_kind;

/* Statistics of the residuals r = observed − estimate, per variable. */
typedef struct rm_xval_stats {
    size_t n;           /* samples estimated */
    double mean_error;  /* mean r */
    double mse;         /* mean r² */
    double msdr;        /* mean squared deviation ratio: mean r²/σ² */
} rm_xval_stats;

/* Estimate every (merged) sample from the others; out rows are samples
 * (rm_krige_n_samples).  stats: nvar records (may be NULL). */
rm_status rm_krige_xval(const rm_krige *k, rm_xval_kind kind, const rm_krige_out *out,
                        rm_xval_stats *stats, rm_krige_stats *kstats, rm_error *err);

/* ---- Output ---- */

/* Write rows as CSV: the coordinate columns (ndim of xyz), then per
 * variable NAME_est, NAME_var, then n, mean_dist, lagrange, slope, ke.
 * Numbers with 10 significant digits; empty cells for NaN.  Formatting
 * runs in parallel; rows keep their order.  extra (may be NULL) adds, per
 * variable, the columns NAME_obs, NAME_res and NAME_z (observed value,
 * residual, standardised residual) for cross-validation. */
rm_status rm_krige_write_csv(FILE *fp, const char *const *coord_names, int ndim,
                             const double *xyz, const char *const *var_names, size_t nvar,
                             const rm_krige_out *out, const double *observed, size_t nrows,
                             int threads, rm_error *err);

/* Format x with 10 significant digits (like "%.10g", up to the last digit's
 * rounding) into buf (at least 32 bytes); returns the length. */
int rm_krige_format_double(double x, char *buf);

#ifdef __cplusplus
}
#endif
#endif
