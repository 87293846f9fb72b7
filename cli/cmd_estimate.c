/* cmd_estimate.c — `reemud estimate PROJECT.ini [--out DIR]`: the REY block
 * model, grade–tonnage, classification and maps (src/resource/estimate.c),
 * written as files GIS and netCDF tools open.
 */
#include <getopt.h>
#include <omp.h>
#include <stdio.h>
#include <string.h>

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

/* Read every section the stage uses and report all problems, unknown keys
 * included, before any work starts. */
static int check_config(rm_ini *ini, const char *path)
{
    rm_problems p;
    rm_problems_init(&p, 100);
    rm_error err;
    rm_data_config dc;
    rm_estimate_config ec;
    rm_data_config_read(ini, &dc, &p, &err);
    rm_estimate_config_read(ini, &ec, &p, &err);
    rm_ini_finish_problems(ini, &p, &err);
    int bad = p.count > 0;
    if (bad) {
        rm_problems_print(&p, stderr);
        fprintf(stderr, "reemud: error: %zu problem%s in %s\n", p.count,
                p.count == 1 ? "" : "s", path);
    }
    rm_problems_free(&p);
    return bad;
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

    rm_error err;
    rm_error_clear(&err);
    rm_ini *ini = NULL;
    if (rm_ini_load(project_path, &ini, &err))
        return rm_cli_fail(cli, &err);
    if (check_config(ini, project_path)) {
        rm_ini_free(ini);
        return RM_EXIT_FAIL;
    }

    /* Refuse to overwrite before spending time on the estimate. */
    const char *outputs[48];
    size_t no = 0;
    for (; rm_resource_outputs[no]; no++)
        outputs[no] = rm_resource_outputs[no];
    for (size_t f = 0; rm_fig_validation_outputs[f]; f++)
        outputs[no++] = rm_fig_validation_outputs[f];
    outputs[no++] = "run.json";
    outputs[no] = NULL;
    if (rm_outdir_prepare(out_dir, force, outputs, &err)) {
        rm_ini_free(ini);
        return rm_cli_fail(cli, &err);
    }

    rm_runinfo *ri = rm_runinfo_alloc(cli->argc_all, cli->argv_all);
    rm_resource_result res;
    double t0 = rm_now_s();
    rm_status st = rm_runinfo_add_input(ri, "project", project_path, &err);
    if (threads > 0)
        omp_set_num_threads((int)threads); /* the default of every parallel loop */
    if (!st)
        st = rm_resource_estimate_threads(ini, threads, &cli->log, &res, &err);
    if (!st) {
        double t1 = rm_now_s();
        st = rm_runinfo_add_input(ri, "collars", res.data.collars_path, &err);
        if (!st)
            st = rm_runinfo_add_input(ri, "assays", res.data.assays_path, &err);
        if (!st && res.cfg.horizon_surface[0])
            st = rm_runinfo_add_input(ri, "horizon_surface", res.cfg.horizon_surface, &err);
        if (!st && res.cfg.drift_surface[0])
            st = rm_runinfo_add_input(ri, "drift_surface", res.cfg.drift_surface, &err);
        if (!st)
            st = rm_resource_write(&res, out_dir, &err);
        if (!st)
            st = rm_fig_validation(out_dir, &res.validation, &err);
        if (!st && res.topcut.n_rows)
            st = rm_fig_topcut(out_dir, &res.topcut, &err);
        if (!st) {
            rm_runinfo_param_str(ri, "crs", res.data.project.crs);
            rm_runinfo_param_str(ri, "crs_source", res.data.project.crs_source);
            rm_runinfo_param_str(ri, "variogram_mode",
                                 res.cfg.mode == RM_VMODE_SHARED ? "shared" : "per_element");
            if (res.shared_model_text[0])
                rm_runinfo_param_str(ri, "variogram_model", res.shared_model_text);
            rm_runinfo_param_str(ri, "water_depth_model", res.water_depth_model_text);
            rm_runinfo_param_num(ri, "threads", (double)(res.cfg.threads > 0
                                                             ? res.cfg.threads
                                                             : omp_get_max_threads()));
            rm_runinfo_param_str(ri, "vertical",
                                 res.cfg.vertical == RM_VERTICAL_HORIZON ? "horizon" : "mbsf");
            rm_runinfo_param_num(ri, "search_passes", (double)res.cfg.passes);
            rm_runinfo_param_num(ri, "topcut_rows", (double)res.topcut.n_rows);
            rm_runinfo_param_num(ri, "blocks", (double)res.n_blocks);
            rm_runinfo_param_num(ri, "blocks_estimated", (double)res.n_estimated);
            rm_runinfo_param_num(ri, "kriging_solves", (double)res.n_solves);
            rm_runinfo_param_num(ri, "total_mud_t", res.summary.total_mud_t);
            rm_runinfo_param_num(ri, "total_reo_t", res.summary.total_reo_t);
            rm_runinfo_param_num(ri, "mean_srey_ppm", res.summary.mean_srey_ppm);
            rm_runinfo_timing(ri, "data", res.seconds_data);
            rm_runinfo_timing(ri, "variogram", res.seconds_variogram);
            rm_runinfo_timing(ri, "krige", res.seconds_krige);
            rm_runinfo_timing(ri, "post", res.seconds_post);
            rm_runinfo_timing(ri, "write", rm_now_s() - t1);
            rm_runinfo_timing(ri, "total", rm_now_s() - t0);
            st = rm_runinfo_write(ri, out_dir, &err);
        }
        if (!st)
            rm_log(&cli->log, RM_LOG_INFO, "wrote %s/ (%.2f s)", out_dir, rm_now_s() - t0);
        rm_resource_result_free(&res);
    }
    rm_runinfo_free(ri);
    rm_ini_free(ini);
    return st ? rm_cli_fail(cli, &err) : RM_EXIT_OK;
}
