/* kna.c — kriging neighbourhood analysis (Vann, Jackson & Bertoli 2003,
 * "Quantitative kriging neighbourhood analysis for the mining geologist",
 * 5th International Mining Geology Conference, AusIMM, 215–223).
 *
 * For each candidate neighbourhood (nmax, maxdist) the test blocks are
 * kriged and three diagnostics summarised: the slope of regression of true
 * on estimated block grades in Vann et al.'s |μ| form (1 = no conditional
 * bias; the exact slope is kept beside it), the kriging
 * efficiency KE = (BV − σ²)/BV, and the share of negative kriging weights
 * (screened samples far out in the neighbourhood; many negative weights mean
 * the neighbourhood is larger than the data can support).  None depends on
 * the grades, only on the geometry of samples and blocks and on the
 * variogram, so the variogram's scale does not matter.  A neighbourhood is
 * chosen where the slope and KE stop improving.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/krige.h"
#include "reemud/resource.h"

/* qsort order of doubles, ascending. */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The slope of regression as Vann, Jackson & Bertoli (2003) define it for
 * neighbourhood analysis, (BV − σ² + |μ|)/(BV − σ² + 2|μ|): at most 1, and
 * lower the larger the Lagrange multiplier's share of the kriging variance.
 * It equals the exact regression slope λᵀc/λᵀCλ = (BV − σ² − μ)/(BV − σ² − 2μ)
 * of the engine when μ ≤ 0 (μ here enters the OK system as Cλ + μ1 = c).  With
 * μ > 0 the exact slope exceeds 1; the |μ| form treats any constraint cost
 * as conditional bias, which is what the analysis compares across
 * neighbourhoods.  0 when the estimate has no variance to regress on
 * (BV − σ² + 2|μ| ≤ 0: the data do not inform the block), the slope of a
 * block estimated by the mean alone. */
static double vann_slope(double bv, double var, double mu)
{
    double a = bv - var, m = fabs(mu);
    if (!(a + 2.0 * m > 0))
        return 0.0;
    return (a + m) / (a + 2.0 * m);
}

void rm_kna_table_free(rm_kna_table *t)
{
    if (!t)
        return;
    free(t->rows);
    memset(t, 0, sizeof *t);
}

rm_status rm_kna(const rm_resource_result *r, const size_t *nmax, size_t n_nmax,
                 const double *maxdist_m, size_t n_maxdist, size_t max_blocks,
                 rm_kna_table *out, rm_error *err)
{
    memset(out, 0, sizeof *out);
    if (!r->bm || !r->composites)
        return rm_error_set(err, RM_EINVAL, "kna needs an estimate's samples and grid");
    if (n_nmax == 0 || n_maxdist == 0)
        return rm_error_set(err, RM_EINVAL, "kna needs at least one nmax and one maxdist");
    const rm_estimate_config *cfg = &r->cfg;
    const rm_composites *c = r->composites;
    const rm_grid *g = &r->bm->grid;
    const double *hcol = rm_blockmodel_get_surface(r->bm, "horizon_mbsf");
    rm_vgm_model model;
    rm_status st = rm_vgm_parse(r->shared_model_text, &model, err);
    if (st)
        return st;
    if (max_blocks == 0)
        max_blocks = 4000;
    /* the samples: composites with every element estimated (as estimate) */
    size_t n = 0;
    double *xyz = malloc(3 * (c->n ? c->n : 1) * sizeof *xyz);
    double *val = malloc((c->n ? c->n : 1) * sizeof *val);
    long *hole = malloc((c->n ? c->n : 1) * sizeof *hole);
    double *txyz = NULL, *slope = NULL, *ke = NULL, *est = NULL, *lam = NULL, *sorted = NULL;
    double *kvar = NULL, *mu = NULL;
    size_t *idx = NULL;
    rm_krige *k = NULL;
    rm_krige_work *w = NULL;
    if (!xyz || !val || !hole) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (kna)");
        goto done;
    }
    for (size_t i = 0; i < c->n; i++) {
        int ok = isfinite(c->srey_ppm[i]);
        for (int e = 0; e < RM_NELEM && ok; e++)
            if (cfg->use_elem[e])
                ok = c->grade_ppm[e] && isfinite(c->grade_ppm[e][i]);
        if (!ok)
            continue;
        xyz[3 * n] = c->x[i], xyz[3 * n + 1] = c->y[i], xyz[3 * n + 2] = c->z[i];
        if (r->horizon_hole_mbsf && hcol) /* the estimate's vertical coordinate */
            xyz[3 * n + 2] -= r->horizon_hole_mbsf[c->hole[i]];
        val[n] = c->srey_ppm[i];
        hole[n] = (long)c->hole[i];
        n++;
    }
    /* the test blocks: every s-th column in x and y, all layers */
    size_t s = 1;
    while ((g->nx + s - 1) / s * ((g->ny + s - 1) / s) * g->nz > max_blocks)
        s++;
    out->stride = s;
    size_t nt = 0, cap_t = ((g->nx + s - 1) / s) * ((g->ny + s - 1) / s) * g->nz;
    txyz = malloc(3 * (cap_t ? cap_t : 1) * sizeof *txyz);
    slope = malloc((cap_t ? cap_t : 1) * sizeof *slope);
    kvar = malloc((cap_t ? cap_t : 1) * sizeof *kvar);
    mu = malloc((cap_t ? cap_t : 1) * sizeof *mu);
    ke = malloc((cap_t ? cap_t : 1) * sizeof *ke);
    est = malloc((cap_t ? cap_t : 1) * sizeof *est);
    sorted = malloc((cap_t ? cap_t : 1) * sizeof *sorted);
    idx = malloc((n ? n : 1) * sizeof *idx);
    lam = malloc((n ? n : 1) * sizeof *lam);
    out->rows = calloc(n_nmax * n_maxdist, sizeof *out->rows);
    if (!txyz || !slope || !kvar || !mu || !ke || !est || !sorted || !idx || !lam || !out->rows) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (kna)");
        goto done;
    }
    for (size_t l = 0; l < g->nz; l++)
        for (size_t j = s / 2; j < g->ny; j += s)
            for (size_t i = s / 2; i < g->nx; i += s) {
                txyz[3 * nt] = rm_grid_xc(g, i);
                txyz[3 * nt + 1] = rm_grid_yc(g, j);
                txyz[3 * nt + 2] = rm_grid_zc(g, l) -
                                   (r->horizon_hole_mbsf && hcol ? hcol[i + g->nx * j] : 0.0);
                nt++;
            }
    for (size_t a = 0; a < n_maxdist && !st; a++)
        for (size_t q = 0; q < n_nmax && !st; q++) {
            rm_krige_params kp;
            rm_krige_params_default(&kp);
            kp.kind = cfg->method == RM_KRIGE_SK ? RM_KRIGE_SIMPLE : RM_KRIGE_ORDINARY;
            kp.nmax = nmax[q];
            kp.nmin = (size_t)cfg->nmin < nmax[q] ? (size_t)cfg->nmin : nmax[q];
            kp.maxdist = maxdist_m[a];
            kp.hole_max = (int)cfg->hole_max;
            kp.block[0] = g->dx, kp.block[1] = g->dy, kp.block[2] = g->dz;
            kp.discr = (int)cfg->discr;
            kp.threads = (int)cfg->threads;
            double mean = 0;
            for (size_t i = 0; i < n; i++)
                mean += val[i] / (double)n;
            if ((st = rm_krige_alloc(&kp, &model, xyz, val, n, 1, &mean, hole, &k, err)))
                break;
            rm_krige_out o = {.est = est, .var = kvar, .lagrange = mu, .slope = slope, .ke = ke};
            if ((st = rm_krige_targets(k, txyz, nt, &o, NULL, err)))
                break;
            rm_kna_row *row = &out->rows[out->n++];
            row->nmax = nmax[q];
            row->maxdist_m = maxdist_m[a] > 0 ? maxdist_m[a] : 0;
            row->blocks_tested = nt;
            const double bv = rm_krige_block_variance(k);
            double ss = 0, sx = 0, sk = 0;
            size_t nneg = 0, nw = 0;
            if (!(w = rm_krige_work_alloc(k))) {
                st = rm_error_set(err, RM_ENOMEM, "out of memory (kna)");
                break;
            }
            for (size_t t = 0; t < nt && !st; t++) {
                if (!isfinite(est[t]) || !isfinite(slope[t]))
                    continue;
                row->blocks_estimated++;
                sx += slope[t];
                slope[t] = vann_slope(bv, kvar[t], mu[t]);
                ss += slope[t];
                sk += ke[t];
                size_t m;
                if ((st = rm_krige_weights(k, w, &txyz[3 * t], NULL, idx, lam, n, &m, err)))
                    break;
                for (size_t i = 0; i < m; i++)
                    nneg += lam[i] < 0;
                nw += m;
            }
            /* the lower decile of the slopes: the poorly informed blocks */
            size_t m2 = 0;
            for (size_t t = 0; t < nt; t++)
                if (isfinite(est[t]) && isfinite(slope[t]))
                    sorted[m2++] = slope[t];
            qsort(sorted, m2, sizeof *sorted, cmp_double);
            row->slope_p10 = m2 ? sorted[(m2 - 1) / 10] : NAN;
            size_t ne = row->blocks_estimated;
            row->slope_mean = ne ? ss / (double)ne : NAN;
            row->slope_exact_mean = ne ? sx / (double)ne : NAN;
            row->ke_mean = ne ? sk / (double)ne : NAN;
            row->negative_weight_share = nw ? (double)nneg / (double)nw : NAN;
            rm_krige_work_free(w);
            w = NULL;
            rm_krige_free(k);
            k = NULL;
        }
done:
    rm_krige_work_free(w);
    rm_krige_free(k);
    free(xyz), free(val), free(hole), free(txyz), free(slope), free(kvar), free(mu), free(ke), free(est);
    free(idx), free(lam), free(sorted);
    if (st)
        rm_kna_table_free(out);
    return st;
}

rm_status rm_kna_write_csv(const rm_kna_table *t, const char *path, rm_error *err)
{
    rm_afile af;
    rm_status st = rm_afile_open(&af, path, err);
    if (st)
        return st;
    fputs("nmax,maxdist_m,slope_mean,ke_mean,negative_weight_share,blocks_estimated,"
          "blocks_tested,slope_p10,slope_exact_mean\n",
          af.fp);
    for (size_t r = 0; r < t->n; r++) {
        const rm_kna_row *w = &t->rows[r];
        rm_csv_num(af.fp, (double)w->nmax, 0);
        rm_csv_num(af.fp, w->maxdist_m, 1);
        rm_csv_num(af.fp, w->slope_mean, 1);
        rm_csv_num(af.fp, w->ke_mean, 1);
        rm_csv_num(af.fp, w->negative_weight_share, 1);
        rm_csv_num(af.fp, (double)w->blocks_estimated, 1);
        rm_csv_num(af.fp, (double)w->blocks_tested, 1);
        rm_csv_num(af.fp, w->slope_p10, 1);
        rm_csv_num(af.fp, w->slope_exact_mean, 1);
        fputc('\n', af.fp);
    }
    return rm_afile_commit(&af, err);
}
