/* cmd_check.c — `reemud check PROJECT.ini`: read the project file, the
 * collars and the assays, validate everything, composite, and print a
 * summary.  Every problem found is printed on its own line as
 * "error: FILE:LINE: field 'X': ..." and the exit status is 1.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "api/stage.h"
#include "cli.h"
#include "reemud/config.h"
#include "reemud/data.h"
#include "reemud/resource.h"

const char rm_cmd_check_summary[] = "validate a project's inputs and print a summary";

static void usage(FILE *out)
{
    fprintf(out,
            "usage: reemud check [-q|-v] PROJECT.ini\n\n"
            "Read PROJECT.ini (every section, as the stages that use them read it), the\n"
            "collars and assays it\n"
            "names, and check them: required columns, numbers, ranges, from_m < to_m,\n"
            "overlaps, intervals past the core length, unknown and duplicate holes.\n"
            "Every problem is printed as FILE:LINE: field 'X': what is wrong.\n"
            "When all is well, print counts, per-element statistics of the composites\n"
            "(n, min, mean, max, CV, declustered mean and CV), ΣREY, core coverage and\n"
            "the extent in projected metres.\n\n"
            "exit status: 0 valid, 1 problems found, 2 usage error\n"
            "formats: docs/data.md; project keys: docs/project-file.md\n");
}

static void print_problems_and_fail(const rm_problems *p, const char *what)
{
    rm_problems_print(p, stderr);
    fprintf(stderr, "reemud: error: %zu problem%s in %s\n", p->count,
            p->count == 1 ? "" : "s", what);
}

static void print_stats_row(const char *name, const double *v, const double *w, size_t n)
{
    rm_stats s;
    rm_stats_compute(v, w, n, &s, NULL);
    if (s.n == 0) {
        printf("  %-8s %7d\n", name, 0);
        return;
    }
    printf("  %-8s %7zu %10.4g %10.4g %10.4g %7.3f %10.4g %7.3f\n", name, s.n, s.min, s.mean,
           s.max, s.cv, s.wmean, s.wcv);
}

int rm_cmd_check(rm_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return RM_EXIT_OK;
        }
        return rm_cli_usage_error("check", "unknown option '%s'", argv[optind - 1]);
    }
    if (argc - optind != 1)
        return rm_cli_usage_error("check", "expected one PROJECT.ini");
    const char *project_path = argv[optind];

    /* One sequence with rm_api_check: src/api/stage.h. */
    rm_error err;
    rm_error_clear(&err);
    rm_problems problems;
    rm_problems_init(&problems, 100);
    rm_stage_check_result r;
    rm_status st = rm_stage_check(project_path, &cli->log, &r, &problems, &err);
    if (st) {
        int rc = RM_EXIT_FAIL;
        if (r.problems_in)
            print_problems_and_fail(&problems, r.problems_in);
        else
            rc = rm_cli_fail(cli, &err);
        rm_problems_free(&problems);
        rm_stage_check_result_free(&r);
        return rc;
    }
    rm_problems_free(&problems);
    const rm_data_config cfg = r.cfg;
    const rm_drillholes *dh = r.dh;
    const rm_composites *comp = r.comp;
    double core_m = r.core_m, assayed_m = r.assayed_m;
    double xmin = r.x_min_m, xmax = r.x_max_m, ymin = r.y_min_m, ymax = r.y_max_m;
    double wdmin = r.water_depth_min_m, wdmax = r.water_depth_max_m;
    size_t holes_assayed = r.holes_assayed;

    printf("project     %s (%s)\n", cfg.project.name, cfg.project.crs);
    printf("collars     %s: %zu holes (%zu with assays), %.2f m of core\n", cfg.collars_path,
           dh->n_holes, holes_assayed, core_m);
    printf("assays      %s: %zu intervals, %.2f m assayed\n", cfg.assays_path,
           dh->n_intervals, assayed_m);
    printf("coverage    %.1f %% of the core length is assayed\n",
           core_m > 0 ? 100.0 * assayed_m / core_m : 0.0);
    printf("extent      x %.1f .. %.1f m, y %.1f .. %.1f m (%.1f x %.1f km)\n", xmin, xmax,
           ymin, ymax, (xmax - xmin) / 1000, (ymax - ymin) / 1000);
    printf("water depth %.1f .. %.1f m\n", wdmin, wdmax);
    printf("composites  %zu of %g m (kept when >= %g of the length is assayed)", comp->n,
           cfg.composite_length_m, cfg.min_coverage);
    if (cfg.decluster_cell_m > 0)
        printf(", declustered with %g m cells\n", cfg.decluster_cell_m);
    else
        printf(", not declustered\n");
    printf("\ncomposite grades, ppm (decl. = declustered)\n");
    printf("  %-8s %7s %10s %10s %10s %7s %10s %7s\n", "element", "n", "min", "mean", "max",
           "CV", "decl.mean", "decl.CV");
    for (int e = 0; e < RM_NELEM; e++)
        if (comp->grade_ppm[e])
            print_stats_row(rm_element(e)->symbol, comp->grade_ppm[e], comp->weight, comp->n);
    print_stats_row("SREY", comp->srey_ppm, comp->weight, comp->n);
    if (comp->density_t_m3) {
        printf("\ncomposite dry density, t/m3\n");
        print_stats_row("density", comp->density_t_m3, comp->weight, comp->n);
    }

    rm_stage_check_result_free(&r);
    return RM_EXIT_OK;
}
