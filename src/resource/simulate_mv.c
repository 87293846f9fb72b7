/* simulate_mv.c — min/max autocorrelation factors (MAF) of the normal
 * scores of the 15 REY and dry density, and weighted correlation matrices.
 *
 * MAF (Switzer & Green 1984; Desbarats & Dimitrakopoulos 2000): with Y the
 * n × p normal scores (centred), C₀ their lag-0 covariance and Γ(h) their
 * variogram matrix at a lag h,
 *
 *     Γ(h) w = λ C₀ w,      wᵀ C₀ w = 1,
 *
 * a generalised symmetric-definite eigenproblem (gsl_eigen_gensymmv).  The
 * factors F = Y W are uncorrelated at lag 0 and at lag h (WᵀC₀W = I,
 * WᵀΓ(h)W = diag λ), ordered from the most continuous (smallest λ) to the
 * least.  Under a linear model of coregionalisation with two structures
 * they are uncorrelated at every lag, and so may be simulated one by one;
 * Y = F W⁻¹ brings them back.  docs/simulation.md, "Multivariate".
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

#include "simulate_internal.h"

rm_status rm_maf_fit(const double *y, size_t n, size_t p, const size_t *pair_a,
                     const size_t *pair_b, size_t npair, double *w, double *winv,
                     double *lambda, rm_error *err)
{
    if (p < 1 || p > RM_SIM_MAX_VARS || n < p + 1 || npair < p)
        return rm_error_set(err, RM_EINVAL,
                            "simulate: MAF needs more composites (%zu) and lag pairs (%zu) "
                            "than variables (%zu)", n, npair, p);
    gsl_matrix *C = gsl_matrix_calloc(p, p), *G = gsl_matrix_calloc(p, p);
    gsl_matrix *V = gsl_matrix_alloc(p, p), *LU = gsl_matrix_alloc(p, p);
    gsl_matrix *Vi = gsl_matrix_alloc(p, p);
    gsl_vector *eval = gsl_vector_alloc(p);
    gsl_permutation *perm = gsl_permutation_alloc(p);
    gsl_eigen_gensymmv_workspace *ws = gsl_eigen_gensymmv_alloc(p);
    double mean[RM_SIM_MAX_VARS] = {0};
    rm_status st = RM_OK;
    if (!C || !G || !V || !LU || !Vi || !eval || !perm || !ws) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t a = 0; a < p; a++)
            mean[a] += y[i * p + a] / (double)n;
    for (size_t i = 0; i < n; i++)
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b <= a; b++) {
                double c = (y[i * p + a] - mean[a]) * (y[i * p + b] - mean[b]) / (double)n;
                *gsl_matrix_ptr(C, a, b) += c;
            }
    for (size_t k = 0; k < npair; k++) {
        const double *ya = y + pair_a[k] * p, *yb = y + pair_b[k] * p;
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b <= a; b++)
                *gsl_matrix_ptr(G, a, b) +=
                    0.5 * (ya[a] - yb[a]) * (ya[b] - yb[b]) / (double)npair;
    }
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < a; b++) {
            gsl_matrix_set(C, b, a, gsl_matrix_get(C, a, b));
            gsl_matrix_set(G, b, a, gsl_matrix_get(G, a, b));
        }
    gsl_matrix_memcpy(LU, C); /* C₀, kept: gensymmv overwrites C */
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int rc = gsl_eigen_gensymmv(G, C, eval, V, ws);
    if (!rc)
        rc = gsl_eigen_gensymmv_sort(eval, V, GSL_EIGEN_SORT_VAL_ASC);
    gsl_set_error_handler(old);
    if (rc) {
        st = rm_error_set(err, RM_ESINGULAR,
                          "simulate: the lag-0 covariance of the normal scores is singular "
                          "(variables in fixed proportions)");
        goto done;
    }
    /* Scale each eigenvector to wᵀ C₀ w = 1. */
    for (size_t k = 0; k < p; k++) {
        double q = 0;
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++)
                q += gsl_matrix_get(V, a, k) * gsl_matrix_get(LU, a, b) * gsl_matrix_get(V, b, k);
        double f = 1.0 / sqrt(q);
        /* Sign: the largest loading positive, so that the factors do not
         * depend on the eigensolver's sign choice. */
        size_t big = 0;
        for (size_t a = 1; a < p; a++)
            if (fabs(gsl_matrix_get(V, a, k)) > fabs(gsl_matrix_get(V, big, k)))
                big = a;
        if (gsl_matrix_get(V, big, k) < 0)
            f = -f;
        for (size_t a = 0; a < p; a++)
            gsl_matrix_set(V, a, k, gsl_matrix_get(V, a, k) * f);
        lambda[k] = gsl_vector_get(eval, k);
    }
    gsl_matrix_memcpy(LU, V);
    int sgn;
    old = gsl_set_error_handler_off();
    rc = gsl_linalg_LU_decomp(LU, perm, &sgn);
    if (!rc)
        rc = gsl_linalg_LU_invert(LU, perm, Vi);
    gsl_set_error_handler(old);
    if (rc) {
        st = rm_error_set(err, RM_ESINGULAR, "simulate: MAF loadings not invertible");
        goto done;
    }
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++) {
            w[a * p + b] = gsl_matrix_get(V, a, b);
            winv[a * p + b] = gsl_matrix_get(Vi, a, b);
        }
done:
    gsl_matrix_free(C); gsl_matrix_free(G); gsl_matrix_free(V); gsl_matrix_free(LU);
    gsl_matrix_free(Vi);
    gsl_vector_free(eval);
    gsl_permutation_free(perm);
    if (ws)
        gsl_eigen_gensymmv_free(ws);
    return st;
}

void rm_corr_acc_add(rm_corr_acc *a, const double *x, double w)
{
    size_t p = a->p;
    a->sw += w;
    for (size_t i = 0; i < p; i++) {
        a->s[i] += w * x[i];
        for (size_t j = 0; j <= i; j++)
            a->ss[i * RM_SIM_MAX_VARS + j] += w * x[i] * x[j];
    }
}

void rm_corr_acc_matrix(const rm_corr_acc *a, double *r)
{
    size_t p = a->p;
    double m[RM_SIM_MAX_VARS], var[RM_SIM_MAX_VARS];
    for (size_t i = 0; i < p; i++) {
        m[i] = a->sw > 0 ? a->s[i] / a->sw : 0;
        var[i] = a->sw > 0 ? a->ss[i * RM_SIM_MAX_VARS + i] / a->sw - m[i] * m[i] : 0;
    }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j <= i; j++) {
            double c = a->sw > 0 ? a->ss[i * RM_SIM_MAX_VARS + j] / a->sw - m[i] * m[j] : 0;
            double d = sqrt(fmax(var[i], 0) * fmax(var[j], 0));
            double v = i == j ? 1.0 : (d > 0 ? fmax(-1.0, fmin(1.0, c / d)) : 0.0);
            r[i * p + j] = r[j * p + i] = v;
        }
}
