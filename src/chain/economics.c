/* economics.c — discounted cash flow, IRR and break-even roots.
 *
 * Equations are in economics.h.  IRR and break-evens use GSL's Brent
 * solver (gsl_root_fsolver_brent) on a bracket found by scanning, so a
 * function with several sign changes gives the lowest root.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "reemud/table.h"
#include "reemud/economics.h"

void rm_econ_config_default(rm_econ_config *c)
{
    memset(c, 0, sizeof *c);
    /* Values mirror data/costs.csv (sources there); the file overrides them. */
    c->project_years = 20;
    c->construction_years = 2;
    c->discount_rate = 0.08;
    c->royalty_rate = 0.0;
    c->tax_rate = 0.30;
    c->capex_ref_usd = 2.41e9;
    c->capex_ref_rate_dry_t_per_day = 3500;
    c->capex_scale_exponent = 0.6;
    c->capex_factor = 1.0;
    c->vessel_day_rate_usd = 400000;
    c->vessel_capacity_dry_t_per_day = 3500;
    c->vessel_days_per_year = 330;
    c->lift_energy_kwh_per_dry_t = 15;
    c->energy_usd_per_kwh = 0.15;
    c->transport_usd_per_wet_t = 25;
    c->island_usd_per_dry_t = 8;
    c->leach_usd_per_dry_t = 40;
    c->separation_usd_per_kg_reo = 10;
    c->fixed_opex_usd_per_year = 3e7;
    c->opex_factor = 1.0;
    c->price_factor = 1.0;
    c->recovery_factor = 1.0;
    c->usd_per_jpy = 0.00919;
}

/* Keys of costs.csv and the field each sets. */
static double *cost_field(rm_econ_config *c, const char *key, int *is_int)
{
    *is_int = 0;
    static const struct { const char *key; size_t off; int is_int; } map[] = {
#define F(k) {#k, offsetof(rm_econ_config, k), 0}
        F(discount_rate), F(royalty_rate), F(tax_rate), F(capex_ref_usd),
        F(capex_ref_rate_dry_t_per_day), F(capex_scale_exponent), F(vessel_day_rate_usd),
        F(vessel_capacity_dry_t_per_day), F(vessel_days_per_year),
        F(lift_energy_kwh_per_dry_t), F(energy_usd_per_kwh), F(transport_usd_per_wet_t),
        F(island_usd_per_dry_t), F(leach_usd_per_dry_t), F(separation_usd_per_kg_reo),
        F(fixed_opex_usd_per_year), F(usd_per_jpy),
#undef F
        {"project_years", offsetof(rm_econ_config, project_years), 1},
        {"construction_years", offsetof(rm_econ_config, construction_years), 1},
    };
    for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
        if (!strcasecmp(map[k].key, key)) {
            *is_int = map[k].is_int;
            return (double *)((char *)c + map[k].off);
        }
    return NULL;
}

rm_status rm_econ_config_load_csv(rm_econ_config *cfg, const char *path, rm_error *err)
{
    rm_table *t;
    rm_status st = rm_table_read_csv(path, &t, err);
    if (st != RM_OK)
        return st;
    long ck, cv;
    if ((st = rm_table_need(t, "key", &ck, err)) != RM_OK ||
        (st = rm_table_need(t, "value", &cv, err)) != RM_OK)
        goto done;
    for (size_t r = 0; r < t->n_rows; r++) {
        const char *key = rm_table_text(t, r, (size_t)ck);
        int is_int;
        double *f = cost_field(cfg, key, &is_int);
        if (!f) {
            if (!strcasecmp(key, "sustaining_capex_fraction"))
                continue; /* documented, folded into capex_ref */
            st = rm_error_input(err, path, t->line[r], "key", "unknown cost key '%s'", key);
            break;
        }
        double v;
        if ((st = rm_table_number(t, r, cv, 0, &v, err)) != RM_OK)
            break;
        if (is_int)
            *(int *)f = (int)lround(v);
        else
            *f = v;
    }
done:
    rm_table_free(t);
    if (st == RM_OK)
        st = rm_econ_config_validate(cfg, err);
    return st;
}

rm_status rm_econ_prices_load_csv(rm_econ_config *cfg, const char *path, const char *column,
                                  rm_error *err)
{
    rm_table *t;
    rm_status st = rm_table_read_csv(path, &t, err);
    if (st != RM_OK)
        return st;
    long ce, cp;
    if ((st = rm_table_need(t, "element", &ce, err)) != RM_OK ||
        (st = rm_table_need(t, column, &cp, err)) != RM_OK)
        goto done;
    for (size_t r = 0; r < t->n_rows; r++) {
        int e = rm_element_index(rm_table_text(t, r, (size_t)ce));
        if (e < 0 || e >= RM_NREY) {
            st = rm_error_input(err, path, t->line[r], "element", "unknown REY element '%s'",
                                rm_table_text(t, r, (size_t)ce));
            break;
        }
        double v;
        if ((st = rm_table_number(t, r, cp, 1, &v, err)) != RM_OK)
            break;
        if (v < 0) {
            st = rm_error_input(err, path, t->line[r], column, "negative price");
            break;
        }
        cfg->price_usd_per_kg[e] = isnan(v) ? 0.0 : v;
    }
done:
    rm_table_free(t);
    return st;
}

rm_status rm_econ_config_validate(const rm_econ_config *c, rm_error *err)
{
    if (c->project_years < 1 || c->project_years > 200)
        return rm_error_set(err, RM_EINVAL, "economics: project_years must be in [1, 200]");
    if (c->construction_years < 0 || c->construction_years > 20)
        return rm_error_set(err, RM_EINVAL, "economics: construction_years must be in [0, 20]");
    if (!(c->discount_rate > -0.99 && c->discount_rate < 10))
        return rm_error_set(err, RM_EINVAL, "economics: discount_rate must be in (-0.99, 10)");
    if (!(c->royalty_rate >= 0 && c->royalty_rate < 1) || !(c->tax_rate >= 0 && c->tax_rate < 1))
        return rm_error_set(err, RM_EINVAL, "economics: royalty and tax rates must be in [0, 1)");
    if (!(c->capex_ref_rate_dry_t_per_day > 0) || !(c->vessel_capacity_dry_t_per_day > 0))
        return rm_error_set(err, RM_EINVAL, "economics: reference rates must be > 0");
    const double nonneg[] = {c->capex_ref_usd, c->capex_scale_exponent, c->vessel_day_rate_usd,
                             c->vessel_days_per_year, c->lift_energy_kwh_per_dry_t,
                             c->energy_usd_per_kwh, c->transport_usd_per_wet_t,
                             c->island_usd_per_dry_t, c->leach_usd_per_dry_t,
                             c->separation_usd_per_kg_reo, c->fixed_opex_usd_per_year,
                             c->capex_factor, c->opex_factor, c->price_factor,
                             c->recovery_factor};
    for (size_t k = 0; k < sizeof nonneg / sizeof nonneg[0]; k++)
        if (!(nonneg[k] >= 0) || !isfinite(nonneg[k]))
            return rm_error_set(err, RM_EINVAL, "economics: costs, factors and rates must be "
                                                "finite and >= 0");
    if (c->vessel_days_per_year > 366)
        return rm_error_set(err, RM_EINVAL, "economics: vessel_days_per_year must be <= 366");
    return RM_OK;
}

double rm_npv(double r, const double *cf, size_t n)
{
    double npv = 0, df = 1;
    for (size_t t = 0; t < n; t++) {
        npv += cf[t] * df;
        df /= 1.0 + r;
    }
    return npv;
}

typedef struct npv_ctx { const double *cf; size_t n; } npv_ctx;

/* NPV of the cash flows in p (an npv_ctx) at discount rate r, for the IRR root finder. */
static double npv_of_rate(double r, void *p)
{
    const npv_ctx *c = p;
    return rm_npv(r, c->cf, c->n);
}

/* Brent on [a, b] where f(a) and f(b) have opposite signs. */
static rm_status brent(double (*f)(double, void *), void *ctx, double a, double b,
                       double *root)
{
    gsl_function F = {f, ctx};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s)
        return RM_ENOMEM;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int status = gsl_root_fsolver_set(s, &F, a, b);
    for (int it = 0; status == GSL_SUCCESS && it < 200; it++) {
        status = gsl_root_fsolver_iterate(s);
        if (status != GSL_SUCCESS)
            break;
        double lo = gsl_root_fsolver_x_lower(s), hi = gsl_root_fsolver_x_upper(s);
        status = gsl_root_test_interval(lo, hi, 0, 1e-12);
        if (status == GSL_SUCCESS)
            break;
        if (status == GSL_CONTINUE)
            status = GSL_SUCCESS;
    }
    *root = gsl_root_fsolver_root(s);
    gsl_root_fsolver_free(s);
    gsl_set_error_handler(old);
    return status == GSL_SUCCESS ? RM_OK : RM_ENOCONV;
}

rm_status rm_irr(const double *cf, size_t n, double *irr, rm_error *err)
{
    *irr = NAN;
    npv_ctx c = {cf, n};
    /* Scan for the first sign change on a grid, then refine. */
    double a = -0.99, fa = npv_of_rate(a, &c);
    const int nscan = 400;
    for (int k = 1; k <= nscan; k++) {
        double b = -0.99 + (10.0 + 0.99) * pow((double)k / nscan, 3);
        double fb = npv_of_rate(b, &c);
        if (fa == 0) {
            *irr = a;
            return RM_OK;
        }
        if ((fa < 0) != (fb < 0)) {
            rm_status st = brent(npv_of_rate, &c, a, b, irr);
            if (st != RM_OK)
                return rm_error_set(err, st, "IRR: root finding did not converge");
            return RM_OK;
        }
        a = b;
        fa = fb;
    }
    return rm_error_set(err, RM_ENOCONV, "IRR: NPV does not change sign for rates in [-0.99, 10]");
}

rm_status rm_econ_breakeven(rm_econ_fn f, void *ctx, double lo, double hi, int n_scan,
                            double *root, rm_error *err)
{
    *root = NAN;
    if (!(lo > 0 && hi > lo) || n_scan < 2)
        return rm_error_set(err, RM_EINVAL, "break-even: need 0 < lo < hi and n_scan >= 2");
    double a = lo, fa = f(a, ctx);
    if (fa >= 0) {
        *root = lo;
        return RM_OK;
    }
    for (int k = 1; k < n_scan; k++) {
        double b = lo * pow(hi / lo, (double)k / (n_scan - 1));
        double fb = f(b, ctx);
        if (fb >= 0) {
            rm_status st = brent(f, ctx, a, b, root);
            if (st != RM_OK)
                return rm_error_set(err, st, "break-even: root finding did not converge");
            return RM_OK;
        }
        a = b;
    }
    return rm_error_set(err, RM_ENOCONV, "break-even: no root in [%g, %g]", lo, hi);
}

void rm_econ_result_clear(rm_econ_result *r)
{
    if (!r)
        return;
    free(r->cash_flow_usd);
    memset(r, 0, sizeof *r);
}

rm_status rm_econ_evaluate(const rm_econ_config *c, double rate, const rm_econ_year *years,
                           size_t n_years, rm_econ_result *out, rm_error *err)
{
    memset(out, 0, sizeof *out);
    rm_status st = rm_econ_config_validate(c, err);
    if (st != RM_OK)
        return st;
    if (!(rate > 0) || !isfinite(rate))
        return rm_error_set(err, RM_EINVAL, "economics: rate must be > 0 dry t/day");
    size_t nc = c->construction_years > 0 ? (size_t)c->construction_years : 1;
    size_t np = (size_t)c->project_years;
    out->n = nc + np;
    out->cash_flow_usd = calloc(out->n, sizeof *out->cash_flow_usd);
    if (!out->cash_flow_usd)
        return rm_error_set(err, RM_ENOMEM, "economics: out of memory");

    out->capex_usd = c->capex_ref_usd *
                     pow(rate / c->capex_ref_rate_dry_t_per_day, c->capex_scale_exponent) *
                     c->capex_factor;
    out->vessels = ceil(rate / c->vessel_capacity_dry_t_per_day - 1e-9);
    double depreciation = out->capex_usd / (double)np;
    /* Per-year figures are means over the years that produce: once the
     * reserve is exhausted the project has ended, and an empty year is not
     * a production year. */
    double n_prod = (double)(n_years < np ? n_years : np);
    if (n_prod < 1)
        n_prod = 1;
    double pv_cost = 0, pv_kg = 0, df = 1;
    for (size_t t = 0; t < out->n; t++, df /= 1.0 + c->discount_rate) {
        if (t < nc) {
            out->cash_flow_usd[t] = -out->capex_usd / (double)nc;
            pv_cost += out->capex_usd / (double)nc * df;
            continue;
        }
        size_t p = t - nc;
        if (p >= n_years)
            continue; /* reserve exhausted: the project has ended */
        const rm_econ_year *y = &years[p];
        double revenue = 0, kg = 0;
        for (int e = 0; e < RM_NREY; e++) {
            double ox = y->oxide_t[e] * c->recovery_factor;
            if (y->oxide_cap_t[e] > 0 && ox > y->oxide_cap_t[e])
                ox = y->oxide_cap_t[e];
            kg += ox * 1000;
            revenue += ox * 1000 * c->price_usd_per_kg[e] * c->price_factor;
        }
        double vessel = out->vessels * c->vessel_day_rate_usd * c->vessel_days_per_year;
        double energy = c->lift_energy_kwh_per_dry_t * y->dry_t * c->energy_usd_per_kwh;
        double transport = c->transport_usd_per_wet_t * y->wet_shipped_t * c->opex_factor;
        double proc = (c->island_usd_per_dry_t * y->dry_t +
                       c->leach_usd_per_dry_t * y->concentrate_dry_t) * c->opex_factor;
        double sep = c->separation_usd_per_kg_reo * kg * c->opex_factor;
        double fixed = c->fixed_opex_usd_per_year * c->opex_factor;
        double opex = vessel + energy + transport + proc + sep + fixed;
        double royalty = c->royalty_rate * revenue;
        double taxable = revenue - opex - royalty - depreciation;
        double tax = taxable > 0 ? c->tax_rate * taxable : 0;
        out->cash_flow_usd[t] = revenue - opex - royalty - tax;
        pv_cost += opex * df;
        pv_kg += kg * df;
        out->revenue_usd_per_year += revenue / n_prod;
        out->opex_usd_per_year += opex / n_prod;
        out->opex_vessel_usd_per_year += vessel / n_prod;
        out->opex_energy_usd_per_year += energy / n_prod;
        out->opex_transport_usd_per_year += transport / n_prod;
        out->opex_processing_usd_per_year += proc / n_prod;
        out->opex_separation_usd_per_year += sep / n_prod;
        out->opex_fixed_usd_per_year += fixed / n_prod;
        out->reo_t_per_year += kg / 1000 / n_prod;
    }
    out->npv_usd = rm_npv(c->discount_rate, out->cash_flow_usd, out->n);
    rm_irr(out->cash_flow_usd, out->n, &out->irr, NULL);
    out->unit_cost_usd_per_kg_reo = pv_kg > 0 ? pv_cost / pv_kg : NAN;
    return RM_OK;
}
