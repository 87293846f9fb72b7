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
#include "reemud/economics.h"
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


/* ==== The allied supply-chain network (supply_data.c, supply_lp.c, supply_run.c,
 * supply_write.c; docs/supply.md) ====
 *
 * Per element e, year y, scenario s and case c (without Minamitorishima, or with it
 * at one daily rate) a linear programme routes tonnes of oxide (t REO of e) from mines
 * through separation, metal/alloy and magnet makers to five markets' demand, meeting
 * demand where capacity allows; China's exports to a market are capped by the
 * scenario; unmet demand is a penalised slack (see rm_slp_solve).
 *
 * Tables in data/ (every row with its source and status operating / announced /
 * assumption): supply_facilities.csv, supply_mine_types.csv, supply_magnets.csv,
 * supply_demand.csv, supply_scenarios.csv. */

enum { RM_SM_JAPAN, RM_SM_US, RM_SM_ALLIED, RM_SM_CHINA, RM_SM_ROW, RM_NSMARKET };
/* "japan", "us", "other_allied", "china", "rest_of_world"; index or -1. */
const char *rm_smarket_name(int market);
int rm_smarket_index(const char *name);

/* Stages of a facility (data/supply_facilities.csv `stage`). */
enum {
    RM_ST_MINING, RM_ST_SEP_LIGHT, RM_ST_SEP_HEAVY, RM_ST_METAL, RM_ST_NDFEB, RM_ST_SMCO,
    RM_NSTAGE
};
const char *rm_sstage_name(int stage);

/* Stages of an LP node: light and heavy separation are one stage per element
 * (an element is either light or heavy), NdFeB and SmCo magnets are one stage. */
enum { RM_LP_MINE, RM_LP_SEP, RM_LP_METAL, RM_LP_MAGNET, RM_NLPSTAGE };
/* "mining", "separation", "metal", "magnets". */
const char *rm_lpstage_name(int lp_stage);

#define RM_SUPPLY_NAME 48
#define RM_SUPPLY_MAX_TYPES 16
#define RM_SUPPLY_MAX_COUNTRIES 32
#define RM_SUPPLY_MAX_MEASURES 8
#define RM_SUPPLY_MAX_SCENARIOS 16

typedef struct rm_sfacility {
    char id[RM_SUPPLY_NAME];
    int stage;                  /* RM_ST_* */
    int country;                /* index into rm_snetwork.country */
    int market;                 /* RM_SM_*: the market group of its location */
    int feed;                   /* mine type (element distribution) or -1 */
    double capacity_t;          /* t REO/yr (mining, separation), t metal, t magnet */
    double element_cap_t[RM_NREY]; /* per-element cap (t oxide/yr), NAN when not given */
    int start_year, ramp_years;
    double growth_per_year;     /* after the baseline year */
    int announced;              /* status "announced": start may slip (Monte Carlo) */
} rm_sfacility;

typedef struct rm_smeasure {
    unsigned elements;          /* bit e set: element e concerned */
    unsigned markets;           /* bit m set: market m concerned (never China) */
    double loss, loss_low, loss_high; /* share of China-sourced supply lost, 0..1 */
    long effective_day;         /* days since 1970-01-01; controls from this day */
    long suspended_from_day, suspended_until_day; /* -1: never suspended */
} rm_smeasure;

typedef struct rm_sscenario {
    char name[RM_SUPPLY_NAME];
    size_t n_measures;
    rm_smeasure measure[RM_SUPPLY_MAX_MEASURES];
} rm_sscenario;

typedef struct rm_snetwork {
    rm_sfacility *fac;
    size_t n_fac;
    size_t n_country;
    char country[RM_SUPPLY_MAX_COUNTRIES][RM_SUPPLY_NAME];
    size_t n_types;
    char type_name[RM_SUPPLY_MAX_TYPES][RM_SUPPLY_NAME];
    double dist[RM_SUPPLY_MAX_TYPES][RM_NREY];   /* mass share of REO, sums to 1 */
    double ndfeb_fraction[RM_NREY];  /* element mass per magnet mass */
    double smco_fraction[RM_NREY];
    int base_year;                   /* year of the demand table */
    double demand_t[RM_NSMARKET][RM_NREY];      /* base year, t oxide */
    double china_share[RM_NSMARKET][RM_NREY];   /* China's share of the market's supply */
    double magnet_share[RM_NREY];
    double growth[3][RM_NREY];                  /* low, base, high per year */
    size_t n_scenarios;
    rm_sscenario scenario[RM_SUPPLY_MAX_SCENARIOS];
} rm_snetwork;

/* Read the five supply_*.csv tables from dir (scenarios from scenarios_path when
 * not NULL: users add their own).  Bad rows → RM_EDATA naming file, line, field.
 * Free with rm_snetwork_free. */
rm_status rm_snetwork_load(rm_snetwork *net, const char *dir, const char *scenarios_path,
                           rm_error *err);
void rm_snetwork_free(rm_snetwork *net);
/* Index of a scenario by name (case-insensitive), -1 if absent. */
int rm_snetwork_scenario(const rm_snetwork *net, const char *name);

/* Capacity factor of facility f in year (0 before start, linear ramp over
 * ramp_years, growth after base_year), with its start delayed by delay_years. */
double rm_sfacility_factor(const rm_sfacility *f, int year, int base_year, int delay_years);
/* Capacity of facility f for element e in year, t oxide of e per year. */
double rm_sfacility_element_cap(const rm_snetwork *net, const rm_sfacility *f, int e,
                                int year, int delay_years);
/* Fraction of year y (0..1) during which measure m is in force. */
double rm_smeasure_in_force(const rm_smeasure *m, int year);
/* Share of China-sourced supply of element e to market lost under scenario s in year
 * (the largest loss of the measures in force, weighted by their time in force). */
double rm_sscenario_loss(const rm_sscenario *s, int e, int market, int year,
                         const double *loss_override /* per measure, or NULL */);

/* ---- one linear programme (supply_lp.c) ---- */

typedef struct rm_slp_node {
    int stage;        /* RM_LP_* */
    int china;        /* located in China: everything leaving it is China-sourced */
    int market;       /* RM_SM_* group of its location (home deliveries are cheaper) */
    int country;      /* for supply by source country */
    int source;       /* a separation node fed from outside the network (Minamitorishima) */
    double cap_t;     /* t oxide of the element per year */
} rm_slp_node;

typedef struct rm_slp_problem {
    size_t n_node;
    const rm_slp_node *node;
    double demand_magnet_t[RM_NSMARKET];  /* served by magnet nodes */
    double demand_direct_t[RM_NSMARKET];  /* served by separation nodes */
    double china_cap_t[RM_NSMARKET];      /* China-sourced delivery cap; INFINITY none */
    double stock_t[RM_NSMARKET];          /* stockpile that may be drawn this year */
    double unmet_max_t[RM_NSMARKET];      /* INFINITY none; with Minamitorishima: unmet
                                           * + its deliveries ≤ this (the case without) */
} rm_slp_problem;

typedef struct rm_slp_solution {
    double supplied_t[RM_NSMARKET];   /* deliveries + stockpile draw */
    double unmet_t[RM_NSMARKET];
    double china_t[RM_NSMARKET];      /* China-sourced deliveries */
    double draw_t[RM_NSMARKET];       /* stockpile drawn */
    int binding[RM_NSMARKET];         /* RM_LP_* stage, RM_BIND_EXPORT, RM_BIND_NONE */
    double *node_t;                   /* n_node: throughput (outflow) */
    double *node_dual;                /* n_node: marginal value of capacity, >= 0 */
    double *deliver_t;                /* n_node * RM_NSMARKET: delivered by node to market */
    size_t n_arc;
    int *arc_from, *arc_to;           /* node indices; arc_to < 0: market -1 - m */
    double *arc_t;
    double objective;
} rm_slp_solution;

enum { RM_BIND_EXPORT = RM_NLPSTAGE, RM_BIND_STOCK, RM_BIND_NONE };
/* "mining" ... "magnets", "export_control", "stockpile", "" */
const char *rm_bind_name(int binding);

/* Solve: minimise  P·Σ unmet + Q·Σ draw + Σ c_a·x_a  subject to capacities, flow
 * balance per tag (China-sourced / other), demand = deliveries + draw + unmet,
 * China-sourced deliveries ≤ cap, draw ≤ stock, unmet ≤ unmet_max.  If the
 * unmet_max rows make it infeasible it is solved again without them.  sol is
 * (re)allocated; free with rm_slp_solution_free. */
rm_status rm_slp_solve(const rm_slp_problem *p, rm_slp_solution *sol, rm_error *err);
void rm_slp_solution_free(rm_slp_solution *sol);

/* ---- the run (supply_run.c) ---- */

#define RM_SUPPLY_MAX_CASES 8

typedef struct rm_supply_run_config {
    int year_from, year_to;
    int baseline_year;                  /* for the concentration check */
    size_t n_scenarios;
    int scenario[RM_SUPPLY_MAX_SCENARIOS];   /* indices into the network */
    size_t n_rates;                     /* Minamitorishima cases (0: only "without") */
    double rate_dry_t_per_day[RM_SUPPLY_MAX_CASES];
    double mts_oxide_t[RM_SUPPLY_MAX_CASES][RM_NREY]; /* t oxide/yr at full rate */
    int mts_start_year, mts_ramp_years;
    double stockpile_days[RM_NSMARKET]; /* initial stock in days of base-year demand */
    int growth_case;                    /* 0 low, 1 base, 2 high */
    long draws;                         /* Monte Carlo draws (0: none) */
    unsigned long long seed;
    int max_delay_years;                /* announced facilities slip 0..max years */
    /* Sankey: one element, year, scenario and case whose arcs are kept. */
    int sankey_element, sankey_year, sankey_scenario, sankey_case;
} rm_supply_run_config;

void rm_supply_run_config_default(rm_supply_run_config *cfg, const rm_snetwork *net);

typedef struct rm_supply_row {
    int scenario, cas, year, element, market;  /* scenario: index into cfg->scenario */
    double demand_t, supplied_t, unmet_t, china_t, draw_t;
    double china_share, hhi, import_reliance, stockpile_days;
    int binding;
    double country_t[RM_SUPPLY_MAX_COUNTRIES];  /* supply by delivering country */
} rm_supply_row;

typedef struct rm_supply_mc_row {
    int scenario, cas, year, element, market;
    double p10_t, p50_t, p90_t;
} rm_supply_mc_row;

typedef struct rm_supply_result {
    size_t n_rows;
    rm_supply_row *rows;     /* order: scenario, case, year, element, market */
    int n_years;
    size_t n_cases;          /* 1 + n_rates */
    /* La+Ce co-produced per t of Dy+Tb won outside China, per scenario, case, year */
    double *lace_per_dytb;   /* [scenario][case][year], NAN when no Dy/Tb outside China */
    double china_stage_share[3];  /* baseline year: mining, separation, magnets (capacity) */
    double world_capacity_t[RM_NREY], world_demand_t[RM_NREY]; /* baseline year */
    size_t n_mc;
    rm_supply_mc_row *mc;
    /* Sankey arcs (element, year, scenario, case of the config) */
    size_t n_sankey_node;
    rm_slp_node *sankey_node;
    char (*sankey_label)[RM_SUPPLY_NAME];
    rm_slp_solution sankey;
    size_t lp_solved;        /* linear programmes solved (deterministic part) */
} rm_supply_result;

/* Run every scenario × case × year × element; then the Monte Carlo when
 * cfg->draws > 0 (a draw k uses stream (seed, k): same result for any thread count). */
rm_status rm_supply_run(const rm_snetwork *net, const rm_supply_run_config *cfg,
                        rm_supply_result *out, rm_error *err);
void rm_supply_result_free(rm_supply_result *r);
/* Index of row (scenario, case, year, element, market) in out->rows. */
size_t rm_supply_row_index(const rm_supply_result *r, size_t scenario, size_t cas,
                           int year_offset, int element, int market);
/* "without" or "with_<rate>" (rate in dry t/day). */
void rm_supply_case_name(const rm_supply_run_config *cfg, size_t cas, char *buf, size_t n);

/* Read the chain's oxide_output.csv (rate_dry_t_per_day, element, oxide,
 * oxide_t_per_year) into rates and oxide_t. */
rm_status rm_supply_read_oxide_output(const char *path, rm_supply_run_config *cfg,
                                      rm_error *err);

/* Prices in the "controls" state of scenario s: outside[e] (ex-China tier) for every
 * element a measure of s concerns, normal[e] (FOB China) for the others. */
void rm_sscenario_controls_prices(const rm_sscenario *s, const double normal[RM_NREY],
                                  const double outside[RM_NREY], double out[RM_NREY]);

/* The project's value per scenario and rate in the "normal" and "controls" states. */
typedef struct rm_supply_econ_row {
    int scenario;                      /* index into cfg->scenario */
    double rate_dry_t_per_day;
    double npv_usd[2], revenue_usd_per_year[2], breakeven_price_factor[2];
} rm_supply_econ_row;

/* The project's value at one rate under each of cfg's scenarios, in the "normal"
 * state (econ's prices) and the "controls" state (ex_china_price for the elements a
 * scenario controls), on the production years (ny of them) and with econ's lift
 * energy: one row per scenario, written at rows[*n] on (*n advanced; room for
 * cfg->n_scenarios more).  Stops at the first scenario that cannot be valued. */
rm_status rm_supply_econ_rate_rows(const rm_econ_config *econ,
                                   const double ex_china_price_usd_per_kg[RM_NREY],
                                   const rm_snetwork *net, const rm_supply_run_config *cfg,
                                   double rate, const rm_econ_year *years, size_t ny,
                                   rm_supply_econ_row *rows, size_t *n, rm_error *err);

/* The project's value per scenario and rate (cfg's cases) in the "normal" state
 * (econ_normal's prices) and the "controls" state (ex_china_price for the elements a
 * scenario controls), on the production years of the chain's processing.csv and its
 * lift energy (chain_summary.json), both in the folder of oxide_path, the chain's
 * oxide_output.csv (supply_economics.c).  *rows (free it) gets one row per scenario
 * and rate; *n = 0 and a note on log when processing.csv is not there. */
rm_status rm_supply_economics_from_chain(const rm_econ_config *econ_normal,
                                         const double ex_china_price_usd_per_kg[RM_NREY],
                                         const rm_snetwork *net,
                                         const rm_supply_run_config *cfg,
                                         const char *oxide_path, const rm_logger *log,
                                         rm_supply_econ_row **rows, size_t *n, rm_error *err);

/* ---- outputs (supply_write.c) ---- */
/* The first shortfall of market (Japan, the US, ...) under scenario s and case c: the
 * first year with a shortfall worth naming (more than 1 kg and 1e-6 of demand) and in
 * it the element with the largest unmet share of its demand.  year 0 when there is
 * none; unmet_total_t sums unmet over every year and element either way.  A lookup
 * over r's rows (supply_summary.json's first_shortfall_* and the report read it). */
typedef struct rm_supply_shortfall {
    int year;                 /* 0: no shortfall */
    int element;              /* RM_* element, -1 when none */
    double unmet_t, unmet_share;
    int binding;              /* RM_LP_* stage, RM_BIND_EXPORT, ... */
    double unmet_total_t;
} rm_supply_shortfall;
void rm_supply_first_shortfall(const rm_supply_result *r, size_t s, size_t c, int market,
                               rm_supply_shortfall *out);

extern const char *const rm_supply_outputs[];
rm_status rm_supply_write(const rm_supply_result *r, const rm_snetwork *net,
                          const rm_supply_run_config *cfg, const char *dir, rm_error *err);

/* ---- the project file (supply_config.c) ---- */
struct rm_ini;
/* Read [supply] of ini: load the tables (key `tables`, default datadir; users'
 * scenarios from `scenario_table`) into net, then the run settings into cfg. */
rm_status rm_supply_setup(struct rm_ini *ini, const char *datadir, rm_snetwork *net,
                          rm_supply_run_config *cfg, rm_error *err);
/* "a,b,c": the scenarios to run (errors name file, line and field). */
rm_status rm_supply_select_scenarios(const rm_snetwork *net, rm_supply_run_config *cfg,
                                     const char *list, const char *file, long line,
                                     const char *field, rm_error *err);
rm_status rm_supply_set_sankey_scenario(const rm_snetwork *net, rm_supply_run_config *cfg,
                                        const char *name, const char *file, long line,
                                        const char *field, rm_error *err);
/* "FROM:TO" into cfg->year_from, year_to. */
rm_status rm_supply_parse_years(rm_supply_run_config *cfg, const char *text, const char *file,
                                long line, const char *field, rm_error *err);

/* supply_economics.csv: scenario, rate, state, NPV, revenue, break-even price factor. */
rm_status rm_supply_write_economics(const rm_supply_econ_row *rows, size_t n,
                                    const rm_snetwork *net, const rm_supply_run_config *cfg,
                                    const char *dir, rm_error *err);

/* The supply run's parameters in run.json (ri): prefix ("" for `reemud supply`,
 * "supply_" in assess's run.json) then year_from, year_to, draws, seed and
 * scenario_<k> (each scenario's name); minamitorishima_start and linear_programmes
 * (lp_solved, the result's count) without the prefix. */
void rm_supply_runinfo_params(rm_runinfo *ri, const rm_supply_run_config *cfg,
                              const rm_snetwork *net, size_t lp_solved, const char *prefix);

/* Keys of [supply] read by `reemud supply`; the chain marks them as known. */
extern const char *const rm_supply_network_keys[];

#ifdef __cplusplus
}
#endif
#endif
