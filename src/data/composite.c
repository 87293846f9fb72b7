/* composite.c — fixed-length compositing down each core.
 *
 * Composites run from the seafloor down: [k L, (k+1) L) mbsf, the last one
 * clipped to the core length.  Within a composite each element's grade is
 * the length-weighted mean of the intervals' measured values,
 *     g_c = Σ_i g_i o_i / Σ_i o_i,       o_i = |[from_i, to_i] ∩ composite|,
 * the usual down-hole compositing of mining practice (e.g. Sinclair &
 * Blackwell 2002, Applied Mineral Inventory Estimation, ch. 5).  Density is
 * averaged the same way.  A composite whose assayed length Σ o_i is less
 * than min_coverage times its length is dropped: with the default 0.5, a
 * composite is kept only when at least half of it was measured.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/data.h"

void rm_composites_free(rm_composites *c)
{
    if (!c)
        return;
    free(c->hole);
    free(c->x);
    free(c->y);
    free(c->z);
    free(c->from_m);
    free(c->to_m);
    free(c->coverage_m);
    for (int e = 0; e < RM_NELEM; e++)
        free(c->grade_ppm[e]);
    free(c->srey_ppm);
    free(c->density_t_m3);
    free(c->weight);
    free(c);
}

/* Number of composites down a core of length core_m. */
static size_t n_slots(double core_m, double length_m)
{
    if (!(core_m > 0))
        return 0;
    double q = core_m / length_m;
    double r = nearbyint(q);
    /* 10.000000001 m in 1 m composites is 10, not 11 */
    if (fabs(q - r) <= 1e-9 * (q > 1 ? q : 1))
        return (size_t)r;
    return (size_t)ceil(q);
}

rm_status rm_composites_make(const rm_drillholes *dh, double length_m,
                             double min_coverage, rm_composites **out, rm_error *err)
{
    *out = NULL;
    if (!(length_m > 0) || !(min_coverage >= 0 && min_coverage <= 1))
        return rm_error_set(err, RM_EINVAL,
                            "composite length %g m must be > 0 and min_coverage %g in [0, 1]",
                            length_m, min_coverage);
    size_t cap = 0;
    for (size_t h = 0; h < dh->n_holes; h++)
        cap += n_slots(dh->length_m[h], length_m);
    if (cap == 0)
        cap = 1;

    rm_composites *c = calloc(1, sizeof *c);
    if (!c)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    c->length_m = length_m;
    c->min_coverage = min_coverage;
    int fail = !(c->hole = malloc(cap * sizeof *c->hole)) ||
               !(c->x = malloc(cap * sizeof *c->x)) || !(c->y = malloc(cap * sizeof *c->y)) ||
               !(c->z = malloc(cap * sizeof *c->z)) ||
               !(c->from_m = malloc(cap * sizeof *c->from_m)) ||
               !(c->to_m = malloc(cap * sizeof *c->to_m)) ||
               !(c->coverage_m = malloc(cap * sizeof *c->coverage_m)) ||
               !(c->srey_ppm = malloc(cap * sizeof *c->srey_ppm)) ||
               !(c->weight = malloc(cap * sizeof *c->weight));
    for (int e = 0; e < RM_NELEM && !fail; e++)
        if (dh->grade_ppm[e] && !(c->grade_ppm[e] = malloc(cap * sizeof(double))))
            fail = 1;
    if (!fail && dh->density_t_m3 && !(c->density_t_m3 = malloc(cap * sizeof(double))))
        fail = 1;
    if (fail) {
        rm_composites_free(c);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }

    size_t n = 0;
    for (size_t h = 0; h < dh->n_holes; h++) {
        size_t i0 = dh->hole_start[h], i1 = dh->hole_start[h + 1];
        size_t slots = n_slots(dh->length_m[h], length_m);
        size_t j = i0; /* first interval that may reach the current composite */
        for (size_t k = 0; k < slots; k++) {
            double a = (double)k * length_m;
            double b = (double)(k + 1) * length_m;
            if (b > dh->length_m[h] || k + 1 == slots)
                b = dh->length_m[h];
            while (j < i1 && dh->to_m[j] <= a)
                j++;
            double cov = 0, zsum = 0, dsum = 0, dw = 0;
            double gsum[RM_NELEM] = {0}, gw[RM_NELEM] = {0};
            for (size_t i = j; i < i1 && dh->from_m[i] < b; i++) {
                double lo = dh->from_m[i] > a ? dh->from_m[i] : a;
                double hi = dh->to_m[i] < b ? dh->to_m[i] : b;
                double o = hi - lo;
                if (!(o > 0))
                    continue;
                cov += o;
                zsum += o * 0.5 * (lo + hi);
                for (int e = 0; e < RM_NELEM; e++) {
                    if (dh->grade_ppm[e] && !isnan(dh->grade_ppm[e][i])) {
                        gsum[e] += dh->grade_ppm[e][i] * o;
                        gw[e] += o;
                    }
                }
                if (dh->density_t_m3 && !isnan(dh->density_t_m3[i])) {
                    dsum += dh->density_t_m3[i] * o;
                    dw += o;
                }
            }
            if (!(cov > 0) || cov < min_coverage * (b - a) * (1 - 1e-12))
                continue;
            c->hole[n] = h;
            c->x[n] = dh->x[h];
            c->y[n] = dh->y[h];
            c->z[n] = zsum / cov;
            c->from_m[n] = a;
            c->to_m[n] = b;
            c->coverage_m[n] = cov;
            double srey = 0;
            for (int e = 0; e < RM_NELEM; e++) {
                double g = gw[e] > 0 ? gsum[e] / gw[e] : NAN;
                if (c->grade_ppm[e])
                    c->grade_ppm[e][n] = g;
                if (e < RM_NREY)
                    srey += c->grade_ppm[e] ? g : NAN;
            }
            c->srey_ppm[n] = srey;
            if (c->density_t_m3)
                c->density_t_m3[n] = dw > 0 ? dsum / dw : NAN;
            c->weight[n] = 1.0;
            n++;
        }
    }
    c->n = n;
    *out = c;
    return RM_OK;
}
