/* resource.h — from a kriged block model to a reported mineral resource:
 * derived grades and tonnages, classification, grade–tonnage tables, 2-D
 * maps and the `estimate` stage as a whole.
 *
 * Field names in the block model (one double per block; NAN = no value):
 *   "<El>_ppm"          each element estimated, El = La … Lu, Y (and Sc)
 *   "SREY_ppm"          ΣREY = La–Lu + Y
 *   "HREE_ppm"          Gd–Lu + Y (the `heavy` flag of elements.h)
 *   "REO_ppm"           Σ element ppm × oxide factor over the 15 REY
 *   "dry_density_t_m3"  dry bulk density
 *   "mud_t"             dry mud in the block = volume × dry density
 *   "<Oxide>_t"         oxide in the block, e.g. "La2O3_t", "Dy2O3_t"
 *   "REO_t"             Σ of the 15 REY oxides
 *   "kriging_variance"  kriging variance of ΣREY (ppm²)
 *   "slope", "ke"       slope of regression, kriging efficiency
 *   "n_samples", "mean_dist_m"  neighbours used and their mean distance
 *   "class"             1 measured, 2 indicated, 3 inferred, NAN unclassified
 *   "search_pass"       the search pass that estimated the block (1 = first)
 * Surfaces (one value per column): "water_depth_m"; "horizon_mbsf" with
 * [estimate] vertical = horizon.
 *
 * Method notes, defaults and sources: docs/resource.md.
 */
#ifndef REEMUD_RESOURCE_H
#define REEMUD_RESOURCE_H

#include <stddef.h>

#include "reemud/blockmodel.h"
#include "reemud/config.h"
#include "reemud/validation.h"
#include "reemud/core.h"
#include "reemud/data.h"
#include "reemud/elements.h"
#include "reemud/variogram.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Classification ---- */

enum {
    RM_CLASS_MEASURED = 1,
    RM_CLASS_INDICATED = 2,
    RM_CLASS_INFERRED = 3,
    RM_NCLASS = 3
};

/* Name of a class ("measured", …); "unclassified" for anything else. */
const char *rm_class_name(int cls);

/* A block is of the best class whose every test it passes:
 *   slope of regression >= min_slope, samples >= min_n, mean distance to the
 *   samples <= max_dist_m (0 = no distance test).
 * Inferred needs min_n and max_dist_m only; a block that fails inferred is
 * unclassified (not reported). */
typedef struct rm_classify_rules {
    double measured_min_slope;    /* 0.8 */
    long measured_min_n;          /* 8 */
    double measured_max_dist_m;
    double indicated_min_slope;   /* 0.5 */
    long indicated_min_n;         /* 4 */
    double indicated_max_dist_m;
    long inferred_min_n;          /* 1 */
    double inferred_max_dist_m;
    long measured_max_pass;       /* 1: blocks of a later search pass are not
                                     measured; <= 0 = no limit */
    long indicated_max_pass;      /* 2 */
} rm_classify_rules;

/* Defaults with distances as fractions of the variogram's longest
 * horizontal range range_m (0.5, 1, 2 ranges); see docs/resource.md. */
void rm_classify_rules_default(rm_classify_rules *r, double range_m);

/* Read [classification] over the defaults already in r. */
rm_status rm_classify_rules_read(rm_ini *ini, rm_classify_rules *r, rm_error *err);

/* Class of one block (RM_CLASS_* or 0 = unclassified).  NAN slope fails the
 * slope tests. */
int rm_classify_block(const rm_classify_rules *r, double slope, double n_samples,
                      double mean_dist_m);

/* Fill field "class" from "slope", "n_samples", "mean_dist_m" (blocks without
 * an estimate stay NAN) and, when the model has it, "search_pass": a block of a
 * pass later than measured_max_pass (indicated_max_pass) is not measured
 * (indicated) whatever its other tests. */
rm_status rm_classify_blockmodel(rm_blockmodel *bm, const rm_classify_rules *r,
                                 rm_error *err);

/* ---- Configuration: [grid], [variogram], [estimate] (docs/project-file.md) ---- */

enum { RM_VMODE_SHARED = 0, RM_VMODE_PER_ELEMENT = 1 };
/* Vertical coordinate of the variograms and the kriging: depth below seafloor,
 * or depth below the top of the REY-rich mud (docs/resource.md). */
enum { RM_VERTICAL_MBSF = 0, RM_VERTICAL_HORIZON = 1 };
enum { RM_KRIGE_OK = 0, RM_KRIGE_SK = 1 };

#define RM_MODEL_TEXT_MAX 512
#define RM_MAX_CUTOFFS 32

typedef struct rm_estimate_config {
    /* [grid]: extent in the project CRS (NAN = the data's extent padded by
     * pad_m), block size, model depth range */
    double x_min, x_max, y_min, y_max;
    double pad_m;                 /* 5000 */
    double dx_m, dy_m, dz_m;      /* 1000, 1000, 1 */
    double top_mbsf, bottom_mbsf; /* 0, 10 */
    long lines[8];                /* lines of x_min..y_max, dx..dz (messages) */

    /* [variogram] */
    int mode;                     /* RM_VMODE_SHARED (default) or per element */
    char model[RM_MODEL_TEXT_MAX];            /* shared model or "auto" */
    char model_elem[RM_NELEM][RM_MODEL_TEXT_MAX]; /* per element, "" = model */
    char water_depth_model[RM_MODEL_TEXT_MAX];    /* 2-D, or "auto" */
    double horizontal_cutoff_m;   /* 0 = gstat default (bbox diagonal / 3) */
    double horizontal_width_m;    /* 0 = cutoff / 15 */
    double downhole_cutoff_m;     /* 5 */
    double downhole_width_m;      /* composite length */
    int standardise_slices;       /* horizontal variogram of per-slice standardised values */
    int downhole_assays;          /* downhole variogram of the assay intervals (finer) */

    /* [estimate] */
    int use_elem[RM_NELEM];       /* elements estimated (the 15 REY always) */
    int method;                   /* RM_KRIGE_OK (default) or SK */
    long nmax, nmin;              /* 24, 4 */
    double maxdist_m;             /* 0 = no limit (in the anisotropic metric) */
    long hole_max;                /* 0 = none; per-hole limit */
    long discr;                   /* block discretisation: 0 = 4 Gauss-Legendre
                                     points per axis (gstat), N = regular N */
    double dry_density_t_m3;      /* 0.55 when assays give none */
    double report_top_mbsf, report_bottom_mbsf; /* 0, 10 (Takaya et al. 2018) */
    double column_depth_m;        /* 10: minable interval from the seafloor */
    double cutoffs_ppm[RM_MAX_CUTOFFS];
    size_t n_cutoffs;             /* default 0 300 400 500 700 1000 1500 2000 3000 5000 */
    double map_cutoff_ppm;        /* 2000: thickness map */
    long threads;                 /* 0 = OpenMP default */
    long chunk_blocks;            /* 2^20: blocks kriged at a time (whole layers, at least
                                     one), the size of the kriging's buffers */
    int vertical;                 /* RM_VERTICAL_MBSF (default) or _HORIZON */
    double horizon_ppm;           /* 400: ΣREY threshold of the horizon pick */
    char horizon_surface[4096];   /* a GeoTIFF surface (mbsf) instead of the
                                     picks; "" = picks */
    char drift_surface[4096];     /* a GeoTIFF secondary variable: kriging with
                                     an external drift; "" = none */
    long passes;                  /* search passes, 1..3 (default 1) */
    double pass_search_factor[3]; /* maxdist_m multiplier per pass: 1, 2, 4 */
    long pass_nmin[3];            /* nmin per pass: nmin, max(1, nmin/2), 1 */

    /* [classification] over rm_classify_rules_default; distances still NAN
     * here are filled from the variogram range when it is known. */
    rm_classify_rules rules;

    /* [topcut]: caps on the composites before kriging (docs/resource.md) */
    double topcut_ppm[RM_NELEM];  /* per element; 0 = none */
    double topcut_srey_ppm;       /* ΣREY: a composite above it has its 15 REY
                                     scaled down to it; 0 = none */
    double topcut_restrict_m;     /* outlier restriction: a composite keeps its
                                     uncapped grades for blocks whose centre is
                                     within this distance (m); 0 = none */
    int have_topcut;              /* any cap set */
} rm_estimate_config;

/* A reporting window [top, bottom] (keys top_key, bottom_key of section) and
 * optionally a mining column from the seafloor (column_key, 0 = none; NULL
 * key = not checked) must lie inside the model's depth range and on block
 * boundaries (grid.top_mbsf + k grid.dz_m): a block that straddles a bound
 * carries the grade of its whole height.  Each violation is a problem
 * naming file, line and key (rm_problems_note). */
void rm_window_check(rm_ini *ini, const rm_estimate_config *cfg, const char *section,
                     const char *top_key, const char *bottom_key, const char *column_key,
                     double top, double bottom, double column, rm_problems *problems,
                     rm_status *first, rm_error *err);

/* Read [grid], [variogram], [estimate] and [classification].  Every bad value
 * is appended to problems (if not NULL); the first is also in err.  Checks
 * that need the data (grid covers the collars) are in rm_resource_estimate. */
rm_status rm_estimate_config_read(rm_ini *ini, rm_estimate_config *cfg,
                                  rm_problems *problems, rm_error *err);

/* ---- Derived grades and tonnages ---- */

/* From the "<El>_ppm" fields of the 15 REY and "dry_density_t_m3" add
 * SREY_ppm, HREE_ppm, REO_ppm, mud_t, "<Oxide>_t" and REO_t.  Blocks missing
 * any REY value get NAN everywhere derived.  Fails if an REY field or the
 * density field is absent. */
rm_status rm_resource_derive(rm_blockmodel *bm, rm_error *err);
/* SREY_ppm alone, as rm_resource_derive makes it (the same sum, bit for bit). */
rm_status rm_resource_derive_srey(rm_blockmodel *bm, rm_error *err);

/* ---- Grade–tonnage ---- */

/* Bases: kriged blocks, mining columns, and the block-support curves of a
 * global change of support from the composites (support.c): affine
 * correction and discrete Gaussian model. */
enum { RM_GT_BLOCKS = 0, RM_GT_COLUMNS = 1, RM_GT_AFFINE = 2, RM_GT_DGM = 3 };

/* Name of a basis in grade_tonnage.csv: "block", "column", "affine", "dgm". */
const char *rm_gt_basis_name(int basis);

typedef struct rm_gt_row {
    int basis;             /* RM_GT_BLOCKS or RM_GT_COLUMNS */
    int cls;               /* 0 = all classes, else RM_CLASS_* */
    double cutoff_ppm;     /* ΣREY cut-off */
    double tonnes;         /* dry mud above cut-off */
    double mean_srey_ppm;  /* tonnage-weighted */
    double mean_ppm[RM_NREY];
    double oxide_t[RM_NREY];
    double reo_t;
    double n_units;        /* blocks (or columns) contributing, by fraction */
} rm_gt_row;

typedef struct rm_gt_spec {
    const double *cutoffs_ppm;
    size_t n_cutoffs;
    double top_mbsf, bottom_mbsf;  /* reporting interval; blocks count by overlap */
    double column_depth_m;         /* minable interval from the seafloor; 0 = none */
    int by_class;                  /* also one table per class */
} rm_gt_spec;

typedef struct rm_gt_table {
    size_t n;
    rm_gt_row *rows;
} rm_gt_table;

/* Grade–tonnage of a derived block model (see rm_resource_derive).
 *   Blocks: every block's part inside [top, bottom] mbsf whose ΣREY >= cut-off.
 *   Columns: per (i, j) the tonnage-weighted mean over [0, column_depth_m]
 *   mbsf; a column whose mean ΣREY >= cut-off counts whole (its class is the
 *   class holding most of its tonnes). */
rm_status rm_gradetonnage(const rm_blockmodel *bm, const rm_gt_spec *spec,
                          rm_gt_table *out, rm_error *err);
void rm_gt_table_free(rm_gt_table *t);
/* The row for (basis, cls, cutoff); NULL if absent. */
const rm_gt_row *rm_gt_find(const rm_gt_table *t, int basis, int cls, double cutoff_ppm);
/* CSV: basis,class,cutoff_srey_ppm,tonnes,mean_srey_ppm,reo_t,units,<El>_ppm…,
 * <Oxide>_t… (basis as rm_gt_basis_name). */
rm_status rm_gt_write_csv(const rm_gt_table *t, const char *path, rm_error *err);

/* ---- Global change of support (support.c; docs/resource.md) ----
 *
 * Kriged blocks are smoother than true blocks, so a kriged grade–tonnage
 * curve carries too many tonnes at too low a grade.  A global change of
 * support takes the declustered distribution of the composites to the
 * distribution of block grades instead, using the variogram to say how much
 * variance a block loses (Isaaks & Srivastava 1989, An Introduction to
 * Applied Geostatistics, ch. 19; Journel & Huijbregts 1978, ch. VI;
 * Rivoirard 1994, Introduction to Disjunctive Kriging, ch. 7; Chilès &
 * Delfiner 2012, Geostatistics, 2nd ed., §6.8). */

/* Average variogram within a box of size size_m (x, y, z; 0 = no extent
 * along that axis) discretised by a regular grid of n[a] points per axis at
 * cell centres: γ̄(v,v) = 1/N² Σ_i Σ_j γ(x_i − x_j).  Evaluated by lag
 * (each lag vector once, weighted by the number of point pairs at it), so
 * n up to ~100 per axis is cheap.  The nugget of a box with any extent is
 * added whole (a continuous support has no pairs at distance zero); a
 * point (all sizes 0) gives 0.  n[a] < 1, a negative size or n[a] > 1 on an
 * axis of size 0 is an error. */
rm_status rm_vgm_gammabar_box(const rm_vgm_model *m, const double size_m[3], const int n[3],
                              double *gammabar, rm_error *err);

/* Points per axis rm_support uses for an extended box: 12 (for the domain's
 * horizontal axes 40). */
#define RM_SUPPORT_DISCR 12
#define RM_SUPPORT_DISCR_DOMAIN 40

/* The variance ratio of the affine correction for samples of support s
 * (e.g. a composite: 0, 0, length), blocks v and a domain A:
 *     D²(v|A) = γ̄(A,A) − γ̄(v,v),  D²(s|A) = γ̄(A,A) − γ̄(s,s)   (Krige's relation)
 *     f² = D²(v|A) / D²(s|A)
 * f > 1 when the block is shorter than the sample along a direction of fast
 * change.  The model may be in any units (only its shape matters). */
typedef struct rm_support_factor {
    double gammabar_sample, gammabar_block, gammabar_domain;
    double f2, f;
} rm_support_factor;

rm_status rm_support_affine_factor(const rm_vgm_model *m, const double sample_m[3],
                                   const double block_m[3], const double domain_m[3],
                                   rm_support_factor *out, rm_error *err);

/* Affine correction of a distribution (Isaaks & Srivastava 1989, ch. 19):
 *     z_v = f (z − m) + m,   m = Σ w z / Σ w
 * out[i] for z[i] (out may equal z); w NULL = equal weights.  Values below
 * 0 (possible for f > 1) are set to 0 and counted in *n_clamped (may be
 * NULL).  Returns the weighted mean m in *mean (may be NULL). */
rm_status rm_support_affine(const double *z, const double *w, size_t n, double f, double *out,
                            double *mean, size_t *n_clamped, rm_error *err);

/* Discrete Gaussian model (DGM 1): Hermite expansion of the anamorphosis of
 * the samples, z = φ(Y) = Σ_{k<=K} φ_k η_k(Y), η_k = He_k / √k! (orthonormal
 * Hermite polynomials), and the block anamorphosis φ_v(y) = Σ φ_k r^k η_k(y)
 * with the support coefficient r chosen so that Var Z_v = Σ_{k>=1} φ_k² r^{2k}
 * equals the block variance asked for. */
#define RM_DGM_MAX_TERMS 64

typedef struct rm_dgm {
    int n_terms;                      /* K + 1 */
    double phi[RM_DGM_MAX_TERMS];     /* φ_0 = mean, φ_1 … */
    double var;                       /* Σ_{k>=1} φ_k² (variance of the expansion) */
    double sample_var;                /* weighted variance of the samples */
    double r;                         /* support coefficient (1 before rm_dgm_set_block_var) */
    int r_capped;                     /* block variance >= expansion variance: r = 1 */
} rm_dgm;

/* Fit φ_k to the samples z (weights w, NULL = equal) from their weighted
 * empirical distribution (a step anamorphosis; φ_k in closed form from its
 * jumps).  n_terms in 2..RM_DGM_MAX_TERMS (30 is usual). */
rm_status rm_dgm_fit(const double *z, const double *w, size_t n, int n_terms, rm_dgm *d,
                     rm_error *err);

/* Solve for r in (0, 1] so that Σ_{k>=1} φ_k² r^{2k} = block_var (bisection);
 * block_var >= d->var gives r = 1 and r_capped. */
rm_status rm_dgm_set_block_var(rm_dgm *d, double block_var, rm_error *err);

/* Proportion of blocks and mean block grade above cut-off zc under the
 * current r: T = P(φ_v(Y) >= zc), mean = E[φ_v(Y) | φ_v(Y) >= zc] (NAN if
 * T = 0), by quadrature on a fine grid of y (|y| <= 8). */
void rm_dgm_above(const rm_dgm *d, double zc, double *proportion, double *mean_grade);

/* Settings of rm_gradetonnage_support. */
enum { RM_SUPPORT_AFFINE = 0, RM_SUPPORT_DGM = 1 };

typedef struct rm_support_spec {
    int method;        /* RM_SUPPORT_AFFINE or RM_SUPPORT_DGM */
    int per_slice;     /* 1 (default): one correction per composite-length depth
                          slice, summed; 0: one over the whole interval */
    int mean_from_blocks; /* 1 (default): each slice's composites rescaled to the
                             kriged blocks' mean of the slice (kriging declusters
                             the cores); 0: the composites' own declustered mean */
    int dgm_terms;     /* 30 */
} rm_support_spec;

void rm_support_spec_default(rm_support_spec *s);

/* What the correction did, per depth slice (one slice when global). */
typedef struct rm_support_slice {
    double top_mbsf, bottom_mbsf;
    double mud_t;          /* block-model tonnes in the slice (reporting interval) */
    size_t n_samples;      /* composites */
    double mean_ppm, var_ppm2; /* declustered ΣREY mean and variance of the composites */
    double kriged_mean_ppm;    /* the kriged blocks' mean ΣREY in the slice */
    double scale;              /* factor applied to the composites (1 or kriged / own mean) */
    rm_support_factor factor;
    double dgm_r;          /* NAN unless DGM */
    int from_blocks;       /* fewer than 2 composites: the kriged blocks are used */
} rm_support_slice;

typedef struct rm_support_info {
    size_t n_slices;
    rm_support_slice *slices;
} rm_support_info;

void rm_support_info_free(rm_support_info *info);

/* The block-support grade–tonnage of a derived block model bm, from the
 * composites c (ΣREY, element grades, declustering weights) and the
 * variogram m used for the estimate (any units), appended to t as rows of
 * basis RM_GT_AFFINE or RM_GT_DGM, class 0, one per cut-off of spec.
 * Per slice s of the reporting interval (slices of c->length_m from 0 mbsf,
 * as the composites):
 *     tonnes(zc)  = T_s × P_s(Z_v >= zc),   T_s = block-model mud in s
 *     grade(zc)   = E_s[Z_v | Z_v >= zc]
 * summed over slices, with the composites first rescaled to the kriged
 * slice mean when sup->mean_from_blocks; element grades and oxides from the
 * composites' composition (affine: each composite keeps its own; DGM: that of the
 * composites at or above the cut-off).  Domain A of each slice: the grid's
 * horizontal extent × the slice.  info may be NULL. */
rm_status rm_gradetonnage_support(const rm_blockmodel *bm, const rm_composites *c,
                                  const rm_vgm_model *m, const rm_gt_spec *spec,
                                  const rm_support_spec *sup, rm_gt_table *t,
                                  rm_support_info *info, rm_error *err);

/* ---- 2-D maps ---- */

/* Add surfaces computed from the derived model (NAN where no estimate):
 *   "SREY_mean_ppm"   tonnage-weighted ΣREY over [top, bottom] mbsf
 *   "thickness_above_cutoff_m"  metres of blocks with ΣREY >= cutoff_ppm
 *   "REO_t_per_km2"   contained REO over [top, bottom] per km²
 *   "class_major"     the class holding most tonnes over [top, bottom] */
rm_status rm_resource_maps(rm_blockmodel *bm, double top_mbsf, double bottom_mbsf,
                           double cutoff_ppm, rm_error *err);

/* ---- Summary ---- */

typedef struct rm_resource_summary {
    double top_mbsf, bottom_mbsf;
    double total_mud_t;
    double total_reo_t;
    double mean_srey_ppm;
    double oxide_t[RM_NREY];
    double class_mud_t[RM_NCLASS + 1]; /* [0] unclassified */
    double class_reo_t[RM_NCLASS + 1];
} rm_resource_summary;

/* Totals over [top, bottom] mbsf at zero cut-off. */
rm_status rm_resource_summarize(const rm_blockmodel *bm, double top_mbsf,
                                double bottom_mbsf, rm_resource_summary *s,
                                rm_error *err);

/* ---- Checking against a known truth (synthetic deposits) ---- */

/* Block-by-block comparison of an estimate with a truth on the same grid,
 * over [top, bottom] mbsf, tonnage-weighted by the estimate's mud_t: per
 * class of the estimate ([0] = every estimated block), the mean ΣREY of the
 * estimate and of the truth in the same blocks. */
typedef struct rm_truth_check {
    double mud_t[RM_NCLASS + 1];
    double est_mean_srey_ppm[RM_NCLASS + 1];
    double truth_mean_srey_ppm[RM_NCLASS + 1];
} rm_truth_check;

/* truth needs "<El>_ppm" for the 15 REY (ΣREY is summed here); est needs
 * SREY_ppm and mud_t (rm_resource_derive) and optionally class. */
rm_status rm_resource_check_truth(const rm_blockmodel *est, const rm_blockmodel *truth,
                                  double top_mbsf, double bottom_mbsf, rm_truth_check *out,
                                  rm_error *err);

/* ---- Validation of an estimate (validate.c; docs/resource.md) ----
 * The value types are in validation.h. */

/* Compute the validation pack of an estimate (r->bm derived, r->composites,
 * r->gt and r->shared_model_text as rm_resource_estimate leaves them). */
struct rm_resource_result;
rm_status rm_validation_compute(const struct rm_resource_result *r, rm_validation *v,
                                rm_error *err);
void rm_validation_free(rm_validation *v);

/* Write swath_x.csv, swath_y.csv, swath_z.csv (center_m, n_composites,
 * n_blocks, composites_mean_ppm, nn_mean_ppm, blocks_mean_ppm for ΣREY, then
 * El_composites_mean_ppm, El_nn_mean_ppm, El_blocks_mean_ppm per element),
 * validation_global.csv (variable, kriged_mean_ppm, nn_mean_ppm,
 * difference_pct, composites_mean_ppm, composites_declustered_mean_ppm) and
 * validation_gt.csv (cutoff_ppm, block_t, dgm_t, tonnes_ratio,
 * block_mean_ppm, dgm_mean_ppm) into dir; empty cells where undefined. */
rm_status rm_validation_write(const rm_validation *v, const char *dir, rm_error *err);

/* ---- Top-cuts (topcut.c; docs/resource.md) ---- */

void rm_topcut_info_free(rm_topcut_info *t);

/* Write topcut.csv (element, cap_ppm, n_capped, metal_at_risk_t,
 * metal_at_risk_pct, metal_uncapped_t; one row per capped variable, header
 * only when nothing is capped) into dir. */
rm_status rm_topcut_write(const rm_topcut_info *t, const char *dir, rm_error *err);

/* ---- Kriging neighbourhood analysis (kna.c; docs/kriging.md) ---- */

struct rm_resource_result;
/* Krige a regular subset of the blocks of r's grid (every s-th column in x
 * and y, all layers, s chosen so that at most max_blocks are tested; 0 =
 * 4000) from r's samples and variogram with each nmax x maxdist
 * (n_nmax x n_maxdist rows, nmax fastest); the other settings are r->cfg's. */
rm_status rm_kna(const struct rm_resource_result *r, const size_t *nmax, size_t n_nmax,
                 const double *maxdist_m, size_t n_maxdist, size_t max_blocks,
                 rm_kna_table *out, rm_error *err);
void rm_kna_table_free(rm_kna_table *t);
/* Write kna.csv: nmax, maxdist_m, slope_mean, ke_mean, negative_weight_share,
 * blocks_estimated, blocks_tested, slope_p10, slope_exact_mean. */
rm_status rm_kna_write_csv(const rm_kna_table *t, const char *path, rm_error *err);

/* ---- The estimate stage ---- */

/* Per-core summary attributes (cores.gpkg), from the composites. */
typedef struct rm_core_summary {
    size_t n_composites;
    double srey_mean_ppm;       /* length-weighted over the report interval */
    double srey_max_ppm;
    double depth_of_max_mbsf;
    double thickness_above_cutoff_m; /* composites with ΣREY >= map cut-off */
} rm_core_summary;

typedef struct rm_resource_result {
    rm_data_config data;          /* [project], [data], [composite] */
    rm_estimate_config cfg;       /* [grid] … [classification] as used */
    rm_drillholes *holes;
    rm_composites *composites;
    rm_core_summary *cores;       /* holes->n_holes */
    rm_blockmodel *bm;            /* estimate, derived fields, class, surfaces */
    rm_gt_table gt;
    rm_resource_summary summary;
    char model_text[RM_NELEM][RM_MODEL_TEXT_MAX]; /* models used ("" = unused) */
    char shared_model_text[RM_MODEL_TEXT_MAX];    /* standardised, shared mode */
    char water_depth_model_text[RM_MODEL_TEXT_MAX];
    rm_vgm_autofit_info fit;      /* the auto-fit of the shared (or ΣREY) model */
    int have_fit;                 /* fit is filled (model = auto) */
    size_t n_blocks, n_estimated, n_solves;
    double seconds_data, seconds_variogram, seconds_krige, seconds_post;
    rm_validation validation;     /* swaths, global means, grade–tonnage check */
    rm_topcut_info topcut;        /* caps applied and metal at risk */
    double *horizon_hole_mbsf;    /* vertical = horizon: the reference surface at
                                     each hole (holes->n_holes; NULL for mbsf); at
                                     the blocks: surface "horizon_mbsf" */
} rm_resource_result;

/* Run the stage in memory: read the sections, the drillholes, composite,
 * fit or parse the variograms, krige every block (all elements from one
 * solve per block in shared mode), krige water depth, derive tonnages,
 * classify, grade–tonnage, maps and summary.  Does not call rm_ini_finish.
 * On failure *out holds nothing to free. */
rm_status rm_resource_estimate(rm_ini *ini, const rm_logger *log,
                               rm_resource_result *out, rm_error *err);
/* The same with threads > 0 replacing [estimate] threads (a command line's
 * --threads wins over the project file); <= 0 keeps the file's value. */
rm_status rm_resource_estimate_threads(rm_ini *ini, long threads, const rm_logger *log,
                                       rm_resource_result *out, rm_error *err);
/* The kriging shared out over processes (a distributed `simulate`): this
 * one kriges the runs of layers r ([estimate] chunk_blocks; docs/resource.md
 * "Kriging") with r mod parts == part, and merge(ctx, values, count, size,
 * owner, err), called in the same order on every process, copies the count
 * items of size bytes at values from process owner to every other, so that
 * each process ends with every run's values.  A process whose kriging fails
 * (out of memory: the others' may not) calls fail(ctx, err) before it
 * returns; the others would otherwise wait in a merge it never reaches, so
 * a distributed caller ends them all there (MPI_Abort). */
typedef struct rm_estimate_share {
    int part, parts;
    rm_status (*merge)(void *ctx, void *values, size_t count, size_t size, int owner,
                       rm_error *err);
    void (*fail)(void *ctx, const rm_error *err);
    void *ctx;
} rm_estimate_share;

/* As rm_resource_estimate_threads up to the kriging, which keeps only the
 * kriged grades, density and SREY_ppm (and the surfaces): no diagnostics,
 * tonnages, classes, tables, maps or validation — what a simulation reads,
 * in about 8 bytes per block and field (docs/scaling.md).  share: the
 * kriging split over processes, or NULL (all of it here); the fields are
 * the same bit for bit either way. */
rm_status rm_resource_estimate_kriged(rm_ini *ini, long threads, const rm_estimate_share *share,
                                      const rm_logger *log, rm_resource_result *out,
                                      rm_error *err);
void rm_resource_result_free(rm_resource_result *r);

/* Files rm_resource_write makes in a directory (NULL-terminated). */
extern const char *const rm_resource_outputs[];

/* Write block_model.nc, the GeoTIFF maps, cores.gpkg, grade_tonnage.csv and
 * resource_summary.json into dir (which must exist), each atomically. */
rm_status rm_resource_write(const rm_resource_result *r, const char *dir, rm_error *err);

/* ---- Diagnostics of the ΣREY estimate (diagnostics.c) ---- */

/* An experimental ΣREY variogram: n lag classes; a class without pairs has
 * NAN lag and γ and 0 pairs. */
typedef struct rm_srey_vario {
    size_t n;
    double *lag_m, *gamma_ppm2, *pairs;
} rm_srey_vario;

/* Lags at which the model is tabulated for the figures. */
#define RM_SREY_MODEL_POINTS 121

typedef struct rm_srey_diag {
    rm_vgm_model srey_model;   /* the shared model rescaled to ΣREY (ppm²) */
    char srey_model_text[RM_MODEL_TEXT_MAX]; /* 3–4 significant digits */
    double srey_variance_ppm2; /* of the composites' ΣREY */
    double srey_sill_ppm2;     /* sill of srey_model */
    rm_srey_vario horizontal;  /* pairs within one composite layer, pooled */
    rm_srey_vario downhole;    /* pairs within one core */
    /* srey_model along each axis at RM_SREY_MODEL_POINTS lags evenly from 0
     * to 1.05 × the largest experimental lag of that direction. */
    double model_horizontal_h_m[RM_SREY_MODEL_POINTS];
    double model_horizontal_gamma_ppm2[RM_SREY_MODEL_POINTS];
    double model_downhole_h_m[RM_SREY_MODEL_POINTS];
    double model_downhole_gamma_ppm2[RM_SREY_MODEL_POINTS];
    size_t n_xval;             /* leave-one-core-out estimates made */
    double *xval_observed, *xval_estimated;
    double xval_mean_error_ppm, xval_rmse_ppm, xval_correlation;
} rm_srey_diag;

/* The composites' ΣREY diagnostics of an estimate res: variograms as the
 * estimate computes them ([variogram] cut-offs and widths of res->cfg),
 * the shared model rescaled to the ΣREY variance (intrinsic correlation),
 * and leave-one-core-out kriging with the estimate's search.  Needs at
 * least 3 composites with ΣREY.  On failure *d holds nothing to free. */
rm_status rm_resource_srey_diagnostics(const rm_resource_result *res, rm_srey_diag *d,
                                       rm_error *err);
void rm_srey_diag_free(rm_srey_diag *d);

/* Tonnage-weighted column means of v (one value per block of bm) over
 * [top, bottom] mbsf into map (nx*ny, NAN where no tonnage): weights are
 * bm's mud_t times the share of each block inside the window. */
void rm_resource_column_means(const rm_blockmodel *bm, const double *v, double top,
                              double bottom, double *map);

/* Block-by-block check of an estimate against a synthetic truth on the
 * same grid: per class (rm_resource_check_truth) and every block inside
 * the window with both values. */
typedef struct rm_truth_blocks {
    int ok;                     /* 1 when the comparison was made */
    char error[256];            /* why not, when the truth could not be used */
    rm_truth_check by_class;
    size_t n;                   /* blocks with both values */
    double *estimate_ppm, *truth_ppm;  /* n ΣREY pairs, grid order */
    double mean_error_ppm;      /* mean of estimate − truth */
    double rmse_ppm;
    double correlation;
    double etype_rmse_ppm;      /* the same for the simulation's e-type */
} rm_truth_blocks;

/* Compare est (the 15 "<El>_ppm", SREY_ppm, mud_t, optionally class: as
 * rm_resource_check_truth) with truth (the 15 "<El>_ppm") over [top,
 * bottom] mbsf, and the e-type etype (per block, may be NULL) with the
 * truth; *truth_map receives the truth's column means (nx*ny, caller
 * frees).  A truth that cannot be used (missing fields, other grid) is not
 * a failure: tb->error says why and tb->ok stays 0.  tb must be zeroed;
 * the caller frees it (rm_truth_blocks_free) and *truth_map, also after a
 * failure. */
rm_status rm_resource_truth_blocks(const rm_blockmodel *est, const rm_blockmodel *truth,
                                   const double *etype, double top, double bottom,
                                   rm_truth_blocks *tb, double **truth_map, rm_error *err);
void rm_truth_blocks_free(rm_truth_blocks *tb);

#ifdef __cplusplus
}
#endif
#endif
