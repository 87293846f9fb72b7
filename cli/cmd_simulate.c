/* cmd_simulate.c — `reemud simulate PROJECT.ini`: P10/P50/P90 resources by
 * sequential Gaussian simulation (src/resource/simulate*.c).
 *
 * Under `mpirun -np K` (K > 1) the command hands over to the MPI driver
 * `reemud-mpi` installed beside it, which splits the realizations over the
 * ranks; the results are bit-identical to a single process.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "simulate_args.h"

const char rm_cmd_simulate_summary[] =
    "P10/P50/P90 resources by sequential Gaussian simulation (OpenMP, MPI)";

/* Under mpirun with several ranks, run the MPI driver beside this binary. */
static void hand_over_to_mpi(char **argv_all)
{
    const char *size = getenv("OMPI_COMM_WORLD_SIZE");
    if (!size)
        size = getenv("PMI_SIZE");
    if (!size || atoi(size) <= 1)
        return;
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 16);
    if (n <= 0)
        return;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return;
    strcpy(slash + 1, "reemud-mpi");
    if (access(self, X_OK) != 0) {
        fprintf(stderr, "reemud: warning: %s not found; every rank runs all realizations\n",
                self);
        return;
    }
    argv_all[0] = self;
    execv(self, argv_all);
    fprintf(stderr, "reemud: warning: cannot run %s\n", self);
}

int rm_cmd_simulate(rm_cli *cli, int argc, char **argv)
{
    rm_simulate_args a;
    int rc = rm_simulate_args_parse(argc, argv, &a);
    if (rc >= 0)
        return rc;
    hand_over_to_mpi(cli->argv_all);

    rm_error err;
    rm_error_clear(&err);
    /* Refuse to overwrite before any work. */
    if (rm_simulate_prepare_outdir(&a, &err))
        return rm_cli_fail(cli, &err);
    double t0 = rm_now_s();
    rm_problems problems;
    rm_problems_init(&problems, 100);
    rm_simulate_job *job;
    rm_status st = rm_simulate_job_open(a.project, &a.ov, &cli->log, &job, &problems, &err);
    if (st) {
        if (problems.count)
            rm_problems_print(&problems, stderr);
        rm_problems_free(&problems);
        return rm_cli_fail(cli, &err);
    }
    rm_problems_free(&problems);
    double t1 = rm_now_s();
    rm_simulate_result res;
    rm_sim_partial part;
    rm_sim_totals *totals = NULL;
    float *reals = NULL;
    st = rm_simulate_job_run(job, 0, 1, &part, &totals, &reals, &cli->log, &err);
    if (!st) {
        st = rm_simulation_finish(job->sim, &part, totals, reals, &res, &err);
    } else {
        free(totals);
        free(reals);
    }
    rm_sim_partial_free(&part);
    double t2 = rm_now_s();
    if (!st) {
        st = rm_simulate_finish_outputs(job, &res, &a, cli->argc_all, cli->argv_all, 1, t0, t1,
                                        t2, &err);
        rm_simulate_result_free(&res);
    }
    if (!st)
        rm_log(&cli->log, RM_LOG_INFO, "wrote %s/ (%.2f s)", a.out_dir, rm_now_s() - t0);
    rm_simulate_job_free(job);
    return st ? rm_cli_fail(cli, &err) : RM_EXIT_OK;
}
