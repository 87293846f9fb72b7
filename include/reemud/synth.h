/* synth.h — a synthetic REY-mud deposit, its piston cores and its truth.
 *
 * The deposit is a continuous, seed-determined function of (x, y, mbsf):
 * a low-grade cover over a REY-rich unit whose top varies laterally, three
 * correlatable grade peaks below that top, a richer zone in the north-west,
 * all made continuous by spectral Gaussian random fields (grf.h) and
 * rescaled so the tonnage-weighted mean ΣREY and the mean dry density over
 * the reporting window hit their targets.  Cores are sampled from the same
 * function, with measurement noise; the truth is the block average on a
 * grid.  Method, defaults and sources: docs/synthetic.md.
 *
 * Truth fields (blockmodel.h; the names resource.h uses):
 *   3-D "<El>_ppm" for the 15 REY, "SREY_ppm", "dry_density_t_m3"
 *   2-D "water_depth_m", "rey_top_mbsf" (top of the REY-rich unit)
 */
#ifndef REEMUD_SYNTH_H
#define REEMUD_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "reemud/blockmodel.h"
#include "reemud/core.h"
#include "reemud/elements.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rm_synth_params {
    uint64_t seed;
    int epsg;                      /* projected CRS of the grid (32656) */
    rm_grid grid;                  /* truth grid; x0, y0 lower-left corner */
    size_t n_holes;                /* random sites when no sites are given */
    const double *site_x, *site_y; /* chosen sites (projected m), or NULL */
    size_t n_sites;
    double core_length_min_m, core_length_max_m; /* uniform per core */
    double interval_m;             /* sample length down the core */
    double noise_rel;              /* relative s.d. of measurement noise */
    double target_mean_srey_ppm;   /* 0 = no grade rescaling */
    double target_density_t_m3;    /* 0 = no density rescaling */
    double top_mbsf, bottom_mbsf;  /* reporting / calibration window */
    size_t n_waves;                /* per random field; 0 = default */
    /* Stratigraphic test deposits: horizon_flat = 1 replaces the top of the
     * REY-rich unit by 3.5 mbsf + relief × sin(2π x'/L) sin(2π y'/L) (x', y'
     * from the grid corner, L = horizon_length_m); relief 0 = a flat top. */
    int horizon_flat;
    double horizon_relief_m, horizon_length_m;
    /* Multiplies the lateral ranges of the random fields (water depth, top of
     * the unit, richness, continuity, density; 1 = the example's 12–20 km on a
     * 50 km grid), to test estimation and simulation with short or long
     * correlation against the core spacing; in [0.2, 5]. */
    double range_scale;
} rm_synth_params;

/* The example's defaults: EPSG:32656, a 50 × 50 km grid of 1 km × 1 km ×
 * 0.5 m blocks over 0–10 mbsf in the Takaya et al. (2018) research area,
 * 30 holes of 10–15 m sampled every 0.5 m with 3 % noise, targets 964 ppm
 * and 0.55 t/m³ over 0–10 mbsf, seed 2018. */
void rm_synth_params_default(rm_synth_params *p);

/* Check a parameter set; messages name the parameter. */
rm_status rm_synth_params_check(const rm_synth_params *p, rm_error *err);

/* The mean REY-mud composition: mass fractions of ΣREY in element order
 * (elements.h), summing to 1 (PAAS-normalised pattern; docs/synthetic.md). */
void rm_synth_pattern(double frac[RM_NREY]);

typedef struct rm_synth_hole {
    char id[16];
    double x, y;            /* projected metres */
    double lon, lat;        /* degrees, EPSG:4326 */
    double water_depth_m;
    double length_m;
    size_t first_sample, n_samples;
} rm_synth_hole;

typedef struct rm_synth_sample {
    size_t hole;            /* index into holes */
    double from_m, to_m;
    double ppm[RM_NREY];
    double dry_density_t_m3;
} rm_synth_sample;

/* Totals over [top, bottom] mbsf at zero cut-off (blocks count by overlap;
 * ppm means are tonnage-weighted).  The same keys as the resource model. */
typedef struct rm_synth_summary {
    double top_mbsf, bottom_mbsf;
    double area_km2;
    double total_mud_t;
    double mean_density_t_m3;
    double mean_srey_ppm;
    double max_srey_ppm;
    double total_reo_t;
    double element_t[RM_NREY];
    double oxide_t[RM_NREY];
    double y_hree_fraction;   /* (Gd–Lu + Y) / ΣREY by mass */
} rm_synth_summary;

typedef struct rm_synth {
    rm_blockmodel *truth;
    size_t n_holes;
    rm_synth_hole *holes;
    size_t n_samples;
    rm_synth_sample *samples;
    rm_synth_summary summary;
    double grade_scale;       /* calibration factors applied */
    double density_scale;
} rm_synth;

rm_status rm_synth_generate(const rm_synth_params *p, rm_synth **out, rm_error *err);
void rm_synth_free(rm_synth *s);

/* Summary of any block model carrying "<El>_ppm" for the 15 REY and
 * "dry_density_t_m3" (e.g. a truth read back from netCDF). */
rm_status rm_synth_summarize(const rm_blockmodel *bm, double top_mbsf,
                             double bottom_mbsf, rm_synth_summary *s, rm_error *err);

/* Write DIR/collars.csv, assays.csv, truth.nc, truth_summary.json and
 * project.ini ([project] synthetic = true, [data], [grid] of the truth)
 * (each atomically; DIR must exist). */
rm_status rm_synth_write(const rm_synth *s, const rm_synth_params *p, const char *dir,
                         rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
