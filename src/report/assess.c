/* assess.c — `reemud assess` as a library call: check, estimate, simulate,
 * chain, lift and diagnostics for one project, all in memory.
 *
 * The estimate runs once: the simulation job (simulate.h) runs it to get
 * the grid, the kriged composition and density, and the chain and the
 * figures use that same kriged model.  Every section is validated before
 * any work, so a typo in [economics] fails in a second, not after the
 * simulation.  The science is in the stages; this file only sequences them
 * and gathers what the report needs.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "reemud/assess.h"
#include "reemud/io_netcdf.h"
#include "reemud/krige.h"

void rm_assess_options_default(rm_assess_options *o)
{
    o->realizations = 0;
    o->threads = 0;
    o->draws = -1;
}

static void stage(const rm_logger *log, int k, const char *what)
{
    rm_log(log, RM_LOG_INFO, "assess: [%d/8] %s", k, what);
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
    rm_ini_finish_problems(ini, p, &e);
    *has_realizations = rm_ini_has(ini, "simulate", "realizations");
    *has_cutoffs = rm_ini_has(ini, "simulate", "cutoffs_ppm");
    r->synthetic = strstr(dc.project.name, "ynthetic") != NULL ||
                   strstr(dc.project.name, "YNTHETIC") != NULL;
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
    FILE *fp = fopen(r->truth_path, "rb");
    if (!fp) {
        r->truth_path[0] = '\0';
        return;
    }
    char *buf = malloc(1 << 20);
    size_t n = buf ? fread(buf, 1, (1 << 20) - 1, fp) : 0;
    fclose(fp);
    if (!buf)
        return;
    buf[n] = '\0';
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
    const rm_composites *c = job->res.composites;
    rm_simulate_data data = {c->n, c->x, c->y, c->z, c->srey_ppm, c->weight};
    return rm_simulation_alloc(job->res.bm, &data, &job->params, log, &job->sim, err);
}

static rm_status run_simulation(rm_assess_result *r, const rm_logger *log, rm_error *err)
{
    rm_sim_partial part;
    rm_sim_totals *totals = NULL;
    float *reals = NULL;
    /* Keep every realization's ΣREY in memory for the chain (run_chain
     * frees them before anything is written). */
    r->job->params.write_realizations = 1;
    rm_status st = rm_simulate_job_run(r->job, 0, 1, &part, &totals, &reals, log, err);
    r->job->params.write_realizations = 0;
    if (!st) {
        st = rm_simulation_finish(r->job->sim, &part, totals, reals, &r->sim, err);
        r->sim_ok = st == RM_OK;
    } else {
        free(totals);
        free(reals);
    }
    rm_sim_partial_free(&part);
    return st;
}

/* ---- chain over resource realizations ---- */

/* The first n realizations as shallow block models on the kriged grid, with
 * the fields the chain reads (mineplan.c): each element El_ppm = kriged
 * El_ppm / kriged SREY_ppm × simulated ΣREY, the simulation's own split
 * (docs/simulation.md, step 5), SREY_ppm simulated; densities and the
 * water depth point at the kriged model's.  A block the simulation did not
 * simulate (outside its window, no kriged ΣREY) keeps its kriged grades. */
typedef struct real_models {
    size_t n;
    rm_blockmodel *bm;          /* n shallow models: do not rm_blockmodel_free */
    const rm_blockmodel **ptr;  /* n pointers to them, for rm_chain_run_multi */
    rm_field *fields, *surfaces;
    double *values;             /* n × (RM_NREY + 1) × nblocks */
} real_models;

static void real_models_free(real_models *m)
{
    free(m->bm), free(m->ptr), free(m->fields), free(m->surfaces), free(m->values);
    memset(m, 0, sizeof *m);
}

/* The kriged field named name, NULL if none (a surface when surface is 1). */
static const rm_field *find_field(const rm_blockmodel *bm, const char *name, int surface)
{
    size_t n = surface ? bm->n_surfaces : bm->n_fields;
    const rm_field *f = surface ? bm->surfaces : bm->fields;
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].name, name) == 0)
            return &f[i];
    return NULL;
}

/* Build n realization models from reals (realization-major, nblocks each);
 * etype marks the simulated blocks (finite). */
static rm_status real_models_build(const rm_blockmodel *kriged, const float *reals,
                                   const double *etype, size_t n, real_models *m,
                                   rm_error *err)
{
    memset(m, 0, sizeof *m);
    const size_t nf = RM_NREY + 1, nshared = 2; /* + density_t_m3, dry_density_t_m3 */
    size_t nb = rm_grid_nblocks(&kriged->grid);
    const rm_field *el[RM_NREY + 1];
    for (size_t e = 0; e < nf; e++) {
        char name[64];
        snprintf(name, sizeof name, "%s_ppm", e < RM_NREY ? rm_element((int)e)->symbol : "SREY");
        if (!(el[e] = find_field(kriged, name, 0)))
            return rm_error_set(err, RM_EINTERNAL, "assess: the kriged model has no %s", name);
    }
    const rm_field *shared[2] = {find_field(kriged, "density_t_m3", 0),
                                 find_field(kriged, "dry_density_t_m3", 0)};
    const rm_field *depth = find_field(kriged, "water_depth_m", 1);
    m->bm = calloc(n, sizeof *m->bm);
    m->ptr = calloc(n, sizeof *m->ptr);
    m->fields = calloc(n * (nf + nshared), sizeof *m->fields);
    m->surfaces = calloc(n, sizeof *m->surfaces);
    m->values = malloc(n * nf * nb * sizeof *m->values);
    if (!m->bm || !m->ptr || !m->fields || !m->surfaces || !m->values) {
        real_models_free(m);
        return rm_error_set(err, RM_ENOMEM, "out of memory for %zu realization models", n);
    }
    m->n = n;
    const double *ksrey = el[RM_NREY]->values;
    for (size_t r = 0; r < n; r++) {
        rm_blockmodel *bm = &m->bm[r];
        bm->grid = kriged->grid;
        bm->epsg = kriged->epsg;
        bm->fields = m->fields + r * (nf + nshared);
        const float *sim = reals + r * nb;
        for (size_t e = 0; e < nf; e++) {
            rm_field *f = &bm->fields[bm->n_fields++];
            *f = *el[e];
            f->values = m->values + (r * nf + e) * nb;
            const double *k = el[e]->values;
            for (size_t b = 0; b < nb; b++) {
                int simulated = isfinite(etype[b]) && ksrey[b] > 0 && isfinite(sim[b]);
                f->values[b] = !simulated      ? k[b]
                               : e == RM_NREY ? (double)sim[b]
                                              : k[b] / ksrey[b] * (double)sim[b];
            }
        }
        for (size_t s = 0; s < nshared; s++)
            if (shared[s])
                bm->fields[bm->n_fields++] = *shared[s];
        bm->cap_fields = bm->n_fields;
        if (depth) {
            bm->surfaces = &m->surfaces[r];
            bm->surfaces[0] = *depth;
            bm->n_surfaces = bm->cap_surfaces = 1;
        }
        m->ptr[r] = bm;
    }
    return RM_OK;
}

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
    real_models m;
    st = real_models_build(kriged, reals, r->sim.etype_srey_ppm, n, &m, err);
    free(reals);
    if (st)
        return st;
    rm_log(log, RM_LOG_INFO, "assess: chain: %ld NPV draws over %zu resource realizations",
           r->chain_cfg->draws, n);
    rm_chain_result mc;
    st = rm_chain_run_multi(m.ptr, m.n, r->chain_cfg, &mc, err);
    real_models_free(&m);
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

/* ---- diagnostics ---- */

/* A model as text with 3–4 significant digits, for people to read. */
static void model_text_short(const rm_vgm_model *m, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int q = 0; q < m->n && o + 1 < size; q++) {
        const rm_vgm_struct *s = &m->s[q];
        o += (size_t)snprintf(buf + o, size - o, "%s%.3g %s", q ? " + " : "", s->sill,
                              s->type->name);
        if (!s->type->has_range || o + 1 >= size)
            continue;
        o += (size_t)snprintf(buf + o, size - o, "(");
        for (int k = 0; k < s->n_ranges && o + 1 < size; k++)
            o += (size_t)snprintf(buf + o, size - o, "%s%.4g", k ? ", " : "", s->range[k]);
        if (o + 1 < size)
            o += (size_t)snprintf(buf + o, size - o, ")");
    }
}

static rm_status vario_alloc(rm_assess_vario *v, size_t n, rm_error *err)
{
    v->n = n;
    v->lag_m = calloc(n ? n : 1, sizeof *v->lag_m);
    v->gamma_ppm2 = calloc(n ? n : 1, sizeof *v->gamma_ppm2);
    v->pairs = calloc(n ? n : 1, sizeof *v->pairs);
    if (!v->lag_m || !v->gamma_ppm2 || !v->pairs)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    return RM_OK;
}

static void vario_free(rm_assess_vario *v)
{
    free(v->lag_m), free(v->gamma_ppm2), free(v->pairs);
    memset(v, 0, sizeof *v);
}

/* Pool sums of pairs into v (pair-weighted lag and γ), then normalise. */
static void vario_pool(rm_assess_vario *v, const rm_vario *e)
{
    for (size_t b = 0; b < e->n_bins && b < v->n; b++) {
        if (!(e->np[b] > 0))
            continue;
        v->pairs[b] += e->np[b];
        v->lag_m[b] += e->np[b] * e->dist[b];
        v->gamma_ppm2[b] += e->np[b] * e->gamma[b];
    }
}

static void vario_finish(rm_assess_vario *v)
{
    for (size_t b = 0; b < v->n; b++) {
        if (v->pairs[b] > 0) {
            v->lag_m[b] /= v->pairs[b];
            v->gamma_ppm2[b] /= v->pairs[b];
        } else {
            v->lag_m[b] = v->gamma_ppm2[b] = NAN;
        }
    }
}

/* Experimental ΣREY variograms as the estimate computes them (horizontal
 * within composite layers, downhole within cores), the shared model in
 * ΣREY units (intrinsic correlation: γ_ΣREY = Var(ΣREY)/sill · γ_std), and
 * leave-one-core-out cross-validation with that model. */
/* ---- maps and the truth check ---- */

/* Share of block layer k inside [top, bottom] mbsf. */
static double window_share(const rm_grid *g, size_t k, double top, double bottom)
{
    double zt = g->z0 + (double)k * g->dz, zb = zt + g->dz;
    double a = fmax(zt, top), b = fmin(zb, bottom);
    return b > a ? (b - a) / g->dz : 0.0;
}

/* Tonnage-weighted column means of v over the window into map (nx*ny). */
static void column_means(const rm_blockmodel *bm, const double *v, double top, double bottom,
                         double *map)
{
    const rm_grid *g = &bm->grid;
    const double *mud = rm_blockmodel_get(bm, "mud_t");
    size_t plane = g->nx * g->ny;
    for (size_t c = 0; c < plane; c++) {
        double w = 0, s = 0;
        for (size_t k = 0; mud && k < g->nz; k++) {
            size_t b = c + plane * k;
            double f = window_share(g, k, top, bottom);
            if (f <= 0 || !isfinite(mud[b]) || !isfinite(v[b]))
                continue;
            w += f * mud[b];
            s += f * mud[b] * v[b];
        }
        map[c] = w > 0 ? s / w : NAN;
    }
}

/* ΣREY of every block of a truth model (sum of the 15 REY). */
static double *truth_srey(const rm_blockmodel *truth, size_t nblocks, rm_error *err)
{
    double *srey = calloc(nblocks ? nblocks : 1, sizeof *srey);
    if (!srey) {
        rm_error_set(err, RM_ENOMEM, "out of memory");
        return NULL;
    }
    for (int e = 0; e < RM_NREY; e++) {
        char name[64];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        const double *v = rm_blockmodel_get(truth, name);
        if (!v) {
            free(srey);
            rm_error_set(err, RM_EINVAL, "truth has no field %s", name);
            return NULL;
        }
        for (size_t b = 0; b < nblocks; b++)
            srey[b] += v[b];
    }
    return srey;
}

static rm_status run_maps_and_truth(rm_assess_result *r, rm_error *err)
{
    const rm_blockmodel *bm = r->job->res.bm;
    const rm_grid *g = &bm->grid;
    double top = r->job->params.top_mbsf, bottom = r->job->params.bottom_mbsf;
    size_t plane = g->nx * g->ny, nblocks = plane * g->nz;
    if (r->sim.etype_srey_ppm) {
        if (!(r->maps.etype_srey_ppm = malloc(plane * sizeof(double))))
            return rm_error_set(err, RM_ENOMEM, "out of memory");
        column_means(bm, r->sim.etype_srey_ppm, top, bottom, r->maps.etype_srey_ppm);
    }
    rm_assess_truth_blocks *tb = &r->truth_blocks;
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
    double *ts = NULL;
    if (rm_io_read_blockmodel_nc(path, &truth, &e) ||
        rm_resource_check_truth(bm, truth, top, bottom, &tb->by_class, &e) ||
        !(ts = truth_srey(truth, nblocks, &e))) {
        /* No block model (only the summary): the totals check remains. */
        snprintf(tb->error, sizeof tb->error, "%s", e.message);
        rm_blockmodel_free(truth);
        return RM_OK;
    }
    rm_blockmodel_free(truth);
    const double *est = rm_blockmodel_get(bm, "SREY_ppm");
    const double *etype = r->sim.etype_srey_ppm;
    tb->estimate_ppm = malloc(nblocks * sizeof(double));
    tb->truth_ppm = malloc(nblocks * sizeof(double));
    r->maps.truth_srey_ppm = malloc(plane * sizeof(double));
    if (!tb->estimate_ppm || !tb->truth_ppm || !r->maps.truth_srey_ppm || !est) {
        free(ts);
        return est ? rm_error_set(err, RM_ENOMEM, "out of memory")
                   : rm_error_set(err, RM_EINTERNAL, "assess: the block model has no SREY_ppm");
    }
    column_means(bm, ts, top, bottom, r->maps.truth_srey_ppm);
    double se = 0, sq = 0, sqe = 0, me = 0, mt = 0;
    size_t ne = 0;
    for (size_t b = 0; b < nblocks; b++) {
        if (window_share(g, b / plane, top, bottom) <= 0 || !isfinite(est[b]) ||
            !isfinite(ts[b]))
            continue;
        tb->estimate_ppm[tb->n] = est[b];
        tb->truth_ppm[tb->n] = ts[b];
        tb->n++;
        double d = est[b] - ts[b];
        se += d;
        sq += d * d;
        me += est[b];
        mt += ts[b];
        if (etype && isfinite(etype[b])) {
            sqe += (etype[b] - ts[b]) * (etype[b] - ts[b]);
            ne++;
        }
    }
    free(ts);
    tb->ok = tb->n > 1;
    if (tb->ok) {
        double n = (double)tb->n;
        me /= n, mt /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (size_t i = 0; i < tb->n; i++) {
            double a = tb->estimate_ppm[i] - me, c = tb->truth_ppm[i] - mt;
            sxy += a * c, sxx += a * a, syy += c * c;
        }
        tb->mean_error_ppm = se / n;
        tb->rmse_ppm = sqrt(sq / n);
        tb->correlation = sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NAN;
        tb->etype_rmse_ppm = ne ? sqrt(sqe / (double)ne) : NAN;
    }
    return RM_OK;
}

static rm_status run_diagnostics(rm_assess_result *r, rm_error *err)
{
    rm_assess_diag *d = &r->diag;
    const rm_resource_result *res = &r->job->res;
    const rm_composites *c = res->composites;
    const rm_estimate_config *ec = &res->cfg;
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++)
        n += isfinite(c->srey_ppm[i]) != 0;
    if (n < 3)
        return rm_error_set(err, RM_EDATA, "diagnostics: only %zu composites with SREY", n);
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *z = malloc(n * sizeof *z);
    double *v = malloc(n * sizeof *v), *xyz = malloc(3 * n * sizeof *xyz);
    long *hole = malloc(n * sizeof *hole), *layer = malloc(n * sizeof *layer);
    double *px = malloc(n * sizeof *px), *py = malloc(n * sizeof *py);
    double *pv = malloc(n * sizeof *pv);
    rm_krige *k = NULL;
    rm_status st = RM_OK;
    if (!x || !y || !z || !v || !xyz || !hole || !layer || !px || !py || !pv) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    long n_layers = 0;
    double mean = 0;
    size_t m = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (!isfinite(c->srey_ppm[i]))
            continue;
        x[m] = c->x[i], y[m] = c->y[i], z[m] = c->z[i], v[m] = c->srey_ppm[i];
        xyz[3 * m] = x[m], xyz[3 * m + 1] = y[m], xyz[3 * m + 2] = z[m];
        hole[m] = (long)c->hole[i];
        layer[m] = (long)floor(c->from_m[i] / c->length_m + 1e-6);
        if (layer[m] + 1 > n_layers)
            n_layers = layer[m] + 1;
        mean += v[m];
        m++;
    }
    mean /= (double)n;
    double var = 0;
    for (size_t i = 0; i < n; i++)
        var += (v[i] - mean) * (v[i] - mean);
    d->srey_variance_ppm2 = var / (double)n;

    /* Model in ΣREY units. */
    if ((st = rm_vgm_parse(res->shared_model_text, &d->srey_model, err)))
        goto done;
    double sill = rm_vgm_sill(&d->srey_model);
    for (int q = 0; q < d->srey_model.n; q++)
        d->srey_model.s[q].sill *= sill > 0 ? d->srey_variance_ppm2 / sill : 1.0;
    if ((st = rm_vgm_update(&d->srey_model, err)))
        goto done;
    model_text_short(&d->srey_model, d->srey_model_text, sizeof d->srey_model_text);

    /* Horizontal: pooled over layers. */
    rm_vario_params hp;
    rm_vario_params_default(&hp);
    hp.cutoff = ec->horizontal_cutoff_m > 0 ? ec->horizontal_cutoff_m
                                            : rm_vario_default_cutoff(x, y, NULL, n);
    hp.width = ec->horizontal_width_m > 0 ? ec->horizontal_width_m : hp.cutoff / 15;
    hp.threads = 1;
    /* Cores all at one position: no horizontal lag, no horizontal variogram
     * (cutoff 0 made 0/0 lags, an allocation of 2^63 bins). */
    size_t nb = hp.cutoff > 0 && hp.width > 0 ? (size_t)ceil(hp.cutoff / hp.width - 1e-9) : 0;
    if ((st = vario_alloc(&d->horizontal, nb, err)))
        goto done;
    for (long L = 0; L < n_layers && nb > 0; L++) {
        size_t q = 0;
        for (size_t i = 0; i < n; i++)
            if (layer[i] == L)
                px[q] = x[i], py[q] = y[i], pv[q] = v[i], q++;
        if (q < 2)
            continue;
        rm_vario *e = NULL;
        if ((st = rm_vario_compute(px, py, NULL, pv, NULL, q, &hp, &e, err)))
            goto done;
        vario_pool(&d->horizontal, e);
        rm_vario_free(e);
    }
    vario_finish(&d->horizontal);
    /* Downhole. */
    rm_vario_params vp;
    rm_vario_params_default(&vp);
    vp.kind = RM_VARIO_DOWNHOLE;
    vp.cutoff = ec->downhole_cutoff_m;
    vp.width = ec->downhole_width_m > 0 ? ec->downhole_width_m : c->length_m;
    vp.threads = 1;
    rm_vario *e = NULL;
    if ((st = rm_vario_compute(x, y, z, v, hole, n, &vp, &e, err)))
        goto done;
    st = vario_alloc(&d->downhole, e->n_bins, err);
    if (!st) {
        vario_pool(&d->downhole, e);
        vario_finish(&d->downhole);
    }
    rm_vario_free(e);
    if (st)
        goto done;

    /* Leave one core out, with the estimate's search. */
    rm_krige_params kp;
    rm_krige_params_default(&kp);
    kp.nmax = (size_t)ec->nmax;
    kp.nmin = (size_t)ec->nmin;
    kp.maxdist = ec->maxdist_m;
    kp.hole_max = (int)ec->hole_max;
    kp.threads = (int)ec->threads;
    if ((st = rm_krige_alloc(&kp, &d->srey_model, xyz, v, n, 1, NULL, hole, &k, err)))
        goto done;
    size_t ns = rm_krige_n_samples(k);
    double *est = malloc(ns * sizeof *est);
    d->xval_observed = malloc(ns * sizeof *d->xval_observed);
    d->xval_estimated = malloc(ns * sizeof *d->xval_estimated);
    if (!est || !d->xval_observed || !d->xval_estimated) {
        free(est);
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    rm_krige_out ko = {.est = est};
    if ((st = rm_krige_xval(k, RM_XVAL_HOLE, &ko, NULL, NULL, err))) {
        free(est);
        goto done;
    }
    double se = 0, sse = 0, so = 0, sy = 0, soo = 0, syy = 0, soy = 0;
    size_t q = 0;
    for (size_t i = 0; i < ns; i++) {
        double p3[3], obs;
        long h;
        rm_krige_sample(k, i, p3, &obs, &h);
        if (!isfinite(est[i]))
            continue;
        d->xval_observed[q] = obs;
        d->xval_estimated[q] = est[i];
        double res_i = obs - est[i];
        se += res_i, sse += res_i * res_i;
        so += obs, sy += est[i], soo += obs * obs, syy += est[i] * est[i], soy += obs * est[i];
        q++;
    }
    free(est);
    d->n_xval = q;
    if (q) {
        double nq = (double)q;
        d->xval_mean_error_ppm = se / nq;
        d->xval_rmse_ppm = sqrt(sse / nq);
        double cov = soy / nq - so / nq * sy / nq;
        double vo = soo / nq - so / nq * so / nq, vy = syy / nq - sy / nq * sy / nq;
        d->xval_correlation = vo > 0 && vy > 0 ? cov / sqrt(vo * vy) : NAN;
    } else {
        d->xval_mean_error_ppm = d->xval_rmse_ppm = d->xval_correlation = NAN;
    }
done:
    rm_krige_free(k);
    free(x), free(y), free(z), free(v), free(xyz), free(hole), free(layer);
    free(px), free(py), free(pv);
    return st;
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

    stage(log, 1, "check: project file and every section");
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
    stage(log, 2, "estimate: drillholes, composites, variograms, kriging");
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
    rm_log(log, RM_LOG_INFO, "assess: [3/8] simulate: %zu realizations of SREY",
           r->job->params.realizations);
    if ((st = run_simulation(r, log, err)))
        goto fail;
    r->t.simulate_s = rm_now_s() - t;

    t = rm_now_s();
    rm_log(log, RM_LOG_INFO,
           "assess: [4/8] chain: mine plan, processing, supply, economics (%zu rates, %ld draws)",
           r->chain_cfg->n_rates, r->chain_cfg->draws);
    if ((st = run_chain(r, log, err)))
        goto fail;
    r->t.chain_s = rm_now_s() - t;

    t = rm_now_s();
    stage(log, 5, "lift: closed loop, pump lift, airlift at the mined area's depth");
    if ((st = run_lift(r, err)))
        goto fail;
    r->t.lift_s = rm_now_s() - t;

    t = rm_now_s();
    stage(log, 6, "diagnostics: SREY variograms, leave-one-core-out cross-validation, "
                  "e-type map, truth check");
    if ((st = run_diagnostics(r, err)) || (st = run_maps_and_truth(r, err)))
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
    for (int s = 0; s < RM_ASSESS_NSYS; s++)
        rm_lift_result_free(&r->lift.design[s]);
    vario_free(&r->diag.horizontal);
    vario_free(&r->diag.downhole);
    free(r->diag.xval_observed);
    free(r->diag.xval_estimated);
    free(r->truth_blocks.estimate_ppm);
    free(r->truth_blocks.truth_ppm);
    free(r->maps.etype_srey_ppm);
    free(r->maps.truth_srey_ppm);
    rm_simulate_job_free(r->job);
    free(r->chain_cfg);
    memset(r, 0, sizeof *r);
}
