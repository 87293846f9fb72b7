/* economics_tiers.c — the project's value in two price states: "normal" (every oxide
 * at the price column, FOB China) and "controls" (the elements a supply scenario
 * controls sold at the ex-China tier; docs/references.md §4: Argus Europe quoted Dy₂O₃ at
 * $700–1,000/kg and Tb₄O₇ at $2,000–4,000/kg in May 2025 against flat Chinese
 * prices).  The years come from the chain's processing.csv so that `reemud supply`
 * values the same output the chain did. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/economics.h"
#include "reemud/table.h"

rm_status rm_econ_processing_years(const rm_table *t, double rate, rm_econ_year **years,
                                   size_t *n, rm_error *err)
{
    *years = NULL;
    *n = 0;
    const double *r, *y, *feed, *ox, *dry, *conc, *wet;
    long ce;
    rm_status st;
    if ((st = rm_table_need(t, "element", &ce, err)) ||
        (st = rm_table_numeric(t, "rate_dry_t_per_day", 0, &r, err)) ||
        (st = rm_table_numeric(t, "year", 0, &y, err)) ||
        (st = rm_table_numeric(t, "feed_t", 0, &feed, err)) ||
        (st = rm_table_numeric(t, "oxide_t", 0, &ox, err)) ||
        (st = rm_table_numeric(t, "feed_dry_t", 0, &dry, err)) ||
        (st = rm_table_numeric(t, "concentrate_dry_t", 0, &conc, err)) ||
        (st = rm_table_numeric(t, "shipped_wet_t", 0, &wet, err)))
        return st;
    size_t ny = 0;
    for (size_t k = 0; k < t->n_rows; k++)
        if (r[k] == rate && y[k] >= 1 && y[k] > (double)ny)
            ny = (size_t)y[k];
    if (!ny)
        return rm_error_input(err, t->file, 0, "rate_dry_t_per_day", "no rows for %g t/day",
                              rate);
    *years = calloc(ny, sizeof **years);
    if (!*years)
        return rm_error_set(err, RM_ENOMEM, "out of memory reading %s", t->file);
    for (size_t k = 0; k < t->n_rows; k++) {
        if (r[k] != rate)
            continue;
        int e = rm_element_index(rm_table_text(t, k, (size_t)ce));
        if (e < 0 || e >= RM_NREY || !(y[k] >= 1) || y[k] != floor(y[k])) {
            free(*years);
            *years = NULL;
            return rm_error_input(err, t->file, t->line[k], e < 0 ? "element" : "year",
                                  "unknown element or bad year");
        }
        rm_econ_year *ey = &(*years)[(size_t)y[k] - 1];
        ey->dry_t = dry[k];
        ey->wet_shipped_t = wet[k];
        ey->concentrate_dry_t = conc[k];
        ey->oxide_t[e] = ox[k];
        ey->oxide_cap_t[e] = feed[k] * rm_element(e)->oxide_factor;
    }
    *n = ny;
    return RM_OK;
}

typedef struct price_ctx {
    rm_econ_config cfg;
    double rate;
    const rm_econ_year *years;
    size_t n;
} price_ctx;

/* NPV with every price scaled by k (p is a price_ctx); −∞ on failure. */
static double npv_at(double k, void *p)
{
    price_ctx *c = p;
    rm_econ_config e = c->cfg;
    e.price_factor = k;
    rm_econ_result r;
    if (rm_econ_evaluate(&e, c->rate, c->years, c->n, &r, NULL) != RM_OK)
        return -INFINITY;
    double v = r.npv_usd;
    rm_econ_result_clear(&r);
    return v;
}

rm_status rm_econ_two_state(const rm_econ_config *cfg, double rate, const rm_econ_year *years,
                            size_t n, const double controls_price[RM_NREY],
                            rm_econ_states *out, rm_error *err)
{
    memset(out, 0, sizeof *out);
    for (int state = 0; state < 2; state++) {
        price_ctx c = {*cfg, rate, years, n};
        if (state)
            memcpy(c.cfg.price_usd_per_kg, controls_price, sizeof c.cfg.price_usd_per_kg);
        rm_econ_result r;
        rm_status st = rm_econ_evaluate(&c.cfg, rate, years, n, &r, err);
        if (st)
            return st;
        out->npv_usd[state] = r.npv_usd;
        out->revenue_usd_per_year[state] = r.revenue_usd_per_year;
        rm_econ_result_clear(&r);
        /* Break-even: the factor on every price that brings NPV to zero. */
        if (rm_econ_breakeven(npv_at, &c, 1e-3, 1e3, 80, &out->breakeven_price_factor[state],
                              NULL) != RM_OK)
            out->breakeven_price_factor[state] = NAN;
    }
    return RM_OK;
}
