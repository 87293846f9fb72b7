/* synth_internal.h — what the synth files share: the deposit's random
 * fields and the continuous grade and density functions. */
#ifndef REEMUD_SYNTH_INTERNAL_H
#define REEMUD_SYNTH_INTERNAL_H

#include "reemud/grf.h"
#include "reemud/synth.h"

/* RNG stream indices: one per random component, fixed forever so a seed
 * always gives the same deposit and cores. */
enum {
    STREAM_WATER = 0, STREAM_TOP = 1, STREAM_RICH = 2, STREAM_GRADE = 3,
    STREAM_DENSITY = 4, STREAM_COMPOSITION = 5, STREAM_SITES = 6, STREAM_CORES = 7
};

typedef struct synth_deposit {
    rm_grf *water, *top, *rich, *grade, *density;
    double xmin, ymin, width, height; /* domain, for the trends */
    double grade_scale, density_scale;
    int horizon_flat;                 /* rm_synth_params.horizon_* */
    double horizon_relief_m, horizon_length_m;
} synth_deposit;

/* Per-column (x, y) properties. */
typedef struct synth_column_t {
    double water_depth_m;
    double rey_top_mbsf;
    double richness;
} synth_column_t;

rm_status synth_deposit_init(synth_deposit *d, const rm_synth_params *p, rm_error *err);
void synth_deposit_free(synth_deposit *d);

/* Column properties from the standard-normal values of the water, top and
 * richness fields at (x, y). */
void synth_column(const synth_deposit *d, double x, double y, double z_water, double z_top,
                  double z_rich, synth_column_t *c);
/* ΣREY (ppm) before calibration at depth z given the grade field value. */
double synth_srey_raw(const synth_column_t *c, double z, double z_grade);
/* Dry density (t/m³) before calibration at depth z. */
double synth_density_raw(double z, double z_density);

/* Sites, cores and samples into s (holes, samples); comp holds the per-block
 * composition (nblocks × RM_NREY). */
rm_status synth_sample_cores(const synth_deposit *d, const rm_synth_params *p,
                             const float *comp, rm_synth *s, rm_error *err);

#endif
