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

/* Semivariance at separation (dx, dy, dz) (x east, y north, z up). */
double rm_vgm_gamma(const rm_vgm_model *m, double dx, double dy, double dz);

/* Covariance C(d) = sill - gamma(d); C(0) = total sill, nugget included
 * (the nugget drops out at any non-zero separation). */
double rm_vgm_cov(const rm_vgm_model *m, double dx, double dy, double dz);

/* Semivariance of an isotropic model at distance h (anisotropy ignored:
 * uses each structure's major range).  For plotting and fitting. */
double rm_vgm_gamma_h(const rm_vgm_model *m, double h);

/* A single metric for neighbour search, as GSLIB does: the anisotropy of the
 * structure with the longest major range.  |M d| (M row-major 3x3) is the
 * anisotropic distance expressed in metres along the major axis; identity
 * for isotropic or pure-nugget models. */
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

#ifdef __cplusplus
}
#endif
#endif
