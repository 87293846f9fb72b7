/* test_config_ini.c — the strict project-file reader: every error names
 * the file and the line; paths resolve against the project's directory. */
#include <string.h>

#include "reemud/config.h"
#include "rm_test.h"

static rm_ini *load(const char *text)
{
    rm_ini *ini = NULL;
    rm_error err;
    if (rm_ini_load_string(text, "/proj/p.ini", &ini, &err))
        fail_msg("load failed: %s", err.message);
    return ini;
}

static void test_typed_getters(void **state)
{
    rm_ini *ini = load("[composite]\nlength_m = 2.5\n\n[project]\nseed = 42\n"
                       "flag = yes\nname = Takaya area\n");
    double d;
    long l;
    int b;
    const char *s;
    rm_error err;
    assert_int_equal(rm_ini_get_double(ini, "composite", "length_m", 1, 0, 10, &d, &err), RM_OK);
    assert_near(d, 2.5, 0);
    assert_int_equal(rm_ini_get_long(ini, "project", "seed", 1, 0, 100, &l, &err), RM_OK);
    assert_int_equal(l, 42);
    assert_int_equal(rm_ini_get_bool(ini, "project", "flag", 0, &b, &err), RM_OK);
    assert_int_equal(b, 1);
    assert_int_equal(rm_ini_get_string(ini, "project", "name", "x", &s, &err), RM_OK);
    assert_string_equal(s, "Takaya area");
    /* absent → default */
    assert_int_equal(rm_ini_get_double(ini, "composite", "min_coverage", 0.5, 0, 1, &d, &err),
                     RM_OK);
    assert_near(d, 0.5, 0);
    assert_int_equal(rm_ini_line(ini, "project", "seed"), 5);
    assert_int_equal(rm_ini_finish(ini, &err), RM_OK);
    rm_ini_free(ini);
}

static void test_wrong_type_names_line(void **state)
{
    rm_ini *ini = load("[composite]\n\nlength_m = two\n");
    double d;
    rm_error err;
    assert_int_equal(rm_ini_get_double(ini, "composite", "length_m", 1, 0, 10, &d, &err),
                     RM_EDATA);
    assert_string_equal(err.message,
                        "/proj/p.ini:3: field 'composite.length_m': 'two' is not a number");
    rm_ini_free(ini);

    ini = load("[project]\nseed = 1.5\nflag = maybe\n");
    long l;
    int b;
    assert_int_equal(rm_ini_get_long(ini, "project", "seed", 1, 0, 9, &l, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "p.ini:2: field 'project.seed': '1.5' is not an integer"));
    assert_int_equal(rm_ini_get_bool(ini, "project", "flag", 0, &b, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "p.ini:3:"));
    rm_ini_free(ini);
}

static void test_out_of_range_and_nonfinite(void **state)
{
    rm_ini *ini = load("[composite]\nmin_coverage = 1.5\nlength_m = inf\n");
    double d;
    rm_error err;
    assert_int_equal(rm_ini_get_double(ini, "composite", "min_coverage", 0.5, 0, 1, &d, &err),
                     RM_EDATA);
    assert_non_null(strstr(err.message, "p.ini:2: field 'composite.min_coverage': "
                                        "1.5 is outside [0, 1]"));
    assert_int_equal(rm_ini_get_double(ini, "composite", "length_m", 1, 0, 100, &d, &err),
                     RM_EDATA);
    assert_non_null(strstr(err.message, "p.ini:3:"));
    rm_ini_free(ini);
}

static void test_unknown_key_and_section(void **state)
{
    rm_ini *ini = load("[data]\ncollars = c.csv\ncolars = typo.csv\n[nonsense]\na = 1\n"
                       "[lift]\nsystem = pump\n");
    char buf[4096];
    rm_error err;
    assert_int_equal(rm_ini_get_path(ini, "data", "collars", NULL, buf, sizeof buf, &err),
                     RM_OK);
    assert_int_equal(rm_ini_finish(ini, &err), RM_EDATA);
    /* both problems, each with its line (a section at its first key);
     * [lift] was never read by anyone here: not reported */
    rm_problems p;
    rm_problems_init(&p, 10);
    assert_int_equal(rm_ini_finish_problems(ini, &p, &err), RM_EDATA);
    assert_int_equal(p.count, 2);
    assert_string_equal(p.messages[0], "/proj/p.ini:3: unknown key 'colars' in [data]");
    assert_string_equal(p.messages[1], "/proj/p.ini:5: unknown section [nonsense]");
    rm_problems_free(&p);
    rm_ini_free(ini);
}

static void test_duplicate_key_and_syntax(void **state)
{
    rm_ini *ini = NULL;
    rm_error err;
    assert_int_equal(rm_ini_load_string("[data]\ncollars = a\ncollars = b\n", "p.ini", &ini,
                                        &err),
                     RM_EDATA);
    assert_null(ini);
    assert_non_null(strstr(err.message, "p.ini:3:"));
    assert_non_null(strstr(err.message, "repeats line 2"));

    assert_int_equal(rm_ini_load_string("[data]\ncollars = a\nthis line is wrong\n", "p.ini",
                                        &ini, &err),
                     RM_EDATA);
    assert_non_null(strstr(err.message, "p.ini:3: syntax error"));

    assert_int_equal(rm_ini_load_string("orphan = 1\n[data]\n", "p.ini", &ini, &err),
                     RM_EDATA);
    assert_non_null(strstr(err.message, "p.ini:1:"));
}

static void test_paths_resolve_against_project_dir(void **state)
{
    rm_ini *ini = load("[data]\ncollars = cores/collars.csv\nassays = /abs/assays.csv\n"
                       "empty =\n");
    char buf[4096];
    rm_error err;
    assert_string_equal(rm_ini_dir(ini), "/proj");
    assert_int_equal(rm_ini_get_path(ini, "data", "collars", NULL, buf, sizeof buf, &err),
                     RM_OK);
    assert_string_equal(buf, "/proj/cores/collars.csv");
    assert_int_equal(rm_ini_get_path(ini, "data", "assays", NULL, buf, sizeof buf, &err),
                     RM_OK);
    assert_string_equal(buf, "/abs/assays.csv");
    assert_int_equal(rm_ini_get_path(ini, "data", "other", "d.csv", buf, sizeof buf, &err),
                     RM_OK);
    assert_string_equal(buf, "/proj/d.csv");
    assert_int_equal(rm_ini_get_path(ini, "data", "empty", NULL, buf, sizeof buf, &err),
                     RM_EDATA);
    assert_non_null(strstr(err.message, "p.ini:4:"));
    rm_ini_free(ini);
}

static void test_missing_required_key(void **state)
{
    rm_ini *ini = load("[variogram]\nmodel = Sph\n");
    const char *s;
    double d;
    rm_error err;
    assert_int_equal(rm_ini_get_string_req(ini, "project", "crs", &s, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "field 'project.crs': required key is missing"));
    assert_int_equal(rm_ini_get_double_req(ini, "variogram", "range_m", 0, 1e6, &d, &err),
                     RM_EDATA);
    assert_non_null(strstr(err.message, "variogram.range_m"));
    rm_ini_free(ini);
}

static void test_choice_and_list(void **state)
{
    static const char *const coords[] = {"lonlat", "xy", NULL};
    rm_ini *ini = load("[data]\ncoords = XY\nbad = polar\n[grid]\nlevels = 1, 2 3\n");
    int c;
    rm_error err;
    assert_int_equal(rm_ini_get_choice(ini, "data", "coords", coords, 0, &c, &err), RM_OK);
    assert_int_equal(c, 1);
    assert_int_equal(rm_ini_get_choice(ini, "data", "bad", coords, 0, &c, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "p.ini:3:"));
    assert_non_null(strstr(err.message, "lonlat, xy"));
    double v[2];
    size_t n;
    assert_int_equal(rm_ini_get_doubles(ini, "grid", "levels", 0, 10, v, 2, &n, &err),
                     RM_EDATA);
    assert_non_null(strstr(err.message, "more than 2"));
    rm_ini_free(ini);
}

/* A line whose end is a long run of carriage returns ("\r" x 400, then
 * "\n"): its text fits the reader's buffer but the line as read does not.
 * Copying the whole line overran inih's buffer (found by fuzz_ini); the text
 * is read and the key keeps its value. */
static void test_line_ending_in_many_carriage_returns(void **state)
{
    char text[1024];
    size_t n = (size_t)snprintf(text, sizeof text, "[project]\nseed = 7");
    memset(text + n, '\r', 400);
    snprintf(text + n + 400, sizeof text - n - 400, "\nname = after\n");
    rm_ini *ini = load(text);
    long l;
    const char *s;
    rm_error err;
    assert_int_equal(rm_ini_get_long(ini, "project", "seed", 1, 0, 100, &l, &err), RM_OK);
    assert_int_equal(l, 7);
    assert_int_equal(rm_ini_get_string(ini, "project", "name", "x", &s, &err), RM_OK);
    assert_string_equal(s, "after");
    assert_int_equal(rm_ini_line(ini, "project", "name"), 3);
    rm_ini_free(ini);
}

static void test_load_file(void **state)
{
    rm_ini *ini;
    rm_error err;
    assert_int_equal(rm_ini_load(rm_test_source("tests/data/good/basic/project.ini"), &ini,
                                 &err),
                     RM_OK);
    assert_non_null(strstr(rm_ini_dir(ini), "tests/data/good/basic"));
    rm_ini_free(ini);
    assert_int_equal(rm_ini_load("/nonexistent/p.ini", &ini, &err), RM_EIO);
    assert_non_null(strstr(err.message, "/nonexistent/p.ini"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_getters),
        cmocka_unit_test(test_wrong_type_names_line),
        cmocka_unit_test(test_out_of_range_and_nonfinite),
        cmocka_unit_test(test_unknown_key_and_section),
        cmocka_unit_test(test_duplicate_key_and_syntax),
        cmocka_unit_test(test_paths_resolve_against_project_dir),
        cmocka_unit_test(test_missing_required_key),
        cmocka_unit_test(test_choice_and_list),
        cmocka_unit_test(test_line_ending_in_many_carriage_returns),
        cmocka_unit_test(test_load_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
