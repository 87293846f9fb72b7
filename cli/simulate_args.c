/* simulate_args.c — flags, usage and output writing of `reemud simulate`,
 * shared by cli/cmd_simulate.c and the MPI driver src/dist/mpi_simulate.c. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "api/stage.h"
#include "cli.h"
#include "simulate_args.h"

void rm_simulate_usage(FILE *out)
{
    fprintf(out,
            "usage: reemud simulate [-q|-v] PROJECT.ini [--out DIR] [--realizations N]\n"
            "                       [--seed S] [--threads N] [--write-realizations] [--force]\n"
            "       mpirun -np K reemud simulate PROJECT.ini ...   (realizations split over ranks)\n\n"
            "Estimate the block model, then simulate SREY on its grid (normal scores,\n"
            "sequential Gaussian simulation, back-transform), split it into the 15\n"
            "elements by the kriged composition, and report totals of mud, REO and each\n"
            "oxide above each cut-off as P10/P50/P90. Same inputs and seed give the same\n"
            "bytes for any number of threads or ranks.\n\n"
            "options:\n"
            "  --out DIR               output directory (default: simulate)\n"
            "  --realizations N        number of realizations ([simulate] realizations, 20)\n"
            "  --seed S                seed ([simulate] seed, else [project] seed)\n"
            "  --threads N             OpenMP threads over realizations\n"
            "  --write-realizations    also store every realization in simulation.nc\n"
            "  --force                 overwrite outputs already in DIR\n\n"
            "outputs in DIR:\n"
            "  simulation_summary.json  total_mud_t, total_reo_t and oxide_t as {p10, p50,\n"
            "                           p90, mean}, the same per cut-off; no timings/paths\n"
            "  simulation.nc            e-type mean and conditional variance of SREY\n"
            "  prob_above_<C>ppm.tif    probability that the mean SREY over the window\n"
            "                           ([simulate] top_mbsf-bottom_mbsf, 0-10) >= C\n"
            "  run.json                 version, command, input hashes, parameters, timings\n\n"
            "project keys: docs/project-file.md [simulate]; method: docs/simulation.md\n");
}

int rm_simulate_args_parse(int argc, char **argv, rm_simulate_args *a)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},          {"out", required_argument, NULL, 'o'},
        {"realizations", required_argument, NULL, 'n'}, {"seed", required_argument, NULL, 's'},
        {"threads", required_argument, NULL, 't'}, {"write-realizations", no_argument, NULL, 'w'},
        {"force", no_argument, NULL, 'f'},         {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    a->out_dir = "simulate";
    a->ov = (rm_simulate_overrides){-1, -1, -1, -1};
    long v;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:n:s:t:wf", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            rm_simulate_usage(stdout);
            return RM_EXIT_OK;
        case 'o':
            a->out_dir = optarg;
            break;
        case 'n':
            if (rm_cli_parse_long("simulate", "--realizations", optarg, 1, 100000, &v))
                return RM_EXIT_USAGE;
            a->ov.realizations = v;
            break;
        case 's':
            if (rm_cli_parse_long("simulate", "--seed", optarg, 0, 2147483647L, &v))
                return RM_EXIT_USAGE;
            a->ov.seed = v;
            break;
        case 't':
            if (rm_cli_parse_threads("simulate", optarg, &v))
                return RM_EXIT_USAGE;
            a->ov.threads = (int)v;
            break;
        case 'w':
            a->ov.write_realizations = 1;
            break;
        case 'f':
            a->force = 1;
            break;
        default:
            return rm_cli_usage_error("simulate", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 1)
        return rm_cli_usage_error("simulate", "expected one PROJECT.ini");
    a->project = argv[optind];
    return -1;
}

rm_status rm_simulate_prepare_outdir(const rm_simulate_args *a, rm_error *err)
{
    return rm_stage_simulate_prepare(a->out_dir, a->force, err);
}

void rm_simulate_print_total(const rm_simulate_job *job, const rm_simulate_result *res)
{
    size_t z = 0;
    for (size_t k = 0; k < res->n_cutoffs; k++)
        if (res->cutoffs_ppm[k] == 0)
            z = k;
    printf("total REO (SREY >= %g ppm, %g-%g mbsf): P10 %.4g t, P50 %.4g t, P90 %.4g t "
           "(%zu realizations)\n",
           res->cutoffs_ppm[z], job->params.top_mbsf, job->params.bottom_mbsf,
           res->reo_t[z].p10, res->reo_t[z].p50, res->reo_t[z].p90, res->realizations);
    /* The interval the cores alone would give, as independent draws, next
     * to the simulated one (docs/simulation.md, "Calibration"). */
    if (res->se_cores >= 2 && res->reo_t[z].p50 > 0)
        printf("  P10-P90 +-%.1f %% of P50; the standard error of the %zu cores' mean SREY "
               "alone: +-%.1f %% (1.2816 s/sqrt(n))\n",
               50.0 * (res->reo_t[z].p90 - res->reo_t[z].p10) / res->reo_t[z].p50,
               res->se_cores, 128.16 * res->cores_se_rel);
}

rm_status rm_simulate_finish_outputs(rm_simulate_job *job, const rm_simulate_result *res,
                                     const rm_simulate_args *a, int argc_all,
                                     char **argv_all, int ranks, double t_start,
                                     double t_estimated, double t_simulated, rm_error *err)
{
    rm_status st = rm_stage_simulate_write(job, res, a->project, a->out_dir, argc_all, argv_all,
                                           ranks, t_start, t_estimated, t_simulated, err);
    if (!st)
        rm_simulate_print_total(job, res);
    return st;
}
