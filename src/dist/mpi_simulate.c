/* mpi_simulate.c — `reemud-mpi`: the distributed driver of
 * `reemud simulate`.  `mpirun -np K reemud simulate ...` hands over to it.
 *
 * Every rank reads the same inputs; rank 0 alone runs the estimate (the
 * kriging) and broadcasts the kriged fields the simulation reads (ΣREY,
 * density, the 15 REY), the others stop the estimate stage at its data
 * (composites, grid).  Every rank then prepares the same simulation
 * (transforms, variograms, SGS templates, tiles) and runs the batches of
 * realizations rank, rank + K, rank + 2K, ..., each through all tiles in
 * order (docs/simulation.md "Tiles").  The per-block accumulators are 64-bit
 * fixed-point integers, reduced to rank 0 by integer sums, which are exact;
 * per-realization totals (and correlation matrices and stored
 * realizations) are reduced by sums in which only the owning rank
 * contributes a non-zero value, which is exact too.  So rank 0 finishes
 * and writes results identical, byte for byte, to a one-process run, for
 * any K.
 */
#include <mpi.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "simulate_args.h"

/* The MPI driver runs one command; the table cli.h declares is not needed. */

static int fail(int rank, const rm_error *err)
{
    if (rank == 0)
        fprintf(stderr, "reemud: error: %s\n", err->message);
    return RM_EXIT_FAIL;
}

/* Sum n values of type t (elements of `size` bytes) over the ranks into
 * rank 0, in place there.  MPI counts are int: reduce in chunks. */
static int reduce_sum(void *v, size_t n, size_t size, MPI_Datatype t, int rank)
{
    const size_t chunk = (size_t)1 << 28;
    char *p = v;
    for (size_t off = 0; off < n; off += chunk) {
        int c = (int)(n - off < chunk ? n - off : chunk);
        int rc = rank == 0
                     ? MPI_Reduce(MPI_IN_PLACE, p + off * size, c, t, MPI_SUM, 0, MPI_COMM_WORLD)
                     : MPI_Reduce(p + off * size, NULL, c, t, MPI_SUM, 0, MPI_COMM_WORLD);
        if (rc != MPI_SUCCESS)
            return -1;
    }
    return 0;
}

/* 1 on every rank if any rank's status is non-zero. */
static int any_failed(int status)
{
    int any = 0;
    MPI_Allreduce(&status, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return any != 0;
}

/* The estimate's merge (rm_estimate_share): count items of size bytes at
 * values from rank owner to every rank, broadcast in chunks of at most 2³⁰
 * bytes. */
static rm_status merge_from(void *ctx, void *values, size_t count, size_t size, int owner,
                            rm_error *err)
{
    (void)ctx;
    const size_t chunk = (size_t)1 << 30;
    size_t bytes = count * size;
    for (size_t off = 0; off < bytes; off += chunk) {
        int c = (int)(bytes - off < chunk ? bytes - off : chunk);
        if (MPI_Bcast((char *)values + off, c, MPI_BYTE, owner, MPI_COMM_WORLD) != MPI_SUCCESS)
            return rm_error_set(err, RM_EIO, "MPI: broadcast of kriged values from rank %d "
                                "failed", owner);
    }
    return RM_OK;
}

/* The estimate's fail (rm_estimate_share): this rank's kriging failed while
 * the others may be waiting in a merge; say why and end every rank. */
static void fail_all(void *ctx, const rm_error *err)
{
    (void)ctx;
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    fprintf(stderr, "reemud: error: %s (rank %d; stopping every rank)\n", err->message, rank);
    MPI_Abort(MPI_COMM_WORLD, RM_EXIT_FAIL);
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank = 0, ranks = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);

    rm_cli cli = {.log = {RM_LOG_INFO, stderr}, .argc_all = argc, .argv_all = argv};
    char **args = calloc((size_t)argc + 1, sizeof *args);
    memcpy(args, argv, (size_t)argc * sizeof *args);
    int n = argc;
    rm_cli_common_flags(&cli, &n, args);
    if (rank != 0)
        cli.log.level = RM_LOG_ERROR; /* one voice */
    int status = RM_EXIT_OK;
    rm_simulate_args a;
    if (n < 2 || strcmp(args[1], "simulate") != 0) {
        if (rank == 0)
            fprintf(stderr, "reemud-mpi: usage: mpirun -np K reemud simulate PROJECT.ini ...\n");
        status = RM_EXIT_USAGE;
    } else {
        int rc = rm_simulate_args_parse(n - 1, args + 1, &a);
        if (rc >= 0)
            status = rc;
    }
    if (status != RM_EXIT_OK) {
        free(args);
        MPI_Finalize();
        return status;
    }

    rm_error err;
    rm_error_clear(&err);
    int bad = rank == 0 ? rm_simulate_prepare_outdir(&a, &err) != RM_OK : 0;
    if (any_failed(bad)) {
        free(args);
        MPI_Finalize();
        return fail(rank, &err);
    }
    double t0 = rm_now_s();
    rm_problems problems;
    rm_problems_init(&problems, 100);
    rm_simulate_job *job = NULL;
    /* The estimate runs once, its kriging shared out: each rank kriges its
     * runs of layers and the merges give every rank every run's fields.
     * Every rank reads and checks the same inputs, so a project one rank
     * refuses, every rank refuses before the first merge. */
    rm_estimate_share share = {.part = rank, .parts = ranks, .merge = merge_from,
                               .fail = fail_all};
    bad = rm_simulate_job_load(a.project, &a.ov, 1, &share, &cli.log, &job, &problems,
                               &err) != RM_OK;
    if (bad && rank == 0 && problems.count)
        rm_problems_print(&problems, stderr);
    rm_problems_free(&problems);
    if (!any_failed(bad)) {
        bad = rm_simulate_job_prepare(job, &cli.log, &err) != RM_OK;
        if (!bad)
            rm_simulate_job_release_kriged(job);
    }
    if (any_failed(bad)) {
        rm_simulate_job_free(job);
        free(args);
        MPI_Finalize();
        return bad ? fail(rank, &err) : RM_EXIT_FAIL;
    }
    double t1 = rm_now_s();
    rm_sim_partial part;
    rm_sim_totals *totals = NULL;
    double *corr = NULL;
    float *reals = NULL;
    bad = rm_simulate_job_run(job, (size_t)rank, (size_t)ranks, &part, &totals, &corr, &reals,
                              &cli.log, &err) != RM_OK;
    if (any_failed(bad)) {
        free(totals);
        free(corr);
        free(reals);
        rm_sim_partial_free(&part);
        rm_simulate_job_free(job);
        free(args);
        MPI_Finalize();
        return bad ? fail(rank, &err) : RM_EXIT_FAIL;
    }
    /* Gather: exact integer sums and sums with a single non-zero term. */
    size_t nreal = job->params.realizations, ncut = job->params.n_cutoffs;
    size_t nb = part.nblocks;
    long long count = (long long)part.count, total_count = 0;
    MPI_Reduce(&count, &total_count, 1, MPI_LONG_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
    int rc = reduce_sum(part.sum_fine, 3 * nb, sizeof(int64_t), MPI_INT64_T, rank) ||
             reduce_sum(part.count_above, ncut * part.ncols, sizeof(int64_t), MPI_INT64_T, rank) ||
             reduce_sum(totals, nreal * ncut * (sizeof *totals / sizeof(double)), sizeof(double),
                        MPI_DOUBLE, rank) ||
             (corr && reduce_sum(corr, nreal * RM_SIM_CORR_N, sizeof(double), MPI_DOUBLE, rank)) ||
             (reals && reduce_sum(reals, nreal * nb, sizeof(float), MPI_FLOAT, rank));
    status = rc ? RM_EXIT_FAIL : RM_EXIT_OK;
    if (rank == 0 && !rc) {
        part.count = (size_t)total_count;
        double t2 = rm_now_s();
        rm_simulate_result res;
        rm_status st = rm_simulation_finish(job->sim, &part, totals, corr, reals, &res, &err);
        totals = NULL;
        corr = NULL;
        reals = NULL;
        if (!st) {
            st = rm_simulate_finish_outputs(job, &res, &a, argc, argv, ranks, t0, t1, t2, &err);
            rm_simulate_result_free(&res);
        }
        if (st)
            status = fail(rank, &err);
        else
            rm_log(&cli.log, RM_LOG_INFO, "wrote %s/ with %d MPI ranks (%.2f s)", a.out_dir,
                   ranks, rm_now_s() - t0);
    }
    free(totals);
    free(corr);
    free(reals);
    rm_sim_partial_free(&part);
    rm_simulate_job_free(job);
    free(args);
    MPI_Finalize();
    return status;
}
