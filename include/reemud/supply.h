/* supply.h — output against demand and against the supply exposed to
 * China's export controls; years of supply; Takaya's arithmetic.
 *
 * Tables (data/, every row sourced): demand.csv (per element and market:
 * world, Japan, US; t REO/yr with a low–high range and the share supplied
 * from China), controls.csv (MOFCOM/GAC lists with dates; docs/references.md §4),
 * production.csv (USGS MCS 2025 mine production by country).
 *
 * A scenario says which control lists bind and what fraction of the
 * China-sourced supply of a controlled element is lost:
 *     exposed_{m,e} = demand_{m,e} · china_share_{m,e} · disruption   (e controlled)
 *     coverage_demand  = output_e / demand_{m,e}
 *     coverage_exposed = output_e / exposed_{m,e}   (NAN when nothing is exposed)
 */
#ifndef REEMUD_SUPPLY_H
#define REEMUD_SUPPLY_H

#include <stddef.h>

#include "reemud/core.h"
#include "reemud/elements.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { RM_MARKET_WORLD, RM_MARKET_JAPAN, RM_MARKET_US, RM_NMARKET };
const char *rm_market_name(int market);

/* Control list an element is on. */
enum { RM_CONTROL_NONE = 0, RM_CONTROL_APRIL2025 = 1, RM_CONTROL_OCTOBER2025 = 2 };

typedef struct rm_supply_tables {
    double demand_t[RM_NMARKET][RM_NELEM];      /* t REO/yr; NAN unknown */
    double demand_low_t[RM_NMARKET][RM_NELEM];
    double demand_high_t[RM_NMARKET][RM_NELEM];
    double china_share[RM_NMARKET][RM_NELEM];
    int control[RM_NELEM];
    char control_date[RM_NELEM][16];            /* effective date */
    char suspended_until[RM_NELEM][16];         /* "" if in force */
    double world_production_t;                  /* Σ countries */
    double china_production_t;
} rm_supply_tables;

typedef struct rm_supply_scenario {
    char name[32];
    int april_list;        /* No. 18 list binds */
    int october_list;      /* No. 57 list binds (suspension ended) */
    double disruption;     /* fraction of China-sourced supply lost, 0..1 */
} rm_supply_scenario;

/* The three default scenarios: "enforced" (both lists, licensing loses
 * licensing_disruption), "suspension" (April list only, same loss),
 * "embargo" (both lists, all China-sourced supply lost). */
size_t rm_supply_default_scenarios(double licensing_disruption,
                                   rm_supply_scenario out[3]);

/* Load demand.csv, controls.csv and production.csv from dir. */
rm_status rm_supply_tables_load(rm_supply_tables *t, const char *dir, rm_error *err);

/* Is element e controlled under the scenario? */
int rm_supply_controlled(const rm_supply_tables *t, const rm_supply_scenario *s, int e);

typedef struct rm_coverage {
    double demand_t[RM_NMARKET][RM_NREY];
    double exposed_t[RM_NMARKET][RM_NREY];
    double coverage_demand[RM_NMARKET][RM_NREY];   /* output / demand */
    double coverage_exposed[RM_NMARKET][RM_NREY];  /* output / exposed; NAN if none */
} rm_coverage;

rm_status rm_supply_coverage(const rm_supply_tables *t, const rm_supply_scenario *s,
                             const double oxide_t_per_year[RM_NREY], rm_coverage *out,
                             rm_error *err);

/* Years of supply: oxide_t[e] / demand[e] (NAN where demand is unknown or 0). */
void rm_supply_years(const double oxide_t[RM_NREY], const double demand_t[RM_NREY],
                     double years[RM_NREY]);

/* Takaya et al. 2018 (Sci. Rep. 8:5763) years of world demand:
 *     years_e = REO_total · share_e / D_e
 * with share_e the mass fraction of oxide e in the REO.  The inverse backs
 * out the D_e an author used from published years. */
void rm_takaya_years(double reo_total_t, const double share[RM_NREY],
                     const double demand_t[RM_NREY], double years[RM_NREY]);
void rm_takaya_backout_demand(double reo_total_t, const double share[RM_NREY],
                              const double years[RM_NREY], double demand_t[RM_NREY]);
/* Oxide mass shares of the REO from element grades (ppm). */
void rm_oxide_shares(const double grade_ppm[RM_NREY], double share[RM_NREY]);

#ifdef __cplusplus
}
#endif
#endif
