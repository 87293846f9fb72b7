/* krige_sim.c — `reemud krige --sim N --seed S [--nscore]`: N conditional
 * realizations on the --grid, written as COL_sim1 … COL_simN after the
 * coordinate columns, in grid order (x fastest, then y, then z). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "krige_sim.h"
#include "reemud/krige.h"
#include "reemud/sgs.h"
#include "reemud/table.h"

/* Write the grid nodes' coordinates and the nsim realizations (sims[r * nb +
 * b]) to path atomically, one row per node in grid order. */
static rm_status write_csv(const char *path, const rm_krige_sim_args *a, const double *sims,
                           size_t nb, rm_error *err)
{
    rm_afile af;
    rm_status st = rm_afile_open(&af, path, err);
    if (st)
        return st;
    for (int d = 0; d < a->ndim; d++)
        fprintf(af.fp, "%s,", a->coord_names[d]);
    for (size_t r = 0; r < a->nsim; r++)
        fprintf(af.fp, "%s_sim%zu%s", a->value_name, r + 1, r + 1 < a->nsim ? "," : "\n");
    char num[40];
    for (size_t b = 0; b < nb; b++) {
        size_t idx[3] = {b % a->count[0], (b / a->count[0]) % a->count[1],
                         b / (a->count[0] * a->count[1])};
        for (int d = 0; d < a->ndim; d++) {
            rm_krige_format_double(a->first[d] + (double)idx[d] * a->step[d], num);
            fputs(num, af.fp);
            fputc(',', af.fp);
        }
        for (size_t r = 0; r < a->nsim; r++) {
            rm_krige_format_double(sims[r * nb + b], num);
            fputs(num, af.fp);
            fputc(r + 1 < a->nsim ? ',' : '\n', af.fp);
        }
    }
    st = rm_afile_commit(&af, err);
    if (st)
        rm_afile_abort(&af);
    return st;
}

int rm_krige_sim(rm_cli *cli, const rm_krige_sim_args *a)
{
    rm_error err;
    rm_error_clear(&err);
    rm_table *t = NULL;
    double *x = NULL, *y = NULL, *z = NULL, *sims = NULL;
    int status = RM_EXIT_FAIL;
    rm_sgs_params p = {.nmax = a->nmax ? a->nmax : 24, .sk_mean = a->sk_mean,
                       .multigrid = a->multigrid, .seed = (uint64_t)a->seed};
    if (rm_vgm_parse(a->model_text, &p.model, &err) != RM_OK ||
        rm_table_read_csv(a->data_path, &t, &err) != RM_OK)
        goto done;
    size_t n = t->n_rows;
    x = malloc((n ? n : 1) * sizeof *x);
    y = malloc((n ? n : 1) * sizeof *y);
    z = calloc(n ? n : 1, sizeof *z);
    if (!x || !y || !z) {
        rm_error_set(&err, RM_ENOMEM, "out of memory");
        goto done;
    }
    const double *col[3], *val;
    for (int d = 0; d < a->ndim; d++)
        if (rm_table_numeric(t, a->coord_names[d], 0, &col[d], &err) != RM_OK)
            goto done;
    if (rm_table_numeric(t, a->value_name, 0, &val, &err) != RM_OK)
        goto done;
    memcpy(x, col[0], n * sizeof *x);
    memcpy(y, col[1], n * sizeof *y);
    if (a->ndim == 3)
        memcpy(z, col[2], n * sizeof *z);
    double range = rm_vgm_max_range(&p.model);
    p.radius = a->maxdist > 0 && range > 0 ? a->maxdist / range
                                           : rm_vgm_practical_range_factor(&p.model);
    rm_grid g = rm_grid_from_nodes(a->first, a->step, a->count, a->ndim);
    size_t nb = rm_grid_nblocks(&g);
    sims = malloc(a->nsim * nb * sizeof *sims);
    if (!sims) {
        rm_error_set(&err, RM_ENOMEM, "out of memory for %zu realizations of %zu nodes", a->nsim,
                     nb);
        goto done;
    }
    /* Here the grid's z is the data's z, up like the model's (depth_axis 0). */
    rm_sgs_data d = {n, x, y, z, val};
    double t0 = rm_now_s();
    if (rm_sgs_simulate_grid(&g, &d, &p, a->nscore, a->nsim, a->threads, sims, &err) != RM_OK)
        goto done;
    double t1 = rm_now_s();
    if (write_csv(a->out_path, a, sims, nb, &err) != RM_OK)
        goto done;
    rm_log(&cli->log, RM_LOG_DEBUG,
           "reemud krige: %zu realizations of %zu nodes: simulate %.3f s (%.3f s each), write "
           "%.3f s",
           a->nsim, nb, t1 - t0, (t1 - t0) / (double)a->nsim, rm_now_s() - t1);
    status = RM_EXIT_OK;
done:
    if (status != RM_EXIT_OK)
        rm_cli_fail(cli, &err);
    rm_table_free(t);
    free(x), free(y), free(z), free(sims);
    return status;
}
