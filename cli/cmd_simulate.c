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

#include "api/stage.h"
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
