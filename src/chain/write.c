/* write.c — the chain's tables (CSV) and chain_summary.json, each written
 * under a temporary name and renamed into place.  No science here: values
 * come from an rm_chain_result. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "reemud/chain.h"

const char *const rm_chain_outputs[] = {
    "mine_plan.csv", "processing.csv", "oxide_output.csv", "supply.csv",
    "years_of_supply.csv", "economics.csv", "cashflow.csv", "tornado.csv",
    "npv_draws.csv", "chain_summary.json", NULL};

/* Opens dir/name for atomic writing into af (rm_afile_open); the caller commits or
 * aborts. */
static rm_status open_out(rm_afile *af, const char *dir, const char *name, rm_error *err)
{
    char path[4096];
    rm_status st = rm_path_join(path, sizeof path, dir, name, err);
    return st == RM_OK ? rm_afile_open(af, path, err) : st;
}

/* Writes mine_plan.csv: per rate and year, dry tonnes, grades (ppm), water depth,
 * overburden, area and mine life. */
static rm_status write_mine_plan(const rm_chain_result *r, const char *dir, rm_error *err)
{
    rm_afile af;
    rm_status st = open_out(&af, dir, "mine_plan.csv", err);
    if (st != RM_OK)
        return st;
    FILE *fp = af.fp;
    fprintf(fp, "rate_dry_t_per_day,year,dry_t,sum_rey_ppm");
    for (int e = 0; e < RM_NREY; e++)
        fprintf(fp, ",%s_ppm", rm_element(e)->symbol);
    fprintf(fp, ",water_depth_m,overburden_dry_t,area_m2,mine_life_years\n");
    for (size_t k = 0; k < r->n_rates; k++) {
        const rm_mine_schedule *s = r->rates[k].schedule;
        for (size_t y = 0; y < s->n_years; y++) {
            const rm_mine_year *yr = &s->years[y];
            fprintf(fp, "%g,%d,%.10g,%.10g", s->rate_dry_t_per_day, yr->year, yr->dry_t,
                    yr->sum_rey_ppm);
            for (int e = 0; e < RM_NREY; e++)
                fprintf(fp, ",%.10g", yr->grade_ppm[e]);
            rm_csv_num(fp, yr->water_depth_m, 1);
            fprintf(fp, ",%.10g,%.10g,%.10g\n", yr->overburden_dry_t, yr->area_m2,
                    s->mine_life_years);
        }
    }
    return rm_afile_commit(&af, err);
}

/* Writes processing.csv: per rate, year and element, the losses at each processing step,
 * product and oxide tonnes, overall recovery and the bulk tonnages. */
static rm_status write_processing(const rm_chain_result *r, const char *dir, rm_error *err)
{
    rm_afile af;
    rm_status st = open_out(&af, dir, "processing.csv", err);
    if (st != RM_OK)
        return st;
    FILE *fp = af.fp;
    fprintf(fp, "rate_dry_t_per_day,year,element,feed_t,loss_dewater_t,loss_size_t,"
                "loss_leach_t,loss_separation_t,product_t,oxide_t,overall_recovery,"
                "feed_dry_t,concentrate_dry_t,shipped_wet_t,water_removed_t\n");
    for (size_t k = 0; k < r->n_rates; k++) {
        const rm_chain_rate *cr = &r->rates[k];
        for (size_t y = 0; y < cr->schedule->n_years; y++) {
            const rm_process_balance *b = &cr->balance[y];
            for (int e = 0; e < RM_NREY; e++)
                fprintf(fp, "%g,%zu,%s,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,"
                            "%.10g,%.10g,%.10g\n",
                        cr->rate_dry_t_per_day, y + 1, rm_element(e)->symbol, b->feed_t[e],
                        b->loss_dewater_t[e], b->loss_size_t[e], b->loss_leach_t[e],
                        b->loss_separation_t[e], b->product_t[e], b->oxide_t[e],
                        b->overall_recovery[e], b->feed_dry_t, b->concentrate_dry_t,
                        b->shipped_wet_t, b->water_removed_t);
        }
    }
    return rm_afile_commit(&af, err);
}

/* Writes oxide_output.csv: oxide tonnes per year per rate and element. */
static rm_status write_oxides(const rm_chain_result *r, const char *dir, rm_error *err)
{
    rm_afile af;
    rm_status st = open_out(&af, dir, "oxide_output.csv", err);
    if (st != RM_OK)
        return st;
    fprintf(af.fp, "rate_dry_t_per_day,element,oxide,oxide_t_per_year\n");
    for (size_t k = 0; k < r->n_rates; k++)
        for (int e = 0; e < RM_NREY; e++)
            fprintf(af.fp, "%g,%s,%s,%.10g\n", r->rates[k].rate_dry_t_per_day,
                    rm_element(e)->symbol, rm_element(e)->oxide,
                    r->rates[k].oxide_t_per_year[e]);
    return rm_afile_commit(&af, err);
}

/* Writes supply.csv: per rate, scenario, market and element, output against demand and
 * export-exposed supply (empty cells where not defined). */
static rm_status write_supply(const rm_chain_result *r, const rm_chain_config *cfg,
                              const char *dir, rm_error *err)
{
    rm_afile af;
    rm_status st = open_out(&af, dir, "supply.csv", err);
    if (st != RM_OK)
        return st;
    FILE *fp = af.fp;
    fprintf(fp, "rate_dry_t_per_day,scenario,market,element,controlled,oxide_t_per_year,"
                "demand_t,exposed_t,coverage_demand,coverage_exposed\n");
    for (size_t k = 0; k < r->n_rates; k++)
        for (size_t s = 0; s < cfg->n_scenarios; s++)
            for (int m = 0; m < RM_NMARKET; m++)
                for (int e = 0; e < RM_NREY; e++) {
                    const rm_coverage *c = &r->rates[k].coverage[s];
                    fprintf(fp, "%g,%s,%s,%s,%d,%.10g,", r->rates[k].rate_dry_t_per_day,
                            cfg->scenarios[s].name, rm_market_name(m), rm_element(e)->symbol,
                            rm_supply_controlled(&cfg->tables, &cfg->scenarios[s], e),
                            r->rates[k].oxide_t_per_year[e]);
                    rm_csv_num(fp, c->demand_t[m][e], 0);
                    rm_csv_num(fp, c->exposed_t[m][e], 1);
                    rm_csv_num(fp, c->coverage_demand[m][e], 1);
                    rm_csv_num(fp, c->coverage_exposed[m][e], 1);
                    fputc('\n', fp);
                }
    return rm_afile_commit(&af, err);
}

/* Writes years_of_supply.csv: per element, resource and reserve oxide tonnes over world
 * demand, beside Takaya et al. (2018)'s published years (Y, Eu, Tb, Dy) and the demand
 * they imply. */
static rm_status write_years(const rm_chain_result *r, const rm_chain_config *cfg,
                             const char *dir, rm_error *err)
{
    rm_afile af;
    rm_status st = open_out(&af, dir, "years_of_supply.csv", err);
    if (st != RM_OK)
        return st;
    FILE *fp = af.fp;
    fprintf(fp, "element,resource_oxide_t,reserve_oxide_t,world_demand_t,years_resource,"
                "years_reserve,takaya2018_years_published,takaya2018_demand_backed_out_t,"
                "years_resource_on_takaya_demand\n");
    for (int e = 0; e < RM_NREY; e++) {
        double pub = e == RM_Y ? 780 : e == RM_EU ? 620 : e == RM_TB ? 420 : e == RM_DY ? 730 : NAN;
        fprintf(fp, "%s,%.10g,%.10g,", rm_element(e)->symbol, r->resource_oxide_t[e],
                r->reserve_oxide_t[e]);
        rm_csv_num(fp, cfg->tables.demand_t[RM_MARKET_WORLD][e], 0);
        rm_csv_num(fp, r->years_resource[e], 1);
        rm_csv_num(fp, r->years_reserve[e], 1);
        rm_csv_num(fp, pub, 1);
        rm_csv_num(fp, r->takaya_demand_t[e], 1);
        rm_csv_num(fp, r->takaya_years_resource[e], 1);
        fputc('\n', fp);
    }
    return rm_afile_commit(&af, err);
}

/* One economics.csv row of rate cr on a price basis; with_mc adds the break-even price
 * factor and the Monte Carlo NPV quantiles (empty cells otherwise). */
static void econ_row(FILE *fp, const rm_chain_rate *cr, const char *basis, const rm_econ_result *e,
                     int with_mc)
{
    fprintf(fp, "%g,%s,%.10g,%g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,%.10g,",
            cr->rate_dry_t_per_day, basis, e->capex_usd, e->vessels, e->revenue_usd_per_year,
            e->opex_usd_per_year, e->opex_vessel_usd_per_year, e->opex_energy_usd_per_year,
            e->opex_transport_usd_per_year, e->opex_processing_usd_per_year,
            e->opex_separation_usd_per_year, e->opex_fixed_usd_per_year, e->reo_t_per_year,
            e->npv_usd);
    rm_csv_num(fp, e->irr, 0);
    rm_csv_num(fp, e->unit_cost_usd_per_kg_reo, 1);
    fputc(',', fp);
    if (with_mc) {
        rm_csv_num(fp, cr->breakeven_price_factor, 0);
        fprintf(fp, ",%.10g,%.10g,%.10g,%.6g\n", cr->npv_p10_usd, cr->npv_p50_usd,
                cr->npv_p90_usd, cr->prob_npv_positive);
    } else {
        fputs(",,,,\n", fp);
    }
}

/* Writes economics.csv (both price bases per rate), cashflow.csv (per rate and year) and
 * tornado.csv (NPV swing per uncertain parameter). */
static rm_status write_economics(const rm_chain_result *r, const char *dir, rm_error *err)
{
    rm_afile af;
    rm_status st = open_out(&af, dir, "economics.csv", err);
    if (st != RM_OK)
        return st;
    fprintf(af.fp, "rate_dry_t_per_day,prices,capex_usd,vessels,revenue_usd_per_year,"
                   "opex_usd_per_year,opex_vessel,opex_energy,opex_transport,opex_processing,"
                   "opex_separation,opex_fixed,reo_t_per_year,npv_usd,irr,"
                   "unit_cost_usd_per_kg_reo,breakeven_price_factor,npv_p10_usd,npv_p50_usd,"
                   "npv_p90_usd,prob_npv_positive\n");
    for (size_t k = 0; k < r->n_rates; k++) {
        econ_row(af.fp, &r->rates[k], "china_fob", &r->rates[k].econ, 1);
        econ_row(af.fp, &r->rates[k], "ex_china", &r->rates[k].econ_ex_china, 0);
    }
    if ((st = rm_afile_commit(&af, err)) != RM_OK)
        return st;

    if ((st = open_out(&af, dir, "cashflow.csv", err)) != RM_OK)
        return st;
    fprintf(af.fp, "rate_dry_t_per_day,year,cash_flow_usd\n");
    for (size_t k = 0; k < r->n_rates; k++)
        for (size_t t = 0; t < r->rates[k].econ.n; t++)
            fprintf(af.fp, "%g,%zu,%.10g\n", r->rates[k].rate_dry_t_per_day, t,
                    r->rates[k].econ.cash_flow_usd[t]);
    if ((st = rm_afile_commit(&af, err)) != RM_OK)
        return st;

    if ((st = open_out(&af, dir, "tornado.csv", err)) != RM_OK)
        return st;
    fprintf(af.fp, "rate_dry_t_per_day,parameter,low_value,high_value,npv_low_usd,"
                   "npv_high_usd,swing_usd\n");
    for (size_t k = 0; k < r->n_rates; k++)
        for (int u = 0; u < RM_NUNC; u++) {
            const rm_chain_tornado *t = &r->rates[k].tornado[u];
            fprintf(af.fp, "%g,%s,%.10g,%.10g,%.10g,%.10g,%.10g\n",
                    r->rates[k].rate_dry_t_per_day, rm_chain_uncertain_name(t->parameter),
                    t->low_value, t->high_value, t->npv_low_usd, t->npv_high_usd,
                    fabs(t->npv_high_usd - t->npv_low_usd));
        }
    return rm_afile_commit(&af, err);
}

/* Writes npv_draws.csv: one row per Monte Carlo draw, one NPV (USD) column per rate. */
static rm_status write_draws(const rm_chain_result *r, const rm_chain_config *cfg,
                             const char *dir, rm_error *err)
{
    rm_afile af;
    rm_status st = open_out(&af, dir, "npv_draws.csv", err);
    if (st != RM_OK)
        return st;
    fprintf(af.fp, "draw");
    for (size_t k = 0; k < r->n_rates; k++)
        fprintf(af.fp, ",npv_usd_at_%g", r->rates[k].rate_dry_t_per_day);
    fputc('\n', af.fp);
    for (long d = 0; d < cfg->draws; d++) {
        fprintf(af.fp, "%ld", d);
        for (size_t k = 0; k < r->n_rates; k++) {
            rm_csv_num(af.fp, r->rates[k].npv_draws_usd ? r->rates[k].npv_draws_usd[d] : NAN, 1);
        }
        fputc('\n', af.fp);
    }
    return rm_afile_commit(&af, err);
}

/* A JSON number, or null when v is not finite; NULL when out of memory. */
static cJSON *jnum(double v)
{
    return isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

/* A new JSON object of v keyed by REY element symbol (null for non-finite values). */
static cJSON *per_element(const double v[RM_NREY])
{
    cJSON *o = cJSON_CreateObject();
    for (int e = 0; e < RM_NREY; e++)
        cJSON_AddItemToObject(o, rm_element(e)->symbol, jnum(v[e]));
    return o;
}

int rm_chain_nothing_minable(const rm_chain_result *r, const rm_chain_config *cfg, char *buf,
                             size_t size)
{
    if (size)
        buf[0] = '\0';
    if (!r->plan || r->plan->n_columns > 0)
        return 0;
    const rm_mineplan *p = r->plan;
    snprintf(buf, size,
             "nothing is minable at cut-off %g ppm SREY: of %zu columns, %zu are below the "
             "cut-off, %zu under more than %g m of cover, %zu excluded and %zu without "
             "estimated blocks; nothing is lifted, processed or sold",
             cfg->mine.cutoff_sum_rey_ppm, p->n_columns_total, p->n_below_cutoff, p->n_too_deep,
             cfg->mine.max_overburden_m, p->n_excluded, p->n_no_data);
    return 1;
}

/* Writes chain_summary.json: break-even rates, resource and reserve, years of world
 * demand, per rate the output, coverage, costs, NPV quantiles and a verdict sentence,
 * and the verdicts listed together. */
static rm_status write_summary(const rm_chain_result *r, const rm_chain_config *cfg,
                               const char *dir, rm_error *err)
{
    cJSON *root = cJSON_CreateObject();
    char why[512];
    int nothing = rm_chain_nothing_minable(r, cfg, why, sizeof why);
    cJSON_AddBoolToObject(root, "minable", !nothing);
    if (nothing)
        cJSON_AddStringToObject(root, "nothing_minable", why);
    cJSON_AddItemToObject(root, "mass_balance_max_rel_error", jnum(r->mass_balance_max_rel_error));
    cJSON_AddItemToObject(root, "breakeven_rate_dry_t_per_day", jnum(r->breakeven_rate_dry_t_per_day));
    cJSON_AddItemToObject(root, "breakeven_rate_ex_china_dry_t_per_day",
                          jnum(r->breakeven_rate_ex_china_dry_t_per_day));
    cJSON_AddItemToObject(root, "breakeven_rate_search_dry_t_per_day",
                          cJSON_CreateDoubleArray((double[]){cfg->breakeven_rate_min,
                                                             cfg->breakeven_rate_max}, 2));
    cJSON_AddItemToObject(root, "resource_reo_t", jnum(r->resource_reo_t));
    cJSON_AddItemToObject(root, "reserve_reo_t", jnum(r->reserve_reo_t));
    cJSON_AddItemToObject(root, "reserve_dry_t", jnum(r->plan->reserve_dry_t));
    cJSON_AddItemToObject(root, "minable_columns", cJSON_CreateNumber((double)r->plan->n_columns));
    cJSON_AddItemToObject(root, "realizations", cJSON_CreateNumber((double)r->n_realizations));
    cJSON_AddItemToObject(root, "monte_carlo_draws", cJSON_CreateNumber((double)cfg->draws));
    cJSON_AddItemToObject(root, "seed", cJSON_CreateNumber((double)cfg->seed));
    cJSON_AddItemToObject(root, "years_of_world_demand_resource", per_element(r->years_resource));
    cJSON_AddItemToObject(root, "years_of_world_demand_reserve", per_element(r->years_reserve));
    cJSON *sc = cJSON_AddArrayToObject(root, "scenarios");
    cJSON *notes = cJSON_CreateArray();
    for (size_t k = 0; k < r->n_rates; k++) {
        const rm_chain_rate *cr = &r->rates[k];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "rate_dry_t_per_day", cr->rate_dry_t_per_day);
        cJSON_AddItemToObject(o, "oxide_t_per_year", per_element(cr->oxide_t_per_year));
        cJSON_AddItemToObject(o, "reo_t_per_year", jnum(cr->reo_t_per_year));
        cJSON_AddItemToObject(o, "mine_life_years", jnum(cr->schedule->mine_life_years));
        cJSON *cov = cJSON_AddObjectToObject(o, "coverage");
        for (int m = 0; m < RM_NMARKET; m++)
            cJSON_AddItemToObject(cov, rm_market_name(m),
                                  per_element(cr->coverage[0].coverage_demand[m]));
        cJSON *cx = cJSON_AddObjectToObject(o, "coverage_of_exposed_supply");
        for (size_t s = 0; s < cfg->n_scenarios; s++) {
            cJSON *so = cJSON_AddObjectToObject(cx, cfg->scenarios[s].name);
            for (int m = 0; m < RM_NMARKET; m++)
                cJSON_AddItemToObject(so, rm_market_name(m),
                                      per_element(cr->coverage[s].coverage_exposed[m]));
        }
        cJSON_AddItemToObject(o, "lift_energy_kwh_per_dry_t", jnum(cr->lift_energy_kwh_per_dry_t));
        cJSON_AddBoolToObject(o, "lift_energy_from_engine", cr->lift_energy_from_engine);
        cJSON_AddItemToObject(o, "unit_cost_usd_per_kg_reo", jnum(cr->econ.unit_cost_usd_per_kg_reo));
        cJSON_AddItemToObject(o, "capex_usd", jnum(cr->econ.capex_usd));
        cJSON_AddItemToObject(o, "revenue_usd_per_year", jnum(cr->econ.revenue_usd_per_year));
        cJSON_AddItemToObject(o, "opex_usd_per_year", jnum(cr->econ.opex_usd_per_year));
        cJSON *npv = cJSON_AddObjectToObject(o, "npv_usd");
        cJSON_AddItemToObject(npv, "p10", jnum(cr->npv_p10_usd));
        cJSON_AddItemToObject(npv, "p50", jnum(cr->npv_p50_usd));
        cJSON_AddItemToObject(npv, "p90", jnum(cr->npv_p90_usd));
        cJSON_AddItemToObject(npv, "base", jnum(cr->econ.npv_usd));
        cJSON_AddItemToObject(npv, "base_ex_china_prices", jnum(cr->econ_ex_china.npv_usd));
        cJSON_AddItemToObject(o, "prob_npv_positive", jnum(cr->prob_npv_positive));
        cJSON_AddItemToObject(o, "irr", jnum(cr->econ.irr));
        cJSON_AddItemToObject(o, "breakeven_price_factor", jnum(cr->breakeven_price_factor));
        int pays = cr->npv_p50_usd > 0;
        cJSON_AddBoolToObject(o, "pays", pays);
        char note[512];
        if (pays)
            snprintf(note, sizeof note, "At %g t/day the project pays: NPV P50 %.3g USD "
                                        "(P10 %.3g, P90 %.3g).",
                     cr->rate_dry_t_per_day, cr->npv_p50_usd, cr->npv_p10_usd, cr->npv_p90_usd);
        else if (isfinite(cr->breakeven_price_factor))
            snprintf(note, sizeof note, "At %g t/day the project does NOT pay: NPV P50 %.3g USD "
                                        "(P10 %.3g, P90 %.3g); prices would have to be %.3gx "
                                        "the base case to break even.",
                     cr->rate_dry_t_per_day, cr->npv_p50_usd, cr->npv_p10_usd, cr->npv_p90_usd,
                     cr->breakeven_price_factor);
        else
            snprintf(note, sizeof note, "At %g t/day the project does NOT pay: NPV P50 %.3g USD "
                                        "(P10 %.3g, P90 %.3g); no price breaks even%s.",
                     cr->rate_dry_t_per_day, cr->npv_p50_usd, cr->npv_p10_usd, cr->npv_p90_usd,
                     nothing ? ": nothing is mined" : "");
        cJSON_AddStringToObject(o, "verdict", note);
        cJSON_AddItemToArray(notes, cJSON_CreateString(note));
        cJSON_AddItemToArray(sc, o);
    }
    char note[256];
    if (isfinite(r->breakeven_rate_dry_t_per_day))
        snprintf(note, sizeof note, "Break-even daily rate (base prices): %.0f dry t/day.",
                 r->breakeven_rate_dry_t_per_day);
    else
        snprintf(note, sizeof note, "The project does not pay at any rate between %g and %g dry "
                                    "t/day at base prices.",
                 cfg->breakeven_rate_min, cfg->breakeven_rate_max);
    cJSON_AddItemToArray(notes, cJSON_CreateString(note));
    if (nothing) {
        snprintf(note, sizeof note, "%c%s.", 'N', why + 1);
        cJSON_AddItemToArray(notes, cJSON_CreateString(note));
        /* the sentence as the console says it, lower case */
        cJSON_AddItemToArray(notes, cJSON_CreateString(why));
    }
    cJSON_AddItemToObject(root, "verdicts", notes);

    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return rm_error_set(err, RM_ENOMEM, "chain: out of memory writing JSON");
    rm_afile af;
    rm_status st = open_out(&af, dir, "chain_summary.json", err);
    if (st == RM_OK) {
        fputs(text, af.fp);
        fputc('\n', af.fp);
        st = rm_afile_commit(&af, err);
    }
    free(text);
    return st;
}

rm_status rm_chain_write(const rm_chain_result *r, const rm_chain_config *cfg, const char *dir,
                         rm_error *err)
{
    rm_status st;
    if ((st = write_mine_plan(r, dir, err)) != RM_OK ||
        (st = write_processing(r, dir, err)) != RM_OK ||
        (st = write_oxides(r, dir, err)) != RM_OK ||
        (st = write_supply(r, cfg, dir, err)) != RM_OK ||
        (st = write_years(r, cfg, dir, err)) != RM_OK ||
        (st = write_economics(r, dir, err)) != RM_OK ||
        (st = write_draws(r, cfg, dir, err)) != RM_OK ||
        (st = write_summary(r, cfg, dir, err)) != RM_OK)
        return st;
    return RM_OK;
}
