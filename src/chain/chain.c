/* chain.c — the mine-to-market chain: configuration from the project file,
 * then for each daily rate: schedule → plant balance per year → coverage
 * under each supply scenario → cash flow; break-even rate and price;
 * Monte Carlo over uncertain inputs (and realizations) and a tornado.
 *
 * Reproducibility: Monte Carlo draw k uses rm_rng_stream(seed, k) and
 * realization k mod n, and writes only its own slot, so the draws are the
 * same for any number of OpenMP threads.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "reemud/chain.h"

const char *rm_chain_uncertain_name(int u)
{
    static const char *const names[RM_NUNC] = {
        "price_factor", "capex_factor", "opex_factor", "vessel_day_rate_factor",
        "lift_energy_factor", "recovery_factor", "discount_rate"};
    return u >= 0 && u < RM_NUNC ? names[u] : "?";
}

/* Apply value v of uncertain input u to an economics configuration whose
 * other fields hold the base case. */
static void apply_uncertain(rm_econ_config *e, const rm_econ_config *base, int u, double v)
{
    switch (u) {
    case RM_UNC_PRICE: e->price_factor = base->price_factor * v; break;
    case RM_UNC_CAPEX: e->capex_factor = base->capex_factor * v; break;
    case RM_UNC_OPEX: e->opex_factor = base->opex_factor * v; break;
    case RM_UNC_DAY_RATE: e->vessel_day_rate_usd = base->vessel_day_rate_usd * v; break;
    case RM_UNC_LIFT_ENERGY:
        e->lift_energy_kwh_per_dry_t = base->lift_energy_kwh_per_dry_t * v;
        break;
    case RM_UNC_RECOVERY: e->recovery_factor = base->recovery_factor * v; break;
    case RM_UNC_DISCOUNT: e->discount_rate = v; break;
    default: break;
    }
}

/* Sets cfg's default uncertainty triangles (min, mode, max): multipliers on the base
 * case, the discount rate absolute; sources in the body. */
static void default_triangles(rm_chain_config *cfg)
{
    /* Multipliers on the base case (the discount rate is absolute).  Ranges
     * are assumptions: prices swung between 2023 and 2025 by ~0.6-1.3x for
     * Dy, Tb and NdPr (USGS MCS 2026) and ex-China quotes reached ~3x
     * (Argus, May 2025); capex -30/+50 %, opex -30/+50 %, day rate
     * 250-600 kUSD, lift energy 10-30 kWh/t as in data/costs.csv. */
    const rm_chain_triangle t[RM_NUNC] = {
        [RM_UNC_PRICE] = {0.6, 1.0, 1.8},     [RM_UNC_CAPEX] = {0.7, 1.0, 1.5},
        [RM_UNC_OPEX] = {0.7, 1.0, 1.5},      [RM_UNC_DAY_RATE] = {0.625, 1.0, 1.5},
        [RM_UNC_LIFT_ENERGY] = {0.667, 1.0, 2.0}, [RM_UNC_RECOVERY] = {0.85, 1.0, 1.05},
        [RM_UNC_DISCOUNT] = {0.05, 0.08, 0.10}};
    memcpy(cfg->uncertain, t, sizeof t);
}

rm_status rm_chain_config_default(rm_chain_config *cfg, const char *data_dir, rm_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    rm_mine_config_default(&cfg->mine);
    rm_process_config_default(&cfg->process);
    rm_econ_config_default(&cfg->econ);
    char dir[4096], path[4096];
    snprintf(dir, sizeof dir, "%s", data_dir);
    rm_status st;
    if ((st = rm_path_join(path, sizeof path, dir, "processing.csv", err)) != RM_OK ||
        (st = rm_process_config_load_csv(&cfg->process, path, err)) != RM_OK)
        return st;
    if ((st = rm_path_join(path, sizeof path, dir, "costs.csv", err)) != RM_OK ||
        (st = rm_econ_config_load_csv(&cfg->econ, path, err)) != RM_OK)
        return st;
    if ((st = rm_path_join(path, sizeof path, dir, "prices.csv", err)) != RM_OK ||
        (st = rm_econ_prices_load_csv(&cfg->econ, path, "price_2025e_usd_kg", err)) != RM_OK)
        return st;
    cfg->econ_ex_china = cfg->econ;
    if ((st = rm_econ_prices_load_csv(&cfg->econ_ex_china, path, "ex_china_usd_kg", err)) != RM_OK)
        return st;
    if ((st = rm_supply_tables_load(&cfg->tables, dir, err)) != RM_OK)
        return st;
    cfg->n_scenarios = rm_supply_default_scenarios(0.5, cfg->scenarios);
    cfg->n_rates = 3;
    cfg->rates_dry_t_per_day[0] = 350;   /* 2027 trial (Nikkei; Northern Miner) */
    cfg->rates_dry_t_per_day[1] = 3500;  /* METI 2016 design basis; figure quoted for viability */
    cfg->rates_dry_t_per_day[2] = 10000; /* Mitsui Ocean Development, Diet committee 2012 */
    cfg->breakeven_rate_min = 10;
    cfg->breakeven_rate_max = 100000;
    default_triangles(cfg);
    cfg->uncertain[RM_UNC_DISCOUNT].mode = cfg->econ.discount_rate;
    cfg->draws = 1000;
    cfg->seed = 20260201ULL;
    cfg->mine.max_years = cfg->econ.project_years;
    cfg->lift_from_engine = 1;
    rm_lift_params_default(&cfg->lift);
    return RM_OK;
}

/* The economics at one rate: the lift energy per dry tonne from the lift
 * engine (shaft energy / motor efficiency, for one riser carrying
 * rate / vessels, at the mined area's water depth) when enabled and
 * solvable, else the table value. */
static void econ_for_rate(const rm_chain_config *cfg, const rm_econ_config *base, double rate,
                          double water_depth_m, rm_econ_config *out, int *from_engine)
{
    *out = *base;
    *from_engine = 0;
    if (!cfg->lift_from_engine)
        return;
    rm_lift_params p = cfg->lift;
    if (isfinite(water_depth_m) && water_depth_m > 0)
        p.depth_m = water_depth_m;
    double vessels = ceil(rate / base->vessel_capacity_dry_t_per_day - 1e-9);
    double kwh;
    if (rm_lift_specific_energy(&p, rate / vessels / 24.0, &kwh, NULL) == RM_OK &&
        isfinite(kwh) && kwh >= 0) {
        double motor = p.motor_efficiency > 0 ? p.motor_efficiency : 1.0;
        out->lift_energy_kwh_per_dry_t = kwh / motor;
        *from_engine = 1;
    }
}

/* Reads [economics] key as "MIN, MODE, MAX" (each in [lo_lim, hi_lim], MIN <= MODE <=
 * MAX) into t; t is left as it is when the key is absent. RM_EDATA on a bad value. */
static rm_status get_triangle(rm_ini *ini, const char *key, double lo_lim, double hi_lim,
                              rm_chain_triangle *t, rm_error *err)
{
    double v[3];
    size_t n = 0;
    rm_status st = rm_ini_get_doubles(ini, "economics", key, lo_lim, hi_lim, v, 3, &n, err);
    if (st != RM_OK || n == 0)
        return st;
    if (n != 3 || !(v[0] <= v[1] && v[1] <= v[2]))
        return rm_error_input(err, rm_ini_path(ini), rm_ini_line(ini, "economics", key), key,
                              "expected three numbers MIN, MODE, MAX with MIN <= MODE <= MAX");
    t->min = v[0];
    t->mode = v[1];
    t->max = v[2];
    return RM_OK;
}

rm_status rm_chain_config_read(rm_chain_config *cfg, rm_ini *ini, rm_error *err)
{
    rm_status st;
    const char *s;
    /* [mine] */
    rm_mine_config *m = &cfg->mine;
#define D(sec, key, lo, hi, field)                                                     \
    if ((st = rm_ini_get_double(ini, sec, key, field, lo, hi, &(field), err)) != RM_OK) \
        return st;
    if ((st = rm_ini_get_path(ini, "mine", "blockmodel", NULL, cfg->blockmodel_path,
                              sizeof cfg->blockmodel_path, err)) != RM_OK)
        return st;
    D("mine", "penetration_m", 0.01, 1000, m->penetration_m);
    D("mine", "cutoff_sum_rey_ppm", 0, 1e6, m->cutoff_sum_rey_ppm);
    D("mine", "ore_top_ppm", 0, 1e6, m->ore_top_ppm);
    D("mine", "max_overburden_m", 0, 1000, m->max_overburden_m);
    D("mine", "density_t_m3", 0.01, 10, m->default_density_t_m3);
    D("mine", "operating_days_per_year", 1, 366, m->operating_days_per_year);
    static const char *const ob_choices[] = {"strip", "dilute", NULL};
    int ob = (int)m->overburden;
    if ((st = rm_ini_get_choice(ini, "mine", "overburden", ob_choices, ob, &ob, err)) != RM_OK)
        return st;
    m->overburden = (rm_overburden_mode)ob;
    if ((st = rm_ini_get_path(ini, "mine", "exclusion", NULL, m->exclusion_path,
                              sizeof m->exclusion_path, err)) != RM_OK)
        return st;
    if ((st = rm_ini_get_string(ini, "mine", "exclusion_layer", "", &s, err)) != RM_OK)
        return st;
    snprintf(m->exclusion_layer, sizeof m->exclusion_layer, "%s", s);
    size_t n = 0;
    double rates[RM_CHAIN_MAX_RATES];
    if ((st = rm_ini_get_doubles(ini, "mine", "rates_dry_t_per_day", 1, 1e7, rates,
                                 RM_CHAIN_MAX_RATES, &n, err)) != RM_OK)
        return st;
    if (n > 0) {
        cfg->n_rates = n;
        memcpy(cfg->rates_dry_t_per_day, rates, n * sizeof *rates);
    }

    /* [processing] */
    rm_process_config *p = &cfg->process;
    char path[4096];
    if ((st = rm_ini_get_path(ini, "processing", "table", NULL, path, sizeof path, err)) != RM_OK)
        return st;
    if (path[0] && (st = rm_process_config_load_csv(p, path, err)) != RM_OK)
        return st;
    D("processing", "dewater_volume_cut", 0, 0.999, p->dewater_volume_cut);
    D("processing", "dewater_solids_recovery", 0.001, 1, p->dewater_solids_recovery);
    D("processing", "slurry_solids_vol_frac", 0.001, 1, p->slurry_solids_vol_frac);
    D("processing", "grain_density_t_m3", 0.5, 10, p->grain_density_t_m3);
    D("processing", "size_enrichment", 1, 100, p->size_enrichment);
    const struct { const char *key; double *arr; int ce; } all[] = {
        {"size_recovery", p->size_recovery, -1},
        {"leach_recovery", p->leach_recovery, RM_CE},
        {"separation_recovery", p->separation_recovery, -1}};
    for (size_t k = 0; k < 3; k++) {
        if (!rm_ini_has(ini, "processing", all[k].key))
            continue;
        double v;
        if ((st = rm_ini_get_double(ini, "processing", all[k].key, 0, 0, 1, &v, err)) != RM_OK)
            return st;
        for (int e = 0; e < RM_NREY; e++)
            if (e != all[k].ce)
                all[k].arr[e] = v;
    }
    D("processing", "leach_recovery_ce", 0, 1, p->leach_recovery[RM_CE]);

    /* [supply] */
    double disruption = cfg->scenarios[0].disruption;
    if ((st = rm_ini_get_double(ini, "supply", "licensing_disruption", disruption, 0, 1,
                                &disruption, err)) != RM_OK)
        return st;
    rm_supply_scenario all_sc[3];
    rm_supply_default_scenarios(disruption, all_sc);
    if ((st = rm_ini_get_string(ini, "supply", "scenarios", "enforced, suspension, embargo", &s,
                                err)) != RM_OK)
        return st;
    cfg->n_scenarios = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *save = NULL, *tok = strtok_r(buf, ", \t", &save); tok;
         tok = strtok_r(NULL, ", \t", &save)) {
        int found = -1;
        for (int k = 0; k < 3; k++)
            if (!strcasecmp(tok, all_sc[k].name))
                found = k;
        if (found < 0 || cfg->n_scenarios >= RM_CHAIN_MAX_SCENARIOS)
            return rm_error_input(err, rm_ini_path(ini), rm_ini_line(ini, "supply", "scenarios"),
                                  "supply.scenarios",
                                  "unknown or repeated scenario '%s' (enforced, suspension, "
                                  "embargo)", tok);
        cfg->scenarios[cfg->n_scenarios++] = all_sc[found];
    }
    if ((st = rm_ini_get_path(ini, "supply", "tables", NULL, path, sizeof path, err)) != RM_OK)
        return st;
    if (path[0] && (st = rm_supply_tables_load(&cfg->tables, path, err)) != RM_OK)
        return st;
    /* The supply network's keys (`reemud supply`) share the section. */
    for (const char *const *k = rm_supply_network_keys; *k; k++) {
        const char *ignored;
        if ((st = rm_ini_get_string(ini, "supply", *k, "", &ignored, err)) != RM_OK)
            return st;
    }

    /* [economics] */
    rm_econ_config *e = &cfg->econ;
    if ((st = rm_ini_get_path(ini, "economics", "costs", NULL, path, sizeof path, err)) != RM_OK)
        return st;
    if (path[0] && (st = rm_econ_config_load_csv(e, path, err)) != RM_OK)
        return st;
    char prices[4096];
    if ((st = rm_ini_get_path(ini, "economics", "prices", NULL, prices, sizeof prices, err)) !=
        RM_OK)
        return st;
    const char *col;
    if ((st = rm_ini_get_string(ini, "economics", "price_column", "price_2025e_usd_kg", &col,
                                err)) != RM_OK)
        return st;
    if (!prices[0]) {
        char dd[4096];
        snprintf(dd, sizeof dd, "%s/data", rm_datadir());
        if ((st = rm_path_join(prices, sizeof prices, dd, "prices.csv", err)) != RM_OK)
            return st;
    }
    if ((st = rm_econ_prices_load_csv(e, prices, col, err)) != RM_OK)
        return st;
    long py = e->project_years, cy = e->construction_years;
    if ((st = rm_ini_get_long(ini, "economics", "project_years", py, 1, 200, &py, err)) != RM_OK ||
        (st = rm_ini_get_long(ini, "economics", "construction_years", cy, 0, 20, &cy, err)) != RM_OK)
        return st;
    e->project_years = (int)py;
    e->construction_years = (int)cy;
    D("economics", "discount_rate", -0.5, 1, e->discount_rate);
    D("economics", "royalty_rate", 0, 0.99, e->royalty_rate);
    D("economics", "tax_rate", 0, 0.99, e->tax_rate);
    D("economics", "capex_ref_usd", 0, 1e13, e->capex_ref_usd);
    D("economics", "capex_ref_rate_dry_t_per_day", 1, 1e7, e->capex_ref_rate_dry_t_per_day);
    D("economics", "capex_scale_exponent", 0, 2, e->capex_scale_exponent);
    D("economics", "vessel_day_rate_usd", 0, 1e8, e->vessel_day_rate_usd);
    D("economics", "vessel_capacity_dry_t_per_day", 1, 1e7, e->vessel_capacity_dry_t_per_day);
    D("economics", "vessel_days_per_year", 0, 366, e->vessel_days_per_year);
    D("economics", "lift_energy_kwh_per_dry_t", 0, 1e4, e->lift_energy_kwh_per_dry_t);
    D("economics", "energy_usd_per_kwh", 0, 100, e->energy_usd_per_kwh);
    D("economics", "transport_usd_per_wet_t", 0, 1e5, e->transport_usd_per_wet_t);
    D("economics", "island_usd_per_dry_t", 0, 1e5, e->island_usd_per_dry_t);
    D("economics", "leach_usd_per_dry_t", 0, 1e5, e->leach_usd_per_dry_t);
    D("economics", "separation_usd_per_kg_reo", 0, 1e5, e->separation_usd_per_kg_reo);
    D("economics", "fixed_opex_usd_per_year", 0, 1e12, e->fixed_opex_usd_per_year);
    for (int el = 0; el < RM_NREY; el++) {
        char key[48];
        snprintf(key, sizeof key, "price_%s_usd_kg", rm_element(el)->symbol);
        D("economics", key, 0, 1e7, e->price_usd_per_kg[el]);
    }
    /* Ex-China prices: same costs, the ex_china column, with per-element overrides. */
    rm_econ_config ex = *e;
    if ((st = rm_econ_prices_load_csv(&ex, prices, "ex_china_usd_kg", err)) != RM_OK)
        return st;
    for (int el = 0; el < RM_NREY; el++) {
        char key[48];
        snprintf(key, sizeof key, "price_%s_usd_kg", rm_element(el)->symbol);
        if (rm_ini_has(ini, "economics", key))
            ex.price_usd_per_kg[el] = e->price_usd_per_kg[el];
    }
    cfg->econ_ex_china = ex;

    static const char *const lift_choices[] = {"table", "engine", NULL};
    /* A lift energy set in the project is meant to be used: it selects the
     * table unless lift_energy = engine says otherwise (then it is the
     * fallback where the engine cannot lift a rate). */
    int le = rm_ini_has(ini, "economics", "lift_energy_kwh_per_dry_t") &&
                     !rm_ini_has(ini, "economics", "lift_energy")
                 ? 0
                 : cfg->lift_from_engine;
    if ((st = rm_ini_get_choice(ini, "economics", "lift_energy", lift_choices, le, &le, err)) !=
        RM_OK)
        return st;
    cfg->lift_from_engine = le;
    if (rm_ini_has_section(ini, "lift") &&
        (st = rm_lift_params_from_ini(ini, &cfg->lift, err)) != RM_OK)
        return st;
    cfg->uncertain[RM_UNC_DISCOUNT].mode = e->discount_rate;
    cfg->uncertain[RM_UNC_DISCOUNT].min = fmin(cfg->uncertain[RM_UNC_DISCOUNT].min, e->discount_rate);
    cfg->uncertain[RM_UNC_DISCOUNT].max = fmax(cfg->uncertain[RM_UNC_DISCOUNT].max, e->discount_rate);
    for (int u = 0; u < RM_NUNC; u++) {
        char key[64];
        snprintf(key, sizeof key, "mc_%s", rm_chain_uncertain_name(u));
        if ((st = get_triangle(ini, key, u == RM_UNC_DISCOUNT ? -0.5 : 0, 100, &cfg->uncertain[u],
                               err)) != RM_OK)
            return st;
    }
    if ((st = rm_ini_get_long(ini, "economics", "draws", cfg->draws, 0, 10000000, &cfg->draws,
                              err)) != RM_OK)
        return st;
    long seed = (long)(cfg->seed & 0x7fffffffffffffffULL);
    if ((st = rm_ini_get_long(ini, "economics", "seed", seed, 0, 2147483647L, &seed, err)) !=
        RM_OK)
        return st;
    cfg->seed = (unsigned long long)seed;
    D("economics", "breakeven_rate_min", 0.001, 1e7, cfg->breakeven_rate_min);
    D("economics", "breakeven_rate_max", 0.001, 1e8, cfg->breakeven_rate_max);
#undef D
    if (!(cfg->breakeven_rate_max > cfg->breakeven_rate_min))
        return rm_error_set(err, RM_EINVAL, "economics: breakeven_rate_max must exceed "
                                            "breakeven_rate_min");
    cfg->mine.max_years = e->project_years;
    if ((st = rm_econ_config_validate(e, err)) != RM_OK)
        return st;
    return rm_process_config_validate(p, err);
}

/* ---- running the chain ---- */

/* Per-year economics inputs for one (rate, realization). */
typedef struct rate_years {
    size_t n;
    rm_econ_year *years;
} rate_years;

/* Schedule and process at one rate.  balance_out (optional) receives the
 * per-year balances (caller frees). */
static rm_status run_rate(const rm_mineplan *plan, const rm_chain_config *cfg, double rate,
                          rm_mine_schedule **sched_out, rm_process_balance **balance_out,
                          rate_years *ry, double *max_rel, rm_error *err)
{
    rm_mine_schedule *s;
    rm_status st = rm_mineplan_schedule(plan, &cfg->mine, rate, &s, err);
    if (st != RM_OK)
        return st;
    rm_process_balance *b = calloc(s->n_years ? s->n_years : 1, sizeof *b);
    ry->n = s->n_years;
    ry->years = calloc(s->n_years ? s->n_years : 1, sizeof *ry->years);
    if (!b || !ry->years) {
        free(b);
        free(ry->years);
        rm_mine_schedule_free(s);
        return rm_error_set(err, RM_ENOMEM, "chain: out of memory");
    }
    for (size_t y = 0; y < s->n_years && st == RM_OK; y++) {
        st = rm_process_run(&cfg->process, s->years[y].dry_t, s->years[y].grade_ppm, &b[y], err);
        if (st != RM_OK)
            break;
        if (max_rel && b[y].max_rel_error > *max_rel)
            *max_rel = b[y].max_rel_error;
        rm_econ_year *ey = &ry->years[y];
        ey->dry_t = b[y].feed_dry_t;
        ey->wet_shipped_t = b[y].shipped_wet_t;
        ey->concentrate_dry_t = b[y].concentrate_dry_t;
        for (int e = 0; e < RM_NREY; e++) {
            ey->oxide_t[e] = b[y].oxide_t[e];
            ey->oxide_cap_t[e] = b[y].feed_t[e] * rm_element(e)->oxide_factor;
        }
    }
    if (st != RM_OK) {
        free(b);
        free(ry->years);
        ry->years = NULL;
        rm_mine_schedule_free(s);
        return st;
    }
    if (sched_out)
        *sched_out = s;
    else
        rm_mine_schedule_free(s);
    if (balance_out)
        *balance_out = b;
    else
        free(b);
    return RM_OK;
}

typedef struct rate_ctx {
    const rm_mineplan *plan;
    const rm_chain_config *cfg;
    const rm_econ_config *econ;
    const rate_years *ry;    /* for the price root */
    double rate;
    int failed;
} rate_ctx;

/* NPV (USD) of the project mined at rate dry t/day, for the break-even root finder (p is
 * a rate_ctx); −∞ and c->failed set when the schedule or economics fail. */
static double npv_at_rate(double rate, void *p)
{
    rate_ctx *c = p;
    rate_years ry = {0};
    rm_econ_result r;
    double npv = -INFINITY;
    rm_mine_schedule *s = NULL;
    rm_econ_config e;
    int from_engine;
    if (run_rate(c->plan, c->cfg, rate, &s, NULL, &ry, NULL, NULL) == RM_OK &&
        (econ_for_rate(c->cfg, c->econ, rate, s->n_years ? s->years[0].water_depth_m : NAN, &e,
                       &from_engine),
         rm_econ_evaluate(&e, rate, ry.years, ry.n, &r, NULL) == RM_OK)) {
        npv = r.npv_usd;
        rm_econ_result_clear(&r);
    } else {
        c->failed = 1;
    }
    rm_mine_schedule_free(s);
    free(ry.years);
    return npv;
}

/* NPV (USD) at c->rate with prices scaled by k, for the break-even price root (p is a
 * rate_ctx with ry set); −∞ and c->failed set when the economics fail. */
static double npv_at_price(double k, void *p)
{
    rate_ctx *c = p;
    rm_econ_config e = *c->econ;
    e.price_factor = k;
    rm_econ_result r;
    if (rm_econ_evaluate(&e, c->rate, c->ry->years, c->ry->n, &r, NULL) != RM_OK) {
        c->failed = 1;
        return -INFINITY;
    }
    double npv = r.npv_usd;
    rm_econ_result_clear(&r);
    return npv;
}

/* Inverse CDF of the triangular distribution t at u in [0, 1] (a draw from a uniform u);
 * the mode when the triangle has no width. */
static double triangle_inverse(const rm_chain_triangle *t, double u)
{
    double a = t->min, c = t->mode, b = t->max;
    if (b <= a)
        return c;
    double fc = (c - a) / (b - a);
    return u < fc ? a + sqrt(u * (b - a) * (c - a)) : b - sqrt((1 - u) * (b - a) * (b - c));
}

void rm_chain_result_free(rm_chain_result *r)
{
    if (!r)
        return;
    rm_mineplan_free(r->plan);
    for (size_t k = 0; k < r->n_rates; k++) {
        rm_chain_rate *cr = &r->rates[k];
        rm_mine_schedule_free(cr->schedule);
        free(cr->balance);
        rm_econ_result_clear(&cr->econ);
        rm_econ_result_clear(&cr->econ_ex_china);
        free(cr->npv_draws_usd);
    }
    memset(r, 0, sizeof *r);
}

rm_status rm_chain_run(const rm_blockmodel *bm, const rm_chain_config *cfg,
                       rm_chain_result *out, rm_error *err)
{
    const rm_blockmodel *one[1] = {bm};
    return rm_chain_run_multi(one, 1, cfg, out, err);
}

rm_status rm_chain_run_multi(const rm_blockmodel *const *bms, size_t n_bm,
                             const rm_chain_config *cfg, rm_chain_result *out, rm_error *err)
{
    memset(out, 0, sizeof *out);
    if (n_bm < 1 || !bms || !bms[0])
        return rm_error_set(err, RM_EINVAL, "chain: no block model");
    if (cfg->n_rates < 1 || cfg->n_rates > RM_CHAIN_MAX_RATES)
        return rm_error_set(err, RM_EINVAL, "chain: need 1..%d rates", RM_CHAIN_MAX_RATES);
    rm_status st = rm_econ_config_validate(&cfg->econ, err);
    if (st != RM_OK)
        return st;

    /* Rank columns by recoverable oxide value: price · oxide factor · recovery. */
    rm_chain_config c = *cfg;
    for (int e = 0; e < RM_NREY; e++)
        c.mine.value_usd_per_t_element[e] =
            cfg->econ.price_usd_per_kg[e] * 1000 * rm_element(e)->oxide_factor *
            cfg->process.dewater_solids_recovery * cfg->process.size_recovery[e] *
            cfg->process.leach_recovery[e] * cfg->process.separation_recovery[e];
    c.mine.max_years = cfg->econ.project_years;

    rm_mineplan **plans = calloc(n_bm, sizeof *plans);
    rate_years *ry = NULL;
    if (!plans)
        return rm_error_set(err, RM_ENOMEM, "chain: out of memory");
    for (size_t r = 0; r < n_bm && st == RM_OK; r++)
        st = rm_mineplan_build(bms[r], &c.mine, &plans[r], err);
    if (st != RM_OK)
        goto fail;
    out->plan = plans[0];
    plans[0] = NULL;
    out->n_rates = cfg->n_rates;
    out->n_realizations = (long)n_bm;

    /* Resource and reserve as oxides; years of world demand; Takaya. */
    for (int e = 0; e < RM_NREY; e++) {
        double f = rm_element(e)->oxide_factor;
        out->resource_oxide_t[e] = out->plan->resource_element_t[e] * f;
        out->reserve_oxide_t[e] = out->plan->reserve_element_t[e] * f;
        out->resource_reo_t += out->resource_oxide_t[e];
        out->reserve_reo_t += out->reserve_oxide_t[e];
    }
    double world[RM_NREY];
    for (int e = 0; e < RM_NREY; e++)
        world[e] = cfg->tables.demand_t[RM_MARKET_WORLD][e];
    rm_supply_years(out->resource_oxide_t, world, out->years_resource);
    rm_supply_years(out->reserve_oxide_t, world, out->years_reserve);
    {
        /* Takaya et al. 2018: 16 Mt REO of the research area → Y 780, Eu 620,
         * Tb 420, Dy 730 years.  Their per-element shares are not in the
         * abstract; the composition of this model stands in for them. */
        double share[RM_NREY], years[RM_NREY];
        for (int e = 0; e < RM_NREY; e++)
            years[e] = NAN;
        years[RM_Y] = 780;
        years[RM_EU] = 620;
        years[RM_TB] = 420;
        years[RM_DY] = 730;
        double g[RM_NREY];
        for (int e = 0; e < RM_NREY; e++)
            g[e] = out->plan->resource_element_t[e];
        rm_oxide_shares(g, share);
        rm_takaya_backout_demand(16e6, share, years, out->takaya_demand_t);
        rm_takaya_years(out->resource_reo_t, share, out->takaya_demand_t,
                        out->takaya_years_resource);
    }

    ry = calloc(n_bm * cfg->n_rates, sizeof *ry);
    if (!ry) {
        st = rm_error_set(err, RM_ENOMEM, "chain: out of memory");
        goto fail;
    }
    for (size_t k = 0; k < cfg->n_rates && st == RM_OK; k++) {
        rm_chain_rate *cr = &out->rates[k];
        double rate = cfg->rates_dry_t_per_day[k];
        cr->rate_dry_t_per_day = rate;
        st = run_rate(out->plan, &c, rate, &cr->schedule, &cr->balance, &ry[k * n_bm],
                      &out->mass_balance_max_rel_error, err);
        for (size_t r = 1; r < n_bm && st == RM_OK; r++)
            st = run_rate(plans[r], &c, rate, NULL, NULL, &ry[k * n_bm + r],
                          &out->mass_balance_max_rel_error, err);
        if (st != RM_OK)
            break;
        /* Output of a full year at the nominal rate: scheduled oxide per
         * scheduled tonne x annual tonnes (a last, partial year does not
         * dilute it). */
        size_t ny = cr->schedule->n_years;
        double mined = 0;
        for (size_t y = 0; y < ny; y++) {
            mined += cr->balance[y].feed_dry_t;
            for (int e = 0; e < RM_NREY; e++)
                cr->oxide_t_per_year[e] += cr->balance[y].oxide_t[e];
        }
        for (int e = 0; e < RM_NREY; e++)
            cr->oxide_t_per_year[e] =
                mined > 0 ? cr->oxide_t_per_year[e] / mined * cr->schedule->annual_dry_t : 0;
        for (int e = 0; e < RM_NREY; e++)
            cr->reo_t_per_year += cr->oxide_t_per_year[e];
        for (size_t s = 0; s < cfg->n_scenarios && st == RM_OK; s++)
            st = rm_supply_coverage(&cfg->tables, &cfg->scenarios[s], cr->oxide_t_per_year,
                                    &cr->coverage[s], err);
        rm_econ_config econ, econ_x;
        double depth = cr->schedule->n_years ? cr->schedule->years[0].water_depth_m : NAN;
        econ_for_rate(&c, &cfg->econ, rate, depth, &econ, &cr->lift_energy_from_engine);
        econ_for_rate(&c, &cfg->econ_ex_china, rate, depth, &econ_x, &cr->lift_energy_from_engine);
        cr->lift_energy_kwh_per_dry_t = econ.lift_energy_kwh_per_dry_t;
        if (st == RM_OK)
            st = rm_econ_evaluate(&econ, rate, ry[k * n_bm].years, ry[k * n_bm].n, &cr->econ,
                                  err);
        if (st == RM_OK)
            st = rm_econ_evaluate(&econ_x, rate, ry[k * n_bm].years, ry[k * n_bm].n,
                                  &cr->econ_ex_china, err);
        if (st != RM_OK)
            break;
        rate_ctx pc = {out->plan, &c, &econ, &ry[k * n_bm], rate, 0};
        if (rm_econ_breakeven(npv_at_price, &pc, 1e-3, 1e3, 80, &cr->breakeven_price_factor,
                              NULL) != RM_OK)
            cr->breakeven_price_factor = NAN;

        /* Tornado: each input at its min and max, the others at base. */
        for (int u = 0; u < RM_NUNC && st == RM_OK; u++) {
            rm_chain_tornado *t = &cr->tornado[u];
            t->parameter = u;
            t->low_value = cfg->uncertain[u].min;
            t->high_value = cfg->uncertain[u].max;
            double v[2] = {t->low_value, t->high_value}, npv[2];
            for (int side = 0; side < 2 && st == RM_OK; side++) {
                rm_econ_config e = econ;
                apply_uncertain(&e, &econ, u, v[side]);
                rm_econ_result r;
                st = rm_econ_evaluate(&e, rate, ry[k * n_bm].years, ry[k * n_bm].n, &r, err);
                npv[side] = r.npv_usd;
                rm_econ_result_clear(&r);
            }
            t->npv_low_usd = npv[0];
            t->npv_high_usd = npv[1];
        }

        /* Monte Carlo. */
        cr->npv_p10_usd = cr->npv_p50_usd = cr->npv_p90_usd = cr->econ.npv_usd;
        cr->prob_npv_positive = cr->econ.npv_usd > 0;
        if (st == RM_OK && cfg->draws > 0) {
            long nd = cfg->draws;
            cr->npv_draws_usd = malloc((size_t)nd * sizeof *cr->npv_draws_usd);
            if (!cr->npv_draws_usd) {
                st = rm_error_set(err, RM_ENOMEM, "chain: out of memory");
                break;
            }
            int failed = 0;
#pragma omp parallel for schedule(static) reduction(| : failed) if (nd > 64)
            for (long d = 0; d < nd; d++) {
                gsl_rng *rng = rm_rng_stream(cfg->seed, (uint64_t)d);
                rm_econ_config e = econ;
                for (int u = 0; u < RM_NUNC; u++)
                    apply_uncertain(&e, &econ, u,
                                    triangle_inverse(&cfg->uncertain[u], gsl_rng_uniform(rng)));
                gsl_rng_free(rng);
                const rate_years *y = &ry[k * n_bm + (size_t)d % n_bm];
                rm_econ_result r;
                if (rm_econ_evaluate(&e, rate, y->years, y->n, &r, NULL) != RM_OK) {
                    failed = 1;
                    cr->npv_draws_usd[d] = NAN;
                    continue;
                }
                cr->npv_draws_usd[d] = r.npv_usd;
                rm_econ_result_clear(&r);
            }
            if (failed) {
                st = rm_error_set(err, RM_EINVAL, "chain: a Monte Carlo draw gave an invalid "
                                                  "economics input (check the mc_ ranges)");
                break;
            }
            double *sorted = malloc((size_t)nd * sizeof *sorted);
            if (!sorted) {
                st = rm_error_set(err, RM_ENOMEM, "chain: out of memory");
                break;
            }
            memcpy(sorted, cr->npv_draws_usd, (size_t)nd * sizeof *sorted);
            gsl_sort(sorted, 1, (size_t)nd);
            cr->npv_p10_usd = gsl_stats_quantile_from_sorted_data(sorted, 1, (size_t)nd, 0.10);
            cr->npv_p50_usd = gsl_stats_quantile_from_sorted_data(sorted, 1, (size_t)nd, 0.50);
            cr->npv_p90_usd = gsl_stats_quantile_from_sorted_data(sorted, 1, (size_t)nd, 0.90);
            long pos = 0;
            for (long d = 0; d < nd; d++)
                pos += sorted[d] > 0;
            cr->prob_npv_positive = (double)pos / (double)nd;
            free(sorted);
        }
    }
    if (st != RM_OK)
        goto fail;

    /* Break-even daily rate (base prices, then ex-China prices). */
    {
        rate_ctx rc = {out->plan, &c, &cfg->econ, NULL, 0, 0};
        if (rm_econ_breakeven(npv_at_rate, &rc, cfg->breakeven_rate_min, cfg->breakeven_rate_max,
                              60, &out->breakeven_rate_dry_t_per_day, NULL) != RM_OK)
            out->breakeven_rate_dry_t_per_day = NAN;
        rate_ctx rx = {out->plan, &c, &cfg->econ_ex_china, NULL, 0, 0};
        if (rm_econ_breakeven(npv_at_rate, &rx, cfg->breakeven_rate_min, cfg->breakeven_rate_max,
                              60, &out->breakeven_rate_ex_china_dry_t_per_day, NULL) != RM_OK)
            out->breakeven_rate_ex_china_dry_t_per_day = NAN;
    }
    for (size_t k = 0; k < n_bm * cfg->n_rates; k++)
        free(ry[k].years);
    free(ry);
    for (size_t r = 0; r < n_bm; r++)
        rm_mineplan_free(plans[r]);
    free(plans);
    return RM_OK;

fail:
    if (ry)
        for (size_t k = 0; k < n_bm * cfg->n_rates; k++)
            free(ry[k].years);
    free(ry);
    for (size_t r = 0; r < n_bm; r++)
        rm_mineplan_free(plans[r]);
    free(plans);
    rm_chain_result_free(out);
    return st;
}
