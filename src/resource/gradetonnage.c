/* gradetonnage.c — derived grades and tonnages of a block model, grade–
 * tonnage tables (by block and by mining column, overall and per class),
 * 2-D maps and the headline summary.
 *
 * Tonnage of a block is volume × dry bulk density; contained oxide is
 * tonnes × ppm × 1e-6 × oxide factor (stoichiometric factors, elements.h,
 * data/elements.csv).  A block counts toward a depth interval by the
 * fraction of its height inside it, so a 0–10 mbsf report is exact on any
 * vertical block size.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gt_internal.h"

static const double PPM = 1e-6;

/* rm_resource_derive, or (srey_only) its SREY_ppm alone. */
static rm_status derive(rm_blockmodel *bm, int srey_only, rm_error *err)
{
    const rm_grid *g = &bm->grid;
    size_t nb = rm_grid_nblocks(g);
    const double *ppm[RM_NREY];
    for (int e = 0; e < RM_NREY; e++) {
        char name[64];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        ppm[e] = rm_blockmodel_get(bm, name);
        if (!ppm[e])
            return rm_error_set(err, RM_EINVAL, "block model has no field %s", name);
    }
    const double *rho = rm_blockmodel_get(bm, "dry_density_t_m3");
    if (!rho)
        return rm_error_set(err, RM_EINVAL, "block model has no field dry_density_t_m3");

    double *srey = rm_blockmodel_add(bm, "SREY_ppm", "sum of REY (La-Lu + Y)", "ppm");
    double *hree = NULL, *reo = NULL, *mud = NULL, *reo_t = NULL, *ox[RM_NREY];
    int ok = srey != NULL;
    if (!srey_only && ok) {
        hree = rm_blockmodel_add(bm, "HREE_ppm", "heavy REE (Gd-Lu + Y)", "ppm");
        reo = rm_blockmodel_add(bm, "REO_ppm", "rare-earth oxides (REY as oxides)", "ppm");
        mud = rm_blockmodel_add(bm, "mud_t", "dry mud in block", "t");
        reo_t = rm_blockmodel_add(bm, "REO_t", "rare-earth oxides in block", "t");
        ok = hree && reo && mud && reo_t;
        for (int e = 0; e < RM_NREY && ok; e++) {
            char name[64], ln[128];
            snprintf(name, sizeof name, "%s_t", rm_element(e)->oxide);
            snprintf(ln, sizeof ln, "%s in block", rm_element(e)->oxide);
            ox[e] = rm_blockmodel_add(bm, name, ln, "t");
            ok = ox[e] != NULL;
        }
    }
    if (!ok)
        return rm_error_set(err, RM_ENOMEM, "out of memory adding derived fields");
    /* Adding fields never moves the value arrays, so ppm[] and rho stay valid. */
    double vol = rm_grid_block_volume_m3(g);
    for (size_t b = 0; b < nb; b++) {
        double s = 0, h = 0, r = 0;
        int missing = isnan(rho[b]);
        for (int e = 0; e < RM_NREY && !missing; e++) {
            double v = ppm[e][b];
            if (isnan(v)) {
                missing = 1;
                break;
            }
            s += v;
            if (rm_element(e)->heavy)
                h += v;
            r += v * rm_element(e)->oxide_factor;
        }
        if (missing)
            continue; /* derived fields stay NAN */
        srey[b] = s;
        if (srey_only)
            continue;
        double t = vol * rho[b];
        hree[b] = h;
        reo[b] = r;
        mud[b] = t;
        reo_t[b] = t * r * PPM;
        for (int e = 0; e < RM_NREY; e++)
            ox[e][b] = t * ppm[e][b] * PPM * rm_element(e)->oxide_factor;
    }
    return RM_OK;
}

rm_status rm_resource_derive(rm_blockmodel *bm, rm_error *err)
{
    return derive(bm, 0, err);
}

rm_status rm_resource_derive_srey(rm_blockmodel *bm, rm_error *err)
{
    return derive(bm, 1, err);
}

/* Fraction of block layer k inside [top, bottom] mbsf (gt_internal.h). */
double rm_gt_layer_fraction(const rm_grid *g, size_t k, double top, double bottom)
{
    double zt = g->z0 + (double)k * g->dz, zb = zt + g->dz;
    double a = zt > top ? zt : top, b = zb < bottom ? zb : bottom;
    return b > a ? (b - a) / g->dz : 0.0;
}

typedef struct derived {
    const double *ppm[RM_NREY];
    const double *srey, *mud, *cls;
} derived;

/* Point d at the grade, SREY, tonnage and (optional) class fields of bm;
 * RM_EINVAL when rm_resource_derive has not been run. */
static rm_status get_derived(const rm_blockmodel *bm, derived *d, rm_error *err)
{
    for (int e = 0; e < RM_NREY; e++) {
        char name[64];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        d->ppm[e] = rm_blockmodel_get(bm, name);
        if (!d->ppm[e])
            return rm_error_set(err, RM_EINVAL, "block model has no field %s", name);
    }
    d->srey = rm_blockmodel_get(bm, "SREY_ppm");
    d->mud = rm_blockmodel_get(bm, "mud_t");
    d->cls = rm_blockmodel_get(bm, "class"); /* optional */
    if (!d->srey || !d->mud)
        return rm_error_set(err, RM_EINVAL,
                            "block model lacks SREY_ppm or mud_t (run rm_resource_derive)");
    return RM_OK;
}

/* Resource class 1..RM_NCLASS of block b, or 0 when unclassified. */
static int class_of(const derived *d, size_t b)
{
    if (!d->cls || isnan(d->cls[b]))
        return 0;
    int c = (int)d->cls[b];
    return c >= 1 && c <= RM_NCLASS ? c : 0;
}

/* Accumulate w tonnes of grades g[RM_NREY] into row r. */
static void row_add(rm_gt_row *r, double w, const double *g, double units)
{
    r->tonnes += w;
    r->n_units += units;
    double s = 0;
    for (int e = 0; e < RM_NREY; e++) {
        r->mean_ppm[e] += w * g[e];
        s += g[e];
    }
    r->mean_srey_ppm += w * s;
}

/* Sums of a row to oxide tonnes and mean grades (gt_internal.h). */
void rm_gt_row_finish(rm_gt_row *r)
{
    r->reo_t = 0;
    for (int e = 0; e < RM_NREY; e++) {
        r->oxide_t[e] = r->mean_ppm[e] * PPM * rm_element(e)->oxide_factor;
        r->reo_t += r->oxide_t[e];
        r->mean_ppm[e] = r->tonnes > 0 ? r->mean_ppm[e] / r->tonnes : NAN;
    }
    r->mean_srey_ppm = r->tonnes > 0 ? r->mean_srey_ppm / r->tonnes : NAN;
}

rm_status rm_gradetonnage(const rm_blockmodel *bm, const rm_gt_spec *spec,
                          rm_gt_table *out, rm_error *err)
{
    memset(out, 0, sizeof *out);
    derived d;
    rm_status st = get_derived(bm, &d, err);
    if (st)
        return st;
    if (spec->n_cutoffs == 0 || !spec->cutoffs_ppm)
        return rm_error_set(err, RM_EINVAL, "grade-tonnage needs at least one cut-off");
    if (!(spec->bottom_mbsf > spec->top_mbsf))
        return rm_error_set(err, RM_EINVAL, "reporting interval %g-%g mbsf is empty",
                            spec->top_mbsf, spec->bottom_mbsf);
    const rm_grid *g = &bm->grid;
    size_t nclass = spec->by_class ? RM_NCLASS + 1 : 1;
    size_t nbasis = spec->column_depth_m > 0 ? 2 : 1;
    size_t nc = spec->n_cutoffs;
    out->n = nbasis * nclass * nc;
    out->rows = calloc(out->n, sizeof *out->rows);
    if (!out->rows)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    /* row index = (basis * nclass + cls) * nc + cutoff */
    for (size_t ba = 0; ba < nbasis; ba++)
        for (size_t c = 0; c < nclass; c++)
            for (size_t k = 0; k < nc; k++) {
                rm_gt_row *r = &out->rows[(ba * nclass + c) * nc + k];
                r->basis = (int)ba;
                r->cls = (int)c;
                r->cutoff_ppm = spec->cutoffs_ppm[k];
            }

    double grades[RM_NREY];
    for (size_t kz = 0; kz < g->nz; kz++) {
        double f = rm_gt_layer_fraction(g, kz, spec->top_mbsf, spec->bottom_mbsf);
        if (f <= 0)
            continue;
        for (size_t j = 0; j < g->ny; j++)
            for (size_t i = 0; i < g->nx; i++) {
                size_t b = rm_grid_index(g, i, j, kz);
                if (isnan(d.srey[b]) || isnan(d.mud[b]))
                    continue;
                for (int e = 0; e < RM_NREY; e++)
                    grades[e] = d.ppm[e][b];
                int c = class_of(&d, b);
                for (size_t k = 0; k < nc; k++) {
                    if (d.srey[b] < spec->cutoffs_ppm[k])
                        continue;
                    row_add(&out->rows[k], f * d.mud[b], grades, f);
                    if (spec->by_class && c)
                        row_add(&out->rows[(size_t)c * nc + k], f * d.mud[b], grades, f);
                }
            }
    }

    if (nbasis == 2) {
        /* Mining columns: the tonnage-weighted mean over the minable interval
         * from the seafloor; a column lacking an estimate in it is skipped. */
        for (size_t j = 0; j < g->ny; j++)
            for (size_t i = 0; i < g->nx; i++) {
                double t = 0, s = 0, cls_t[RM_NCLASS + 1] = {0};
                double sum[RM_NREY] = {0};
                int missing = 0, any = 0;
                for (size_t kz = 0; kz < g->nz && !missing; kz++) {
                    double f = rm_gt_layer_fraction(g, kz, 0.0, spec->column_depth_m);
                    if (f <= 0)
                        continue;
                    size_t b = rm_grid_index(g, i, j, kz);
                    if (isnan(d.srey[b]) || isnan(d.mud[b])) {
                        missing = 1;
                        break;
                    }
                    any = 1;
                    double w = f * d.mud[b];
                    t += w;
                    s += w * d.srey[b];
                    cls_t[class_of(&d, b)] += w;
                    for (int e = 0; e < RM_NREY; e++)
                        sum[e] += w * d.ppm[e][b];
                }
                if (missing || !any || !(t > 0))
                    continue;
                double mean = s / t;
                int cmaj = 0;
                for (int c = 1; c <= RM_NCLASS; c++)
                    if (cls_t[c] > cls_t[cmaj])
                        cmaj = c;
                for (int e = 0; e < RM_NREY; e++)
                    grades[e] = sum[e] / t;
                for (size_t k = 0; k < nc; k++) {
                    if (mean < spec->cutoffs_ppm[k])
                        continue;
                    row_add(&out->rows[(nclass + 0) * nc + k], t, grades, 1);
                    if (spec->by_class && cmaj)
                        row_add(&out->rows[(nclass + (size_t)cmaj) * nc + k], t, grades, 1);
                }
            }
    }
    for (size_t r = 0; r < out->n; r++)
        rm_gt_row_finish(&out->rows[r]);
    return RM_OK;
}

void rm_gt_table_free(rm_gt_table *t)
{
    if (!t)
        return;
    free(t->rows);
    t->rows = NULL;
    t->n = 0;
}

const rm_gt_row *rm_gt_find(const rm_gt_table *t, int basis, int cls, double cutoff_ppm)
{
    for (size_t r = 0; r < t->n; r++)
        if (t->rows[r].basis == basis && t->rows[r].cls == cls &&
            fabs(t->rows[r].cutoff_ppm - cutoff_ppm) < 1e-9)
            return &t->rows[r];
    return NULL;
}

const char *rm_gt_basis_name(int basis)
{
    switch (basis) {
    case RM_GT_BLOCKS:
        return "block";
    case RM_GT_COLUMNS:
        return "column";
    case RM_GT_AFFINE:
        return "affine";
    case RM_GT_DGM:
        return "dgm";
    default:
        return "unknown";
    }
}

rm_status rm_gt_write_csv(const rm_gt_table *t, const char *path, rm_error *err)
{
    rm_afile af;
    rm_status st = rm_afile_open(&af, path, err);
    if (st)
        return st;
    FILE *fp = af.fp;
    fprintf(fp, "basis,class,cutoff_srey_ppm,tonnes,mean_srey_ppm,reo_t,count");
    for (int e = 0; e < RM_NREY; e++)
        fprintf(fp, ",%s_ppm", rm_element(e)->symbol);
    for (int e = 0; e < RM_NREY; e++)
        fprintf(fp, ",%s_t", rm_element(e)->oxide);
    fputc('\n', fp);
    for (size_t r = 0; r < t->n; r++) {
        const rm_gt_row *w = &t->rows[r];
        fprintf(fp, "%s,%s,%.10g,%.10g,", rm_gt_basis_name(w->basis),
                w->cls ? rm_class_name(w->cls) : "all", w->cutoff_ppm, w->tonnes);
        if (w->tonnes > 0)
            fprintf(fp, "%.6f", w->mean_srey_ppm);
        fprintf(fp, ",%.10g,%.6g", w->reo_t, w->n_units);
        for (int e = 0; e < RM_NREY; e++) {
            fputc(',', fp);
            if (w->tonnes > 0)
                fprintf(fp, "%.6f", w->mean_ppm[e]);
        }
        for (int e = 0; e < RM_NREY; e++)
            fprintf(fp, ",%.10g", w->oxide_t[e]);
        fputc('\n', fp);
    }
    return rm_afile_commit(&af, err);
}

rm_status rm_resource_maps(rm_blockmodel *bm, double top_mbsf, double bottom_mbsf,
                           double cutoff_ppm, rm_error *err)
{
    derived d;
    rm_status st = get_derived(bm, &d, err);
    if (st)
        return st;
    const double *reo_t = rm_blockmodel_get(bm, "REO_t");
    if (!reo_t)
        return rm_error_set(err, RM_EINVAL, "block model has no field REO_t");
    char ln[128];
    snprintf(ln, sizeof ln, "mean SREY over %g-%g mbsf (tonnage-weighted)", top_mbsf,
             bottom_mbsf);
    double *mean = rm_blockmodel_add_surface(bm, "SREY_mean_ppm", ln, "ppm");
    snprintf(ln, sizeof ln, "thickness with SREY >= %g ppm", cutoff_ppm);
    double *thick = rm_blockmodel_add_surface(bm, "thickness_above_cutoff_m", ln, "m");
    snprintf(ln, sizeof ln, "contained REO over %g-%g mbsf per km2", top_mbsf, bottom_mbsf);
    double *dens = rm_blockmodel_add_surface(bm, "REO_t_per_km2", ln, "t km-2");
    double *cmaj = rm_blockmodel_add_surface(
        bm, "class_major", "resource class holding most tonnes of the column", "1");
    if (!mean || !thick || !dens || !cmaj)
        return rm_error_set(err, RM_ENOMEM, "out of memory adding map surfaces");
    const rm_grid *g = &bm->grid;
    double area_km2 = g->dx * g->dy * 1e-6;
    for (size_t j = 0; j < g->ny; j++)
        for (size_t i = 0; i < g->nx; i++) {
            double t = 0, s = 0, reo = 0, th = 0, cls_t[RM_NCLASS + 1] = {0};
            int any = 0;
            for (size_t k = 0; k < g->nz; k++) {
                size_t b = rm_grid_index(g, i, j, k);
                if (isnan(d.srey[b]) || isnan(d.mud[b]))
                    continue;
                any = 1;
                if (d.srey[b] >= cutoff_ppm)
                    th += g->dz;
                double f = rm_gt_layer_fraction(g, k, top_mbsf, bottom_mbsf);
                if (f <= 0)
                    continue;
                double w = f * d.mud[b];
                t += w;
                s += w * d.srey[b];
                reo += f * reo_t[b];
                cls_t[class_of(&d, b)] += w;
            }
            size_t c = i + g->nx * j;
            if (!any)
                continue;
            thick[c] = th;
            if (t > 0) {
                mean[c] = s / t;
                dens[c] = reo / area_km2;
                int m = 0;
                for (int q = 1; q <= RM_NCLASS; q++)
                    if (cls_t[q] > cls_t[m])
                        m = q;
                cmaj[c] = m ? (double)m : NAN;
            }
        }
    return RM_OK;
}

rm_status rm_resource_summarize(const rm_blockmodel *bm, double top_mbsf,
                                double bottom_mbsf, rm_resource_summary *s, rm_error *err)
{
    memset(s, 0, sizeof *s);
    s->top_mbsf = top_mbsf;
    s->bottom_mbsf = bottom_mbsf;
    derived d;
    rm_status st = get_derived(bm, &d, err);
    if (st)
        return st;
    const rm_grid *g = &bm->grid;
    double srey_t = 0;
    for (size_t k = 0; k < g->nz; k++) {
        double f = rm_gt_layer_fraction(g, k, top_mbsf, bottom_mbsf);
        if (f <= 0)
            continue;
        for (size_t j = 0; j < g->ny; j++)
            for (size_t i = 0; i < g->nx; i++) {
                size_t b = rm_grid_index(g, i, j, k);
                if (isnan(d.srey[b]) || isnan(d.mud[b]))
                    continue;
                double w = f * d.mud[b], reo = 0;
                s->total_mud_t += w;
                srey_t += w * d.srey[b];
                for (int e = 0; e < RM_NREY; e++) {
                    double o = w * d.ppm[e][b] * PPM * rm_element(e)->oxide_factor;
                    s->oxide_t[e] += o;
                    reo += o;
                }
                s->total_reo_t += reo;
                int c = class_of(&d, b);
                s->class_mud_t[c] += w;
                s->class_reo_t[c] += reo;
            }
    }
    s->mean_srey_ppm = s->total_mud_t > 0 ? srey_t / s->total_mud_t : NAN;
    return RM_OK;
}

rm_status rm_resource_check_truth(const rm_blockmodel *est, const rm_blockmodel *truth,
                                  double top_mbsf, double bottom_mbsf, rm_truth_check *out,
                                  rm_error *err)
{
    memset(out, 0, sizeof *out);
    const rm_grid *g = &est->grid, *h = &truth->grid;
    if (g->nx != h->nx || g->ny != h->ny || g->nz != h->nz || fabs(g->x0 - h->x0) > 1e-6 ||
        fabs(g->y0 - h->y0) > 1e-6 || fabs(g->z0 - h->z0) > 1e-9 ||
        fabs(g->dx - h->dx) > 1e-9 || fabs(g->dy - h->dy) > 1e-9 || fabs(g->dz - h->dz) > 1e-9)
        return rm_error_set(err, RM_EINVAL,
                            "estimate and truth grids differ (%zu x %zu x %zu vs %zu x %zu x "
                            "%zu blocks, or origin/size)",
                            g->nx, g->ny, g->nz, h->nx, h->ny, h->nz);
    derived d;
    rm_status st = get_derived(est, &d, err);
    if (st)
        return st;
    const double *tppm[RM_NREY];
    for (int e = 0; e < RM_NREY; e++) {
        char name[64];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        if (!(tppm[e] = rm_blockmodel_get(truth, name)))
            return rm_error_set(err, RM_EINVAL, "truth has no field %s", name);
    }
    double se[RM_NCLASS + 1] = {0}, stru[RM_NCLASS + 1] = {0};
    for (size_t k = 0; k < g->nz; k++) {
        double f = rm_gt_layer_fraction(g, k, top_mbsf, bottom_mbsf);
        if (f <= 0)
            continue;
        for (size_t b = k * g->nx * g->ny; b < (k + 1) * g->nx * g->ny; b++) {
            if (isnan(d.srey[b]) || isnan(d.mud[b]))
                continue;
            double ts = 0;
            for (int e = 0; e < RM_NREY; e++)
                ts += tppm[e][b];
            if (isnan(ts))
                continue;
            double w = f * d.mud[b];
            int c = class_of(&d, b);
            for (int q = 0; q < 2; q++) {
                int i = q ? c : 0;
                if (q && !c)
                    continue;
                out->mud_t[i] += w;
                se[i] += w * d.srey[b];
                stru[i] += w * ts;
            }
        }
    }
    for (int i = 0; i <= RM_NCLASS; i++) {
        out->est_mean_srey_ppm[i] = out->mud_t[i] > 0 ? se[i] / out->mud_t[i] : NAN;
        out->truth_mean_srey_ppm[i] = out->mud_t[i] > 0 ? stru[i] / out->mud_t[i] : NAN;
    }
    return RM_OK;
}
