/* variogram_auto.c — automatic variogram of a layered deposit sampled by
 * vertical cores (rm_vgm_autofit_layered; docs/resource.md, "model = auto").
 *
 * Piston cores are vertical, kilometres apart and sampled every metre or
 * less.  The two scales are seen by different pairs, so two experimental
 * variograms are computed and fitted separately (the practice for drill-hole
 * data: downhole variogram for the nugget and the vertical range,
 * "horizontal" variograms within a layer for the lateral ranges; Isaaks &
 * Srivastava 1989, ch. 7; Sinclair & Blackwell 2002, Applied Mineral
 * Inventory Estimation, ch. 9):
 *
 *   horizontal  γ_h(h) = Σ_s Σ_{pairs in slice s, |x_i − x_j| ≈ h} (v_i − v_j)² / 2N(h)
 *               pairs of different cores in one depth slice, pooled over the
 *               slices with pair-count weights.  By default each slice is
 *               standardised first, v' = (v − m_s)/σ_s: the mean of the
 *               slice drops out of a within-slice difference anyway, but the
 *               variance does not — REY-rich layers vary ten times more than
 *               the low-grade cover, and without it the few rich slices
 *               decide the shape (a proportional effect; Journel &
 *               Huijbregts 1978, §III.B.5, "relative variograms").  The
 *               standardised sill is brought back to value units by the
 *               pooled within-slice variance (h_scale).
 *   downhole    γ_v(dz) over pairs within one core.
 *
 * Each is fitted with c0 Nug + c Sph(a) by weighted least squares with
 * gstat's weights N_j/h_j² (rm_vgm_fit).  A least-squares range is badly
 * determined when the experimental points still rise at the cutoff, so the
 * fit is a profile: the sills are fitted (linear in the sills) at each range
 * of a log grid between bounds, the best range starts a free fit, and the
 * free fit is kept only if it stays inside the bounds and does not worsen
 * the weighted sum of squares.  Fallbacks (recorded in info):
 *   profile  the free fit failed: the best range of the grid;
 *   capped   the best range is the upper bound (h_range_max_factor × cutoff
 *            horizontally, 2 × cutoff downhole): the variogram still rises,
 *            a trend that the data cannot tell from a longer range; the
 *            range is not allowed to run off;
 *   default  fewer than 2 lags with pairs: range = cutoff / 2, sill = the
 *            mean semivariance.
 *
 * The nugget comes from the downhole fit — only the cores sample the short
 * scale; the nearest cores are kilometres apart — and is held fixed in the
 * horizontal fit.  A nugget above the first horizontal lag's semivariance
 * would contradict it and is lowered to it (nugget_capped).  The model is
 *     c0 Nug + ch Sph(ah, ah, av) + cz Sph(A, A, av),  A = zonal_range_m,
 * with ch the horizontal partial sill and cz what the downhole sill has
 * beyond c0 + ch: variance along the cores that is not seen laterally, a
 * zonal (vertical-only) component of a layered deposit (Journel &
 * Huijbregts 1978, §III.B.4; Tanaka et al. 2020's correlatable REY peaks).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/variogram.h"

const char *rm_vgm_autofit_method_name(int method)
{
    switch (method) {
    case RM_VGM_AUTOFIT_FREE: return "free";
    case RM_VGM_AUTOFIT_PROFILE: return "profile";
    case RM_VGM_AUTOFIT_CAPPED: return "capped";
    default: return "default";
    }
}

void rm_vgm_autofit_options_default(rm_vgm_autofit_options *o)
{
    memset(o, 0, sizeof *o);
    o->slice_m = 1.0;
    o->v_cutoff_m = 5.0;
    o->standardise_slices = 1;
    o->h_range_max_factor = 1.0;
}

/* Add an experimental variogram into a part's sums (np, np·dist, np·γ). */
static void part_add(rm_vgm_autofit_part *p, const rm_vario *v)
{
    size_t nb = v->n_bins < p->n_bins ? v->n_bins : p->n_bins;
    for (size_t b = 0; b < nb; b++) {
        if (!(v->np[b] > 0))
            continue;
        p->np[b] += v->np[b];
        p->dist[b] += v->np[b] * v->dist[b];
        p->gamma[b] += v->np[b] * v->gamma[b];
    }
}

/* Turns a part's sums (np, np·dist, np·γ) into pair-weighted mean distance and γ per
 * bin; bins without pairs keep zeros. */
static void part_finish(rm_vgm_autofit_part *p)
{
    for (size_t b = 0; b < p->n_bins; b++)
        if (p->np[b] > 0) {
            p->dist[b] /= p->np[b];
            p->gamma[b] /= p->np[b];
        }
}

/* An rm_vario over p's arrays (no copy, valid while p is); dist and γ are means only
 * after part_finish. */
static rm_vario part_view(rm_vgm_autofit_part *p)
{
    rm_vario v = {.n_bins = p->n_bins, .np = p->np, .dist = p->dist, .gamma = p->gamma};
    return v;
}

/* Nug + Sph model with the given sills and range. */
static void nug_sph(rm_vgm_model *m, double c0, double c1, double a)
{
    rm_vgm_init(m);
    rm_vgm_add(m, rm_vgm_nug, c0, NULL, 0, NULL, 0, NULL);
    rm_vgm_add(m, rm_vgm_sph, c1, &a, 1, NULL, 0, NULL);
}

/* Fit c0 Nug + c Sph(a) to p with a in [a_lo, a_hi]; the nugget is held at
 * fixed_nugget unless that is NAN.  Fills p's nugget, sill, range, wss,
 * method. */
static void part_fit(rm_vgm_autofit_part *p, double fixed_nugget, double a_lo, double a_hi,
                     double a_default)
{
    rm_vario v = part_view(p);
    double n = 0, s = 0;
    size_t used = 0;
    for (size_t b = 0; b < p->n_bins; b++)
        if (p->np[b] > 0 && p->dist[b] > 0) {
            n += p->np[b];
            s += p->np[b] * p->gamma[b];
            used++;
        }
    double mean_gamma = n > 0 ? s / n : 1.0;
    double c0_start = isnan(fixed_nugget) ? 0.1 * mean_gamma : fixed_nugget;
    p->nugget = c0_start;
    p->sill = fmax(mean_gamma - c0_start, 0.0);
    p->range = a_default;
    p->wss = NAN;
    p->method = RM_VGM_AUTOFIT_DEFAULT;
    size_t n_free = isnan(fixed_nugget) ? 2 : 1;
    if (used < n_free + 1)
        return;

    /* Profile over the range: sills by WLS at each fixed range. */
    int fix_range[2] = {isnan(fixed_nugget) ? 0 : RM_VGM_FIX_SILL, RM_VGM_FIX_RANGE};
    const int Q = 48;
    double best = INFINITY, best_a = a_default, best_c0 = c0_start, best_c1 = p->sill;
    for (int q = 0; q <= Q; q++) {
        double a = a_lo * pow(a_hi / a_lo, (double)q / Q);
        rm_vgm_model m;
        nug_sph(&m, c0_start, fmax(mean_gamma - c0_start, 1e-3 * mean_gamma), a);
        rm_vgm_fit_info fi;
        if (rm_vgm_fit(&m, &v, fix_range, &fi, NULL) != RM_OK)
            continue;
        if (fi.wss < best) {
            best = fi.wss;
            best_a = a;
            best_c0 = m.s[0].sill;
            best_c1 = m.s[1].sill;
        }
    }
    if (isinf(best))
        return;
    p->nugget = best_c0, p->sill = best_c1, p->range = best_a, p->wss = best;
    p->method = RM_VGM_AUTOFIT_PROFILE;

    /* Free fit from the best grid point. */
    int fix_free[2] = {isnan(fixed_nugget) ? 0 : RM_VGM_FIX_SILL, 0};
    rm_vgm_model m;
    nug_sph(&m, best_c0, best_c1 > 0 ? best_c1 : 1e-3 * mean_gamma, best_a);
    rm_vgm_fit_info fi;
    if (rm_vgm_fit(&m, &v, fix_free, &fi, NULL) == RM_OK && m.s[1].range[0] >= a_lo &&
        m.s[1].range[0] <= a_hi && m.s[0].sill >= 0 && m.s[1].sill >= 0 &&
        fi.wss <= best * (1 + 1e-9)) {
        p->nugget = m.s[0].sill, p->sill = m.s[1].sill, p->range = m.s[1].range[0];
        p->wss = fi.wss;
        p->method = RM_VGM_AUTOFIT_FREE;
    }
    /* Within a grid step of the upper bound: the experimental variogram
     * still rises at the cutoff. */
    if (p->range >= a_hi * pow(a_hi / a_lo, -1.0 / Q) * (1 - 1e-9))
        p->method = RM_VGM_AUTOFIT_CAPPED;
}

/* Samples ordered by a long key. */
typedef struct keyed {
    long key;
    size_t i;
} keyed;

/* qsort order of keyed samples by key, then sample index (a total order). */
static int keyed_cmp(const void *a, const void *b)
{
    const keyed *p = a, *q = b;
    if (p->key != q->key)
        return p->key < q->key ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

typedef struct xy_index {
    double x, y;
    size_t i;
} xy_index;

/* qsort order of samples by x, then y, then index (a total order). */
static int xy_cmp(const void *a, const void *b)
{
    const xy_index *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

/* Core ids from identical (x, y). */
static rm_status group_by_position(const double *x, const double *y, size_t n, long *hole,
                                   rm_error *err)
{
    xy_index *t = malloc(n * sizeof *t);
    if (!t)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        t[i] = (xy_index){x[i], y[i], i};
    qsort(t, n, sizeof *t, xy_cmp);
    long id = -1;
    for (size_t k = 0; k < n; k++) {
        if (k == 0 || t[k].x != t[k - 1].x || t[k].y != t[k - 1].y)
            id++;
        hole[t[k].i] = id;
    }
    free(t);
    return RM_OK;
}

/* Horizontal variogram pooled over depth slices (into info->horizontal). */
static rm_status horizontal(const double *x, const double *y, const double *z,
                            const long *hole, const double *const *values, size_t n_cols,
                            size_t n,
                            const rm_vgm_autofit_options *o, double cutoff, double width,
                            rm_vgm_autofit_info *info, rm_error *err)
{
    keyed *order = malloc(n * sizeof *order);
    double *sx = malloc(n * sizeof *sx), *sy = malloc(n * sizeof *sy);
    double *sv = malloc(n * sizeof *sv);
    rm_status st = RM_OK;
    if (!order || !sx || !sy || !sv) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (keyed){(long)floor(z[i] / o->slice_m + 1e-9), i};
    qsort(order, n, sizeof *order, keyed_cmp);
    keyed *by_hole = malloc(n * sizeof *by_hole);
    if (!by_hole) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    rm_vario_params hp;
    rm_vario_params_default(&hp);
    hp.cutoff = cutoff;
    hp.width = width;
    hp.threads = 1; /* a few dozen points per slice */
    double wsum = 0, vsum = 0;
    for (size_t a = 0; a < n && !st;) {
        size_t b = a;
        while (b < n && order[b].key == order[a].key)
            b++;
        /* One value per core in the slice (the mean of its samples there):
         * pairs within a core are the downhole variogram's business. */
        for (size_t k = a; k < b; k++)
            by_hole[k - a] = (keyed){hole[order[k].i], order[k].i};
        qsort(by_hole, b - a, sizeof *by_hole, keyed_cmp);
        size_t m = 0;
        for (size_t k = 0; k < b - a; k++)
            if (k == 0 || by_hole[k].key != by_hole[k - 1].key)
                m++;
        int used = 0;
        for (size_t c = 0; c < n_cols && m >= 3 && !st; c++) {
            double mean = 0, var = 0;
            size_t k = 0;
            for (size_t q = 0; q < b - a;) {
                size_t r = q, i = by_hole[q].i;
                double s = 0;
                while (r < b - a && by_hole[r].key == by_hole[q].key)
                    s += values[c][by_hole[r++].i];
                sx[k] = x[i], sy[k] = y[i], sv[k] = s / (double)(r - q);
                mean += sv[k++];
                q = r;
            }
            mean /= (double)m;
            for (size_t k = 0; k < m; k++)
                var += (sv[k] - mean) * (sv[k] - mean);
            var /= (double)m;
            if (o->standardise_slices) {
                if (!(var > 0))
                    continue; /* a constant slice says nothing about continuity */
                double sd = sqrt(var);
                for (size_t k = 0; k < m; k++)
                    sv[k] = (sv[k] - mean) / sd;
            }
            rm_vario *ev = NULL;
            st = rm_vario_compute(sx, sy, NULL, sv, NULL, m, &hp, &ev, err);
            if (st)
                break;
            double pairs = 0;
            for (size_t q = 0; q < ev->n_bins; q++)
                pairs += ev->np[q];
            if (pairs > 0) {
                part_add(&info->horizontal, ev);
                wsum += pairs;
                vsum += pairs * var;
                used = 1;
            }
            rm_vario_free(ev);
        }
        info->n_slices += (size_t)used;
        a = b;
    }
    part_finish(&info->horizontal);
    info->h_scale = o->standardise_slices ? (wsum > 0 ? vsum / wsum : 1.0) : 1.0;
    free(by_hole);
done:
    free(order), free(sx), free(sy), free(sv);
    return st;
}

rm_status rm_vgm_autofit_layered(const double *x, const double *y, const double *z_mbsf,
                                 const double *const *values, size_t n_cols,
                                 const long *hole_ids, size_t n,
                                 const rm_vgm_autofit_options *opt, rm_vgm_model *out,
                                 rm_vgm_autofit_info *info, rm_error *err)
{
    rm_vgm_autofit_options o;
    if (opt)
        o = *opt;
    else
        rm_vgm_autofit_options_default(&o);
    rm_vgm_autofit_info local;
    if (!info)
        info = &local;
    memset(info, 0, sizeof *info);
    if (n < 3 || n_cols < 1)
        return rm_error_set(err, RM_EINVAL, "variogram auto-fit: %zu samples, %zu columns "
                            "(need at least 3 and 1)", n, n_cols);
    if (!(o.slice_m > 0) || !(o.v_cutoff_m > 0) || o.h_cutoff_m < 0 || o.h_width_m < 0 ||
        o.v_width_m < 0 || !(o.h_range_max_factor >= 1))
        return rm_error_set(err, RM_EINVAL, "variogram auto-fit: slice_m and v_cutoff_m must "
                            "be positive, cutoffs and widths not negative, "
                            "h_range_max_factor at least 1");
    for (size_t i = 0; i < n; i++) {
        int ok = isfinite(x[i]) && isfinite(y[i]) && isfinite(z_mbsf[i]);
        for (size_t c = 0; c < n_cols && ok; c++)
            ok = isfinite(values[c][i]);
        if (!ok)
            return rm_error_set(err, RM_EINVAL, "variogram auto-fit: sample %zu has a "
                                "non-finite coordinate or value", i + 1);
    }
    double h_cutoff = o.h_cutoff_m > 0 ? o.h_cutoff_m : rm_vario_default_cutoff(x, y, NULL, n);
    if (!(h_cutoff > 0))
        return rm_error_set(err, RM_EINVAL, "variogram auto-fit: the cores have no "
                            "horizontal extent (all at one position): a horizontal "
                            "variogram needs cores at two positions or more; give the "
                            "model instead of auto");
    double h_width = o.h_width_m > 0 ? o.h_width_m : h_cutoff / 15;
    double v_width = o.v_width_m > 0 ? o.v_width_m : o.slice_m;
    double h_bins = ceil(h_cutoff / h_width - 1e-9), v_bins = ceil(o.v_cutoff_m / v_width - 1e-9);
    if (h_bins > RM_VGM_AUTOFIT_MAX_BINS || v_bins > RM_VGM_AUTOFIT_MAX_BINS)
        return rm_error_set(err, RM_EINVAL, "variogram auto-fit: at most %d lags (cutoff / "
                            "width: horizontal %.0f, downhole %.0f)",
                            RM_VGM_AUTOFIT_MAX_BINS, h_bins, v_bins);
    info->horizontal.n_bins = (size_t)h_bins;
    info->downhole.n_bins = (size_t)v_bins;

    long *hole = malloc(n * sizeof *hole);
    if (!hole)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    rm_status st = RM_OK;
    if (hole_ids)
        memcpy(hole, hole_ids, n * sizeof *hole);
    else
        st = group_by_position(x, y, n, hole, err);
    if (!st)
        st = horizontal(x, y, z_mbsf, hole, values, n_cols, n, &o, h_cutoff, h_width, info,
                        err);
    /* Downhole, pooled over the columns, in value units. */
    rm_vario_params vp;
    rm_vario_params_default(&vp);
    vp.kind = RM_VARIO_DOWNHOLE;
    vp.cutoff = o.v_cutoff_m;
    vp.width = v_width;
    vp.threads = 1;
    double *zero = NULL;
    if (!st && o.dh_n > 0) {
        if (!o.dh_z_mbsf || !o.dh_values || !o.dh_hole_ids)
            st = rm_error_set(err, RM_EINVAL, "variogram auto-fit: downhole samples without "
                              "depths, values or core ids");
        else if (!(zero = calloc(o.dh_n, sizeof *zero)))
            st = rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    for (size_t c = 0; c < n_cols && !st; c++) {
        rm_vario *ev = NULL;
        if (o.dh_n > 0)
            st = rm_vario_compute(zero, zero, o.dh_z_mbsf, o.dh_values[c], o.dh_hole_ids,
                                  o.dh_n, &vp, &ev, err);
        else
            st = rm_vario_compute(x, y, z_mbsf, values[c], hole, n, &vp, &ev, err);
        if (!st)
            part_add(&info->downhole, ev);
        rm_vario_free(ev);
    }
    free(zero);
    free(hole);
    if (st)
        return st;
    part_finish(&info->downhole);

    /* Downhole: nugget, sill, vertical range (bounds half a lag to 2 × cutoff). */
    rm_vgm_autofit_part *dh = &info->downhole, *hz = &info->horizontal;
    part_fit(dh, NAN, 0.5 * v_width, 2 * o.v_cutoff_m, o.v_cutoff_m / 2);
    /* The nugget may not exceed the first horizontal lag (value units). */
    double c0 = dh->nugget;
    for (size_t b = 0; b < hz->n_bins; b++)
        if (hz->np[b] > 0 && hz->dist[b] > 0) {
            double g1 = hz->gamma[b] * info->h_scale;
            if (c0 > g1) {
                c0 = g1;
                info->nugget_capped = 1;
            }
            break;
        }
    /* Horizontal: range between half the first lag and the bound, nugget held. */
    double first = h_width;
    for (size_t b = 0; b < hz->n_bins; b++)
        if (hz->np[b] > 0 && hz->dist[b] > 0) {
            first = hz->dist[b];
            break;
        }
    part_fit(hz, c0 / info->h_scale, 0.5 * first, o.h_range_max_factor * h_cutoff,
             h_cutoff / 2);

    double ch = hz->sill * info->h_scale;
    double total_v = dh->nugget + dh->sill;
    double cz = total_v - c0 - ch;
    if (!(ch > 0))
        ch = fmax(total_v - c0, 1e-6); /* no horizontal sill: let the downhole speak */
    double ah = hz->range, av = fmin(dh->range, ah);
    double extent = 0;
    {
        double x0 = x[0], x1 = x[0], y0 = y[0], y1 = y[0];
        for (size_t i = 1; i < n; i++) {
            x0 = fmin(x0, x[i]), x1 = fmax(x1, x[i]);
            y0 = fmin(y0, y[i]), y1 = fmax(y1, y[i]);
        }
        extent = fmax(x1 - x0, y1 - y0);
    }
    double A = o.zonal_range_m > 0 ? o.zonal_range_m : 1000 * fmax(extent, ah);
    rm_vgm_init(out);
    double r1[3] = {ah, ah, av}, r2[3] = {A, A, av};
    if (c0 > 0)
        st = rm_vgm_add(out, rm_vgm_nug, c0, NULL, 0, NULL, 0, err);
    if (!st)
        st = rm_vgm_add(out, rm_vgm_sph, ch, r1, 3, NULL, 0, err);
    if (!st && cz > 0.01 * (c0 + ch))
        st = rm_vgm_add(out, rm_vgm_sph, cz, r2, 3, NULL, 0, err);
    else
        cz = 0;
    info->nugget = c0;
    info->h_sill = ch;
    info->zonal_sill = cz;
    info->h_range_m = ah;
    info->v_range_m = av;
    return st;
}

void rm_vgm_autofit_describe(const rm_vgm_autofit_info *info, char *buf, size_t size)
{
    const rm_vgm_autofit_part *h = &info->horizontal, *d = &info->downhole;
    snprintf(buf, size,
             "nugget %.4g%s, horizontal sill %.4g range %.4g m (%s; %zu slices, "
             "standardised fit %.3g Nug + %.3g Sph, scale %.4g), vertical range %.4g m "
             "(downhole %s: %.3g Nug + %.3g Sph(%.3g)), zonal sill %.4g",
             info->nugget, info->nugget_capped ? " (capped at the first horizontal lag)" : "",
             info->h_sill, info->h_range_m, rm_vgm_autofit_method_name(h->method),
             info->n_slices, h->nugget, h->sill, info->h_scale, info->v_range_m,
             rm_vgm_autofit_method_name(d->method), d->nugget, d->sill, d->range,
             info->zonal_sill);
}
