/* validate.c — the validation pack of an estimate: swath plots, global
 * means against a nearest-neighbour model, and the kriged grade–tonnage
 * against the discrete Gaussian model's block-support curve.
 *
 * The nearest-neighbour (NN) model gives each estimated block the grade of
 * the composite nearest to its centre, in the variogram's search metric (the
 * anisotropy the kriging uses): a polygonal-declustered, unsmoothed model
 * (Sinclair & Blackwell 2002, Applied Mineral Inventory Estimation, §14.3;
 * Rossi & Deutsch 2014, Mineral Resource Estimation, §11.3).  Kriged block
 * means should follow it slice by slice (a swath plot) and agree with it
 * globally: a kriged mean above the NN mean flags a conditional bias or
 * clustered high-grade data; means that follow the composites rather than
 * the NN model flag clustering the kriging did not undo.  Kriged slices are
 * smoother than NN slices: that is expected, not a failure.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/krige.h"
#include "reemud/resource.h"
#include "reemud/search.h"

void rm_validation_free(rm_validation *v)
{
    if (!v)
        return;
    for (int a = 0; a < 3; a++) {
        rm_swath *s = &v->swath[a];
        free(s->center_m), free(s->n_composites), free(s->n_blocks);
        free(s->composites_mean), free(s->nn_mean), free(s->blocks_mean);
    }
    free(v->gt_cutoff_ppm), free(v->gt_block_t), free(v->gt_dgm_t);
    free(v->gt_block_ppm), free(v->gt_dgm_ppm);
    memset(v, 0, sizeof *v);
}

/* Slice of coordinate value c along axis a of grid g: the block column, row
 * or layer holding it, or -1 outside the grid. */
static long slice_of(const rm_grid *g, int a, double c)
{
    double o = a == 0 ? g->x0 : a == 1 ? g->y0 : g->z0;
    double d = a == 0 ? g->dx : a == 1 ? g->dy : g->dz;
    size_t n = a == 0 ? g->nx : a == 1 ? g->ny : g->nz;
    double f = floor((c - o) / d);
    if (!(f >= 0) || f >= (double)n)
        return -1;
    return (long)f;
}

/* Allocates the arrays of swath s (n slices, nvar variables), zeroed. */
static rm_status swath_alloc(rm_swath *s, int axis, size_t n, size_t nvar, rm_error *err)
{
    s->axis = axis;
    s->n_slices = n;
    s->center_m = calloc(n, sizeof *s->center_m);
    s->n_composites = calloc(n, sizeof *s->n_composites);
    s->n_blocks = calloc(n, sizeof *s->n_blocks);
    s->composites_mean = calloc(n * nvar, sizeof *s->composites_mean);
    s->nn_mean = calloc(n * nvar, sizeof *s->nn_mean);
    s->blocks_mean = calloc(n * nvar, sizeof *s->blocks_mean);
    if (!s->center_m || !s->n_composites || !s->n_blocks || !s->composites_mean ||
        !s->nn_mean || !s->blocks_mean)
        return rm_error_set(err, RM_ENOMEM, "out of memory (swaths)");
    return RM_OK;
}

/* No nearest composite (a block not estimated). */
#define NONE SIZE_MAX

rm_status rm_validation_compute(const rm_resource_result *r, rm_validation *v, rm_error *err)
{
    memset(v, 0, sizeof *v);
    const rm_blockmodel *bm = r->bm;
    const rm_composites *c = r->composites;
    if (!bm || !c)
        return rm_error_set(err, RM_EINVAL, "validation needs the block model and composites");
    const rm_grid *g = &bm->grid;
    size_t nb = rm_grid_nblocks(g);

    /* Variables: ΣREY, then the elements estimated (those with a field). */
    const double *bval[RM_VALID_MAXVAR];
    const double *cval[RM_VALID_MAXVAR];
    v->elem[0] = -1;
    bval[0] = rm_blockmodel_get(bm, "SREY_ppm");
    cval[0] = c->srey_ppm;
    v->nvar = 1;
    for (int e = 0; e < RM_NELEM; e++) {
        char name[32];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        const double *f = rm_blockmodel_get(bm, name);
        if (!f || !c->grade_ppm[e] || !r->cfg.use_elem[e])
            continue;
        v->elem[v->nvar] = e;
        bval[v->nvar] = f;
        cval[v->nvar] = c->grade_ppm[e];
        v->nvar++;
    }
    if (!bval[0])
        return rm_error_set(err, RM_EINVAL, "validation: the block model has no SREY_ppm");
    size_t nvar = v->nvar;

    /* The composites with every variable known (the kriging's samples). */
    size_t *rows = malloc((c->n ? c->n : 1) * sizeof *rows);
    double *xyz = malloc(3 * (c->n ? c->n : 1) * sizeof *xyz);
    /* The nearest-neighbour model: each block's nearest composite (NONE
     * where the block is not estimated), its values read from cval. */
    size_t *nn = malloc((nb ? nb : 1) * sizeof *nn);
    rm_search *search = NULL;
    rm_search_work *sw = NULL;
    rm_status st = RM_OK;
    if (!rows || !xyz || !nn) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (validation)");
        goto done;
    }
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++) {
        int ok = 1;
        for (size_t q = 0; q < nvar && ok; q++)
            ok = isfinite(cval[q][i]);
        if (!ok)
            continue;
        rows[n] = i;
        xyz[3 * n] = c->x[i], xyz[3 * n + 1] = c->y[i], xyz[3 * n + 2] = c->z[i];
        n++;
    }
    /* the NN search in the estimate's vertical coordinate (horizon: depth below
     * the reference surface); the swaths stay in mbsf */
    const double *hcol = rm_blockmodel_get_surface(bm, "horizon_mbsf");
    double *sxyz = malloc(3 * (n ? n : 1) * sizeof *sxyz);
    if (!sxyz) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (validation)");
        goto done;
    }
    for (size_t t = 0; t < n; t++) {
        memcpy(&sxyz[3 * t], &xyz[3 * t], 3 * sizeof *xyz);
        if (r->horizon_hole_mbsf && hcol)
            sxyz[3 * t + 2] -= r->horizon_hole_mbsf[c->hole[rows[t]]];
    }
    if (n == 0) {
        free(sxyz);
        st = rm_error_set(err, RM_EDATA, "validation: no composite has every element");
        goto done;
    }
    v->n_composites = n;

    /* Nearest composite of each estimated block centre in the search metric
     * of the estimate's variogram (the shared or ΣREY model; its scale does
     * not matter, only its anisotropy). */
    double M[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    rm_vgm_model model;
    rm_error e2;
    if (r->shared_model_text[0] && rm_vgm_parse(r->shared_model_text, &model, &e2) == RM_OK)
        rm_vgm_search_metric(&model, M);
    st = rm_search_alloc(sxyz, n, M, NULL, &search, err);
    free(sxyz);
    if (st)
        goto done;
    if (!(sw = rm_search_work_alloc(search))) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (validation)");
        goto done;
    }
    rm_search_params sp = {.nmax = 1};
    for (size_t b = 0; b < nb; b++) {
        nn[b] = NONE;
        if (!isfinite(bval[0][b]))
            continue;
        size_t i = b % g->nx, rest = b / g->nx, j = rest % g->ny, k = rest / g->ny;
        double q3[3] = {rm_grid_xc(g, i), rm_grid_yc(g, j), rm_grid_zc(g, k)}, d2;
        if (r->horizon_hole_mbsf && hcol)
            q3[2] -= hcol[i + g->nx * j];
        size_t idx;
        size_t m = rm_search_query(search, &sp, q3, RM_SEARCH_NONE, RM_SEARCH_NONE, sw, &idx,
                                   &d2, 1);
        if (m)
            nn[b] = rows[idx];
    }

    /* Global means over the estimated blocks (equal volumes). */
    double sk[RM_VALID_MAXVAR] = {0}, snn[RM_VALID_MAXVAR] = {0};
    size_t ne = 0;
    for (size_t b = 0; b < nb; b++) {
        if (nn[b] == NONE)
            continue;
        ne++;
        for (size_t q = 0; q < nvar; q++) {
            sk[q] += bval[q][b];
            snn[q] += cval[q][nn[b]];
        }
    }
    v->n_blocks = ne;
    for (size_t q = 0; q < nvar; q++) {
        v->kriged_mean[q] = ne ? sk[q] / (double)ne : NAN;
        v->nn_mean[q] = ne ? snn[q] / (double)ne : NAN;
        double s = 0, sw_ = 0, w = 0;
        for (size_t t = 0; t < n; t++) {
            double z = cval[q][rows[t]], wt = c->weight ? c->weight[rows[t]] : 1.0;
            s += z;
            sw_ += wt * z;
            w += wt;
        }
        v->composites_mean[q] = s / (double)n;
        v->composites_declustered_mean[q] = w > 0 ? sw_ / w : NAN;
    }

    /* Swaths: one slice per block column (x), row (y) or layer (depth). */
    for (int a = 0; a < 3 && !st; a++) {
        size_t ns = a == 0 ? g->nx : a == 1 ? g->ny : g->nz;
        rm_swath *s = &v->swath[a];
        if ((st = swath_alloc(s, a, ns, nvar, err)))
            break;
        for (size_t l = 0; l < ns; l++)
            s->center_m[l] = a == 0 ? rm_grid_xc(g, l) : a == 1 ? rm_grid_yc(g, l)
                                                                : rm_grid_zc(g, l);
        for (size_t t = 0; t < n; t++) {
            double coord = xyz[3 * t + (size_t)a];
            long l = slice_of(g, a, coord);
            if (l < 0)
                continue;
            s->n_composites[l] += 1;
            for (size_t q = 0; q < nvar; q++)
                s->composites_mean[(size_t)l * nvar + q] += cval[q][rows[t]];
        }
        for (size_t b = 0; b < nb; b++) {
            if (nn[b] == NONE)
                continue;
            size_t i = b % g->nx, rest = b / g->nx, j = rest % g->ny, k = rest / g->ny;
            size_t l = a == 0 ? i : a == 1 ? j : k;
            s->n_blocks[l] += 1;
            for (size_t q = 0; q < nvar; q++) {
                s->blocks_mean[l * nvar + q] += bval[q][b];
                s->nn_mean[l * nvar + q] += cval[q][nn[b]];
            }
        }
        for (size_t l = 0; l < ns; l++)
            for (size_t q = 0; q < nvar; q++) {
                double nc = s->n_composites[l], nbk = s->n_blocks[l];
                s->composites_mean[l * nvar + q] =
                    nc > 0 ? s->composites_mean[l * nvar + q] / nc : NAN;
                s->blocks_mean[l * nvar + q] = nbk > 0 ? s->blocks_mean[l * nvar + q] / nbk : NAN;
                s->nn_mean[l * nvar + q] = nbk > 0 ? s->nn_mean[l * nvar + q] / nbk : NAN;
            }
    }
    if (st)
        goto done;

    /* Grade–tonnage: kriged blocks against the DGM block-support curve. */
    size_t ng = 0;
    for (size_t i = 0; i < r->gt.n; i++)
        ng += r->gt.rows[i].basis == RM_GT_BLOCKS && r->gt.rows[i].cls == 0;
    v->gt_cutoff_ppm = calloc(ng ? ng : 1, sizeof(double));
    v->gt_block_t = calloc(ng ? ng : 1, sizeof(double));
    v->gt_dgm_t = calloc(ng ? ng : 1, sizeof(double));
    v->gt_block_ppm = calloc(ng ? ng : 1, sizeof(double));
    v->gt_dgm_ppm = calloc(ng ? ng : 1, sizeof(double));
    if (!v->gt_cutoff_ppm || !v->gt_block_t || !v->gt_dgm_t || !v->gt_block_ppm ||
        !v->gt_dgm_ppm) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (validation)");
        goto done;
    }
    for (size_t i = 0; i < r->gt.n; i++) {
        const rm_gt_row *w = &r->gt.rows[i];
        if (w->basis != RM_GT_BLOCKS || w->cls != 0)
            continue;
        const rm_gt_row *d = rm_gt_find(&r->gt, RM_GT_DGM, 0, w->cutoff_ppm);
        size_t t = v->n_gt++;
        v->gt_cutoff_ppm[t] = w->cutoff_ppm;
        v->gt_block_t[t] = w->tonnes;
        v->gt_block_ppm[t] = w->tonnes > 0 ? w->mean_srey_ppm : NAN;
        v->gt_dgm_t[t] = d ? d->tonnes : NAN;
        v->gt_dgm_ppm[t] = d && d->tonnes > 0 ? d->mean_srey_ppm : NAN;
    }
done:
    rm_search_work_free(sw);
    rm_search_free(search);
    free(rows), free(xyz), free(nn);
    if (st)
        rm_validation_free(v);
    return st;
}

/* Name of variable q: "SREY" or the element symbol. */
static const char *var_name(const rm_validation *v, size_t q)
{
    return v->elem[q] < 0 ? "SREY" : rm_element(v->elem[q])->symbol;
}

/* Writes one swath table to dir/file. */
static rm_status write_swath(const rm_validation *v, const rm_swath *s, const char *dir,
                             const char *file, rm_error *err)
{
    char path[4200];
    rm_afile af;
    rm_status st = rm_path_join(path, sizeof path, dir, file, err);
    if (st || (st = rm_afile_open(&af, path, err)))
        return st;
    fputs("center_m,n_composites,n_blocks,composites_mean_ppm,nn_mean_ppm,blocks_mean_ppm",
          af.fp);
    for (size_t q = 1; q < v->nvar; q++) {
        const char *el = var_name(v, q);
        fprintf(af.fp, ",%s_composites_mean_ppm,%s_nn_mean_ppm,%s_blocks_mean_ppm", el, el, el);
    }
    fputc('\n', af.fp);
    for (size_t l = 0; l < s->n_slices; l++) {
        rm_csv_num(af.fp, s->center_m[l], 0);
        rm_csv_num(af.fp, s->n_composites[l], 1);
        rm_csv_num(af.fp, s->n_blocks[l], 1);
        for (size_t q = 0; q < v->nvar; q++) {
            rm_csv_num(af.fp, s->composites_mean[l * v->nvar + q], 1);
            rm_csv_num(af.fp, s->nn_mean[l * v->nvar + q], 1);
            rm_csv_num(af.fp, s->blocks_mean[l * v->nvar + q], 1);
        }
        fputc('\n', af.fp);
    }
    return rm_afile_commit(&af, err);
}

rm_status rm_validation_write(const rm_validation *v, const char *dir, rm_error *err)
{
    static const char *const files[3] = {"swath_x.csv", "swath_y.csv", "swath_z.csv"};
    rm_status st = RM_OK;
    for (int a = 0; a < 3 && !st; a++)
        st = write_swath(v, &v->swath[a], dir, files[a], err);
    if (st)
        return st;
    char path[4200];
    rm_afile af;
    if ((st = rm_path_join(path, sizeof path, dir, "validation_global.csv", err)) ||
        (st = rm_afile_open(&af, path, err)))
        return st;
    fputs("variable,kriged_mean_ppm,nn_mean_ppm,difference_pct,composites_mean_ppm,"
          "composites_declustered_mean_ppm,n_blocks,n_composites\n",
          af.fp);
    for (size_t q = 0; q < v->nvar; q++) {
        fputs(var_name(v, q), af.fp);
        rm_csv_num(af.fp, v->kriged_mean[q], 1);
        rm_csv_num(af.fp, v->nn_mean[q], 1);
        rm_csv_num(af.fp, v->nn_mean[q] > 0 ? 100 * (v->kriged_mean[q] / v->nn_mean[q] - 1) : NAN,
                1);
        rm_csv_num(af.fp, v->composites_mean[q], 1);
        rm_csv_num(af.fp, v->composites_declustered_mean[q], 1);
        rm_csv_num(af.fp, (double)v->n_blocks, 1);
        rm_csv_num(af.fp, (double)v->n_composites, 1);
        fputc('\n', af.fp);
    }
    if ((st = rm_afile_commit(&af, err)))
        return st;
    if ((st = rm_path_join(path, sizeof path, dir, "validation_gt.csv", err)) ||
        (st = rm_afile_open(&af, path, err)))
        return st;
    fputs("cutoff_ppm,block_t,dgm_t,tonnes_ratio,block_mean_ppm,dgm_mean_ppm\n", af.fp);
    for (size_t t = 0; t < v->n_gt; t++) {
        rm_csv_num(af.fp, v->gt_cutoff_ppm[t], 0);
        rm_csv_num(af.fp, v->gt_block_t[t], 1);
        rm_csv_num(af.fp, v->gt_dgm_t[t], 1);
        rm_csv_num(af.fp, v->gt_dgm_t[t] > 0 ? v->gt_block_t[t] / v->gt_dgm_t[t] : NAN, 1);
        rm_csv_num(af.fp, v->gt_block_ppm[t], 1);
        rm_csv_num(af.fp, v->gt_dgm_ppm[t], 1);
        fputc('\n', af.fp);
    }
    return rm_afile_commit(&af, err);
}
