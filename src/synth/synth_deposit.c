/* synth_deposit.c — the synthetic deposit as a continuous function of
 * (x, y, mbsf): its random fields, the column properties (seafloor, top of
 * the REY-rich unit, richness), and ΣREY and dry density before
 * calibration.  The structure and its sources are in synth.c's header and
 * docs/synthetic.md.  synth.c (the truth and its calibration) and
 * synth_cores.c (the cores) both evaluate the deposit through this file,
 * which calls neither.
 */
#include <math.h>
#include <string.h>

#include "synth_internal.h"

void synth_deposit_free(synth_deposit *d)
{
    if (!d)
        return;
    rm_grf_free(d->water);
    rm_grf_free(d->top);
    rm_grf_free(d->rich);
    rm_grf_free(d->grade);
    rm_grf_free(d->density);
    memset(d, 0, sizeof *d);
}

rm_status synth_deposit_init(synth_deposit *d, const rm_synth_params *p, rm_error *err)
{
    memset(d, 0, sizeof *d);
    const rm_grid *g = &p->grid;
    d->xmin = g->x0;
    d->ymin = g->y0;
    d->width = (double)g->nx * g->dx;
    d->height = (double)g->ny * g->dy;
    d->grade_scale = 1.0;
    d->density_scale = 1.0;
    d->horizon_flat = p->horizon_flat;
    d->horizon_relief_m = p->horizon_relief_m;
    d->horizon_length_m = p->horizon_length_m;
    /* Lateral ranges scale with the domain (25–40 % of its width, times
     * range_scale) so a small test grid still shows structure; vertical
     * ranges are metres. */
    double L = fmax(d->width, d->height) * p->range_scale;
    const rm_grf_model water = {rm_grf_gau, 1.0, {0.40 * L, 0.40 * L, 1.0}};
    const rm_grf_model top = {rm_grf_gau, 1.0, {0.30 * L, 0.30 * L, 1.0}};
    const rm_grf_model rich = {rm_grf_gau, 1.0, {0.25 * L, 0.25 * L, 1.0}};
    const rm_grf_model grade = {rm_grf_sph, 1.0, {0.30 * L, 0.30 * L, 2.0}};
    const rm_grf_model density = {rm_grf_gau, 1.0, {0.40 * L, 0.40 * L, 4.0}};
    rm_status st = rm_grf_alloc(&water, p->n_waves, p->seed, STREAM_WATER, &d->water, err);
    if (!st)
        st = rm_grf_alloc(&top, p->n_waves, p->seed, STREAM_TOP, &d->top, err);
    if (!st)
        st = rm_grf_alloc(&rich, p->n_waves, p->seed, STREAM_RICH, &d->rich, err);
    if (!st)
        st = rm_grf_alloc(&grade, p->n_waves, p->seed, STREAM_GRADE, &d->grade, err);
    if (!st)
        st = rm_grf_alloc(&density, p->n_waves, p->seed, STREAM_DENSITY, &d->density, err);
    if (st)
        synth_deposit_free(d);
    return st;
}

void synth_column(const synth_deposit *d, double x, double y, double z_water, double z_top,
                  double z_rich, synth_column_t *c)
{
    double u = (x - d->xmin) / d->width, v = (y - d->ymin) / d->height; /* 0..1, v north */
    /* Seafloor: 5,700 ± 100 m, smooth, a little deeper to the south. */
    c->water_depth_m = 5700.0 + 100.0 * tanh(0.6 * z_water + 0.4 * (0.5 - v));
    /* Top of the REY-rich unit: ~3.5 m in the south, ~4.5 m in the NW,
     * ~9.5 m in the NE (thick cover in the north), ±1 m random. */
    double t = 3.5 + 6.0 * v * v * u + 1.0 * v * (1.0 - u) + 1.0 * z_top;
    if (d->horizon_flat) /* a test deposit: a flat top, or one undulating */
        t = 3.5 + d->horizon_relief_m * sin(2 * M_PI * (x - d->xmin) / d->horizon_length_m) *
                      sin(2 * M_PI * (y - d->ymin) / d->horizon_length_m);
    c->rey_top_mbsf = t > 0.5 ? t : 0.5 * exp(t - 0.5); /* smooth floor near 0.5 m */
    /* Richness: log-normal (σ 0.35, mean 1) times 0.55 plus a north-western
     * high centred at (0.22, 0.78) of the domain, radius (1 s.d.) 22 % of it. */
    double du = (u - 0.22) * d->width, dv = (v - 0.78) * d->height;
    double r2 = (du * du + dv * dv) / pow(0.22 * fmax(d->width, d->height), 2);
    c->richness = exp(0.35 * z_rich - 0.06125) * (0.55 + 2.0 * exp(-0.5 * r2));
}

double synth_srey_raw(const synth_column_t *c, double z, double z_grade)
{
    const double T = c->rey_top_mbsf;
    double v; /* the top of the unit is a sharp contact */
    if (z < T) {
        v = 150.0 + 150.0 * (z / T) * (z / T); /* cover, 150–300 ppm */
    } else {
        /* Three correlatable peaks below the top (offset m, width m, ppm). */
        static const double off[3] = {1.2, 3.6, 6.4}, wid[3] = {0.5, 0.6, 0.7},
                            amp[3] = {3200.0, 1500.0, 1100.0};
        v = 250.0 + 150.0 * exp(-(z - T) / 10.0); /* REY-rich background */
        for (int k = 0; k < 3; k++) {
            double s = (z - T - off[k]) / wid[k];
            v += amp[k] * c->richness * exp(-0.5 * s * s);
        }
    }
    v *= exp(0.3 * z_grade - 0.045); /* log-normal continuity, mean 1 */
    /* Soft cap: grades above 6,000 ppm approach 8,000 ppm. */
    if (v > 6000.0)
        v = 6000.0 + 2000.0 * tanh((v - 6000.0) / 2000.0);
    return v;
}

double synth_density_raw(double z, double z_density)
{
    /* 0.55 t/m³, +0.8 % per metre of compaction about 5 mbsf, ±4 % random. */
    return 0.55 * (1.0 + 0.008 * (z - 5.0)) * exp(0.04 * z_density);
}
