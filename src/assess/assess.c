/* assess.c — the pipeline: `reemud assess` as a library call.  It owns the
 * list of stages and their progress lines and runs check, estimate,
 * simulate, chain, supply, lift and diagnostics for one project, all in
 * memory; assess_write.c then writes the stages' files and hands the
 * values to the report (src/report/), which draws and writes them.
 *
 * The estimate runs once: the simulation job (simulate.h) runs it to get
 * the grid, the kriged composition and density, and the chain and the
 * figures use that same kriged model.  Every section is validated before
 * any work, so a typo in [economics] fails in a second, not after the
 * simulation.  The science is in the stages (the diagnostics are values
 * from resource/diagnostics.c, the realization models from
 * resource/simulate_models.c); this file only sequences them and passes
 * each stage's value on.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "assess/assess_internal.h"
#include "reemud/io_netcdf.h"

void rm_assess_options_default(rm_assess_options *o)
{
    o->realizations = 0;
    o->threads = 0;
    o->draws = -1;
}

/* ---- the stages ---- */

const char *const rm_assess_stage_names[RM_ASSESS_NSTAGES + 1] = {
    "check", "estimate", "simulate", "chain",
    "supply", /* src/supply/: the allied chain under export controls, after the
               * chain that makes the oxide output */
    "lift", "diagnostics", "figures", "report", NULL};

void assess_stage(const rm_logger *log, int k, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    rm_log(log, RM_LOG_INFO, "assess: [%d/%d] %s: %s", k + 1, RM_ASSESS_NSTAGES,
           rm_assess_stage_names[k], what);
}

/* ---- check ---- */

/* Read every section a stage reads, then report unknown keys, into one list. */
static rm_status check_project(const char *path, rm_assess_result *r, rm_problems *problems,
                               int *has_realizations, int *has_cutoffs, rm_error *err)
{
    rm_ini *ini = NULL;
    rm_status st = rm_ini_load(path, &ini, err);
    if (st)
        return st;
    rm_problems local;
    rm_problems_init(&local, 100);
    rm_problems *p = problems ? problems : &local;
    size_t before = p->count;
    rm_data_config dc;
    rm_estimate_config ec;
    rm_error e;
    rm_data_config_read(ini, &dc, p, &e);
    rm_estimate_config_read(ini, &ec, p, &e);
    rm_simulate_params sp;
    rm_simulate_params_default(&sp);
    if (rm_simulate_params_read(ini, &sp, &e))
        rm_problems_add(p, NULL, 0, NULL, "%s", e.message);
    char datadir[4096];
    snprintf(datadir, sizeof datadir, "%s/data", rm_datadir());
    if (rm_chain_config_default(r->chain_cfg, datadir, &e))
        rm_problems_add(p, NULL, 0, NULL, "%s", e.message);
    else if (rm_chain_config_read(r->chain_cfg, ini, &e)) {
        rm_problems_add(p, NULL, 0, NULL, "%s", e.message);
        /* The chain stops at its first bad value; still check [lift]. */
        rm_lift_params scratch;
        rm_lift_params_default(&scratch);
        if (rm_ini_has_section(ini, "lift") && rm_lift_params_from_ini(ini, &scratch, &e))
            rm_problems_add(p, NULL, 0, NULL, "%s", e.message);
    }
    /* [supply]: the network's tables and the run's settings (the cases come
     * from the chain's output after the chain has run). */
    if (rm_supply_setup(ini, datadir, &r->supply_net, &r->supply_cfg, &e))
        rm_problems_add(p, NULL, 0, NULL, "%s", e.message);
    rm_ini_finish_problems(ini, p, &e);
    *has_realizations = rm_ini_has(ini, "simulate", "realizations");
    *has_cutoffs = rm_ini_has(ini, "simulate", "cutoffs_ppm");
    r->synthetic = dc.project.synthetic; /* [project] synthetic = true */
    /* The example keeps its truth in truth/ beside the project file. */
    snprintf(r->truth_path, sizeof r->truth_path, "%s/truth/truth_summary.json",
             rm_ini_dir(ini));
    rm_ini_free(ini);
    if (p->count > before) {
        st = rm_problems_status(p, err);
        if (p == &local)
            rm_problems_print(&local, stderr);
    }
    rm_problems_free(&local);
    return st;
}

/* Totals of a synthetic truth, if the project has one. */
static void read_truth(rm_assess_result *r)
{
    r->truth_reo_t = r->truth_mud_t = r->truth_mean_srey_ppm = NAN;
    char *buf;
    if (rm_read_text(r->truth_path, (size_t)1 << 20, &buf, NULL, NULL)) {
        r->truth_path[0] = '\0';
        return;
    }
    cJSON *o = cJSON_Parse(buf);
    free(buf);
    const cJSON *v;
    if (o && cJSON_IsNumber(v = cJSON_GetObjectItem(o, "total_reo_t")))
        r->truth_reo_t = v->valuedouble;
    if (o && cJSON_IsNumber(v = cJSON_GetObjectItem(o, "total_mud_t")))
        r->truth_mud_t = v->valuedouble;
    if (o && cJSON_IsNumber(v = cJSON_GetObjectItem(o, "mean_srey_ppm")))
        r->truth_mean_srey_ppm = v->valuedouble;
    if (o && cJSON_IsTrue(cJSON_GetObjectItem(o, "synthetic")))
        r->synthetic = 1;
    cJSON_Delete(o);
    if (isnan(r->truth_reo_t))
        r->truth_path[0] = '\0';
}

/* ---- simulate ---- */

/* Report the simulation at the estimate's cut-offs (so the grade–tonnage
 * band lines up with the kriged curve) unless [simulate] names its own. */
static rm_status use_estimate_cutoffs(rm_simulate_job *job, const rm_logger *log,
                                      rm_error *err)
{
    const rm_estimate_config *ec = &job->res.cfg;
    size_t n = ec->n_cutoffs < RM_SIM_MAX_CUTOFFS ? ec->n_cutoffs : RM_SIM_MAX_CUTOFFS;
    if (n == 0)
        return RM_OK;
    memcpy(job->params.cutoffs_ppm, ec->cutoffs_ppm, n * sizeof(double));
    job->params.n_cutoffs = n;
    rm_simulation_free(job->sim);
    job->sim = NULL;
    return rm_simulate_job_prepare(job, log, err);
}

static rm_status run_simulation(rm_assess_result *r, const rm_logger *log, rm_error *err)
{
    rm_sim_partial part;
    rm_sim_totals *totals = NULL;
    double *corr = NULL;
    float *reals = NULL;
    /* Keep every realization's ΣREY in memory for the chain (run_chain
     * frees them before anything is written). */
    r->job->params.write_realizations = 1;
    rm_status st = rm_simulate_job_run(r->job, 0, 1, &part, &totals, &corr, &reals, log, err);
    r->job->params.write_realizations = 0;
    if (!st) {
        st = rm_simulation_finish(r->job->sim, &part, totals, corr, reals, &r->sim, err);
        r->sim_ok = st == RM_OK;
        if (r->sim_ok)
            rm_simulate_gt_quantiles(&r->sim, &r->sim_gt);
    } else {
        free(totals);
        free(corr);
        free(reals);
    }
    rm_sim_partial_free(&part);
    return st;
}

/* ---- chain over resource realizations ---- */

/* The chain on the kriged model (resource, plan, deterministic economics,
 * tornado, break-even), then its Monte Carlo again over the realizations:
 * draw k takes the same input draws (rm_rng_stream(seed, k)) on realization
 * k mod n, and its NPV draws and percentiles replace the kriged-only ones.
 * The realizations are freed here: simulation.nc does not get them. */
static rm_status run_chain(rm_assess_result *r, const rm_logger *log, rm_error *err)
{
    const rm_blockmodel *kriged = r->job->res.bm;
    float *reals = r->sim.realizations_srey;
    r->sim.realizations_srey = NULL;
    rm_status st = rm_chain_run(kriged, r->chain_cfg, &r->chain, err);
    size_t n = r->sim.realizations < RM_ASSESS_MAX_CHAIN_REALIZATIONS
                   ? r->sim.realizations
                   : RM_ASSESS_MAX_CHAIN_REALIZATIONS;
    if (st || !reals || n < 1 || r->chain_cfg->draws <= 0 || !r->sim.etype_srey_ppm) {
        free(reals);
        r->chain_ok = st == RM_OK;
        return st;
    }
    r->chain_ok = 1;
    rm_realization_models m;
    st = rm_simulate_realization_models(kriged, reals, r->sim.etype_srey_ppm, n, &m, err);
    free(reals);
    if (st)
        return st;
    rm_log(log, RM_LOG_INFO, "assess: chain: %ld NPV draws over %zu resource realizations",
           r->chain_cfg->draws, n);
    rm_chain_result mc;
    st = rm_chain_run_multi(m.ptr, m.n, r->chain_cfg, &mc, err);
    rm_realization_models_free(&m);
    if (st)
        return st;
    for (size_t k = 0; k < r->chain.n_rates && k < mc.n_rates; k++) {
        rm_chain_rate *a = &r->chain.rates[k], *b = &mc.rates[k];
        double *d = a->npv_draws_usd;
        a->npv_draws_usd = b->npv_draws_usd;
        b->npv_draws_usd = d;
        a->npv_p10_usd = b->npv_p10_usd;
        a->npv_p50_usd = b->npv_p50_usd;
        a->npv_p90_usd = b->npv_p90_usd;
        a->prob_npv_positive = b->prob_npv_positive;
    }
    r->chain.n_realizations = mc.n_realizations;
    r->chain_realizations = n;
    rm_chain_result_free(&mc);
    return RM_OK;
}

/* ---- supply ---- */

/* The allied supply chain with Minamitorishima at each chain rate: its oxide
 * output is the chain's (the numbers of chain/oxide_output.csv); the Sankey
 * shows the largest rate (in the last year when [supply] sankey_year is
 * outside the years run).  Then the project's value per scenario and rate in
 * the "normal" and "controls" price states, on the chain's own production
 * years (the rows of chain/processing.csv) and its lift energy. */
static rm_status run_supply(rm_assess_result *r, const rm_logger *log, rm_error *err)
{
    rm_supply_run_config *c = &r->supply_cfg;
    const rm_chain_result *ch = &r->chain;
    c->n_rates = ch->n_rates < RM_SUPPLY_MAX_CASES - 1 ? ch->n_rates : RM_SUPPLY_MAX_CASES - 1;
    for (size_t k = 0; k < c->n_rates; k++) {
        c->rate_dry_t_per_day[k] = ch->rates[k].rate_dry_t_per_day;
        for (int e = 0; e < RM_NREY; e++)
            c->mts_oxide_t[k][e] = ch->rates[k].oxide_t_per_year[e];
    }
    c->sankey_case = (int)c->n_rates;
    if (c->sankey_year < c->year_from || c->sankey_year > c->year_to)
        c->sankey_year = c->year_to;
    rm_log(log, RM_LOG_INFO, "assess: supply: %zu scenarios, %zu cases, %d-%d", c->n_scenarios,
           1 + c->n_rates, c->year_from, c->year_to);
    rm_status st = rm_supply_run(&r->supply_net, c, &r->supply, err);
    if (st)
        return st;
    r->supply_ok = 1;
    if (!c->n_rates)
        return RM_OK;
    r->supply_econ = calloc(c->n_scenarios * c->n_rates, sizeof *r->supply_econ);
    if (!r->supply_econ)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    const rm_chain_config *cc = r->chain_cfg;
    for (size_t k = 0; k < c->n_rates; k++) {
        const rm_chain_rate *cr = &ch->rates[k];
        size_t ny = cr->schedule ? cr->schedule->n_years : 0;
        rm_econ_year *years = calloc(ny ? ny : 1, sizeof *years);
        if (!years)
            return rm_error_set(err, RM_ENOMEM, "out of memory");
        for (size_t y = 0; y < ny; y++) { /* as the chain values them (chain.c run_rate) */
            const rm_process_balance *b = &cr->balance[y];
            years[y].dry_t = b->feed_dry_t;
            years[y].wet_shipped_t = b->shipped_wet_t;
            years[y].concentrate_dry_t = b->concentrate_dry_t;
            for (int e = 0; e < RM_NREY; e++) {
                years[y].oxide_t[e] = b->oxide_t[e];
                years[y].oxide_cap_t[e] = b->feed_t[e] * rm_element(e)->oxide_factor;
            }
        }
        rm_econ_config econ = cc->econ;
        if (isfinite(cr->lift_energy_kwh_per_dry_t))
            econ.lift_energy_kwh_per_dry_t = cr->lift_energy_kwh_per_dry_t;
        st = rm_supply_econ_rate_rows(&econ, cc->econ_ex_china.price_usd_per_kg,
                                      &r->supply_net, c, c->rate_dry_t_per_day[k], years, ny,
                                      r->supply_econ, &r->n_supply_econ, err);
        free(years);
        if (st)
            return st;
    }
    return RM_OK;
}

/* ---- lift ---- */

static int system_index(const rm_lift_system *s)
{
    for (int k = 0; k < RM_ASSESS_NSYS && rm_lift_systems[k]; k++)
        if (rm_lift_systems[k] == s)
            return k;
    return 0;
}

/* Each system at the mined area's water depth: energy against rate and the
 * design point with its profile.  A system that cannot lift a rate gets NAN
 * there (and its reason for the design point); that is a result, not a
 * failure of the run. */
static rm_status run_lift(rm_assess_result *r, rm_error *err)
{
    rm_assess_lift *L = &r->lift;
    const rm_chain_config *cfg = r->chain_cfg;
    double depth = NAN;
    if (r->chain_ok && r->chain.n_rates && r->chain.rates[0].schedule &&
        r->chain.rates[0].schedule->n_years)
        depth = r->chain.rates[0].schedule->years[0].water_depth_m;
    if (!isfinite(depth) || depth <= 0) {
        const rm_drillholes *dh = r->job->res.holes;
        double s = 0;
        size_t n = 0;
        for (size_t h = 0; h < dh->n_holes; h++)
            if (isfinite(dh->water_depth_m[h]))
                s += dh->water_depth_m[h], n++;
        depth = n ? s / (double)n : cfg->lift.depth_m;
    }
    L->depth_m = depth;
    L->default_system = system_index(cfg->lift.system);
    double design_tpd = cfg->n_rates ? cfg->rates_dry_t_per_day[0] : 350.0;
    /* Energy against rate: 100 to 100,000 t/day, evenly in log (the trial's
     * 350 t/day up to a commercial plant's tens of thousands). */
    double rates_tph[RM_ASSESS_NRATES];
    for (int k = 0; k < RM_ASSESS_NRATES; k++) {
        L->rates_t_per_day[k] = 100.0 * pow(1000.0, (double)k / (RM_ASSESS_NRATES - 1));
        rates_tph[k] = L->rates_t_per_day[k] / 24.0;
    }
    rm_lift_sweep_row *rows = calloc(RM_ASSESS_NRATES, sizeof *rows);
    if (!rows)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    rm_status st = RM_OK;
    for (int s = 0; s < RM_ASSESS_NSYS; s++) {
        rm_lift_params *p = &L->params[s];
        *p = cfg->lift;
        p->system = rm_lift_systems[s];
        p->depth_m = depth;
        p->fluid = RM_LIFT_FLUID_SLURRY;
        p->air_kg_s = 0.0;
        p->rate_dry_tph = design_tpd / 24.0;
        p->profile_points = 201;
        rm_error e;
        L->design_status[s] = rm_lift_solve(p, &L->design[s], &e);
        L->design_error[s][0] = '\0';
        if (L->design_status[s])
            snprintf(L->design_error[s], sizeof L->design_error[s], "%s", e.message);
        else if (L->design[s].n_nodes) {
            if (!(L->excess_pa[s] = malloc(L->design[s].n_nodes * sizeof(double)))) {
                st = rm_error_set(err, RM_ENOMEM, "out of memory");
                break;
            }
            rm_lift_profile_excess_pa(p, &L->design[s], L->excess_pa[s]);
        }
        rm_lift_params q = *p;
        q.profile_points = 0;
        if (rm_lift_sweep(&q, rates_tph, RM_ASSESS_NRATES, NULL, 0, NULL, 0, rows, err)) {
            st = RM_EINTERNAL;
            break;
        }
        for (int k = 0; k < RM_ASSESS_NRATES; k++) {
            L->kwh_per_t[s][k] =
                rows[k].status == RM_OK ? rows[k].result.specific_energy_kwh_per_t : NAN;
            rm_lift_result_free(&rows[k].result);
        }
        double kwh;
        L->kwh_per_t_350[s] = rm_lift_specific_energy(&q, 350.0 / 24.0, &kwh, &e) ? NAN : kwh;
        L->kwh_per_t_3500[s] =
            rm_lift_specific_energy(&q, 3500.0 / 24.0, &kwh, &e) ? NAN : kwh;
    }
    free(rows);
    if (st)
        return err->status ? err->status : st;
    double w;
    const rm_lift_params *p0 = &L->params[0];
    if (rm_lift_minimum_power(1.0, depth, p0->grain_density_kg_m3, p0->seawater_density_kg_m3,
                              &w, err))
        return err->status;
    L->minimum_kwh_per_t = w / 1000.0; /* 1 t/h: W per (t/h) = Wh per t */
    return RM_OK;
}

/* ---- diagnostics: values from the stages that own the science ---- */

/* The e-type map (resource), and when the project has a truth beside it,
 * truth.nc read (io) and compared with the estimate (resource). */
static rm_status run_maps_and_truth(rm_assess_result *r, rm_error *err)
{
    const rm_blockmodel *bm = r->job->res.bm;
    const rm_grid *g = &bm->grid;
    double top = r->job->params.top_mbsf, bottom = r->job->params.bottom_mbsf;
    size_t plane = g->nx * g->ny;
    if (r->sim.etype_srey_ppm) {
        if (!(r->maps.etype_srey_ppm = malloc(plane * sizeof(double))))
            return rm_error_set(err, RM_ENOMEM, "out of memory");
        rm_resource_column_means(bm, r->sim.etype_srey_ppm, top, bottom,
                                 r->maps.etype_srey_ppm);
    }
    if (!r->truth_path[0])
        return RM_OK;
    /* truth.nc sits beside truth_summary.json. */
    char path[4096];
    snprintf(path, sizeof path, "%s", r->truth_path);
    char *slash = strrchr(path, '/');
    snprintf(slash ? slash + 1 : path, sizeof path - (size_t)(slash ? slash + 1 - path : 0),
             "truth.nc");
    rm_blockmodel *truth = NULL;
    rm_error e = {0};
    if (rm_io_read_blockmodel_nc(path, &truth, &e)) {
        /* No block model (only the summary): the totals check remains. */
        snprintf(r->truth_blocks.error, sizeof r->truth_blocks.error, "%s", e.message);
        rm_blockmodel_free(truth);
        return RM_OK;
    }
    rm_status st = rm_resource_truth_blocks(bm, truth, r->sim.etype_srey_ppm, top, bottom,
                                            &r->truth_blocks, &r->maps.truth_srey_ppm, err);
    rm_blockmodel_free(truth);
    return st;
}

/* The kriging neighbourhood analysis of the estimate (resource/kna.c) at
 * RM_ASSESS_KNA_NMAX and [estimate] maxdist_m, for the report's validation
 * section.  A neighbourhood the data cannot support is a result, not a
 * failure of the run: r->kna_error says why and the table stays empty. */
static rm_status run_kna(rm_assess_result *r, rm_error *err)
{
    static const size_t nmax[] = RM_ASSESS_KNA_NMAX;
    double maxdist = r->job->res.cfg.maxdist_m;
    rm_error e = {0};
    rm_status st = rm_kna(&r->job->res, nmax, sizeof nmax / sizeof nmax[0], &maxdist, 1, 0,
                          &r->kna, &e);
    if (st == RM_ENOMEM)
        return rm_error_set(err, st, "%s", e.message);
    if (st) {
        rm_kna_table_free(&r->kna); /* empties the table */
        snprintf(r->kna_error, sizeof r->kna_error, "%s", e.message);
    }
    return RM_OK;
}

/* ---- the run ---- */

rm_status rm_assess_run(const char *project_path, const rm_assess_options *opt,
                        const rm_logger *log, rm_assess_result *out, rm_problems *problems,
                        rm_error *err)
{
    rm_assess_options defaults;
    if (!opt) {
        rm_assess_options_default(&defaults);
        opt = &defaults;
    }
    memset(out, 0, sizeof *out);
    rm_assess_result *r = out;
    double t0 = rm_now_s(), t;
    snprintf(r->project_path, sizeof r->project_path, "%s", project_path);
    r->chain_cfg = calloc(1, sizeof *r->chain_cfg);
    if (!r->chain_cfg)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
#ifdef _OPENMP
    if (opt->threads > 0)
        omp_set_num_threads(opt->threads);
#endif

    assess_stage(log, ASSESS_CHECK, "project file and every section");
    int has_real = 0, has_cut = 0;
    rm_status st = check_project(project_path, r, problems, &has_real, &has_cut, err);
    if (st)
        goto fail;
    if (opt->draws >= 0)
        r->chain_cfg->draws = opt->draws;
    if (opt->threads > 0)
        r->chain_cfg->threads = opt->threads;
    read_truth(r);
    r->t.check_s = rm_now_s() - t0;

    t = rm_now_s();
    assess_stage(log, ASSESS_ESTIMATE, "drillholes, composites, variograms, kriging");
    rm_simulate_overrides ov = {-1, -1, -1, -1};
    ov.realizations = opt->realizations > 0 ? opt->realizations
                      : has_real            ? -1
                                            : RM_ASSESS_DEFAULT_REALIZATIONS;
    ov.threads = opt->threads > 0 ? opt->threads : -1;
    ov.write_realizations = 0;
    st = rm_simulate_job_open(project_path, &ov, log, &r->job, problems, err);
    if (st)
        goto fail;
    if (!has_cut) {
        if ((st = use_estimate_cutoffs(r->job, log, err)))
            goto fail;
        r->sim_cutoffs_from_estimate = 1;
    }
    r->t.estimate_s = rm_now_s() - t;

    t = rm_now_s();
    assess_stage(log, ASSESS_SIMULATE, "%zu realizations of SREY", r->job->params.realizations);
    if ((st = run_simulation(r, log, err)))
        goto fail;
    r->t.simulate_s = rm_now_s() - t;

    t = rm_now_s();
    assess_stage(log, ASSESS_CHAIN,
                 "mine plan, processing, supply, economics (%zu rates, %ld draws)",
                 r->chain_cfg->n_rates, r->chain_cfg->draws);
    if ((st = run_chain(r, log, err)))
        goto fail;
    r->t.chain_s = rm_now_s() - t;

    t = rm_now_s();
    assess_stage(log, ASSESS_SUPPLY, "allied chain mine to magnet under export controls, "
                 "with Minamitorishima at %zu rates", r->chain.n_rates);
    if ((st = run_supply(r, log, err)))
        goto fail;
    r->t.supply_s = rm_now_s() - t;

    t = rm_now_s();
    assess_stage(log, ASSESS_LIFT, "closed loop, pump lift, airlift at the mined area's depth");
    if ((st = run_lift(r, err)))
        goto fail;
    r->t.lift_s = rm_now_s() - t;

    t = rm_now_s();
    assess_stage(log, ASSESS_DIAGNOSTICS, "SREY variograms, leave-one-core-out "
                 "cross-validation, e-type map, truth check, neighbourhood analysis");
    if ((st = rm_resource_srey_diagnostics(&r->job->res, &r->diag, err)) ||
        (st = run_maps_and_truth(r, err)) || (st = run_kna(r, err)))
        goto fail;
    r->t.diagnostics_s = rm_now_s() - t;
    r->t.total_s = rm_now_s() - t0;
    return RM_OK;
fail:
    rm_assess_result_free(r);
    return st;
}

void rm_assess_result_free(rm_assess_result *r)
{
    if (!r)
        return;
    if (r->sim_ok)
        rm_simulate_result_free(&r->sim);
    rm_chain_result_free(&r->chain); /* zeroed or filled: safe either way */
    if (r->supply_ok)
        rm_supply_result_free(&r->supply);
    rm_snetwork_free(&r->supply_net);
    free(r->supply_econ);
    for (int s = 0; s < RM_ASSESS_NSYS; s++) {
        rm_lift_result_free(&r->lift.design[s]);
        free(r->lift.excess_pa[s]);
    }
    rm_srey_diag_free(&r->diag);
    rm_truth_blocks_free(&r->truth_blocks);
    rm_kna_table_free(&r->kna);
    free(r->maps.etype_srey_ppm);
    free(r->maps.truth_srey_ppm);
    rm_simulate_job_free(r->job);
    free(r->chain_cfg);
    memset(r, 0, sizeof *r);
}
