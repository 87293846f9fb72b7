/* support.c — global change of support: the grade–tonnage curve of block
 * grades from the declustered composites and the variogram.
 *
 * Kriged blocks vary less than true blocks (the information effect added to
 * the support effect), so the kriged curve is not the curve of what a
 * selective miner of blocks would find.  The distribution of true block
 * grades has the composites' mean and a smaller variance, fixed by Krige's
 * relation between dispersion variances:
 *     D²(v|A) = γ̄(A,A) − γ̄(v,v)            (Journel & Huijbregts 1978, eq. II.38)
 * Two ways of reshaping the composite histogram to that variance:
 *
 *   affine  z_v = f (z − m) + m,  f² = D²(v|A) / D²(s|A)
 *       (Isaaks & Srivastava 1989, An Introduction to Applied Geostatistics,
 *       ch. 19, "Change of support", the affine correction).  Keeps the shape
 *       of the histogram; right for small changes of variance.
 *   dgm     discrete Gaussian model: z = φ(Y) = Σ φ_k η_k(Y) (Hermite
 *       expansion of the anamorphosis), z_v = φ_v(Y_v) = Σ φ_k r^k η_k(Y_v),
 *       Var z_v = Σ_{k>=1} φ_k² r^{2k}  (Rivoirard 1994, Introduction to
 *       Disjunctive Kriging and Non-linear Geostatistics, ch. 7; Chilès &
 *       Delfiner 2012, Geostatistics, 2nd ed., §6.8.2).  Makes the block
 *       histogram more symmetric as the variance falls, as averaging does.
 *
 * The samples are composites (a vertical segment of one composite length,
 * not points), so f² is the ratio of two dispersion variances, D²(v|A) over
 * D²(s|A) = γ̄(A,A) − γ̄(s,s), both from the same model: its units cancel and
 * a standardised model serves.  The deposit is layered (mean and variance
 * change tenfold with depth), so the correction is made per depth slice of
 * one composite length, as the variogram's horizontal part is fitted on
 * per-slice standardised values (the proportional effect: each slice's
 * variogram is the model's shape scaled to the slice's variance), and the
 * slices are summed.  Each slice's tonnes are the block model's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>

#include "gt_internal.h"

/* ---- γ̄ of a box ---- */

rm_status rm_vgm_gammabar_box(const rm_vgm_model *m, const double size_m[3], const int n[3],
                              double *gammabar, rm_error *err)
{
    int extended = 0;
    for (int a = 0; a < 3; a++) {
        if (!(size_m[a] >= 0) || !isfinite(size_m[a]))
            return rm_error_set(err, RM_EINVAL, "support size %g along axis %d is invalid",
                                size_m[a], a);
        if (n[a] < 1 || n[a] > 1000)
            return rm_error_set(err, RM_EINVAL, "discretisation %d along axis %d is outside "
                                "1..1000", n[a], a);
        if (size_m[a] == 0 && n[a] != 1)
            return rm_error_set(err, RM_EINVAL, "axis %d has no extent but %d points", a,
                                n[a]);
        extended |= size_m[a] > 0;
    }
    if (!extended) {
        *gammabar = 0;
        return RM_OK;
    }
    /* The structures with a range, discretised; the nugget added whole. */
    rm_vgm_model s;
    rm_vgm_init(&s);
    for (int q = 0; q < m->n; q++)
        if (m->s[q].type->has_range)
            s.s[s.n++] = m->s[q];
    double sum = 0;
    if (s.n) {
        double h[3];
        for (int a = 0; a < 3; a++)
            h[a] = size_m[a] / n[a];
        /* Pairs (i, j) of grid points at lag d = i − j along an axis number
         * n − |d|: sum over lag vectors instead of over pairs. */
        for (int dz = -(n[2] - 1); dz <= n[2] - 1; dz++) {
            double cz = n[2] - abs(dz);
            for (int dy = -(n[1] - 1); dy <= n[1] - 1; dy++) {
                double cyz = cz * (n[1] - abs(dy));
                for (int dx = -(n[0] - 1); dx <= n[0] - 1; dx++)
                    sum += cyz * (n[0] - abs(dx)) *
                           rm_vgm_gamma(&s, dx * h[0], dy * h[1], dz * h[2]);
            }
        }
        double np = (double)n[0] * n[1] * n[2];
        sum /= np * np;
    }
    *gammabar = sum + rm_vgm_nugget(m);
    return RM_OK;
}

/* Points per axis for a box: 1 on an axis of no extent. */
static void discr_of(const double size_m[3], int per_axis_xy, int per_axis_z, int n[3])
{
    n[0] = size_m[0] > 0 ? per_axis_xy : 1;
    n[1] = size_m[1] > 0 ? per_axis_xy : 1;
    n[2] = size_m[2] > 0 ? per_axis_z : 1;
}

rm_status rm_support_affine_factor(const rm_vgm_model *m, const double sample_m[3],
                                   const double block_m[3], const double domain_m[3],
                                   rm_support_factor *out, rm_error *err)
{
    memset(out, 0, sizeof *out);
    int ns[3], nv[3], na[3];
    discr_of(sample_m, RM_SUPPORT_DISCR, RM_SUPPORT_DISCR, ns);
    discr_of(block_m, RM_SUPPORT_DISCR, RM_SUPPORT_DISCR, nv);
    discr_of(domain_m, RM_SUPPORT_DISCR_DOMAIN, RM_SUPPORT_DISCR, na);
    rm_status st;
    if ((st = rm_vgm_gammabar_box(m, sample_m, ns, &out->gammabar_sample, err)) ||
        (st = rm_vgm_gammabar_box(m, block_m, nv, &out->gammabar_block, err)) ||
        (st = rm_vgm_gammabar_box(m, domain_m, na, &out->gammabar_domain, err)))
        return st;
    double ds = out->gammabar_domain - out->gammabar_sample; /* D²(s|A) */
    double dv = out->gammabar_domain - out->gammabar_block;  /* D²(v|A) */
    if (!(ds > 0))
        return rm_error_set(err, RM_EINVAL, "the domain (%g x %g x %g m) shows no more "
                            "variance than a sample (%g x %g x %g m) under the model",
                            domain_m[0], domain_m[1], domain_m[2], sample_m[0], sample_m[1],
                            sample_m[2]);
    if (dv < 0)
        return rm_error_set(err, RM_EINVAL, "blocks (%g x %g x %g m) vary more within "
                            "themselves than the domain (%g x %g x %g m)", block_m[0],
                            block_m[1], block_m[2], domain_m[0], domain_m[1], domain_m[2]);
    out->f2 = dv / ds;
    out->f = sqrt(out->f2);
    return RM_OK;
}

rm_status rm_support_affine(const double *z, const double *w, size_t n, double f, double *out,
                            double *mean, size_t *n_clamped, rm_error *err)
{
    if (n == 0)
        return rm_error_set(err, RM_EINVAL, "affine correction of no values");
    if (!(f >= 0) || !isfinite(f))
        return rm_error_set(err, RM_EINVAL, "affine factor %g is not >= 0", f);
    double sw = 0, sz = 0;
    for (size_t i = 0; i < n; i++) {
        double wi = w ? w[i] : 1.0;
        sw += wi;
        sz += wi * z[i];
    }
    if (!(sw > 0))
        return rm_error_set(err, RM_EINVAL, "weights sum to %g", sw);
    double m = sz / sw;
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        double v = f * (z[i] - m) + m; /* the affine correction */
        if (v < 0) {
            v = 0;
            nc++;
        }
        out[i] = v;
    }
    if (mean)
        *mean = m;
    if (n_clamped)
        *n_clamped = nc;
    return RM_OK;
}

/* ---- Discrete Gaussian model ---- */

/* η_0 … η_{K-1} at y: η_{k+1} = (y η_k − √k η_{k−1}) / √(k+1). */
static void hermite(double y, int K, double *eta)
{
    eta[0] = 1;
    if (K > 1)
        eta[1] = y;
    for (int k = 1; k + 1 < K; k++)
        eta[k + 1] = (y * eta[k] - sqrt((double)k) * eta[k - 1]) / sqrt((double)k + 1);
}

rm_status rm_dgm_fit(const double *z, const double *w, size_t n, int n_terms, rm_dgm *d,
                     rm_error *err)
{
    memset(d, 0, sizeof *d);
    if (n < 2)
        return rm_error_set(err, RM_EINVAL, "a Hermite anamorphosis needs 2 or more values");
    if (n_terms < 2 || n_terms > RM_DGM_MAX_TERMS)
        return rm_error_set(err, RM_EINVAL, "Hermite terms %d outside 2..%d", n_terms,
                            RM_DGM_MAX_TERMS);
    size_t *idx = malloc(n * sizeof *idx);
    if (!idx)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    gsl_sort_index(idx, z, 1, n);
    double sw = 0, sz = 0;
    for (size_t i = 0; i < n; i++) {
        double wi = w ? w[i] : 1.0;
        if (!(wi >= 0) || !isfinite(z[i])) {
            free(idx);
            return rm_error_set(err, RM_EINVAL, "value %zu or its weight is invalid", i);
        }
        sw += wi;
        sz += wi * z[i];
    }
    if (!(sw > 0)) {
        free(idx);
        return rm_error_set(err, RM_EINVAL, "weights sum to %g", sw);
    }
    d->n_terms = n_terms;
    d->phi[0] = sz / sw;
    double sv = 0;
    for (size_t i = 0; i < n; i++)
        sv += (w ? w[i] : 1.0) * (z[i] - d->phi[0]) * (z[i] - d->phi[0]);
    d->sample_var = sv / sw;
    /* The step anamorphosis φ(y) = z_(i) for F(y) in (F_{i−1}, F_i] jumps by
     * z_(i+1) − z_(i) at y_i = G⁻¹(F_i).  With η_k g = −(η_{k−1} g)' / √k
     * (g the standard normal density), integration by parts gives
     *     φ_k = E[φ(Y) η_k(Y)] = (1/√k) Σ_i (z_(i+1) − z_(i)) η_{k−1}(y_i) g(y_i)
     * (Rivoirard 1994, ch. 7; Chilès & Delfiner 2012, §6.2.3). */
    double eta[RM_DGM_MAX_TERMS];
    double F = 0;
    for (size_t q = 0; q + 1 < n; q++) {
        F += (w ? w[idx[q]] : 1.0) / sw;
        double jump = z[idx[q + 1]] - z[idx[q]];
        if (!(jump > 0) || F <= 0 || F >= 1)
            continue;
        double y = gsl_cdf_ugaussian_Pinv(F);
        double g = exp(-0.5 * y * y) / sqrt(2 * M_PI);
        hermite(y, n_terms - 1, eta);
        for (int k = 1; k < n_terms; k++)
            d->phi[k] += jump * eta[k - 1] * g / sqrt((double)k);
    }
    free(idx);
    for (int k = 1; k < n_terms; k++)
        d->var += d->phi[k] * d->phi[k];
    d->r = 1;
    return RM_OK;
}

/* Block variance Σ_{k>=1} φ_k² r^{2k} of the discrete Gaussian model at r. */
static double dgm_var(const rm_dgm *d, double r)
{
    double v = 0, r2 = r * r, p = 1;
    for (int k = 1; k < d->n_terms; k++) {
        p *= r2;
        v += d->phi[k] * d->phi[k] * p;
    }
    return v;
}

rm_status rm_dgm_set_block_var(rm_dgm *d, double block_var, rm_error *err)
{
    if (!(block_var >= 0) || !isfinite(block_var))
        return rm_error_set(err, RM_EINVAL, "block variance %g is not >= 0", block_var);
    d->r_capped = 0;
    if (block_var >= d->var) {
        d->r = 1;
        d->r_capped = block_var > d->var * (1 + 1e-12);
        return RM_OK;
    }
    /* Var Z_v(r) increases with r from 0 to d->var: bisection. */
    double lo = 0, hi = 1;
    for (int it = 0; it < 100 && hi - lo > 1e-14; it++) {
        double mid = 0.5 * (lo + hi);
        if (dgm_var(d, mid) < block_var)
            lo = mid;
        else
            hi = mid;
    }
    d->r = 0.5 * (lo + hi);
    return RM_OK;
}

void rm_dgm_above(const rm_dgm *d, double zc, double *proportion, double *mean_grade)
{
    /* Midpoint rule on |y| <= 8 (the normal mass beyond is 1.2e-15). */
    enum { NY = 4000 };
    const double ymax = 8, dy = 2 * ymax / NY;
    double eta[RM_DGM_MAX_TERMS], rk[RM_DGM_MAX_TERMS];
    rk[0] = 1;
    for (int k = 1; k < d->n_terms; k++)
        rk[k] = rk[k - 1] * d->r;
    double p = 0, q = 0;
    for (int j = 0; j < NY; j++) {
        double y = -ymax + (j + 0.5) * dy;
        hermite(y, d->n_terms, eta);
        double zv = 0;
        for (int k = 0; k < d->n_terms; k++)
            zv += d->phi[k] * rk[k] * eta[k];
        if (zv < zc)
            continue;
        double g = exp(-0.5 * y * y) / sqrt(2 * M_PI) * dy;
        p += g;
        q += g * zv;
    }
    *proportion = p;
    *mean_grade = p > 0 ? q / p : NAN;
}

/* ---- The block-support grade–tonnage curve ---- */

void rm_support_spec_default(rm_support_spec *s)
{
    s->method = RM_SUPPORT_AFFINE;
    s->per_slice = 1;
    s->mean_from_blocks = 1;
    s->dgm_terms = 30;
}

void rm_support_info_free(rm_support_info *info)
{
    if (!info)
        return;
    free(info->slices);
    info->slices = NULL;
    info->n_slices = 0;
}

/* Add w tonnes at ΣREY s with element grades ppm[] into row r (sums; the
 * means are made by rm_gt_row_finish). */
static void row_add(rm_gt_row *r, double w, double s, const double *ppm, double units)
{
    r->tonnes += w;
    r->n_units += units;
    r->mean_srey_ppm += w * s;
    for (int e = 0; e < RM_NREY; e++)
        r->mean_ppm[e] += w * ppm[e];
}

/* One slice's samples: ΣREY, weight, composition (element share of ΣREY). */
typedef struct slice_data {
    size_t n;
    double *z, *w, *share; /* share: n × RM_NREY */
    double mean_share[RM_NREY];
} slice_data;

typedef struct block_fields {
    const double *srey, *mud, *ppm[RM_NREY];
} block_fields;

/* The kriged blocks of a slice straight into rows (a slice without
 * composites to correct). */
static void slice_from_blocks(const rm_blockmodel *bm, const block_fields *bf, double top,
                              double bottom, const rm_gt_spec *spec, rm_gt_row *rows)
{
    const rm_grid *g = &bm->grid;
    double ppm[RM_NREY];
    for (size_t k = 0; k < g->nz; k++) {
        double f = rm_gt_layer_fraction(g, k, top, bottom);
        if (f <= 0)
            continue;
        for (size_t b = k * g->nx * g->ny; b < (k + 1) * g->nx * g->ny; b++) {
            if (isnan(bf->srey[b]) || isnan(bf->mud[b]))
                continue;
            for (int e = 0; e < RM_NREY; e++)
                ppm[e] = bf->ppm[e][b];
            for (size_t c = 0; c < spec->n_cutoffs; c++)
                if (bf->srey[b] >= spec->cutoffs_ppm[c])
                    row_add(&rows[c], f * bf->mud[b], bf->srey[b], ppm, f);
        }
    }
}

/* Affine: each composite moves to z_v and keeps its composition. */
static rm_status slice_affine(const slice_data *s, double mud_t, double f, const rm_gt_spec *spec,
                              rm_gt_row *rows, rm_error *err)
{
    double *zv = malloc(s->n * sizeof *zv);
    if (!zv)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    rm_status st = rm_support_affine(s->z, s->w, s->n, f, zv, NULL, NULL, err);
    double sw = 0;
    for (size_t i = 0; i < s->n; i++)
        sw += s->w[i];
    double ppm[RM_NREY];
    for (size_t i = 0; i < s->n && !st; i++) {
        double t = mud_t * s->w[i] / sw;
        for (int e = 0; e < RM_NREY; e++)
            ppm[e] = zv[i] * s->share[i * RM_NREY + e];
        for (size_t c = 0; c < spec->n_cutoffs; c++)
            if (zv[i] >= spec->cutoffs_ppm[c])
                row_add(&rows[c], t, zv[i], ppm, 1);
    }
    free(zv);
    return st;
}

/* DGM: tonnes and grade from the block anamorphosis, composition of the
 * composites at or above the cut-off (the richest one's above them all). */
static rm_status slice_dgm(const slice_data *s, double mud_t, double f2, int terms,
                           const rm_gt_spec *spec, rm_gt_row *rows, double *r_out,
                           rm_error *err)
{
    rm_dgm d;
    rm_status st = rm_dgm_fit(s->z, s->w, s->n, terms, &d, err);
    if (!st)
        st = rm_dgm_set_block_var(&d, f2 * d.var, err);
    if (st)
        return st;
    *r_out = d.r;
    size_t top = 0;
    for (size_t i = 1; i < s->n; i++)
        if (s->z[i] > s->z[top])
            top = i;
    for (size_t c = 0; c < spec->n_cutoffs; c++) {
        double p, mean;
        rm_dgm_above(&d, spec->cutoffs_ppm[c], &p, &mean);
        if (!(p > 0))
            continue;
        double share[RM_NREY] = {0}, sw = 0;
        for (size_t i = 0; i < s->n; i++)
            if (s->z[i] >= spec->cutoffs_ppm[c]) {
                sw += s->w[i] * s->z[i];
                for (int e = 0; e < RM_NREY; e++)
                    share[e] += s->w[i] * s->z[i] * s->share[i * RM_NREY + e];
            }
        double ppm[RM_NREY];
        for (int e = 0; e < RM_NREY; e++)
            ppm[e] = mean * (sw > 0 ? share[e] / sw : s->share[top * RM_NREY + e]);
        row_add(&rows[c], mud_t * p, mean, ppm, p * (double)s->n);
    }
    return RM_OK;
}

rm_status rm_gradetonnage_support(const rm_blockmodel *bm, const rm_composites *c,
                                  const rm_vgm_model *m, const rm_gt_spec *spec,
                                  const rm_support_spec *sup, rm_gt_table *t,
                                  rm_support_info *info, rm_error *err)
{
    if (info)
        memset(info, 0, sizeof *info);
    if (spec->n_cutoffs == 0 || !spec->cutoffs_ppm)
        return rm_error_set(err, RM_EINVAL, "grade-tonnage needs at least one cut-off");
    if (!(spec->bottom_mbsf > spec->top_mbsf))
        return rm_error_set(err, RM_EINVAL, "reporting interval %g-%g mbsf is empty",
                            spec->top_mbsf, spec->bottom_mbsf);
    if (sup->method != RM_SUPPORT_AFFINE && sup->method != RM_SUPPORT_DGM)
        return rm_error_set(err, RM_EINVAL, "unknown change-of-support method %d",
                            sup->method);
    if (!(c->length_m > 0) || !c->srey_ppm)
        return rm_error_set(err, RM_EINVAL, "composites lack a length or SREY");
    block_fields bf;
    bf.srey = rm_blockmodel_get(bm, "SREY_ppm");
    bf.mud = rm_blockmodel_get(bm, "mud_t");
    for (int e = 0; e < RM_NREY; e++) {
        char name[64];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        bf.ppm[e] = rm_blockmodel_get(bm, name);
        if (!bf.ppm[e])
            return rm_error_set(err, RM_EINVAL, "block model has no field %s", name);
        if (!c->grade_ppm[e])
            return rm_error_set(err, RM_EINVAL, "composites have no %s",
                                rm_element(e)->symbol);
    }
    if (!bf.srey || !bf.mud)
        return rm_error_set(err, RM_EINVAL,
                            "block model lacks SREY_ppm or mud_t (run rm_resource_derive)");

    const rm_grid *g = &bm->grid;
    double L = c->length_m;
    size_t k0 = 0, k1 = 1;
    if (sup->per_slice) {
        k0 = (size_t)floor(fmax(spec->top_mbsf, 0) / L + 1e-9);
        k1 = (size_t)ceil(spec->bottom_mbsf / L - 1e-9);
    }
    size_t nsl = k1 > k0 ? k1 - k0 : 0, nc = spec->n_cutoffs;
    rm_gt_row *rows = realloc(t->rows, (t->n + nc) * sizeof *rows);
    if (!rows)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    t->rows = rows;
    rm_gt_row *out = &t->rows[t->n];
    memset(out, 0, nc * sizeof *out);
    for (size_t q = 0; q < nc; q++) {
        out[q].basis = sup->method == RM_SUPPORT_DGM ? RM_GT_DGM : RM_GT_AFFINE;
        out[q].cutoff_ppm = spec->cutoffs_ppm[q];
    }
    rm_support_slice *sl = calloc(nsl ? nsl : 1, sizeof *sl);
    slice_data s = {0};
    s.z = malloc((c->n ? c->n : 1) * sizeof *s.z);
    s.w = malloc((c->n ? c->n : 1) * sizeof *s.w);
    s.share = malloc((c->n ? c->n : 1) * RM_NREY * sizeof *s.share);
    rm_status st = RM_OK;
    if (!sl || !s.z || !s.w || !s.share)
        st = rm_error_set(err, RM_ENOMEM, "out of memory");

    for (size_t q = 0; q < nsl && !st; q++) {
        rm_support_slice *x = &sl[q];
        x->top_mbsf = sup->per_slice ? fmax(spec->top_mbsf, (double)(k0 + q) * L)
                                     : spec->top_mbsf;
        x->bottom_mbsf = sup->per_slice ? fmin(spec->bottom_mbsf, (double)(k0 + q + 1) * L)
                                        : spec->bottom_mbsf;
        x->dgm_r = NAN;
        for (size_t k = 0; k < g->nz; k++) {
            double f = rm_gt_layer_fraction(g, k, x->top_mbsf, x->bottom_mbsf);
            if (f <= 0)
                continue;
            for (size_t b = k * g->nx * g->ny; b < (k + 1) * g->nx * g->ny; b++)
                if (!isnan(bf.srey[b]) && !isnan(bf.mud[b]))
                    x->mud_t += f * bf.mud[b];
        }
        /* The composites of the slice (per slice: those starting in it;
         * global: those centred in the interval), weighted by declustering
         * weight × assayed length. */
        s.n = 0;
        double sw = 0, sz = 0;
        memset(s.mean_share, 0, sizeof s.mean_share);
        for (size_t i = 0; i < c->n; i++) {
            double mid = 0.5 * (c->from_m[i] + c->to_m[i]);
            int in = sup->per_slice
                         ? (size_t)floor(c->from_m[i] / L + 1e-6) == k0 + q
                         : mid >= spec->top_mbsf && mid < spec->bottom_mbsf;
            double w = (c->weight ? c->weight[i] : 1.0) * c->coverage_m[i];
            if (!in || !isfinite(c->srey_ppm[i]) || !(w > 0))
                continue;
            s.z[s.n] = c->srey_ppm[i];
            s.w[s.n] = w;
            for (int e = 0; e < RM_NREY; e++) {
                double v = c->srey_ppm[i] > 0 ? c->grade_ppm[e][i] / c->srey_ppm[i]
                                              : 1.0 / RM_NREY;
                s.share[s.n * RM_NREY + e] = v;
                s.mean_share[e] += w * c->grade_ppm[e][i];
            }
            sw += w;
            sz += w * c->srey_ppm[i];
            s.n++;
        }
        x->n_samples = s.n;
        x->mean_ppm = s.n ? sz / sw : NAN;
        x->var_ppm2 = NAN;
        if (s.n >= 2) {
            double sv = 0;
            for (size_t i = 0; i < s.n; i++)
                sv += s.w[i] * (s.z[i] - x->mean_ppm) * (s.z[i] - x->mean_ppm);
            x->var_ppm2 = sv / sw;
        }
        /* A composite with ΣREY 0 borrows the slice's mean composition. */
        for (size_t i = 0; i < s.n; i++)
            if (!(s.z[i] > 0))
                for (int e = 0; e < RM_NREY; e++)
                    s.share[i * RM_NREY + e] = sz > 0 ? s.mean_share[e] / sz : 1.0 / RM_NREY;
        /* The kriged blocks' mean of the slice: kriging weights decluster the
         * cores spatially, so by default the composites are rescaled to it
         * (z × m_kriged / m_composites keeps their coefficient of variation,
         * the proportional effect). */
        double kt = 0, ks = 0;
        for (size_t k = 0; k < g->nz; k++) {
            double f = rm_gt_layer_fraction(g, k, x->top_mbsf, x->bottom_mbsf);
            if (f <= 0)
                continue;
            for (size_t b = k * g->nx * g->ny; b < (k + 1) * g->nx * g->ny; b++)
                if (!isnan(bf.srey[b]) && !isnan(bf.mud[b]))
                    kt += f * bf.mud[b], ks += f * bf.mud[b] * bf.srey[b];
        }
        x->kriged_mean_ppm = kt > 0 ? ks / kt : NAN;
        x->scale = 1;
        if (s.n < 2 || !(x->mud_t > 0)) {
            x->from_blocks = s.n < 2;
            if (x->mud_t > 0)
                slice_from_blocks(bm, &bf, x->top_mbsf, x->bottom_mbsf, spec, out);
            continue;
        }
        if (sup->mean_from_blocks && sz > 0) {
            x->scale = x->kriged_mean_ppm / x->mean_ppm;
            for (size_t i = 0; i < s.n; i++)
                s.z[i] *= x->scale;
        }

        double sample_m[3] = {0, 0, L};
        double block_m[3] = {g->dx, g->dy, g->dz};
        double domain_m[3] = {g->dx * g->nx, g->dy * g->ny, x->bottom_mbsf - x->top_mbsf};
        if ((st = rm_support_affine_factor(m, sample_m, block_m, domain_m, &x->factor, err)))
            break;
        if (sup->method == RM_SUPPORT_AFFINE)
            st = slice_affine(&s, x->mud_t, x->factor.f, spec, out, err);
        else
            st = slice_dgm(&s, x->mud_t, x->factor.f2, sup->dgm_terms, spec, out, &x->dgm_r,
                           err);
    }
    free(s.z), free(s.w), free(s.share);
    if (st) {
        free(sl);
        return st;
    }
    for (size_t q = 0; q < nc; q++)
        rm_gt_row_finish(&out[q]);
    t->n += nc;
    if (info) {
        info->slices = sl;
        info->n_slices = nsl;
    } else {
        free(sl);
    }
    return RM_OK;
}
