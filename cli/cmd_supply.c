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

    rm_error err;
    rm_error_clear(&err);
    rm_ini *ini = NULL;
    rm_runinfo *ri = NULL;
    rm_snetwork net;
    memset(&net, 0, sizeof net);
    static rm_supply_run_config cfg;
    static rm_chain_config ccfg;
    rm_supply_econ_row *econ_rows = NULL;
    size_t n_econ = 0;
    rm_supply_result res;
    memset(&res, 0, sizeof res);
    char datadir[4096];
    snprintf(datadir, sizeof datadir, "%s/data", rm_datadir());
    int status = RM_EXIT_FAIL;
    double t0 = rm_now_s();

    if (rm_ini_load(project, &ini, &err) != RM_OK ||
        rm_supply_setup(ini, datadir, &net, &cfg, &err) != RM_OK ||
        rm_chain_config_default(&ccfg, datadir, &err) != RM_OK ||
        rm_chain_config_read(&ccfg, ini, &err) != RM_OK || rm_ini_finish(ini, &err) != RM_OK)
        goto fail;
    if (scen && rm_supply_select_scenarios(&net, &cfg, scen, NULL, 0, "--scenario", &err))
        goto fail;
    if (years && rm_supply_parse_years(&cfg, years, NULL, 0, "--years", &err))
        goto fail;
    if (oxide && rm_supply_read_oxide_output(oxide, &cfg, &err))
        goto fail;
    if (draws >= 0)
        cfg.draws = draws;
    if (seed >= 0)
        cfg.seed = (unsigned long long)seed;
    if (cfg.sankey_year < cfg.year_from || cfg.sankey_year > cfg.year_to)
        cfg.sankey_year = cfg.year_to;
    cfg.sankey_case = (int)cfg.n_rates; /* the largest rate when given */
#ifdef _OPENMP
    if (threads > 0)
        omp_set_num_threads((int)threads);
#endif
    if (rm_outdir_prepare(out_dir, force, rm_supply_outputs, &err) != RM_OK)
        goto fail;
    rm_log(&cli->log, RM_LOG_INFO, "supply: %zu scenarios, %zu cases, %d-%d, %ld draws",
           cfg.n_scenarios, 1 + cfg.n_rates, cfg.year_from, cfg.year_to, cfg.draws);
    if (rm_supply_run(&net, &cfg, &res, &err) != RM_OK ||
        rm_supply_write(&res, &net, &cfg, out_dir, &err) != RM_OK ||
        rm_report_supply_figures(&res, &net, &cfg, out_dir, &err) != RM_OK)
        goto fail;
    const char *ox_path = oxide;
    char ox_buf[4096];
    if (!ox_path && cfg.n_rates && rm_ini_get_path(ini, "supply", "oxide_output", NULL, ox_buf,
                                                  sizeof ox_buf, &err) == RM_OK && ox_buf[0])
        ox_path = ox_buf;
    if (ox_path &&
        (rm_supply_economics_from_chain(&ccfg.econ, ccfg.econ_ex_china.price_usd_per_kg, &net,
                                        &cfg, ox_path, &cli->log, &econ_rows, &n_econ,
                                        &err) != RM_OK ||
         (n_econ && rm_supply_write_economics(econ_rows, n_econ, &net, &cfg, out_dir, &err) != RM_OK)))
        goto fail;
    ri = rm_runinfo_alloc(cli->argc_all, cli->argv_all);
    if (!ri || rm_runinfo_add_input(ri, "project", project, &err) != RM_OK)
        goto fail;
    if (ox_path && rm_runinfo_add_input(ri, "oxide_output", ox_path, &err) != RM_OK)
        goto fail;
    rm_runinfo_param_num(ri, "year_from", cfg.year_from);
    rm_runinfo_param_num(ri, "year_to", cfg.year_to);
    rm_runinfo_param_num(ri, "draws", (double)cfg.draws);
    rm_runinfo_param_num(ri, "seed", (double)cfg.seed);
    rm_runinfo_param_num(ri, "minamitorishima_start", cfg.mts_start_year);
    rm_runinfo_param_num(ri, "linear_programmes", (double)res.lp_solved);
    for (size_t k = 0; k < cfg.n_scenarios; k++) {
        char key[64];
        snprintf(key, sizeof key, "scenario_%zu", k);
        rm_runinfo_param_str(ri, key, net.scenario[cfg.scenario[k]].name);
    }
    rm_runinfo_timing(ri, "supply", rm_now_s() - t0);
    if (rm_runinfo_write(ri, out_dir, &err) != RM_OK)
        goto fail;

    printf("baseline %d, China's share of capacity: mining %.1f %%, separation %.1f %%, "
           "magnets %.1f %%\n",
           cfg.baseline_year, 100 * res.china_stage_share[0], 100 * res.china_stage_share[1],
           100 * res.china_stage_share[2]);
    printf("%-18s %-14s %-8s %s\n", "scenario", "case", "market", "first shortfall");
    for (size_t s = 0; s < cfg.n_scenarios; s++)
        for (size_t k = 0; k < res.n_cases; k++)
            for (int q = 0; q < 2; q++) {
                int m = q ? RM_SM_US : RM_SM_JAPAN;
                char cname[64];
                rm_supply_case_name(&cfg, k, cname, sizeof cname);
                int found = 0;
                for (int yo = 0; yo < res.n_years && !found; yo++)
                    for (int e = 0; e < RM_NREY && !found; e++) {
                        const rm_supply_row *w = &res.rows[rm_supply_row_index(&res, s, k, yo, e, m)];
                        if (w->unmet_t > 1e-3 && w->unmet_t > 1e-6 * w->demand_t) {
                            printf("%-18s %-14s %-8s %d %s (%.0f t unmet, %s)\n",
                                   net.scenario[cfg.scenario[s]].name, cname, rm_smarket_name(m),
                                   w->year, rm_element(e)->symbol, w->unmet_t,
                                   rm_bind_name(w->binding));
                            found = 1;
                        }
                    }
                if (!found)
                    printf("%-18s %-14s %-8s none\n", net.scenario[cfg.scenario[s]].name, cname,
                           rm_smarket_name(m));
            }
    for (size_t k = 0; k < n_econ; k++)
        if (econ_rows[k].scenario == 0 || !strcmp(net.scenario[cfg.scenario[econ_rows[k].scenario]].name,
                                                  "embargo_japan_us"))
            printf("%-18s %6g t/day: NPV normal %.4g USD, controls %.4g USD; break-even price "
                   "factor %.3g / %.3g\n",
                   net.scenario[cfg.scenario[econ_rows[k].scenario]].name,
                   econ_rows[k].rate_dry_t_per_day, econ_rows[k].npv_usd[0], econ_rows[k].npv_usd[1],
                   econ_rows[k].breakeven_price_factor[0], econ_rows[k].breakeven_price_factor[1]);
    printf("%zu linear programmes in %.2f s\n", res.lp_solved, rm_now_s() - t0);
    status = RM_EXIT_OK;
    goto done;
fail:
    status = rm_cli_fail(cli, &err);
done:
    free(econ_rows);
    rm_supply_result_free(&res);
    rm_snetwork_free(&net);
    rm_runinfo_free(ri);
    rm_ini_free(ini);
    return status;
}
