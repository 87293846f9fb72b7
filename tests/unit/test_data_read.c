/* test_data_read.c — collars and assays: formats accepted, every
 * validation of DESIGN.md "Input files" with its file, line and column,
 * sorting, projection and number parsing. */
#include <string.h>

#include "data/csvtable.h"
#include "reemud/data.h"
#include "rm_test.h"

#define REY "La,Ce,Pr,Nd,Sm,Eu,Gd,Tb,Dy,Ho,Er,Tm,Yb,Lu,Y"
#define G15(v) v "," v "," v "," v "," v "," v "," v "," v "," v "," v "," v "," v "," v "," v "," v

static const char *collars_ok = "hole_id,lon,lat,water_depth_m,length_m\n"
                                "A,153.9,22.0,5650,3.0\n"
                                "B,153.95,22.05,5700,2.5\n";

/* Read the two buffers; return the status and keep the problems. */
static rm_status read_both(const char *collars, const char *assays, rm_drillholes **dh,
                           rm_problems *p)
{
    rm_data_config cfg;
    rm_data_config_default(&cfg);
    rm_problems_init(p, 100);
    rm_error err;
    return rm_drillholes_read_mem(&cfg, "collars.csv", collars, strlen(collars), "assays.csv",
                                  assays, strlen(assays), dh, p, &err);
}

/* 1 if some problem message contains all of the strings a and b. */
static int has_problem(const rm_problems *p, const char *a, const char *b)
{
    for (size_t i = 0; i < p->kept; i++)
        if (strstr(p->messages[i], a) && (!b || strstr(p->messages[i], b)))
            return 1;
    return 0;
}

static void dump(const rm_problems *p)
{
    for (size_t i = 0; i < p->kept; i++)
        print_message("  problem: %s\n", p->messages[i]);
}

/* Expect failure with a problem containing a and b. */
static void expect_problem(const char *collars, const char *assays, const char *a,
                           const char *b)
{
    rm_drillholes *dh = (rm_drillholes *)1;
    rm_problems p;
    rm_status st = read_both(collars, assays, &dh, &p);
    if (st != RM_EDATA || !has_problem(&p, a, b)) {
        dump(&p);
        fail_msg("expected a problem with '%s' and '%s' (status %d)", a, b ? b : "", st);
    }
    assert_null(dh);
    rm_problems_free(&p);
}

static void test_reads_good_files(void **state)
{
    const char *assays = "hole_id,from_m,to_m," REY ",dry_density_t_m3,note\n"
                         "A,0,0.5," G15("100") ",0.5,top\n"
                         "A,0.5,1.5," G15("200") ",0.6,\n"
                         "B,0,1," G15("50") ",0.55,x\n"
                         "A,1.5,3.0," G15("400") ",0.7,\"quoted, with comma\"\n";
    rm_drillholes *dh;
    rm_problems p;
    assert_int_equal(read_both(collars_ok, assays, &dh, &p), RM_OK);
    assert_int_equal(p.count, 0);
    assert_int_equal(dh->n_holes, 2);
    assert_int_equal(dh->n_intervals, 4);
    assert_string_equal(dh->hole_id[1], "B");
    assert_near(dh->lon[0], 153.9, 0);
    assert_near(dh->length_m[1], 2.5, 0);
    assert_int_equal(dh->collar_line[1], 3);
    /* Sorted by hole then from_m: A's three intervals, then B. */
    assert_int_equal(dh->hole[0], 0);
    assert_int_equal(dh->hole[2], 0);
    assert_int_equal(dh->hole[3], 1);
    assert_near(dh->from_m[2], 1.5, 0);
    assert_int_equal(dh->line[2], 5); /* the line it came from */
    assert_near(dh->grade_ppm[RM_Y][2], 400, 0);
    assert_null(dh->grade_ppm[RM_SC]);
    assert_near(dh->density_t_m3[3], 0.55, 1e-15);
    assert_int_equal(dh->hole_start[0], 0);
    assert_int_equal(dh->hole_start[1], 3);
    assert_int_equal(dh->hole_start[2], 4);
    assert_near(rm_drillholes_core_length_m(dh), 5.5, 1e-12);
    assert_near(rm_drillholes_assayed_length_m(dh), 4.0, 1e-12);
    assert_int_equal(rm_drillholes_find(dh, "B"), 1);
    assert_int_equal(rm_drillholes_find(dh, "C"), -1);
    rm_drillholes_free(dh);
    rm_problems_free(&p);
}

static void test_bom_crlf_case_and_order(void **state)
{
    /* BOM, CRLF, upper-case names, shuffled columns, Sc and *_ppm names,
     * a blank line and an empty optional Sc value. */
    const char *collars = "\xEF\xBB\xBFLENGTH_M,Hole_ID,WATER_DEPTH_M,LAT,LON\r\n"
                          "2.0,H1,5600,21.9,153.6\r\n";
    const char *assays = "\xEF\xBB\xBF"
                         "TO_M,la_ppm,Ce,Pr,Nd,Sm,Eu,Gd,Tb,Dy,Ho,Er,Tm,Yb,Lu,y,HOLE_ID,FROM_M,Sc\r\n"
                         "1," G15("10") ",H1,0,20\r\n"
                         "\r\n"
                         "2," G15("30") ",H1,1,\r\n";
    rm_drillholes *dh;
    rm_problems p;
    rm_status st = read_both(collars, assays, &dh, &p);
    if (st)
        dump(&p);
    assert_int_equal(st, RM_OK);
    assert_string_equal(dh->hole_id[0], "H1");
    assert_near(dh->lat[0], 21.9, 0);
    assert_int_equal(dh->n_intervals, 2);
    assert_near(dh->grade_ppm[RM_LA][1], 30, 0);
    assert_near(dh->grade_ppm[RM_SC][0], 20, 0);
    assert_true(isnan(dh->grade_ppm[RM_SC][1]));
    assert_null(dh->density_t_m3);
    assert_int_equal(dh->line[1], 4);
    rm_drillholes_free(dh);
    rm_problems_free(&p);
}

static const char *assays_one = "hole_id,from_m,to_m," REY "\nA,0,1," G15("5") "\n";

static void test_collar_problems(void **state)
{
    const char *h = "hole_id,lon,lat,water_depth_m,length_m\n";
    char buf[512];
    snprintf(buf, sizeof buf, "%sA,153.9,22,5650,3\nA,153.9,22,5650,3\n", h);
    expect_problem(buf, assays_one, "collars.csv:3: field 'hole_id'", "duplicate hole id 'A'");
    snprintf(buf, sizeof buf, "%sA,193.9,22,5650,3\n", h);
    expect_problem(buf, assays_one, "collars.csv:2: field 'lon'", "outside");
    snprintf(buf, sizeof buf, "%sA,153.9,-91,5650,3\n", h);
    expect_problem(buf, assays_one, "collars.csv:2: field 'lat'", "outside");
    snprintf(buf, sizeof buf, "%sA,153.9,22,5650,0\n", h);
    expect_problem(buf, assays_one, "collars.csv:2: field 'length_m'", "outside (0");
    snprintf(buf, sizeof buf, "%sA,153.9,22,-3,3\n", h);
    expect_problem(buf, assays_one, "collars.csv:2: field 'water_depth_m'", "outside");
    snprintf(buf, sizeof buf, "%sA,153.9,22,5650\n", h);
    expect_problem(buf, assays_one, "collars.csv:2:", "row has 4 fields, the header has 5");
    expect_problem("hole_id,lat,water_depth_m,length_m\nA,22,5650,3\n", assays_one,
                   "collars.csv:1: field 'lon'", "required column is missing");
    expect_problem("hole_id,x,y,water_depth_m,length_m\nA,1,2,5650,3\n", assays_one,
                   "field 'lon'", "set coords = xy");
    snprintf(buf, sizeof buf, "%s,153.9,22,5650,3\n", h);
    expect_problem(buf, assays_one, "collars.csv:2: field 'hole_id'", "empty hole id");
}

static void test_assay_problems(void **state)
{
    const char *h = "hole_id,from_m,to_m," REY "\n";
    char buf[1024];
    snprintf(buf, sizeof buf, "%sA,0,1," G15("5") "\nA,2,1.5," G15("5") "\n", h);
    expect_problem(collars_ok, buf, "assays.csv:3: field 'to_m'", "not greater than from_m 2");
    snprintf(buf, sizeof buf, "%sA,0,1," G15("5") "\nA,0.5,1.5," G15("5") "\n", h);
    expect_problem(collars_ok, buf, "assays.csv:3: field 'from_m'", "overlaps 0-1 m on line 2");
    snprintf(buf, sizeof buf, "%sB,0,2.6," G15("5") "\n", h);
    expect_problem(collars_ok, buf, "assays.csv:2: field 'to_m'", "past the core length 2.5");
    snprintf(buf, sizeof buf, "%sZ9,0,1," G15("5") "\n", h);
    expect_problem(collars_ok, buf, "assays.csv:2: field 'hole_id'",
                   "hole 'Z9', which is not in collars.csv");
    snprintf(buf, sizeof buf, "%sA,0,1,-1,5,5,5,5,5,5,5,5,5,5,5,5,5,5\n", h);
    expect_problem(collars_ok, buf, "assays.csv:2: field 'La'", "negative grade -1");
    snprintf(buf, sizeof buf, "%sA,0,1,5,abc,5,5,5,5,5,5,5,5,5,5,5,5,5\n", h);
    expect_problem(collars_ok, buf, "assays.csv:2: field 'Ce'", "'abc' is not a number");
    snprintf(buf, sizeof buf, "%sA,0,1,5,5,NaN,5,5,5,5,5,5,5,5,5,5,5,5\n", h);
    expect_problem(collars_ok, buf, "assays.csv:2: field 'Pr'", "not a finite number");
    snprintf(buf, sizeof buf, "%sA,0,1,5,5,5,inf,5,5,5,5,5,5,5,5,5,5,5\n", h);
    expect_problem(collars_ok, buf, "assays.csv:2: field 'Nd'", "not a finite number");
    snprintf(buf, sizeof buf, "%sA,0,1,5,5,5,5,1e400,5,5,5,5,5,5,5,5,5,5\n", h);
    expect_problem(collars_ok, buf, "assays.csv:2: field 'Sm'", "out of range");
    snprintf(buf, sizeof buf, "%sA,0,1,5,5,5,5,5,2e6,5,5,5,5,5,5,5,5,5\n", h);
    expect_problem(collars_ok, buf, "assays.csv:2: field 'Eu'", "exceeds 1,000,000 ppm");
    snprintf(buf, sizeof buf, "%sA,0,1,5,5,5,5,5,5,,5,5,5,5,5,5,5,5\n", h);
    expect_problem(collars_ok, buf, "assays.csv:2: field 'Gd'", "empty value");
    snprintf(buf, sizeof buf, "%sA,0,1,5,5\n", h);
    expect_problem(collars_ok, buf, "assays.csv:2:", "row has 5 fields, the header has 18");
    expect_problem(collars_ok, "hole_id,from_m,to_m,La\nA,0,1,5\n", "assays.csv:1: field 'Ce'",
                   "required column is missing");
    expect_problem(collars_ok, "hole_id,from_m,to_m,La,la," REY "\n",
                   "assays.csv:1: field 'la'", "appears twice");
    snprintf(buf, sizeof buf, "hole_id,from_m,to_m," REY ",dry_density_t_m3\nA,0,1," G15("5") ",9\n");
    expect_problem(collars_ok, buf, "assays.csv:2: field 'dry_density_t_m3'", "outside");
}

static void test_file_level_problems(void **state)
{
    expect_problem(collars_ok, "", "assays.csv:1:", "file is empty");
    expect_problem("", assays_one, "collars.csv:1:", "file is empty");
    expect_problem(collars_ok, "hole_id,from_m,to_m," REY "\n", "assays.csv:1:",
                   "no data rows");
    /* a stray quote inside an unquoted field, and an unterminated quote */
    char buf[1024];
    snprintf(buf, sizeof buf, "hole_id,from_m,to_m," REY "\nA,0,1," G15("5") "\nA,1,2,5\"x,"
                              "5,5,5,5,5,5,5,5,5,5,5,5,5,5\n");
    expect_problem(collars_ok, buf, "assays.csv:3: field 'La'", "malformed quoting");
    snprintf(buf, sizeof buf, "hole_id,from_m,to_m," REY "\nA,0,1," G15("5") "\n\"A,1,2\n");
    expect_problem(collars_ok, buf, "assays.csv:3: field 'hole_id'", "unterminated quoted");
}

static void test_all_problems_reported_together(void **state)
{
    const char *assays = "hole_id,from_m,to_m," REY "\n"
                         "A,0,1,x,5,5,5,5,5,5,5,5,5,5,5,5,5,5\n"
                         "Q,0,1," G15("5") "\n"
                         "A,1,0.5," G15("5") "\n";
    rm_drillholes *dh;
    rm_problems p;
    rm_error err;
    rm_data_config cfg;
    rm_data_config_default(&cfg);
    rm_problems_init(&p, 100);
    assert_int_equal(rm_drillholes_read_mem(&cfg, "c.csv", collars_ok, strlen(collars_ok),
                                            "a.csv", assays, strlen(assays), &dh, &p, &err),
                     RM_EDATA);
    assert_int_equal(p.count, 3);
    assert_true(has_problem(&p, "a.csv:2: field 'La'", NULL));
    assert_true(has_problem(&p, "a.csv:3: field 'hole_id'", "not in c.csv"));
    assert_true(has_problem(&p, "a.csv:4: field 'to_m'", NULL));
    assert_non_null(strstr(err.message, "a.csv:2: field 'La'"));
    assert_non_null(strstr(err.message, "3 problems"));
    rm_problems_free(&p);

    /* The cap keeps the first few and counts the rest. */
    rm_problems_init(&p, 2);
    assert_int_equal(rm_drillholes_read_mem(&cfg, "c.csv", collars_ok, strlen(collars_ok),
                                            "a.csv", assays, strlen(assays), &dh, &p, &err),
                     RM_EDATA);
    assert_int_equal(p.count, 3);
    assert_int_equal(p.kept, 2);
    rm_problems_free(&p);
}

static void test_xy_coordinates(void **state)
{
    rm_data_config cfg;
    rm_data_config_default(&cfg);
    cfg.coords = RM_COORDS_XY;
    const char *collars = "hole_id,x,y,water_depth_m,length_m,lon\nA,500000,2400000,5700,2,x\n";
    rm_drillholes *dh;
    rm_error err;
    assert_int_equal(rm_drillholes_read_mem(&cfg, "c", collars, strlen(collars), "a",
                                            assays_one, strlen(assays_one), &dh, NULL, &err),
                     RM_OK);
    assert_near(dh->x[0], 500000, 0);
    assert_true(isnan(dh->lon[0]));
    assert_int_equal(rm_drillholes_project(dh, "EPSG:32656", &err), RM_OK);
    assert_near(dh->y[0], 2400000, 0); /* untouched */
    rm_drillholes_free(dh);
}

static void test_projection_utm56(void **state)
{
    rm_drillholes *dh;
    rm_problems p;
    assert_int_equal(read_both(collars_ok, assays_one, &dh, &p), RM_OK);
    rm_error err;
    assert_int_equal(rm_drillholes_project(dh, "EPSG:32656", &err), RM_OK);
    /* Independent value from PROJ's command-line tool:
     *   echo "22.0 153.9" | cs2cs -f "%.6f" EPSG:4326 EPSG:32656
     *   -> 592901.527268 2433100.303611 */
    assert_near(dh->x[0], 592901.527268, 1e-5);
    assert_near(dh->y[0], 2433100.303611, 1e-5);
    assert_int_equal(rm_drillholes_project(dh, "EPSG:999999", &err), RM_EINVAL);
    rm_drillholes_free(dh);
    rm_problems_free(&p);
}

static void test_parse_number(void **state)
{
    double v;
    assert_int_equal(rm_parse_number("123.25", 6, &v), RM_NUM_OK);
    assert_true(v == 123.25);
    /* fast path must equal strtod bit for bit */
    const char *cases[] = {"0.1", "964.3", "-0.000123", "5700.000001", "123456789012345",
                           "0.30000000000000004", "1e-3", "+7", "12.", ".5"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(rm_parse_number(cases[i], strlen(cases[i]), &v), RM_NUM_OK);
        assert_true(v == strtod(cases[i], NULL));
    }
    assert_int_equal(rm_parse_number("  ", 2, &v), RM_NUM_EMPTY);
    assert_int_equal(rm_parse_number("1,2", 3, &v), RM_NUM_INVALID);
    assert_int_equal(rm_parse_number("0x10", 4, &v), RM_NUM_INVALID);
    assert_int_equal(rm_parse_number(".", 1, &v), RM_NUM_INVALID);
    assert_int_equal(rm_parse_number("-", 1, &v), RM_NUM_INVALID);
    assert_int_equal(rm_parse_number("nan", 3, &v), RM_NUM_NONFINITE);
    assert_int_equal(rm_parse_number("-Infinity", 9, &v), RM_NUM_NONFINITE);
    assert_int_equal(rm_parse_number("1e309", 5, &v), RM_NUM_RANGE);
    assert_int_equal(rm_parse_number("1e-400", 6, &v), RM_NUM_OK);
    assert_true(v == 0);
}

static void test_read_files(void **state)
{
    rm_data_config cfg;
    rm_data_config_default(&cfg);
    snprintf(cfg.collars_path, sizeof cfg.collars_path, "%s",
             rm_test_source("tests/data/good/basic/collars.csv"));
    snprintf(cfg.assays_path, sizeof cfg.assays_path, "%s",
             rm_test_source("tests/data/good/basic/assays.csv"));
    rm_drillholes *dh;
    rm_error err;
    assert_int_equal(rm_drillholes_read(&cfg, &dh, NULL, &err), RM_OK);
    assert_int_equal(dh->n_holes, 3);
    assert_int_equal(dh->n_intervals, 9);
    rm_drillholes_free(dh);

    snprintf(cfg.assays_path, sizeof cfg.assays_path, "/nonexistent/assays.csv");
    assert_int_equal(rm_drillholes_read(&cfg, &dh, NULL, &err), RM_EIO);
    assert_non_null(strstr(err.message, "/nonexistent/assays.csv"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_good_files),
        cmocka_unit_test(test_bom_crlf_case_and_order),
        cmocka_unit_test(test_collar_problems),
        cmocka_unit_test(test_assay_problems),
        cmocka_unit_test(test_file_level_problems),
        cmocka_unit_test(test_all_problems_reported_together),
        cmocka_unit_test(test_xy_coordinates),
        cmocka_unit_test(test_projection_utm56),
        cmocka_unit_test(test_parse_number),
        cmocka_unit_test(test_read_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
