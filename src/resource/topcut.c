/* topcut.c — top-cuts (grade caps) on the composites before kriging, the
 * outlier restriction, and the metal they take out of the estimate.
 *
 * A few very high composites can carry a large share of the metal of the
 * blocks around them; capping them at a chosen grade (read from a
 * log-probability plot where the upper tail leaves the population) limits
 * that share (Sinclair & Blackwell 2002, Applied Mineral Inventory
 * Estimation, ch. 7; Rossi & Deutsch 2014, Mineral Resource Estimation,
 * §4.4).  The outlier restriction (Datamine, Leapfrog Edge) lets a high
 * composite keep its grade near itself and caps it only for blocks farther
 * than a distance.  Metal at risk is the metal the caps remove from the
 * estimate: with the same kriging weights λ,
 *     at risk = Σ_blocks mud_t × Σ_i λ_i (z_i − z_i^cap) (× 1e-6 ppm),
 * summed over the samples whose cap applies to that block.  The estimate
 * kriges the excess e_i = z_i − z_i^cap as an extra value column, so the
 * uncapped estimate costs no second solve.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "reemud/search.h"
#include "gt_internal.h"
#include "topcut_internal.h"

void rm_topcut_info_free(rm_topcut_info *t)
{
    if (!t)
        return;
    for (size_t r = 0; r < t->n_rows; r++)
        free(t->rows[r].sorted_ppm);
    free(t->normal_score);
    memset(t, 0, sizeof *t);
}

/* qsort order of doubles, ascending. */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

rm_status rm_topcut_caps(const rm_estimate_config *cfg, const int *elems, int ne, double *vals,
                         size_t n, size_t nvar, double *excess, rm_topcut_info *info,
                         rm_error *err)
{
    memset(info, 0, sizeof *info);
    info->restrict_m = cfg->topcut_restrict_m;
    info->n_samples = n;
    size_t n1 = n ? n : 1;
    info->normal_score = malloc(n1 * sizeof *info->normal_score);
    if (!info->normal_score)
        return rm_error_set(err, RM_ENOMEM, "out of memory (top-cuts)");
    for (size_t i = 0; i < n; i++)
        info->normal_score[i] = gsl_cdf_ugaussian_Pinv(((double)i + 0.5) / (double)n);
    /* rows: each capped element, then ΣREY; sorted uncapped grades first */
    for (int q = 0; q < ne; q++) {
        int el = elems[q];
        if (!(cfg->topcut_ppm[el] > 0))
            continue;
        rm_topcut_row *row = &info->rows[info->n_rows++];
        row->elem = el;
        row->cap_ppm = cfg->topcut_ppm[el];
        if (!(row->sorted_ppm = malloc(n1 * sizeof *row->sorted_ppm)))
            return rm_error_set(err, RM_ENOMEM, "out of memory (top-cuts)");
        for (size_t i = 0; i < n; i++)
            row->sorted_ppm[i] = vals[i * nvar + (size_t)q];
        qsort(row->sorted_ppm, n, sizeof *row->sorted_ppm, cmp_double);
    }
    rm_topcut_row *srow = &info->rows[info->n_rows++];
    srow->elem = -1;
    srow->cap_ppm = cfg->topcut_srey_ppm > 0 ? cfg->topcut_srey_ppm : NAN;
    if (!(srow->sorted_ppm = malloc(n1 * sizeof *srow->sorted_ppm)))
        return rm_error_set(err, RM_ENOMEM, "out of memory (top-cuts)");
    for (size_t i = 0; i < n; i++) {
        double s = 0;
        for (int q = 0; q < ne; q++)
            if (elems[q] < RM_NREY)
                s += vals[i * nvar + (size_t)q];
        srow->sorted_ppm[i] = s;
    }
    qsort(srow->sorted_ppm, n, sizeof *srow->sorted_ppm, cmp_double);

    /* the caps: elements, then ΣREY by scaling the REY */
    for (size_t i = 0; i < n; i++) {
        double *v = &vals[i * nvar];
        int changed_rey = 0;
        for (int q = 0; q < ne; q++) {
            excess[i * (size_t)ne + (size_t)q] = v[q];
            double cap = cfg->topcut_ppm[elems[q]];
            if (cap > 0 && v[q] > cap) {
                v[q] = cap;
                for (size_t r = 0; r < info->n_rows; r++)
                    if (info->rows[r].elem == elems[q])
                        info->rows[r].n_capped++;
                changed_rey |= elems[q] < RM_NREY;
            }
        }
        if (cfg->topcut_srey_ppm > 0) {
            double s = 0;
            for (int q = 0; q < ne; q++)
                if (elems[q] < RM_NREY)
                    s += v[q];
            if (s > cfg->topcut_srey_ppm) {
                double f = cfg->topcut_srey_ppm / s;
                for (int q = 0; q < ne; q++)
                    if (elems[q] < RM_NREY)
                        v[q] *= f;
                changed_rey = 1;
            }
        }
        srow->n_capped += (size_t)changed_rey;
        for (int q = 0; q < ne; q++)
            excess[i * (size_t)ne + (size_t)q] -= v[q];
    }
    return RM_OK;
}

rm_status rm_topcut_restrict(const rm_krige *k, const rm_grid *g, const double *shift,
                             const double *col_ext, size_t ex0, size_t nex,
                             double restrict_m, const unsigned char *only, unsigned char value,
                             double *const *field, double *const *diff, rm_error *err)
{
    if (!(restrict_m > 0))
        return RM_OK;
    size_t ns = rm_krige_n_samples(k), nv = rm_krige_nvar(k), nb = rm_grid_nblocks(g);
    unsigned char *mark = calloc(nb ? nb : 1, 1);
    double *sv = malloc(nv * sizeof *sv);
    size_t *idx = malloc((ns ? ns : 1) * sizeof *idx);
    double *lam = malloc((ns ? ns : 1) * sizeof *lam);
    rm_krige_work *w = rm_krige_work_alloc(k);
    rm_status st = RM_OK;
    if (!mark || !sv || !idx || !lam || !w) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (outlier restriction)");
        goto done;
    }
    /* blocks whose centre is within restrict_m of a sample with an excess */
    for (size_t i = 0; i < ns; i++) {
        double p[3];
        rm_krige_sample(k, i, p, sv, NULL);
        int any = 0;
        for (size_t x = 0; x < nex; x++)
            any |= sv[ex0 + x] != 0.0;
        if (!any)
            continue;
        long lo[3], hi[3];
        const double o[3] = {g->x0, g->y0, g->z0}, d[3] = {g->dx, g->dy, g->dz};
        const size_t cnt[3] = {g->nx, g->ny, g->nz};
        for (int a = 0; a < 3; a++) {
            lo[a] = (long)floor((p[a] - restrict_m - o[a]) / d[a] - 0.5);
            hi[a] = (long)ceil((p[a] + restrict_m - o[a]) / d[a] - 0.5);
            if (lo[a] < 0)
                lo[a] = 0;
            if (hi[a] > (long)cnt[a] - 1)
                hi[a] = (long)cnt[a] - 1;
        }
        if (shift) { /* depths are relative to the surface: every layer may be near */
            lo[2] = 0;
            hi[2] = (long)cnt[2] - 1;
        }
        for (long kk = lo[2]; kk <= hi[2]; kk++)
            for (long jj = lo[1]; jj <= hi[1]; jj++)
                for (long ii = lo[0]; ii <= hi[0]; ii++) {
                    double dx = rm_grid_xc(g, (size_t)ii) - p[0],
                           dy = rm_grid_yc(g, (size_t)jj) - p[1],
                           dz = rm_grid_zc(g, (size_t)kk) -
                                (shift ? shift[(size_t)ii + g->nx * (size_t)jj] : 0.0) - p[2];
                    if (dx * dx + dy * dy + dz * dz <= restrict_m * restrict_m)
                        mark[rm_grid_index(g, (size_t)ii, (size_t)jj, (size_t)kk)] = 1;
                }
    }
    /* the add-back with each marked block's own weights */
    for (size_t b = 0; b < nb && !st; b++) {
        if (!mark[b] || !isfinite(field[0][b]) || (only && only[b] != value))
            continue;
        size_t i = b % g->nx, rest = b / g->nx, j = rest % g->ny, l = rest / g->ny;
        double q[3] = {rm_grid_xc(g, i), rm_grid_yc(g, j),
                       rm_grid_zc(g, l) - (shift ? shift[i + g->nx * j] : 0.0)};
        size_t m;
        if ((st = rm_krige_weights(k, w, q, col_ext ? &col_ext[i + g->nx * j] : NULL, idx,
                                   lam, ns, &m, err)))
            break;
        for (size_t t = 0; t < m; t++) {
            double p[3];
            rm_krige_sample(k, idx[t], p, sv, NULL);
            double dx = q[0] - p[0], dy = q[1] - p[1], dz = q[2] - p[2];
            if (dx * dx + dy * dy + dz * dz > restrict_m * restrict_m)
                continue;
            for (size_t x = 0; x < nex; x++) {
                double add = lam[t] * sv[ex0 + x];
                field[x][b] += add;
                diff[x][b] -= add;
            }
        }
    }
done:
    rm_krige_work_free(w);
    free(mark), free(sv), free(idx), free(lam);
    return st;
}

rm_status rm_topcut_account(rm_topcut_info *info, const rm_blockmodel *bm, const int *elems,
                            int ne, double *const *diff, double top_mbsf, double bottom_mbsf,
                            rm_error *err)
{
    const double *mud = rm_blockmodel_get(bm, "mud_t");
    if (!mud)
        return rm_error_set(err, RM_EINTERNAL, "top-cut accounting needs mud_t");
    const rm_grid *g = &bm->grid;
    double risk[RM_NELEM] = {0}, metal[RM_NELEM] = {0};
    for (int q = 0; q < ne; q++) {
        char name[32];
        snprintf(name, sizeof name, "%s_ppm", rm_element(elems[q])->symbol);
        const double *f = rm_blockmodel_get(bm, name);
        if (!f)
            return rm_error_set(err, RM_EINTERNAL, "top-cut accounting: no %s", name);
        for (size_t k = 0; k < g->nz; k++) {
            double fr = rm_gt_layer_fraction(g, k, top_mbsf, bottom_mbsf);
            if (fr <= 0)
                continue;
            for (size_t j = 0; j < g->ny; j++)
                for (size_t i = 0; i < g->nx; i++) {
                    size_t b = rm_grid_index(g, i, j, k);
                    if (isnan(mud[b]) || isnan(f[b]))
                        continue;
                    double w = fr * mud[b] * 1e-6;
                    risk[q] += w * diff[q][b];
                    metal[q] += w * f[b];
                }
        }
    }
    for (size_t r = 0; r < info->n_rows; r++) {
        rm_topcut_row *row = &info->rows[r];
        double rk = 0, mt = 0;
        for (int q = 0; q < ne; q++)
            if (row->elem == elems[q] || (row->elem < 0 && elems[q] < RM_NREY)) {
                rk += risk[q];
                mt += metal[q];
            }
        row->metal_at_risk_t = rk;
        row->metal_uncapped_t = mt + rk;
        row->metal_at_risk_pct = mt + rk > 0 ? 100 * rk / (mt + rk) : 0;
    }
    return RM_OK;
}

rm_status rm_topcut_write(const rm_topcut_info *t, const char *dir, rm_error *err)
{
    char path[4200];
    rm_afile af;
    rm_status st = rm_path_join(path, sizeof path, dir, "topcut.csv", err);
    if (st || (st = rm_afile_open(&af, path, err)))
        return st;
    fputs("element,cap_ppm,n_capped,metal_at_risk_t,metal_at_risk_pct,metal_uncapped_t\n",
          af.fp);
    for (size_t r = 0; r < t->n_rows; r++) {
        const rm_topcut_row *w = &t->rows[r];
        fputs(w->elem < 0 ? "SREY" : rm_element(w->elem)->symbol, af.fp);
        rm_csv_num(af.fp, w->cap_ppm, 1);
        rm_csv_num(af.fp, (double)w->n_capped, 1);
        rm_csv_num(af.fp, w->metal_at_risk_t, 1);
        rm_csv_num(af.fp, w->metal_at_risk_pct, 1);
        rm_csv_num(af.fp, w->metal_uncapped_t, 1);
        fputc('\n', af.fp);
    }
    return rm_afile_commit(&af, err);
}
