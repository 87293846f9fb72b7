/* variogram_exp.c — experimental (sample) semivariograms.
 *
 * The classical estimator (Matheron 1962; Journel & Huijbregts 1978, eq. III.1):
 *     gamma(k) = 1 / (2 N_k) * sum over pairs in bin k of (z_i - z_j)^2,
 * reported with N_k and the mean pair distance of the bin, as gstat's
 * variogram() does (Pebesma 2004, Computers & Geosciences 30:683).
 *
 * gstat's conventions, checked against its output for meuse
 * (tests/data/gstat/vario_meuse_*.csv):
 *   - cutoff default: one third of the bounding-box diagonal; width default:
 *     cutoff / 15;
 *   - right-closed bins: k * width < h <= (k + 1) * width, and h <= cutoff;
 *     coincident pairs (h = 0) go to the first bin;
 *   - a direction is axial: a pair is in direction u when the angle between
 *     +-d and u is at most the tolerance (gstat's tol.hor for 2-D data).
 * Directions in 3-D use one cone around (azimuth, dip) and, optionally, a
 * bandwidth: the largest distance of the pair vector from the direction line
 * (GSLIB gamv's bandwidth, Deutsch & Journel 1998, p. 48, applied to the
 * full perpendicular offset).
 *
 * Downhole: pairs only within one hole, the lag is |dz| (along the core).
 *
 * The O(n^2) pair loop is split into a fixed number of row blocks with about
 * equal pair counts, independent of the thread count; each block fills its
 * own bins and the blocks are summed in order, so the result is bit-identical
 * for any number of threads.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "reemud/variogram.h"

#define N_BLOCKS 64

void rm_vario_params_default(rm_vario_params *p)
{
    memset(p, 0, sizeof *p);
    p->kind = RM_VARIO_OMNI;
    p->tol_deg = 22.5;
}

void rm_vario_free(rm_vario *v)
{
    if (!v)
        return;
    free(v->np);
    free(v->dist);
    free(v->gamma);
    free(v);
}

double rm_vario_default_cutoff(const double *x, const double *y, const double *z3,
                               size_t n)
{
    if (n == 0)
        return 0.0;
    double lo[3] = {x[0], y[0], z3 ? z3[0] : 0}, hi[3] = {x[0], y[0], z3 ? z3[0] : 0};
    for (size_t i = 1; i < n; i++) {
        double p[3] = {x[i], y[i], z3 ? z3[i] : 0};
        for (int k = 0; k < 3; k++) {
            if (p[k] < lo[k])
                lo[k] = p[k];
            if (p[k] > hi[k])
                hi[k] = p[k];
        }
    }
    double d2 = 0;
    for (int k = 0; k < 3; k++)
        d2 += (hi[k] - lo[k]) * (hi[k] - lo[k]);
    return sqrt(d2) / 3.0;
}

/* Bin sums for one block of rows. */
typedef struct bins {
    double *np, *sum_h, *sum_g;
} bins;

/* Right-closed bin index of distance h <= cutoff: ceil(h / width) - 1,
 * written without a libm call (ceil is not inlined on baseline x86-64). */
static inline size_t bin_index(double h, double width, size_t n_bins)
{
    double f = h / width;
    size_t k = (size_t)f;
    if ((double)k == f && k > 0)
        k--;
    return k < n_bins ? k : n_bins - 1;
}

typedef struct pair_setup {
    const double *x, *y, *z, *v;
    const long *hole;
    const size_t *order;    /* downhole: indices sorted by hole; else NULL */
    size_t n;
    double cutoff, cutoff2, width;
    size_t n_bins;
    int directional;
    double u[3];            /* unit direction */
    double cos_tol;
    double band2;           /* squared bandwidth, or < 0 for none */
    int downhole;
} pair_setup;

/* Accumulate the pairs (i, j), j > i, for rows i in [i0, i1).  Always
 * inlined with constant is3d / directional so each case gets its own loop. */
static inline __attribute__((always_inline)) void
pairs_kernel(const pair_setup *s, size_t i0, size_t i1, bins *b, const int is3d,
             const int directional)
{
    const double *x = s->x, *y = s->y, *z = s->z, *v = s->v;
    const double cutoff = s->cutoff, cutoff2 = s->cutoff2, width = s->width;
    const double ux = s->u[0], uy = s->u[1], uz = s->u[2];
    const double cos_tol = s->cos_tol, band2 = s->band2;
    const size_t n = s->n, n_bins = s->n_bins;
    double *np = b->np, *sum_h = b->sum_h, *sum_g = b->sum_g;
    for (size_t i = i0; i < i1; i++) {
        const double xi = x[i], yi = y[i], zi = is3d ? z[i] : 0.0, vi = v[i];
        for (size_t j = i + 1; j < n; j++) {
            double dx = x[j] - xi, dy = y[j] - yi, dz = is3d ? z[j] - zi : 0.0;
            double h2 = dx * dx + dy * dy + dz * dz;
            if (h2 > cutoff2)
                continue;
            if (directional && h2 > 0.0) {
                double along = dx * ux + dy * uy + dz * uz;
                /* |cos angle| >= cos tol, axial; written without a division. */
                if (fabs(along) < cos_tol * sqrt(h2))
                    continue;
                if (band2 >= 0.0 && h2 - along * along > band2)
                    continue;
            }
            double h = sqrt(h2);
            if (h > cutoff)
                continue;
            size_t k = bin_index(h, width, n_bins);
            double d = v[j] - vi;
            np[k] += 1.0;
            sum_h[k] += h;
            sum_g[k] += d * d;
        }
    }
}

/* Accumulates the pairs (i, j > i) of rows [i0, i1) into b with the pairs_kernel case
 * for s: 3-D when s->z is set, directional or not. */
static void block_pairs(const pair_setup *s, size_t i0, size_t i1, bins *b)
{
    if (s->z) {
        if (s->directional)
            pairs_kernel(s, i0, i1, b, 1, 1);
        else
            pairs_kernel(s, i0, i1, b, 1, 0);
    } else {
        if (s->directional)
            pairs_kernel(s, i0, i1, b, 0, 1);
        else
            pairs_kernel(s, i0, i1, b, 0, 0);
    }
}

/* Downhole: holes are runs [g0, g1) of s->order; lag |dz|.  Rows i in
 * [i0, i1) of the sorted order. */
static void block_downhole(const pair_setup *s, const size_t *run_end, size_t i0,
                           size_t i1, bins *b)
{
    for (size_t a = i0; a < i1; a++) {
        size_t i = s->order[a];
        for (size_t c = a + 1; c < run_end[a]; c++) {
            size_t j = s->order[c];
            double h = fabs(s->z[j] - s->z[i]);
            if (h > s->cutoff)
                continue;
            size_t k = bin_index(h, s->width, s->n_bins);
            double d = s->v[j] - s->v[i];
            b->np[k] += 1.0;
            b->sum_h[k] += h;
            b->sum_g[k] += d * d;
        }
    }
}

/* qsort has no context argument in C11: sort (hole, index) pairs instead. */
typedef struct hole_index {
    long hole;
    size_t index;
} hole_index;

/* qsort order of (hole, index) pairs by hole, then index. */
static int cmp_hole_index(const void *a, const void *b)
{
    const hole_index *p = a, *q = b;
    if (p->hole != q->hole)
        return p->hole < q->hole ? -1 : 1;
    return p->index < q->index ? -1 : (p->index > q->index);
}

rm_status rm_vario_compute(const double *x, const double *y, const double *z3,
                           const double *values, const long *hole, size_t n,
                           const rm_vario_params *p, rm_vario **out, rm_error *err)
{
    *out = NULL;
    if (n < 2)
        return rm_error_set(err, RM_EINVAL, "a variogram needs at least 2 data (got %zu)", n);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]) || !isfinite(y[i]) || (z3 && !isfinite(z3[i])) ||
            !isfinite(values[i]))
            return rm_error_set(err, RM_EINVAL, "datum %zu has a non-finite coordinate or value",
                                i + 1);
    int downhole = p->kind == RM_VARIO_DOWNHOLE;
    if (downhole && (!z3 || !hole))
        return rm_error_set(err, RM_EINVAL,
                            "a downhole variogram needs a depth coordinate and hole ids");
    double cutoff = p->cutoff;
    if (!(cutoff > 0.0)) {
        if (downhole) {
            /* gstat's rule applied to the one lag axis: depth extent / 3. */
            double lo = z3[0], hi = z3[0];
            for (size_t i = 1; i < n; i++) {
                lo = fmin(lo, z3[i]);
                hi = fmax(hi, z3[i]);
            }
            cutoff = (hi - lo) / 3.0;
        } else {
            cutoff = rm_vario_default_cutoff(x, y, z3, n);
        }
    }
    if (!(cutoff > 0.0) || !isfinite(cutoff))
        return rm_error_set(err, RM_EINVAL,
                            "variogram cutoff is %g: the data have no spatial extent", cutoff);
    double width = p->width > 0.0 ? p->width : cutoff / 15.0;
    if (!isfinite(width))
        return rm_error_set(err, RM_EINVAL, "variogram lag width %g is not finite", width);
    /* Bins up to the cutoff; a ratio within rounding of an integer counts as
     * that integer (cutoff / (cutoff / 15) = 15). */
    double ratio = cutoff / width;
    double nb = fabs(ratio - round(ratio)) < 1e-9 * ratio ? round(ratio) : ceil(ratio);
    if (nb > 1e6)
        return rm_error_set(err, RM_EINVAL, "cutoff %g / width %g gives %.0f bins (at most 1e6)",
                            cutoff, width, nb);
    size_t n_bins = (size_t)nb;
    if (n_bins == 0)
        n_bins = 1;

    pair_setup s;
    memset(&s, 0, sizeof s);
    s.x = x;
    s.y = y;
    s.z = z3;
    s.v = values;
    s.hole = hole;
    s.n = n;
    s.cutoff = cutoff;
    /* Slightly widened so pairs at exactly the cutoff are not lost to
     * rounding in h2; the exact test is on h. */
    s.cutoff2 = cutoff * cutoff * (1.0 + 4e-16);
    s.width = width;
    s.n_bins = n_bins;
    s.band2 = -1.0;
    if (p->kind == RM_VARIO_DIRECTIONAL) {
        if (!(p->tol_deg > 0.0 && p->tol_deg <= 90.0))
            return rm_error_set(err, RM_EINVAL,
                                "angular tolerance %g must be in (0, 90] degrees", p->tol_deg);
        const double deg = M_PI / 180.0;
        double az = p->azimuth_deg * deg, dip = p->dip_deg * deg;
        /* Azimuth clockwise from north (+y), dip positive up (+z). */
        s.u[0] = sin(az) * cos(dip);
        s.u[1] = cos(az) * cos(dip);
        s.u[2] = sin(dip);
        s.directional = p->tol_deg < 90.0 || p->bandwidth > 0.0;
        s.cos_tol = p->tol_deg < 90.0 ? cos(p->tol_deg * deg) : 0.0;
        if (p->bandwidth > 0.0)
            s.band2 = p->bandwidth * p->bandwidth;
    }
    s.downhole = downhole;

    rm_vario *v = calloc(1, sizeof *v);
    size_t n_blocks = n < N_BLOCKS ? n : N_BLOCKS;
    double *acc = calloc(n_blocks * n_bins * 3, sizeof *acc);
    size_t *start = calloc(n_blocks + 1, sizeof *start);
    hole_index *hi = NULL;
    size_t *order = NULL, *run_end = NULL;
    if (v) {
        v->np = calloc(n_bins, sizeof *v->np);
        v->dist = calloc(n_bins, sizeof *v->dist);
        v->gamma = calloc(n_bins, sizeof *v->gamma);
    }
    if (downhole) {
        hi = malloc(n * sizeof *hi);
        order = malloc(n * sizeof *order);
        run_end = malloc(n * sizeof *run_end);
    }
    if (!v || !acc || !start || !v->np || !v->dist || !v->gamma ||
        (downhole && (!hi || !order || !run_end))) {
        free(acc);
        free(start);
        free(hi);
        free(order);
        free(run_end);
        rm_vario_free(v);
        return rm_error_set(err, RM_ENOMEM, "out of memory for the variogram");
    }

    /* Pairs contributed by each row, then block boundaries at equal shares. */
    if (downhole) {
        for (size_t i = 0; i < n; i++) {
            hi[i].hole = hole[i];
            hi[i].index = i;
        }
        qsort(hi, n, sizeof *hi, cmp_hole_index);
        for (size_t a = 0; a < n; a++)
            order[a] = hi[a].index;
        for (size_t a = n; a-- > 0;)
            run_end[a] = (a + 1 < n && hi[a + 1].hole == hi[a].hole) ? run_end[a + 1] : a + 1;
        s.order = order;
    }
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += downhole ? (double)(run_end[i] - i - 1) : (double)(n - 1 - i);
    {
        size_t b = 1;
        double cum = 0.0;
        start[0] = 0;
        for (size_t i = 0; i < n && b < n_blocks; i++) {
            cum += downhole ? (double)(run_end[i] - i - 1) : (double)(n - 1 - i);
            while (b < n_blocks && cum >= total * (double)b / (double)n_blocks) {
                start[b++] = i + 1;
            }
        }
        for (; b <= n_blocks; b++)
            start[b] = n;
    }

    int threads = p->threads;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads > 0 ? threads : omp_get_max_threads())
    for (size_t b = 0; b < n_blocks; b++) {
        bins bb = {acc + (b * 3 + 0) * n_bins, acc + (b * 3 + 1) * n_bins,
                   acc + (b * 3 + 2) * n_bins};
        if (downhole)
            block_downhole(&s, run_end, start[b], start[b + 1], &bb);
        else
            block_pairs(&s, start[b], start[b + 1], &bb);
    }

    /* Sum the blocks in a fixed order. */
    for (size_t k = 0; k < n_bins; k++) {
        double np = 0, sh = 0, sg = 0;
        for (size_t b = 0; b < n_blocks; b++) {
            np += acc[(b * 3 + 0) * n_bins + k];
            sh += acc[(b * 3 + 1) * n_bins + k];
            sg += acc[(b * 3 + 2) * n_bins + k];
        }
        v->np[k] = np;
        v->dist[k] = np > 0 ? sh / np : NAN;
        v->gamma[k] = np > 0 ? sg / (2.0 * np) : NAN;
    }
    v->n_bins = n_bins;
    v->cutoff = cutoff;
    v->width = width;
    free(acc);
    free(start);
    free(hi);
    free(order);
    free(run_end);
    *out = v;
    return RM_OK;
}
