/* stats.c — summary statistics of a column, NAN skipped: n, min, max,
 * mean, standard deviation (divisor n, the population form GSLIB reports)
 * and coefficient of variation sd / mean, plain and weighted. */
#include <math.h>

#include "reemud/data.h"

rm_status rm_stats_compute(const double *v, const double *w, size_t n, rm_stats *s,
                           rm_error *err)
{
    s->n = 0;
    s->min = s->max = s->mean = s->sd = s->cv = NAN;
    s->wmean = s->wsd = s->wcv = NAN;
    double sum = 0, wsum = 0, wtot = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]))
            continue;
        double wi = w ? w[i] : 1.0;
        if (!(wi >= 0) || !isfinite(wi))
            return rm_error_set(err, RM_EINVAL, "weight %zu is %g (must be finite, >= 0)", i,
                                wi);
        if (k == 0 || v[i] < s->min)
            s->min = v[i];
        if (k == 0 || v[i] > s->max)
            s->max = v[i];
        sum += v[i];
        wsum += wi * v[i];
        wtot += wi;
        k++;
    }
    s->n = k;
    if (k == 0)
        return RM_OK;
    s->mean = sum / (double)k;
    double ss = 0, wss = 0;
    s->wmean = wtot > 0 ? wsum / wtot : NAN;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]))
            continue;
        double wi = w ? w[i] : 1.0;
        ss += (v[i] - s->mean) * (v[i] - s->mean);
        wss += wi * (v[i] - s->wmean) * (v[i] - s->wmean);
    }
    s->sd = sqrt(ss / (double)k);
    s->cv = s->mean != 0 ? s->sd / fabs(s->mean) : NAN;
    s->wsd = wtot > 0 ? sqrt(wss / wtot) : NAN;
    s->wcv = s->wmean != 0 ? s->wsd / fabs(s->wmean) : NAN;
    return RM_OK;
}
