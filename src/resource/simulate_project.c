/* simulate_project.c — a simulation job for a project file: the estimate
 * stage (for the grid, kriged composition and density), the composites as
 * conditioning data, and [simulate] with command-line overrides.  Shared by
 * `reemud simulate` and the MPI driver, so every rank prepares the same
 * job from the same inputs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/simulate.h"
#include "simulate_internal.h"

rm_status rm_simulate_job_open(const char *project_path, const rm_simulate_overrides *ov,
                               const rm_logger *log, rm_simulate_job **out,
                               rm_problems *problems, rm_error *err)
{
    return rm_simulate_job_open_opts(project_path, ov, 0, log, out, problems, err);
}

rm_status rm_simulate_job_open_opts(const char *project_path, const rm_simulate_overrides *ov,
                                    int simulation_only, const rm_logger *log,
                                    rm_simulate_job **out, rm_problems *problems,
                                    rm_error *err)
{
    rm_status st = rm_simulate_job_load(project_path, ov, simulation_only, NULL, log, out,
                                        problems, err);
    if (!st && (st = rm_simulate_job_prepare(*out, log, err))) {
        rm_simulate_job_free(*out);
        *out = NULL;
    }
    if (!st && simulation_only)
        rm_simulate_job_release_kriged(*out);
    return st;
}

void rm_simulate_job_release_kriged(rm_simulate_job *job)
{
    /* rm_simulation_alloc took what it needs (window tonnes, composition);
     * the outputs read only the grid and the CRS. */
    rm_blockmodel_keep(job->res.bm, NULL, 0);
}

rm_status rm_simulate_job_prepare(rm_simulate_job *job, const rm_logger *log, rm_error *err)
{
    rm_simulate_data data;
    rm_simulate_data_from_composites(job->res.composites, job->res.cfg.dry_density_t_m3, &data);
    return rm_simulation_alloc(job->res.bm, &data, &job->params, log, &job->sim, err);
}

rm_status rm_simulate_job_load(const char *project_path, const rm_simulate_overrides *ov,
                               int simulation_only, const rm_estimate_share *share,
                               const rm_logger *log, rm_simulate_job **out,
                               rm_problems *problems, rm_error *err)
{
    *out = NULL;
    rm_simulate_job *job = calloc(1, sizeof *job);
    if (!job)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    rm_status st = rm_ini_load(project_path, &job->ini, err);
    if (st) {
        free(job);
        return st;
    }
    /* Validate every section the job reads, and unknown keys, up front. */
    rm_data_config dc;
    rm_estimate_config ec;
    rm_data_config_read(job->ini, &dc, problems, err);
    rm_estimate_config_read(job->ini, &ec, problems, err);
    rm_simulate_params_default(&job->params);
    job->params.seed = (uint64_t)dc.project.seed;
    rm_error e;
    if (rm_simulate_params_read(job->ini, &job->params, &e) && problems)
        rm_problems_add(problems, NULL, 0, NULL, "%s", e.message);
    else if (problems) {
        rm_status first = RM_OK;
        rm_window_check(job->ini, &ec, "simulate", "top_mbsf", "bottom_mbsf", NULL,
                        job->params.top_mbsf, job->params.bottom_mbsf, 0, problems, &first, &e);
    }
    rm_ini_finish_problems(job->ini, problems, err);
    if (problems && problems->count) {
        rm_simulate_job_free(job);
        return rm_problems_status(problems, err);
    }
    if (ov) {
        if (ov->realizations > 0)
            job->params.realizations = (size_t)ov->realizations;
        if (ov->seed >= 0)
            job->params.seed = (uint64_t)ov->seed;
        if (ov->threads > 0)
            job->params.threads = ov->threads;
        if (ov->write_realizations >= 0)
            job->params.write_realizations = ov->write_realizations;
    }
    job->resource_ok = 0;
    /* simulation_only: the estimate stops at the kriged fields (no tables,
     * classes or validation, which no simulation output reads). */
    long threads = ov ? ov->threads : -1;
    st = simulation_only
             ? rm_resource_estimate_kriged(job->ini, threads, share, log, &job->res, err)
             : rm_resource_estimate_threads(job->ini, threads, log, &job->res, err);
    if (st) {
        rm_simulate_job_free(job);
        return st;
    }
    job->resource_ok = 1;
    /* The simulation reads the kriged ΣREY, density and composition: the
     * other fields (oxide tonnes, kriging diagnostics, ...) go, so that the
     * whole grid's share of memory is small next to a tile's
     * (docs/scaling.md). */
    const char *keep[RM_SIM_KRIGED_FIELDS];
    char names[RM_SIM_KRIGED_FIELDS][32];
    for (size_t q = 0; q < RM_SIM_KRIGED_FIELDS; q++)
        keep[q] = rm_simulate_kriged_field(q, names[q], sizeof names[q]);
    if (simulation_only)
        rm_blockmodel_keep(job->res.bm, keep, RM_SIM_KRIGED_FIELDS);
    *out = job;
    return RM_OK;
}

void rm_simulate_data_from_composites(const rm_composites *c, double density_default_t_m3,
                                      rm_simulate_data *d)
{
    memset(d, 0, sizeof *d);
    d->n = c->n;
    d->x = c->x;
    d->y = c->y;
    d->z = c->z;
    d->srey_ppm = c->srey_ppm;
    d->weight = c->weight;
    for (int e = 0; e < RM_NREY; e++)
        d->element_ppm[e] = c->grade_ppm[e];
    d->density_t_m3 = c->density_t_m3;
    d->density_default_t_m3 = density_default_t_m3;
}

void rm_simulate_job_free(rm_simulate_job *job)
{
    if (!job)
        return;
    rm_simulation_free(job->sim);
    if (job->resource_ok)
        rm_resource_result_free(&job->res);
    rm_ini_free(job->ini);
    free(job);
}

rm_status rm_simulate_job_run(rm_simulate_job *job, size_t first, size_t stride,
                              rm_sim_partial *part, rm_sim_totals **totals, double **corr,
                              float **realizations, const rm_logger *log, rm_error *err)
{
    const rm_simulate_params *p = &job->params;
    memset(part, 0, sizeof *part);
    size_t nb = rm_grid_nblocks(&job->res.bm->grid);
    int mv = rm_simulation_nvars(job->sim) > 0;
    *totals = calloc(p->realizations * p->n_cutoffs, sizeof **totals);
    *corr = mv ? calloc(p->realizations * RM_SIM_CORR_N, sizeof **corr) : NULL;
    *realizations = p->write_realizations ? calloc(p->realizations * nb, sizeof **realizations)
                                          : NULL;
    if (!*totals || (mv && !*corr) || (p->write_realizations && !*realizations)) {
        free(*totals);
        free(*corr);
        free(*realizations);
        *totals = NULL;
        *corr = NULL;
        *realizations = NULL;
        return rm_error_set(err, RM_ENOMEM, "out of memory for %zu realizations",
                            p->realizations);
    }
    rm_status st = rm_sim_partial_init(part, job->sim, err);
    if (!st)
        st = rm_simulation_run(job->sim, first, stride, part, *totals, *corr, *realizations, log,
                               err);
    return st;
}

const char *rm_simulate_kriged_field(size_t q, char *buf, size_t size)
{
    if (q == 0)
        snprintf(buf, size, "SREY_ppm");
    else if (q == 1)
        snprintf(buf, size, "dry_density_t_m3");
    else
        snprintf(buf, size, "%s_ppm", rm_element((int)q - 2)->symbol);
    return buf;
}
