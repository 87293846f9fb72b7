/* cmd_chain.c — `reemud chain PROJECT.ini [--out DIR] [--blockmodel F.nc]`:
 * mine plan, processing, supply security and economics for a list of daily
 * rates (src/chain).  Argument parsing and reporting only. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "api/stage.h"
#include "cli.h"
#include "reemud/chain.h"
#include "reemud/config.h"

const char rm_cmd_chain_summary[] =
    "mine plan, processing balance, supply security, economics (NPV, break-even)";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: reemud chain [-q|-v] PROJECT.ini [--out DIR] [--blockmodel FILE.nc]\n"
            "                    [--force] [--draws N] [--seed N] [--threads N]\n\n"
            "Mine the block model's best columns at each daily rate ([mine]\n"
            "rates_dry_t_per_day, default 350, 3500, 10000 dry t/day), run the plant\n"
            "balance, compare the oxide output with world, Japanese and US demand and\n"
            "with the supply exposed to China's export controls, and value the project\n"
            "(NPV with Monte Carlo P10/P50/P90, IRR, unit cost, break-even rate and\n"
            "price, tornado).\n\n"
            "options:\n"
            "  --out DIR          output directory (default: chain)\n"
            "  --blockmodel F.nc  block model (netCDF, e.g. estimate's block_model.nc or a\n"
            "                     synthetic truth.nc); default: [mine] blockmodel\n"
            "  --force            overwrite outputs already in DIR\n"
            "  --draws N          Monte Carlo draws (default [economics] draws, 1000)\n"
            "  --seed N           Monte Carlo seed (default [economics] seed)\n"
            "  --threads N        OpenMP threads (results do not depend on it)\n\n"
            "outputs in DIR:\n"
            "  mine_plan.csv, processing.csv, oxide_output.csv, supply.csv,\n"
            "  years_of_supply.csv, economics.csv, cashflow.csv, tornado.csv,\n"
            "  npv_draws.csv, chain_summary.json, run.json\n\n"
            "project keys: docs/project-file.md ([mine], [processing], [supply],\n"
            "[economics]); methods: docs/chain.md, docs/economics.md\n");
}

int rm_cmd_chain(rm_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"blockmodel", required_argument, NULL, 'b'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"draws", required_argument, NULL, 'd'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"threads", required_argument, NULL, 't'},
                                         {0, 0, 0, 0}};
    const char *out_dir = "chain", *bm_path = NULL;
    int force = 0;
    long draws = -1, seed = -1, threads = -1;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:b:fd:s:t:", opts, NULL)) != -1) {
        switch (c) {
        case 'h': usage(stdout); return RM_EXIT_OK;
        case 'o': out_dir = optarg; break;
        case 'b': bm_path = optarg; break;
        case 'f': force = 1; break;
        case 'd':
            if (rm_cli_parse_long("chain", "--draws", optarg, 0, 10000000, &draws))
                return RM_EXIT_USAGE;
            break;
        case 's':
            if (rm_cli_parse_long("chain", "--seed", optarg, 0, 2147483647L, &seed))
                return RM_EXIT_USAGE;
            break;
        case 't':
            if (rm_cli_parse_threads("chain", optarg, &threads))
                return RM_EXIT_USAGE;
            break;
        default:
            return rm_cli_usage_error("chain", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return rm_cli_usage_error("chain", optind >= argc ? "missing PROJECT.ini"
                                                          : "expected one PROJECT.ini");
    const char *project = argv[optind];

    /* One sequence with rm_api_chain: src/api/stage.h. */
    rm_error err;
    rm_error_clear(&err);
    rm_chain_result res;
    memset(&res, 0, sizeof res);
    static rm_chain_config cfg;
    int status = RM_EXIT_FAIL;
    if (rm_stage_chain(project, out_dir, bm_path, force, draws, seed, threads, cli->argc_all,
                       cli->argv_all, &cli->log, &cfg, &res, &err) != RM_OK) {
        status = rm_cli_fail(cli, &err);
        goto done;
    }
    printf("%10s %12s %14s %14s %14s %14s\n", "t/day", "REO t/yr", "USD/kg REO", "NPV P10",
           "NPV P50", "NPV P90");
    for (size_t k = 0; k < res.n_rates; k++) {
        const rm_chain_rate *cr = &res.rates[k];
        char unit[32] = "-"; /* no REO, no unit cost */
        if (isfinite(cr->econ.unit_cost_usd_per_kg_reo))
            snprintf(unit, sizeof unit, "%.2f", cr->econ.unit_cost_usd_per_kg_reo);
        printf("%10.0f %12.1f %14s %14.4g %14.4g %14.4g%s\n", cr->rate_dry_t_per_day,
               cr->reo_t_per_year, unit, cr->npv_p10_usd, cr->npv_p50_usd, cr->npv_p90_usd,
               cr->npv_p50_usd > 0 ? "" : "   does NOT pay");
    }
    if (isfinite(res.breakeven_rate_dry_t_per_day))
        printf("break-even rate: %.0f dry t/day\n", res.breakeven_rate_dry_t_per_day);
    else
        printf("break-even rate: none between %g and %g dry t/day (does not pay)\n",
               cfg.breakeven_rate_min, cfg.breakeven_rate_max);
    char why[512];
    if (rm_chain_nothing_minable(&res, &cfg, why, sizeof why))
        printf("%s\n", why);
    printf("mass balance max relative error: %.3g\n", res.mass_balance_max_rel_error);
    status = RM_EXIT_OK;
done:
    rm_chain_result_free(&res);
    return status;
}
