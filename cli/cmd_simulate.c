/* cmd_simulate.c — `reemud simulate PROJECT.ini`: P10/P50/P90 resources by
 * sequential Gaussian simulation (src/resource/simulate*.c).
 *
 * Under `mpirun -np K` (K > 1) the command hands over to the MPI driver
 * `reemud-mpi` installed beside it, which splits the realizations over the
 * ranks; the results are bit-identical to a single process.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "reemud/simulate.h"

const char rm_cmd_simulate_summary[] =
    "P10/P50/P90 resources by sequential Gaussian simulation (OpenMP, MPI)";

static void usage(FILE *out)
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
            "  prob_above_<C>ppm.tif    probability that the 0-10 mbsf mean SREY >= C\n"
            "  run.json                 version, command, input hashes, parameters, timings\n\n"
            "project keys: docs/project-file.md [simulate]; method: docs/simulation.md\n");
}

/* Under mpirun with several ranks, run the MPI driver beside this binary. */
static void hand_over_to_mpi(char **argv_all)
{
    const char *size = getenv("OMPI_COMM_WORLD_SIZE");
    if (!size)
        size = getenv("PMI_SIZE");
    if (!size || atoi(size) <= 1 || getenv("REEMUD_NO_MPI_HANDOVER"))
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
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},          {"out", required_argument, NULL, 'o'},
        {"realizations", required_argument, NULL, 'n'}, {"seed", required_argument, NULL, 's'},
        {"threads", required_argument, NULL, 't'}, {"write-realizations", no_argument, NULL, 'w'},
        {"force", no_argument, NULL, 'f'},         {0, 0, 0, 0}};
    const char *out_dir = "simulate";
    rm_simulate_overrides ov = {-1, -1, -1, -1};
    int force = 0, c;
    long v;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:n:s:t:wf", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return RM_EXIT_OK;
        case 'o':
            out_dir = optarg;
            break;
        case 'n':
            if (rm_cli_parse_long("simulate", "--realizations", optarg, 1, 100000, &v))
                return RM_EXIT_USAGE;
            ov.realizations = v;
            break;
        case 's':
            if (rm_cli_parse_long("simulate", "--seed", optarg, 0, 2147483647L, &v))
                return RM_EXIT_USAGE;
            ov.seed = v;
            break;
        case 't':
            if (rm_cli_parse_long("simulate", "--threads", optarg, 1, 1024, &v))
                return RM_EXIT_USAGE;
            ov.threads = (int)v;
            break;
        case 'w':
            ov.write_realizations = 1;
            break;
        case 'f':
            force = 1;
            break;
        default:
            return rm_cli_usage_error("simulate", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 1)
        return rm_cli_usage_error("simulate", "expected one PROJECT.ini");
    hand_over_to_mpi(cli->argv_all);
    const char *project = argv[optind];

    rm_error err;
    rm_error_clear(&err);
    rm_problems problems;
    rm_problems_init(&problems, 100);
    /* Refuse to overwrite before any work. */
    const char *outputs[] = {"simulation_summary.json", "simulation.nc", "run.json", NULL};
    if (rm_outdir_prepare(out_dir, force, outputs, &err)) {
        rm_problems_free(&problems);
        return rm_cli_fail(cli, &err);
    }
    double t0 = rm_now_s();
    rm_simulate_job *job;
    rm_status st = rm_simulate_job_open(project, &ov, &cli->log, &job, &problems, &err);
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
    if (!st)
        st = rm_simulation_finish(job->sim, &part, totals, reals, &res, &err);
    else {
        free(totals);
        free(reals);
    }
    rm_sim_partial_free(&part);
    double t2 = rm_now_s();
    rm_runinfo *ri = rm_runinfo_alloc(cli->argc_all, cli->argv_all);
    if (!st)
        st = rm_simulate_write(job->res.bm, &res, &job->params, out_dir, &err);
    if (!st)
        st = rm_runinfo_add_input(ri, "project", project, &err);
    if (!st)
        st = rm_runinfo_add_input(ri, "collars", job->res.data.collars_path, &err);
    if (!st)
        st = rm_runinfo_add_input(ri, "assays", job->res.data.assays_path, &err);
    if (!st) {
        char model[512] = "";
        rm_vgm_format(&res.model, model, sizeof model, NULL);
        rm_runinfo_param_num(ri, "realizations", (double)job->params.realizations);
        rm_runinfo_param_num(ri, "seed", (double)job->params.seed);
        rm_runinfo_param_num(ri, "nmax", (double)job->params.nmax);
        rm_runinfo_param_num(ri, "multigrid", job->params.multigrid);
        rm_runinfo_param_str(ri, "normal_score_variogram", model);
        rm_runinfo_param_num(ri, "mpi_ranks", 1);
        rm_runinfo_timing(ri, "estimate", t1 - t0);
        rm_runinfo_timing(ri, "simulate", t2 - t1);
        rm_runinfo_timing(ri, "per_realization", (t2 - t1) / (double)job->params.realizations);
        rm_runinfo_timing(ri, "total", rm_now_s() - t0);
        st = rm_runinfo_write(ri, out_dir, &err);
    }
    if (!st) {
        size_t z = 0;
        for (size_t k = 0; k < res.n_cutoffs; k++)
            if (res.cutoffs_ppm[k] == 0)
                z = k;
        printf("total REO (SREY >= %g ppm, %g-%g mbsf): P10 %.4g t, P50 %.4g t, P90 %.4g t "
               "(%zu realizations)\n",
               res.cutoffs_ppm[z], job->params.top_mbsf, job->params.bottom_mbsf,
               res.reo_t[z].p10, res.reo_t[z].p50, res.reo_t[z].p90, res.realizations);
        rm_log(&cli->log, RM_LOG_INFO, "wrote %s/ (%.2f s)", out_dir, rm_now_s() - t0);
        rm_simulate_result_free(&res);
    }
    rm_runinfo_free(ri);
    rm_simulate_job_free(job);
    return st ? rm_cli_fail(cli, &err) : RM_EXIT_OK;
}
