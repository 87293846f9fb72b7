/* estimate.c — the `estimate` stage: drillholes → composites → variograms
 * → block kriging of the 15 REY (+ Sc, density) → water-depth surface →
 * tonnages, classification, grade–tonnage, maps and summary.
 *
 * Variograms (docs/resource.md):
 *   shared (default)  one standardised variogram for every element.  REY in
 *       the Minamitorishima muds share one host, biogenic calcium phosphate
 *       (Takaya et al. 2018; Ohta et al. 2020), so their variograms are near
 *       proportional: the intrinsic correlation model, under which kriging
 *       each variable with the common variogram equals cokriging
 *       (Wackernagel 2003, Multivariate Geostatistics, ch. 22–24,
 *       "autokrigeability").  Ordinary-kriging weights do not change when a
 *       variogram is scaled, so one solve per block serves all elements.
 *   per_element  a variogram per element, one solve per element per block;
 *       ΣREY is kriged once more with its own variogram for the diagnostics
 *       (slope, KE, class).
 * "auto" fits: the horizontal variogram pooled over composite layers of the
 * same depth and the downhole variogram are fitted separately (WLS, gstat
 * weights) and combined into
 *     c0 Nug + c1 Sph(a_h, a_h, a_v) + c2 Sph(A, A, a_v),  A ≫ extent,
 * the second structure being the zonal (vertical-only) part of the variance
 * that layered muds show (Tanaka et al. 2020's correlatable REY peaks).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reemud/io_raster.h"
#include "reemud/krige.h"
#include "reemud/resource.h"
#include "topcut_internal.h"
#include "reemud/search.h"
#include "reemud/variogram.h"

/* ---- Variogram fitting ---- */

/* Fit c0 Nug + c1 Sph(a) to v from a start at (0.1 s, 0.9 s, a0); on
 * failure keep the start (logged). */
static void fit_nug_sph(const rm_vario *v, double a0, const rm_logger *log, const char *what,
                        double *c0, double *c1, double *a)
{
    double s = 0, n = 0;
    for (size_t b = 0; b < v->n_bins; b++)
        if (v->np[b] > 0) {
            s += v->np[b] * v->gamma[b];
            n += v->np[b];
        }
    s = n > 0 ? s / n : 1.0;
    if (!(s > 0))
        s = 1.0;
    rm_vgm_model m;
    rm_vgm_init(&m);
    rm_error e;
    double r = a0;
    rm_vgm_add(&m, rm_vgm_nug, 0.1 * s, NULL, 0, NULL, 0, &e);
    rm_vgm_add(&m, rm_vgm_sph, 0.9 * s, &r, 1, NULL, 0, &e);
    rm_vgm_fit_info info;
    *c0 = 0.1 * s, *c1 = 0.9 * s, *a = a0;
    for (size_t b = 0; b < v->n_bins; b++)
        rm_log(log, RM_LOG_DEBUG, "%s variogram: np %.0f dist %.4g gamma %.4g", what,
               v->np[b], v->dist[b], v->gamma[b]);
    if (!(n > 0)) {
        rm_log(log, RM_LOG_WARN, "%s variogram has no pairs; using the start model", what);
        return;
    }
    if (rm_vgm_fit(&m, v, NULL, &info, &e) == RM_OK && m.s[1].range[0] > 0 &&
        m.s[1].range[0] < 20 * a0 && m.s[0].sill >= 0 && m.s[1].sill >= 0) {
        *c0 = m.s[0].sill;
        *c1 = m.s[1].sill;
        *a = m.s[1].range[0];
        return;
    }
    /* The free fit failed (typically a range running off while the
     * experimental variogram keeps rising): fit the sills at fixed ranges
     * over a log grid from a0/10 to 4 a0 and keep the least weighted sum of
     * squares. */
    double best = INFINITY;
    int fix[2] = {RM_VGM_FIX_RANGE, RM_VGM_FIX_RANGE};
    for (int q = 0; q <= 24; q++) {
        double rq = a0 * 0.1 * pow(40.0, q / 24.0);
        rm_vgm_model mq;
        rm_vgm_init(&mq);
        rm_vgm_add(&mq, rm_vgm_nug, 0.1 * s, NULL, 0, NULL, 0, &e);
        rm_vgm_add(&mq, rm_vgm_sph, 0.9 * s, &rq, 1, NULL, 0, &e);
        if (rm_vgm_fit(&mq, v, fix, &info, &e) != RM_OK || mq.s[0].sill < 0 ||
            mq.s[1].sill < 0)
            continue;
        if (info.wss < best) {
            best = info.wss;
            *c0 = mq.s[0].sill;
            *c1 = mq.s[1].sill;
            *a = rq;
        }
    }
    if (isinf(best))
        rm_log(log, RM_LOG_WARN, "%s variogram fit failed; using the start model", what);
    else
        rm_log(log, RM_LOG_INFO, "%s variogram: free fit failed, best range on a grid %.4g",
               what, *a);
}

typedef struct vario_data {
    const rm_composites *c;
    const size_t *rows;   /* composites used */
    size_t n;
    const long *hole;     /* per used row */
    double *const *std;   /* standardised columns of the composites */
    /* The assay intervals (finer than the composites) for the downhole
     * variogram, standardised like the composites; dn = 0: none. */
    size_t dn;
    const double *dz;
    const long *dhole;
    double *const *dstd;
    double dwidth;        /* their usual length */
    const double *hole_shift; /* vertical = horizon: the surface at each hole,
                                 subtracted from depths; NULL = mbsf */
} vario_data;

/* Fit the layered 3-D model of the standardised columns qs[] (pooled) with
 * the shared auto-fit (variogram_auto.c); what was fitted is logged and, if
 * fit is not NULL, returned. */
static rm_status fit_3d(const vario_data *d, const int *qs, size_t nq,
                        const rm_estimate_config *cfg, double extent_m, const rm_logger *log,
                        const char *what, rm_vgm_model *out, rm_vgm_autofit_info *fit,
                        rm_error *err)
{
    double *x = malloc(d->n * sizeof *x), *y = malloc(d->n * sizeof *y);
    double *z = malloc(d->n * sizeof *z);
    rm_status st = RM_OK;
    if (!x || !y || !z) {
        free(x), free(y), free(z);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < d->n; i++) {
        x[i] = d->c->x[d->rows[i]];
        y[i] = d->c->y[d->rows[i]];
        z[i] = d->c->z[d->rows[i]] -
               (d->hole_shift ? d->hole_shift[d->c->hole[d->rows[i]]] : 0.0);
    }
    const double *vals[RM_NELEM + 1], *dvals[RM_NELEM + 1];
    for (size_t k = 0; k < nq; k++) {
        vals[k] = d->std[qs[k]];
        dvals[k] = d->dn ? d->dstd[qs[k]] : NULL;
    }
    rm_vgm_autofit_options o;
    rm_vgm_autofit_options_default(&o);
    o.slice_m = d->c->length_m; /* one composite per core per slice */
    o.h_cutoff_m = cfg->horizontal_cutoff_m;
    o.h_width_m = cfg->horizontal_width_m;
    o.v_cutoff_m = cfg->downhole_cutoff_m;
    o.v_width_m = cfg->downhole_width_m;
    o.zonal_range_m = 1000 * extent_m;
    o.standardise_slices = cfg->standardise_slices;
    if (d->dn) {
        o.dh_n = d->dn, o.dh_z_mbsf = d->dz, o.dh_hole_ids = d->dhole, o.dh_values = dvals;
        if (!(cfg->downhole_width_m > 0))
            o.v_width_m = d->dwidth;
    }
    rm_vgm_autofit_info info;
    st = rm_vgm_autofit_layered(x, y, z, vals, nq, d->hole, d->n, &o, out, &info, err);
    free(x), free(y), free(z);
    if (st)
        return st;
    const rm_vgm_autofit_part *parts[2] = {&info.horizontal, &info.downhole};
    for (int p = 0; p < 2; p++)
        for (size_t b = 0; b < parts[p]->n_bins; b++)
            if (parts[p]->np[b] > 0)
                rm_log(log, RM_LOG_DEBUG, "%s %s variogram: np %.0f dist %.4g gamma %.4g",
                       what, p ? "downhole" : "horizontal (slice-standardised)",
                       parts[p]->np[b], parts[p]->dist[b], parts[p]->gamma[b]);
    char text[1024];
    rm_vgm_autofit_describe(&info, text, sizeof text);
    rm_log(log, RM_LOG_INFO, "%s variogram fit: %s", what, text);
    if (fit)
        *fit = info;
    return RM_OK;
}

/* ---- Small helpers ---- */

static int cmp_double(const void *a, const void *b)
{
    double p = *(const double *)a, q = *(const double *)b;
    return (p > q) - (p < q);
}

static void mean_sd(const double *v, size_t n, double *mean, double *sd)
{
    double s = 0, s2 = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    *mean = n ? s / (double)n : 0;
    for (size_t i = 0; i < n; i++)
        s2 += (v[i] - *mean) * (v[i] - *mean);
    *sd = n > 1 ? sqrt(s2 / (double)n) : 0;
}

static const char *elem_model_text(const rm_estimate_config *cfg, int e)
{
    return cfg->model_elem[e][0] ? cfg->model_elem[e] : cfg->model;
}

/* Grid from the configuration and the collars; checks coverage. */
static rm_status make_grid(rm_ini *ini, const rm_estimate_config *cfg,
                           const rm_drillholes *dh, rm_grid *g, rm_error *err)
{
    double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
    for (size_t h = 0; h < dh->n_holes; h++) {
        xmin = fmin(xmin, dh->x[h]), xmax = fmax(xmax, dh->x[h]);
        ymin = fmin(ymin, dh->y[h]), ymax = fmax(ymax, dh->y[h]);
    }
    double lo[2], hi[2];
    const double given_lo[2] = {cfg->x_min, cfg->y_min}, given_hi[2] = {cfg->x_max, cfg->y_max};
    const double dmin[2] = {xmin, ymin}, dmax[2] = {xmax, ymax}, step[2] = {cfg->dx_m, cfg->dy_m};
    for (int a = 0; a < 2; a++) {
        /* Default: the data's extent padded, snapped to whole blocks. */
        lo[a] = isnan(given_lo[a]) ? floor((dmin[a] - cfg->pad_m) / step[a]) * step[a]
                                   : given_lo[a];
        hi[a] = isnan(given_hi[a]) ? ceil((dmax[a] + cfg->pad_m) / step[a]) * step[a]
                                   : given_hi[a];
        if (!(hi[a] > lo[a]))
            return rm_error_input(err, rm_ini_path(ini), cfg->lines[2 * a + 1],
                                  a ? "grid.y_max" : "grid.x_max",
                                  "grid extent %g..%g is empty", lo[a], hi[a]);
    }
    /* Every core must lie inside the grid. */
    for (size_t h = 0; h < dh->n_holes; h++) {
        const double p[2] = {dh->x[h], dh->y[h]};
        for (int a = 0; a < 2; a++)
            if (p[a] < lo[a] || p[a] > hi[a]) {
                int hi_side = p[a] > hi[a];
                long line = cfg->lines[2 * a + hi_side];
                char field[32];
                snprintf(field, sizeof field, "grid.%c_%s", a ? 'y' : 'x',
                         hi_side ? "max" : "min");
                return rm_error_input(err, rm_ini_path(ini), line, field,
                                      "the grid (%c %g..%g) does not cover core '%s' at "
                                      "%c = %.1f",
                                      a ? 'y' : 'x', lo[a], hi[a], dh->hole_id[h],
                                      a ? 'y' : 'x', p[a]);
            }
    }
    double nx = ceil((hi[0] - lo[0]) / cfg->dx_m - 1e-9);
    double ny = ceil((hi[1] - lo[1]) / cfg->dy_m - 1e-9);
    double nz = ceil((cfg->bottom_mbsf - cfg->top_mbsf) / cfg->dz_m - 1e-9);
    if (nx * ny * nz > 5e7)
        return rm_error_input(err, rm_ini_path(ini), cfg->lines[4], "grid.dx_m",
                              "%.0f x %.0f x %.0f blocks is too many (limit 5e7)", nx, ny,
                              nz);
    g->nx = (size_t)nx, g->ny = (size_t)ny, g->nz = (size_t)nz;
    g->x0 = lo[0], g->y0 = lo[1], g->z0 = cfg->top_mbsf;
    g->dx = cfg->dx_m, g->dy = cfg->dy_m, g->dz = cfg->dz_m;
    return rm_grid_validate(g, err);
}

/* Twin cores: a core within tol_m (a thousandth of a block) of an earlier
 * core is put at that core's position, so that their composites at one
 * depth are coincident samples, which the kriging merges (averages) as
 * `reemud krige` does.  Left apart, two samples a few decimetres from each
 * other make a nearly singular system that passes the pivot test and gives
 * wild weights (a Gaussian model returned a negative tonnage).  Each pair is
 * said in the log. */
static void snap_twins(rm_drillholes *dh, double tol_m, const rm_logger *log)
{
    size_t n_twins = 0;
    for (size_t h = 1; h < dh->n_holes; h++)
        for (size_t j = 0; j < h; j++) {
            double d = hypot(dh->x[h] - dh->x[j], dh->y[h] - dh->y[j]);
            if (!(d <= tol_m))
                continue;
            if (n_twins++ < 10)
                rm_log(log, RM_LOG_INFO,
                       "cores %s and %s are %.3g m apart (within %.3g m, a thousandth of a "
                       "block): twins at %s's position, their samples at one depth averaged",
                       dh->hole_id[h], dh->hole_id[j], d, tol_m, dh->hole_id[j]);
            dh->x[h] = dh->x[j];
            dh->y[h] = dh->y[j];
            break;
        }
    if (n_twins > 10)
        rm_log(log, RM_LOG_INFO, "%zu twin cores in all", n_twins);
}

/* Per-core summaries from the composites. */
static rm_status core_summaries(rm_resource_result *r, rm_error *err)
{
    const rm_drillholes *dh = r->holes;
    const rm_composites *c = r->composites;
    r->cores = calloc(dh->n_holes ? dh->n_holes : 1, sizeof *r->cores);
    if (!r->cores)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    double *wsum = calloc(dh->n_holes ? dh->n_holes : 1, sizeof *wsum);
    if (!wsum)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    for (size_t h = 0; h < dh->n_holes; h++) {
        r->cores[h].srey_mean_ppm = NAN;
        r->cores[h].srey_max_ppm = NAN;
        r->cores[h].depth_of_max_mbsf = NAN;
    }
    for (size_t i = 0; i < c->n; i++) {
        rm_core_summary *s = &r->cores[c->hole[i]];
        s->n_composites++;
        double v = c->srey_ppm[i];
        if (isnan(v))
            continue;
        if (isnan(s->srey_max_ppm) || v > s->srey_max_ppm) {
            s->srey_max_ppm = v;
            s->depth_of_max_mbsf = c->z[i];
        }
        if (v >= r->cfg.map_cutoff_ppm)
            s->thickness_above_cutoff_m += c->to_m[i] - c->from_m[i];
        double a = fmax(c->from_m[i], r->cfg.report_top_mbsf);
        double b = fmin(c->to_m[i], r->cfg.report_bottom_mbsf);
        if (b > a) {
            double w = (b - a) * c->coverage_m[i] / (c->to_m[i] - c->from_m[i]);
            if (isnan(s->srey_mean_ppm))
                s->srey_mean_ppm = 0;
            s->srey_mean_ppm += w * v;
            wsum[c->hole[i]] += w;
        }
    }
    for (size_t h = 0; h < dh->n_holes; h++)
        if (wsum[h] > 0)
            r->cores[h].srey_mean_ppm /= wsum[h];
    free(wsum);
    return RM_OK;
}

/* A Nug + Sph model in m fitted to the omnidirectional variogram of the n
 * values v at (x, y) (`what` names them in the log).  With fewer than 3
 * values, no spread or no fit, one Sph of the values' variance (1 when it
 * is 0, so that the system stays regular and the estimate is the mean)
 * over the default cutoff. */
static rm_status fit_surface_model(const double *x, const double *y, const double *v, size_t n,
                                   const char *what, const rm_logger *log, rm_vgm_model *m,
                                   rm_error *err)
{
    double mean, sd;
    mean_sd(v, n, &mean, &sd);
    rm_vario_params p;
    rm_vario_params_default(&p);
    p.threads = 1;
    rm_vario *ev = NULL;
    double cut = rm_vario_default_cutoff(x, y, NULL, n);
    double c0 = 0, c1 = sd > 0 ? sd * sd : 1.0, a = cut > 0 ? cut : 1000;
    rm_error ignored;
    if (n >= 3 && sd > 0 && cut > 0 &&
        rm_vario_compute(x, y, NULL, v, NULL, n, &p, &ev, &ignored) == RM_OK)
        fit_nug_sph(ev, cut / 2, log, what, &c0, &c1, &a);
    rm_vario_free(ev);
    if (!(c1 > 0))
        c1 = sd > 0 ? sd * sd : 1.0;
    rm_vgm_init(m);
    rm_status st = RM_OK;
    if (c0 > 0)
        st = rm_vgm_add(m, rm_vgm_nug, c0, NULL, 0, NULL, 0, err);
    if (!st)
        st = rm_vgm_add(m, rm_vgm_sph, c1, &a, 1, NULL, 0, err);
    return st;
}

/* Ordinary kriging (nmax 16, at least one datum) of the n values v at xyz
 * (z = 0) under model m to the centre of every block column of r's grid,
 * into surface (nx·ny).  With keep, *keep is the kriging system for further
 * targets (the caller frees it); without, it is freed. */
static rm_status krige_columns(const rm_resource_result *r, const rm_vgm_model *m,
                               const double *xyz, const double *v, size_t n, double *surface,
                               rm_krige **keep, rm_error *err)
{
    const rm_grid *g = &r->bm->grid;
    rm_krige_params kp;
    rm_krige_params_default(&kp);
    kp.nmax = 16;
    kp.nmin = 1;
    kp.threads = (int)r->cfg.threads;
    rm_krige *k = NULL;
    rm_status st = rm_krige_alloc(&kp, m, xyz, v, n, 1, NULL, NULL, &k, err);
    if (!st) {
        double first[3] = {rm_grid_xc(g, 0), rm_grid_yc(g, 0), 0};
        double step[3] = {g->dx, g->dy, 1};
        size_t count[3] = {g->nx, g->ny, 1};
        rm_krige_out o = {.est = surface};
        st = rm_krige_grid(k, first, step, count, &o, NULL, err);
    }
    if (keep && !st)
        *keep = k;
    else
        rm_krige_free(k);
    return st;
}

/* Krige water depth (2-D) at the column centres into surface water_depth_m:
 * [estimate] water_depth_model, or auto, a Nug + Sph fitted to the collars. */
static rm_status krige_water_depth(rm_resource_result *r, const rm_logger *log, rm_error *err)
{
    const rm_drillholes *dh = r->holes;
    size_t n = dh->n_holes;
    double *xyz = malloc(3 * n * sizeof *xyz);
    if (!xyz)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    for (size_t h = 0; h < n; h++) {
        xyz[3 * h] = dh->x[h];
        xyz[3 * h + 1] = dh->y[h];
        xyz[3 * h + 2] = 0;
    }
    rm_vgm_model m;
    rm_status st;
    if (strcasecmp(r->cfg.water_depth_model, "auto") != 0)
        st = rm_vgm_parse(r->cfg.water_depth_model, &m, err);
    else
        st = fit_surface_model(dh->x, dh->y, dh->water_depth_m, n, "water-depth", log, &m, err);
    if (!st)
        st = rm_vgm_format(&m, r->water_depth_model_text, sizeof r->water_depth_model_text,
                           err);
    double *wd = st ? NULL : rm_blockmodel_add_surface(r->bm, "water_depth_m",
                                                       "water depth (sea surface to seafloor)",
                                                       "m");
    if (!st && !wd)
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
    if (!st)
        st = krige_columns(r, &m, xyz, dh->water_depth_m, n, wd, NULL, err);
    free(xyz);
    return st;
}

/* ---- The stage ---- */

static const char *DIAG_NAMES[] = {"kriging_variance", "slope", "ke", "n_samples",
                                   "mean_dist_m", "lagrange"};

/* The reference surface of vertical = horizon (docs/resource.md): in each core
 * the top of the first assay interval whose ΣREY reaches cfg.horizon_ppm, kriged
 * (ordinary, nmax 16, a Nug + Sph fitted to the picks as for water depth) to
 * every block column (surface "horizon_mbsf") and to the cores without a pick;
 * the picks themselves stay at their cores.  r->horizon_hole_mbsf gets the
 * value at every core.  Fewer than 3 picks is an error. */
static rm_status horizon_surface(rm_resource_result *r, const rm_logger *log, rm_error *err)
{
    const rm_drillholes *dh = r->holes;
    const rm_grid *g = &r->bm->grid;
    size_t nh = dh->n_holes, np = 0;
    double *pick = malloc(nh * sizeof *pick), *xyz = malloc(3 * nh * sizeof *xyz);
    double *val = malloc(nh * sizeof *val);
    r->horizon_hole_mbsf = malloc(nh * sizeof *r->horizon_hole_mbsf);
    rm_krige *k = NULL;
    rm_status st = RM_OK;
    if (!pick || !xyz || !val || !r->horizon_hole_mbsf) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (horizon)");
        goto done;
    }
    if (r->cfg.horizon_surface[0]) {
        /* a user surface (e.g. a sub-bottom-profiler reflector), in mbsf */
        size_t ncol = g->nx * g->ny;
        double *hs = rm_blockmodel_add_surface(r->bm, "horizon_mbsf",
                                               "reference horizon (horizon_surface)", "m");
        double *cx = malloc(ncol * sizeof *cx), *cy = malloc(ncol * sizeof *cy);
        if (!hs || !cx || !cy) {
            free(cx), free(cy);
            st = rm_error_set(err, RM_ENOMEM, "out of memory (horizon)");
            goto done;
        }
        for (size_t q = 0; q < ncol; q++)
            cx[q] = rm_grid_xc(g, q % g->nx), cy[q] = rm_grid_yc(g, q / g->nx);
        st = rm_io_sample_raster(r->cfg.horizon_surface, r->data.project.epsg, cx, cy, ncol,
                                 hs, err);
        if (!st)
            st = rm_io_sample_raster(r->cfg.horizon_surface, r->data.project.epsg, dh->x,
                                     dh->y, nh, r->horizon_hole_mbsf, err);
        free(cx), free(cy);
        if (!st)
            rm_log(log, RM_LOG_INFO, "horizon: surface %s", r->cfg.horizon_surface);
        goto done;
    }
    for (size_t h = 0; h < nh; h++)
        pick[h] = NAN;
    for (size_t i = 0; i < dh->n_intervals; i++) {
        double sum = 0;
        for (int e = 0; e < RM_NREY; e++)
            sum += dh->grade_ppm[e] ? dh->grade_ppm[e][i] : NAN;
        size_t h = dh->hole[i];
        if (sum >= r->cfg.horizon_ppm && !(pick[h] <= dh->from_m[i]))
            pick[h] = dh->from_m[i];
    }
    double lo = INFINITY, hi = -INFINITY;
    for (size_t h = 0; h < nh; h++)
        if (isfinite(pick[h])) {
            xyz[3 * np] = dh->x[h], xyz[3 * np + 1] = dh->y[h], xyz[3 * np + 2] = 0;
            val[np++] = pick[h];
            lo = fmin(lo, pick[h]);
            hi = fmax(hi, pick[h]);
        }
    if (np < 3) {
        st = rm_error_set(err, RM_EDATA, "%s: only %zu of %zu cores reach %g ppm SREY: "
                          "too few to map the horizon (set [estimate] horizon_ppm lower, or "
                          "vertical = mbsf)", r->data.assays_path, np, nh, r->cfg.horizon_ppm);
        goto done;
    }
    double *px = malloc(np * sizeof *px), *py = malloc(np * sizeof *py);
    if (!px || !py) {
        free(px), free(py);
        st = rm_error_set(err, RM_ENOMEM, "out of memory (horizon)");
        goto done;
    }
    for (size_t q = 0; q < np; q++)
        px[q] = xyz[3 * q], py[q] = xyz[3 * q + 1];
    rm_vgm_model m;
    st = fit_surface_model(px, py, val, np, "horizon", log, &m, err);
    free(px), free(py);
    double *hs = st ? NULL : rm_blockmodel_add_surface(r->bm, "horizon_mbsf",
                                                       "reference horizon: top of the "
                                                       "REY-rich mud (kriged picks)", "m");
    if (!st && !hs)
        st = rm_error_set(err, RM_ENOMEM, "out of memory (horizon)");
    if (!st)
        st = krige_columns(r, &m, xyz, val, np, hs, &k, err);
    for (size_t h = 0; h < nh && !st; h++) {
        double q[3] = {dh->x[h], dh->y[h], 0}, v = pick[h];
        if (!isfinite(v)) {
            rm_krige_out o = {.est = &v};
            st = rm_krige_targets(k, q, 1, &o, NULL, err);
        }
        r->horizon_hole_mbsf[h] = v;
    }
    for (size_t b = 0; b < g->nx * g->ny && !st; b++)
        if (!isfinite(hs[b]))
            st = rm_error_set(err, RM_EINTERNAL, "horizon surface not estimated everywhere");
    if (!st) {
        char text[RM_MODEL_TEXT_MAX];
        rm_vgm_format(&m, text, sizeof text, NULL);
        rm_log(log, RM_LOG_INFO, "horizon: %zu of %zu cores reach %g ppm SREY, top at "
               "%.2f-%.2f mbsf; surface variogram %s", np, nh, r->cfg.horizon_ppm, lo, hi,
               text);
    }
done:
    rm_krige_free(k);
    free(pick), free(xyz), free(val);
    return st;
}

/* Krige layers l0 .. l0 + nl − 1 of grid g (centres first + i step, ...; rows of o
 * from 0 at layer l0): on the grid, or, with a surface shift (nx*ny, vertical =
 * horizon), at the block centres moved up by the surface of their column
 * (z − shift); col_ext (nx*ny, or NULL): the external drift of each column (k
 * must have one external drift).  A block's result does not depend on the layers
 * kriged with it. */
static rm_status krige_blocks(const rm_krige *k, const rm_grid *g, const double *shift,
                              const double *col_ext, const double first[3],
                              const double step[3], const size_t count[3], size_t l0,
                              size_t nl, const rm_krige_out *o, rm_krige_stats *ks,
                              rm_error *err)
{
    if (!shift && !col_ext)
        return rm_krige_grid_layers(k, first, step, count, l0, nl, o, ks, err);
    size_t nb = g->nx * g->ny * nl;
    double *t = malloc(3 * (nb ? nb : 1) * sizeof *t);
    double *ext = col_ext ? malloc((nb ? nb : 1) * sizeof *ext) : NULL;
    if (!t || (col_ext && !ext)) {
        free(t), free(ext);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    for (size_t b = 0; b < nb; b++) {
        size_t i = b % g->nx, rest = b / g->nx, j = rest % g->ny, l = l0 + rest / g->ny;
        t[3 * b] = rm_grid_xc(g, i);
        t[3 * b + 1] = rm_grid_yc(g, j);
        t[3 * b + 2] = rm_grid_zc(g, l) - (shift ? shift[i + g->nx * j] : 0.0);
        if (ext)
            ext[b] = col_ext[i + g->nx * j];
    }
    rm_status st = rm_krige_targets_ext(k, t, ext, nb, o, ks, err);
    free(t), free(ext);
    return st;
}

/* Adds the counts of one run of layers (c) to those of the grid so far (acc). */
static void krige_stats_add(rm_krige_stats *acc, const rm_krige_stats *c)
{
    if (!acc->n_singular && c->n_singular)
        memcpy(acc->first_singular, c->first_singular, sizeof acc->first_singular);
    acc->n_targets += c->n_targets;
    acc->n_empty += c->n_empty;
    acc->n_singular += c->n_singular;
    acc->n_reused += c->n_reused;
}

/* One further search pass over layers l0 .. l0 + nl − 1 of grid g with k
 * (the pass's search: a larger radius, a smaller minimum): kriges the blocks
 * that earlier passes left empty (pass_of[b] == 0, pass_of from layer l0);
 * scatters every output of o (rows = the layers' blocks) for them and marks
 * pass_of = pass where it estimated; *n_solves grows by the blocks tried. */
static rm_status krige_pass(const rm_krige *k, const rm_grid *g, size_t l0, size_t nl,
                            int pass, const double *shift, const double *col_ext,
                            const rm_krige_out *o, unsigned char *pass_of, size_t *n_solves,
                            rm_error *err)
{
    size_t nb = g->nx * g->ny * nl, m = 0;
    for (size_t b = 0; b < nb; b++)
        m += pass_of[b] == 0;
    if (m == 0)
        return RM_OK;
    size_t nvar = rm_krige_nvar(k);
    size_t *list = malloc(m * sizeof *list);
    double *txyz = malloc(3 * m * sizeof *txyz), *est = malloc(m * nvar * sizeof *est);
    double *var = malloc(m * sizeof *var), *md = malloc(m * sizeof *md);
    double *lag = malloc(m * sizeof *lag), *sl = malloc(m * sizeof *sl);
    double *ke = malloc(m * sizeof *ke), *ext = col_ext ? malloc(m * sizeof *ext) : NULL;
    int *nn = malloc(m * sizeof *nn);
    rm_status st = RM_OK;
    if (!list || !txyz || !est || !var || !md || !lag || !sl || !ke || !nn ||
        (col_ext && !ext)) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (search pass %d)", pass);
        goto done;
    }
    m = 0;
    for (size_t b = 0; b < nb; b++) {
        if (pass_of[b])
            continue;
        size_t i = b % g->nx, rest = b / g->nx, j = rest % g->ny, l = l0 + rest / g->ny;
        txyz[3 * m] = rm_grid_xc(g, i);
        txyz[3 * m + 1] = rm_grid_yc(g, j);
        txyz[3 * m + 2] = rm_grid_zc(g, l) - (shift ? shift[i + g->nx * j] : 0.0);
        if (ext)
            ext[m] = col_ext[i + g->nx * j];
        list[m++] = b;
    }
    rm_krige_out po = {est, var, nn, md, lag, sl, ke};
    if ((st = rm_krige_targets_ext(k, txyz, ext, m, &po, NULL, err)))
        goto done;
    *n_solves += m;
    for (size_t t = 0; t < m; t++) {
        size_t b = list[t];
        memcpy(&o->est[b * nvar], &est[t * nvar], nvar * sizeof *est);
        o->var[b] = var[t];
        o->n[b] = nn[t];
        o->mean_dist[b] = md[t];
        o->lagrange[b] = lag[t];
        o->slope[b] = sl[t];
        o->ke[b] = ke[t];
        if (isfinite(est[t * nvar]))
            pass_of[b] = (unsigned char)pass;
    }
done:
    free(list), free(txyz), free(est), free(var), free(md), free(lag), free(sl), free(ke);
    free(nn), free(ext);
    return st;
}

rm_status rm_resource_estimate(rm_ini *ini, const rm_logger *log, rm_resource_result *out,
                               rm_error *err)
{
    return rm_resource_estimate_threads(ini, -1, log, out, err);
}

/* Sc kriged from the composites that have it (when some lack it): with
 * model_Sc in per-element mode when given, else with the shared (or SREY)
 * standardised model brought to Sc's variance (intrinsic correlation; the
 * ordinary kriging weights do not depend on the sill).  Blocks with fewer
 * than nmin Sc samples stay empty (NAN) in out. */
static rm_status krige_sc_alone(const rm_resource_result *r, const rm_estimate_config *cfg,
                                const rm_krige_params *kp, const rm_vgm_model *srey_model,
                                int el, const double first[3],
                                const double step[3], const size_t count[3], double *out,
                                const rm_logger *log, rm_error *err)
{
    const rm_composites *c = r->composites;
    size_t m = 0;
    for (size_t i = 0; i < c->n; i++)
        m += isfinite(c->grade_ppm[el][i]);
    double *xyz = malloc(3 * (m ? m : 1) * sizeof *xyz), *v = malloc((m ? m : 1) * sizeof *v);
    long *hole = malloc((m ? m : 1) * sizeof *hole);
    rm_status st = RM_OK;
    rm_krige *k = NULL;
    if (!xyz || !v || !hole) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    m = 0;
    double mean = 0, var = 0;
    for (size_t i = 0; i < c->n; i++)
        if (isfinite(c->grade_ppm[el][i])) {
            xyz[3 * m] = c->x[i], xyz[3 * m + 1] = c->y[i], xyz[3 * m + 2] = c->z[i];
            v[m] = c->grade_ppm[el][i];
            hole[m] = (long)c->hole[i];
            mean += v[m];
            m++;
        }
    mean /= (double)m;
    for (size_t i = 0; i < m; i++)
        var += (v[i] - mean) * (v[i] - mean) / (double)m;
    rm_vgm_model model = *srey_model;
    const char *text = elem_model_text(cfg, el);
    if (cfg->mode == RM_VMODE_PER_ELEMENT && strcasecmp(text, "auto") != 0) {
        if ((st = rm_vgm_parse(text, &model, err)))
            goto done;
    } else {
        /* the shared standardised or the SREY model, brought to Sc's variance */
        double sill = rm_vgm_sill(&model), target = var > 0 ? var : 1.0;
        for (int s = 0; s < model.n && sill > 0 && isfinite(sill); s++)
            model.s[s].sill *= target / sill;
    }
    rm_log(log, RM_LOG_DEBUG, "Sc kriged from %zu composites", m);
    rm_krige_out o = {.est = out};
    rm_krige_stats ks;
    st = rm_krige_alloc(kp, &model, xyz, v, m, 1, kp->kind == RM_KRIGE_SIMPLE ? &mean : NULL,
                        hole, &k, err);
    if (!st)
        st = rm_krige_grid(k, first, step, count, &o, &ks, err);
done:
    rm_krige_free(k);
    free(xyz), free(v), free(hole);
    return st;
}

static rm_status estimate(rm_ini *ini, long threads, int kriged_only,
                          const rm_estimate_share *share, const rm_logger *log,
                          rm_resource_result *out, rm_error *err);

rm_status rm_resource_estimate_threads(rm_ini *ini, long threads, const rm_logger *log,
                                       rm_resource_result *out, rm_error *err)
{
    return estimate(ini, threads, 0, NULL, log, out, err);
}

rm_status rm_resource_estimate_kriged(rm_ini *ini, long threads, const rm_estimate_share *share,
                                      const rm_logger *log, rm_resource_result *out,
                                      rm_error *err)
{
    return estimate(ini, threads, 1, share, log, out, err);
}

/* The stage's state between its steps (est_inputs, est_samples,
 * est_variograms, est_krige, est_post): the samples kriged, their
 * standardised columns for the variograms, the model fitted and the
 * kriging's top-cut excess; est_work_free releases what it holds. */
typedef struct est_work {
    rm_resource_result *r;
    const rm_estimate_share *share; /* the kriging's runs over processes, or NULL */
    rm_grid g;
    const double *hshift;         /* vertical = horizon: horizon_mbsf per column, else NULL */
    double *dcol;                 /* the external drift per column (the block model's), or NULL */
    /* The samples: composites with every used element measured; the value
     * columns are the elements, then density if assayed. */
    int elems[RM_NELEM], ne;
    int sc_q, sc_partial;         /* Sc's column (-1: none); Sc kriged in a pass of its own */
    int have_rho;
    size_t n, nvar;
    size_t *rows;                 /* n: the composite of each sample */
    long *hole;                   /* n: its core */
    double *xyz, *vals, *srey;    /* 3n, n·nvar, n */
    double *sext;                 /* n: the external drift at the samples, or NULL */
    /* The variograms. */
    double mean[RM_NELEM + 1], sd[RM_NELEM + 1];  /* of each column and ΣREY */
    double *std[RM_NELEM + 1], *dstd[RM_NELEM + 1], *dz;
    long *dhole;
    vario_data vd;
    double ext;                   /* the grid's larger horizontal extent, m */
    rm_vgm_model shared;          /* shared mode: the model; per element: ΣREY's */
    /* Top-cuts: nex excess columns, kriged into diff. */
    size_t nex;
    double *diff[RM_NELEM];
} est_work;

/* Frees what w holds (not w->r, which is the caller's result). */
static void est_work_free(est_work *w)
{
    free(w->rows), free(w->hole), free(w->xyz), free(w->vals), free(w->srey), free(w->sext);
    for (int q = 0; q <= RM_NELEM; q++)
        free(w->std[q]), free(w->dstd[q]);
    free(w->dz), free(w->dhole);
    for (int q = 0; q < RM_NELEM; q++)
        free(w->diff[q]);
}

/* Configuration, cores, composites and the empty block model on the grid
 * (with the horizon and drift surfaces when asked for) into w->r. */
static rm_status est_inputs(rm_ini *ini, long threads, const rm_logger *log, est_work *w,
                            rm_error *err)
{
    rm_resource_result *r = w->r;
    /* Configuration: every bad value reported together. */
    rm_problems probs;
    rm_problems_init(&probs, 50);
    rm_error e1;
    rm_data_config_read(ini, &r->data, &probs, &e1);
    rm_estimate_config_read(ini, &r->cfg, &probs, &e1);
    rm_status st;
    if (probs.count) {
        st = rm_problems_status(&probs, err);
        rm_problems_free(&probs);
        return st ? st : RM_EINVAL;
    }
    rm_problems_free(&probs);
    rm_estimate_config *cfg = &r->cfg;
    if (threads > 0)
        cfg->threads = threads; /* the command line wins over [estimate] threads */

    /* Drillholes and composites. */
    rm_problems_init(&probs, r->data.max_problems);
    st = rm_drillholes_read(&r->data, &r->holes, &probs, err);
    if (st && log && probs.count > 1)
        rm_problems_print(&probs, log->stream);
    rm_problems_free(&probs);
    if (st)
        return st;
    if (r->holes->n_holes == 0)
        return rm_error_set(err, RM_EDATA, "%s: no cores", r->data.collars_path);
    if ((st = rm_project_crs_for_cores(&r->data.project, r->holes, err)) ||
        (st = rm_drillholes_project(r->holes, r->data.project.crs, err)))
        return st;
    rm_log(log, r->data.project.crs_line ? RM_LOG_DEBUG : RM_LOG_INFO, "CRS %s: %s",
           r->data.project.crs, r->data.project.crs_source);
    snap_twins(r->holes, fmin(cfg->dx_m, cfg->dy_m) * 1e-3, log);
    /* Declustering weights ([composite] decluster_cell_m; all 1 when 0) serve
     * the composite histograms: the change of support here and the normal
     * scores of the simulation. */
    if ((st = rm_composites_make(r->holes, r->data.composite_length_m,
                                 r->data.min_coverage, &r->composites, err)) ||
        (st = rm_composites_decluster(r->composites, r->data.decluster_cell_m, err)))
        return st;
    const rm_composites *c = r->composites;
    for (int e = 0; e < RM_NELEM; e++)
        if (cfg->use_elem[e] && !c->grade_ppm[e]) {
            if (e < RM_NREY)
                return rm_error_set(err, RM_EDATA, "%s: no column for %s (needed for SREY)",
                                    r->data.assays_path, rm_element(e)->symbol);
            cfg->use_elem[e] = 0; /* Sc asked for but not measured */
            rm_log(log, RM_LOG_WARN, "Sc is not in %s; not estimated", r->data.assays_path);
        }
    if ((st = core_summaries(r, err)))
        return st;

    rm_grid *g = &w->g;
    if ((st = make_grid(ini, cfg, r->holes, g, err)))
        return st;
    r->bm = rm_blockmodel_alloc(g, r->data.project.epsg);
    if (!r->bm)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    r->n_blocks = rm_grid_nblocks(g);
    /* vertical = horizon: depths below the picked top of the REY-rich mud */
    if (cfg->vertical == RM_VERTICAL_HORIZON) {
        if ((st = horizon_surface(r, log, err)))
            return st;
        w->hshift = rm_blockmodel_get_surface(r->bm, "horizon_mbsf");
    }
    /* [estimate] drift_surface: a secondary variable mapped everywhere, the
     * external drift of the kriging (docs/kriging.md) */
    if (cfg->drift_surface[0]) {
        size_t ncol = g->nx * g->ny;
        w->dcol = rm_blockmodel_add_surface(r->bm, "external_drift",
                                            "external drift (drift_surface at the column)", "1");
        double *cx = malloc(ncol * sizeof *cx), *cy = malloc(ncol * sizeof *cy);
        if (!w->dcol || !cx || !cy) {
            free(cx), free(cy);
            return rm_error_set(err, RM_ENOMEM, "out of memory");
        }
        for (size_t q = 0; q < ncol; q++)
            cx[q] = rm_grid_xc(g, q % g->nx), cy[q] = rm_grid_yc(g, q / g->nx);
        st = rm_io_sample_raster(cfg->drift_surface, r->data.project.epsg, cx, cy, ncol, w->dcol,
                                 err);
        free(cx), free(cy);
    }
    return st;
}

/* The samples (w->n rows of w->xyz, w->vals, w->srey): composites with
 * every used element measured, depths below the horizon under vertical =
 * horizon, the external drift at their cores; at least nmin of them, and
 * of those with Sc when Sc is kriged on its own. */
static rm_status est_samples(est_work *w, const rm_logger *log, rm_error *err)
{
    rm_resource_result *r = w->r;
    const rm_estimate_config *cfg = &r->cfg;
    const rm_composites *c = r->composites;
    for (int e = 0; e < RM_NELEM; e++)
        if (cfg->use_elem[e])
            w->elems[w->ne++] = e;
    int ne = w->ne;
    w->have_rho = c->density_t_m3 != NULL;
    size_t nvar = w->nvar = (size_t)ne + (w->have_rho ? 1 : 0);
    size_t cn = c->n ? c->n : 1;
    w->rows = malloc(cn * sizeof *w->rows);
    w->hole = malloc(cn * sizeof *w->hole);
    w->xyz = malloc(3 * cn * sizeof *w->xyz);
    w->vals = malloc(nvar * cn * sizeof *w->vals);
    w->srey = malloc(cn * sizeof *w->srey);
    if (!w->rows || !w->hole || !w->xyz || !w->vals || !w->srey)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    /* Sc is optional (docs/data.md: an empty cell is "not measured"): a
     * composite without it still serves the REY.  When some REY samples
     * lack Sc, Sc is kriged in a pass of its own from the composites that
     * have it (sc_partial); in the shared pass its column holds 0. */
    int sc_q = w->sc_q = -1;
    for (int q = 0; q < ne; q++)
        if (w->elems[q] >= RM_NREY)
            sc_q = w->sc_q = q;
    size_t n = 0, n_sc = 0;
    for (size_t i = 0; i < c->n; i++) {
        int ok = 1;
        for (int q = 0; q < ne && ok; q++)
            ok = q == sc_q || isfinite(c->grade_ppm[w->elems[q]][i]);
        if (!ok)
            continue;
        n_sc += sc_q >= 0 && isfinite(c->grade_ppm[w->elems[sc_q]][i]);
        w->rows[n] = i;
        w->hole[n] = (long)c->hole[i];
        w->xyz[3 * n] = c->x[i], w->xyz[3 * n + 1] = c->y[i], w->xyz[3 * n + 2] = c->z[i];
        if (r->horizon_hole_mbsf)
            w->xyz[3 * n + 2] -= r->horizon_hole_mbsf[c->hole[i]];
        w->srey[n] = 0;
        for (int q = 0; q < ne; q++) {
            double v = c->grade_ppm[w->elems[q]][i];
            w->vals[n * nvar + (size_t)q] = isfinite(v) ? v : 0.0; /* only Sc can be blank */
            if (w->elems[q] < RM_NREY)
                w->srey[n] += c->grade_ppm[w->elems[q]][i];
        }
        if (w->have_rho)
            w->vals[n * nvar + (size_t)ne] =
                isfinite(c->density_t_m3[i]) ? c->density_t_m3[i] : cfg->dry_density_t_m3;
        n++;
    }
    w->n = n;
    /* the external drift at the samples (their cores' positions) */
    if (w->dcol) {
        double *sx = malloc((n ? n : 1) * sizeof *sx), *sy = malloc((n ? n : 1) * sizeof *sy);
        w->sext = malloc((n ? n : 1) * sizeof *w->sext);
        if (!sx || !sy || !w->sext) {
            free(sx), free(sy);
            return rm_error_set(err, RM_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < n; i++)
            sx[i] = w->xyz[3 * i], sy[i] = w->xyz[3 * i + 1];
        rm_status st = rm_io_sample_raster(cfg->drift_surface, r->data.project.epsg, sx, sy, n,
                                           w->sext, err);
        free(sx), free(sy);
        if (st)
            return st;
    }
    if (n < (size_t)cfg->nmin)
        return rm_error_set(err, RM_EDATA, "only %zu composites have all 15 REY measured "
                            "(nmin is %ld)", n, cfg->nmin);
    w->sc_partial = sc_q >= 0 && n_sc < n;
    if (w->sc_partial) {
        size_t cores_sc = 0;
        for (size_t h = 0; h < r->holes->n_holes; h++) {
            int has = 0;
            for (size_t i = 0; i < c->n && !has; i++)
                has = c->hole[i] == h && isfinite(c->grade_ppm[w->elems[sc_q]][i]);
            cores_sc += has;
        }
        if (n_sc < (size_t)cfg->nmin)
            return rm_error_set(err, RM_EDATA,
                                "Sc is measured in only %zu of the %zu composites (%zu of %zu "
                                "cores); nmin is %ld: too few to estimate Sc (remove Sc from "
                                "[estimate] elements, or lower nmin)",
                                n_sc, n, cores_sc, r->holes->n_holes, cfg->nmin);
        rm_log(log, RM_LOG_INFO,
               "Sc is measured in %zu of %zu cores (%zu of %zu composites): the REY are "
               "kriged from every composite, Sc from its own %zu with the %s model",
               cores_sc, r->holes->n_holes, n_sc, n, n_sc,
               cfg->mode == RM_VMODE_SHARED ? "shared standardised" : "SREY (or model_Sc)");
    }
    w->ext = fmax(w->g.nx * w->g.dx, w->g.ny * w->g.dy);
    return RM_OK;
}

/* The samples' columns (and ΣREY) standardised for the variograms, with
 * the assay intervals for the downhole variogram when they are finer than
 * the composites; then w->shared: the shared standardised model (shared
 * mode) or ΣREY's (per element), fitted or as given. */
static rm_status est_variograms(est_work *w, const rm_logger *log, rm_error *err)
{
    rm_resource_result *r = w->r;
    const rm_estimate_config *cfg = &r->cfg;
    const rm_composites *c = r->composites;
    int ne = w->ne, sc_q = w->sc_q;
    size_t n = w->n;
    for (int q = 0; q <= ne; q++) {
        w->std[q] = malloc((n ? n : 1) * sizeof *w->std[q]);
        if (!w->std[q])
            return rm_error_set(err, RM_ENOMEM, "out of memory");
        for (size_t i = 0; i < n; i++)
            w->std[q][i] = q < ne ? w->vals[i * w->nvar + (size_t)q] : w->srey[i];
        mean_sd(w->std[q], n, &w->mean[q], &w->sd[q]);
        for (size_t i = 0; i < n; i++)
            w->std[q][i] = w->sd[q] > 0 ? (w->std[q][i] - w->mean[q]) / w->sd[q] : 0;
    }
    w->vd = (vario_data){.c = c, .rows = w->rows, .n = n, .hole = w->hole, .std = w->std,
                         .hole_shift = r->horizon_hole_mbsf};
    /* The assay intervals, standardised with the composites' mean and s.d.,
     * for the downhole variogram when they are finer than the composites. */
    const rm_drillholes *dh = r->holes;
    size_t dn = 0, ni = dh->n_intervals ? dh->n_intervals : 1;
    double *dlen = malloc(ni * sizeof *dlen);
    w->dz = malloc(ni * sizeof *w->dz);
    w->dhole = malloc(ni * sizeof *w->dhole);
    if (!dlen || !w->dz || !w->dhole) {
        free(dlen);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    for (int q = 0; q <= ne && cfg->downhole_assays; q++)
        if (!(w->dstd[q] = malloc(ni * sizeof *w->dstd[q]))) {
            free(dlen);
            return rm_error_set(err, RM_ENOMEM, "out of memory");
        }
    for (size_t i = 0; i < dh->n_intervals && cfg->downhole_assays; i++) {
        int ok = 1;
        double s = 0;
        for (int q = 0; q < ne && ok; q++) {
            double v = dh->grade_ppm[w->elems[q]][i];
            if (q == sc_q && w->sc_partial && !isfinite(v))
                v = w->mean[q]; /* standardised to 0; Sc's own variogram is not fitted */
            ok = isfinite(v);
            w->dstd[q][dn] = w->sd[q] > 0 ? (v - w->mean[q]) / w->sd[q] : 0;
            if (w->elems[q] < RM_NREY)
                s += v;
        }
        if (!ok)
            continue;
        w->dstd[ne][dn] = w->sd[ne] > 0 ? (s - w->mean[ne]) / w->sd[ne] : 0;
        w->dz[dn] = 0.5 * (dh->from_m[i] + dh->to_m[i]);
        w->dhole[dn] = (long)dh->hole[i];
        dlen[dn] = dh->to_m[i] - dh->from_m[i];
        dn++;
    }
    if (dn >= 3) {
        qsort(dlen, dn, sizeof *dlen, cmp_double);
        double typical = dlen[dn / 2];
        if (typical < 0.75 * c->length_m) {
            w->vd.dn = dn, w->vd.dz = w->dz, w->vd.dhole = w->dhole, w->vd.dstd = w->dstd;
            w->vd.dwidth = typical;
            rm_log(log, RM_LOG_INFO, "downhole variogram from %zu assay intervals of %g m "
                   "(composites %g m)", dn, typical, c->length_m);
        }
    }
    free(dlen);
    /* SREY diagnostics model (per-element mode) / shared model (shared). */
    rm_status st;
    int cols[RM_NELEM];
    size_t nc = 0;
    const char *what;
    if (cfg->mode == RM_VMODE_SHARED) {
        for (int q = 0; q < ne; q++) /* pool the 15 REY's standardised variograms */
            if (w->elems[q] < RM_NREY)
                cols[nc++] = q;
        what = "shared standardised";
    } else {
        cols[nc++] = ne;
        what = "SREY (standardised)";
    }
    if (strcasecmp(cfg->model, "auto") == 0) {
        st = fit_3d(&w->vd, cols, nc, cfg, w->ext, log, what, &w->shared, &r->fit, err);
        r->have_fit = st == RM_OK;
    } else {
        st = rm_vgm_parse(cfg->model, &w->shared, err);
    }
    if (st)
        return st;
    rm_vgm_format(&w->shared, r->shared_model_text, sizeof r->shared_model_text, NULL);
    if (cfg->mode == RM_VMODE_SHARED) {
        for (int q = 0; q < ne; q++)
            snprintf(r->model_text[w->elems[q]], sizeof r->model_text[0], "%s",
                     r->shared_model_text);
        rm_log(log, RM_LOG_INFO, "shared standardised variogram: %s", r->shared_model_text);
    }
    return RM_OK;
}

/* Classification distances not given default to fractions of the model's
 * range (the zonal structure's huge range is not a sampling distance). */
static void default_class_distances(rm_estimate_config *cfg, const rm_vgm_model *m,
                                    double ext)
{
    double range = 0;
    for (int q = 0; q < m->n; q++)
        if (m->s[q].type != rm_vgm_nug && m->s[q].range[0] < 100 * ext)
            range = fmax(range, m->s[q].range[0]);
    if (!(range > 0))
        range = rm_vgm_max_range(m);
    rm_classify_rules defr;
    rm_classify_rules_default(&defr, range);
    if (isnan(cfg->rules.measured_max_dist_m))
        cfg->rules.measured_max_dist_m = defr.measured_max_dist_m;
    if (isnan(cfg->rules.indicated_max_dist_m))
        cfg->rules.indicated_max_dist_m = defr.indicated_max_dist_m;
    if (isnan(cfg->rules.inferred_max_dist_m))
        cfg->rules.inferred_max_dist_m = defr.inferred_max_dist_m;
}

/* A run's kriging counts: the statistics of its first solve and the solves
 * of every pass. */
typedef struct krige_run {
    rm_krige_stats ks;
    size_t solves;
} krige_run;

/* The kriging's per-block outputs for one run of whole layers (at most
 * layers · nx · ny blocks) before they go into the block model. */
typedef struct krige_bufs {
    double *kest, *kvar, *kmd, *klag, *kslope, *kke;   /* a run's blocks */
    int *kn;
    size_t layers;                /* layers per run */
    unsigned char *pass_of;       /* every block: the search pass that estimated it (0: none) */
    double *excess, *vals2;       /* top-cuts: the capped samples' excess, and the columns */
    double sk_mean[2 * RM_NELEM + 2];
    rm_krige_out ko;
    rm_krige_stats ks;            /* over the whole grid */
    double first[3], step[3];
    size_t count[3];
    double *diag[6];              /* the block model's diagnostics (DIAG_NAMES), or all NULL */
    size_t nruns;
    krige_run *runs;              /* each run's counts, until total_runs adds them up */
} krige_bufs;

/* Whether this process kriges run r (every run without a share). */
static int run_here(const est_work *w, size_t r)
{
    return !w->share || r % (size_t)w->share->parts == (size_t)w->share->part;
}

/* Layers l0 .. l0 + *nl − 1 of run r. */
static size_t run_layers(const est_work *w, const krige_bufs *kb, size_t r, size_t *nl)
{
    size_t l0 = r * kb->layers;
    *nl = w->g.nz - l0 < kb->layers ? w->g.nz - l0 : kb->layers;
    return l0;
}

/* Under a share, every run's part of the nb items of size bytes at base
 * (block order; NULL: none), from the process that kriged it to the others. */
static rm_status merge_blocks(const est_work *w, const krige_bufs *kb, void *base, size_t size,
                              rm_error *err)
{
    size_t nxy = w->g.nx * w->g.ny, nl;
    rm_status st = RM_OK;
    for (size_t r = 0; w->share && base && r < kb->nruns && !st; r++) {
        size_t l0 = run_layers(w, kb, r, &nl);
        st = w->share->merge(w->share->ctx, (char *)base + l0 * nxy * size, nl * nxy, size,
                             (int)(r % (size_t)w->share->parts), err);
    }
    return st;
}

/* The runs' counts (merged under a share) added up in run order into the
 * grid's statistics and solves, as one process kriging every run would. */
static rm_status total_runs(est_work *w, krige_bufs *kb, rm_error *err)
{
    rm_status st = RM_OK;
    for (size_t r = 0; w->share && r < kb->nruns && !st; r++)
        st = w->share->merge(w->share->ctx, &kb->runs[r], 1, sizeof *kb->runs,
                             (int)(r % (size_t)w->share->parts), err);
    for (size_t r = 0; r < kb->nruns && !st; r++) {
        krige_stats_add(&kb->ks, &kb->runs[r].ks);
        w->r->n_solves += kb->runs[r].solves;
    }
    memset(kb->runs, 0, kb->nruns * sizeof *kb->runs);
    return st;
}

/* The run's slope, KE, samples, mean distance and Lagrange multiplier of its
 * m blocks into the diagnostics from block b0 (ΣREY's variance is the mode's). */
static void put_diagnostics(const krige_bufs *kb, size_t b0, size_t m)
{
    if (!kb->diag[1])
        return;
    for (size_t t = 0; t < m; t++) {
        kb->diag[1][b0 + t] = kb->kslope[t];
        kb->diag[2][b0 + t] = kb->kke[t];
        kb->diag[3][b0 + t] = (double)kb->kn[t];
        kb->diag[4][b0 + t] = kb->kmd[t];
        kb->diag[5][b0 + t] = kb->klag[t];
    }
}

/* Shared mode: one solve per block for every column with w->shared, then
 * the further search passes, run by run of layers, and the top-cut
 * restriction; fills the element fields, density and the diagnostics. */
static rm_status krige_shared_mode(est_work *w, const rm_krige_params *kp, krige_bufs *kb,
                                   double *const *field, double *rho, rm_error *err)
{
    rm_resource_result *r = w->r;
    const rm_estimate_config *cfg = &r->cfg;
    const rm_grid *g = &w->g;
    size_t nxy = g->nx * g->ny, nvar = w->nvar, nex = w->nex;
    size_t nvar2 = nvar + nex;
    const double *v = nex ? kb->vals2 : w->vals;
    const double *skm = kp->kind == RM_KRIGE_SIMPLE ? kb->sk_mean : NULL;
    /* Intrinsic correlation: γ_SREY = Var(SREY)/sill × γ_standardised. */
    double scale = w->sd[w->ne] * w->sd[w->ne] / rm_vgm_sill(&w->shared);
    /* Each pass's search: pass 1 kp's, a later one a larger radius and a
     * smaller minimum (docs/resource.md, multi-pass search). */
    rm_krige *kpass[3] = {NULL, NULL, NULL};
    rm_status st = RM_OK;
    for (int p = 1; p <= (int)cfg->passes && !st; p++) {
        rm_krige_params pp = *kp;
        if (p > 1) {
            pp.maxdist = cfg->maxdist_m * cfg->pass_search_factor[p - 1];
            pp.nmin = (size_t)cfg->pass_nmin[p - 1];
        }
        st = rm_krige_alloc_ext(&pp, &w->shared, w->xyz, v, w->n, nvar2, w->sext,
                                w->sext ? 1 : 0, skm, w->hole, &kpass[p - 1], err);
    }
    for (size_t run = 0; run < kb->nruns && !st; run++) {
        if (!run_here(w, run))
            continue;
        size_t nl, l0 = run_layers(w, kb, run, &nl), b0 = l0 * nxy, m = nl * nxy;
        unsigned char *po = kb->pass_of + b0;
        if ((st = krige_blocks(kpass[0], g, w->hshift, w->dcol, kb->first, kb->step, kb->count,
                               l0, nl, &kb->ko, &kb->runs[run].ks, err)))
            break;
        kb->runs[run].solves = m;
        for (size_t t = 0; t < m; t++)
            po[t] = isfinite(kb->kest[t * nvar2]) ? 1 : 0;
        /* Multi-pass search: the blocks the first pass left. */
        for (int p = 2; p <= (int)cfg->passes && !st; p++)
            st = krige_pass(kpass[p - 1], g, l0, nl, p, w->hshift, w->dcol, &kb->ko, po,
                            &kb->runs[run].solves, err);
        for (size_t t = 0; t < m && !st; t++) {
            size_t b = b0 + t;
            for (int q = 0; q < w->ne; q++)
                field[q][b] = kb->kest[t * nvar2 + (size_t)q];
            rho[b] = w->have_rho ? kb->kest[t * nvar2 + (size_t)w->ne] : cfg->dry_density_t_m3;
            for (size_t x = 0; x < nex; x++)
                w->diff[x][b] = kb->kest[t * nvar2 + nvar + x];
            if (kb->diag[0])
                kb->diag[0][b] = kb->kvar[t] * scale;
        }
        if (!st)
            put_diagnostics(kb, b0, m);
    }
    for (int q = 0; q < w->ne && !st; q++)
        st = merge_blocks(w, kb, field[q], sizeof **field, err);
    for (size_t x = 0; x < nex && !st; x++)
        st = merge_blocks(w, kb, w->diff[x], sizeof *w->diff[x], err);
    for (int q = 0; q < 6 && !st; q++)
        st = merge_blocks(w, kb, kb->diag[q], sizeof *kb->diag[q], err);
    if (!st)
        st = merge_blocks(w, kb, rho, sizeof *rho, err);
    if (!st)
        st = merge_blocks(w, kb, kb->pass_of, 1, err);
    if (!st)
        st = total_runs(w, kb, err);
    /* The top-cut restriction of each pass's blocks, with that pass's search. */
    for (int p = 1; p <= (int)cfg->passes && nex && !st; p++)
        st = rm_topcut_restrict(kpass[p - 1], g, w->hshift, w->dcol, nvar, nex,
                                cfg->topcut_restrict_m, kb->pass_of, (unsigned char)p, field,
                                w->diff, err);
    for (int p = 0; p < 3; p++)
        rm_krige_free(kpass[p]);
    return st;
}

/* Per element: each column with its own model (fitted or given; Sc, when
 * kriged on its own, is left to krige_sc_alone); the diagnostics and
 * density come from a ΣREY solve with the SREY model.  Run by run of layers. */
static rm_status krige_per_element(est_work *w, const rm_krige_params *kp, krige_bufs *kb,
                                   double *const *field, double *rho, const rm_logger *log,
                                   rm_error *err)
{
    rm_resource_result *r = w->r;
    const rm_estimate_config *cfg = &r->cfg;
    const rm_grid *g = &w->g;
    size_t nb = r->n_blocks, n = w->n, nvar = w->nvar, nex = w->nex;
    size_t nxy = g->nx * g->ny, cap = kb->layers * nxy;
    int ne = w->ne;
    double *col = malloc(n * 2 * sizeof *col);
    double *e1v = malloc(cap * 2 * sizeof *e1v);
    if (!col || !e1v) {
        free(col), free(e1v);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    rm_status st = RM_OK;
    for (int q = 0; q < ne && !st; q++) {
        int el = w->elems[q];
        rm_vgm_model m;
        const char *text = elem_model_text(cfg, el);
        if (q == w->sc_q && w->sc_partial)
            continue; /* the Sc pass below krige Sc from its own samples */
        if (strcasecmp(text, "auto") == 0) {
            int cols[1] = {q};
            st = fit_3d(&w->vd, cols, 1, cfg, w->ext, log, rm_element(el)->symbol, &m, NULL,
                        err);
            /* back to the element's units */
            for (int s = 0; s < m.n && !st; s++)
                m.s[s].sill *= w->sd[q] * w->sd[q];
        } else {
            st = rm_vgm_parse(text, &m, err);
        }
        if (st)
            break;
        rm_vgm_format(&m, r->model_text[el], sizeof r->model_text[el], NULL);
        /* the element, and its top-cut excess as a second column */
        size_t nc = nex ? 2 : 1;
        for (size_t i = 0; i < n; i++) {
            col[i * nc] = w->vals[i * nvar + (size_t)q];
            if (nex)
                col[i * nc + 1] = kb->excess[i * nex + (size_t)q];
        }
        rm_krige *ke = NULL;
        double skm[2] = {kb->sk_mean[q], nex ? kb->sk_mean[nvar + (size_t)q] : 0};
        rm_krige_out o1 = {.est = e1v};
        st = rm_krige_alloc_ext(kp, &m, w->xyz, col, n, nc, w->sext, w->sext ? 1 : 0,
                                kp->kind == RM_KRIGE_SIMPLE ? skm : NULL, w->hole, &ke, err);
        for (size_t run = 0; run < kb->nruns && !st; run++) {
            if (!run_here(w, run))
                continue;
            size_t nl, l0 = run_layers(w, kb, run, &nl), b0 = l0 * nxy;
            st = krige_blocks(ke, g, w->hshift, w->dcol, kb->first, kb->step, kb->count, l0,
                              nl, &o1, NULL, err);
            for (size_t t = 0; t < nl * nxy && !st; t++) {
                field[q][b0 + t] = e1v[t * nc];
                if (nex)
                    w->diff[q][b0 + t] = e1v[t * nc + 1];
            }
        }
        if (!st)
            st = merge_blocks(w, kb, field[q], sizeof *field[q], err);
        if (!st && nex)
            st = merge_blocks(w, kb, w->diff[q], sizeof *w->diff[q], err);
        if (!st && nex)
            st = rm_topcut_restrict(ke, g, w->hshift, w->dcol, 1, 1, cfg->topcut_restrict_m,
                                    NULL, 0, &field[q], &w->diff[q], err);
        rm_krige_free(ke);
        r->n_solves += nb;
    }
    if (!st) {
        /* ΣREY (+ density) with the SREY model (standardised → ppm²). */
        rm_vgm_model m = w->shared;
        if (strcasecmp(cfg->model, "auto") == 0)
            for (int s = 0; s < m.n; s++)
                m.s[s].sill *= w->sd[ne] * w->sd[ne];
        size_t nv2 = w->have_rho ? 2 : 1;
        for (size_t i = 0; i < n; i++) {
            col[i * nv2] = w->srey[i];
            if (w->have_rho)
                col[i * nv2 + 1] = w->vals[i * nvar + (size_t)ne];
        }
        double skm[2] = {0, w->have_rho ? kb->sk_mean[ne] : 0};
        for (size_t i = 0; i < n; i++)
            skm[0] += w->srey[i] / (double)n;
        rm_krige *k = NULL;
        st = rm_krige_alloc_ext(kp, &m, w->xyz, col, n, nv2, w->sext, w->sext ? 1 : 0,
                                kp->kind == RM_KRIGE_SIMPLE ? skm : NULL, w->hole, &k, err);
        rm_krige_out o2 = kb->ko;
        o2.est = e1v;
        for (size_t run = 0; run < kb->nruns && !st; run++) {
            if (!run_here(w, run))
                continue;
            size_t nl, l0 = run_layers(w, kb, run, &nl), b0 = l0 * nxy, mb = nl * nxy;
            if ((st = krige_blocks(k, g, w->hshift, w->dcol, kb->first, kb->step, kb->count, l0,
                                   nl, &o2, &kb->runs[run].ks, err)))
                break;
            for (size_t t = 0; t < mb; t++) {
                rho[b0 + t] = w->have_rho ? e1v[t * nv2 + 1] : cfg->dry_density_t_m3;
                if (kb->diag[0])
                    kb->diag[0][b0 + t] = kb->kvar[t];
            }
            put_diagnostics(kb, b0, mb);
        }
        for (int q = 0; q < 6 && !st; q++)
            st = merge_blocks(w, kb, kb->diag[q], sizeof *kb->diag[q], err);
        if (!st && !(st = merge_blocks(w, kb, rho, sizeof *rho, err)))
            st = total_runs(w, kb, err);
        rm_krige_free(k);
        r->n_solves += nb;
    }
    free(col);
    free(e1v);
    for (size_t b = 0; b < nb && !st; b++)
        kb->pass_of[b] = isfinite(field[0][b]) ? 1 : 0;
    return st;
}

/* The kriging of every block, in runs of whole layers of at most
 * [estimate] chunk_blocks blocks (so that the kriging's buffers follow the
 * run, not the grid): the element fields, density, the diagnostics and the
 * search pass into the block model (kriged_only: the fields and density
 * alone), top-cut excesses into w->diff, then Sc on its own and the water
 * depth. */
static rm_status est_krige(est_work *w, int kriged_only, const rm_logger *log, rm_error *err)
{
    rm_resource_result *r = w->r;
    const rm_estimate_config *cfg = &r->cfg;
    const rm_grid *g = &w->g;
    size_t nb = r->n_blocks, n = w->n, nvar = w->nvar, nxy = g->nx * g->ny;
    int ne = w->ne;
    rm_krige_params kp;
    rm_krige_params_default(&kp);
    kp.kind = cfg->method == RM_KRIGE_SK ? RM_KRIGE_SIMPLE : RM_KRIGE_ORDINARY;
    kp.nmax = (size_t)cfg->nmax;
    kp.nmin = (size_t)cfg->nmin;
    kp.maxdist = cfg->maxdist_m;
    kp.hole_max = (int)cfg->hole_max;
    kp.block[0] = g->dx, kp.block[1] = g->dy, kp.block[2] = g->dz;
    kp.discr = (int)cfg->discr;
    kp.threads = (int)cfg->threads;
    krige_bufs kb = {.first = {rm_grid_xc(g, 0), rm_grid_yc(g, 0), rm_grid_zc(g, 0)},
                     .step = {g->dx, g->dy, g->dz}, .count = {g->nx, g->ny, g->nz}};
    kb.layers = (size_t)cfg->chunk_blocks / (nxy ? nxy : 1);
    kb.layers = kb.layers < 1 ? 1 : kb.layers > g->nz ? g->nz : kb.layers;
    size_t cap = kb.layers * nxy > 0 ? kb.layers * nxy : 1;
    kb.nruns = (g->nz + kb.layers - 1) / kb.layers;
    if (kb.layers < g->nz)
        rm_log(log, RM_LOG_DEBUG, "kriging in %zu runs of %zu of %zu layers (%zu blocks)",
               kb.nruns, kb.layers, g->nz, cap);
    if (w->share)
        rm_log(log, RM_LOG_INFO, "kriging's %zu runs of layers shared over %d processes",
               kb.nruns, w->share->parts);
    rm_status st = RM_OK;
    for (int q = 0; q < 6 && !kriged_only; q++) {
        static const char *const ln[6] = {
            "kriging variance of SREY", "slope of regression (true on estimated SREY)",
            "kriging efficiency", "samples used", "mean distance to the samples used",
            "Lagrange multiplier (covariance form)"};
        static const char *const un[6] = {"ppm2", "1", "1", "1", "m", "1"};
        kb.diag[q] = rm_blockmodel_add(r->bm, DIAG_NAMES[q], ln[q], un[q]);
        if (!kb.diag[q]) {
            st = rm_error_set(err, RM_ENOMEM, "out of memory");
            goto done;
        }
    }
    double *field[RM_NELEM + 1];
    for (int q = 0; q < ne; q++) {
        char name[32], ln[96];
        snprintf(name, sizeof name, "%s_ppm", rm_element(w->elems[q])->symbol);
        snprintf(ln, sizeof ln, "%s grade (kriged)", rm_element(w->elems[q])->symbol);
        field[q] = rm_blockmodel_add(r->bm, name, ln, "ppm");
        if (!field[q]) {
            st = rm_error_set(err, RM_ENOMEM, "out of memory");
            goto done;
        }
    }
    double *rho = rm_blockmodel_add(r->bm, "dry_density_t_m3", "dry bulk density", "t m-3");
    /* Top-cuts: the composites' element columns capped, the excess kriged
     * as extra columns (topcut.c). */
    size_t nex = w->nex = cfg->have_topcut ? (size_t)ne : 0;
    size_t nvar2 = nvar + nex; /* kest's columns: the variables, then the excesses */
    kb.kest = malloc(cap * nvar2 * sizeof *kb.kest);
    kb.kvar = malloc(cap * sizeof *kb.kvar);
    kb.kmd = malloc(cap * sizeof *kb.kmd);
    kb.klag = malloc(cap * sizeof *kb.klag);
    kb.kslope = malloc(cap * sizeof *kb.kslope);
    kb.kke = malloc(cap * sizeof *kb.kke);
    kb.kn = malloc(cap * sizeof *kb.kn);
    kb.pass_of = calloc(nb ? nb : 1, 1);
    kb.runs = calloc(kb.nruns ? kb.nruns : 1, sizeof *kb.runs);
    if (!rho || !kb.kest || !kb.kvar || !kb.kmd || !kb.klag || !kb.kslope || !kb.kke ||
        !kb.kn || !kb.pass_of || !kb.runs) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    if (nex) {
        kb.excess = malloc(n * nex * sizeof *kb.excess);
        kb.vals2 = malloc(n * nvar2 * sizeof *kb.vals2);
        int diff_ok = 1;
        for (size_t x = 0; x < nex; x++)
            diff_ok &= (w->diff[x] = malloc(nb * sizeof *w->diff[x])) != NULL;
        if (!kb.excess || !kb.vals2 || !diff_ok) {
            st = rm_error_set(err, RM_ENOMEM, "out of memory");
            goto done;
        }
        if ((st = rm_topcut_caps(cfg, w->elems, ne, w->vals, n, nvar, kb.excess, &r->topcut,
                                 err)))
            goto done;
        for (size_t i = 0; i < n; i++) {
            memcpy(&kb.vals2[i * nvar2], &w->vals[i * nvar], nvar * sizeof *w->vals);
            memcpy(&kb.vals2[i * nvar2 + nvar], &kb.excess[i * nex], nex * sizeof *kb.excess);
        }
    }
    for (size_t v = 0; v < nvar2; v++) {
        double s = 0;
        for (size_t i = 0; i < n; i++)
            s += v < nvar ? w->vals[i * nvar + v] : kb.excess[i * nex + (v - nvar)];
        kb.sk_mean[v] = s / (double)n;
    }
    kb.ko = (rm_krige_out){.est = kb.kest, .var = kb.kvar, .n = kb.kn, .mean_dist = kb.kmd,
                           .lagrange = kb.klag, .slope = kb.kslope, .ke = kb.kke};
    st = cfg->mode == RM_VMODE_SHARED ? krige_shared_mode(w, &kp, &kb, field, rho, err)
                                      : krige_per_element(w, &kp, &kb, field, rho, log, err);
    if (st)
        goto done;
    double *passf = kriged_only ? NULL : rm_blockmodel_add(r->bm, "search_pass",
                                      "search pass that estimated the block (1 = first)", "1");
    if (!kriged_only && !passf) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    if (w->sc_partial &&
        (st = krige_sc_alone(r, cfg, &kp, &w->shared, w->elems[w->sc_q], kb.first, kb.step,
                             kb.count, field[w->sc_q], log, err)))
        goto done;
    for (size_t b = 0; b < nb; b++) {
        if (passf)
            passf[b] = kb.pass_of[b] && !isnan(field[0][b]) ? (double)kb.pass_of[b] : NAN;
        if (isnan(field[0][b])) {
            if (kb.diag[3])
                kb.diag[3][b] = NAN;
            rho[b] = NAN;
        } else {
            r->n_estimated++;
        }
    }
    if (kb.ks.n_singular)
        rm_log(log, RM_LOG_WARN, "%zu blocks had a singular kriging system (first at "
               "%.1f, %.1f, %.2f)", kb.ks.n_singular, kb.ks.first_singular[0],
               kb.ks.first_singular[1], kb.ks.first_singular[2]);
    if (r->n_estimated < nb)
        rm_log(log, RM_LOG_INFO,
               "%zu of %zu blocks not estimated: %zu with fewer than %ld samples in reach, "
               "%zu with a singular kriging system",
               nb - r->n_estimated, nb, kb.ks.n_empty, cfg->nmin, kb.ks.n_singular);
    st = krige_water_depth(r, log, err);
done:
    if (st && w->share && w->share->fail)
        w->share->fail(w->share->ctx, err);
    free(kb.kest), free(kb.kvar), free(kb.kmd), free(kb.klag), free(kb.kslope), free(kb.kke);
    free(kb.kn), free(kb.pass_of), free(kb.runs), free(kb.excess), free(kb.vals2);
    return st;
}

/* Tonnages, classes, grade–tonnage tables (block and block-support),
 * maps, the summary, the top-cuts' metal at risk and the validation pack. */
static rm_status est_post(est_work *w, const rm_logger *log, rm_error *err)
{
    rm_resource_result *r = w->r;
    rm_estimate_config *cfg = &r->cfg;
    rm_status st;
    if ((st = rm_resource_derive(r->bm, err)) ||
        (st = rm_classify_blockmodel(r->bm, &cfg->rules, err)))
        return st;
    rm_gt_spec spec = {.cutoffs_ppm = cfg->cutoffs_ppm, .n_cutoffs = cfg->n_cutoffs,
                       .top_mbsf = cfg->report_top_mbsf,
                       .bottom_mbsf = cfg->report_bottom_mbsf,
                       .column_depth_m = cfg->column_depth_m, .by_class = 1};
    if ((st = rm_gradetonnage(r->bm, &spec, &r->gt, err)) ||
        (st = rm_resource_maps(r->bm, cfg->report_top_mbsf, cfg->report_bottom_mbsf,
                               cfg->map_cutoff_ppm, err)) ||
        (st = rm_resource_summarize(r->bm, cfg->report_top_mbsf, cfg->report_bottom_mbsf,
                                    &r->summary, err)))
        return st;
    /* Block-support curves from the composites (support.c): affine, DGM;
     * a model they cannot use (e.g. pure nugget) leaves them out. */
    rm_support_spec sup;
    rm_support_spec_default(&sup);
    for (int meth = RM_SUPPORT_AFFINE; meth <= RM_SUPPORT_DGM; meth++) {
        rm_error e2;
        sup.method = meth;
        if (rm_gradetonnage_support(r->bm, r->composites, &w->shared, &spec, &sup, &r->gt,
                                    NULL, &e2))
            rm_log(log, RM_LOG_WARN, "no block-support grade-tonnage: %s", e2.message);
    }
    if (w->nex && (st = rm_topcut_account(&r->topcut, r->bm, w->elems, w->ne, w->diff,
                                          cfg->report_top_mbsf, cfg->report_bottom_mbsf, err)))
        return st;
    for (size_t t = 0; t < r->topcut.n_rows; t++)
        rm_log(log, RM_LOG_INFO, "top-cut %s: %zu composites capped, %.4g t (%.2f %%) of "
               "metal at risk", r->topcut.rows[t].elem < 0 ? "SREY"
                                : rm_element(r->topcut.rows[t].elem)->symbol,
               r->topcut.rows[t].n_capped, r->topcut.rows[t].metal_at_risk_t,
               r->topcut.rows[t].metal_at_risk_pct);
    /* Validation pack: swaths, global means, grade-tonnage check. */
    if ((st = rm_validation_compute(r, &r->validation, err)))
        return st;
    rm_log(log, RM_LOG_INFO, "validation: kriged mean SREY %.1f ppm, nearest-neighbour "
           "model %.1f ppm (%+.1f %%)", r->validation.kriged_mean[0], r->validation.nn_mean[0],
           100 * (r->validation.kriged_mean[0] / r->validation.nn_mean[0] - 1));
    return RM_OK;
}

/* The stage, step by step (timed into r->seconds_*); kriged_only: stop once
 * the fields are kriged (over the processes of share, if any) and SREY_ppm
 * summed (rm_resource_estimate_kriged). */
static rm_status estimate(rm_ini *ini, long threads, int kriged_only,
                          const rm_estimate_share *share, const rm_logger *log,
                          rm_resource_result *out, rm_error *err)
{
    memset(out, 0, sizeof *out);
    rm_resource_result *r = out;
    est_work w = {.r = r, .share = share};
    double t0 = rm_now_s();
    rm_status st = est_inputs(ini, threads, log, &w, err);
    if (!st) {
        r->seconds_data = rm_now_s() - t0;
        rm_log(log, RM_LOG_INFO, "%zu cores, %zu composites; grid %zu x %zu x %zu blocks of "
               "%g x %g x %g m", r->holes->n_holes, r->composites->n, w.g.nx, w.g.ny, w.g.nz,
               w.g.dx, w.g.dy, w.g.dz);
    }
    if (st)
        goto done;
    if ((st = est_samples(&w, log, err)))
        goto done;
    double t1 = rm_now_s();
    if ((st = est_variograms(&w, log, err)))
        goto done;
    r->seconds_variogram = rm_now_s() - t1;
    default_class_distances(&r->cfg, &w.shared, w.ext);
    double t2 = rm_now_s();
    if ((st = est_krige(&w, kriged_only, log, err)))
        goto done;
    r->seconds_krige = rm_now_s() - t2;
    if (kriged_only) {
        st = rm_resource_derive_srey(r->bm, err);
        goto done;
    }
    double t3 = rm_now_s();
    if ((st = est_post(&w, log, err)))
        goto done;
    r->seconds_post = rm_now_s() - t3;
    rm_log(log, RM_LOG_INFO, "%.4g t of dry mud at mean SREY %.0f ppm = %.4g t REO over "
           "%g-%g mbsf", r->summary.total_mud_t, r->summary.mean_srey_ppm,
           r->summary.total_reo_t, r->cfg.report_top_mbsf, r->cfg.report_bottom_mbsf);
done:
    est_work_free(&w);
    if (st)
        rm_resource_result_free(r);
    return st;
}

void rm_resource_result_free(rm_resource_result *r)
{
    if (!r)
        return;
    rm_drillholes_free(r->holes);
    rm_composites_free(r->composites);
    free(r->cores);
    rm_blockmodel_free(r->bm);
    rm_gt_table_free(&r->gt);
    rm_validation_free(&r->validation);
    rm_topcut_info_free(&r->topcut);
    free(r->horizon_hole_mbsf);
    memset(r, 0, sizeof *r);
}
