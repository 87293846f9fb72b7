/* decluster.c — cell declustering weights.
 *
 * Deutsch, C.V. & Journel, A.G. (1998) GSLIB: Geostatistical Software
 * Library and User's Guide, 2nd ed., Oxford University Press, §VI.2.2
 * (program declus); the method is Journel (1983).  Cover the data with a
 * grid of cells; a datum in a cell holding n_c data, among L occupied
 * cells, gets weight 1 / (L n_c), so every occupied cell carries the same
 * total weight.  The result depends on where the grid starts, so, as declus
 * does, the weights are averaged over several origins shifted by fractions
 * of a cell, and finally scaled to sum to the number of data.
 *
 * Here the cell size is given (declus can also search for the size that
 * minimises the declustered mean; the project file sets it instead).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "reemud/data.h"

typedef struct cell_key {
    int64_t ix, iy, iz;
    size_t index;
} cell_key;

/* qsort order of cell keys by ix, then iy, then iz (index is ignored). */
static int cmp_cell(const void *a, const void *b)
{
    const cell_key *p = a, *q = b;
    if (p->ix != q->ix)
        return p->ix < q->ix ? -1 : 1;
    if (p->iy != q->iy)
        return p->iy < q->iy ? -1 : 1;
    if (p->iz != q->iz)
        return p->iz < q->iz ? -1 : 1;
    return 0;
}

rm_status rm_decluster_cell(const double *x, const double *y, const double *z, size_t n,
                            double cell_m, double cell_z_m, int n_offsets, double *weight,
                            rm_error *err)
{
    if (!(cell_m > 0) || n_offsets < 1 || !(cell_z_m >= 0))
        return rm_error_set(err, RM_EINVAL,
                            "declustering needs a cell size > 0 (got %g) and >= 1 offset",
                            cell_m);
    if (n == 0)
        return RM_OK;
    double xmin = INFINITY, ymin = INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i]) || (z && cell_z_m > 0 && !isfinite(z[i])))
            return rm_error_set(err, RM_EINVAL, "datum %zu has a non-finite coordinate", i);
        if (x[i] < xmin)
            xmin = x[i];
        if (y[i] < ymin)
            ymin = y[i];
    }
    cell_key *keys = malloc(n * sizeof *keys);
    if (!keys)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        weight[i] = 0;
    for (int o = 0; o < n_offsets; o++) {
        /* origins shifted by o/n_offsets of a cell in x and y */
        double shift = cell_m * (double)o / (double)n_offsets;
        double x0 = xmin - shift, y0 = ymin - shift;
        for (size_t i = 0; i < n; i++) {
            keys[i].ix = (int64_t)floor((x[i] - x0) / cell_m);
            keys[i].iy = (int64_t)floor((y[i] - y0) / cell_m);
            keys[i].iz = (z && cell_z_m > 0) ? (int64_t)floor(z[i] / cell_z_m) : 0;
            keys[i].index = i;
        }
        qsort(keys, n, sizeof *keys, cmp_cell);
        size_t occupied = 0;
        for (size_t i = 0; i < n; i++)
            if (i == 0 || cmp_cell(&keys[i], &keys[i - 1]))
                occupied++;
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && !cmp_cell(&keys[j], &keys[i]))
                j++;
            double w = 1.0 / ((double)occupied * (double)(j - i));
            for (size_t k = i; k < j; k++)
                weight[keys[k].index] += w;
            i = j;
        }
    }
    free(keys);
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += weight[i];
    for (size_t i = 0; i < n; i++)
        weight[i] *= (double)n / sum;
    return RM_OK;
}

rm_status rm_composites_decluster(rm_composites *c, double cell_m, rm_error *err)
{
    if (cell_m == 0) {
        for (size_t i = 0; i < c->n; i++)
            c->weight[i] = 1.0;
        return RM_OK;
    }
    return rm_decluster_cell(c->x, c->y, c->z, c->n, cell_m, c->length_m, 5, c->weight, err);
}
