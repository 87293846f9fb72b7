/* simulate_args.h — the flags of `reemud simulate`, shared by the command
 * and the MPI driver (src/dist) so both read the same command line. */
#ifndef REEMUD_SIMULATE_ARGS_H
#define REEMUD_SIMULATE_ARGS_H

#include <stdio.h>

#include "reemud/simulate.h"

typedef struct rm_simulate_args {
    const char *project;
    const char *out_dir;
    rm_simulate_overrides ov;
    int force;
} rm_simulate_args;

void rm_simulate_usage(FILE *out);
/* Parse argv (argv[0] = "simulate").  Returns -1 to go on, else the exit
 * status (0 after --help, 2 on a usage error, with a message printed). */
int rm_simulate_args_parse(int argc, char **argv, rm_simulate_args *a);

/* Create the output directory, refusing (without --force) to overwrite
 * any output of an earlier simulation, the per-cut-off maps included. */
rm_status rm_simulate_prepare_outdir(const rm_simulate_args *a, rm_error *err);

/* Print the one-line summary of a finished simulation on stdout. */
void rm_simulate_print_total(const rm_simulate_job *job, const rm_simulate_result *res);

/* Write the outputs and run.json of a finished simulation; print the
 * one-line summary on stdout. */
rm_status rm_simulate_finish_outputs(rm_simulate_job *job, const rm_simulate_result *res,
                                     const rm_simulate_args *a, int argc_all,
                                     char **argv_all, int ranks, double t_start,
                                     double t_estimated, double t_simulated, rm_error *err);

#endif
