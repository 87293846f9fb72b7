/* cmd_assess.c — `reemud assess [PROJECT.ini]`: the whole chain and its
 * report (src/report/assess*.c).  Argument parsing and reporting only. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "reemud/assess.h"

const char rm_cmd_assess_summary[] =
    "the whole chain (estimate, simulate, lift, plant, supply, economics) + report.html";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: reemud assess [-q|-v] [PROJECT.ini] [--out DIR] [--realizations N]\n"
            "                     [--draws N] [--threads N] [--force]\n\n"
            "Check the project, estimate the block model, simulate P10/P50/P90, plan the\n"
            "mine, run the plant, supply and economics at each rate, compare the lift\n"
            "systems at the mined area's depth, draw the figures and write report.html.\n"
            "Without PROJECT.ini it runs the bundled synthetic example\n"
            "(%s/examples/minamitorishima/project.ini).\n\n"
            "options:\n"
            "  --out DIR          output folder (default: assess)\n"
            "  --realizations N   simulations ([simulate] realizations, else %d)\n"
            "  --draws N          Monte Carlo draws of the economics ([economics] draws)\n"
            "  --threads N        OpenMP threads of every stage, over the project's\n"
            "                     threads keys (results do not depend on it)\n"
            "  --force            overwrite a previous assess in DIR\n\n"
            "outputs in DIR:\n"
            "  report.html        the report: answers first, figures, tables, provenance\n"
            "  summary.json       resource, lift, scenarios, breakeven_rate_dry_t_per_day\n"
            "  run.json           version, command, input hashes, parameters, timings\n"
            "  estimate/ simulate/ chain/ lift/   each stage's own outputs\n"
            "  figures/           every figure as PNG and SVG\n\n"
            "method and keys: docs/assess.md\n",
            rm_datadir(), RM_ASSESS_DEFAULT_REALIZATIONS);
}

int rm_cmd_assess(rm_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"realizations", required_argument, NULL, 'n'},
                                         {"draws", required_argument, NULL, 'd'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"force", no_argument, NULL, 'f'},
                                         {0, 0, 0, 0}};
    const char *out_dir = "assess";
    int force = 0;
    long v;
    rm_assess_options opt;
    rm_assess_options_default(&opt);
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:n:d:t:f", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return RM_EXIT_OK;
        case 'o':
            out_dir = optarg;
            break;
        case 'n':
            if (rm_cli_parse_long("assess", "--realizations", optarg, 1, 100000, &v))
                return RM_EXIT_USAGE;
            opt.realizations = v;
            break;
        case 'd':
            if (rm_cli_parse_long("assess", "--draws", optarg, 0, 10000000, &v))
                return RM_EXIT_USAGE;
            opt.draws = v;
            break;
        case 't':
            if (rm_cli_parse_threads("assess", optarg, &v))
                return RM_EXIT_USAGE;
            opt.threads = (int)v;
            break;
        case 'f':
            force = 1;
            break;
        default:
            return rm_cli_usage_error("assess", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind > 1)
        return rm_cli_usage_error("assess", "expected at most one PROJECT.ini");
    char example[4096];
    const char *project = argv[optind];
    if (!project) {
        snprintf(example, sizeof example, "%s/examples/minamitorishima/project.ini",
                 rm_datadir());
        project = example;
        rm_log(&cli->log, RM_LOG_INFO, "assess: no project given: the bundled example %s",
               project);
    }

    rm_error err;
    rm_error_clear(&err);
    /* Refuse to overwrite before any work. */
    if (rm_assess_prepare(out_dir, force, &err))
        return rm_cli_fail(cli, &err);
    rm_problems problems;
    rm_problems_init(&problems, 100);
    rm_assess_result res;
    rm_status st = rm_assess_run(project, &opt, &cli->log, &res, &problems, &err);
    if (st) {
        if (problems.count)
            rm_problems_print(&problems, stderr);
        rm_problems_free(&problems);
        return rm_cli_fail(cli, &err);
    }
    rm_problems_free(&problems);
    st = rm_assess_write(&res, out_dir, cli->argc_all, cli->argv_all, &cli->log, &err);
    if (!st) {
        rm_assess_print_summary(&res, stdout);
        printf("report: %s/report.html\n", out_dir);
        rm_log(&cli->log, RM_LOG_INFO, "assess: wrote %s/ in %.1f s", out_dir, res.t.total_s);
    }
    rm_assess_result_free(&res);
    return st ? rm_cli_fail(cli, &err) : RM_EXIT_OK;
}
