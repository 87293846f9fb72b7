/* simulate_bootstrap.c — the spatial bootstrap of a declustered mean.
 *
 * Journel (1994) and Deutsch (2004, program spatial_bootstrap): the
 * ordinary bootstrap resamples data as if independent, which understates
 * the uncertainty of a mean of spatially correlated data.  The spatial
 * bootstrap draws n correlated uniforms at the n data sites instead:
 *
 *   w = L z,  z ~ N(0, I),  L Lᵀ = R  (R the sites' correlation matrix),
 *   u_i = Φ(w_i),  v_i* = F⁻¹(u_i)  (F the declustered distribution),
 *
 * and the statistic of the resampled values v* (here their mean) is one
 * draw of the statistic's distribution.  With positive correlation its
 * variance exceeds the independent s²/n; with R = I it is the ordinary
 * bootstrap.
 *
 * A site here is a core and its value the core's mean over the window, so
 * R is the correlation of vertical averages, not of points (Journel &
 * Huijbregts 1978, ch. II: the mean covariance C̄).  Two segments of K
 * points Δz apart, horizontally h apart, share
 *
 *   C̄(h) = Σ_{d=−(K−1)}^{K−1} (K − |d|)/K² · C(h, d Δz),   R(h) = C̄(h)/C̄(0).
 *
 * A nugget or a short vertical structure lowers C̄(0) below the sill and
 * leaves C̄(h) as it is, so R(h) exceeds the point correlation C(h)/C(0):
 * taking the point correlation makes the cores look more independent than
 * their means are, and the spread of the mean too small.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>

#include "simulate_internal.h"

/* qsort order of (value, weight) pairs by value. */
static int compare_pair(const void *a, const void *b)
{
    double x = ((const double *)a)[0], y = ((const double *)b)[0];
    return (x > y) - (x < y);
}

/* C̄ between two vertical segments of k points dz_m apart whose tops are
 * (hx, hy) apart: the mean of the model's covariance over the k² pairs,
 * summed by vertical lag.  hx = hy = 0 is C̄(0), the nugget included at
 * lag 0. */
static double segment_cov(const rm_vgm_model *model, double hx, double hy, size_t k, double dz_m)
{
    double sum = (double)k * rm_vgm_cov(model, hx, hy, 0.0);
    for (size_t d = 1; d < k; d++)
        sum += 2.0 * (double)(k - d) * rm_vgm_cov(model, hx, hy, (double)d * dz_m);
    return sum / ((double)k * (double)k);
}

rm_status rm_spatial_bootstrap_init(rm_spatial_bootstrap *b, const double *x, const double *y,
                                    const double *value, const double *weight, size_t n,
                                    const double *dx, const double *dy, size_t m,
                                    const rm_vgm_model *model, size_t nseg, double dz_m,
                                    rm_error *err)
{
    memset(b, 0, sizeof *b);
    if (n < 2)
        return rm_error_set(err, RM_EINVAL, "spatial bootstrap: %zu sites (need at least 2)", n);
    b->n = n;
    b->m = m;
    size_t N = n + m;
    b->chol = malloc(N * N * sizeof *b->chol);
    b->sorted = malloc(n * sizeof *b->sorted);
    b->cdf = malloc(n * sizeof *b->cdf);
    b->weight = malloc(n * sizeof *b->weight);
    double *pairs = malloc(2 * n * sizeof *pairs);
    gsl_matrix *R = gsl_matrix_alloc(N, N);
    if (!b->chol || !b->sorted || !b->cdf || !b->weight || !pairs || !R) {
        free(pairs);
        gsl_matrix_free(R);
        rm_spatial_bootstrap_free(b);
        return rm_error_set(err, RM_ENOMEM, "out of memory for the spatial bootstrap");
    }
    /* Declustered distribution: values sorted with cumulative weights. */
    double wsum = 0, vsum = 0;
    for (size_t i = 0; i < n; i++) {
        double w = weight ? weight[i] : 1.0;
        b->weight[i] = w;
        pairs[2 * i] = value[i];
        pairs[2 * i + 1] = w;
        wsum += w;
        vsum += w * value[i];
    }
    qsort(pairs, n, 2 * sizeof *pairs, compare_pair);
    double cum = 0;
    for (size_t i = 0; i < n; i++) {
        cum += pairs[2 * i + 1];
        b->sorted[i] = pairs[2 * i];
        b->cdf[i] = i + 1 == n ? 1.0 : cum / wsum;
    }
    b->mean = vsum / wsum;
    free(pairs);
    /* Correlation between sites: the mean covariance of their vertical
     * segments over that of one segment (the nugget only in C̄(0)). */
    nseg = nseg ? nseg : 1;
    double c0 = segment_cov(model, 0.0, 0.0, nseg, dz_m);
    for (size_t i = 0; i < N; i++) {
        double xi = i < n ? x[i] : dx[i - n], yi = i < n ? y[i] : dy[i - n];
        for (size_t j = 0; j <= i; j++) {
            double xj = j < n ? x[j] : dx[j - n], yj = j < n ? y[j] : dy[j - n];
            double r = i == j ? 1.0 : segment_cov(model, xi - xj, yi - yj, nseg, dz_m) / c0;
            gsl_matrix_set(R, i, j, r);
            gsl_matrix_set(R, j, i, r);
        }
    }
    /* A small ridge: coincident sites would make R singular. */
    for (size_t i = 0; i < N; i++)
        gsl_matrix_set(R, i, i, 1.0 + 1e-9);
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int rc = gsl_linalg_cholesky_decomp1(R);
    gsl_set_error_handler(old);
    if (!rc)
        for (size_t i = 0; i < N; i++)
            for (size_t j = 0; j < N; j++)
                b->chol[i * N + j] = j <= i ? gsl_matrix_get(R, i, j) : 0.0;
    gsl_matrix_free(R);
    if (rc) {
        rm_spatial_bootstrap_free(b);
        return rm_error_set(err, RM_ESINGULAR,
                            "spatial bootstrap: the correlation of %zu sites is not positive "
                            "definite", N);
    }
    return RM_OK;
}

void rm_spatial_bootstrap_free(rm_spatial_bootstrap *b)
{
    if (!b)
        return;
    free(b->chol);
    free(b->sorted);
    free(b->cdf);
    free(b->weight);
    memset(b, 0, sizeof *b);
}

/* F⁻¹(u): the first sorted value whose cumulative weight reaches u. */
static double quantile(const rm_spatial_bootstrap *b, double u)
{
    size_t lo = 0, hi = b->n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (b->cdf[mid] >= u)
            hi = mid;
        else
            lo = mid + 1;
    }
    return b->sorted[lo];
}

double rm_spatial_bootstrap_ratio(const rm_spatial_bootstrap *b, gsl_rng *rng, double *work)
{
    size_t n = b->n, N = b->n + b->m;
    for (size_t i = 0; i < N; i++)
        work[i] = gsl_ran_gaussian_ziggurat(rng, 1.0);
    double core_sum = 0, core_w = 0, dom_sum = 0;
    /* w = L z from the last row up, so z's entries are read before being
     * overwritten. */
    for (size_t ii = N; ii-- > 0;) {
        double w = 0;
        for (size_t j = 0; j <= ii; j++)
            w += b->chol[ii * N + j] * work[j];
        double v = quantile(b, gsl_cdf_ugaussian_P(w));
        if (ii < n) {
            /* Without domain points, Deutsch's statistic: the plain mean of
             * the resampled values (the weights are in F). */
            double wt = b->m ? b->weight[ii] : 1.0;
            core_sum += wt * v;
            core_w += wt;
        } else
            dom_sum += v;
        work[ii] = w;
    }
    double core_mean = core_sum / core_w;
    if (b->m == 0)
        return b->mean > 0 ? core_mean / b->mean : 1.0;
    double dom_mean = dom_sum / (double)b->m;
    return core_mean > 0 ? dom_mean / core_mean : 1.0;
}
