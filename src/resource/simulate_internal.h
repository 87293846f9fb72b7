/* simulate_internal.h — pieces of the simulation shared between its files
 * (not a public interface). */
#ifndef REEMUD_SIMULATE_INTERNAL_H
#define REEMUD_SIMULATE_INTERNAL_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "reemud/core.h"
#include "reemud/variogram.h"

/* The spatial bootstrap of a declustered mean (simulate_bootstrap.c). */
typedef struct rm_spatial_bootstrap {
    size_t n;        /* sites */
    double *chol;    /* n × n lower Cholesky factor of the sites' correlation */
    double *sorted;  /* the n values, ascending */
    double *cdf;     /* cumulative declustering weight of each, the last 1 */
    double mean;     /* the declustered mean */
} rm_spatial_bootstrap;

/* Prepare the bootstrap of n values at sites (x, y) with declustering
 * weights (NULL = equal); their correlation is the model's covariance at
 * the horizontal separation over its sill.  n >= 2. */
rm_status rm_spatial_bootstrap_init(rm_spatial_bootstrap *b, const double *x, const double *y,
                                    const double *value, const double *weight, size_t n,
                                    const rm_vgm_model *model, rm_error *err);
void rm_spatial_bootstrap_free(rm_spatial_bootstrap *b);

/* One draw: the mean of n resampled values over the declustered mean
 * (1 when that mean is not positive).  work: n doubles.  Uses rng only. */
double rm_spatial_bootstrap_ratio(const rm_spatial_bootstrap *b, gsl_rng *rng, double *work);

#endif
