/* supply_economics.c — the project's value per export-control scenario and rate in
 * the "normal" and "controls" price states (economics.h, rm_econ_two_state), on the
 * production years the chain wrote: processing.csv and chain_summary.json in the
 * folder of the chain's oxide_output.csv.  `reemud supply` and rm_api_supply value
 * the same output the chain did; `assess` does the same on the chain's result in
 * memory. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "reemud/supply.h"

/* The lift energy (kWh per dry t) the chain used at rate, from the parsed
 * chain_summary.json root (NULL: none); NAN when the rate or the number is
 * not there. */
static double chain_lift_energy(const cJSON *root, double rate)
{
    double v = NAN;
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(root, "scenarios"), *it;
    cJSON_ArrayForEach(it, sc)
    {
        const cJSON *r = cJSON_GetObjectItemCaseSensitive(it, "rate_dry_t_per_day");
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(it, "lift_energy_kwh_per_dry_t");
        /* oxide_output.csv writes the rate with %g: match to its 6 digits */
        if (cJSON_IsNumber(r) && cJSON_IsNumber(e) &&
            fabs(r->valuedouble - rate) <= 1e-5 * fabs(rate))
            v = e->valuedouble;
    }
    return v;
}

rm_status rm_supply_econ_rate_rows(const rm_econ_config *econ,
                                   const double ex_china_price_usd_per_kg[RM_NREY],
                                   const rm_snetwork *net, const rm_supply_run_config *cfg,
                                   double rate, const rm_econ_year *years, size_t ny,
                                   rm_supply_econ_row *rows, size_t *n, rm_error *err)
{
    for (size_t s = 0; s < cfg->n_scenarios; s++) {
        double ctl[RM_NREY];
        rm_sscenario_controls_prices(&net->scenario[cfg->scenario[s]], econ->price_usd_per_kg,
                                     ex_china_price_usd_per_kg, ctl);
        rm_econ_states es;
        rm_status st = rm_econ_two_state(econ, rate, years, ny, ctl, &es, err);
        if (st)
            return st;
        rm_supply_econ_row *r = &rows[(*n)++];
        r->scenario = (int)s;
        r->rate_dry_t_per_day = rate;
        for (int q = 0; q < 2; q++) {
            r->npv_usd[q] = es.npv_usd[q];
            r->revenue_usd_per_year[q] = es.revenue_usd_per_year[q];
            r->breakeven_price_factor[q] = es.breakeven_price_factor[q];
        }
    }
    return RM_OK;
}

rm_status rm_supply_economics_from_chain(const rm_econ_config *econ_normal,
                                         const double ex_china_price_usd_per_kg[RM_NREY],
                                         const rm_snetwork *net,
                                         const rm_supply_run_config *cfg,
                                         const char *oxide_path, const rm_logger *log,
                                         rm_supply_econ_row **rows, size_t *n, rm_error *err)
{
    *rows = NULL;
    *n = 0;
    char dir[4096], proc[4200], summ[4200];
    snprintf(dir, sizeof dir, "%s", oxide_path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(dir, sizeof dir, ".");
    snprintf(proc, sizeof proc, "%s/processing.csv", dir);
    snprintf(summ, sizeof summ, "%s/chain_summary.json", dir);
    if (access(proc, F_OK) != 0) {
        rm_log(log, RM_LOG_INFO,
               "supply: no %s beside the oxide output: economics in two price states skipped",
               proc);
        return RM_OK;
    }
    rm_table *table;
    rm_status st = rm_table_read_csv(proc, &table, err);
    if (st)
        return st;
    *rows = calloc(cfg->n_scenarios * (cfg->n_rates ? cfg->n_rates : 1), sizeof **rows);
    if (!*rows) {
        rm_table_free(table);
        return rm_error_set(err, RM_ENOMEM, "supply: out of memory");
    }
    /* The chain's summary, read once for every rate (absent: NULL). */
    char *text = NULL;
    cJSON *summary = NULL;
    if (!rm_read_text(summ, SIZE_MAX, &text, NULL, NULL)) {
        summary = cJSON_Parse(text);
        free(text);
    }
    for (size_t k = 0; k < cfg->n_rates; k++) {
        double rate = cfg->rate_dry_t_per_day[k];
        rm_econ_year *years;
        size_t ny;
        if ((st = rm_econ_processing_years(table, rate, &years, &ny, err)))
            break;
        rm_econ_config econ = *econ_normal;
        double kwh = chain_lift_energy(summary, rate);
        if (isfinite(kwh))
            econ.lift_energy_kwh_per_dry_t = kwh;
        else
            rm_log(log, RM_LOG_WARN,
                   "supply: %s has no lift energy for %g t/day: [economics] "
                   "lift_energy_kwh_per_dry_t = %g used", summ, rate,
                   econ.lift_energy_kwh_per_dry_t);
        st = rm_supply_econ_rate_rows(&econ, ex_china_price_usd_per_kg, net, cfg, rate, years,
                                      ny, *rows, n, err);
        free(years);
        if (st)
            break;
    }
    cJSON_Delete(summary);
    rm_table_free(table);
    return st;
}
