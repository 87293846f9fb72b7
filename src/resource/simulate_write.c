/* simulate_write.c — files of a simulation run:
 *   simulation_summary.json   P10/P50/P90 of mud, REO and each oxide per cut-off;
 *                             nothing run-specific (no paths, no timings), so two
 *                             runs compare byte for byte
 *   simulation.nc             e-type mean and conditional variance of ΣREY
 *                             (+ every realization on a `realization` dimension
 *                             when asked)
 *   prob_above_<C>ppm.tif     per column, probability that the window's mean
 *                             ΣREY reaches cut-off C
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <netcdf.h>

#include "reemud/io_netcdf.h"
#include "reemud/io_raster.h"
#include "reemud/simulate.h"

const char *const rm_simulate_outputs[] = {"simulation_summary.json", "simulation.nc", NULL};

/* A new JSON object {p10, p50, p90, mean} of q; NULL when out of memory. */
static cJSON *quantiles_json(const rm_sim_quantiles *q)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "p10", q->p10);
    cJSON_AddNumberToObject(o, "p50", q->p50);
    cJSON_AddNumberToObject(o, "p90", q->p90);
    cJSON_AddNumberToObject(o, "mean", q->mean);
    return o;
}

/* A new JSON object of q's quantiles keyed by oxide formula, one per REY element. */
static cJSON *oxides_json(const rm_sim_quantiles q[RM_NREY])
{
    cJSON *o = cJSON_CreateObject();
    for (int e = 0; e < RM_NREY; e++)
        cJSON_AddItemToObject(o, rm_element(e)->oxide, quantiles_json(&q[e]));
    return o;
}

/* Index of the zero cut-off (the whole resource), or 0. */
static size_t zero_cutoff(const rm_simulate_result *r)
{
    for (size_t c = 0; c < r->n_cutoffs; c++)
        if (r->cutoffs_ppm[c] == 0)
            return c;
    return 0;
}

/* A new JSON array of the n × n row-major matrix v as n arrays. */
static cJSON *matrix_json(const double *v, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        cJSON *row = cJSON_CreateArray();
        for (size_t j = 0; j < n; j++)
            cJSON_AddItemToArray(row, cJSON_CreateNumber(v[i * n + j]));
        cJSON_AddItemToArray(a, row);
    }
    return a;
}

/* A new JSON object of q's quantiles of oxide tonnes as element tonnes
 * (÷ the oxide factor), keyed by element symbol. */
static cJSON *elements_json(const rm_sim_quantiles q[RM_NREY])
{
    cJSON *o = cJSON_CreateObject();
    for (int e = 0; e < RM_NREY; e++) {
        double f = rm_element(e)->oxide_factor;
        rm_sim_quantiles m = {q[e].p10 / f, q[e].p50 / f, q[e].p90 / f, q[e].mean / f};
        cJSON_AddItemToObject(o, rm_element(e)->symbol, quantiles_json(&m));
    }
    return o;
}

/* The multivariate simulation: factors, and the correlations of the data
 * and of the simulated blocks. */
static void multivariate_json(cJSON *root, const rm_simulate_result *r)
{
    cJSON *mv = cJSON_AddObjectToObject(root, "multivariate");
    cJSON_AddStringToObject(mv, "method", "min/max autocorrelation factors of normal scores");
    cJSON *fa = cJSON_AddArrayToObject(mv, "factors");
    for (size_t k = 0; k < r->n_vars; k++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "gamma_h_over_variance", r->maf_lambda[k]);
        char model[512];
        if (rm_vgm_format(&r->factor_model[k], model, sizeof model, NULL) == RM_OK)
            cJSON_AddStringToObject(o, "variogram", model);
        cJSON_AddItemToArray(fa, o);
    }
    cJSON *ec = cJSON_AddObjectToObject(root, "element_correlation");
    cJSON *names = cJSON_AddArrayToObject(ec, "elements");
    for (size_t v = 0; v < r->n_vars; v++)
        cJSON_AddItemToArray(names, cJSON_CreateString(v < RM_NREY ? rm_element((int)v)->symbol
                                                                   : "dry_density"));
    cJSON_AddItemToObject(ec, "data", matrix_json(r->corr_data, r->n_vars));
    cJSON_AddItemToObject(ec, "simulated", matrix_json(r->corr_sim, r->n_vars));
}

/* Writes dir/simulation_summary.json atomically: window, seed, model, totals at the zero
 * cut-off and at every cut-off, and each realization's REO total. Nothing run-specific. */
static rm_status write_summary(const rm_simulate_result *r, const rm_simulate_params *p,
                               const char *dir, rm_error *err)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "description",
                            r->multivariate
                                ? "Sequential Gaussian simulation of the 15 REY and dry density "
                                  "through min/max autocorrelation factors; totals over the "
                                  "window at each SREY cut-off, across realizations"
                                : "Sequential Gaussian simulation of SREY; totals over the window "
                                  "at each SREY cut-off, across realizations");
    cJSON_AddNumberToObject(root, "realizations", (double)r->realizations);
    cJSON_AddNumberToObject(root, "seed", (double)p->seed);
    cJSON *win = cJSON_AddArrayToObject(root, "window_mbsf");
    cJSON_AddItemToArray(win, cJSON_CreateNumber(p->top_mbsf));
    cJSON_AddItemToArray(win, cJSON_CreateNumber(p->bottom_mbsf));
    char model[512];
    if (rm_vgm_format(&r->model, model, sizeof model, NULL) == RM_OK)
        cJSON_AddStringToObject(root, "normal_score_variogram", model);
    cJSON_AddNumberToObject(root, "data_used", (double)r->data_used);
    cJSON_AddNumberToObject(root, "data_ignored", (double)r->data_ignored);
    if (r->multivariate)
        cJSON_AddNumberToObject(root, "data_without_density", (double)r->data_without_density);
    /* Parameter uncertainty: the range candidates and their weights. */
    cJSON *pu = cJSON_AddObjectToObject(root, "parameter_uncertainty");
    int m = r->parameter_uncertainty;
    cJSON_AddStringToObject(pu, "method", rm_simulate_param_name(m));
    if (m >= RM_SIM_PARAM_BOOTSTRAP) {
        cJSON_AddNumberToObject(pu, "cores", (double)r->bootstrap_cores);
        cJSON *fa = cJSON_AddArrayToObject(pu, "realization_factor");
        for (size_t i = 0; i < r->realizations; i++)
            cJSON_AddItemToArray(fa, cJSON_CreateNumber(r->bootstrap_factor[i]));
    }
    if (r->se_cores >= 2) {
        /* the cores alone, as independent draws: s/√n/mean of their window
         * means, for comparison with P10–P90 (docs/simulation.md) */
        cJSON_AddNumberToObject(pu, "cores_se_cores", (double)r->se_cores);
        cJSON_AddNumberToObject(pu, "cores_mean_se_rel", r->cores_se_rel);
    }
    cJSON_AddNumberToObject(pu, "depth_slices", (double)r->n_slices);
    cJSON *cands = cJSON_AddArrayToObject(pu, "range_candidates");
    for (size_t k = 0; m == RM_SIM_PARAM_BAYES && k < r->n_range_candidates; k++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "range_factor", r->range_factor[k]);
        cJSON_AddNumberToObject(o, "posterior_weight", r->range_weight[k]);
        cJSON_AddNumberToObject(o, "mean_score_sd", r->range_mean_sd[k]);
        cJSON_AddItemToArray(cands, o);
    }
    size_t z = zero_cutoff(r);
    cJSON_AddNumberToObject(root, "cutoff_srey_ppm", r->cutoffs_ppm[z]);
    cJSON_AddItemToObject(root, "total_mud_t", quantiles_json(&r->mud_t[z]));
    cJSON_AddItemToObject(root, "total_reo_t", quantiles_json(&r->reo_t[z]));
    cJSON_AddItemToObject(root, "oxide_t", oxides_json(r->oxide_t[z]));
    cJSON_AddItemToObject(root, "element_t", elements_json(r->oxide_t[z]));
    if (r->multivariate)
        multivariate_json(root, r);
    cJSON *cuts = cJSON_AddArrayToObject(root, "cutoffs");
    for (size_t c = 0; c < r->n_cutoffs; c++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "cutoff_srey_ppm", r->cutoffs_ppm[c]);
        cJSON_AddItemToObject(o, "mud_t", quantiles_json(&r->mud_t[c]));
        cJSON_AddItemToObject(o, "reo_t", quantiles_json(&r->reo_t[c]));
        cJSON_AddItemToObject(o, "oxide_t", oxides_json(r->oxide_t[c]));
        cJSON_AddItemToObject(o, "element_t", elements_json(r->oxide_t[c]));
        cJSON_AddItemToArray(cuts, o);
    }
    /* Per-realization totals at the zero cut-off, for plots downstream. */
    cJSON *per = cJSON_AddArrayToObject(root, "realization_total_reo_t");
    for (size_t i = 0; i < r->realizations; i++)
        cJSON_AddItemToArray(per, cJSON_CreateNumber(r->totals[i * r->n_cutoffs + z].reo_t));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    char path[4096];
    rm_status st = rm_path_join(path, sizeof path, dir, "simulation_summary.json", err);
    rm_afile af;
    if (!st && !(st = rm_afile_open(&af, path, err))) {
        fputs(text, af.fp);
        fputc('\n', af.fp);
        if ((st = rm_afile_commit(&af, err)))
            rm_afile_abort(&af);
    }
    free(text);
    return st;
}

/* Add every realization to an already written simulation file. */
static rm_status add_realizations(const char *path, const rm_grid *g, size_t nreal,
                                  const float *values, rm_error *err)
{
    int ncid, dims[4], varid, rc;
    if ((rc = nc_open(path, NC_WRITE, &ncid)))
        return rm_error_set(err, RM_EIO, "%s: %s", path, nc_strerror(rc));
    int d_depth, d_y, d_x;
    rc = nc_inq_dimid(ncid, "depth", &d_depth);
    if (!rc) rc = nc_inq_dimid(ncid, "y", &d_y);
    if (!rc) rc = nc_inq_dimid(ncid, "x", &d_x);
    if (!rc) rc = nc_redef(ncid);
    if (!rc) rc = nc_def_dim(ncid, "realization", nreal, &dims[0]);
    dims[1] = d_depth;
    dims[2] = d_y;
    dims[3] = d_x;
    if (!rc) rc = nc_def_var(ncid, "SREY_ppm_realization", NC_FLOAT, 4, dims, &varid);
    if (!rc) rc = nc_def_var_deflate(ncid, varid, 1, 1, 4);
    float fill = 9.96921e+36f;
    if (!rc) rc = nc_def_var_fill(ncid, varid, 0, &fill);
    const char *ln = "simulated SREY (La-Lu + Y), one field per realization";
    if (!rc) rc = nc_put_att_text(ncid, varid, "long_name", strlen(ln), ln);
    if (!rc) rc = nc_put_att_text(ncid, varid, "units", 3, "ppm");
    if (!rc) rc = nc_put_att_text(ncid, varid, "grid_mapping", 3, "crs");
    if (!rc) rc = nc_enddef(ncid);
    /* One realization per hyperslab. */
    size_t nb = rm_grid_nblocks(g);
    for (size_t r = 0; r < nreal && !rc; r++) {
        size_t start[4] = {r, 0, 0, 0}, count[4] = {1, g->nz, g->ny, g->nx};
        rc = nc_put_vara_float(ncid, varid, start, count, values + r * nb);
    }
    int rc2 = nc_close(ncid);
    if (rc || rc2)
        return rm_error_set(err, RM_EIO, "%s: %s", path, nc_strerror(rc ? rc : rc2));
    return RM_OK;
}

/* Writes dir/simulation.nc atomically (temp name, then rename): e-type mean and
 * conditional variance of ΣREY on kriged's grid, in hyperslabs of bands of rows
 * (rm_io_nc_stream: a band's buffer, no copy of the grid), plus every realization
 * when r holds them. */
static rm_status write_netcdf(const rm_blockmodel *kriged, const rm_simulate_result *r,
                              const char *dir, rm_error *err)
{
    const rm_grid *g = &kriged->grid;
    rm_field f[2];
    memset(f, 0, sizeof f);
    snprintf(f[0].name, sizeof f[0].name, "SREY_etype_ppm");
    snprintf(f[0].long_name, sizeof f[0].long_name, "e-type mean of simulated SREY");
    snprintf(f[0].units, sizeof f[0].units, "ppm");
    snprintf(f[1].name, sizeof f[1].name, "SREY_condvar_ppm2");
    snprintf(f[1].long_name, sizeof f[1].long_name, "conditional variance of simulated SREY");
    snprintf(f[1].units, sizeof f[1].units, "ppm2");
    rm_blockmodel layout = {.grid = *g, .epsg = kriged->epsg, .n_fields = 2, .fields = f};
    char path[4096], temp[4096];
    rm_status st;
    if ((st = rm_path_join(path, sizeof path, dir, "simulation.nc", err)) ||
        (st = rm_atomic_temp_name(path, temp, sizeof temp, err)))
        return st;
    rm_nc_attrs attrs = {.title = "reemud simulation: e-type mean and conditional variance",
                         .comment = "Sequential Gaussian simulation of SREY (docs/simulation.md)"};
    /* The stream renames its own temporary file onto `temp`; the
     * realizations are then added before the final rename. */
    rm_nc_stream *ns = NULL;
    if ((st = rm_io_nc_stream_open(&layout, temp, &attrs, &ns, err))) {
        remove(temp);
        return st;
    }
    size_t per_row = g->nx * g->nz, rows = RM_NC_BAND_BLOCKS / per_row;
    rows = rows ? (rows < g->ny ? rows : g->ny) : 1;
    double *band = malloc(rows * per_row * sizeof *band);
    if (!band)
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
    for (size_t v = 0; v < 2 && !st; v++) {
        const double *src = v == 0 ? r->etype_srey_ppm : r->condvar_srey_ppm2;
        for (size_t j0 = 0; j0 < g->ny && !st; j0 += rows) {
            size_t nr = g->ny - j0 < rows ? g->ny - j0 : rows, q = 0;
            for (size_t k = 0; k < g->nz; k++)
                for (size_t j = j0; j < j0 + nr; j++, q += g->nx)
                    memcpy(band + q, src + g->nx * (j + g->ny * k), g->nx * sizeof *band);
            st = rm_io_nc_stream_put_rows(ns, v, j0, nr, band, err);
        }
    }
    free(band);
    rm_status cst = rm_io_nc_stream_close(ns, !st, err);
    st = st ? st : cst;
    if (!st && r->realizations_srey)
        st = add_realizations(temp, g, r->realizations, r->realizations_srey, err);
    if (!st)
        st = rm_atomic_rename(temp, path, err);
    else
        remove(temp);
    return st;
}

/* Writes dir/prob_above_<C>ppm.tif for every cut-off C > 0: the probability surface of
 * the window's mean ΣREY on kriged's x-y grid. */
static rm_status write_maps(const rm_blockmodel *kriged, const rm_simulate_result *r,
                            const char *dir, rm_error *err)
{
    const rm_grid *g = &kriged->grid;
    for (size_t c = 0; c < r->n_cutoffs; c++) {
        if (r->cutoffs_ppm[c] <= 0)
            continue;
        char name[64], desc[128], path[4096];
        snprintf(name, sizeof name, "prob_above_%gppm.tif", r->cutoffs_ppm[c]);
        snprintf(desc, sizeof desc, "probability that mean SREY over the window >= %g ppm",
                 r->cutoffs_ppm[c]);
        rm_raster_spec spec = {.nx = g->nx, .ny = g->ny, .x0 = g->x0, .y0 = g->y0,
                               .dx = g->dx, .dy = g->dy, .epsg = kriged->epsg,
                               .type = RM_RASTER_FLOAT32, .description = desc, .units = "1"};
        rm_status st = rm_path_join(path, sizeof path, dir, name, err);
        if (!st)
            st = rm_io_write_geotiff(path, &spec, r->prob_above + c * g->nx * g->ny, err);
        if (st)
            return st;
    }
    return RM_OK;
}

rm_status rm_simulate_write(const rm_blockmodel *kriged, const rm_simulate_result *r,
                            const rm_simulate_params *p, const char *dir, rm_error *err)
{
    rm_status st = write_summary(r, p, dir, err);
    if (!st)
        st = write_netcdf(kriged, r, dir, err);
    if (!st)
        st = write_maps(kriged, r, dir, err);
    return st;
}
