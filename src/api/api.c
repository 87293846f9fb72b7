/* api.c — flat entry points for bindings (include/reemud/api.h): kriging,
 * simulation and variograms on caller's arrays, and the project stages run
 * as the commands run them.
 *
 * The stage functions follow cli/cmd_*.c step for step (same readers, same
 * checks, same writers, same run.json), so a binding's results equal the
 * command line's; only flag parsing and printing are left out.
 */
#include <dirent.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "reemud/api.h"
#include "reemud/assess.h"
#include "reemud/chain.h"
#include "reemud/config.h"
#include "reemud/data.h"
#include "reemud/io_netcdf.h"
#include "reemud/krige.h"
#include "reemud/lift.h"
#include "reemud/resource.h"
#include "reemud/sgs.h"
#include "reemud/report.h"
#include "reemud/report_supply.h"
#include "reemud/simulate.h"
#include "reemud/supply.h"
#include "reemud/variogram.h"

#include "stage.h"

/* free() for what the rm_api_* functions return (the caller's allocator may differ). */
void rm_api_free(void *p)
{
    free(p);
}

/* The API version of include/reemud/api.h; a binding refuses another. */
int rm_api_version(void)
{
    return 1;
}

/* Capabilities decided when the library was built: "trend" is there when
 * krige.h has the engine's drift terms (RM_KRIGE_MAX_DRIFT). */
int rm_api_has(const char *capability)
{
    if (!capability)
        return 0;
#ifdef RM_KRIGE_MAX_DRIFT
    /* The engine's universal kriging / external drift (krige.h). */
    if (!strcmp(capability, "trend"))
        return 1;
#endif
    /* The allied supply network (src/supply/, rm_api_supply). */
    if (!strcmp(capability, "supply"))
        return 1;
    return 0;
}

/* A logger on stderr at level, or NULL (silent) for level < 0. */
static const rm_logger *stage_logger(rm_logger *buf, int level)
{
    if (level < 0)
        return NULL;
    buf->level = (rm_log_level)level;
    buf->stream = stderr;
    return buf;
}

/* ---- Kriging ---- */

/* The command line's defaults: ordinary point kriging, all samples, nmin 1. */
void rm_api_krige_options_default(rm_api_krige_options *o)
{
    memset(o, 0, sizeof *o);
    o->nmin = 1;
}

/* rm_api_krige_ext without external drifts. */
rm_status rm_api_krige(const char *model_text, const double *xyz, const double *values,
                       size_t n, size_t nvar, const long *hole, const double *sk_mean,
                       const double *txyz, size_t nt, const double *grid,
                       const rm_api_krige_options *o,
                       double *est, double *var, int *nn, double *mean_dist,
                       double *lagrange, double *slope, double *ke, double *sample_xyz,
                       double *observed, size_t *nrows, size_t counts[4], rm_error *err)
{
    return rm_api_krige_ext(model_text, xyz, values, n, nvar, hole, sk_mean, txyz, nt, grid,
                            NULL, NULL, 0, o, est, var, nn, mean_dist, lagrange, slope, ke,
                            sample_xyz, observed, nrows, counts, err);
}

/* Kriging or cross-validation of caller's arrays with the options of
 * `reemud krige` (cli/cmd_krige.c): the same rm_krige_* calls, so the same
 * numbers.  Output arrays hold max(nt, n) rows; see api.h. */
rm_status rm_api_krige_ext(const char *model_text, const double *xyz, const double *values,
                           size_t n, size_t nvar, const long *hole, const double *sk_mean,
                           const double *txyz, size_t nt, const double *grid,
                           const double *ext, const double *text, size_t n_ext,
                           const rm_api_krige_options *o, double *est, double *var, int *nn,
                           double *mean_dist, double *lagrange, double *slope, double *ke,
                           double *sample_xyz, double *observed, size_t *nrows,
                           size_t counts[4], rm_error *err)
{
    if (!model_text || !xyz || !values || !o || nvar == 0)
        return rm_error_set(err, RM_EINVAL, "krige: missing model, samples or options");
    if (n == 0)
        return rm_error_set(err, RM_EDATA, "krige: no samples");
    if (o->nmin < 1 || o->nmax < 0 || (o->nmax > 0 && o->nmin > o->nmax))
        return rm_error_set(err, RM_EINVAL, "krige: nmin %ld must be >= 1 and <= nmax %ld",
                            o->nmin, o->nmax);
    if (o->xval == 2 && !hole)
        return rm_error_set(err, RM_EINVAL, "krige: leave-one-hole-out needs hole ids");
    if (o->hole_max > 0 && !hole)
        return rm_error_set(err, RM_EINVAL, "krige: hole_max needs hole ids");
    if (!o->xval && nt > 0 && !txyz && !grid)
        return rm_error_set(err, RM_EINVAL, "krige: no targets");
    double gfirst[3], gstep[3];
    size_t gcount[3] = {0, 0, 0};
    if (!o->xval && !txyz && grid) {
        for (int a = 0; a < 3; a++) {
            gfirst[a] = grid[a];
            gstep[a] = grid[3 + a];
            if (!(grid[6 + a] >= 1) || grid[6 + a] > 1e9)
                return rm_error_set(err, RM_EINVAL, "krige: grid count %g on axis %d", grid[6 + a],
                                    a);
            gcount[a] = (size_t)grid[6 + a];
        }
        if (gcount[0] * gcount[1] * gcount[2] != nt)
            return rm_error_set(err, RM_EINVAL, "krige: grid has %zu nodes, not %zu",
                                gcount[0] * gcount[1] * gcount[2], nt);
    }
#ifdef RM_KRIGE_MAX_DRIFT
    if (o->trend < 0 || o->trend > 2)
        return rm_error_set(err, RM_EINVAL, "krige: trend %d: 0 none, 1 linear, 2 quadratic",
                            o->trend);
    if (n_ext > 0 && (!ext || (!o->xval && nt > 0 && !text)))
        return rm_error_set(err, RM_EINVAL, "krige: external drift needs its values at the "
                                            "samples and at the targets");
    if (n_ext > 0 && !o->xval && !txyz)
        return rm_error_set(err, RM_EINVAL, "krige: external drift needs target points, "
                                            "not a grid");
#else
    (void)text;
    if (o->trend || n_ext > 0)
        return rm_error_set(err, RM_EINVAL, "krige: universal kriging and external drift "
                                            "are not in this build of the engine");
#endif
    rm_vgm_model model;
    rm_status st = rm_vgm_parse(model_text, &model, err);
    if (st)
        return st;
    rm_krige_params p;
    rm_krige_params_default(&p);
    p.kind = o->simple ? RM_KRIGE_SIMPLE : RM_KRIGE_ORDINARY;
    p.nmax = (size_t)o->nmax;
    p.nmin = (size_t)o->nmin;
    if (o->maxdist > 0)
        p.maxdist = o->maxdist;
    p.octant_max = o->octant_max;
    p.hole_max = o->hole_max;
    p.search_euclidean = o->search_euclidean;
    memcpy(p.block, o->block, sizeof p.block);
    p.discr = o->discr;
    p.threads = o->threads;
    rm_krige *k = NULL;
#ifdef RM_KRIGE_MAX_DRIFT
    p.trend = o->trend;
    p.trend_ndim = o->trend_ndim;
    st = rm_krige_alloc_ext(&p, &model, xyz, values, n, nvar, n_ext ? ext : NULL, n_ext,
                            o->simple ? sk_mean : NULL, hole, &k, err);
#else
    st = rm_krige_alloc(&p, &model, xyz, values, n, nvar, o->simple ? sk_mean : NULL, hole, &k,
                        err);
#endif
    if (st)
        return st;
    rm_krige_out out = {est, var, nn, mean_dist, lagrange, slope, ke};
    rm_krige_stats ks;
    memset(&ks, 0, sizeof ks);
    size_t rows = nt;
    if (o->xval) {
        rows = rm_krige_n_samples(k);
        for (size_t i = 0; i < rows; i++)
            rm_krige_sample(k, i, sample_xyz ? &sample_xyz[3 * i] : (double[3]){0, 0, 0},
                            observed ? &observed[i * nvar] : NULL, NULL);
        st = rm_krige_xval(k, o->xval == 2 ? RM_XVAL_HOLE : RM_XVAL_LOO, &out, NULL, &ks, err);
    } else if (txyz) {
#ifdef RM_KRIGE_MAX_DRIFT
        st = n_ext ? rm_krige_targets_ext(k, txyz, text, nt, &out, &ks, err)
                   : rm_krige_targets(k, txyz, nt, &out, &ks, err);
#else
        st = rm_krige_targets(k, txyz, nt, &out, &ks, err);
#endif
    } else {
        st = rm_krige_grid(k, gfirst, gstep, gcount, &out, &ks, err);
    }
    if (nrows)
        *nrows = rows;
    if (counts) {
        counts[0] = rm_krige_n_merged(k);
        counts[1] = ks.n_empty;
        counts[2] = ks.n_singular;
        counts[3] = rows;
    }
    rm_krige_free(k);
    return st;
}

/* `reemud krige --sim` (cli/krige_sim.c) on caller's arrays. */
rm_status rm_api_simulate_grid(const char *model, const double *xyz, const double *values,
                               size_t n, int ndim, const double first[3],
                               const double step[3], const size_t count[3], size_t nmax,
                               double maxdist, double sk_mean, size_t nsim, long seed,
                               int nscore, int multigrid, int threads, double *sims,
                               rm_error *err)
{
    if (!model || !xyz || !values || !sims || (ndim != 2 && ndim != 3) || nsim == 0)
        return rm_error_set(err, RM_EINVAL, "simulate: bad arguments");
    if (n == 0)
        return rm_error_set(err, RM_EDATA, "simulate: no samples");
    if (nmax > 128)
        return rm_error_set(err, RM_EINVAL, "simulate: nmax %zu: at most 128", nmax);
    rm_sgs_params p;
    memset(&p, 0, sizeof p);
    p.nmax = nmax ? nmax : 24;
    p.sk_mean = sk_mean;
    p.multigrid = multigrid;
    p.seed = (uint64_t)seed;
    rm_status st = rm_vgm_parse(model, &p.model, err);
    if (st)
        return st;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *z = calloc(n, sizeof *z);
    if (!x || !y || !z) {
        free(x), free(y), free(z);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        x[i] = xyz[3 * i];
        y[i] = xyz[3 * i + 1];
        if (ndim == 3)
            z[i] = xyz[3 * i + 2];
    }
    double range = rm_vgm_max_range(&p.model);
    p.radius = maxdist > 0 && range > 0 ? maxdist / range
                                           : rm_vgm_practical_range_factor(&p.model);
    rm_grid g = rm_grid_from_nodes(first, step, count, ndim);
    rm_sgs_data d = {n, x, y, z, values};
    st = rm_sgs_simulate_grid(&g, &d, &p, nscore, nsim, threads, sims, err);
    free(x), free(y), free(z);
    return st;
}

/* ---- Variograms ---- */

/* Omnidirectional, gstat's default cutoff and width, tolerance 22.5°. */
void rm_api_vario_options_default(rm_api_vario_options *o)
{
    memset(o, 0, sizeof *o);
    o->tol_deg = 22.5;
}

/* x rounded to 7 significant digits, as `reemud vario --fit` prints. */
static double round_sig7(double x)
{
    if (x == 0 || !isfinite(x))
        return x;
    char buf[32];
    snprintf(buf, sizeof buf, "%.7g", x);
    return strtod(buf, NULL);
}

/* `reemud vario` (cli/cmd_vario.c) on caller's arrays: bins with pairs
 * only, the fit rounded as the command prints it. */
rm_status rm_api_vario(const double *xyz, int ndim, const double *values, const long *hole,
                       size_t n, const rm_api_vario_options *o, const char *fit,
                       size_t *nbins, double **np_out, double **dist_out, double **gamma_out,
                       double **gmodel_out, char *fitted, size_t fitted_size, rm_error *err)
{
    *nbins = 0;
    *np_out = *dist_out = *gamma_out = NULL;
    if (gmodel_out)
        *gmodel_out = NULL;
    if (!xyz || !values || !o || (ndim != 2 && ndim != 3))
        return rm_error_set(err, RM_EINVAL, "vario: bad arguments");
    if (o->downhole && (!hole || ndim != 3))
        return rm_error_set(err, RM_EINVAL, "vario: a downhole variogram needs hole ids and "
                                            "three coordinates");
    rm_vario_params p;
    rm_vario_params_default(&p);
    p.cutoff = o->cutoff;
    p.width = o->width;
    p.threads = o->threads;
    if (o->directional) {
        p.kind = RM_VARIO_DIRECTIONAL;
        p.azimuth_deg = o->azimuth_deg;
        p.dip_deg = o->dip_deg;
        p.tol_deg = o->tol_deg;
        p.bandwidth = o->bandwidth;
    } else if (o->downhole) {
        p.kind = RM_VARIO_DOWNHOLE;
    }
    rm_vgm_model model;
    rm_status st;
    if (fit && (st = rm_vgm_parse(fit, &model, err)))
        return st;
    double *x = malloc((n + 1) * sizeof *x), *y = malloc((n + 1) * sizeof *y);
    double *z = ndim == 3 ? malloc((n + 1) * sizeof *z) : NULL;
    if (!x || !y || (ndim == 3 && !z)) {
        free(x), free(y), free(z);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        x[i] = xyz[3 * i];
        y[i] = xyz[3 * i + 1];
        if (z)
            z[i] = xyz[3 * i + 2];
    }
    rm_vario *vg = NULL;
    st = rm_vario_compute(x, y, z, values, o->downhole ? hole : NULL, n, &p, &vg, err);
    free(x), free(y), free(z);
    if (st)
        return st;
    if (fit) {
        rm_vgm_fit_info info;
        st = rm_vgm_fit(&model, vg, NULL, &info, err);
        for (int i = 0; !st && i < model.n; i++) {
            model.s[i].sill = round_sig7(model.s[i].sill);
            for (int k = 0; k < 3; k++)
                model.s[i].range[k] = round_sig7(model.s[i].range[k]);
        }
        if (!st)
            st = rm_vgm_update(&model, err);
        if (!st && fitted)
            st = rm_vgm_format(&model, fitted, fitted_size, err);
    }
    size_t m = 0;
    for (size_t k = 0; k < vg->n_bins; k++)
        m += vg->np[k] > 0;
    double *np = malloc((m + 1) * sizeof *np), *dist = malloc((m + 1) * sizeof *dist);
    double *gamma = malloc((m + 1) * sizeof *gamma);
    double *gm = fit && gmodel_out ? malloc((m + 1) * sizeof *gm) : NULL;
    if (!st && (!np || !dist || !gamma || (fit && gmodel_out && !gm)))
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
    if (st) {
        free(np), free(dist), free(gamma), free(gm);
        rm_vario_free(vg);
        return st;
    }
    /* As `reemud vario`: along the direction when one is given, else along
     * the model's major range. */
    const double deg = M_PI / 180.0;
    double u[3] = {sin(p.azimuth_deg * deg), cos(p.azimuth_deg * deg), 0.0};
    if (ndim == 3)
        for (int c = 0; c < 3; c++)
            u[c] = c < 2 ? u[c] * cos(p.dip_deg * deg) : sin(p.dip_deg * deg);
    size_t j = 0;
    for (size_t k = 0; k < vg->n_bins; k++) {
        if (vg->np[k] == 0)
            continue;
        np[j] = vg->np[k];
        dist[j] = vg->dist[k];
        gamma[j] = vg->gamma[k];
        if (gm) {
            double h = vg->dist[k];
            gm[j] = o->directional ? rm_vgm_gamma(&model, h * u[0], h * u[1], h * u[2])
                                   : rm_vgm_gamma_h(&model, h);
        }
        j++;
    }
    rm_vario_free(vg);
    *nbins = m;
    *np_out = np;
    *dist_out = dist;
    *gamma_out = gamma;
    if (gmodel_out)
        *gmodel_out = gm;
    return RM_OK;
}

/* γ of a MODEL string at m separations (x, y, z). */
rm_status rm_api_vgm_gamma(const char *model_text, const double *d, size_t m, double *gamma,
                           rm_error *err)
{
    rm_vgm_model model;
    rm_status st = rm_vgm_parse(model_text, &model, err);
    if (st)
        return st;
    for (size_t i = 0; i < m; i++)
        gamma[i] = rm_vgm_gamma(&model, d[3 * i], d[3 * i + 1], d[3 * i + 2]);
    return RM_OK;
}

/* ---- Project stages ---- */

/* Keep the project's values (negative), messages from warnings up. */
void rm_api_stage_options_default(rm_api_stage_options *o)
{
    memset(o, 0, sizeof *o);
    o->threads = -1;
    o->realizations = -1;
    o->seed = -1;
    o->draws = -1;
    o->log_level = RM_LOG_WARN;
}

/* Turn a problem list into a status: RM_EDATA with the first problem and
 * the count in err (the messages stay in p for the caller). */
static rm_status problems_to_status(const rm_problems *p, const char *what, rm_error *err)
{
    if (!p->count)
        return RM_OK;
    if (p->kept)
        return rm_error_set(err, RM_EDATA, "%s (%zu problem%s in %s)", p->messages[0],
                            p->count, p->count == 1 ? "" : "s", what);
    return rm_error_set(err, RM_EDATA, "%zu problems in %s", p->count, what);
}

/* Add the statistics of one column to a JSON object under name. */
static void json_stats(cJSON *obj, const char *name, const double *v, const double *w, size_t n)
{
    rm_stats s;
    rm_stats_compute(v, w, n, &s, NULL);
    cJSON *o = cJSON_AddObjectToObject(obj, name);
    cJSON_AddNumberToObject(o, "n", (double)s.n);
    if (s.n == 0)
        return;
    cJSON_AddNumberToObject(o, "min", s.min);
    cJSON_AddNumberToObject(o, "mean", s.mean);
    cJSON_AddNumberToObject(o, "max", s.max);
    cJSON_AddNumberToObject(o, "cv", s.cv);
    cJSON_AddNumberToObject(o, "declustered_mean", s.wmean);
    cJSON_AddNumberToObject(o, "declustered_cv", s.wcv);
}

/* The sections of the later stages, read as estimate, simulate, chain and
 * lift read them, so that check accepts exactly the project files the
 * stages accept (an unknown [grid] key, dx_m = 0, a MODEL that does not
 * parse, nmin > nmax, a reporting window off the blocks, [supply] years
 * that are not FROM:TO ...).  Problems go
 * to problems. */
static void check_later_stages(rm_ini *ini, rm_problems *problems)
{
    rm_error e;
    rm_estimate_config ec;
    rm_estimate_config_read(ini, &ec, problems, &e);
    rm_simulate_params sp;
    rm_simulate_params_default(&sp);
    if (rm_simulate_params_read(ini, &sp, &e)) {
        rm_problems_add(problems, NULL, 0, NULL, "%s", e.message);
    } else {
        rm_status first = RM_OK;
        rm_window_check(ini, &ec, "simulate", "top_mbsf", "bottom_mbsf", NULL, sp.top_mbsf,
                        sp.bottom_mbsf, 0, problems, &first, &e);
    }
    rm_chain_config *cc = malloc(sizeof *cc);
    char datadir[4096];
    snprintf(datadir, sizeof datadir, "%s/data", rm_datadir());
    if (!cc)
        rm_problems_add(problems, NULL, 0, NULL, "out of memory");
    else if (rm_chain_config_default(cc, datadir, &e))
        rm_problems_add(problems, NULL, 0, NULL, "%s", e.message);
    else if (rm_chain_config_read(cc, ini, &e))
        rm_problems_add(problems, NULL, 0, NULL, "%s", e.message);
    free(cc);
    /* [supply]: its tables and the run's settings, as supply and assess read them */
    rm_snetwork net;
    rm_supply_run_config *scfg = calloc(1, sizeof *scfg);
    memset(&net, 0, sizeof net);
    if (!scfg)
        rm_problems_add(problems, NULL, 0, NULL, "out of memory");
    else if (rm_supply_setup(ini, datadir, &net, scfg, &e))
        rm_problems_add(problems, NULL, 0, NULL, "%s", e.message);
    rm_snetwork_free(&net);
    free(scfg);
    if (rm_ini_has_section(ini, "lift")) {
        rm_lift_params lp;
        rm_lift_params_default(&lp);
        if (rm_lift_params_from_ini(ini, &lp, &e))
            rm_problems_add(problems, NULL, 0, NULL, "%s", e.message);
    }
}

/* One sequence for `reemud check` (cli/cmd_check.c) and rm_api_check
 * (src/api/stage.h). */
rm_status rm_stage_check(const char *project, const rm_logger *log, rm_stage_check_result *r,
                         rm_problems *p, rm_error *err)
{
    memset(r, 0, sizeof *r);
    rm_ini *ini = NULL;
    rm_status st = rm_ini_load(project, &ini, err);
    if (st)
        return st;
    rm_data_config *cfg = &r->cfg;
    rm_error e;
    size_t before = p->count;
    rm_data_config_read(ini, cfg, p, &e);
    check_later_stages(ini, p);
    rm_ini_finish_problems(ini, p, &e);
    if (p->count > before) {
        r->problems_in = project;
        rm_ini_free(ini);
        return problems_to_status(p, project, err);
    }
    p->cap = cfg->max_problems; /* nothing kept yet: safe to change */

    rm_log(log, RM_LOG_INFO, "reading %s and %s", cfg->collars_path, cfg->assays_path);
    double t0 = rm_now_s();
    st = rm_drillholes_read(cfg, &r->dh, p, err);
    if (st == RM_EDATA) {
        r->problems_in = "the input data";
        rm_ini_free(ini);
        return st;
    }
    if (!st)
        st = rm_project_crs_for_cores(&cfg->project, r->dh, err);
    if (!st) {
        st = rm_drillholes_project(r->dh, cfg->project.crs, err);
        rm_log(log, cfg->project.crs_line ? RM_LOG_DEBUG : RM_LOG_INFO, "CRS %s: %s",
               cfg->project.crs, cfg->project.crs_source);
    }
    if (!st)
        st = rm_composites_make(r->dh, cfg->composite_length_m, cfg->min_coverage, &r->comp,
                                err);
    if (!st)
        st = rm_composites_decluster(r->comp, cfg->decluster_cell_m, err);
    rm_ini_free(ini);
    if (st)
        return st;
    rm_log(log, RM_LOG_DEBUG, "read, validated and composited in %.3f s", rm_now_s() - t0);

    const rm_drillholes *dh = r->dh;
    r->core_m = rm_drillholes_core_length_m(dh);
    r->assayed_m = rm_drillholes_assayed_length_m(dh);
    r->x_min_m = r->y_min_m = r->water_depth_min_m = INFINITY;
    r->x_max_m = r->y_max_m = r->water_depth_max_m = -INFINITY;
    for (size_t h = 0; h < dh->n_holes; h++) {
        r->x_min_m = fmin(r->x_min_m, dh->x[h]);
        r->x_max_m = fmax(r->x_max_m, dh->x[h]);
        r->y_min_m = fmin(r->y_min_m, dh->y[h]);
        r->y_max_m = fmax(r->y_max_m, dh->y[h]);
        r->water_depth_min_m = fmin(r->water_depth_min_m, dh->water_depth_m[h]);
        r->water_depth_max_m = fmax(r->water_depth_max_m, dh->water_depth_m[h]);
        r->holes_assayed += dh->hole_start[h + 1] > dh->hole_start[h];
    }
    return RM_OK;
}

void rm_stage_check_result_free(rm_stage_check_result *r)
{
    rm_composites_free(r->comp);
    rm_drillholes_free(r->dh);
    r->comp = NULL;
    r->dh = NULL;
}

/* `reemud check` with the printed summary as JSON: rm_stage_check. */
rm_status rm_api_check(const char *project, char **json, rm_problems *problems, rm_error *err)
{
    *json = NULL;
    rm_problems local;
    rm_problems_init(&local, 100);
    rm_stage_check_result r;
    cJSON *root = NULL;
    rm_status st = rm_stage_check(project, NULL, &r, problems ? problems : &local, err);
    if (st)
        goto done;
    const rm_data_config *cfg = &r.cfg;
    const rm_drillholes *dh = r.dh;
    const rm_composites *comp = r.comp;
    double core_m = r.core_m, assayed_m = r.assayed_m;
    root = cJSON_CreateObject();
    if (!root) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    cJSON_AddStringToObject(root, "project", cfg->project.name);
    cJSON_AddStringToObject(root, "crs", cfg->project.crs);
    cJSON_AddStringToObject(root, "collars", cfg->collars_path);
    cJSON_AddStringToObject(root, "assays", cfg->assays_path);
    cJSON_AddNumberToObject(root, "holes", (double)dh->n_holes);
    cJSON_AddNumberToObject(root, "holes_assayed", (double)r.holes_assayed);
    cJSON_AddNumberToObject(root, "intervals", (double)dh->n_intervals);
    cJSON_AddNumberToObject(root, "core_m", core_m);
    cJSON_AddNumberToObject(root, "assayed_m", assayed_m);
    cJSON_AddNumberToObject(root, "coverage_fraction", core_m > 0 ? assayed_m / core_m : 0.0);
    cJSON *ext = cJSON_AddObjectToObject(root, "extent_m");
    cJSON_AddNumberToObject(ext, "x_min", r.x_min_m);
    cJSON_AddNumberToObject(ext, "x_max", r.x_max_m);
    cJSON_AddNumberToObject(ext, "y_min", r.y_min_m);
    cJSON_AddNumberToObject(ext, "y_max", r.y_max_m);
    cJSON *wd = cJSON_AddObjectToObject(root, "water_depth_m");
    cJSON_AddNumberToObject(wd, "min", r.water_depth_min_m);
    cJSON_AddNumberToObject(wd, "max", r.water_depth_max_m);
    cJSON_AddNumberToObject(root, "composites", (double)comp->n);
    cJSON_AddNumberToObject(root, "composite_length_m", cfg->composite_length_m);
    cJSON_AddNumberToObject(root, "min_coverage", cfg->min_coverage);
    cJSON_AddNumberToObject(root, "decluster_cell_m", cfg->decluster_cell_m);
    cJSON *g = cJSON_AddObjectToObject(root, "grade_ppm");
    for (int el = 0; el < RM_NELEM; el++)
        if (comp->grade_ppm[el])
            json_stats(g, rm_element(el)->symbol, comp->grade_ppm[el], comp->weight, comp->n);
    json_stats(g, "SREY", comp->srey_ppm, comp->weight, comp->n);
    if (comp->density_t_m3)
        json_stats(root, "dry_density_t_m3", comp->density_t_m3, comp->weight, comp->n);
    *json = cJSON_PrintUnformatted(root);
    if (!*json)
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
done:
    cJSON_Delete(root);
    rm_stage_check_result_free(&r);
    rm_problems_free(&local);
    return st;
}

/* A run.json command line for a stage called from a binding. */
static rm_runinfo *stage_runinfo(const char *stage, const char *project, const char *out_dir)
{
    char *argv[] = {"reemud (library)", (char *)stage, (char *)(project ? project : ""),
                    "--out", (char *)out_dir, NULL};
    return rm_runinfo_alloc(5, argv);
}

/* One sequence for `reemud estimate` (cli/cmd_estimate.c) and rm_api_estimate
 * (src/api/stage.h). */
rm_status rm_stage_estimate(const char *project, const char *out_dir, int force, long threads,
                            int argc, char **argv, const rm_logger *log, rm_problems *p,
                            rm_error *err)
{
    rm_ini *ini = NULL;
    rm_status st = rm_ini_load(project, &ini, err);
    if (st)
        return st;
    /* Every section the stage reads, unknown keys included, checked before
     * any work starts. */
    rm_error e;
    rm_data_config dc;
    rm_estimate_config ec;
    size_t before = p->count;
    rm_data_config_read(ini, &dc, p, &e);
    rm_estimate_config_read(ini, &ec, p, &e);
    rm_ini_finish_problems(ini, p, &e);
    if (p->count > before) {
        rm_ini_free(ini);
        return problems_to_status(p, project, err);
    }

    /* Refuse to overwrite before spending time on the estimate. */
    const char *outputs[48];
    size_t no = 0;
    for (; rm_resource_outputs[no]; no++)
        outputs[no] = rm_resource_outputs[no];
    for (size_t f = 0; rm_fig_validation_outputs[f]; f++)
        outputs[no++] = rm_fig_validation_outputs[f];
    outputs[no++] = "run.json";
    outputs[no] = NULL;
    if ((st = rm_outdir_prepare(out_dir, force, outputs, err))) {
        rm_ini_free(ini);
        return st;
    }

    rm_runinfo *ri = rm_runinfo_alloc(argc, argv);
    rm_resource_result res;
    double t0 = rm_now_s();
    st = ri ? rm_runinfo_add_input(ri, "project", project, err)
            : rm_error_set(err, RM_ENOMEM, "out of memory");
    if (threads > 0)
        omp_set_num_threads((int)threads); /* the default of every parallel loop */
    if (!st)
        st = rm_resource_estimate_threads(ini, threads, log, &res, err);
    if (!st) {
        double t1 = rm_now_s();
        st = rm_runinfo_add_input(ri, "collars", res.data.collars_path, err);
        if (!st)
            st = rm_runinfo_add_input(ri, "assays", res.data.assays_path, err);
        if (!st && res.cfg.horizon_surface[0])
            st = rm_runinfo_add_input(ri, "horizon_surface", res.cfg.horizon_surface, err);
        if (!st && res.cfg.drift_surface[0])
            st = rm_runinfo_add_input(ri, "drift_surface", res.cfg.drift_surface, err);
        if (!st)
            st = rm_resource_write(&res, out_dir, err);
        if (!st)
            st = rm_fig_validation(out_dir, &res.validation, err);
        if (!st && res.topcut.n_rows)
            st = rm_fig_topcut(out_dir, &res.topcut, err);
        if (!st) {
            rm_runinfo_param_str(ri, "crs", res.data.project.crs);
            rm_runinfo_param_str(ri, "crs_source", res.data.project.crs_source);
            rm_runinfo_param_str(ri, "variogram_mode",
                                 res.cfg.mode == RM_VMODE_SHARED ? "shared" : "per_element");
            if (res.shared_model_text[0])
                rm_runinfo_param_str(ri, "variogram_model", res.shared_model_text);
            rm_runinfo_param_str(ri, "water_depth_model", res.water_depth_model_text);
            rm_runinfo_param_num(ri, "threads", (double)(res.cfg.threads > 0
                                                             ? res.cfg.threads
                                                             : omp_get_max_threads()));
            rm_runinfo_param_str(ri, "vertical",
                                 res.cfg.vertical == RM_VERTICAL_HORIZON ? "horizon" : "mbsf");
            rm_runinfo_param_num(ri, "search_passes", (double)res.cfg.passes);
            rm_runinfo_param_num(ri, "topcut_rows", (double)res.topcut.n_rows);
            rm_runinfo_param_num(ri, "blocks", (double)res.n_blocks);
            rm_runinfo_param_num(ri, "blocks_estimated", (double)res.n_estimated);
            rm_runinfo_param_num(ri, "kriging_solves", (double)res.n_solves);
            rm_runinfo_param_num(ri, "total_mud_t", res.summary.total_mud_t);
            rm_runinfo_param_num(ri, "total_reo_t", res.summary.total_reo_t);
            rm_runinfo_param_num(ri, "mean_srey_ppm", res.summary.mean_srey_ppm);
            rm_runinfo_timing(ri, "data", res.seconds_data);
            rm_runinfo_timing(ri, "variogram", res.seconds_variogram);
            rm_runinfo_timing(ri, "krige", res.seconds_krige);
            rm_runinfo_timing(ri, "post", res.seconds_post);
            rm_runinfo_timing(ri, "write", rm_now_s() - t1);
            rm_runinfo_timing(ri, "total", rm_now_s() - t0);
            st = rm_runinfo_write(ri, out_dir, err);
        }
        if (!st)
            rm_log(log, RM_LOG_INFO, "wrote %s/ (%.2f s)", out_dir, rm_now_s() - t0);
        rm_resource_result_free(&res);
    }
    rm_runinfo_free(ri);
    rm_ini_free(ini);
    return st;
}

/* `reemud estimate` without the flag parsing: rm_stage_estimate. */
rm_status rm_api_estimate(const char *project, const char *out_dir,
                          const rm_api_stage_options *o, rm_problems *problems,
                          rm_error *err)
{
    rm_logger lbuf;
    const rm_logger *log = stage_logger(&lbuf, o->log_level);
    rm_problems local;
    rm_problems_init(&local, 100);
    char *argv[] = {"reemud (library)", "estimate", (char *)project, "--out",
                    (char *)out_dir, NULL};
    rm_status st = rm_stage_estimate(project, out_dir, o->force, o->threads, 5, argv, log,
                                     problems ? problems : &local, err);
    rm_problems_free(&local);
    return st;
}

/* One sequence for `reemud simulate` (cli/cmd_simulate.c, cli/simulate_args.c,
 * the MPI driver src/dist) and rm_api_simulate (src/api/stage.h). */
rm_status rm_stage_simulate_prepare(const char *out_dir, int force, rm_error *err)
{
    const char *outputs[] = {"simulation_summary.json", "simulation.nc", "run.json", NULL};
    /* an unfinished run's maps are overwritten too (rm_outdir_prepare) */
    int unfinished = rm_outdir_unfinished(out_dir);
    rm_status st = rm_outdir_prepare(out_dir, force, outputs, err);
    if (st || force || unfinished)
        return st;
    /* The maps' names depend on the cut-offs: refuse any earlier one. */
    DIR *d = opendir(out_dir);
    if (!d)
        return RM_OK;
    struct dirent *e;
    while ((e = readdir(d)))
        if (!strncmp(e->d_name, "prob_above_", 11)) {
            st = rm_error_set(err, RM_EEXIST, "%s/%s already exists; use --force to overwrite",
                              out_dir, e->d_name);
            break;
        }
    closedir(d);
    return st;
}

rm_status rm_stage_simulate_write(rm_simulate_job *job, const rm_simulate_result *res,
                                  const char *project, const char *out_dir, int argc,
                                  char **argv, int ranks, double t_start, double t_estimated,
                                  double t_simulated, rm_error *err)
{
    rm_runinfo *ri = rm_runinfo_alloc(argc, argv);
    if (!ri)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    rm_status st = rm_simulate_write(job->res.bm, res, &job->params, out_dir, err);
    if (!st)
        st = rm_runinfo_add_input(ri, "project", project, err);
    if (!st)
        st = rm_runinfo_add_input(ri, "collars", job->res.data.collars_path, err);
    if (!st)
        st = rm_runinfo_add_input(ri, "assays", job->res.data.assays_path, err);
    if (!st) {
        char model[512] = "";
        rm_vgm_format(&res->model, model, sizeof model, NULL);
        rm_runinfo_param_str(ri, "crs", job->res.data.project.crs);
        rm_runinfo_param_str(ri, "crs_source", job->res.data.project.crs_source);
        rm_runinfo_param_num(ri, "realizations", (double)job->params.realizations);
        rm_runinfo_param_num(ri, "seed", (double)job->params.seed);
        rm_runinfo_param_num(ri, "nmax", (double)job->params.nmax);
        rm_runinfo_param_num(ri, "multigrid", job->params.multigrid);
        rm_runinfo_param_str(ri, "transform", job->params.depth_slices ? "depth_slices" : "global");
        rm_runinfo_param_str(ri, "parameter_uncertainty",
                             rm_simulate_param_name(job->params.parameter_uncertainty));
        rm_runinfo_param_num(ri, "batch", (double)job->params.batch);
        size_t tile_rows = 0, halo_rows = 0,
               tiles = job->sim ? rm_simulation_tiles(job->sim, &tile_rows, &halo_rows) : 1;
        rm_runinfo_param_num(ri, "tiles", (double)tiles);
        rm_runinfo_param_num(ri, "tile_rows", (double)tile_rows);
        rm_runinfo_param_num(ri, "tile_halo_rows", (double)halo_rows);
        /* What ran: multivariate needs the elements in the data (and not bayes). */
        rm_runinfo_param_str(ri, "multivariate", res->multivariate ? "true" : "false");
        rm_runinfo_param_str(ri, "normal_score_variogram", model);
        rm_runinfo_param_num(ri, "mpi_ranks", ranks);
        rm_runinfo_timing(ri, "estimate", t_estimated - t_start);
        rm_runinfo_timing(ri, "simulate", t_simulated - t_estimated);
        rm_runinfo_timing(ri, "per_realization",
                          (t_simulated - t_estimated) / (double)job->params.realizations);
        rm_runinfo_timing(ri, "total", rm_now_s() - t_start);
        st = rm_runinfo_write(ri, out_dir, err);
    }
    rm_runinfo_free(ri);
    return st;
}

rm_status rm_stage_simulate(const char *project, const char *out_dir, int force,
                            const rm_simulate_overrides *ov, int argc, char **argv,
                            const rm_logger *log,
                            void (*report)(const rm_simulate_job *job,
                                           const rm_simulate_result *res),
                            rm_problems *p, rm_error *err)
{
    /* Refuse to overwrite before any work. */
    rm_status st = rm_stage_simulate_prepare(out_dir, force, err);
    if (st)
        return st;
    double t0 = rm_now_s();
    rm_simulate_job *job;
    /* The stage writes no estimate outputs: keep only what it reads. */
    st = rm_simulate_job_open_opts(project, ov, 1, log, &job, p, err);
    if (st)
        return st;
    double t1 = rm_now_s();
    rm_simulate_result res;
    rm_sim_partial part;
    rm_sim_totals *totals = NULL;
    double *corr = NULL;
    float *reals = NULL;
    st = rm_simulate_job_run(job, 0, 1, &part, &totals, &corr, &reals, log, err);
    if (!st) {
        st = rm_simulation_finish(job->sim, &part, totals, corr, reals, &res, err);
    } else {
        free(totals);
        free(corr);
        free(reals);
    }
    rm_sim_partial_free(&part);
    double t2 = rm_now_s();
    if (!st) {
        st = rm_stage_simulate_write(job, &res, project, out_dir, argc, argv, 1, t0, t1, t2,
                                     err);
        if (!st && report)
            report(job, &res);
        rm_simulate_result_free(&res);
    }
    if (!st)
        rm_log(log, RM_LOG_INFO, "wrote %s/ (%.2f s)", out_dir, rm_now_s() - t0);
    rm_simulate_job_free(job);
    return st;
}

/* `reemud simulate` without the flag parsing and the printed line:
 * rm_stage_simulate. */
rm_status rm_api_simulate(const char *project, const char *out_dir,
                          const rm_api_stage_options *o, rm_problems *problems,
                          rm_error *err)
{
    rm_logger lbuf;
    const rm_logger *log = stage_logger(&lbuf, o->log_level);
    rm_simulate_overrides ov = {.realizations = o->realizations, .seed = o->seed,
                                .threads = o->threads,
                                .write_realizations = o->write_realizations};
    rm_problems local;
    rm_problems_init(&local, 100);
    char *argv[] = {"reemud (library)", "simulate", (char *)project, "--out", (char *)out_dir,
                    NULL};
    rm_status st = rm_stage_simulate(project, out_dir, o->force, &ov, 5, argv, log, NULL,
                                     problems ? problems : &local, err);
    rm_problems_free(&local);
    return st;
}

/* One sequence for `reemud chain` (cli/cmd_chain.c) and rm_api_chain
 * (src/api/stage.h). */
rm_status rm_stage_chain(const char *project, const char *out_dir, const char *blockmodel,
                         int force, long draws, long long seed, long threads, int argc,
                         char **argv, const rm_logger *log, rm_chain_config *cfg,
                         rm_chain_result *res, rm_error *err)
{
    rm_ini *ini = NULL;
    rm_blockmodel *bm = NULL;
    rm_runinfo *ri = NULL;
    char datadir[4096];
    snprintf(datadir, sizeof datadir, "%s/data", rm_datadir());
    double t0 = rm_now_s();
    rm_status st = rm_ini_load(project, &ini, err);
    if (!st)
        st = rm_chain_config_default(cfg, datadir, err);
    if (!st)
        st = rm_chain_config_read(cfg, ini, err);
    if (!st)
        st = rm_ini_finish(ini, err);
    if (st)
        goto done;
    if (draws >= 0)
        cfg->draws = draws;
    if (seed >= 0)
        cfg->seed = (unsigned long long)seed;
    if (threads > 0)
        omp_set_num_threads((int)threads);
    const char *bm_path = blockmodel && blockmodel[0] ? blockmodel
                          : cfg->blockmodel_path[0]   ? cfg->blockmodel_path
                                                      : NULL;
    /* Default: the estimate's model, where `reemud estimate PROJECT.ini`
     * puts it (estimate/ in the working directory), else estimate/ beside
     * the project file. */
    char def_bm[2][4096];
    snprintf(def_bm[0], sizeof def_bm[0], "estimate/block_model.nc");
    snprintf(def_bm[1], sizeof def_bm[1], "%s/estimate/block_model.nc", rm_ini_dir(ini));
    for (int i = 0; i < 2 && !bm_path; i++)
        if (access(def_bm[i], R_OK) == 0) {
            bm_path = def_bm[i];
            rm_log(log, RM_LOG_INFO, "chain: block model %s (the estimate's)", bm_path);
        }
    if (!bm_path) {
        st = rm_error_set(err, RM_EINVAL,
                          "%s: no block model: neither %s nor %s exists (run reemud estimate "
                          "first), and neither --blockmodel FILE.nc nor [mine] blockmodel is "
                          "given",
                          project, def_bm[0], def_bm[1]);
        goto done;
    }
    const char *outputs[32];
    size_t no = 0;
    for (; rm_chain_outputs[no] && no < 30; no++)
        outputs[no] = rm_chain_outputs[no];
    outputs[no++] = "run.json"; /* written last: marks the set complete */
    outputs[no] = NULL;
    if ((st = rm_io_read_blockmodel_nc(bm_path, &bm, err)) ||
        (st = rm_outdir_prepare(out_dir, force, outputs, err)))
        goto done;
    rm_log(log, RM_LOG_INFO, "chain: %zu rates, %ld Monte Carlo draws", cfg->n_rates,
           cfg->draws);
    if ((st = rm_chain_run(bm, cfg, res, err)) ||
        (st = rm_chain_write(res, cfg, out_dir, err)))
        goto done;
    ri = rm_runinfo_alloc(argc, argv);
    if (!ri) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    if ((st = rm_runinfo_add_input(ri, "project", project, err)) ||
        (st = rm_runinfo_add_input(ri, "blockmodel", bm_path, err)))
        goto done;
    rm_runinfo_param_num(ri, "draws", (double)cfg->draws);
    rm_runinfo_param_num(ri, "seed", (double)cfg->seed);
    for (size_t k = 0; k < cfg->n_rates; k++) {
        char key[64];
        snprintf(key, sizeof key, "rate_%zu_dry_t_per_day", k);
        rm_runinfo_param_num(ri, key, cfg->rates_dry_t_per_day[k]);
    }
    rm_runinfo_timing(ri, "chain", rm_now_s() - t0);
    st = rm_runinfo_write(ri, out_dir, err);
done:
    rm_runinfo_free(ri);
    rm_blockmodel_free(bm);
    rm_ini_free(ini);
    return st;
}

/* `reemud chain` without the printed table: rm_stage_chain. */
rm_status rm_api_chain(const char *project, const char *out_dir,
                       const rm_api_stage_options *o, rm_error *err)
{
    rm_logger lbuf;
    const rm_logger *log = stage_logger(&lbuf, o->log_level);
    rm_chain_result res;
    memset(&res, 0, sizeof res);
    rm_chain_config *cfg = calloc(1, sizeof *cfg);
    if (!cfg)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    char *argv[] = {"reemud (library)", "chain", (char *)project, "--out", (char *)out_dir,
                    NULL};
    rm_status st = rm_stage_chain(project, out_dir, o->blockmodel, o->force, o->draws, o->seed,
                                  o->threads, 5, argv, log, cfg, &res, err);
    rm_chain_result_free(&res);
    free(cfg);
    return st;
}

/* One sequence for `reemud supply` (cli/cmd_supply.c) and rm_api_supply
 * (src/api/stage.h). */
rm_status rm_stage_supply_run(const char *project, const char *out_dir, const char *oxide,
                              const char *scenarios, const char *scenario_flag,
                              const char *years, const char *years_flag, int force,
                              long draws, long long seed, long threads, int argc, char **argv,
                              const rm_logger *log, rm_stage_supply *s, rm_error *err)
{
    memset(s, 0, sizeof *s);
    s->t_start = rm_now_s();
    rm_ini *ini = NULL;
    rm_runinfo *ri = NULL;
    rm_supply_run_config *cfg = s->cfg = calloc(1, sizeof *cfg);
    rm_chain_config *ccfg = calloc(1, sizeof *ccfg);
    rm_snetwork *net = &s->net;
    rm_status st = RM_OK;
    if (!cfg || !ccfg) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    char datadir[4096], ox_buf[4096];
    snprintf(datadir, sizeof datadir, "%s/data", rm_datadir());
    if ((st = rm_ini_load(project, &ini, err)) ||
        (st = rm_supply_setup(ini, datadir, net, cfg, err)) ||
        (st = rm_chain_config_default(ccfg, datadir, err)) ||
        (st = rm_chain_config_read(ccfg, ini, err)) || (st = rm_ini_finish(ini, err)))
        goto done;
    if (scenarios &&
        (st = rm_supply_select_scenarios(net, cfg, scenarios, NULL, 0, scenario_flag, err)))
        goto done;
    if (years && (st = rm_supply_parse_years(cfg, years, NULL, 0, years_flag, err)))
        goto done;
    if (oxide && (st = rm_supply_read_oxide_output(oxide, cfg, err)))
        goto done;
    if (draws >= 0)
        cfg->draws = draws;
    if (seed >= 0)
        cfg->seed = (unsigned long long)seed;
    if (cfg->sankey_year < cfg->year_from || cfg->sankey_year > cfg->year_to)
        cfg->sankey_year = cfg->year_to;
    cfg->sankey_case = (int)cfg->n_rates; /* the largest rate when given */
    if (threads > 0)
        omp_set_num_threads((int)threads);
    if ((st = rm_outdir_prepare(out_dir, force, rm_supply_outputs, err)))
        goto done;
    rm_log(log, RM_LOG_INFO, "supply: %zu scenarios, %zu cases, %d-%d, %ld draws",
           cfg->n_scenarios, 1 + cfg->n_rates, cfg->year_from, cfg->year_to, cfg->draws);
    if ((st = rm_supply_run(net, cfg, &s->res, err)) ||
        (st = rm_supply_write(&s->res, net, cfg, out_dir, err)) ||
        (st = rm_report_supply_figures(&s->res, net, cfg, out_dir, err)))
        goto done;
    const char *ox_path = oxide;
    if (!ox_path && cfg->n_rates &&
        rm_ini_get_path(ini, "supply", "oxide_output", NULL, ox_buf, sizeof ox_buf, err) ==
            RM_OK &&
        ox_buf[0])
        ox_path = ox_buf;
    if (ox_path &&
        ((st = rm_supply_economics_from_chain(&ccfg->econ, ccfg->econ_ex_china.price_usd_per_kg,
                                              net, cfg, ox_path, log, &s->econ_rows,
                                              &s->n_econ, err)) ||
         (s->n_econ &&
          (st = rm_supply_write_economics(s->econ_rows, s->n_econ, net, cfg, out_dir, err)))))
        goto done;
    ri = rm_runinfo_alloc(argc, argv);
    if (!ri) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    if ((st = rm_runinfo_add_input(ri, "project", project, err)) ||
        (ox_path && (st = rm_runinfo_add_input(ri, "oxide_output", ox_path, err))))
        goto done;
    rm_supply_runinfo_params(ri, cfg, net, s->res.lp_solved, "");
    rm_runinfo_timing(ri, "supply", rm_now_s() - s->t_start);
    st = rm_runinfo_write(ri, out_dir, err);
done:
    rm_runinfo_free(ri);
    rm_ini_free(ini);
    free(ccfg);
    return st;
}

void rm_stage_supply_free(rm_stage_supply *s)
{
    free(s->econ_rows);
    rm_supply_result_free(&s->res);
    rm_snetwork_free(&s->net);
    free(s->cfg);
    memset(s, 0, sizeof *s);
}

/* `reemud supply` without the flag parsing and the printed table:
 * rm_stage_supply_run; oxide_output, scenarios ("a,b,c") and years
 * ("FROM:TO") take the flags' places (NULL or "" = the project's [supply]
 * values); o->draws, o->seed, o->threads as --draws, --seed, --threads. */
rm_status rm_api_supply(const char *project, const char *out_dir, const char *oxide_output,
                        const char *scenarios, const char *years,
                        const rm_api_stage_options *o, rm_error *err)
{
    rm_logger lbuf;
    const rm_logger *log = stage_logger(&lbuf, o->log_level);
    char *argv[] = {"reemud (library)", "supply", (char *)project, "--out", (char *)out_dir,
                    NULL};
    rm_stage_supply s;
    rm_status st = rm_stage_supply_run(
        project, out_dir, oxide_output && oxide_output[0] ? oxide_output : NULL,
        scenarios && scenarios[0] ? scenarios : NULL, "scenario",
        years && years[0] ? years : NULL, "years", o->force, o->draws, o->seed, o->threads, 5,
        argv, log, &s, err);
    rm_stage_supply_free(&s);
    return st;
}

/* `reemud assess` (cli/cmd_assess.c) without the printed summary; project
 * NULL runs the bundled example. */
rm_status rm_api_assess(const char *project, const char *out_dir,
                        const rm_api_stage_options *o, rm_problems *problems,
                        rm_error *err)
{
    rm_logger lbuf;
    const rm_logger *log = stage_logger(&lbuf, o->log_level);
    rm_assess_options opt;
    rm_assess_options_default(&opt);
    if (o->realizations > 0)
        opt.realizations = o->realizations;
    if (o->draws >= 0)
        opt.draws = o->draws;
    if (o->threads > 0)
        opt.threads = o->threads;
    char example[4096];
    if (!project) {
        snprintf(example, sizeof example, "%s/examples/minamitorishima/project.ini",
                 rm_datadir());
        project = example;
    }
    rm_status st = rm_assess_prepare(out_dir, o->force, err);
    if (st)
        return st;
    rm_assess_result res;
    rm_problems local;
    rm_problems_init(&local, 100);
    st = rm_assess_run(project, &opt, log, &res, problems ? problems : &local, err);
    rm_problems_free(&local);
    if (st)
        return st;
    char *argv[] = {"reemud (library)", "assess", (char *)project, "--out", (char *)out_dir,
                    NULL};
    st = rm_assess_write(&res, out_dir, 5, argv, log, err);
    rm_assess_result_free(&res);
    return st;
}

/* `reemud lift` (cli/cmd_lift.c) in single-design mode, with the flags'
 * place taken by an INI text of [lift] keys. */
rm_status rm_api_lift(const char *project, const char *overrides, const char *out_dir,
                      const rm_api_stage_options *o, rm_error *err)
{
    rm_lift_params p;
    rm_lift_params_default(&p);
    p.profile_points = 201; /* `reemud lift --profile-points` default */
    rm_ini *ini = NULL, *over = NULL;
    rm_runinfo *ri = NULL;
    rm_lift_result r;
    memset(&r, 0, sizeof r);
    rm_status st = RM_OK;
    if (project && ((st = rm_ini_load(project, &ini, err)) ||
                    (st = rm_lift_params_from_ini(ini, &p, err)) ||
                    (st = rm_ini_finish(ini, err))))
        goto done;
    if (overrides && ((st = rm_ini_load_string(overrides, "lift()", &over, err)) ||
                      (st = rm_lift_params_from_ini(over, &p, err)) ||
                      (st = rm_ini_finish(over, err))))
        goto done;
    p.rheo.liquid_viscosity_pa_s = p.liquid_viscosity_pa_s;
    /* Fresh water's own constants when only the fluid changed (as the command). */
    if (p.fluid == RM_LIFT_FLUID_WATER && p.bulk_modulus_pa == 2.3e9)
        p.bulk_modulus_pa = 2.2e9;
    if (p.fluid == RM_LIFT_FLUID_WATER && p.surface_tension_n_m == 0.073)
        p.surface_tension_n_m = 0.072;
    const char *outputs[] = {"summary.json", "profile.csv", "run.json", NULL};
    if ((st = rm_lift_params_check(&p, err)) ||
        (st = rm_outdir_prepare(out_dir, o->force, outputs, err)))
        goto done;
    ri = stage_runinfo("lift", project, out_dir);
    if (!ri) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    if (project && (st = rm_runinfo_add_input(ri, "project", project, err)))
        goto done;
    rm_lift_runinfo_params(ri, &p);
    double t0 = rm_now_s();
    if ((st = rm_lift_solve(&p, &r, err)))
        goto done;
    rm_runinfo_timing(ri, "solve", rm_now_s() - t0);
    char path[4096];
    if ((st = rm_path_join(path, sizeof path, out_dir, "summary.json", err)) ||
        (st = rm_lift_write_summary(path, &p, &r, 0.0, err)) ||
        (st = rm_path_join(path, sizeof path, out_dir, "profile.csv", err)) ||
        (st = rm_lift_write_profile(path, &r, err)))
        goto done;
    st = rm_runinfo_write(ri, out_dir, err);
done:
    rm_lift_result_free(&r);
    rm_runinfo_free(ri);
    rm_ini_free(over);
    rm_ini_free(ini);
    return st;
}
