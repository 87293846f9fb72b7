/* cmd_simulate.c — `reemud simulate PROJECT.ini`: P10/P50/P90 resources by
 * sequential Gaussian simulation (src/resource/simulate*.c).
 *
 * Under `mpirun -np K` (K > 1) the command hands over to the MPI driver
 * `reemud-mpi` installed beside it, which splits the realizations over the
 * ranks; the results are bit-identical to a single process.  Without that
 * driver rank 0 runs alone.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/stage.h"
#include "cli.h"
#include "simulate_args.h"

const char rm_cmd_simulate_summary[] =
    "P10/P50/P90 resources by sequential Gaussian simulation (OpenMP, MPI)";

/* Under mpirun with several ranks, run the MPI driver beside this binary.
 * Without it, rank 0 runs every realization alone (with a warning) and the
 * other ranks are to exit: returns 1 in those. */
static int hand_over_to_mpi(char **argv_all, const rm_logger *log)
{
    int rank, size;
    rm_cli_mpi_world(&rank, &size);
    if (size <= 1)
        return 0;
    char self[PATH_MAX] = "reemud-mpi";
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 16);
    char *slash = n > 0 ? (self[n] = '\0', strrchr(self, '/')) : NULL;
    if (slash) {
        strcpy(slash + 1, "reemud-mpi");
        if (access(self, X_OK) == 0) {
            argv_all[0] = self;
            execv(self, argv_all);
        }
    }
    if (rank == 0)
        rm_log(log, RM_LOG_WARN,
               "cannot run %s: rank 0 of %d runs every realization alone", self, size);
    return rank != 0;
}

int rm_cmd_simulate(rm_cli *cli, int argc, char **argv)
{
    rm_simulate_args a;
    int rc = rm_simulate_args_parse(argc, argv, &a);
    if (rc >= 0)
        return rc;
    if (hand_over_to_mpi(cli->argv_all, &cli->log))
        return RM_EXIT_OK;

    /* One sequence with rm_api_simulate: src/api/stage.h. */
    rm_error err;
    rm_error_clear(&err);
    rm_problems problems;
    rm_problems_init(&problems, 100);
    rm_status st = rm_stage_simulate(a.project, a.out_dir, a.force, &a.ov, cli->argc_all,
                                     cli->argv_all, &cli->log, rm_simulate_print_total,
                                     &problems, &err);
    if (st && problems.count)
        rm_problems_print(&problems, stderr);
    rm_problems_free(&problems);
    return st ? rm_cli_fail(cli, &err) : RM_EXIT_OK;
}
