/* cmd_estimate.c — `reemud estimate PROJECT.ini [--out DIR]`: the REY block
 * model, grade–tonnage, classification and maps (src/resource/estimate.c),
 * written as files GIS and netCDF tools open.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "api/stage.h"
#include "cli.h"
#include "reemud/config.h"
#include "reemud/data.h"
#include "reemud/report.h"
#include "reemud/resource.h"

const char rm_cmd_estimate_summary[] =
    "multi-element block model, grade-tonnage, classes, maps (netCDF, GeoTIFF, GPKG)";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: reemud estimate [-q|-v] PROJECT.ini [--out DIR] [--force] [--threads N]\n\n"
            "Composite the cores, fit (or read) the variograms, krige the 15 REY (+ Sc,\n"
            "dry density) into a 3-D block model in (x, y, mbsf), krige water depth,\n"
            "and report tonnes of mud and of each oxide, grade-tonnage curves by class\n"
            "and by mining column, and measured/indicated/inferred classes.\n\n"
            "options:\n"
            "  --out DIR      output directory (default: estimate)\n"
            "  --force        overwrite outputs already in DIR\n"
            "  --threads N    OpenMP threads (wins over [estimate] threads; default: all)\n\n"
            "outputs in DIR:\n"
            "  block_model.nc         netCDF-4, CF-1.8: every block field (ppm, tonnes,\n"
            "                         kriging variance, slope, KE, class) and surfaces\n"
            "  srey_mean_ppm.tif, thickness_above_cutoff_m.tif, reo_t_per_km2.tif,\n"
            "  water_depth_m.tif, class.tif   GeoTIFF maps in the project CRS\n"
            "  cores.gpkg             one point per core with summary attributes\n"
            "  grade_tonnage.csv      tonnes, grades, oxide tonnes above each cut-off\n"
            "  swath_x.csv, swath_y.csv, swath_z.csv (+ .png/.svg)  validation swaths:\n"
            "                         per slice the mean of the blocks, of a declustered\n"
            "                         nearest-neighbour model and of the composites\n"
            "  validation_global.csv  kriged vs nearest-neighbour mean per element\n"
            "  validation_gt.csv (+ .png/.svg)  kriged blocks vs DGM grade-tonnage\n"
            "  topcut.csv (+ topcut.png/.svg with [topcut])  caps, composites capped and\n"
            "                         metal at risk per capped element and SREY\n"
            "  resource_summary.json  totals (total_mud_t, total_reo_t, mean_srey_ppm,\n"
            "                         oxide_t), by class, variograms used\n"
            "  run.json               version, command, input hashes, parameters, timings\n\n"
            "project keys: docs/project-file.md ([grid], [variogram], [estimate],\n"
            "[classification]); method: docs/resource.md\n");
}

int rm_cmd_estimate(rm_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"force", no_argument, NULL, 'f'},
                                         {"threads", required_argument, NULL, 't'},
                                         {0, 0, 0, 0}};
    const char *out_dir = "estimate";
    int force = 0;
    long threads = -1;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:ft:", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return RM_EXIT_OK;
        case 'o':
            out_dir = optarg;
            break;
        case 'f':
            force = 1;
            break;
        case 't':
            if (rm_cli_parse_threads("estimate", optarg, &threads))
                return RM_EXIT_USAGE;
            break;
        default:
            return rm_cli_usage_error("estimate", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 1)
        return rm_cli_usage_error("estimate", "expected one PROJECT.ini");
    const char *project_path = argv[optind];

    /* One sequence with rm_api_estimate: src/api/stage.h. */
    rm_error err;
    rm_error_clear(&err);
    rm_problems p;
    rm_problems_init(&p, 100);
    rm_status st = rm_stage_estimate(project_path, out_dir, force, threads, cli->argc_all,
                                     cli->argv_all, &cli->log, &p, &err);
    int rc = RM_EXIT_OK;
    if (st && p.count) { /* the project file's problems, all of them */
        rm_problems_print(&p, stderr);
        fprintf(stderr, "reemud: error: %zu problem%s in %s\n", p.count,
                p.count == 1 ? "" : "s", project_path);
        rc = RM_EXIT_FAIL;
    } else if (st) {
        rc = rm_cli_fail(cli, &err);
    }
    rm_problems_free(&p);
    return rc;
}
