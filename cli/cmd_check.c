/* cmd_check.c — `reemud check PROJECT.ini`: read the project file, the
 * collars and the assays, validate everything, composite, and print a
 * summary.  Every problem found is printed on its own line as
 * "error: FILE:LINE: field 'X': ..." and the exit status is 1.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "reemud/chain.h"
#include "reemud/config.h"
#include "reemud/data.h"
#include "reemud/lift.h"
#include "reemud/resource.h"
#include "reemud/simulate.h"

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

/* The sections of the later stages, read as estimate, simulate, chain and
 * lift read them, so that check accepts exactly the project files the
 * stages accept (an unknown [grid] key, dx_m = 0, a MODEL that does not
 * parse, nmin > nmax, a reporting window off the blocks ...).  Problems go
 * to problems. */
static void check_later_stages(rm_ini *ini, rm_problems *problems)
{
    rm_error e;
    rm_estimate_config ec;
    rm_estimate_config_read(ini, &ec, problems, &e);
    rm_simulate_params sp;
    rm_simulate_params_default(&sp);
    if (rm_simulate_params_read(ini, &sp, &e)) {
        rm_problems_add(problems, NULL, 0, NULL, "%s", e.message);
    } else {
        rm_status first = RM_OK;
        rm_window_check(ini, &ec, "simulate", "top_mbsf", "bottom_mbsf", NULL, sp.top_mbsf,
                        sp.bottom_mbsf, 0, problems, &first, &e);
    }
    rm_chain_config *cc = malloc(sizeof *cc);
    char datadir[4096];
    snprintf(datadir, sizeof datadir, "%s/data", rm_datadir());
    if (!cc)
        rm_problems_add(problems, NULL, 0, NULL, "out of memory");
    else if (rm_chain_config_default(cc, datadir, &e))
        rm_problems_add(problems, NULL, 0, NULL, "%s", e.message);
    else if (rm_chain_config_read(cc, ini, &e))
        rm_problems_add(problems, NULL, 0, NULL, "%s", e.message);
    free(cc);
    if (rm_ini_has_section(ini, "lift")) {
        rm_lift_params lp;
        rm_lift_params_default(&lp);
        if (rm_lift_params_from_ini(ini, &lp, &e))
            rm_problems_add(problems, NULL, 0, NULL, "%s", e.message);
    }
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

    rm_error err;
    rm_error_clear(&err);
    rm_ini *ini = NULL;
    if (rm_ini_load(project_path, &ini, &err))
        return rm_cli_fail(cli, &err);

    rm_problems problems;
    rm_problems_init(&problems, 100);
    rm_data_config cfg;
    rm_data_config_read(ini, &cfg, &problems, &err);
    check_later_stages(ini, &problems);
    rm_ini_finish_problems(ini, &problems, &err);
    if (problems.count) {
        print_problems_and_fail(&problems, project_path);
        rm_problems_free(&problems);
        rm_ini_free(ini);
        return RM_EXIT_FAIL;
    }
    problems.cap = cfg.max_problems; /* nothing kept yet: safe to change */

    rm_log(&cli->log, RM_LOG_INFO, "reading %s and %s", cfg.collars_path, cfg.assays_path);
    double t0 = rm_now_s();
    rm_drillholes *dh = NULL;
    rm_status st = rm_drillholes_read(&cfg, &dh, &problems, &err);
    if (st == RM_EDATA) {
        print_problems_and_fail(&problems, "the input data");
        rm_problems_free(&problems);
        rm_ini_free(ini);
        return RM_EXIT_FAIL;
    }
    rm_problems_free(&problems);
    rm_composites *comp = NULL;
    if (!st)
        st = rm_project_crs_for_cores(&cfg.project, dh, &err);
    if (!st) {
        st = rm_drillholes_project(dh, cfg.project.crs, &err);
        rm_log(&cli->log, cfg.project.crs_line ? RM_LOG_DEBUG : RM_LOG_INFO, "CRS %s: %s",
               cfg.project.crs, cfg.project.crs_source);
    }
    if (!st)
        st = rm_composites_make(dh, cfg.composite_length_m, cfg.min_coverage, &comp, &err);
    if (!st)
        st = rm_composites_decluster(comp, cfg.decluster_cell_m, &err);
    if (st) {
        rm_composites_free(comp);
        rm_drillholes_free(dh);
        rm_ini_free(ini);
        return rm_cli_fail(cli, &err);
    }
    rm_log(&cli->log, RM_LOG_DEBUG, "read, validated and composited in %.3f s",
           rm_now_s() - t0);

    double core_m = rm_drillholes_core_length_m(dh);
    double assayed_m = rm_drillholes_assayed_length_m(dh);
    double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
    double wdmin = INFINITY, wdmax = -INFINITY;
    for (size_t h = 0; h < dh->n_holes; h++) {
        xmin = fmin(xmin, dh->x[h]);
        xmax = fmax(xmax, dh->x[h]);
        ymin = fmin(ymin, dh->y[h]);
        ymax = fmax(ymax, dh->y[h]);
        wdmin = fmin(wdmin, dh->water_depth_m[h]);
        wdmax = fmax(wdmax, dh->water_depth_m[h]);
    }
    size_t holes_assayed = 0;
    for (size_t h = 0; h < dh->n_holes; h++)
        holes_assayed += dh->hole_start[h + 1] > dh->hole_start[h];

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

    rm_composites_free(comp);
    rm_drillholes_free(dh);
    rm_ini_free(ini);
    return RM_EXIT_OK;
}
