/* test_mineplan.c — column selection, overburden strip vs dilution,
 * cut-off, ranking, schedule and exclusion polygons on block models built
 * by hand (tonnes and grades worked out in the comments). */
#include <string.h>

#include "reemud/mineplan.h"
#include "rm_test.h"

/* 2 x 1 columns of 4 blocks, 10 x 10 x 1 m, density 0.5 → 50 t a block.
 * Column A (i=0): 100 ppm La over 3,000 ppm La.  Column B (i=1): 1,000 ppm
 * La throughout, or `b_ppm`.  Water depth 5,000 and 6,000 m. */
static rm_blockmodel *two_columns(double b_ppm, int epsg, double x0, double dx)
{
    rm_grid g = {.nx = 2, .ny = 1, .nz = 4, .x0 = x0, .y0 = 0, .z0 = 0, .dx = dx, .dy = dx,
                 .dz = 1};
    rm_blockmodel *bm = rm_blockmodel_alloc(&g, epsg);
    for (int e = 0; e < RM_NREY; e++) {
        char name[32];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        double *v = rm_blockmodel_add(bm, name, name, "ppm");
        for (size_t k = 0; k < 4; k++)
            for (size_t i = 0; i < 2; i++)
                v[rm_grid_index(&g, i, 0, k)] =
                    e != RM_LA ? 0 : i == 1 ? b_ppm : k == 0 ? 100 : 3000;
    }
    double *rho = rm_blockmodel_add(bm, "dry_density_t_m3", "dry density", "t m-3");
    for (size_t b = 0; b < 8; b++)
        rho[b] = 0.5;
    double *wd = rm_blockmodel_add_surface(bm, "water_depth_m", "water depth", "m");
    wd[0] = 5000;
    wd[1] = 6000;
    return bm;
}

static void config(rm_mine_config *c)
{
    rm_mine_config_default(c);
    c->penetration_m = 2;
    c->cutoff_sum_rey_ppm = 2000;
    c->ore_top_ppm = 400;
    c->max_overburden_m = 5;
    c->operating_days_per_year = 30;
    c->max_years = 5;
}

static void test_strip_and_dilute(void **state)
{
    rm_blockmodel *bm = two_columns(1000, 32656, 0, 10);
    rm_mine_config c;
    config(&c);
    rm_mineplan *p;
    rm_error err;
    assert_int_equal(rm_mineplan_build(bm, &c, &p, &err), RM_OK);
    /* A: top of ore at 1 m, interval [1, 3]: 100 t at 3,000 ppm, 50 t
     * stripped.  B: 1,000 ppm < cut-off. */
    assert_int_equal(p->n_columns, 1);
    assert_int_equal(p->n_below_cutoff, 1);
    assert_near(p->columns[0].dry_t, 100, 1e-9);
    assert_near(p->columns[0].grade_ppm[RM_LA], 3000, 1e-9);
    assert_near(p->columns[0].overburden_m, 1, 0);
    assert_near(p->columns[0].overburden_dry_t, 50, 1e-9);
    assert_near(p->columns[0].water_depth_m, 5000, 0);
    assert_near(p->reserve_dry_t, 100, 1e-9);
    /* Resource: 8 blocks x 50 t; La = 50 x (100 + 3 x 3000 + 4 x 1000) ppm. */
    assert_near(p->resource_dry_t, 400, 1e-9);
    assert_near(p->resource_element_t[RM_LA], 50 * 13100e-6, 1e-12);
    rm_mineplan_free(p);

    /* Dilution: [0, 3] → 150 t at (50 x 100 + 100 x 3000)/150 = 2,033.3 ppm. */
    c.overburden = RM_OVERBURDEN_DILUTE;
    assert_int_equal(rm_mineplan_build(bm, &c, &p, &err), RM_OK);
    assert_int_equal(p->n_columns, 1);
    assert_near(p->columns[0].dry_t, 150, 1e-9);
    assert_near(p->columns[0].grade_ppm[RM_LA], 305000.0 / 150.0, 1e-9);
    rm_mineplan_free(p);

    /* Half-block interval: penetration 1.5 → [1, 2.5], 75 t. */
    c.overburden = RM_OVERBURDEN_STRIP;
    c.penetration_m = 1.5;
    assert_int_equal(rm_mineplan_build(bm, &c, &p, &err), RM_OK);
    assert_near(p->columns[0].dry_t, 75, 1e-9);
    rm_mineplan_free(p);

    /* Overburden too thick. */
    c.max_overburden_m = 0.5;
    assert_int_equal(rm_mineplan_build(bm, &c, &p, &err), RM_OK);
    assert_int_equal(p->n_columns, 0);
    assert_int_equal(p->n_too_deep, 1);
    rm_mineplan_free(p);
    rm_blockmodel_free(bm);
}

static void test_rank_and_schedule(void **state)
{
    /* B at 2,500 ppm is mined too but ranks after A (3,000 ppm). */
    rm_blockmodel *bm = two_columns(2500, 32656, 0, 10);
    rm_mine_config c;
    config(&c);
    rm_mineplan *p;
    rm_error err;
    assert_int_equal(rm_mineplan_build(bm, &c, &p, &err), RM_OK);
    assert_int_equal(p->n_columns, 2);
    assert_int_equal(p->columns[0].i, 0);
    assert_int_equal(p->columns[1].i, 1);
    /* B: top at 0, [0, 2] → 100 t.  Reserve 200 t. At 2 t/day x 30 days =
     * 60 t/yr: years 1-3 take 60 t, year 4 takes 20 t; mine life 3.33 yr.
     * Year 2 = 40 t of A (3,000) + 20 t of B (2,500): 2,833.3 ppm, water
     * depth (40 x 5000 + 20 x 6000)/60. */
    rm_mine_schedule *s;
    assert_int_equal(rm_mineplan_schedule(p, &c, 2, &s, &err), RM_OK);
    assert_int_equal(s->n_years, 4);
    assert_near(s->mine_life_years, 200.0 / 60.0, 1e-12);
    assert_near(s->years[0].dry_t, 60, 1e-9);
    assert_near(s->years[0].grade_ppm[RM_LA], 3000, 1e-9);
    assert_near(s->years[1].grade_ppm[RM_LA], (40 * 3000 + 20 * 2500) / 60.0, 1e-9);
    assert_near(s->years[1].water_depth_m, (40 * 5000 + 20 * 6000) / 60.0, 1e-9);
    assert_near(s->years[3].dry_t, 20, 1e-9);
    double total = 0;
    for (size_t y = 0; y < s->n_years; y++)
        total += s->years[y].dry_t;
    assert_near(total, 200, 1e-9);
    rm_mine_schedule_free(s);

    /* Ranking by value: make Ce worth more than La per tonne... all grades
     * are La here, so a zero La value leaves both columns at 0 and the tie
     * goes to grid order. */
    c.value_usd_per_t_element[RM_CE] = 1;
    rm_mineplan_free(p);
    assert_int_equal(rm_mineplan_build(bm, &c, &p, &err), RM_OK);
    assert_int_equal(p->columns[0].i, 0);
    assert_int_equal(rm_mineplan_schedule(p, &c, 0, &s, &err), RM_EINVAL);
    rm_mineplan_free(p);
    rm_blockmodel_free(bm);
}

static void test_exclusion_polygon(void **state)
{
    /* A lon/lat model (EPSG:4326) with columns centred at 153.505 and
     * 153.515 E; a GeoJSON polygon (WGS84) around the first excludes it. */
    rm_blockmodel *bm = two_columns(2500, 4326, 153.5, 0.01);
    const char *dir = rm_test_dir("mineplan_excl");
    rm_mine_config c;
    config(&c);
    snprintf(c.exclusion_path, sizeof c.exclusion_path, "%s/excl.geojson", dir);
    FILE *fp = fopen(c.exclusion_path, "w");
    fputs("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
          "\"properties\":{\"name\":\"reserve\"},\"geometry\":{\"type\":\"Polygon\","
          "\"coordinates\":[[[153.50,-0.01],[153.51,-0.01],[153.51,0.02],[153.50,0.02],"
          "[153.50,-0.01]]]}}]}\n", fp);
    fclose(fp);
    rm_mineplan *p;
    rm_error err;
    assert_int_equal(rm_mineplan_build(bm, &c, &p, &err), RM_OK);
    assert_int_equal(p->n_excluded, 1);
    assert_int_equal(p->n_columns, 1);
    assert_int_equal(p->columns[0].i, 1);
    rm_mineplan_free(p);
    snprintf(c.exclusion_path, sizeof c.exclusion_path, "%s/missing.geojson", dir);
    assert_int_equal(rm_mineplan_build(bm, &c, &p, &err), RM_EIO);
    rm_blockmodel_free(bm);
}

static void test_missing_field(void **state)
{
    rm_grid g = {.nx = 1, .ny = 1, .nz = 1, .dx = 1, .dy = 1, .dz = 1};
    rm_blockmodel *bm = rm_blockmodel_alloc(&g, 32656);
    rm_blockmodel_add(bm, "La_ppm", "La", "ppm");
    rm_mine_config c;
    config(&c);
    rm_mineplan *p;
    rm_error err;
    assert_int_equal(rm_mineplan_build(bm, &c, &p, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "Ce_ppm"));
    c.penetration_m = 0;
    assert_int_equal(rm_mineplan_build(bm, &c, &p, &err), RM_EINVAL);
    rm_blockmodel_free(bm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strip_and_dilute),
        cmocka_unit_test(test_rank_and_schedule),
        cmocka_unit_test(test_exclusion_polygon),
        cmocka_unit_test(test_missing_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
