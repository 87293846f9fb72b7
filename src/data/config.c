/* config.c — the data stage's part of project.ini: [project] (through
 * rm_project_read), [data] and [composite].  Keys and defaults are
 * documented in docs/project-file.md.
 *
 * Every getter is called even after one fails, so a project file with three
 * bad values is reported with three lines.
 */
#include <stdio.h>
#include <string.h>

#include "reemud/data.h"

void rm_data_config_default(rm_data_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->project.name, sizeof cfg->project.name, "project");
    snprintf(cfg->project.crs, sizeof cfg->project.crs, "EPSG:32656");
    cfg->project.epsg = 32656;
    snprintf(cfg->project.crs_source, sizeof cfg->project.crs_source, "default");
    cfg->project.seed = 1;
    snprintf(cfg->collars_path, sizeof cfg->collars_path, "collars.csv");
    snprintf(cfg->assays_path, sizeof cfg->assays_path, "assays.csv");
    cfg->coords = RM_COORDS_LONLAT;
    cfg->max_problems = 100;
    cfg->composite_length_m = 1.0;
    cfg->min_coverage = 0.5;
    cfg->decluster_cell_m = 0.0;
}

rm_status rm_data_config_read(rm_ini *ini, rm_data_config *cfg, rm_problems *problems,
                              rm_error *err)
{
    static const char *const coords[] = {"lonlat", "xy", NULL};
    rm_data_config_default(cfg);
    rm_status first = RM_OK;
    rm_error e;
    rm_error_clear(&e);

    rm_problems_note(rm_project_read(ini, &cfg->project, &e), &e, problems, &first, err);

    rm_problems_note(rm_ini_get_path(ini, "data", "collars", "collars.csv", cfg->collars_path,
                         sizeof cfg->collars_path, &e),
         &e, problems, &first, err);
    rm_problems_note(rm_ini_get_path(ini, "data", "assays", "assays.csv", cfg->assays_path,
                         sizeof cfg->assays_path, &e),
         &e, problems, &first, err);
    int c = RM_COORDS_LONLAT;
    rm_problems_note(rm_ini_get_choice(ini, "data", "coords", coords, RM_COORDS_LONLAT, &c, &e), &e,
         problems, &first, err);
    cfg->coords = (rm_coords)c;
    long maxp = 100;
    rm_problems_note(rm_ini_get_long(ini, "data", "max_problems", 100, 1, 100000, &maxp, &e), &e,
         problems, &first, err);
    cfg->max_problems = (size_t)maxp;

    /* Composite lengths from 1 cm to 100 m; the sediment column of interest
     * is ~10 mbsf (docs/references.md §1), so metres are the natural scale. */
    rm_problems_note(rm_ini_get_double(ini, "composite", "length_m", 1.0, 0.01, 100.0,
                           &cfg->composite_length_m, &e),
         &e, problems, &first, err);
    rm_problems_note(rm_ini_get_double(ini, "composite", "min_coverage", 0.5, 0.0, 1.0,
                           &cfg->min_coverage, &e),
         &e, problems, &first, err);
    rm_problems_note(rm_ini_get_double(ini, "composite", "decluster_cell_m", 0.0, 0.0, 1e7,
                           &cfg->decluster_cell_m, &e),
         &e, problems, &first, err);
    return first;
}
