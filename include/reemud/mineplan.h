/* mineplan.h — which columns of a block model to mine, and in what order.
 *
 * A seabed mining unit (a collection pipe pushed into the mud; Miyazaki et
 * al., MMIJ 2023) takes a vertical interval of each column it visits.  For
 * every (i, j) column of the block model the plan finds the top of the
 * REY-rich mud (first block with ΣREY >= ore_top_ppm), then the mined
 * interval: with overburden stripped it is [top, top + penetration_m]; with
 * overburden taken as dilution it is [0, top + penetration_m] from the
 * seafloor (the overburden comes up with the ore).
 * Columns whose interval ΣREY (tonnage-weighted) is below the cut-off, whose
 * overburden is thicker than max_overburden_m, or whose centre falls inside
 * an exclusion polygon are dropped.  The rest are ranked by value per dry
 * tonne Σ_e grade_e · 1e-6 · value_e (value_e in USD per tonne of element,
 * e.g. price × oxide factor × recovery) and mined in that order at a daily
 * rate.
 *
 * Grades are ppm of dry mud; tonnages dry tonnes; the dry bulk density of
 * a block comes from the field "density_t_m3" (or default_density_t_m3).
 */
#ifndef REEMUD_MINEPLAN_H
#define REEMUD_MINEPLAN_H

#include <stddef.h>

#include "reemud/blockmodel.h"
#include "reemud/core.h"
#include "reemud/elements.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rm_overburden_mode {
    RM_OVERBURDEN_STRIP = 0,   /* removed and side-cast; not processed */
    RM_OVERBURDEN_DILUTE = 1   /* taken with the ore from the seafloor down */
} rm_overburden_mode;

typedef struct rm_mine_config {
    double penetration_m;          /* thickness taken by the collection tool */
    double cutoff_sum_rey_ppm;     /* ΣREY cut-off over the mined interval */
    double ore_top_ppm;            /* ΣREY marking the top of REY-rich mud */
    double max_overburden_m;       /* deeper tops are not mined */
    rm_overburden_mode overburden;
    double default_density_t_m3;   /* dry bulk density when the model has none */
    double operating_days_per_year;
    int max_years;                 /* schedule horizon (project life) */
    char exclusion_path[4096];     /* GeoJSON / GeoPackage; "" = none */
    char exclusion_layer[256];     /* layer name; "" = first layer */
    double value_usd_per_t_element[RM_NREY]; /* ranking weights; all 0 → rank by ΣREY */
} rm_mine_config;

/* One minable column. */
typedef struct rm_mine_column {
    size_t i, j;
    double x_m, y_m;
    double water_depth_m;          /* NAN if the model has no water_depth_m surface */
    double top_mbsf, bottom_mbsf;  /* mined interval */
    double overburden_m;           /* depth of the top of REY-rich mud */
    double dry_t;                  /* dry tonnes in the mined interval */
    double overburden_dry_t;       /* stripped tonnes (strip mode) */
    double grade_ppm[RM_NREY];
    double sum_rey_ppm;
    double value_usd_per_t;
} rm_mine_column;

typedef struct rm_mineplan {
    size_t n_columns_total;        /* columns in the grid */
    size_t n_no_data;              /* no estimated blocks in the interval */
    size_t n_excluded;             /* inside an exclusion polygon */
    size_t n_too_deep;             /* overburden > max_overburden_m */
    size_t n_below_cutoff;
    size_t n_columns;              /* minable, ranked best first */
    rm_mine_column *columns;
    double reserve_dry_t;          /* Σ dry_t of minable columns */
    double reserve_element_t[RM_NREY];
    double resource_dry_t;         /* every block with a value in the model */
    double resource_element_t[RM_NREY];
    double area_m2;                /* footprint of the minable columns */
} rm_mineplan;

/* One year of a schedule. */
typedef struct rm_mine_year {
    int year;                      /* 1-based */
    double dry_t;
    double grade_ppm[RM_NREY];
    double sum_rey_ppm;
    double water_depth_m;          /* tonnage-weighted */
    double overburden_dry_t;
    double area_m2;
} rm_mine_year;

typedef struct rm_mine_schedule {
    double rate_dry_t_per_day;
    double annual_dry_t;
    double mine_life_years;        /* reserve / annual rate (may exceed n_years) */
    size_t n_years;                /* years scheduled (<= max_years) */
    rm_mine_year *years;
} rm_mine_schedule;

/* Defaults: 10 m penetration, cut-off 2,000 ppm, ore top 400 ppm (the
 * "REY-rich mud" threshold, Takaya 2018), max overburden 10 m, strip,
 * density 0.55 t/m³ (docs/references.md §1), 300 operating days, 20 years. */
void rm_mine_config_default(rm_mine_config *cfg);

/* Select and rank minable columns.  The model must hold "La_ppm".."Y_ppm". */
rm_status rm_mineplan_build(const rm_blockmodel *bm, const rm_mine_config *cfg,
                            rm_mineplan **out, rm_error *err);
void rm_mineplan_free(rm_mineplan *plan);

/* Schedule the ranked columns at rate_dry_t_per_day for up to cfg->max_years. */
rm_status rm_mineplan_schedule(const rm_mineplan *plan, const rm_mine_config *cfg,
                               double rate_dry_t_per_day, rm_mine_schedule **out,
                               rm_error *err);
void rm_mine_schedule_free(rm_mine_schedule *s);

/* Exclusion polygons: 1 where the column centre (x, y in the model's EPSG)
 * lies inside a polygon of the layer.  mask has nx*ny entries. */
rm_status rm_mine_exclusion_mask(const rm_blockmodel *bm, const char *path,
                                 const char *layer, unsigned char *mask, rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
