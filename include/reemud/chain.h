/* chain.h — the mine-to-market chain in one call: mine plan → processing →
 * supply security → economics with Monte Carlo, for a list of daily rates.
 *
 * `reemud chain` and `reemud assess` fill an rm_chain_config from the
 * project file ([mine], [processing], [supply], [economics]) and call
 * rm_chain_run with a block model (kriged, or a synthetic truth), or
 * rm_chain_run_multi with a set of realizations: Monte Carlo draw k then
 * uses realization k mod n.  Draw k takes its random numbers from
 * rm_rng_stream(seed, k), so results are identical for any thread count.
 */
#ifndef REEMUD_CHAIN_H
#define REEMUD_CHAIN_H

#include <stddef.h>

#include "reemud/blockmodel.h"
#include "reemud/config.h"
#include "reemud/core.h"
#include "reemud/economics.h"
#include "reemud/lift.h"
#include "reemud/mineplan.h"
#include "reemud/processing.h"
#include "reemud/supply.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RM_CHAIN_MAX_RATES 16
#define RM_CHAIN_MAX_SCENARIOS 3

/* Inputs drawn in the Monte Carlo and swung in the tornado. */
enum {
    RM_UNC_PRICE, RM_UNC_CAPEX, RM_UNC_OPEX, RM_UNC_DAY_RATE, RM_UNC_LIFT_ENERGY,
    RM_UNC_RECOVERY, RM_UNC_DISCOUNT, RM_NUNC
};
const char *rm_chain_uncertain_name(int u);

typedef struct rm_chain_triangle { double min, mode, max; } rm_chain_triangle;

typedef struct rm_chain_config {
    rm_mine_config mine;
    rm_process_config process;
    rm_econ_config econ;
    rm_econ_config econ_ex_china;    /* same costs, ex-China prices */
    rm_supply_tables tables;
    size_t n_scenarios;
    rm_supply_scenario scenarios[RM_CHAIN_MAX_SCENARIOS];
    size_t n_rates;
    double rates_dry_t_per_day[RM_CHAIN_MAX_RATES];
    double breakeven_rate_min, breakeven_rate_max;
    rm_chain_triangle uncertain[RM_NUNC];  /* absolute values (factors or rates) */
    long draws;                      /* Monte Carlo draws, 0 = none */
    unsigned long long seed;
    int threads;                     /* 0 = OpenMP default */
    int lift_from_engine;            /* 1: energy per tonne from the lift engine */
    rm_lift_params lift;             /* riser for the lift engine ([lift] section) */
    char blockmodel_path[4096];      /* [mine] blockmodel, "" if none */
} rm_chain_config;

/* Defaults from the data tables in data_dir (costs.csv, prices.csv,
 * processing.csv, demand.csv, controls.csv, production.csv). */
rm_status rm_chain_config_default(rm_chain_config *cfg, const char *data_dir,
                                  rm_error *err);
/* Read [mine], [processing], [supply], [economics] over the defaults. */
rm_status rm_chain_config_read(rm_chain_config *cfg, rm_ini *ini, rm_error *err);

typedef struct rm_chain_tornado {
    int parameter;                   /* RM_UNC_* */
    double low_value, high_value;
    double npv_low_usd, npv_high_usd;
} rm_chain_tornado;

typedef struct rm_chain_rate {
    double rate_dry_t_per_day;
    rm_mine_schedule *schedule;
    rm_process_balance *balance;     /* one per scheduled year */
    double oxide_t_per_year[RM_NREY];/* a full year at the rate */
    double reo_t_per_year;
    rm_coverage coverage[RM_CHAIN_MAX_SCENARIOS];
    double lift_energy_kwh_per_dry_t;/* electric, used in the economics */
    int lift_energy_from_engine;     /* 1 if the lift engine gave it */
    rm_econ_result econ;             /* deterministic, base prices */
    rm_econ_result econ_ex_china;
    double breakeven_price_factor;   /* NAN if none in (0, 1000] */
    double npv_p10_usd, npv_p50_usd, npv_p90_usd;
    double prob_npv_positive;
    double *npv_draws_usd;           /* cfg->draws entries */
    rm_chain_tornado tornado[RM_NUNC];
} rm_chain_rate;

typedef struct rm_chain_result {
    rm_mineplan *plan;
    size_t n_rates;
    rm_chain_rate rates[RM_CHAIN_MAX_RATES];
    double mass_balance_max_rel_error;
    double breakeven_rate_dry_t_per_day;      /* NAN: does not pay in range */
    double breakeven_rate_ex_china_dry_t_per_day;
    double resource_oxide_t[RM_NREY];         /* whole model */
    double reserve_oxide_t[RM_NREY];          /* minable columns, in situ */
    double years_resource[RM_NREY];           /* of world demand */
    double years_reserve[RM_NREY];
    double resource_reo_t, reserve_reo_t;
    double takaya_demand_t[RM_NREY];          /* world demand backed out of Takaya 2018 */
    double takaya_years_resource[RM_NREY];    /* our resource on Takaya's demand */
    long n_realizations;
} rm_chain_result;

rm_status rm_chain_run(const rm_blockmodel *bm, const rm_chain_config *cfg,
                       rm_chain_result *out, rm_error *err);
rm_status rm_chain_run_multi(const rm_blockmodel *const *bms, size_t n_bm,
                             const rm_chain_config *cfg, rm_chain_result *out,
                             rm_error *err);
void rm_chain_result_free(rm_chain_result *r);

/* 1 when the mine plan has no minable column, with buf set to the sentence
 * "nothing is minable at cut-off C ppm SREY (...why...)"; else 0 and buf
 * empty.  Every output that speaks of unit costs or break-even prices says
 * this instead when nothing is mined. */
int rm_chain_nothing_minable(const rm_chain_result *r, const rm_chain_config *cfg, char *buf,
                             size_t size);

/* Output files written by rm_chain_write (NULL-terminated). */
extern const char *const rm_chain_outputs[];
/* Write the CSV tables and chain_summary.json into dir (atomically). */
rm_status rm_chain_write(const rm_chain_result *r, const rm_chain_config *cfg,
                         const char *dir, rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
