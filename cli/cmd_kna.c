/* cmd_kna.c — `reemud kna PROJECT.ini [--nmax LIST] [--maxdist LIST] [--out DIR]`:
 * kriging neighbourhood analysis of the project's estimate (Vann, Jackson &
 * Bertoli 2003).  Flags only; the science is in src/resource/kna.c.
 */
#include <getopt.h>
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "reemud/config.h"
#include "reemud/report.h"
#include "reemud/resource.h"

const char rm_cmd_kna_summary[] =
    "kriging neighbourhood analysis: slope, KE, negative weights against nmax, maxdist";

#define CMD "kna"
#define MAX_LIST 32

static void usage(FILE *out)
{
    fprintf(out,
            "usage: reemud kna [-q|-v] PROJECT.ini [--nmax LIST] [--maxdist LIST] [--out DIR]\n"
            "                  [--max-blocks N] [--force] [--threads N]\n\n"
            "Kriging neighbourhood analysis (Vann, Jackson & Bertoli 2003): the project's\n"
            "samples and variogram (as `reemud estimate` fits or reads them), block\n"
            "kriging of a regular subset of the grid's blocks with each nmax and maxdist,\n"
            "and per neighbourhood the mean slope of regression, the mean kriging\n"
            "efficiency and the share of negative kriging weights.\n\n"
            "options:\n"
            "  --nmax LIST       samples per neighbourhood (default 4,8,12,16,24,32,48,64)\n"
            "  --maxdist LIST    search radii in m along the variogram's major axis;\n"
            "                    0 = none (default: [estimate] maxdist_m)\n"
            "  --max-blocks N    test at most N blocks (default 4000)\n"
            "  --out DIR         output directory (default: kna)\n"
            "  --force           overwrite outputs already in DIR\n"
            "  --threads N       OpenMP threads\n\n"
            "outputs in DIR: kna.csv (nmax, maxdist_m, slope_mean, ke_mean,\n"
            "negative_weight_share, blocks_estimated, blocks_tested, slope_p10,\n"
            "slope_exact_mean), kna.png, kna.svg,\n"
            "run.json.  Method: docs/kriging.md.\n");
}

/* Parse a comma-separated list of numbers in [lo, hi]; returns the count or -1. */
static int parse_list(const char *flag, const char *text, double lo, double hi, double *out)
{
    char buf[1024];
    if (snprintf(buf, sizeof buf, "%s", text) >= (int)sizeof buf)
        return rm_cli_usage_error(CMD, "%s: value too long", flag), -1;
    int n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (n == MAX_LIST)
            return rm_cli_usage_error(CMD, "%s: at most %d values", flag, MAX_LIST), -1;
        if (rm_cli_parse_double(CMD, flag, tok, lo, hi, &out[n++]))
            return -1;
    }
    if (n == 0)
        return rm_cli_usage_error(CMD, "%s: no values in '%s'", flag, text), -1;
    return n;
}

int rm_cmd_kna(rm_cli *cli, int argc, char **argv)
{
    enum { O_NMAX = 1000, O_MAXDIST, O_MAXBLOCKS };
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"nmax", required_argument, NULL, O_NMAX},
                                         {"maxdist", required_argument, NULL, O_MAXDIST},
                                         {"max-blocks", required_argument, NULL, O_MAXBLOCKS},
                                         {0, 0, 0, 0}};
    const char *out_dir = "kna";
    int force = 0;
    long threads = -1, max_blocks = 4000;
    double nmax_d[MAX_LIST] = {4, 8, 12, 16, 24, 32, 48, 64}, md[MAX_LIST] = {0};
    int n_nmax = 8, n_md = -1;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:ft:", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return RM_EXIT_OK;
        case 'o': out_dir = optarg; break;
        case 'f': force = 1; break;
        case 't':
            if (rm_cli_parse_long(CMD, "--threads", optarg, 1, 1024, &threads))
                return RM_EXIT_USAGE;
            break;
        case O_NMAX:
            if ((n_nmax = parse_list("--nmax", optarg, 1, 1000, nmax_d)) < 0)
                return RM_EXIT_USAGE;
            for (int i = 0; i < n_nmax; i++)
                if (nmax_d[i] != floor(nmax_d[i]))
                    return rm_cli_usage_error(CMD, "--nmax: %g is not a whole number",
                                              nmax_d[i]);
            break;
        case O_MAXDIST:
            if ((n_md = parse_list("--maxdist", optarg, 0, 1e8, md)) < 0)
                return RM_EXIT_USAGE;
            break;
        case O_MAXBLOCKS:
            if (rm_cli_parse_long(CMD, "--max-blocks", optarg, 1, 10000000L, &max_blocks))
                return RM_EXIT_USAGE;
            break;
        default:
            return rm_cli_usage_error(CMD, "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 1)
        return rm_cli_usage_error(CMD, "expected one PROJECT.ini");
    const char *project_path = argv[optind];

    rm_error err;
    rm_error_clear(&err);
    rm_ini *ini = NULL;
    if (rm_ini_load(project_path, &ini, &err))
        return rm_cli_fail(cli, &err);
    static const char *const outputs[] = {"kna.csv", "kna.png", "kna.svg", "run.json", NULL};
    if (rm_outdir_prepare(out_dir, force, outputs, &err)) {
        rm_ini_free(ini);
        return rm_cli_fail(cli, &err);
    }
    rm_runinfo *ri = rm_runinfo_alloc(cli->argc_all, cli->argv_all);
    rm_resource_result res;
    rm_kna_table kt = {0};
    double t0 = rm_now_s();
    if (threads > 0)
        omp_set_num_threads((int)threads);
    rm_status st = rm_runinfo_add_input(ri, "project", project_path, &err);
    int have_res = 0;
    if (!st)
        st = rm_resource_estimate_threads(ini, threads, &cli->log, &res, &err);
    if (!st)
        st = rm_ini_finish(ini, &err);
    have_res = st == RM_OK;
    if (!st) {
        if (n_md < 0) {
            n_md = 1;
            md[0] = res.cfg.maxdist_m;
        }
        size_t nm[MAX_LIST];
        for (int i = 0; i < n_nmax; i++)
            nm[i] = (size_t)nmax_d[i];
        double t1 = rm_now_s();
        st = rm_kna(&res, nm, (size_t)n_nmax, md, (size_t)n_md, (size_t)max_blocks, &kt, &err);
        char path[4200];
        if (!st)
            st = rm_path_join(path, sizeof path, out_dir, "kna.csv", &err);
        if (!st)
            st = rm_kna_write_csv(&kt, path, &err);
        if (!st)
            st = rm_fig_kna(out_dir, &kt, &err);
        if (!st) {
            rm_runinfo_add_input(ri, "collars", res.data.collars_path, &err);
            rm_runinfo_add_input(ri, "assays", res.data.assays_path, &err);
            rm_runinfo_param_str(ri, "variogram_model", res.shared_model_text);
            rm_runinfo_param_num(ri, "test_block_stride", (double)kt.stride);
            rm_runinfo_param_num(ri, "blocks_tested", kt.n ? (double)kt.rows[0].blocks_tested : 0);
            rm_runinfo_timing(ri, "estimate", t1 - t0);
            rm_runinfo_timing(ri, "kna", rm_now_s() - t1);
            st = rm_runinfo_write(ri, out_dir, &err);
        }
        for (size_t r = 0; r < kt.n && !st; r++)
            rm_log(&cli->log, RM_LOG_INFO,
                   "nmax %3zu maxdist %8.0f: slope %.3f  KE %.3f  negative weights %.1f %%",
                   kt.rows[r].nmax, kt.rows[r].maxdist_m, kt.rows[r].slope_mean,
                   kt.rows[r].ke_mean, 100 * kt.rows[r].negative_weight_share);
    }
    if (have_res)
        rm_resource_result_free(&res);
    rm_kna_table_free(&kt);
    rm_runinfo_free(ri);
    rm_ini_free(ini);
    if (!st)
        rm_log(&cli->log, RM_LOG_INFO, "wrote %s/ (%.2f s)", out_dir, rm_now_s() - t0);
    return st ? rm_cli_fail(cli, &err) : RM_EXIT_OK;
}
