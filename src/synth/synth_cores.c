/* synth_cores.c — piston cores from the synthetic deposit.
 *
 * Sites are the chosen ones or uniform random points at least
 * 0.5 sqrt(area / n) apart (a simple sequential inhibition process,
 * Diggle 2003, "Statistical Analysis of Spatial Point Patterns", §4.6),
 * 1 km or 10 % inside the grid edge.  Each core has a length drawn
 * uniformly in [min, max] and is cut into contiguous samples of the given
 * length from the seafloor down (the last one shorter), like the 0.5–1 m
 * samples of piston cores (677 samples from 25 sites in Takaya et al.
 * 2018).  A sample's true value is the tonnage-weighted mean of the
 * continuous deposit over its interval (points every ≤ 0.1 m) with the
 * composition of the truth block it falls in; the measured value adds an
 * independent relative Gaussian error per element and for density.
 * Positions are converted to lon/lat (EPSG:4326, lon first) by GDAL OSR.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "reemud/data.h"
#include "synth_internal.h"

/* Core sites into s->holes: the p->n_sites given ones, else p->n_holes random ones kept
 * at least a spacing apart (sequential inhibition; spacing starts at half the mean
 * distance between holes, −10 % every 1000 failed tries) inside a margin of min(1 km, 10
 * %) of the grid. */
static rm_status place_sites(const rm_synth_params *p, rm_synth *s, rm_error *err)
{
    const rm_grid *g = &p->grid;
    if (p->n_sites > 0) {
        for (size_t h = 0; h < p->n_sites; h++) {
            s->holes[h].x = p->site_x[h];
            s->holes[h].y = p->site_y[h];
        }
        return RM_OK;
    }
    double w = (double)g->nx * g->dx, hgt = (double)g->ny * g->dy;
    double margin = fmin(1000.0, 0.1 * fmin(w, hgt));
    double spacing = 0.5 * sqrt(w * hgt / (double)p->n_holes);
    gsl_rng *rng = rm_rng_stream(p->seed, STREAM_SITES);
    if (!rng)
        return rm_error_set(err, RM_ENOMEM, "synth: out of memory");
    for (size_t h = 0; h < p->n_holes; h++) {
        for (int tries = 0;; tries++) {
            if (tries > 0 && tries % 1000 == 0)
                spacing *= 0.9; /* crowded: relax the inhibition distance */
            double x = g->x0 + margin + (w - 2 * margin) * gsl_rng_uniform(rng);
            double y = g->y0 + margin + (hgt - 2 * margin) * gsl_rng_uniform(rng);
            int ok = 1;
            for (size_t q = 0; q < h && ok; q++)
                ok = hypot(x - s->holes[q].x, y - s->holes[q].y) >= spacing;
            if (ok) {
                s->holes[h].x = x;
                s->holes[h].y = y;
                break;
            }
        }
    }
    gsl_rng_free(rng);
    return RM_OK;
}

/* Fills each hole's lon and lat (degrees, EPSG:4326) from its x, y in EPSG:epsg through
 * GDAL/PROJ; RM_EINVAL when the CRS or a point cannot be converted. */
static rm_status to_lonlat(int epsg, rm_synth *s, rm_error *err)
{
    size_t n = s->n_holes;
    double *x = malloc((n ? n : 1) * sizeof *x), *y = malloc((n ? n : 1) * sizeof *y);
    int *ok = malloc((n ? n : 1) * sizeof *ok);
    rm_status st = RM_OK;
    if (!x || !y || !ok)
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
    for (size_t h = 0; !st && h < n; h++)
        x[h] = s->holes[h].x, y[h] = s->holes[h].y;
    if (!st)
        st = rm_crs_transform(epsg, 4326, n, x, y, ok, err);
    for (size_t h = 0; !st && h < n; h++) {
        if (!ok[h])
            st = rm_error_set(err, RM_EINVAL, "synth: cannot convert (%g, %g) to lon/lat",
                              s->holes[h].x, s->holes[h].y);
        s->holes[h].lon = x[h];
        s->holes[h].lat = y[h];
    }
    free(x), free(y), free(ok);
    return st;
}

/* Index of the truth block holding (x, y, z), clamped to the grid. */
static size_t block_at(const rm_grid *g, double x, double y, double z)
{
    double fi = floor((x - g->x0) / g->dx), fj = floor((y - g->y0) / g->dy),
           fk = floor((z - g->z0) / g->dz);
    size_t i = fi < 0 ? 0 : fi >= (double)g->nx ? g->nx - 1 : (size_t)fi;
    size_t j = fj < 0 ? 0 : fj >= (double)g->ny ? g->ny - 1 : (size_t)fj;
    size_t k = fk < 0 ? 0 : fk >= (double)g->nz ? g->nz - 1 : (size_t)fk;
    return rm_grid_index(g, i, j, k);
}

rm_status synth_sample_cores(const synth_deposit *d, const rm_synth_params *p,
                             const float *comp, rm_synth *s, rm_error *err)
{
    s->n_holes = p->n_sites > 0 ? p->n_sites : p->n_holes;
    s->holes = calloc(s->n_holes, sizeof *s->holes);
    if (!s->holes)
        return rm_error_set(err, RM_ENOMEM, "synth: out of memory");
    rm_status st = place_sites(p, s, err);
    if (!st)
        st = to_lonlat(p->epsg, s, err);
    if (st)
        return st;
    gsl_rng *rng = rm_rng_stream(p->seed, STREAM_CORES);
    if (!rng)
        return rm_error_set(err, RM_ENOMEM, "synth: out of memory");
    int width = s->n_holes < 100 ? 2 : s->n_holes < 1000 ? 3 : 6;
    size_t cap = 0;
    for (size_t h = 0; h < s->n_holes && !st; h++) {
        rm_synth_hole *hole = &s->holes[h];
        snprintf(hole->id, sizeof hole->id, "SY%0*zu", width, h + 1);
        synth_column_t col;
        double x = hole->x, y = hole->y;
        synth_column(d, x, y, rm_grf_eval(d->water, x, y, 0), rm_grf_eval(d->top, x, y, 0),
                     rm_grf_eval(d->rich, x, y, 0), &col);
        hole->water_depth_m = col.water_depth_m;
        /* Lengths on a 1 cm grid, as a core log records them. */
        hole->length_m = round(100.0 * (p->core_length_min_m +
                                        (p->core_length_max_m - p->core_length_min_m) *
                                            gsl_rng_uniform(rng))) / 100.0;
        hole->first_sample = s->n_samples;
        for (double from = 0; from < hole->length_m - 1e-9 && !st;) {
            double to = fmin(from + p->interval_m, hole->length_m);
            if (s->n_samples == cap) {
                size_t ncap = cap ? 2 * cap : 256;
                rm_synth_sample *ns = realloc(s->samples, ncap * sizeof *ns);
                if (!ns) {
                    st = rm_error_set(err, RM_ENOMEM, "synth: out of memory");
                    break;
                }
                s->samples = ns, cap = ncap;
            }
            rm_synth_sample *smp = &s->samples[s->n_samples++];
            smp->hole = h;
            smp->from_m = from;
            smp->to_m = to;
            int npts = (int)ceil((to - from) / 0.1 - 1e-9);
            double mass = 0, metal = 0;
            for (int m = 0; m < npts; m++) {
                double z = from + ((double)m + 0.5) * (to - from) / npts;
                double r = d->density_scale *
                           synth_density_raw(z, rm_grf_eval(d->density, x, y, z));
                mass += r;
                metal += r * d->grade_scale *
                         synth_srey_raw(&col, z,
                                        rm_grf_eval(d->grade, x, y,
                                                    d->horizon_flat
                                                        ? z - (col.rey_top_mbsf - 3.5)
                                                        : z));
            }
            double srey = metal / mass;
            const float *f = comp + block_at(&p->grid, x, y, 0.5 * (from + to)) * RM_NREY;
            for (int e = 0; e < RM_NREY; e++) {
                double v = srey * f[e] * (1.0 + p->noise_rel * gsl_ran_ugaussian(rng));
                smp->ppm[e] = v > 0.01 ? v : 0.01;
            }
            smp->dry_density_t_m3 =
                mass / npts * (1.0 + p->noise_rel * gsl_ran_ugaussian(rng));
            from = to;
        }
        hole->n_samples = s->n_samples - hole->first_sample;
    }
    gsl_rng_free(rng);
    return st;
}
