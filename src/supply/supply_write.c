/* supply_write.c — supply_balance.csv, supply_sources.csv, supply_montecarlo.csv and
 * supply_summary.json, each written under a temporary name and renamed into place,
 * and the supply run's parameters in run.json.  No science here: values come from an
 * rm_supply_result. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "reemud/supply.h"

const char *const rm_supply_outputs[] = {
    "supply_balance.csv", "supply_sources.csv", "supply_montecarlo.csv", "supply_summary.json",
    "supply_economics.csv",
    "supply_unmet.svg", "supply_sankey.svg", "supply_bottlenecks.html", NULL};

/* A shortfall worth naming: more than 1e-6 of demand and 1 kg. */
static int is_short(const rm_supply_row *r)
{
    return r->unmet_t > 1e-3 && r->unmet_t > 1e-6 * r->demand_t;
}

static rm_status open_out(rm_afile *af, const char *dir, const char *name, rm_error *err)
{
    char path[4096];
    rm_status st = rm_path_join(path, sizeof path, dir, name, err);
    return st == RM_OK ? rm_afile_open(af, path, err) : st;
}

static rm_status write_balance(const rm_supply_result *r, const rm_snetwork *net,
                               const rm_supply_run_config *cfg, const char *dir, rm_error *err)
{
    rm_afile af;
    rm_status st = open_out(&af, dir, "supply_balance.csv", err);
    if (st)
        return st;
    FILE *fp = af.fp;
    fprintf(fp, "scenario,case,year,element,market,demand_t,supplied_t,unmet_t,china_t,"
                "china_share,hhi,import_reliance,stockpile_draw_t,stockpile_days,"
                "binding_stage,lace_per_dytb_ex_china\n");
    for (size_t k = 0; k < r->n_rows; k++) {
        const rm_supply_row *w = &r->rows[k];
        char cname[64];
        rm_supply_case_name(cfg, (size_t)w->cas, cname, sizeof cname);
        fprintf(fp, "%s,%s,%d,%s,%s,%.10g,%.10g,%.10g,%.10g,%.6f,%.1f,%.6f,%.10g,%.4f,%s,",
                net->scenario[cfg->scenario[w->scenario]].name, cname, w->year,
                rm_element(w->element)->symbol, rm_smarket_name(w->market), w->demand_t,
                w->supplied_t, w->unmet_t, w->china_t, w->china_share, w->hhi,
                w->import_reliance, w->draw_t, w->stockpile_days,
                is_short(w) ? rm_bind_name(w->binding) : "");
        double l = r->lace_per_dytb[((size_t)w->scenario * r->n_cases + (size_t)w->cas) *
                                        (size_t)r->n_years +
                                    (size_t)(w->year - cfg->year_from)];
        if (isfinite(l))
            fprintf(fp, "%.6g", l);
        fputc('\n', fp);
    }
    return rm_afile_commit(&af, err);
}

static rm_status write_sources(const rm_supply_result *r, const rm_snetwork *net,
                               const rm_supply_run_config *cfg, const char *dir, rm_error *err)
{
    rm_afile af;
    rm_status st = open_out(&af, dir, "supply_sources.csv", err);
    if (st)
        return st;
    fprintf(af.fp, "scenario,case,year,element,market,country,supplied_t\n");
    for (size_t k = 0; k < r->n_rows; k++) {
        const rm_supply_row *w = &r->rows[k];
        char cname[64];
        rm_supply_case_name(cfg, (size_t)w->cas, cname, sizeof cname);
        for (size_t c = 0; c < net->n_country; c++)
            if (w->country_t[c] > 0)
                fprintf(af.fp, "%s,%s,%d,%s,%s,%s,%.10g\n",
                        net->scenario[cfg->scenario[w->scenario]].name, cname, w->year,
                        rm_element(w->element)->symbol, rm_smarket_name(w->market),
                        net->country[c], w->country_t[c]);
    }
    return rm_afile_commit(&af, err);
}

static rm_status write_mc(const rm_supply_result *r, const rm_snetwork *net,
                          const rm_supply_run_config *cfg, const char *dir, rm_error *err)
{
    rm_afile af;
    rm_status st = open_out(&af, dir, "supply_montecarlo.csv", err);
    if (st)
        return st;
    fprintf(af.fp, "scenario,case,year,element,market,draws,unmet_p10_t,unmet_p50_t,"
                   "unmet_p90_t\n");
    for (size_t k = 0; k < r->n_mc; k++) {
        const rm_supply_mc_row *w = &r->mc[k];
        char cname[64];
        rm_supply_case_name(cfg, (size_t)w->cas, cname, sizeof cname);
        fprintf(af.fp, "%s,%s,%d,%s,%s,%ld,%.10g,%.10g,%.10g\n",
                net->scenario[cfg->scenario[w->scenario]].name, cname, w->year,
                rm_element(w->element)->symbol, rm_smarket_name(w->market), cfg->draws, w->p10_t,
                w->p50_t, w->p90_t);
    }
    return rm_afile_commit(&af, err);
}

void rm_supply_first_shortfall(const rm_supply_result *r, size_t s, size_t c, int market,
                               rm_supply_shortfall *out)
{
    memset(out, 0, sizeof *out);
    out->element = -1;
    out->binding = RM_BIND_NONE;
    for (int yo = 0; yo < r->n_years; yo++)
        for (int e = 0; e < RM_NREY; e++) {
            const rm_supply_row *w = &r->rows[rm_supply_row_index(r, s, c, yo, e, market)];
            out->unmet_total_t += w->unmet_t;
            if (out->year && out->year != w->year)
                continue;
            if (is_short(w) && w->unmet_t / w->demand_t > out->unmet_share) {
                out->year = w->year;
                out->element = e;
                out->unmet_t = w->unmet_t;
                out->unmet_share = w->unmet_t / w->demand_t;
                out->binding = w->binding;
            }
        }
}

static rm_status write_summary(const rm_supply_result *r, const rm_snetwork *net,
                               const rm_supply_run_config *cfg, const char *dir, rm_error *err)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "baseline_year", cfg->baseline_year);
    cJSON *cs = cJSON_AddObjectToObject(root, "china_share");
    cJSON_AddNumberToObject(cs, "mining", r->china_stage_share[0]);
    cJSON_AddNumberToObject(cs, "separation", r->china_stage_share[1]);
    cJSON_AddNumberToObject(cs, "magnets", r->china_stage_share[2]);
    cJSON_AddStringToObject(root, "china_share_basis",
                            "share of the baseline year's capacity (mining t REO, separation "
                            "t REO, NdFeB t magnet) in data/supply_facilities.csv");
    cJSON_AddNumberToObject(root, "year_from", cfg->year_from);
    cJSON_AddNumberToObject(root, "year_to", cfg->year_to);
    cJSON_AddNumberToObject(root, "minamitorishima_start", cfg->mts_start_year);
    cJSON_AddNumberToObject(root, "linear_programmes", (double)r->lp_solved);
    cJSON_AddNumberToObject(root, "draws", (double)cfg->draws);
    cJSON *scs = cJSON_AddObjectToObject(root, "scenarios");
    const int mk[2] = {RM_SM_JAPAN, RM_SM_US};
    for (size_t s = 0; s < cfg->n_scenarios; s++) {
        cJSON *so = cJSON_AddObjectToObject(scs, net->scenario[cfg->scenario[s]].name);
        for (size_t c = 0; c < r->n_cases; c++) {
            char cname[64];
            rm_supply_case_name(cfg, c, cname, sizeof cname);
            cJSON *co = cJSON_AddObjectToObject(so, cname);
            for (int q = 0; q < 2; q++) {
                cJSON *mo = cJSON_AddObjectToObject(co, rm_smarket_name(mk[q]));
                rm_supply_shortfall f;
                rm_supply_first_shortfall(r, s, c, mk[q], &f);
                if (f.year) {
                    cJSON_AddNumberToObject(mo, "first_shortfall_year", f.year);
                    cJSON_AddStringToObject(mo, "first_shortfall_element",
                                            rm_element(f.element)->symbol);
                    cJSON_AddNumberToObject(mo, "unmet_t", f.unmet_t);
                    cJSON_AddNumberToObject(mo, "unmet_share", f.unmet_share);
                    cJSON_AddStringToObject(mo, "binding_stage", rm_bind_name(f.binding));
                } else {
                    cJSON_AddNullToObject(mo, "first_shortfall_year");
                    cJSON_AddNullToObject(mo, "first_shortfall_element");
                }
                double total = f.unmet_total_t;
                cJSON_AddNumberToObject(mo, "unmet_total_t", total);
            }
        }
    }
    char *txt = cJSON_Print(root);
    cJSON_Delete(root);
    if (!txt)
        return rm_error_set(err, RM_ENOMEM, "supply: out of memory writing the summary");
    rm_afile af;
    rm_status st = open_out(&af, dir, "supply_summary.json", err);
    if (st == RM_OK) {
        fprintf(af.fp, "%s\n", txt);
        st = rm_afile_commit(&af, err);
    }
    free(txt);
    return st;
}

rm_status rm_supply_write(const rm_supply_result *r, const rm_snetwork *net,
                          const rm_supply_run_config *cfg, const char *dir, rm_error *err)
{
    rm_status st;
    if ((st = write_balance(r, net, cfg, dir, err)) || (st = write_sources(r, net, cfg, dir, err)) ||
        (r->n_mc && (st = write_mc(r, net, cfg, dir, err))) ||
        (st = write_summary(r, net, cfg, dir, err)))
        return st;
    return RM_OK;
}

rm_status rm_supply_write_economics(const rm_supply_econ_row *rows, size_t n,
                                    const rm_snetwork *net, const rm_supply_run_config *cfg,
                                    const char *dir, rm_error *err)
{
    rm_afile af;
    rm_status st = open_out(&af, dir, "supply_economics.csv", err);
    if (st)
        return st;
    fprintf(af.fp, "scenario,rate_dry_t_per_day,state,npv_usd,revenue_usd_per_year,"
                   "breakeven_price_factor\n");
    static const char *const state[2] = {"normal", "controls"};
    for (size_t k = 0; k < n; k++)
        for (int q = 0; q < 2; q++) {
            fprintf(af.fp, "%s,%g,%s,%.10g,%.10g,", net->scenario[cfg->scenario[rows[k].scenario]].name,
                    rows[k].rate_dry_t_per_day, state[q], rows[k].npv_usd[q],
                    rows[k].revenue_usd_per_year[q]);
            if (isfinite(rows[k].breakeven_price_factor[q]))
                fprintf(af.fp, "%.10g", rows[k].breakeven_price_factor[q]);
            fputc('\n', af.fp);
        }
    return rm_afile_commit(&af, err);
}

void rm_supply_runinfo_params(rm_runinfo *ri, const rm_supply_run_config *cfg,
                              const rm_snetwork *net, size_t lp_solved, const char *prefix)
{
    char key[96];
    snprintf(key, sizeof key, "%syear_from", prefix);
    rm_runinfo_param_num(ri, key, cfg->year_from);
    snprintf(key, sizeof key, "%syear_to", prefix);
    rm_runinfo_param_num(ri, key, cfg->year_to);
    snprintf(key, sizeof key, "%sdraws", prefix);
    rm_runinfo_param_num(ri, key, (double)cfg->draws);
    snprintf(key, sizeof key, "%sseed", prefix);
    rm_runinfo_param_num(ri, key, (double)cfg->seed);
    rm_runinfo_param_num(ri, "minamitorishima_start", cfg->mts_start_year);
    rm_runinfo_param_num(ri, "linear_programmes", (double)lp_solved);
    for (size_t k = 0; k < cfg->n_scenarios; k++) {
        snprintf(key, sizeof key, "%sscenario_%zu", prefix, k);
        rm_runinfo_param_str(ri, key, net->scenario[cfg->scenario[k]].name);
    }
}
