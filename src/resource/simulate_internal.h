/* simulate_internal.h — pieces of the simulation shared between its files
 * (not a public interface). */
#ifndef REEMUD_SIMULATE_INTERNAL_H
#define REEMUD_SIMULATE_INTERNAL_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "reemud/core.h"
#include "reemud/elements.h"
#include "reemud/variogram.h"

/* The spatial bootstrap of a declustered mean (simulate_bootstrap.c). */
typedef struct rm_spatial_bootstrap {
    size_t n;        /* sites */
    size_t m;        /* domain points (0: the mean of the random function) */
    double *chol;    /* (n+m)² lower Cholesky factor of the points' correlation */
    double *weight;  /* the sites' declustering weights */
    double *sorted;  /* the n values, ascending */
    double *cdf;     /* cumulative declustering weight of each, the last 1 */
    double mean;     /* the declustered mean */
} rm_spatial_bootstrap;

/* Prepare the bootstrap of n values at sites (x, y) with declustering
 * weights (NULL = equal), and m points (dx, dy) that stand for the domain
 * (m may be 0).  Each point's value is the mean over a vertical segment of
 * nseg points dz_m apart (a core's mean over the window; nseg = 1: a point
 * value), and the correlation of all n + m points is that of such means
 * under the model, C̄(h)/C̄(0) (simulate_bootstrap.c).  n >= 2, nseg >= 1. */
rm_status rm_spatial_bootstrap_init(rm_spatial_bootstrap *b, const double *x, const double *y,
                                    const double *value, const double *weight, size_t n,
                                    const double *dx, const double *dy, size_t m,
                                    const rm_vgm_model *model, size_t nseg, double dz_m,
                                    rm_error *err);
void rm_spatial_bootstrap_free(rm_spatial_bootstrap *b);

/* One draw of a ratio, from values resampled at all n + m points at once.
 * m = 0: the mean of the n resampled site values over the declustered mean
 * (Deutsch 2004: the uncertainty of the random function's mean).  m > 0: the
 * mean over the domain points over the declustered mean of the sites (the
 * uncertainty of the domain's mean given that the sites' mean was seen).  1
 * when a denominator is not positive.  work: n + m doubles.  Uses rng only. */
double rm_spatial_bootstrap_ratio(const rm_spatial_bootstrap *b, gsl_rng *rng, double *work);

/* ---- Multivariate simulation (simulate_mv.c) ---- */

/* Variables of the multivariate simulation: the 15 REY, then dry density. */
#define RM_SIM_MAX_VARS (RM_NREY + 1)

/* Min/max autocorrelation factors (Switzer & Green 1984; Desbarats &
 * Dimitrakopoulos 2000) of y (n rows of p normal scores, row-major) from
 * the lag-0 covariance and the variogram matrix of the npair pairs
 * (pair_a[k], pair_b[k]) at one lag.  Writes w (p × p, row-major, column k
 * = the loadings of factor k: f_k = Σ_a y_a w[a p + k]), winv = w⁻¹ (so
 * y_a = Σ_k f_k winv[k p + a]) and the eigenvalues lambda (p, ascending:
 * factor 0 the most continuous).  p <= RM_SIM_MAX_VARS. */
rm_status rm_maf_fit(const double *y, size_t n, size_t p, const size_t *pair_a,
                     const size_t *pair_b, size_t npair, double *w, double *winv,
                     double *lambda, rm_error *err);

/* Variables of a multivariate simulation (0 when it simulates ΣREY). */
struct rm_simulation;
size_t rm_simulation_nvars(const struct rm_simulation *sim);
/* Realization r's values as the run computes them (bootstrap ratio
 * included): x[a × nblocks + b] = variable a (El ppm, density) at block b;
 * x holds rm_simulation_nvars × nblocks doubles.  For tests. */
rm_status rm_simulation_realize_values(const struct rm_simulation *sim, size_t r, double *x,
                                       rm_error *err);

/* Weighted sums for a p × p Pearson correlation matrix. */
typedef struct rm_corr_acc {
    size_t p;
    double sw;
    double s[RM_SIM_MAX_VARS];
    double ss[RM_SIM_MAX_VARS * RM_SIM_MAX_VARS]; /* lower triangle, stride RM_SIM_MAX_VARS */
} rm_corr_acc;

/* Add one observation x (p values) with weight w. */
void rm_corr_acc_add(rm_corr_acc *a, const double *x, double w);
/* The correlation matrix (p × p, row-major; 0 off the diagonal where a
 * variance is 0). */
void rm_corr_acc_matrix(const rm_corr_acc *a, double *r);

#endif
