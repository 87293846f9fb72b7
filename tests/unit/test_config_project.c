/* test_config_project.c — [project] (name, crs, seed) and the data stage's
 * [data] and [composite] keys, defaults and errors. */
#include <string.h>

#include "reemud/config.h"
#include "reemud/data.h"
#include "rm_test.h"

static rm_ini *load(const char *text)
{
    rm_ini *ini = NULL;
    rm_error err;
    if (rm_ini_load_string(text, "/home/u/takaya/project.ini", &ini, &err))
        fail_msg("load failed: %s", err.message);
    return ini;
}

static void test_project_section(void **state)
{
    rm_ini *ini = load("[project]\nname = Minamitorishima\ncrs = EPSG:32656\nseed = 2026\n");
    rm_project p;
    rm_error err;
    assert_int_equal(rm_project_read(ini, &p, &err), RM_OK);
    assert_string_equal(p.name, "Minamitorishima");
    assert_int_equal(p.epsg, 32656);
    assert_int_equal(p.seed, 2026);
    rm_ini_free(ini);

    /* defaults: the directory's name, UTM 56N, seed 1 */
    ini = load("[project]\n");
    assert_int_equal(rm_project_read(ini, &p, &err), RM_OK);
    assert_string_equal(p.name, "takaya");
    assert_string_equal(p.crs, "EPSG:32656");
    assert_int_equal(p.seed, 1);
    rm_ini_free(ini);
}

static void test_project_crs_errors(void **state)
{
    rm_project p;
    rm_error err;
    rm_ini *ini = load("[project]\nname = x\ncrs = EPSG:4326\n");
    assert_int_equal(rm_project_read(ini, &p, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "project.ini:3: field 'project.crs'"));
    assert_non_null(strstr(err.message, "not a projected CRS"));
    rm_ini_free(ini);
    ini = load("[project]\ncrs = EPSG:nonsense\n");
    assert_int_equal(rm_project_read(ini, &p, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "project.ini:2: field 'project.crs'"));
    rm_ini_free(ini);
    ini = load("[project]\nseed = -4\n");
    assert_int_equal(rm_project_read(ini, &p, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "project.ini:2: field 'project.seed'"));
    rm_ini_free(ini);
}

static void test_data_config(void **state)
{
    rm_ini *ini = load("[project]\ncrs = EPSG:32656\n[data]\ncollars = cores/c.csv\n"
                       "coords = xy\nmax_problems = 20\n[composite]\nlength_m = 0.5\n"
                       "min_coverage = 0.8\ndecluster_cell_m = 5000\n");
    rm_data_config cfg;
    rm_error err;
    assert_int_equal(rm_data_config_read(ini, &cfg, NULL, &err), RM_OK);
    assert_string_equal(cfg.collars_path, "/home/u/takaya/cores/c.csv");
    assert_string_equal(cfg.assays_path, "/home/u/takaya/assays.csv");
    assert_int_equal(cfg.coords, RM_COORDS_XY);
    assert_int_equal(cfg.max_problems, 20);
    assert_near(cfg.composite_length_m, 0.5, 0);
    assert_near(cfg.min_coverage, 0.8, 0);
    assert_near(cfg.decluster_cell_m, 5000, 0);
    assert_int_equal(rm_ini_finish(ini, &err), RM_OK);
    rm_ini_free(ini);
}

static void test_data_config_reports_every_problem(void **state)
{
    rm_ini *ini = load("[project]\ncrs = EPSG:32656\n[data]\ncoords = polar\n"
                       "max_problems = 0\n[composite]\nlength_m = -1\nmin_coverage = x\n"
                       "lenght_m = 2\n");
    rm_data_config cfg;
    rm_problems p;
    rm_problems_init(&p, 50);
    rm_error err;
    assert_int_equal(rm_data_config_read(ini, &cfg, &p, &err), RM_EDATA);
    assert_int_equal(p.count, 4);
    assert_non_null(strstr(p.messages[0], "project.ini:4: field 'data.coords'"));
    assert_non_null(strstr(p.messages[1], "project.ini:5: field 'data.max_problems'"));
    assert_non_null(strstr(p.messages[2], "project.ini:7: field 'composite.length_m'"));
    assert_non_null(strstr(p.messages[3], "project.ini:8: field 'composite.min_coverage'"));
    assert_non_null(strstr(err.message, "data.coords"));
    /* the misspelt key is caught by rm_ini_finish */
    assert_int_equal(rm_ini_finish_problems(ini, &p, &err), RM_EDATA);
    assert_int_equal(p.count, 5);
    assert_non_null(strstr(p.messages[4], "project.ini:9: unknown key 'lenght_m'"));
    rm_problems_free(&p);
    rm_ini_free(ini);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_project_section),
        cmocka_unit_test(test_project_crs_errors),
        cmocka_unit_test(test_data_config),
        cmocka_unit_test(test_data_config_reports_every_problem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
