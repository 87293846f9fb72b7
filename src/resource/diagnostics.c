/* diagnostics.c — what the report shows about the ΣREY estimate, as values:
 * the experimental ΣREY variograms of the composites (horizontal within
 * composite layers, downhole within cores) with the shared model rescaled
 * to ΣREY, leave-one-core-out cross-validation with the estimate's search,
 * tonnage-weighted column means over the reporting window (maps), and the
 * block-by-block check of the estimate against a synthetic truth.
 *
 * The pipeline (src/assess/) calls these and hands the values to the
 * report, which draws them and computes nothing (docs/assess.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/krige.h"
#include "reemud/resource.h"

/* A model as text with 3–4 significant digits, for people to read. */
static void model_text_short(const rm_vgm_model *m, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int q = 0; q < m->n && o + 1 < size; q++) {
        const rm_vgm_struct *s = &m->s[q];
        o += (size_t)snprintf(buf + o, size - o, "%s%.3g %s", q ? " + " : "", s->sill,
                              s->type->name);
        if (!s->type->has_range || o + 1 >= size)
            continue;
        o += (size_t)snprintf(buf + o, size - o, "(");
        for (int k = 0; k < s->n_ranges && o + 1 < size; k++)
            o += (size_t)snprintf(buf + o, size - o, "%s%.4g", k ? ", " : "", s->range[k]);
        if (o + 1 < size)
            o += (size_t)snprintf(buf + o, size - o, ")");
    }
}

static rm_status vario_alloc(rm_srey_vario *v, size_t n, rm_error *err)
{
    v->n = n;
    v->lag_m = calloc(n ? n : 1, sizeof *v->lag_m);
    v->gamma_ppm2 = calloc(n ? n : 1, sizeof *v->gamma_ppm2);
    v->pairs = calloc(n ? n : 1, sizeof *v->pairs);
    if (!v->lag_m || !v->gamma_ppm2 || !v->pairs)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    return RM_OK;
}

static void vario_free(rm_srey_vario *v)
{
    free(v->lag_m), free(v->gamma_ppm2), free(v->pairs);
    memset(v, 0, sizeof *v);
}

/* Pool sums of pairs into v (pair-weighted lag and γ), then normalise. */
static void vario_pool(rm_srey_vario *v, const rm_vario *e)
{
    for (size_t b = 0; b < e->n_bins && b < v->n; b++) {
        if (!(e->np[b] > 0))
            continue;
        v->pairs[b] += e->np[b];
        v->lag_m[b] += e->np[b] * e->dist[b];
        v->gamma_ppm2[b] += e->np[b] * e->gamma[b];
    }
}

static void vario_finish(rm_srey_vario *v)
{
    for (size_t b = 0; b < v->n; b++) {
        if (v->pairs[b] > 0) {
            v->lag_m[b] /= v->pairs[b];
            v->gamma_ppm2[b] /= v->pairs[b];
        } else {
            v->lag_m[b] = v->gamma_ppm2[b] = NAN;
        }
    }
}

void rm_srey_diag_free(rm_srey_diag *d)
{
    if (!d)
        return;
    vario_free(&d->horizontal);
    vario_free(&d->downhole);
    free(d->xval_observed);
    free(d->xval_estimated);
    memset(d, 0, sizeof *d);
}

/* Experimental ΣREY variograms as the estimate computes them (horizontal
 * within composite layers, downhole within cores), the shared model in
 * ΣREY units (intrinsic correlation: γ_ΣREY = Var(ΣREY)/sill · γ_std), and
 * leave-one-core-out cross-validation with that model. */
rm_status rm_resource_srey_diagnostics(const rm_resource_result *res, rm_srey_diag *d,
                                       rm_error *err)
{
    memset(d, 0, sizeof *d);
    const rm_composites *c = res->composites;
    const rm_estimate_config *ec = &res->cfg;
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        n += isfinite(c->srey_ppm[i]) != 0;
    if (n < 3)
        return rm_error_set(err, RM_EDATA, "diagnostics: only %zu composites with SREY", n);
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *z = malloc(n * sizeof *z);
    double *v = malloc(n * sizeof *v), *xyz = malloc(3 * n * sizeof *xyz);
    long *hole = malloc(n * sizeof *hole), *layer = malloc(n * sizeof *layer);
    double *px = malloc(n * sizeof *px), *py = malloc(n * sizeof *py);
    double *pv = malloc(n * sizeof *pv);
    rm_krige *k = NULL;
    rm_status st = RM_OK;
    if (!x || !y || !z || !v || !xyz || !hole || !layer || !px || !py || !pv) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    long n_layers = 0;
    double mean = 0;
    size_t m = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (!isfinite(c->srey_ppm[i]))
            continue;
        x[m] = c->x[i], y[m] = c->y[i], z[m] = c->z[i], v[m] = c->srey_ppm[i];
        xyz[3 * m] = x[m], xyz[3 * m + 1] = y[m], xyz[3 * m + 2] = z[m];
        hole[m] = (long)c->hole[i];
        layer[m] = (long)floor(c->from_m[i] / c->length_m + 1e-6);
        if (layer[m] + 1 > n_layers)
            n_layers = layer[m] + 1;
        mean += v[m];
        m++;
    }
    mean /= (double)n;
    double var = 0;
    for (size_t i = 0; i < n; i++)
        var += (v[i] - mean) * (v[i] - mean);
    d->srey_variance_ppm2 = var / (double)n;

    /* Model in ΣREY units. */
    if ((st = rm_vgm_parse(res->shared_model_text, &d->srey_model, err)))
        goto done;
    double sill = rm_vgm_sill(&d->srey_model);
    for (int q = 0; q < d->srey_model.n; q++)
        d->srey_model.s[q].sill *= sill > 0 ? d->srey_variance_ppm2 / sill : 1.0;
    if ((st = rm_vgm_update(&d->srey_model, err)))
        goto done;
    model_text_short(&d->srey_model, d->srey_model_text, sizeof d->srey_model_text);

    /* Horizontal: pooled over layers. */
    rm_vario_params hp;
    rm_vario_params_default(&hp);
    hp.cutoff = ec->horizontal_cutoff_m > 0 ? ec->horizontal_cutoff_m
                                            : rm_vario_default_cutoff(x, y, NULL, n);
    hp.width = ec->horizontal_width_m > 0 ? ec->horizontal_width_m : hp.cutoff / 15;
    hp.threads = 1;
    /* Cores all at one position: no horizontal lag, no horizontal variogram
     * (cutoff 0 made 0/0 lags, an allocation of 2^63 bins). */
    size_t nb = hp.cutoff > 0 && hp.width > 0 ? (size_t)ceil(hp.cutoff / hp.width - 1e-9) : 0;
    if ((st = vario_alloc(&d->horizontal, nb, err)))
        goto done;
    for (long L = 0; L < n_layers && nb > 0; L++) {
        size_t q = 0;
        for (size_t i = 0; i < n; i++)
            if (layer[i] == L)
                px[q] = x[i], py[q] = y[i], pv[q] = v[i], q++;
        if (q < 2)
            continue;
        rm_vario *e = NULL;
        if ((st = rm_vario_compute(px, py, NULL, pv, NULL, q, &hp, &e, err)))
            goto done;
        vario_pool(&d->horizontal, e);
        rm_vario_free(e);
    }
    vario_finish(&d->horizontal);
    /* Downhole. */
    rm_vario_params vp;
    rm_vario_params_default(&vp);
    vp.kind = RM_VARIO_DOWNHOLE;
    vp.cutoff = ec->downhole_cutoff_m;
    vp.width = ec->downhole_width_m > 0 ? ec->downhole_width_m : c->length_m;
    vp.threads = 1;
    rm_vario *e = NULL;
    if ((st = rm_vario_compute(x, y, z, v, hole, n, &vp, &e, err)))
        goto done;
    st = vario_alloc(&d->downhole, e->n_bins, err);
    if (!st) {
        vario_pool(&d->downhole, e);
        vario_finish(&d->downhole);
    }
    rm_vario_free(e);
    if (st)
        goto done;

    /* The model along each axis for the figures: RM_SREY_MODEL_POINTS lags
     * from 0 to 1.05 × the largest experimental lag. */
    d->srey_sill_ppm2 = rm_vgm_sill(&d->srey_model);
    double hmax = 0, vmax = 0;
    for (size_t b = 0; b < d->horizontal.n; b++)
        if (isfinite(d->horizontal.lag_m[b]))
            hmax = fmax(hmax, d->horizontal.lag_m[b]);
    for (size_t b = 0; b < d->downhole.n; b++)
        if (isfinite(d->downhole.lag_m[b]))
            vmax = fmax(vmax, d->downhole.lag_m[b]);
    hmax *= 1.05, vmax *= 1.05;
    for (int k = 0; k < RM_SREY_MODEL_POINTS; k++) {
        d->model_horizontal_h_m[k] = hmax * k / (RM_SREY_MODEL_POINTS - 1);
        d->model_downhole_h_m[k] = vmax * k / (RM_SREY_MODEL_POINTS - 1);
        d->model_horizontal_gamma_ppm2[k] =
            rm_vgm_gamma(&d->srey_model, d->model_horizontal_h_m[k], 0, 0);
        d->model_downhole_gamma_ppm2[k] =
            rm_vgm_gamma(&d->srey_model, 0, 0, d->model_downhole_h_m[k]);
    }

    /* Leave one core out, with the estimate's search. */
    rm_krige_params kp;
    rm_krige_params_default(&kp);
    kp.nmax = (size_t)ec->nmax;
    kp.nmin = (size_t)ec->nmin;
    kp.maxdist = ec->maxdist_m;
    kp.hole_max = (int)ec->hole_max;
    kp.threads = (int)ec->threads;
    if ((st = rm_krige_alloc(&kp, &d->srey_model, xyz, v, n, 1, NULL, hole, &k, err)))
        goto done;
    size_t ns = rm_krige_n_samples(k);
    double *est = malloc(ns * sizeof *est);
    d->xval_observed = malloc(ns * sizeof *d->xval_observed);
    d->xval_estimated = malloc(ns * sizeof *d->xval_estimated);
    if (!est || !d->xval_observed || !d->xval_estimated) {
        free(est);
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    rm_krige_out ko = {.est = est};
    if ((st = rm_krige_xval(k, RM_XVAL_HOLE, &ko, NULL, NULL, err))) {
        free(est);
        goto done;
    }
    double se = 0, sse = 0, so = 0, sy = 0, soo = 0, syy = 0, soy = 0;
    size_t q = 0;
    for (size_t i = 0; i < ns; i++) {
        double p3[3], obs;
        long h;
        rm_krige_sample(k, i, p3, &obs, &h);
        if (!isfinite(est[i]))
            continue;
        d->xval_observed[q] = obs;
        d->xval_estimated[q] = est[i];
        double res_i = obs - est[i];
        se += res_i, sse += res_i * res_i;
        so += obs, sy += est[i], soo += obs * obs, syy += est[i] * est[i], soy += obs * est[i];
        q++;
    }
    free(est);
    d->n_xval = q;
    if (q) {
        double nq = (double)q;
        d->xval_mean_error_ppm = se / nq;
        d->xval_rmse_ppm = sqrt(sse / nq);
        double cov = soy / nq - so / nq * sy / nq;
        double vo = soo / nq - so / nq * so / nq, vy = syy / nq - sy / nq * sy / nq;
        d->xval_correlation = vo > 0 && vy > 0 ? cov / sqrt(vo * vy) : NAN;
    } else {
        d->xval_mean_error_ppm = d->xval_rmse_ppm = d->xval_correlation = NAN;
    }
done:
    rm_krige_free(k);
    free(x), free(y), free(z), free(v), free(xyz), free(hole), free(layer);
    free(px), free(py), free(pv);
    if (st)
        rm_srey_diag_free(d);
    return st;
}

/* ---- maps and the truth check ---- */

/* Share of block layer k inside [top, bottom] mbsf. */
static double window_share(const rm_grid *g, size_t k, double top, double bottom)
{
    double zt = g->z0 + (double)k * g->dz, zb = zt + g->dz;
    double a = fmax(zt, top), b = fmin(zb, bottom);
    return b > a ? (b - a) / g->dz : 0.0;
}

void rm_resource_column_means(const rm_blockmodel *bm, const double *v, double top,
                              double bottom, double *map)
{
    const rm_grid *g = &bm->grid;
    const double *mud = rm_blockmodel_get(bm, "mud_t");
    size_t plane = g->nx * g->ny;
    for (size_t c = 0; c < plane; c++) {
        double w = 0, s = 0;
        for (size_t k = 0; mud && k < g->nz; k++) {
            size_t b = c + plane * k;
            double f = window_share(g, k, top, bottom);
            if (f <= 0 || !isfinite(mud[b]) || !isfinite(v[b]))
                continue;
            w += f * mud[b];
            s += f * mud[b] * v[b];
        }
        map[c] = w > 0 ? s / w : NAN;
    }
}

/* ΣREY of every block of a truth model (sum of the 15 REY). */
static double *truth_srey(const rm_blockmodel *truth, size_t nblocks, rm_error *err)
{
    double *srey = calloc(nblocks ? nblocks : 1, sizeof *srey);
    if (!srey) {
        rm_error_set(err, RM_ENOMEM, "out of memory");
        return NULL;
    }
    for (int e = 0; e < RM_NREY; e++) {
        char name[64];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        const double *v = rm_blockmodel_get(truth, name);
        if (!v) {
            free(srey);
            rm_error_set(err, RM_EINVAL, "truth has no field %s", name);
            return NULL;
        }
        for (size_t b = 0; b < nblocks; b++)
            srey[b] += v[b];
    }
    return srey;
}

void rm_truth_blocks_free(rm_truth_blocks *tb)
{
    if (!tb)
        return;
    free(tb->estimate_ppm);
    free(tb->truth_ppm);
    memset(tb, 0, sizeof *tb);
}

rm_status rm_resource_truth_blocks(const rm_blockmodel *bm, const rm_blockmodel *truth,
                                   const double *etype, double top, double bottom,
                                   rm_truth_blocks *tb, double **truth_map, rm_error *err)
{
    const rm_grid *g = &bm->grid;
    size_t plane = g->nx * g->ny, nblocks = plane * g->nz;
    rm_error e = {0};
    double *ts = NULL;
    *truth_map = NULL;
    if (rm_resource_check_truth(bm, truth, top, bottom, &tb->by_class, &e) ||
        !(ts = truth_srey(truth, nblocks, &e))) {
        /* No usable truth block model: the totals check remains. */
        snprintf(tb->error, sizeof tb->error, "%s", e.message);
        return RM_OK;
    }
    const double *est = rm_blockmodel_get(bm, "SREY_ppm");
    tb->estimate_ppm = malloc(nblocks * sizeof(double));
    tb->truth_ppm = malloc(nblocks * sizeof(double));
    *truth_map = malloc(plane * sizeof(double));
    if (!tb->estimate_ppm || !tb->truth_ppm || !*truth_map || !est) {
        free(ts);
        return est ? rm_error_set(err, RM_ENOMEM, "out of memory")
                   : rm_error_set(err, RM_EINTERNAL, "truth check: the block model has no SREY_ppm");
    }
    rm_resource_column_means(bm, ts, top, bottom, *truth_map);
    double se = 0, sq = 0, sqe = 0, me = 0, mt = 0;
    size_t ne = 0;
    for (size_t b = 0; b < nblocks; b++) {
        if (window_share(g, b / plane, top, bottom) <= 0 || !isfinite(est[b]) ||
            !isfinite(ts[b]))
            continue;
        tb->estimate_ppm[tb->n] = est[b];
        tb->truth_ppm[tb->n] = ts[b];
        tb->n++;
        double d = est[b] - ts[b];
        se += d;
        sq += d * d;
        me += est[b];
        mt += ts[b];
        if (etype && isfinite(etype[b])) {
            sqe += (etype[b] - ts[b]) * (etype[b] - ts[b]);
            ne++;
        }
    }
    free(ts);
    tb->ok = tb->n > 1;
    if (tb->ok) {
        double n = (double)tb->n;
        me /= n, mt /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (size_t i = 0; i < tb->n; i++) {
            double a = tb->estimate_ppm[i] - me, c = tb->truth_ppm[i] - mt;
            sxy += a * c, sxx += a * a, syy += c * c;
        }
        tb->mean_error_ppm = se / n;
        tb->rmse_ppm = sqrt(sq / n);
        tb->correlation = sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NAN;
        tb->etype_rmse_ppm = ne ? sqrt(sqe / (double)ne) : NAN;
    }
    return RM_OK;
}
