/* krige_sim.h — `reemud krige --sim N`: sequential Gaussian simulation of
 * the data on a --grid (cli/krige_sim.c), the generic entry used by the
 * benchmarks against gstat's krige(..., nsim = N). */
#ifndef REEMUD_KRIGE_SIM_H
#define REEMUD_KRIGE_SIM_H

#include <stddef.h>

#include "cli.h"

typedef struct rm_krige_sim_args {
    const char *data_path, *model_text, *out_path;
    char **coord_names;
    int ndim;
    const char *value_name;
    double first[3], step[3];
    size_t count[3];
    size_t nmax;        /* 0 = 24 */
    double maxdist;     /* 0 = the model's search default */
    double sk_mean;
    size_t nsim;
    long seed;
    int nscore, multigrid, threads;
} rm_krige_sim_args;

int rm_krige_sim(rm_cli *cli, const rm_krige_sim_args *a);

#endif
