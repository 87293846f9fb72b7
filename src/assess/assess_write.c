/* assess_write.c — the assessment folder: each stage's own outputs in its
 * sub-folder (written by the stage's writer), then the report's figures and
 * report.html (src/report/ draws the values it is handed), summary.json and
 * run.json, every file written atomically.  Also the short
 * summary `reemud assess` prints at the end.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "assess/assess_internal.h"
#include "reemud/report.h"
#include "reemud/report_supply.h"

const char *const rm_assess_outputs[] = {"report.html", "summary.json", "run.json", NULL};

static const char *const lift_outputs[] = {"energy_vs_rate.csv", "summary_closed-loop.json",
                                           "summary_pump.json", "summary_airlift.json",
                                           "profile_closed-loop.csv", "profile_pump.csv",
                                           "profile_airlift.csv", "run.json", NULL};

/* What assess adds to estimate/ beside the estimate stage's own files: the
 * kriging neighbourhood analysis of the diagnostics stage. */
static const char *const estimate_extra_outputs[] = {"kna.csv", NULL};

/* The five elements the summary dwells on. */
static const int key_elements[] = {RM_DY, RM_TB, RM_ND, RM_Y, RM_EU};
enum { N_KEY = 5 };

/* The path dir/name into buf (size bytes); rm_path_join's error when it does not fit. */
static rm_status sub(char *buf, size_t size, const char *dir, const char *name, rm_error *err)
{
    return rm_path_join(buf, size, dir, name, err);
}

rm_status rm_assess_prepare(const char *dir, int force, rm_error *err)
{
    char path[4096];
    const char *figs[64];
    size_t nf = 0;
    char names[64][80]; /* 5 KB on the stack: the call is not recursive */
    for (size_t k = 0; rm_assess_figures[k] && nf + 2 < 64; k++) {
        snprintf(names[nf], sizeof names[nf], "%s.png", rm_assess_figures[k]);
        figs[nf] = names[nf], nf++;
        snprintf(names[nf], sizeof names[nf], "%s.svg", rm_assess_figures[k]);
        figs[nf] = names[nf], nf++;
    }
    figs[nf] = NULL;
    static const char *const run_only[] = {"run.json", NULL};
    struct {
        const char *name;
        const char *const *outputs;
    } subs[] = {{"estimate", rm_resource_outputs}, {"simulate", rm_simulate_outputs},
                {"chain", rm_chain_outputs},       {"supply", rm_supply_outputs},
                {"lift", lift_outputs},
                {"figures", figs},                {"estimate", estimate_extra_outputs}};
    /* An unfinished run's folder (rm_outdir_prepare's marker, removed when
     * run.json is written last) is overwritten, stage folders included. */
    if (rm_outdir_unfinished(dir))
        force = 1;
    rm_status st = rm_outdir_prepare(dir, force, rm_assess_outputs, err);
    if (st)
        return st;
    /* Refuse before creating anything below when a stage's files are there. */
    for (size_t k = 0; k < sizeof subs / sizeof subs[0]; k++) {
        struct stat sb;
        if ((st = sub(path, sizeof path, dir, subs[k].name, err)))
            return st;
        if (stat(path, &sb) != 0)
            continue;
        if ((st = rm_outdir_prepare(path, force, subs[k].outputs, err)) ||
            (st = rm_outdir_prepare(path, force, run_only, err)))
            return st;
    }
    for (size_t k = 0; k < sizeof subs / sizeof subs[0]; k++) {
        if ((st = sub(path, sizeof path, dir, subs[k].name, err)) ||
            (st = rm_outdir_prepare(path, 1, NULL, err)))
            return st;
    }
    return RM_OK;
}

/* ---- run.json ---- */

/* A new run record for the assess run (caller frees): the input files with SHA-256, the
 * models, seeds, rates and lift setting as parameters, and the stage timings. NULL (err
 * set) on failure. */
static rm_runinfo *make_runinfo(const rm_assess_result *r, int argc, char *const *argv,
                                rm_error *err)
{
    rm_runinfo *ri = rm_runinfo_alloc(argc, argv);
    if (!ri) {
        rm_error_set(err, RM_ENOMEM, "out of memory");
        return NULL;
    }
    const rm_resource_result *res = &r->job->res;
    if (rm_runinfo_add_input(ri, "project", r->project_path, err) ||
        rm_runinfo_add_input(ri, "collars", res->data.collars_path, err) ||
        rm_runinfo_add_input(ri, "assays", res->data.assays_path, err) ||
        (r->truth_path[0] && rm_runinfo_add_input(ri, "truth_summary", r->truth_path, err))) {
        rm_runinfo_free(ri);
        return NULL;
    }
    char model[512] = "";
    rm_runinfo_param_str(ri, "crs", res->data.project.crs);
    rm_runinfo_param_str(ri, "crs_source", res->data.project.crs_source);
    rm_runinfo_param_str(ri, "variogram_standardised", res->shared_model_text);
    rm_vgm_format(&r->diag.srey_model, model, sizeof model, NULL);
    rm_runinfo_param_str(ri, "variogram_srey", model);
    rm_vgm_format(&r->sim.model, model, sizeof model, NULL);
    rm_runinfo_param_str(ri, "normal_score_variogram", model);
    rm_runinfo_param_num(ri, "realizations", (double)r->job->params.realizations);
    rm_runinfo_param_num(ri, "simulation_seed", (double)r->job->params.seed);
    rm_runinfo_param_num(ri, "monte_carlo_draws", (double)r->chain_cfg->draws);
    rm_runinfo_param_num(ri, "economics_seed", (double)r->chain_cfg->seed);
    for (size_t k = 0; k < r->chain_cfg->n_rates; k++) {
        char key[64];
        snprintf(key, sizeof key, "rate_%zu_dry_t_per_day", k);
        rm_runinfo_param_num(ri, key, r->chain_cfg->rates_dry_t_per_day[k]);
    }
    rm_supply_runinfo_params(ri, &r->supply_cfg, &r->supply_net, r->supply.lp_solved,
                             "supply_");
    rm_runinfo_param_str(ri, "lift_system", rm_lift_systems[r->lift.default_system]->name);
    rm_runinfo_param_num(ri, "lift_depth_m", r->lift.depth_m);
    rm_runinfo_timing(ri, "check", r->t.check_s);
    rm_runinfo_timing(ri, "estimate", r->t.estimate_s);
    rm_runinfo_timing(ri, "simulate", r->t.simulate_s);
    rm_runinfo_timing(ri, "chain", r->t.chain_s);
    rm_runinfo_timing(ri, "supply", r->t.supply_s);
    rm_runinfo_timing(ri, "lift", r->t.lift_s);
    rm_runinfo_timing(ri, "diagnostics", r->t.diagnostics_s);
    if (r->t.figures_s > 0)
        rm_runinfo_timing(ri, "figures", r->t.figures_s);
    if (r->t.write_s > 0)
        rm_runinfo_timing(ri, "stage_outputs", r->t.write_s);
    rm_runinfo_timing(ri, "total", r->t.total_s);
    return ri;
}

/* ---- lift/ ---- */

/* Writes dir's lift files: summary_<system>.json and profile_<system>.csv for each
 * system solved at the design rate, and energy_vs_rate.csv (kWh per dry tonne, empty =
 * fails). */
static rm_status write_lift(const rm_assess_result *r, const char *dir, rm_error *err)
{
    const rm_assess_lift *L = &r->lift;
    char path[4096], name[96];
    rm_status st;
    for (int s = 0; s < RM_ASSESS_NSYS; s++) {
        if (L->design_status[s])
            continue;
        snprintf(name, sizeof name, "summary_%s.json", rm_lift_systems[s]->name);
        if ((st = sub(path, sizeof path, dir, name, err)) ||
            (st = rm_lift_write_summary(path, &L->params[s], &L->design[s], 0, err)))
            return st;
        snprintf(name, sizeof name, "profile_%s.csv", rm_lift_systems[s]->name);
        if ((st = sub(path, sizeof path, dir, name, err)) ||
            (st = rm_lift_write_profile(path, &L->design[s], err)))
            return st;
    }
    if ((st = sub(path, sizeof path, dir, "energy_vs_rate.csv", err)))
        return st;
    rm_afile af;
    if ((st = rm_afile_open(&af, path, err)))
        return st;
    fputs("rate_dry_t_per_day", af.fp);
    for (int s = 0; s < RM_ASSESS_NSYS; s++)
        fprintf(af.fp, ",%s_kwh_per_t", rm_lift_systems[s]->name);
    fputs(",minimum_kwh_per_t\n", af.fp);
    for (int k = 0; k < RM_ASSESS_NRATES; k++) {
        fprintf(af.fp, "%.10g", L->rates_t_per_day[k]);
        for (int s = 0; s < RM_ASSESS_NSYS; s++) {
            if (isfinite(L->kwh_per_t[s][k]))
                fprintf(af.fp, ",%.10g", L->kwh_per_t[s][k]);
            else
                fputs(",", af.fp);
        }
        fprintf(af.fp, ",%.10g\n", L->minimum_kwh_per_t);
    }
    if (ferror(af.fp)) {
        rm_afile_abort(&af);
        return rm_error_set(err, RM_EIO, "%s: write failed", path);
    }
    return rm_afile_commit(&af, err);
}

/* ---- supply/ ---- */

/* Writes dir's supply files: the balance, sources, Monte Carlo and summary
 * (supply.h), the unmet chart, the Sankey and the bottleneck table
 * (report_supply.h), and the economics in two price states when the chain
 * had rates. */
static rm_status write_supply(const rm_assess_result *r, const char *dir, rm_error *err)
{
    rm_status st;
    if ((st = rm_supply_write(&r->supply, &r->supply_net, &r->supply_cfg, dir, err)) ||
        (st = rm_report_supply_figures(&r->supply, &r->supply_net, &r->supply_cfg, dir, err)))
        return st;
    if (r->n_supply_econ)
        st = rm_supply_write_economics(r->supply_econ, r->n_supply_econ, &r->supply_net,
                                       &r->supply_cfg, dir, err);
    return st;
}

/* ---- summary.json ---- */

/* A JSON number, or null when v is not finite; NULL when out of memory. */
static cJSON *num(double v)
{
    return isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

/* Adds key = v to o (null when v is not finite). */
static void add_num(cJSON *o, const char *key, double v)
{
    cJSON_AddItemToObject(o, key, num(v));
}

/* A new JSON object {p10, p50, p90, mean} of q. */
static cJSON *q_json(const rm_sim_quantiles *q)
{
    cJSON *o = cJSON_CreateObject();
    add_num(o, "p10", q->p10);
    add_num(o, "p50", q->p50);
    add_num(o, "p90", q->p90);
    add_num(o, "mean", q->mean);
    return o;
}

/* A new JSON tree of the assess summary: project, resource (simulation and kriging),
 * lift, the economics per rate and the break-even rates. Caller deletes it. */
static cJSON *summary_json(const rm_assess_result *r)
{
    const rm_resource_result *res = &r->job->res;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "project", res->data.project.name);
    cJSON_AddBoolToObject(root, "synthetic", r->synthetic);

    /* resource */
    size_t z = rm_assess_zero_cutoff(r);
    cJSON *rs = cJSON_AddObjectToObject(root, "resource");
    cJSON *w = cJSON_AddArrayToObject(rs, "window_mbsf");
    cJSON_AddItemToArray(w, cJSON_CreateNumber(r->job->params.top_mbsf));
    cJSON_AddItemToArray(w, cJSON_CreateNumber(r->job->params.bottom_mbsf));
    add_num(rs, "cutoff_srey_ppm", r->sim.cutoffs_ppm[z]);
    add_num(rs, "realizations", (double)r->sim.realizations);
    cJSON_AddItemToObject(rs, "reo_t", q_json(&r->sim.reo_t[z]));
    cJSON_AddItemToObject(rs, "mud_t", q_json(&r->sim.mud_t[z]));
    add_num(rs, "kriged_reo_t", res->summary.total_reo_t);
    add_num(rs, "kriged_mud_t", res->summary.total_mud_t);
    add_num(rs, "kriged_mean_srey_ppm", res->summary.mean_srey_ppm);
    cJSON *cls = cJSON_AddObjectToObject(rs, "kriged_by_class");
    for (int c = 1; c <= RM_NCLASS; c++) {
        cJSON *o = cJSON_AddObjectToObject(cls, rm_class_name(c));
        add_num(o, "mud_t", res->summary.class_mud_t[c]);
        add_num(o, "reo_t", res->summary.class_reo_t[c]);
    }
    cJSON *ox = cJSON_AddObjectToObject(rs, "oxide_t");
    for (int e = 0; e < RM_NREY; e++)
        cJSON_AddItemToObject(ox, rm_element(e)->oxide, q_json(&r->sim.oxide_t[z][e]));
    if (r->truth_path[0]) {
        cJSON *t = cJSON_AddObjectToObject(rs, "truth");
        add_num(t, "reo_t", r->truth_reo_t);
        add_num(t, "mud_t", r->truth_mud_t);
        add_num(t, "mean_srey_ppm", r->truth_mean_srey_ppm);
    } else {
        cJSON_AddNullToObject(rs, "truth");
    }
    cJSON *gt = cJSON_AddArrayToObject(rs, "grade_tonnage");
    const rm_sim_gt *q = &r->sim_gt;
    const double *a[6] = {q->mud_p10_t,     q->mud_p50_t,     q->mud_p90_t,
                          q->grade_p10_ppm, q->grade_p50_ppm, q->grade_p90_ppm};
    for (size_t c = 0; c < r->sim.n_cutoffs; c++) {
        cJSON *o = cJSON_CreateObject();
        add_num(o, "cutoff_srey_ppm", r->sim.cutoffs_ppm[c]);
        cJSON_AddItemToObject(o, "mud_t", q_json(&r->sim.mud_t[c]));
        cJSON_AddItemToObject(o, "reo_t", q_json(&r->sim.reo_t[c]));
        cJSON *g = cJSON_AddObjectToObject(o, "mean_srey_ppm");
        add_num(g, "p10", a[3][c]);
        add_num(g, "p50", a[4][c]);
        add_num(g, "p90", a[5][c]);
        const rm_gt_row *kr = rm_gt_find(&res->gt, RM_GT_BLOCKS, 0, r->sim.cutoffs_ppm[c]);
        add_num(o, "kriged_mud_t", kr ? kr->tonnes : NAN);
        add_num(o, "kriged_reo_t", kr ? kr->reo_t : NAN);
        cJSON_AddItemToArray(gt, o);
    }
    cJSON *dg = cJSON_AddObjectToObject(rs, "cross_validation");
    add_num(dg, "n", (double)r->diag.n_xval);
    add_num(dg, "mean_error_ppm", r->diag.xval_mean_error_ppm);
    add_num(dg, "rmse_ppm", r->diag.xval_rmse_ppm);
    add_num(dg, "correlation", r->diag.xval_correlation);
    cJSON_AddStringToObject(rs, "variogram_srey", r->diag.srey_model_text);

    /* lift */
    const rm_assess_lift *L = &r->lift;
    cJSON *lf = cJSON_AddObjectToObject(root, "lift");
    add_num(lf, "depth_m", L->depth_m);
    cJSON_AddStringToObject(lf, "default_system", rm_lift_systems[L->default_system]->name);
    add_num(lf, "design_rate_dry_t_per_day", L->params[0].rate_dry_tph * 24.0);
    add_num(lf, "minimum_kwh_per_t", L->minimum_kwh_per_t);
    cJSON *sy = cJSON_AddObjectToObject(lf, "systems");
    for (int s = 0; s < RM_ASSESS_NSYS; s++) {
        cJSON *o = cJSON_AddObjectToObject(sy, rm_lift_systems[s]->name);
        add_num(o, "kwh_per_t_350", L->kwh_per_t_350[s]);
        add_num(o, "kwh_per_t_3500", L->kwh_per_t_3500[s]);
        const rm_lift_result *d = &L->design[s];
        int ok = L->design_status[s] == RM_OK;
        add_num(o, "design_kwh_per_t", ok ? d->specific_energy_kwh_per_t : NAN);
        add_num(o, "design_shaft_power_w", ok ? d->shaft_power_w : NAN);
        add_num(o, "design_bottom_pressure_pa", ok ? d->bottom_pressure_pa : NAN);
        if (!ok)
            cJSON_AddStringToObject(o, "design_error", L->design_error[s]);
    }

    /* scenarios */
    const rm_chain_config *cfg = r->chain_cfg;
    cJSON *sc = cJSON_AddArrayToObject(root, "scenarios");
    for (size_t k = 0; k < r->chain.n_rates; k++) {
        const rm_chain_rate *cr = &r->chain.rates[k];
        cJSON *o = cJSON_CreateObject();
        add_num(o, "rate_dry_t_per_day", cr->rate_dry_t_per_day);
        add_num(o, "reo_t_per_year", cr->reo_t_per_year);
        cJSON *oy = cJSON_AddObjectToObject(o, "oxide_t_per_year");
        for (int e = 0; e < RM_NREY; e++)
            add_num(oy, rm_element(e)->symbol, cr->oxide_t_per_year[e]);
        cJSON *cj = cJSON_AddObjectToObject(o, "coverage_japan_demand");
        for (int e = 0; e < RM_NREY; e++)
            add_num(cj, rm_element(e)->symbol,
                    cr->coverage[0].coverage_demand[RM_MARKET_JAPAN][e]);
        if (cfg->n_scenarios) {
            cJSON *ce = cJSON_AddObjectToObject(o, "coverage_japan_exposed");
            cJSON_AddStringToObject(ce, "scenario", cfg->scenarios[0].name);
            for (int e = 0; e < RM_NREY; e++)
                add_num(ce, rm_element(e)->symbol,
                        cr->coverage[0].coverage_exposed[RM_MARKET_JAPAN][e]);
        }
        add_num(o, "lift_energy_kwh_per_dry_t", cr->lift_energy_kwh_per_dry_t);
        add_num(o, "unit_cost_usd_per_kg_reo", cr->econ.unit_cost_usd_per_kg_reo);
        add_num(o, "capex_usd", cr->econ.capex_usd);
        add_num(o, "revenue_usd_per_year", cr->econ.revenue_usd_per_year);
        add_num(o, "opex_usd_per_year", cr->econ.opex_usd_per_year);
        add_num(o, "npv_usd", cr->econ.npv_usd);
        add_num(o, "npv_ex_china_prices_usd", cr->econ_ex_china.npv_usd);
        add_num(o, "irr", cr->econ.irr);
        add_num(o, "npv_p10_usd", cr->npv_p10_usd);
        add_num(o, "npv_p50_usd", cr->npv_p50_usd);
        add_num(o, "npv_p90_usd", cr->npv_p90_usd);
        add_num(o, "prob_npv_positive", cr->prob_npv_positive);
        add_num(o, "breakeven_price_factor", cr->breakeven_price_factor);
        cJSON_AddBoolToObject(o, "pays", cr->npv_p50_usd > 0);
        cJSON_AddItemToArray(sc, o);
    }
    add_num(root, "breakeven_rate_dry_t_per_day", r->chain.breakeven_rate_dry_t_per_day);
    add_num(root, "breakeven_rate_ex_china_dry_t_per_day",
            r->chain.breakeven_rate_ex_china_dry_t_per_day);
    cJSON *rng = cJSON_AddArrayToObject(root, "breakeven_rate_search_dry_t_per_day");
    cJSON_AddItemToArray(rng, cJSON_CreateNumber(cfg->breakeven_rate_min));
    cJSON_AddItemToArray(rng, cJSON_CreateNumber(cfg->breakeven_rate_max));

    /* supply: the network's answer (supply/supply_summary.json has every case) */
    const rm_supply_run_config *spc = &r->supply_cfg;
    cJSON *su = cJSON_AddObjectToObject(root, "supply");
    add_num(su, "baseline_year", spc->baseline_year);
    cJSON *cs = cJSON_AddObjectToObject(su, "china_share");
    static const char *const stage[3] = {"mining", "separation", "magnets"};
    for (int k = 0; k < 3; k++)
        add_num(cs, stage[k], r->supply.china_stage_share[k]);
    cJSON *fs = cJSON_AddObjectToObject(su, "first_shortfall");
    for (size_t s = 0; s < spc->n_scenarios && r->supply_ok; s++) {
        cJSON *so = cJSON_AddObjectToObject(fs, r->supply_net.scenario[spc->scenario[s]].name);
        for (size_t c = 0; c < r->supply.n_cases; c++) {
            char cname[64];
            rm_supply_case_name(spc, c, cname, sizeof cname);
            cJSON *co = cJSON_AddObjectToObject(so, cname);
            for (int m = RM_SM_JAPAN; m <= RM_SM_US; m++) {
                rm_supply_shortfall f;
                rm_supply_first_shortfall(&r->supply, s, c, m, &f);
                cJSON *mo = cJSON_AddObjectToObject(co, rm_smarket_name(m));
                if (f.year) {
                    add_num(mo, "year", f.year);
                    cJSON_AddStringToObject(mo, "element", rm_element(f.element)->symbol);
                    add_num(mo, "unmet_t", f.unmet_t);
                    cJSON_AddStringToObject(mo, "binding_stage", rm_bind_name(f.binding));
                } else {
                    cJSON_AddNullToObject(mo, "year");
                }
            }
        }
    }
    cJSON *ev = cJSON_AddArrayToObject(su, "economics");
    for (size_t k = 0; k < r->n_supply_econ; k++) {
        const rm_supply_econ_row *w = &r->supply_econ[k];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "scenario",
                                r->supply_net.scenario[spc->scenario[w->scenario]].name);
        add_num(o, "rate_dry_t_per_day", w->rate_dry_t_per_day);
        add_num(o, "npv_normal_usd", w->npv_usd[0]);
        add_num(o, "npv_controls_usd", w->npv_usd[1]);
        add_num(o, "breakeven_price_factor_normal", w->breakeven_price_factor[0]);
        add_num(o, "breakeven_price_factor_controls", w->breakeven_price_factor[1]);
        cJSON_AddItemToArray(ev, o);
    }
    return root;
}

/* Writes o to path atomically, printed, and deletes o (also on failure); NULL o counts
 * as out of memory. */
static rm_status write_json(cJSON *o, const char *path, rm_error *err)
{
    char *text = o ? cJSON_Print(o) : NULL;
    cJSON_Delete(o);
    if (!text)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    rm_afile af;
    rm_status st = rm_afile_open(&af, path, err);
    if (!st) {
        if (fputs(text, af.fp) == EOF || fputc('\n', af.fp) == EOF) {
            rm_afile_abort(&af);
            st = rm_error_set(err, RM_EIO, "%s: write failed", path);
        } else {
            st = rm_afile_commit(&af, err);
        }
    }
    free(text);
    return st;
}

rm_status rm_assess_write(rm_assess_result *r, const char *dir, int argc, char *const *argv,
                          const rm_logger *log, rm_error *err)
{
    double t0 = rm_now_s();
    char path[4096];
    rm_status st;
    rm_runinfo *ri = NULL;
    if ((st = sub(path, sizeof path, dir, "estimate", err)) ||
        (st = rm_resource_write(&r->job->res, path, err)) ||
        (r->kna.n && ((st = sub(path, sizeof path, dir, "estimate/kna.csv", err)) ||
                      (st = rm_kna_write_csv(&r->kna, path, err)))) ||
        (st = sub(path, sizeof path, dir, "simulate", err)) ||
        (st = rm_simulate_write(r->job->res.bm, &r->sim, &r->job->params, path, err)) ||
        (st = sub(path, sizeof path, dir, "chain", err)) ||
        (st = rm_chain_write(&r->chain, r->chain_cfg, path, err)) ||
        (st = sub(path, sizeof path, dir, "supply", err)) || (st = write_supply(r, path, err)) ||
        (st = sub(path, sizeof path, dir, "lift", err)) || (st = write_lift(r, path, err)))
        return st;
    r->t.write_s = rm_now_s() - t0;

    double t1 = rm_now_s();
    assess_stage(log, ASSESS_FIGURES, "maps, section, grade-tonnage, variograms, "
                 "cross-validation, lift, coverage, NPV (supply's figures are in supply/)");
    if ((st = sub(path, sizeof path, dir, "figures", err)) ||
        (st = rm_assess_figures_draw(r, path, err)))
        return st;
    r->t.figures_s = rm_now_s() - t1;

    assess_stage(log, ASSESS_REPORT, "summary.json, run.json, report.html");
    if ((st = sub(path, sizeof path, dir, "summary.json", err)) ||
        (st = write_json(summary_json(r), path, err)))
        return st;
    r->t.total_s += rm_now_s() - t0;
    if (!(ri = make_runinfo(r, argc, argv, err)))
        return err->status ? err->status : RM_ENOMEM;
    /* The folder's own run.json last: it marks the output set complete. */
    static const char *const subs[] = {"estimate", "simulate", "chain", "supply", "lift", NULL};
    for (size_t k = 0; subs[k] && !st; k++) {
        st = sub(path, sizeof path, dir, subs[k], err);
        if (!st)
            st = rm_runinfo_write(ri, path, err);
    }
    if (!st)
        st = rm_assess_report_write(r, dir, err);
    if (!st)
        st = rm_runinfo_write(ri, dir, err);
    rm_runinfo_free(ri);
    return st;
}

/* ---- the summary on stdout ---- */

void rm_assess_print_summary(const rm_assess_result *r, FILE *fp)
{
    const rm_resource_result *res = &r->job->res;
    size_t z = rm_assess_zero_cutoff(r);
    const rm_sim_quantiles *q = &r->sim.reo_t[z];
    fprintf(fp, "%s%s\n", res->data.project.name,
            r->synthetic ? "  [SYNTHETIC example, not real data]" : "");
    fprintf(fp, "resource (%g-%g mbsf, SREY >= %g ppm): REO P50 %.3g Mt (P10 %.3g, P90 %.3g Mt; "
                "%zu realizations); kriged %.3g Mt REO in %.3g Gt dry mud at %.0f ppm SREY\n",
            r->job->params.top_mbsf, r->job->params.bottom_mbsf, r->sim.cutoffs_ppm[z],
            q->p50 / 1e6, q->p10 / 1e6, q->p90 / 1e6, r->sim.realizations,
            res->summary.total_reo_t / 1e6, res->summary.total_mud_t / 1e9,
            res->summary.mean_srey_ppm);
    if (r->truth_path[0])
        fprintf(fp, "  synthetic truth: %.3g Mt REO\n", r->truth_reo_t / 1e6);
    fprintf(fp, "lift energy from %.0f m (kWh per dry t, shaft):", r->lift.depth_m);
    for (int s = 0; s < RM_ASSESS_NSYS; s++)
        fprintf(fp, " %s %.3g @350 t/d, %.3g @3,500 t/d;", rm_lift_systems[s]->name,
                r->lift.kwh_per_t_350[s], r->lift.kwh_per_t_3500[s]);
    fprintf(fp, " minimum %.3g\n", r->lift.minimum_kwh_per_t);
    for (size_t k = 0; k < r->chain.n_rates; k++) {
        const rm_chain_rate *cr = &r->chain.rates[k];
        fprintf(fp, "at %.0f dry t/day: %.4g t REO/yr;", cr->rate_dry_t_per_day,
                cr->reo_t_per_year);
        for (int i = 0; i < N_KEY; i++) {
            int e = key_elements[i];
            fprintf(fp, " %s %.3g t/yr (%.3g%% of Japan)", rm_element(e)->oxide,
                    cr->oxide_t_per_year[e],
                    100 * cr->coverage[0].coverage_demand[RM_MARKET_JAPAN][e]);
            fputc(i + 1 < N_KEY ? ',' : ';', fp);
        }
        fprintf(fp, " NPV P50 %.4g USD million (P10 %.4g, P90 %.4g)%s\n", cr->npv_p50_usd / 1e6,
                cr->npv_p10_usd / 1e6, cr->npv_p90_usd / 1e6,
                cr->npv_p50_usd > 0 ? "" : "  does NOT pay");
    }
    char why[512];
    if (rm_chain_nothing_minable(&r->chain, r->chain_cfg, why, sizeof why))
        fprintf(fp, "%s\n", why);
    if (isfinite(r->chain.breakeven_rate_dry_t_per_day))
        fprintf(fp, "break-even rate: %.0f dry t/day\n", r->chain.breakeven_rate_dry_t_per_day);
    else
        fprintf(fp, "break-even rate: none between %g and %g dry t/day: the project does not pay\n",
                r->chain_cfg->breakeven_rate_min, r->chain_cfg->breakeven_rate_max);
}
