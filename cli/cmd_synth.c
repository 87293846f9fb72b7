/* cmd_synth.c — `reemud synth --out DIR`: generate a synthetic REY-mud
 * deposit, its piston cores and its truth (synth.h).  Flags only; the
 * science is in src/synth/.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "reemud/grf.h"
#include "reemud/synth.h"

const char rm_cmd_synth_summary[] = "synthetic deposit + cores + truth (deterministic from a seed)";

#define MAX_SITES 10000

static void usage(FILE *out)
{
    fprintf(out,
            "usage: reemud synth --out DIR [options]\n\n"
            "Generate a SYNTHETIC REY-mud deposit (deterministic from the seed), sample\n"
            "piston cores from it and write DIR/collars.csv, DIR/assays.csv, the block\n"
            "truth DIR/truth.nc (CF netCDF), DIR/truth_summary.json, DIR/project.ini\n"
            "([project] synthetic = true, the truth's grid) and DIR/run.json.\n"
            "The defaults reproduce the bundled example (examples/minamitorishima).\n\n"
            "options:\n"
            "  --out DIR              output directory (required)\n"
            "  --seed N               random seed (default 2018)\n"
            "  --holes N              number of random core sites (default 30)\n"
            "  --site X,Y             a chosen site in projected metres (repeatable;\n"
            "                         replaces the random sites)\n"
            "  --epsg N               projected CRS of the grid (default 32656, UTM 56N)\n"
            "  --extent X0,Y0,X1,Y1   grid extent in projected metres\n"
            "                         (default 558500,2410900,608500,2460900: 2,500 km²)\n"
            "  --nx N, --ny N         blocks across x and y (default 50, 50)\n"
            "  --depth M              truth depth below seafloor, m (default 10)\n"
            "  --dz M                 block height, m (default 0.5)\n"
            "  --core-length MIN,MAX  core lengths, m (default 10,15)\n"
            "  --interval M           sample length down the core, m (default 0.5)\n"
            "  --noise REL            relative measurement error s.d. (default 0.03)\n"
            "  --target-srey PPM      tonnage-weighted mean ΣREY over the window\n"
            "                         (default 964; 0 = no calibration)\n"
            "  --target-density T_M3  mean dry density over the window (default 0.55;\n"
            "                         0 = no calibration)\n"
            "  --window TOP,BOTTOM    reporting/calibration window, mbsf (default 0,10)\n"
            "  --waves N              cosine waves per random field (default %d)\n"
            "  --horizon-relief M     a test deposit for stratigraphic coordinates: the top\n"
            "                         of the REY-rich unit at 3.5 mbsf + M sin(2pi x/L)\n"
            "                         sin(2pi y/L) (M in [0, 3] m; 0 = flat)\n"
            "  --horizon-length L     its length scale L, m (default 25000)\n"
            "  --range-scale F        lateral correlation ranges x F (default 1: 12-20 km\n"
            "                         on the 50 km grid; F in [0.2, 5])\n"
            "  --force                overwrite existing outputs in DIR\n\n"
            "Method and calibration: docs/synthetic.md.\n",
            RM_GRF_DEFAULT_WAVES);
}

/* Parse "A,B[,C,D]" into exactly n doubles. */
static int parse_list(const char *flag, const char *text, int n, double *out)
{
    char buf[256];
    if (snprintf(buf, sizeof buf, "%s", text) >= (int)sizeof buf)
        return rm_cli_usage_error("synth", "%s: value too long", flag), -1;
    int k = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (k == n)
            return rm_cli_usage_error("synth", "%s: expected %d numbers in '%s'", flag, n,
                                      text), -1;
        if (rm_cli_parse_double("synth", flag, tok, -1e12, 1e12, &out[k++]))
            return -1;
    }
    if (k != n)
        return rm_cli_usage_error("synth", "%s: expected %d numbers in '%s'", flag, n, text),
               -1;
    return 0;
}

int rm_cmd_synth(rm_cli *cli, int argc, char **argv)
{
    enum { O_SEED = 1000, O_HOLES, O_SITE, O_EPSG, O_EXTENT, O_NX, O_NY, O_DEPTH, O_DZ,
           O_CORE, O_INTERVAL, O_NOISE, O_TSREY, O_TDENS, O_WINDOW, O_WAVES, O_FORCE,
           O_HRELIEF, O_HLENGTH, O_RSCALE };
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},         {"out", required_argument, NULL, 'o'},
        {"seed", required_argument, NULL, O_SEED}, {"holes", required_argument, NULL, O_HOLES},
        {"site", required_argument, NULL, O_SITE}, {"epsg", required_argument, NULL, O_EPSG},
        {"extent", required_argument, NULL, O_EXTENT}, {"nx", required_argument, NULL, O_NX},
        {"ny", required_argument, NULL, O_NY},     {"depth", required_argument, NULL, O_DEPTH},
        {"dz", required_argument, NULL, O_DZ},
        {"core-length", required_argument, NULL, O_CORE},
        {"interval", required_argument, NULL, O_INTERVAL},
        {"noise", required_argument, NULL, O_NOISE},
        {"target-srey", required_argument, NULL, O_TSREY},
        {"target-density", required_argument, NULL, O_TDENS},
        {"window", required_argument, NULL, O_WINDOW},
        {"waves", required_argument, NULL, O_WAVES},
        {"horizon-relief", required_argument, NULL, O_HRELIEF},
        {"horizon-length", required_argument, NULL, O_HLENGTH},
        {"range-scale", required_argument, NULL, O_RSCALE},
        {"force", no_argument, NULL, O_FORCE},     {0, 0, 0, 0}};
    rm_synth_params p;
    rm_synth_params_default(&p);
    const char *out_dir = NULL;
    int force = 0;
    double extent[4] = {p.grid.x0, p.grid.y0, p.grid.x0 + (double)p.grid.nx * p.grid.dx,
                        p.grid.y0 + (double)p.grid.ny * p.grid.dy};
    long nx = (long)p.grid.nx, ny = (long)p.grid.ny, v;
    double depth = (double)p.grid.nz * p.grid.dz, dz = p.grid.dz, pair[2];
    static double site_x[MAX_SITES], site_y[MAX_SITES];
    size_t n_sites = 0;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
        switch (c) {
        case 'h': usage(stdout); return RM_EXIT_OK;
        case 'o': out_dir = optarg; break;
        case O_SEED:
            if (rm_cli_parse_long("synth", "--seed", optarg, 0, 0x7fffffffL, &v)) return RM_EXIT_USAGE;
            p.seed = (uint64_t)v;
            break;
        case O_HOLES:
            if (rm_cli_parse_long("synth", "--holes", optarg, 1, 100000, &v)) return RM_EXIT_USAGE;
            p.n_holes = (size_t)v;
            break;
        case O_SITE:
            if (n_sites == MAX_SITES)
                return rm_cli_usage_error("synth", "--site: at most %d sites", MAX_SITES);
            if (parse_list("--site", optarg, 2, pair)) return RM_EXIT_USAGE;
            site_x[n_sites] = pair[0], site_y[n_sites] = pair[1], n_sites++;
            break;
        case O_EPSG:
            if (rm_cli_parse_long("synth", "--epsg", optarg, 1, 999999, &v)) return RM_EXIT_USAGE;
            p.epsg = (int)v;
            break;
        case O_EXTENT:
            if (parse_list("--extent", optarg, 4, extent)) return RM_EXIT_USAGE;
            break;
        case O_NX:
            if (rm_cli_parse_long("synth", "--nx", optarg, 1, 10000, &nx)) return RM_EXIT_USAGE;
            break;
        case O_NY:
            if (rm_cli_parse_long("synth", "--ny", optarg, 1, 10000, &ny)) return RM_EXIT_USAGE;
            break;
        case O_DEPTH:
            if (rm_cli_parse_double("synth", "--depth", optarg, 0.01, 1000, &depth)) return RM_EXIT_USAGE;
            break;
        case O_DZ:
            if (rm_cli_parse_double("synth", "--dz", optarg, 0.01, 100, &dz)) return RM_EXIT_USAGE;
            break;
        case O_CORE:
            if (parse_list("--core-length", optarg, 2, pair)) return RM_EXIT_USAGE;
            p.core_length_min_m = pair[0], p.core_length_max_m = pair[1];
            break;
        case O_INTERVAL:
            if (rm_cli_parse_double("synth", "--interval", optarg, 0.01, 100, &p.interval_m)) return RM_EXIT_USAGE;
            break;
        case O_NOISE:
            if (rm_cli_parse_double("synth", "--noise", optarg, 0, 0.49, &p.noise_rel)) return RM_EXIT_USAGE;
            break;
        case O_TSREY:
            if (rm_cli_parse_double("synth", "--target-srey", optarg, 0, 1e6, &p.target_mean_srey_ppm)) return RM_EXIT_USAGE;
            break;
        case O_TDENS:
            if (rm_cli_parse_double("synth", "--target-density", optarg, 0, 10, &p.target_density_t_m3)) return RM_EXIT_USAGE;
            break;
        case O_WINDOW:
            if (parse_list("--window", optarg, 2, pair)) return RM_EXIT_USAGE;
            p.top_mbsf = pair[0], p.bottom_mbsf = pair[1];
            break;
        case O_WAVES:
            if (rm_cli_parse_long("synth", "--waves", optarg, 10, 100000, &v)) return RM_EXIT_USAGE;
            p.n_waves = (size_t)v;
            break;
        case O_HRELIEF:
            if (rm_cli_parse_double("synth", "--horizon-relief", optarg, 0, 3,
                                    &p.horizon_relief_m))
                return RM_EXIT_USAGE;
            p.horizon_flat = 1;
            break;
        case O_HLENGTH:
            if (rm_cli_parse_double("synth", "--horizon-length", optarg, 1, 1e8,
                                    &p.horizon_length_m))
                return RM_EXIT_USAGE;
            break;
        case O_RSCALE:
            if (rm_cli_parse_double("synth", "--range-scale", optarg, 0.2, 5, &p.range_scale))
                return RM_EXIT_USAGE;
            break;
        case O_FORCE: force = 1; break;
        default:
            return rm_cli_usage_error("synth", "unknown option or missing value '%s'",
                                      argv[optind - 1]);
        }
    }
    if (optind < argc)
        return rm_cli_usage_error("synth", "unexpected argument '%s'", argv[optind]);
    if (!out_dir)
        return rm_cli_usage_error("synth", "--out DIR is required");
    if (!(extent[2] > extent[0] && extent[3] > extent[1]))
        return rm_cli_usage_error("synth", "--extent: need X0 < X1 and Y0 < Y1");
    double nz = depth / dz;
    if (fabs(nz - round(nz)) > 1e-6 * nz || round(nz) < 1)
        return rm_cli_usage_error("synth", "--depth %g is not a whole number of --dz %g",
                                  depth, dz);
    p.grid = (rm_grid){.nx = (size_t)nx, .ny = (size_t)ny, .nz = (size_t)round(nz),
                       .x0 = extent[0], .y0 = extent[1], .z0 = 0.0,
                       .dx = (extent[2] - extent[0]) / (double)nx,
                       .dy = (extent[3] - extent[1]) / (double)ny, .dz = dz};
    if (p.bottom_mbsf > depth + 1e-9 && p.bottom_mbsf == 10.0 && p.top_mbsf == 0.0)
        p.bottom_mbsf = depth; /* default window, shallower truth */
    if (n_sites) {
        p.site_x = site_x, p.site_y = site_y, p.n_sites = n_sites;
    }

    rm_error err;
    rm_error_clear(&err);
    rm_status st = rm_synth_params_check(&p, &err);
    if (st)
        return rm_cli_usage_error("synth", "%s", err.message);
    static const char *const outputs[] = {"collars.csv", "assays.csv", "truth.nc",
                                          "truth_summary.json", "project.ini", "run.json",
                                          NULL};
    if ((st = rm_outdir_prepare(out_dir, force, outputs, &err)))
        return rm_cli_fail(cli, &err);

    double t0 = rm_now_s();
    rm_synth *s = NULL;
    st = rm_synth_generate(&p, &s, &err);
    double t1 = rm_now_s();
    if (!st)
        st = rm_synth_write(s, &p, out_dir, &err);
    double t2 = rm_now_s();
    rm_runinfo *ri = st ? NULL : rm_runinfo_alloc(cli->argc_all, cli->argv_all);
    if (ri) {
        char text[64];
        snprintf(text, sizeof text, "EPSG:%d", p.epsg);
        rm_runinfo_param_num(ri, "seed", (double)p.seed);
        if (p.horizon_flat) {
            rm_runinfo_param_num(ri, "horizon_relief_m", p.horizon_relief_m);
            rm_runinfo_param_num(ri, "horizon_length_m", p.horizon_length_m);
        }
        if (p.range_scale != 1.0)
            rm_runinfo_param_num(ri, "range_scale", p.range_scale);
        rm_runinfo_param_str(ri, "crs", text);
        rm_runinfo_param_num(ri, "holes", (double)s->n_holes);
        rm_runinfo_param_num(ri, "nx", (double)p.grid.nx);
        rm_runinfo_param_num(ri, "ny", (double)p.grid.ny);
        rm_runinfo_param_num(ri, "nz", (double)p.grid.nz);
        rm_runinfo_param_num(ri, "x0", p.grid.x0);
        rm_runinfo_param_num(ri, "y0", p.grid.y0);
        rm_runinfo_param_num(ri, "dx_m", p.grid.dx);
        rm_runinfo_param_num(ri, "dy_m", p.grid.dy);
        rm_runinfo_param_num(ri, "dz_m", p.grid.dz);
        rm_runinfo_param_num(ri, "interval_m", p.interval_m);
        rm_runinfo_param_num(ri, "noise_rel", p.noise_rel);
        rm_runinfo_param_num(ri, "target_mean_srey_ppm", p.target_mean_srey_ppm);
        rm_runinfo_param_num(ri, "target_density_t_m3", p.target_density_t_m3);
        rm_runinfo_param_num(ri, "window_top_mbsf", p.top_mbsf);
        rm_runinfo_param_num(ri, "window_bottom_mbsf", p.bottom_mbsf);
        rm_runinfo_timing(ri, "generate", t1 - t0);
        rm_runinfo_timing(ri, "write", t2 - t1);
        st = rm_runinfo_write(ri, out_dir, &err);
        rm_runinfo_free(ri);
    } else if (!st) {
        st = rm_error_set(&err, RM_ENOMEM, "out of memory");
    }
    if (st) {
        rm_synth_free(s);
        return rm_cli_fail(cli, &err);
    }
    const rm_synth_summary *m = &s->summary;
    rm_log(&cli->log, RM_LOG_INFO, "synthetic deposit in %.2f s, written in %.2f s", t1 - t0,
           t2 - t1);
    printf("SYNTHETIC deposit (seed %llu) written to %s\n", (unsigned long long)p.seed,
           out_dir);
    printf("  cores          %zu holes, %zu samples\n", s->n_holes, s->n_samples);
    printf("  truth          %zu x %zu x %zu blocks of %g x %g x %g m\n", p.grid.nx, p.grid.ny,
           p.grid.nz, p.grid.dx, p.grid.dy, p.grid.dz);
    printf("  %g-%g mbsf     %.4g km2, mud %.4g t, mean SREY %.1f ppm, REO %.4g t\n",
           m->top_mbsf, m->bottom_mbsf, m->area_km2, m->total_mud_t, m->mean_srey_ppm,
           m->total_reo_t);
    rm_synth_free(s);
    return RM_EXIT_OK;
}
