/* cmd_supply.c — `reemud supply PROJECT.ini [--out DIR] [--oxide-output F.csv]
 * [--scenario N,...] [--years FROM:TO] [--draws N] [--seed N] [--force]`: the allied
 * rare-earth supply chain, mine to magnet, year by year, under China's export-control
 * scenarios, with and without Minamitorishima (src/supply).  Argument parsing,
 * orchestration and reporting only. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include <stdlib.h>

#include <cjson/cJSON.h>

#include "api/stage.h"
#include "cli.h"
#include "reemud/chain.h"
#include "reemud/config.h"
#include "reemud/report_supply.h"
#include "reemud/supply.h"

const char rm_cmd_supply_summary[] =
    "allied supply chain mine to magnet per element and year under export controls (GLPK)";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: reemud supply [-q|-v] PROJECT.ini [--out DIR] [--oxide-output FILE.csv]\n"
            "                     [--scenario NAME,...] [--years FROM:TO] [--draws N]\n"
            "                     [--seed N] [--threads N] [--force]\n\n"
            "Route each rare earth from mines through separation, metal/alloy and magnet\n"
            "makers to Japan, the US, other allied economies, China and the rest of the\n"
            "world, year by year, as a linear programme (GLPK) under each export-control\n"
            "scenario; name the stage that binds each shortfall; with --oxide-output (the\n"
            "chain's oxide_output.csv) add Minamitorishima at each daily rate.\n\n"
            "options:\n"
            "  --out DIR             output directory (default: supply)\n"
            "  --oxide-output F.csv  the chain's oxide_output.csv (default [supply]\n"
            "                        oxide_output; none: only the case without)\n"
            "  --scenario N,...      scenarios to run (default: all in the table: none,\n"
            "                        licensing, april_withheld, embargo_japan_us, japan_ban)\n"
            "  --years FROM:TO       years (default: base year of the demand table + 16)\n"
            "  --draws N             Monte Carlo draws (default [supply] draws, 0)\n"
            "  --seed N              Monte Carlo seed (default [supply] seed, 2018)\n"
            "  --threads N           OpenMP threads (results do not depend on it)\n"
            "  --force               overwrite outputs already in DIR\n\n"
            "outputs in DIR:\n"
            "  supply_balance.csv, supply_sources.csv, supply_montecarlo.csv (with draws),\n"
            "  supply_summary.json, supply_unmet.svg, supply_sankey.svg,\n"
            "  supply_bottlenecks.html, supply_economics.csv (NPV and break-even in a\n"
            "  \"normal\" and a \"controls\" price state, when processing.csv and\n"
            "  chain_summary.json sit beside the oxide output), run.json\n\n"
            "project keys: docs/project-file.md ([supply]); method: docs/supply.md\n");
}

int rm_cmd_supply(rm_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"oxide-output", required_argument, NULL, 'x'},
                                         {"scenario", required_argument, NULL, 'S'},
                                         {"years", required_argument, NULL, 'y'},
                                         {"draws", required_argument, NULL, 'd'},
                                         {"seed", required_argument, NULL, 's'},
                                         {"threads", required_argument, NULL, 't'},
                                         {"force", no_argument, NULL, 'f'},
                                         {0, 0, 0, 0}};
    const char *out_dir = "supply", *oxide = NULL, *scen = NULL, *years = NULL;
    int force = 0;
    long draws = -1, seed = -1, threads = -1;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:x:S:y:d:s:t:f", opts, NULL)) != -1) {
        switch (c) {
        case 'h': usage(stdout); return RM_EXIT_OK;
        case 'o': out_dir = optarg; break;
        case 'x': oxide = optarg; break;
        case 'S': scen = optarg; break;
        case 'y': years = optarg; break;
        case 'f': force = 1; break;
        case 'd':
            if (rm_cli_parse_long("supply", "--draws", optarg, 0, 100000, &draws))
                return RM_EXIT_USAGE;
            break;
        case 's':
            if (rm_cli_parse_long("supply", "--seed", optarg, 0, 0x7fffffffL, &seed))
                return RM_EXIT_USAGE;
            break;
        case 't':
            if (rm_cli_parse_long("supply", "--threads", optarg, 1, 4096, &threads))
                return RM_EXIT_USAGE;
            break;
        default:
            return rm_cli_usage_error("supply", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return rm_cli_usage_error("supply", optind >= argc ? "missing PROJECT.ini"
                                                           : "expected one PROJECT.ini");
    const char *project = argv[optind];

    /* One sequence with rm_api_supply: src/api/stage.h. */
    rm_error err;
    rm_error_clear(&err);
    rm_stage_supply run;
    int status = RM_EXIT_FAIL;
    if (rm_stage_supply_run(project, out_dir, oxide, scen, "--scenario", years, "--years", force,
                            draws, seed, threads, cli->argc_all, cli->argv_all, &cli->log, &run,
                            &err) != RM_OK)
        goto fail;
    const rm_supply_run_config *cfg = run.cfg;
    const rm_snetwork *net = &run.net;
    const rm_supply_result *res = &run.res;
    const rm_supply_econ_row *econ_rows = run.econ_rows;
    printf("baseline %d, China's share of capacity: mining %.1f %%, separation %.1f %%, "
           "magnets %.1f %%\n",
           cfg->baseline_year, 100 * res->china_stage_share[0], 100 * res->china_stage_share[1],
           100 * res->china_stage_share[2]);
    printf("%-18s %-14s %-8s %s\n", "scenario", "case", "market", "first shortfall");
    for (size_t s = 0; s < cfg->n_scenarios; s++)
        for (size_t k = 0; k < res->n_cases; k++)
            for (int q = 0; q < 2; q++) {
                int m = q ? RM_SM_US : RM_SM_JAPAN;
                char cname[64];
                rm_supply_case_name(cfg, k, cname, sizeof cname);
                rm_supply_shortfall f;
                rm_supply_first_shortfall(res, s, k, m, &f);
                if (f.year)
                    printf("%-18s %-14s %-8s %d %s (%.0f t unmet, %s)\n",
                           net->scenario[cfg->scenario[s]].name, cname, rm_smarket_name(m),
                           f.year, rm_element(f.element)->symbol, f.unmet_t,
                           rm_bind_name(f.binding));
                else
                    printf("%-18s %-14s %-8s none\n", net->scenario[cfg->scenario[s]].name, cname,
                           rm_smarket_name(m));
            }
    for (size_t k = 0; k < run.n_econ; k++)
        if (econ_rows[k].scenario == 0 || !strcmp(net->scenario[cfg->scenario[econ_rows[k].scenario]].name,
                                                  "embargo_japan_us"))
            printf("%-18s %6g t/day: NPV normal %.4g USD, controls %.4g USD; break-even price "
                   "factor %.3g / %.3g\n",
                   net->scenario[cfg->scenario[econ_rows[k].scenario]].name,
                   econ_rows[k].rate_dry_t_per_day, econ_rows[k].npv_usd[0], econ_rows[k].npv_usd[1],
                   econ_rows[k].breakeven_price_factor[0], econ_rows[k].breakeven_price_factor[1]);
    printf("%zu linear programmes in %.2f s\n", res->lp_solved, rm_now_s() - run.t_start);
    status = RM_EXIT_OK;
    goto done;
fail:
    status = rm_cli_fail(cli, &err);
done:
    rm_stage_supply_free(&run);
    return status;
}
