/* nscore.c — normal-score transform and back-transform.
 *
 * Deutsch & Journel (1998), GSLIB 2nd ed., §VI.2.7 (nscore) and §V.7.5
 * (back-transformation, tail options).  The cumulative probability of the
 * i-th sorted value is the midpoint of its weight step,
 *     p_i = (W_{i-1} + w_i / 2) / W,
 * so no value maps to ±infinity; tied values share the mean of their
 * probabilities (deterministic, unlike GSLIB's random despiking).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>

#include "reemud/sgs.h"

rm_status rm_nscore_fit(const double *values, const double *weights, size_t n,
                        double zmin, double zmax, rm_nscore *ns, rm_error *err)
{
    memset(ns, 0, sizeof *ns);
    if (n < 2)
        return rm_error_set(err, RM_EINVAL, "normal-score transform needs at least 2 values");
    size_t *order = malloc(n * sizeof *order);
    ns->z = malloc(n * sizeof *ns->z);
    ns->y = malloc(n * sizeof *ns->y);
    if (!order || !ns->z || !ns->y) {
        free(order);
        rm_nscore_free(ns);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        double w = weights ? weights[i] : 1.0;
        if (!isfinite(values[i]) || !(w >= 0) || !isfinite(w)) {
            free(order);
            rm_nscore_free(ns);
            return rm_error_set(err, RM_EINVAL,
                                "normal-score transform: value %zu is not finite or has a negative weight",
                                i);
        }
        total += w;
    }
    if (!(total > 0)) {
        free(order);
        rm_nscore_free(ns);
        return rm_error_set(err, RM_EINVAL, "normal-score transform: weights sum to zero");
    }
    gsl_sort_index(order, values, 1, n);
    /* Walk groups of tied values; each group gets the mean probability of
     * its members, which for a group spanning [W_a, W_b] is the midpoint. */
    double cum = 0;
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        double group_w = 0;
        while (j < n && values[order[j]] == values[order[i]]) {
            group_w += weights ? weights[order[j]] : 1.0;
            j++;
        }
        double p = (cum + 0.5 * group_w) / total;
        cum += group_w;
        if (group_w > 0) {
            ns->z[m] = values[order[i]];
            ns->y[m] = gsl_cdf_ugaussian_Pinv(p);
            m++;
        }
        i = j;
    }
    free(order);
    ns->n = m;
    ns->zmin = fmin(zmin, ns->z[0]);
    ns->zmax = fmax(zmax, ns->z[m - 1]);
    ns->lower = RM_TAIL_LINEAR;
    ns->upper = RM_TAIL_LINEAR;
    if (m < 2) {
        rm_nscore_free(ns);
        return rm_error_set(err, RM_EINVAL, "normal-score transform: all values are equal");
    }
    return RM_OK;
}

void rm_nscore_free(rm_nscore *ns)
{
    if (!ns)
        return;
    free(ns->z);
    free(ns->y);
    ns->z = ns->y = NULL;
    ns->n = 0;
}

/* Index i with a[i] <= v < a[i+1] in a sorted array, 0 <= i <= n-2. */
static size_t bracket(const double *a, size_t n, double v)
{
    size_t lo = 0, hi = n - 1;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Linear interpolation through (x0, y0) and (x1, y1) at x; y0 when x1 == x0. */
static double lerp(double x0, double y0, double x1, double y1, double x)
{
    return x1 == x0 ? y0 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
}

/* Normal score of z: the table inside the data's range (a datum gets its
 * own table score, also when it equals zmin or zmax), linear tails outside. */
double rm_nscore_forward(const rm_nscore *ns, double z)
{
    size_t n = ns->n;
    if (z < ns->z[0]) {
        /* Linear from (zmin, Φ⁻¹(p→0)) would be infinite: clamp to the first
         * score below zmin and interpolate toward a score of -5 at zmin. */
        return z <= ns->zmin ? -5.0 : lerp(ns->zmin, -5.0, ns->z[0], ns->y[0], z);
    }
    if (z > ns->z[n - 1])
        return z >= ns->zmax ? 5.0 : lerp(ns->z[n - 1], ns->y[n - 1], ns->zmax, 5.0, z);
    size_t i = bracket(ns->z, n, z);
    return lerp(ns->z[i], ns->y[i], ns->z[i + 1], ns->y[i + 1], z);
}

double rm_nscore_back(const rm_nscore *ns, double y)
{
    size_t n = ns->n;
    if (y <= ns->y[0]) {
        /* Lower tail: linear in cumulative probability to zmin at p = 0
         * (GSLIB ltail = 1). */
        double p = gsl_cdf_ugaussian_P(y), p0 = gsl_cdf_ugaussian_P(ns->y[0]);
        return lerp(0.0, ns->zmin, p0, ns->z[0], p);
    }
    if (y >= ns->y[n - 1]) {
        double p = gsl_cdf_ugaussian_P(y), pn = gsl_cdf_ugaussian_P(ns->y[n - 1]);
        if (ns->upper == RM_TAIL_HYPERBOLIC) {
            /* GSLIB utail = 4: z = (λ / (1 - p))^(1/ω), λ fitted so the
             * curve passes through the last table entry; ω = 1.5. */
            const double omega = 1.5;
            double lambda = pow(ns->z[n - 1], omega) * (1.0 - pn);
            return pow(lambda / fmax(1.0 - p, 1e-12), 1.0 / omega);
        }
        return lerp(pn, ns->z[n - 1], 1.0, ns->zmax, p);
    }
    size_t i = bracket(ns->y, n, y);
    return lerp(ns->y[i], ns->z[i], ns->y[i + 1], ns->z[i + 1], y);
}
