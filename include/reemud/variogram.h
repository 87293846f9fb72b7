/* variogram.h — variogram models (nested, anisotropic), the MODEL string
 * grammar, experimental variograms and weighted least-squares fitting.
 *
 * Conventions follow gstat (docs/geostatistics.md):
 *   - a basic structure is a unit-sill function g(h) of the reduced distance
 *     h = |separation| / range with gstat's range parameter:
 *       Nug  g = 0 at h = 0 exactly, 1 otherwise
 *       Sph  g = 1.5 h - 0.5 h^3 (h < 1), 1 beyond
 *       Exp  g = 1 - exp(-h)
 *       Gau  g = 1 - exp(-h^2)
 *   - a model is a sum of up to RM_VGM_MAX_STRUCT structures, each with a
 *     partial sill;
 *   - geometric anisotropy per structure: ranges major, minor, vertical and
 *     angles azimuth (clockwise from north, i.e. from +y towards +x), dip
 *     (positive up) and rake, as GSLIB's setrot (Deutsch & Journel 1998,
 *     p. 27) and gstat's anis = c(p, q, r, s1, s2).
 *
 * MODEL strings:
 *     "0.05 Nug + 0.59 Sph(897)"
 *     "0.1 Nug + 0.5 Sph(300, 150, 20; 30, 0, 0)"   3-D: ranges; angles
 *     "0.5 Exp(300, 150; 30)"                        2-D: major, minor; azimuth
 * Each term is SILL TYPE[(RANGES[; ANGLES])].  One range = isotropic; two =
 * major, minor (vertical = major, as gstat's 2-D anis); three = major, minor,
 * vertical.  Up to three angles (azimuth, dip, rake), missing ones are 0.
 * Type names are case-insensitive; "Nug", "Nug()" and "Nug(0)" are the same.
 *
 * Evaluation (rm_vgm_gamma / rm_vgm_cov) is thread-safe and allocation-free:
 * a model is a plain value; copy it freely.
 */
#ifndef REEMUD_VARIOGRAM_H
#define REEMUD_VARIOGRAM_H

#include <stddef.h>

#include "reemud/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Basic structures: a const method table per type ---- */

typedef struct rm_vgm_type {
    const char *name;        /* "Nug", "Sph", "Exp", "Gau" */
    int has_range;           /* 0 for the nugget */
    /* Unit-sill variogram of the reduced distance h = distance / range >= 0. */
    double (*gamma)(double h);
} rm_vgm_type;

extern const rm_vgm_type *const rm_vgm_nug;
extern const rm_vgm_type *const rm_vgm_sph;
extern const rm_vgm_type *const rm_vgm_exp;
extern const rm_vgm_type *const rm_vgm_gau;

/* The type named name (case-insensitive), or NULL. */
const rm_vgm_type *rm_vgm_type_find(const char *name, size_t len);

/* ---- Nested, anisotropic models ---- */

#define RM_VGM_MAX_STRUCT 8

typedef struct rm_vgm_struct {
    const rm_vgm_type *type;
    double sill;             /* partial sill */
    double range[3];         /* major, minor, vertical (all 0 for the nugget) */
    double angle_deg[3];     /* azimuth, dip, rake */
    int n_ranges;            /* as written: 0 (nugget), 1, 2 or 3 */
    int n_angles;            /* as written: 0..3 */
    /* Derived by rm_vgm_update: the reduced distance is |rot * d| (rot
     * row-major, 1/range folded in); isotropic structures use inv_range. */
    int isotropic;
    double inv_range;
    double rot[9];
} rm_vgm_struct;

typedef struct rm_vgm_model {
    int n;                   /* number of structures */
    rm_vgm_struct s[RM_VGM_MAX_STRUCT];
} rm_vgm_model;

/* Empty the model. */
void rm_vgm_init(rm_vgm_model *m);

/* Append a structure.  ranges: n_ranges values (major[, minor[, vertical]]),
 * angles: n_angles values (azimuth[, dip[, rake]]), either may be NULL when
 * its count is 0.  Validates (sill >= 0, ranges > 0, finite) and updates the
 * derived fields. */
rm_status rm_vgm_add(rm_vgm_model *m, const rm_vgm_type *type, double sill,
                     const double *ranges, int n_ranges, const double *angles,
                     int n_angles, rm_error *err);

/* Recompute the derived fields (rotation matrices) after editing sills,
 * ranges or angles of m->s[] directly.  Fails on invalid values. */
rm_status rm_vgm_update(rm_vgm_model *m, rm_error *err);

/* Parse a MODEL string.  Errors name the column and show the text with a
 * caret under the offending character. */
rm_status rm_vgm_parse(const char *text, rm_vgm_model *out, rm_error *err);

/* Write m in the MODEL grammar (shortest round-trip numbers) into buf.
 * Returns RM_EINVAL if buf is too small (buf then holds a truncated string). */
rm_status rm_vgm_format(const rm_vgm_model *m, char *buf, size_t size, rm_error *err);

/* Total sill (sum of partial sills, nugget included) = C(0). */
double rm_vgm_sill(const rm_vgm_model *m);

/* Nugget = sum of the partial sills of Nug structures. */
double rm_vgm_nugget(const rm_vgm_model *m);

/* The largest major range of the non-nugget structures (0 if none). */
double rm_vgm_max_range(const rm_vgm_model *m);

/* Where the structure with the largest range has fallen to about 5 % of its
 * covariance, in units of that range (gstat's range parameter): Sph 1,
 * Exp 3, Gau √3; 1 for the other types and for a pure nugget.  The default
 * search radius of a simulation. */
double rm_vgm_practical_range_factor(const rm_vgm_model *m);

/* Semivariance at separation (dx, dy, dz) (x east, y north, z up). */
double rm_vgm_gamma(const rm_vgm_model *m, double dx, double dy, double dz);

/* Covariance C(d) = sill - gamma(d); C(0) = total sill, nugget included
 * (the nugget drops out at any non-zero separation). */
double rm_vgm_cov(const rm_vgm_model *m, double dx, double dy, double dz);

/* Semivariance of an isotropic model at distance h (anisotropy ignored:
 * uses each structure's major range).  For plotting and fitting. */
double rm_vgm_gamma_h(const rm_vgm_model *m, double h);

/* A single metric for neighbour search: the anisotropy of the structure
 * with the largest partial sill (ties: the longest major range), so that a
 * zonal component does not dominate the search.  |M d| (M row-major 3x3) is
 * the anisotropic distance expressed in metres along the major axis;
 * identity for isotropic or pure-nugget models. */
void rm_vgm_search_metric(const rm_vgm_model *m, double M[9]);

/* GSLIB setrot: rotation-scaling matrix for angles (azimuth, dip, rake) in
 * degrees and anisotropy ratios r1 = minor/major, r2 = vertical/major.
 * |M d| = distance along the major axis. */
void rm_vgm_setrot(double azimuth_deg, double dip_deg, double rake_deg, double r1,
                   double r2, double M[9]);

/* ---- Experimental variograms ---- */

typedef enum rm_vario_kind {
    RM_VARIO_OMNI = 0,       /* all pairs */
    RM_VARIO_DIRECTIONAL,    /* pairs within an angular tolerance (and bandwidth) */
    RM_VARIO_DOWNHOLE        /* pairs within the same hole; lag along z */
} rm_vario_kind;

typedef struct rm_vario_params {
    rm_vario_kind kind;
    double cutoff;           /* maximum distance; <= 0: gstat's default (bbox diagonal / 3) */
    double width;            /* lag width; <= 0: cutoff / 15 */
    double azimuth_deg;      /* direction (clockwise from north) */
    double dip_deg;          /* direction's dip, positive up */
    double tol_deg;          /* angular half-tolerance (gstat tol.hor default 22.5) */
    double bandwidth;        /* maximum distance from the direction line; <= 0: none */
    int threads;             /* OpenMP threads; <= 0: the default */
} rm_vario_params;

/* Default parameters: omnidirectional, default cutoff and width, tol 22.5. */
void rm_vario_params_default(rm_vario_params *p);

typedef struct rm_vario {
    size_t n_bins;
    double cutoff, width;    /* as used (defaults resolved) */
    double *np;              /* pairs per bin (double: sums of counts) */
    double *dist;            /* mean pair distance per bin */
    double *gamma;           /* semivariance per bin: sum (z_i - z_j)^2 / (2 np) */
} rm_vario;

/* Compute an experimental variogram of values z at points (x, y, z3) (z3
 * may be NULL for 2-D).  hole: per-point group ids for RM_VARIO_DOWNHOLE
 * (pairs only within one group), else NULL.  Bins are right-closed:
 * bin k holds pairs with k*width < h <= (k+1)*width, h <= cutoff; pairs at
 * h = 0 go into the first bin (as gstat).  Result is the same for any
 * thread count. */
rm_status rm_vario_compute(const double *x, const double *y, const double *z3,
                           const double *values, const long *hole, size_t n,
                           const rm_vario_params *p, rm_vario **out, rm_error *err);
void rm_vario_free(rm_vario *v);

/* gstat's default cutoff: bounding-box diagonal / 3. */
double rm_vario_default_cutoff(const double *x, const double *y, const double *z3,
                               size_t n);

/* ---- Fitting ---- */

/* Which parameters of a structure stay fixed while fitting. */
enum {
    RM_VGM_FIX_SILL = 1,
    RM_VGM_FIX_RANGE = 2     /* all ranges; anisotropy ratios are always kept */
};

typedef struct rm_vgm_fit_info {
    int iterations;
    double wss;              /* weighted sum of squares at the solution */
    int status;              /* GSL status of the solver */
} rm_vgm_fit_info;

/* Fit sills and ranges of m (in place; m holds the start values) to the
 * experimental variogram v by weighted least squares with gstat's default
 * weights N_j / h_j^2 (fit.method = 7).  fix[i] (may be NULL) holds
 * RM_VGM_FIX_* flags for structure i.  Anisotropy ratios and angles are kept.
 * Bins with np == 0 are ignored. */
rm_status rm_vgm_fit(rm_vgm_model *m, const rm_vario *v, const int *fix,
                     rm_vgm_fit_info *info, rm_error *err);

/* ---- Automatic fit for a layered deposit sampled by vertical cores ----
 * (variogram_auto.c; docs/geostatistics.md and docs/resource.md)
 *
 * Cores are vertical and kilometres apart, sampled every metre or less: the
 * short scale is seen down the cores only, the horizontal scale between
 * cores at the same depth only.  rm_vgm_autofit_layered computes
 *   - a horizontal experimental variogram pooled over depth slices (pairs
 *     of samples of different cores in the same slice, np-weighted), of
 *     values standardised per slice by default (the depth trend and the
 *     slice-to-slice change of variance removed);
 *   - a downhole experimental variogram (pairs within one core, lag |dz|);
 * fits c0 Nug + c Sph(a) to each by WLS with gstat's weights (rm_vgm_fit),
 * the nugget taken from the downhole fit (the cores sample the short
 * scale) and held in the horizontal fit, and returns
 *     c0 Nug + ch Sph(ah, ah, av) [+ cz Sph(A, A, av)]
 * in the units of the values, the last (zonal, vertical-only) structure
 * holding what the downhole sill has beyond the horizontal one. */

#define RM_VGM_AUTOFIT_MAX_BINS 64

/* How a part's range was found (info: what was fitted). */
enum {
    RM_VGM_AUTOFIT_FREE = 0,    /* free WLS fit of sills and range converged inside bounds */
    RM_VGM_AUTOFIT_PROFILE = 1, /* free fit failed: best range on a log grid, sills WLS */
    RM_VGM_AUTOFIT_CAPPED = 2,  /* best range at the upper bound (still rising: a trend) */
    RM_VGM_AUTOFIT_DEFAULT = 3  /* too few lags: documented default */
};

/* Name of an RM_VGM_AUTOFIT_* method ("free", "profile", "capped", "default"). */
const char *rm_vgm_autofit_method_name(int method);

typedef struct rm_vgm_autofit_options {
    double slice_m;            /* depth slice for horizontal pairs; 1 */
    double h_cutoff_m;         /* 0: gstat's default on x, y (bbox diagonal / 3) */
    double h_width_m;          /* 0: cutoff / 15 */
    double v_cutoff_m;         /* downhole cutoff; 5 */
    double v_width_m;          /* 0: slice_m */
    int standardise_slices;    /* 1: (v - slice mean) / slice s.d. before the
                                  horizontal variogram; 0: raw values */
    double h_range_max_factor; /* horizontal range bound = factor × cutoff; 1.5 */
    double zonal_range_m;      /* range of the zonal structure; 0: 1000 × x-y extent */
    /* Samples for the downhole variogram at their own, finer support (e.g.
     * the assay intervals before compositing, in the same units as values):
     * the nugget is read where the cores are sampled most finely.  dh_n = 0:
     * the samples given to the fit.  Set v_width_m to their spacing. */
    const double *dh_z_mbsf;
    const double *const *dh_values; /* n_cols columns of dh_n */
    const long *dh_hole_ids;
    size_t dh_n;
} rm_vgm_autofit_options;

void rm_vgm_autofit_options_default(rm_vgm_autofit_options *o);

/* One experimental variogram and its c0 Nug + c Sph(a) fit. */
typedef struct rm_vgm_autofit_part {
    size_t n_bins;
    double np[RM_VGM_AUTOFIT_MAX_BINS];
    double dist[RM_VGM_AUTOFIT_MAX_BINS];
    double gamma[RM_VGM_AUTOFIT_MAX_BINS];
    double nugget, sill, range; /* fitted (units of this variogram); sill = partial */
    double wss;                 /* weighted sum of squares of the fit */
    int method;                 /* RM_VGM_AUTOFIT_* */
} rm_vgm_autofit_part;

typedef struct rm_vgm_autofit_info {
    rm_vgm_autofit_part horizontal; /* units: per-slice standardised (or raw) */
    rm_vgm_autofit_part downhole;   /* units of the values */
    double h_scale;            /* horizontal units -> value units (pooled within-slice
                                  variance when standardised, else 1) */
    size_t n_slices;           /* slices that gave horizontal pairs */
    int nugget_capped;         /* downhole nugget lowered to the first horizontal lag */
    /* The model returned, in value units: */
    double nugget, h_sill, zonal_sill, h_range_m, v_range_m;
} rm_vgm_autofit_info;

/* Fit the layered model to n samples at (x, y, z_mbsf) (z depth below
 * seafloor, positive down).  values: n_cols columns of n values each,
 * pooled (e.g. the standardised grades of several elements); every value
 * finite.  hole_ids: per-sample core ids, or NULL to group by identical
 * (x, y).  opt NULL = defaults.  info may be NULL.  Fails only on bad
 * arguments or memory; a fit that fails falls back as described in info. */
rm_status rm_vgm_autofit_layered(const double *x, const double *y, const double *z_mbsf,
                                 const double *const *values, size_t n_cols,
                                 const long *hole_ids, size_t n,
                                 const rm_vgm_autofit_options *opt, rm_vgm_model *out,
                                 rm_vgm_autofit_info *info, rm_error *err);

/* A one-line description of info (experimental points omitted) for logs. */
void rm_vgm_autofit_describe(const rm_vgm_autofit_info *info, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
