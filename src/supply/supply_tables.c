/* supply_tables.c — demand, export controls and coverage; Takaya's arithmetic.
 *
 * The tables are data/demand.csv, data/controls.csv and
 * data/production.csv; every row carries its source.  Takaya et al. 2018
 * (Sci. Rep. 8:5763) express a resource as years of annual world demand per
 * element: years_e = REO · share_e / D_e (their abstract: 16 Mt REO → Y 780,
 * Eu 620, Tb 420, Dy 730 years; 1.2 Mt → 62, 47, 32, 56).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reemud/supply.h"
#include "reemud/table.h"

const char *rm_market_name(int market)
{
    static const char *const names[RM_NMARKET] = {"world", "japan", "us"};
    return market >= 0 && market < RM_NMARKET ? names[market] : "?";
}

size_t rm_supply_default_scenarios(double licensing_disruption, rm_supply_scenario out[3])
{
    memset(out, 0, 3 * sizeof *out);
    snprintf(out[0].name, sizeof out[0].name, "enforced");
    out[0].april_list = out[0].october_list = 1;
    out[0].disruption = licensing_disruption;
    snprintf(out[1].name, sizeof out[1].name, "suspension");
    out[1].april_list = 1;
    out[1].disruption = licensing_disruption;
    snprintf(out[2].name, sizeof out[2].name, "embargo");
    out[2].april_list = out[2].october_list = 1;
    out[2].disruption = 1.0;
    return 3;
}

/* Reads demand.csv at path into t: per market and element, demand, low and high (t REO,
 * low/high may be empty) and China's share in [0, 1]; a source column must exist.
 * RM_EDATA naming file, line and column on a bad row. */
static rm_status load_demand(rm_supply_tables *t, const char *path, rm_error *err)
{
    rm_table *tb;
    rm_status st = rm_table_read_csv(path, &tb, err);
    if (st != RM_OK)
        return st;
    long ce, cm, cd, cl, ch, cc, csrc;
    if ((st = rm_table_need(tb, "element", &ce, err)) != RM_OK ||
        (st = rm_table_need(tb, "market", &cm, err)) != RM_OK ||
        (st = rm_table_need(tb, "demand_t_reo", &cd, err)) != RM_OK ||
        (st = rm_table_need(tb, "low_t_reo", &cl, err)) != RM_OK ||
        (st = rm_table_need(tb, "high_t_reo", &ch, err)) != RM_OK ||
        (st = rm_table_need(tb, "china_share", &cc, err)) != RM_OK ||
        (st = rm_table_need(tb, "source", &csrc, err)) != RM_OK)
        goto done;
    for (size_t r = 0; r < tb->n_rows && st == RM_OK; r++) {
        int e = rm_element_index(rm_table_text(tb, r, (size_t)ce));
        if (e < 0) {
            st = rm_error_input(err, path, tb->line[r], "element", "unknown element '%s'",
                                rm_table_text(tb, r, (size_t)ce));
            break;
        }
        int m = -1;
        for (int k = 0; k < RM_NMARKET; k++)
            if (!strcasecmp(rm_table_text(tb, r, (size_t)cm), rm_market_name(k)))
                m = k;
        if (m < 0) {
            st = rm_error_input(err, path, tb->line[r], "market",
                                "unknown market '%s' (world, japan, us)",
                                rm_table_text(tb, r, (size_t)cm));
            break;
        }
        double d, lo, hi, cs;
        if ((st = rm_table_number(tb, r, cd, 0, &d, err)) != RM_OK ||
            (st = rm_table_number(tb, r, cl, 1, &lo, err)) != RM_OK ||
            (st = rm_table_number(tb, r, ch, 1, &hi, err)) != RM_OK ||
            (st = rm_table_number(tb, r, cc, 0, &cs, err)) != RM_OK)
            break;
        if (d < 0) {
            st = rm_error_input(err, path, tb->line[r], "demand_t_reo", "negative demand");
            break;
        }
        if (!(cs >= 0 && cs <= 1)) {
            st = rm_error_input(err, path, tb->line[r], "china_share",
                                "%g is outside [0, 1]", cs);
            break;
        }
        t->demand_t[m][e] = d;
        t->demand_low_t[m][e] = lo;
        t->demand_high_t[m][e] = hi;
        t->china_share[m][e] = cs;
    }
done:
    rm_table_free(tb);
    return st;
}

/* Reads controls.csv at path into t: each element's export-control list (none,
 * april2025, october2025), effective date and suspended-until date (kept as text). */
static rm_status load_controls(rm_supply_tables *t, const char *path, rm_error *err)
{
    rm_table *tb;
    rm_status st = rm_table_read_csv(path, &tb, err);
    if (st != RM_OK)
        return st;
    long ce, cl, cf, cu;
    if ((st = rm_table_need(tb, "element", &ce, err)) != RM_OK ||
        (st = rm_table_need(tb, "list", &cl, err)) != RM_OK ||
        (st = rm_table_need(tb, "effective", &cf, err)) != RM_OK ||
        (st = rm_table_need(tb, "suspended_until", &cu, err)) != RM_OK)
        goto done;
    for (size_t r = 0; r < tb->n_rows; r++) {
        int e = rm_element_index(rm_table_text(tb, r, (size_t)ce));
        if (e < 0) {
            st = rm_error_input(err, path, tb->line[r], "element", "unknown element '%s'",
                                rm_table_text(tb, r, (size_t)ce));
            break;
        }
        const char *l = rm_table_text(tb, r, (size_t)cl);
        if (!strcasecmp(l, "none"))
            t->control[e] = RM_CONTROL_NONE;
        else if (!strcasecmp(l, "april2025"))
            t->control[e] = RM_CONTROL_APRIL2025;
        else if (!strcasecmp(l, "october2025"))
            t->control[e] = RM_CONTROL_OCTOBER2025;
        else {
            st = rm_error_input(err, path, tb->line[r], "list",
                                "unknown list '%s' (none, april2025, october2025)", l);
            break;
        }
        snprintf(t->control_date[e], sizeof t->control_date[e], "%s",
                 rm_table_text(tb, r, (size_t)cf));
        snprintf(t->suspended_until[e], sizeof t->suspended_until[e], "%s",
                 rm_table_text(tb, r, (size_t)cu));
    }
done:
    rm_table_free(tb);
    return st;
}

/* Reads production.csv at path and adds each country's 2024 mine production (t REO) to
 * t's world total, and China's to its own. */
static rm_status load_production(rm_supply_tables *t, const char *path, rm_error *err)
{
    rm_table *tb;
    rm_status st = rm_table_read_csv(path, &tb, err);
    if (st != RM_OK)
        return st;
    long cc, cp;
    if ((st = rm_table_need(tb, "country", &cc, err)) != RM_OK ||
        (st = rm_table_need(tb, "mine_production_2024_t_reo", &cp, err)) != RM_OK)
        goto done;
    for (size_t r = 0; r < tb->n_rows; r++) {
        double p;
        if ((st = rm_table_number(tb, r, cp, 0, &p, err)) != RM_OK)
            break;
        t->world_production_t += p;
        if (!strcasecmp(rm_table_text(tb, r, (size_t)cc), "China"))
            t->china_production_t += p;
    }
done:
    rm_table_free(tb);
    return st;
}

rm_status rm_supply_tables_load(rm_supply_tables *t, const char *dir, rm_error *err)
{
    memset(t, 0, sizeof *t);
    for (int m = 0; m < RM_NMARKET; m++)
        for (int e = 0; e < RM_NELEM; e++)
            t->demand_t[m][e] = t->demand_low_t[m][e] = t->demand_high_t[m][e] =
                t->china_share[m][e] = NAN;
    char path[4096];
    rm_status st;
    if ((st = rm_path_join(path, sizeof path, dir, "demand.csv", err)) != RM_OK ||
        (st = load_demand(t, path, err)) != RM_OK)
        return st;
    if ((st = rm_path_join(path, sizeof path, dir, "controls.csv", err)) != RM_OK ||
        (st = load_controls(t, path, err)) != RM_OK)
        return st;
    if ((st = rm_path_join(path, sizeof path, dir, "production.csv", err)) != RM_OK ||
        (st = load_production(t, path, err)) != RM_OK)
        return st;
    return RM_OK;
}

int rm_supply_controlled(const rm_supply_tables *t, const rm_supply_scenario *s, int e)
{
    return (t->control[e] == RM_CONTROL_APRIL2025 && s->april_list) ||
           (t->control[e] == RM_CONTROL_OCTOBER2025 && s->october_list);
}

rm_status rm_supply_coverage(const rm_supply_tables *t, const rm_supply_scenario *s,
                             const double oxide_t_per_year[RM_NREY], rm_coverage *out,
                             rm_error *err)
{
    if (!(s->disruption >= 0 && s->disruption <= 1))
        return rm_error_set(err, RM_EINVAL, "supply: scenario '%s': disruption must be in [0, 1]",
                            s->name);
    for (int m = 0; m < RM_NMARKET; m++) {
        for (int e = 0; e < RM_NREY; e++) {
            double d = t->demand_t[m][e];
            double x = rm_supply_controlled(t, s, e) ? d * t->china_share[m][e] * s->disruption
                                                     : 0.0;
            out->demand_t[m][e] = d;
            out->exposed_t[m][e] = x;
            out->coverage_demand[m][e] = d > 0 ? oxide_t_per_year[e] / d : NAN;
            out->coverage_exposed[m][e] = x > 0 ? oxide_t_per_year[e] / x : NAN;
        }
    }
    return RM_OK;
}

void rm_supply_years(const double oxide_t[RM_NREY], const double demand_t[RM_NREY],
                     double years[RM_NREY])
{
    for (int e = 0; e < RM_NREY; e++)
        years[e] = demand_t[e] > 0 ? oxide_t[e] / demand_t[e] : NAN;
}

void rm_takaya_years(double reo_total_t, const double share[RM_NREY],
                     const double demand_t[RM_NREY], double years[RM_NREY])
{
    for (int e = 0; e < RM_NREY; e++)
        years[e] = demand_t[e] > 0 ? reo_total_t * share[e] / demand_t[e] : NAN;
}

void rm_takaya_backout_demand(double reo_total_t, const double share[RM_NREY],
                              const double years[RM_NREY], double demand_t[RM_NREY])
{
    for (int e = 0; e < RM_NREY; e++)
        demand_t[e] = years[e] > 0 ? reo_total_t * share[e] / years[e] : NAN;
}

void rm_oxide_shares(const double grade_ppm[RM_NREY], double share[RM_NREY])
{
    double total = 0;
    for (int e = 0; e < RM_NREY; e++)
        total += grade_ppm[e] * rm_element(e)->oxide_factor;
    for (int e = 0; e < RM_NREY; e++)
        share[e] = total > 0 ? grade_ppm[e] * rm_element(e)->oxide_factor / total : 0;
}
