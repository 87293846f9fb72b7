/* reemud — the values of an estimate's validation: swath plots, global
 * means, the grade–tonnage check, top-cuts and the kriging neighbourhood
 * analysis.  Value types only, so that the report (src/report/) can draw
 * them without the resource stage's computations (resource.h computes
 * them: rm_validation_compute, rm_topcut_*, rm_kna). */
#ifndef REEMUD_VALIDATION_H
#define REEMUD_VALIDATION_H

#include <stddef.h>

#include "reemud/elements.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Validation of an estimate (validate.c; docs/resource.md).
 *
 * What a Competent Person shows to say the blocks honour the data (JORC
 * Table 1 §3, "estimation and modelling techniques"):
 *   swath plots   per slice along x, y and depth (one slice per block
 *                 column, row or layer): the mean of the kriged blocks, of
 *                 a nearest-neighbour (NN) model on the same blocks (each
 *                 block takes the grade of its nearest composite in the
 *                 variogram's search metric: a declustered, unsmoothed
 *                 reference) and of the composites in the slice, with counts;
 *   global means  kriged vs NN over every estimated block;
 *   grade–tonnage kriged blocks vs the discrete Gaussian model's block
 *                 support curve, per cut-off.
 * Variable 0 is ΣREY, then the elements estimated. */
#define RM_VALID_MAXVAR (RM_NELEM + 1)

typedef struct rm_swath {
    int axis;                 /* 0 easting, 1 northing, 2 depth (mbsf) */
    size_t n_slices;
    double *center_m;         /* n_slices: slice centre (m, or mbsf) */
    double *n_composites;     /* composites in the slice */
    double *n_blocks;         /* estimated blocks in the slice */
    double *composites_mean;  /* n_slices x nvar (ppm); NAN: none */
    double *nn_mean;          /* n_slices x nvar */
    double *blocks_mean;      /* n_slices x nvar */
} rm_swath;

typedef struct rm_validation {
    size_t nvar;
    int elem[RM_VALID_MAXVAR];          /* -1 for ΣREY, else the element index */
    rm_swath swath[3];
    double kriged_mean[RM_VALID_MAXVAR];      /* over every estimated block */
    double nn_mean[RM_VALID_MAXVAR];          /* the NN model on the same blocks */
    double composites_mean[RM_VALID_MAXVAR];  /* plain mean of the composites */
    double composites_declustered_mean[RM_VALID_MAXVAR]; /* weighted by c->weight */
    size_t n_blocks, n_composites;
    /* grade–tonnage check, reporting interval, all classes */
    size_t n_gt;
    double *gt_cutoff_ppm, *gt_block_t, *gt_dgm_t, *gt_block_ppm, *gt_dgm_ppm;
} rm_validation;

/* One capped variable: what the cap did to the composites and to the metal
 * of the estimate over the reporting interval.  Metal at risk = metal of the
 * estimate from the uncapped composites − metal of the estimate reported
 * (same kriging weights), in tonnes of the element (ΣREY: of the 15 REY). */
typedef struct rm_topcut_row {
    int elem;                 /* element index, or -1 for ΣREY */
    double cap_ppm;
    size_t n_capped;          /* composites changed by this cap */
    double metal_uncapped_t;
    double metal_at_risk_t;
    double metal_at_risk_pct; /* 100 × at risk / uncapped */
    double *sorted_ppm;       /* n_samples uncapped composite grades, ascending */
} rm_topcut_row;

typedef struct rm_topcut_info {
    size_t n_rows;
    rm_topcut_row rows[RM_NELEM + 1];
    double restrict_m;
    size_t n_samples;
    double *normal_score;     /* n_samples: Φ⁻¹((i + 0.5)/n), for a log-probability plot */
} rm_topcut_info;

/* One neighbourhood: means over the test blocks of the slope of regression
 * and the kriging efficiency, and the share of kriging weights that are
 * negative (Vann, Jackson & Bertoli 2003). */
typedef struct rm_kna_row {
    size_t nmax;
    double maxdist_m;         /* 0 = none (search metric, m along the major axis) */
    double slope_mean;        /* Vann et al. (2003): (BV−σ²+|μ|)/(BV−σ²+2|μ|), ≤ 1 */
    double ke_mean;
    double negative_weight_share; /* negative weights / all weights, by count */
    size_t blocks_estimated, blocks_tested;
    double slope_p10;         /* lower decile of the slopes: the poorly informed blocks */
    double slope_exact_mean;  /* mean exact regression slope λᵀc/λᵀCλ (can exceed 1) */
} rm_kna_row;

typedef struct rm_kna_table {
    size_t n;
    rm_kna_row *rows;
    size_t stride;            /* test blocks: every stride-th column in x and y */
} rm_kna_table;

#ifdef __cplusplus
}
#endif

#endif /* REEMUD_VALIDATION_H */
