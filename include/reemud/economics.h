/* economics.h — cash flows, NPV, IRR, unit cost, break-evens.
 *
 * Year 0 .. construction_years-1 carry the capital cost (spread evenly);
 * production years follow.  For production year t:
 *     revenue  = Σ_e oxide_t_e · 1000 · price_e · price_factor
 *     opex     = vessels · day_rate · vessel_days
 *              + energy_kwh_per_t · dry_t · usd_per_kwh
 *              + (transport · wet_t + island · dry_t + leach · conc_t
 *                 + separation · kg REO + fixed) · opex_factor
 *     royalty  = royalty_rate · revenue
 *     tax      = tax_rate · max(0, revenue − opex − royalty − depreciation)
 *     CF       = revenue − opex − royalty − tax
 * NPV = Σ CF_t / (1 + r)^t, t from 0; IRR solves NPV(r) = 0 (GSL Brent);
 * unit cost = (PV capex + PV opex) / PV kg REO (levelised).
 * vessels = ceil(rate / vessel_capacity); capex = capex_ref ·
 * (rate / rate_ref)^exponent · capex_factor.
 */
#ifndef REEMUD_ECONOMICS_H
#define REEMUD_ECONOMICS_H

#include <stddef.h>

#include "reemud/core.h"
#include "reemud/elements.h"
#include "reemud/table.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rm_econ_config {
    int project_years;
    int construction_years;
    double discount_rate;
    double royalty_rate;
    double tax_rate;
    double capex_ref_usd;
    double capex_ref_rate_dry_t_per_day;
    double capex_scale_exponent;
    double capex_factor;             /* Monte Carlo multiplier, 1 */
    double vessel_day_rate_usd;
    double vessel_capacity_dry_t_per_day;
    double vessel_days_per_year;     /* days on station per year */
    double lift_energy_kwh_per_dry_t;
    double energy_usd_per_kwh;
    double transport_usd_per_wet_t;
    double island_usd_per_dry_t;
    double leach_usd_per_dry_t;
    double separation_usd_per_kg_reo;
    double fixed_opex_usd_per_year;
    double opex_factor;              /* Monte Carlo multiplier, 1 */
    double price_usd_per_kg[RM_NREY];
    double price_factor;             /* multiplier on every price, 1 */
    double recovery_factor;          /* multiplier on oxide output (capped by feed), 1 */
    double usd_per_jpy;
} rm_econ_config;

/* What the chain delivers in one production year. */
typedef struct rm_econ_year {
    double dry_t;                    /* mud mined */
    double wet_shipped_t;
    double concentrate_dry_t;
    double oxide_t[RM_NREY];
    double oxide_cap_t[RM_NREY];     /* oxide if every recovery were 1 (caps recovery_factor) */
} rm_econ_year;

typedef struct rm_econ_result {
    size_t n;                        /* construction + production years */
    double *cash_flow_usd;           /* n entries */
    double capex_usd;
    double revenue_usd_per_year;     /* mean over the years that produce (not empty ones) */
    double opex_usd_per_year;
    double opex_vessel_usd_per_year, opex_energy_usd_per_year, opex_transport_usd_per_year,
        opex_processing_usd_per_year, opex_separation_usd_per_year, opex_fixed_usd_per_year;
    double reo_t_per_year;
    double npv_usd;
    double irr;                      /* NAN if no sign change */
    double unit_cost_usd_per_kg_reo;
    double vessels;
} rm_econ_result;

void rm_econ_config_default(rm_econ_config *cfg);
/* Read key,value rows (data/costs.csv) into the config. */
rm_status rm_econ_config_load_csv(rm_econ_config *cfg, const char *path, rm_error *err);
/* Prices: column `column` of data/prices.csv (e.g. "price_2025e_usd_kg",
 * "ex_china_usd_kg"); empty cells give 0. */
rm_status rm_econ_prices_load_csv(rm_econ_config *cfg, const char *path,
                                  const char *column, rm_error *err);
rm_status rm_econ_config_validate(const rm_econ_config *cfg, rm_error *err);

/* NPV of cf[0..n-1] at rate r (cf[0] undiscounted). */
double rm_npv(double r, const double *cf, size_t n);
/* IRR by Brent's method on [-0.99, 10]; RM_ENOCONV (and *irr = NAN) when
 * NPV does not change sign there. */
rm_status rm_irr(const double *cf, size_t n, double *irr, rm_error *err);

/* Cash flow for a project at rate_dry_t_per_day with n_years production
 * years given (years beyond n_years produce nothing). */
rm_status rm_econ_evaluate(const rm_econ_config *cfg, double rate_dry_t_per_day,
                           const rm_econ_year *years, size_t n_years,
                           rm_econ_result *out, rm_error *err);
void rm_econ_result_clear(rm_econ_result *r);

/* A function of one variable whose root is sought. */
typedef double (*rm_econ_fn)(double x, void *ctx);
/* Smallest x in [lo, hi] with f(x) = 0 where f goes from < 0 to >= 0: scan
 * n_scan log-spaced points (lo > 0) then refine with Brent.  RM_ENOCONV
 * (and *root = NAN) if f never changes sign there. */
rm_status rm_econ_breakeven(rm_econ_fn f, void *ctx, double lo, double hi, int n_scan,
                            double *root, rm_error *err);

/* Two price states (src/chain/economics_tiers.c): [0] "normal", the config's prices;
 * [1] "controls", controls_price (ex-China tier for the controlled elements). */
typedef struct rm_econ_states {
    double npv_usd[2];
    double revenue_usd_per_year[2];
    double breakeven_price_factor[2];  /* factor on every price for NPV = 0; NAN if none */
} rm_econ_states;
rm_status rm_econ_two_state(const rm_econ_config *cfg, double rate, const rm_econ_year *years,
                            size_t n, const double controls_price[RM_NREY],
                            rm_econ_states *out, rm_error *err);
/* The production years of rate (dry t/day) from t, the chain's processing.csv read by
 * rm_table_read_csv (read once for every rate); *years is allocated (free it). */
rm_status rm_econ_processing_years(const rm_table *t, double rate, rm_econ_year **years,
                                   size_t *n, rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
