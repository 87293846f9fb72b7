/* synth.c — the synthetic REY-mud deposit: a continuous function of
 * (x, y, mbsf) built from spectral Gaussian random fields, its block truth
 * and its calibration.
 *
 * Structure (docs/references.md §1; docs/synthetic.md gives the numbers):
 *   - the top of the REY-rich unit T(x, y) deepens toward the north-east
 *     (thick non-REY-rich cover in the north, Tanaka et al. 2020, Ore Geol.
 *     Rev. 119:103392) and starts within 10 mbsf almost everywhere else
 *     (Takaya et al. 2018, Sci. Rep. 8:5763);
 *   - above T a low-grade cover of 150–300 ppm ΣREY; below T a REY-rich
 *     background with three Gaussian peaks at fixed offsets below T, the
 *     three correlatable peaks of Tanaka et al. 2020, the first the richest
 *     (>5,000 ppm within 1–2 m of the top, JAMSTEC 2013);
 *   - a richness factor R(x, y) with a high-grade zone in the north-west
 *     (>400 km², strongest at 5–7 mbsf; Takaya 2018);
 *   - a multiplicative log-normal 3-D field exp(σ Z − σ²/2) for continuity;
 *   - ΣREY softly capped near 8,000 ppm (the observed maximum, Takaya 2018);
 *   - dry bulk density 0.55 t/m³ (docs/references.md §1 consistency check:
 *     (1 − 0.78) × 2.5) with mild compaction and a ±4 % random field;
 *   - a smooth seafloor at 5,600–5,800 m (JAMSTEC 2013).
 * Grades are finally scaled by one factor so the tonnage-weighted mean
 * ΣREY over the reporting window equals the target (964 ppm, Takaya 2018),
 * and densities by one factor so their mean equals 0.55 t/m³.
 * Element grades are ΣREY × the REY-mud composition (synth_pattern.c) with
 * a small per-block variation.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "reemud/grf.h"
#include "reemud/synth.h"
#include "synth_internal.h"

/* Sub-layers per block for the vertical block average. */
#define SUBLAYERS 5

void rm_synth_params_default(rm_synth_params *p)
{
    memset(p, 0, sizeof *p);
    p->seed = 2018;
    p->epsg = 32656;
    /* 50 km × 50 km = 2,500 km² (Takaya 2018's research area) inside the box
     * 21°48'–22°15'N, 153°30'–154°07'E, which spans UTM 56N x 551.5–615.4 km,
     * y 2,410.8–2,460.9 km. */
    p->grid = (rm_grid){.nx = 50, .ny = 50, .nz = 20, .x0 = 558500.0, .y0 = 2410900.0,
                        .z0 = 0.0, .dx = 1000.0, .dy = 1000.0, .dz = 0.5};
    p->n_holes = 30;
    p->core_length_min_m = 10.0;
    p->core_length_max_m = 15.0;
    p->interval_m = 0.5;
    p->noise_rel = 0.03;
    p->target_mean_srey_ppm = 964.0;
    p->target_density_t_m3 = 0.55;
    p->top_mbsf = 0.0;
    p->bottom_mbsf = 10.0;
    p->horizon_length_m = 25000.0;
    p->range_scale = 1.0;
}

rm_status rm_synth_params_check(const rm_synth_params *p, rm_error *err)
{
    rm_status st = rm_grid_validate(&p->grid, err);
    if (st)
        return st;
    if (p->epsg <= 0)
        return rm_error_set(err, RM_EINVAL, "synth: a projected EPSG code is needed");
    if (p->n_sites == 0 && p->n_holes == 0)
        return rm_error_set(err, RM_EINVAL, "synth: holes must be >= 1");
    if (p->n_sites > 0 && (!p->site_x || !p->site_y))
        return rm_error_set(err, RM_EINVAL, "synth: site coordinates missing");
    for (size_t i = 0; i < p->n_sites; i++) {
        if (!(p->site_x[i] >= p->grid.x0 &&
              p->site_x[i] <= p->grid.x0 + (double)p->grid.nx * p->grid.dx &&
              p->site_y[i] >= p->grid.y0 &&
              p->site_y[i] <= p->grid.y0 + (double)p->grid.ny * p->grid.dy))
            return rm_error_set(err, RM_EINVAL, "synth: site %zu (%g, %g) is outside the grid",
                                i + 1, p->site_x[i], p->site_y[i]);
    }
    if (!(p->core_length_min_m > 0) || !(p->core_length_max_m >= p->core_length_min_m) ||
        !isfinite(p->core_length_max_m))
        return rm_error_set(err, RM_EINVAL,
                            "synth: core length range [%g, %g] m is not valid",
                            p->core_length_min_m, p->core_length_max_m);
    if (!(p->interval_m > 0) || p->interval_m > p->core_length_min_m)
        return rm_error_set(err, RM_EINVAL,
                            "synth: sample interval %g m must be in (0, core length]",
                            p->interval_m);
    if (!(p->noise_rel >= 0 && p->noise_rel < 0.5))
        return rm_error_set(err, RM_EINVAL, "synth: noise %g must be in [0, 0.5)",
                            p->noise_rel);
    if (!(p->target_mean_srey_ppm >= 0) || !(p->target_density_t_m3 >= 0) ||
        !isfinite(p->target_mean_srey_ppm) || !isfinite(p->target_density_t_m3))
        return rm_error_set(err, RM_EINVAL, "synth: targets must be >= 0");
    if (p->horizon_flat && (!(p->horizon_relief_m >= 0 && p->horizon_relief_m <= 3) ||
                            !(p->horizon_length_m > 0) || !isfinite(p->horizon_length_m)))
        return rm_error_set(err, RM_EINVAL, "synth: horizon relief %g m must be in [0, 3] "
                            "and its length scale %g m positive",
                            p->horizon_relief_m, p->horizon_length_m);
    if (!(p->range_scale >= 0.2 && p->range_scale <= 5))
        return rm_error_set(err, RM_EINVAL, "synth: range scale %g must be in [0.2, 5]",
                            p->range_scale);
    double grid_bottom = p->grid.z0 + (double)p->grid.nz * p->grid.dz;
    if (!(p->top_mbsf >= p->grid.z0) || !(p->bottom_mbsf > p->top_mbsf) ||
        p->bottom_mbsf > grid_bottom + 1e-9)
        return rm_error_set(err, RM_EINVAL,
                            "synth: window %g–%g mbsf must lie within the grid (%g–%g mbsf)",
                            p->top_mbsf, p->bottom_mbsf, p->grid.z0, grid_bottom);
    return RM_OK;
}

/* Fill the truth: block averages over SUBLAYERS sub-layers (tonnage-weighted
 * grade, mean density) at the block's column centre. */
static rm_status build_truth(const synth_deposit *d, const rm_synth_params *p,
                             rm_blockmodel *bm, rm_error *err)
{
    const rm_grid *g = &p->grid;
    const size_t ncol = g->nx * g->ny, nb = rm_grid_nblocks(g);
    rm_grid fine = *g;
    fine.nz = g->nz * SUBLAYERS;
    fine.dz = g->dz / SUBLAYERS;
    double *zw = malloc(ncol * sizeof *zw), *zt = malloc(ncol * sizeof *zt),
           *zr = malloc(ncol * sizeof *zr);
    double *zg = malloc(rm_grid_nblocks(&fine) * sizeof *zg),
           *zd = malloc(rm_grid_nblocks(&fine) * sizeof *zd);
    synth_column_t *cols = malloc(ncol * sizeof *cols);
    rm_status st = RM_OK;
    if (!zw || !zt || !zr || !zg || !zd || !cols)
        st = rm_error_set(err, RM_ENOMEM, "synth: out of memory");
    if (!st)
        st = rm_grf_fill_surface(d->water, g, zw, err);
    if (!st)
        st = rm_grf_fill_surface(d->top, g, zt, err);
    if (!st)
        st = rm_grf_fill_surface(d->rich, g, zr, err);
    if (!st)
        st = rm_grf_fill_grid(d->grade, &fine, zg, err);
    if (!st)
        st = rm_grf_fill_grid(d->density, &fine, zd, err);
    double *wd = NULL, *top = NULL, *srey = NULL, *rho = NULL;
    if (!st) {
        wd = rm_blockmodel_add_surface(bm, "water_depth_m", "water depth (synthetic)", "m");
        top = rm_blockmodel_add_surface(bm, "rey_top_mbsf",
                                        "top of the REY-rich unit below seafloor (synthetic)",
                                        "m");
        srey = rm_blockmodel_add(bm, "SREY_ppm", "sum of REY La-Lu + Y (synthetic truth)",
                                 "ppm");
        rho = rm_blockmodel_add(bm, "dry_density_t_m3", "dry bulk density (synthetic truth)",
                                "t m-3");
        if (!wd || !top || !srey || !rho)
            st = rm_error_set(err, RM_ENOMEM, "synth: out of memory");
    }
    if (!st) {
        for (size_t j = 0; j < g->ny; j++)
            for (size_t i = 0; i < g->nx; i++) {
                size_t c = i + g->nx * j;
                synth_column(d, rm_grid_xc(g, i), rm_grid_yc(g, j), zw[c], zt[c], zr[c],
                             &cols[c]);
                wd[c] = cols[c].water_depth_m;
                top[c] = cols[c].rey_top_mbsf;
            }
        for (size_t b = 0; b < nb; b++) {
            size_t c = b % ncol, k = b / ncol;
            double mass = 0, metal = 0;
            for (size_t m = 0; m < SUBLAYERS; m++) {
                size_t f = c + ncol * (k * SUBLAYERS + m);
                double z = fine.z0 + ((double)(k * SUBLAYERS + m) + 0.5) * fine.dz;
                double r = synth_density_raw(z, zd[f]);
                double zgf = zg[f];
                if (d->horizon_flat) /* the grade field follows the strata */
                    zgf = rm_grf_eval(d->grade, rm_grid_xc(g, c % g->nx),
                                      rm_grid_yc(g, c / g->nx), z - (top[c] - 3.5));
                mass += r;
                metal += r * synth_srey_raw(&cols[c], z, zgf);
            }
            srey[b] = metal / mass;
            rho[b] = mass / SUBLAYERS;
        }
    }
    free(zw), free(zt), free(zr), free(zg), free(zd), free(cols);
    return st;
}

/* Scale grades and densities to the targets over the window. */
static void calibrate(synth_deposit *d, const rm_synth_params *p, rm_blockmodel *bm)
{
    const rm_grid *g = &p->grid;
    double *srey = rm_blockmodel_get(bm, "SREY_ppm"), *rho = rm_blockmodel_get(bm, "dry_density_t_m3");
    double vol = 0, mass = 0, metal = 0;
    for (size_t b = 0; b < rm_grid_nblocks(g); b++) {
        size_t k = b / (g->nx * g->ny);
        double top = g->z0 + (double)k * g->dz;
        double w = fmin(top + g->dz, p->bottom_mbsf) - fmax(top, p->top_mbsf);
        if (w <= 0)
            continue;
        vol += w;
        mass += w * rho[b];
        metal += w * rho[b] * srey[b];
    }
    d->grade_scale = p->target_mean_srey_ppm > 0 ? p->target_mean_srey_ppm / (metal / mass) : 1.0;
    d->density_scale = p->target_density_t_m3 > 0 ? p->target_density_t_m3 / (mass / vol) : 1.0;
    for (size_t b = 0; b < rm_grid_nblocks(g); b++) {
        srey[b] *= d->grade_scale;
        rho[b] *= d->density_scale;
    }
}

/* Element fields: ΣREY × composition, the composition varying per block
 * by a log-normal factor (σ 5 %) per element, renormalised to sum 1. */
static rm_status split_elements(const rm_synth_params *p, rm_blockmodel *bm, float *comp,
                                rm_error *err)
{
    const size_t nb = rm_grid_nblocks(&p->grid);
    double base[RM_NREY], *el[RM_NREY];
    rm_synth_pattern(base);
    for (int e = 0; e < RM_NREY; e++) {
        char name[32], long_name[96];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        snprintf(long_name, sizeof long_name, "%s grade (synthetic truth)",
                 rm_element(e)->symbol);
        el[e] = rm_blockmodel_add(bm, name, long_name, "ppm");
        if (!el[e])
            return rm_error_set(err, RM_ENOMEM, "synth: out of memory");
    }
    gsl_rng *rng = rm_rng_stream(p->seed, STREAM_COMPOSITION);
    if (!rng)
        return rm_error_set(err, RM_ENOMEM, "synth: out of memory");
    const double *srey = rm_blockmodel_get(bm, "SREY_ppm");
    for (size_t b = 0; b < nb; b++) {
        double f[RM_NREY], sum = 0;
        for (int e = 0; e < RM_NREY; e++) {
            f[e] = base[e] * exp(0.05 * gsl_ran_ugaussian(rng) - 0.00125);
            sum += f[e];
        }
        for (int e = 0; e < RM_NREY; e++) {
            f[e] /= sum;
            el[e][b] = srey[b] * f[e];
            if (comp)
                comp[b * RM_NREY + e] = (float)f[e];
        }
    }
    gsl_rng_free(rng);
    return RM_OK;
}

void rm_synth_free(rm_synth *s)
{
    if (!s)
        return;
    rm_blockmodel_free(s->truth);
    free(s->holes);
    free(s->samples);
    free(s);
}

rm_status rm_synth_generate(const rm_synth_params *p, rm_synth **out, rm_error *err)
{
    *out = NULL;
    rm_status st = rm_synth_params_check(p, err);
    if (st)
        return st;
    rm_synth *s = calloc(1, sizeof *s);
    if (!s)
        return rm_error_set(err, RM_ENOMEM, "synth: out of memory");
    synth_deposit d;
    st = synth_deposit_init(&d, p, err);
    if (st) {
        free(s);
        return st;
    }
    float *comp = malloc(rm_grid_nblocks(&p->grid) * RM_NREY * sizeof *comp);
    s->truth = rm_blockmodel_alloc(&p->grid, p->epsg);
    if (!comp || !s->truth)
        st = rm_error_set(err, RM_ENOMEM, "synth: out of memory");
    if (!st)
        st = build_truth(&d, p, s->truth, err);
    if (!st) {
        calibrate(&d, p, s->truth);
        s->grade_scale = d.grade_scale;
        s->density_scale = d.density_scale;
        st = split_elements(p, s->truth, comp, err);
    }
    if (!st)
        st = synth_sample_cores(&d, p, comp, s, err);
    if (!st)
        st = rm_synth_summarize(s->truth, p->top_mbsf, p->bottom_mbsf, &s->summary, err);
    free(comp);
    synth_deposit_free(&d);
    if (st) {
        rm_synth_free(s);
        return st;
    }
    *out = s;
    return RM_OK;
}

rm_status rm_synth_summarize(const rm_blockmodel *bm, double top_mbsf, double bottom_mbsf,
                             rm_synth_summary *s, rm_error *err)
{
    memset(s, 0, sizeof *s);
    const rm_grid *g = &bm->grid;
    const double *el[RM_NREY];
    for (int e = 0; e < RM_NREY; e++) {
        char name[32];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        if (!(el[e] = rm_blockmodel_get(bm, name)))
            return rm_error_set(err, RM_EINVAL, "block model has no field %s", name);
    }
    const double *rho = rm_blockmodel_get(bm, "dry_density_t_m3");
    if (!rho)
        return rm_error_set(err, RM_EINVAL, "block model has no field dry_density_t_m3");
    if (!(bottom_mbsf > top_mbsf))
        return rm_error_set(err, RM_EINVAL, "summary window %g–%g mbsf is empty", top_mbsf,
                            bottom_mbsf);
    s->top_mbsf = top_mbsf;
    s->bottom_mbsf = bottom_mbsf;
    s->area_km2 = (double)(g->nx * g->ny) * g->dx * g->dy / 1e6;
    double volume = 0, heavy = 0;
    for (size_t b = 0; b < rm_grid_nblocks(g); b++) {
        size_t k = b / (g->nx * g->ny);
        double top = g->z0 + (double)k * g->dz;
        double h = fmin(top + g->dz, bottom_mbsf) - fmax(top, top_mbsf);
        if (h <= 0 || isnan(rho[b]))
            continue;
        double srey = 0;
        for (int e = 0; e < RM_NREY; e++)
            srey += el[e][b];
        if (isnan(srey))
            continue;
        double v = g->dx * g->dy * h, t = v * rho[b];
        volume += v;
        s->total_mud_t += t;
        for (int e = 0; e < RM_NREY; e++) {
            double et = t * el[e][b] * 1e-6;
            s->element_t[e] += et;
            s->oxide_t[e] += et * rm_element(e)->oxide_factor;
            if (rm_element(e)->heavy)
                heavy += et;
        }
        if (srey > s->max_srey_ppm)
            s->max_srey_ppm = srey;
    }
    if (!(s->total_mud_t > 0))
        return rm_error_set(err, RM_EINVAL, "no blocks with values in %g–%g mbsf", top_mbsf,
                            bottom_mbsf);
    double metal = 0;
    for (int e = 0; e < RM_NREY; e++) {
        metal += s->element_t[e];
        s->total_reo_t += s->oxide_t[e];
    }
    s->mean_srey_ppm = metal / s->total_mud_t * 1e6;
    s->mean_density_t_m3 = s->total_mud_t / volume;
    s->y_hree_fraction = heavy / metal;
    return RM_OK;
}
