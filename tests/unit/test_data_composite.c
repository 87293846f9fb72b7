/* test_data_composite.c — compositing, declustering and statistics against
 * values worked out by hand (shown in the comments). */
#include <string.h>

#include "reemud/data.h"
#include "rm_test.h"

#define REY "La,Ce,Pr,Nd,Sm,Eu,Gd,Tb,Dy,Ho,Er,Tm,Yb,Lu,Y"
#define G15(v) v "," v "," v "," v "," v "," v "," v "," v "," v "," v "," v "," v "," v "," v "," v

static rm_drillholes *load(void)
{
    const char *collars = "hole_id,x,y,water_depth_m,length_m\n"
                          "A,1000,2000,5700,3.0\n"
                          "B,5000,2000,5700,2.5\n";
    const char *assays = "hole_id,from_m,to_m," REY ",Sc,dry_density_t_m3\n"
                         "A,0,0.5," G15("100") ",10,0.5\n"
                         "A,0.5,1.5," G15("200") ",,0.6\n"
                         "A,1.5,3.0," G15("400") ",30,0.7\n"
                         "B,0,1," G15("50") ",5,0.5\n"
                         "B,2.2,2.5," G15("80") ",5,0.5\n";
    rm_data_config cfg;
    rm_data_config_default(&cfg);
    cfg.coords = RM_COORDS_XY;
    rm_drillholes *dh = NULL;
    rm_error err;
    rm_status st = rm_drillholes_read_mem(&cfg, "c", collars, strlen(collars), "a", assays,
                                          strlen(assays), &dh, NULL, &err);
    if (st)
        fail_msg("%s", err.message);
    return dh;
}

static void test_one_metre_composites(void **state)
{
    rm_drillholes *dh = load();
    rm_composites *c;
    rm_error err;
    assert_int_equal(rm_composites_make(dh, 1.0, 0.5, &c, &err), RM_OK);
    /* A: 3 composites; B: [0,1) kept, [1,2) empty, [2,2.5) has 0.3 of 0.5 m. */
    assert_int_equal(c->n, 5);
    /* A [0,1): (0.5*100 + 0.5*200) / 1 = 150; centroid (0.5*0.25 + 0.5*0.75) = 0.5 */
    assert_near(c->grade_ppm[RM_LA][0], 150, 1e-12);
    assert_near(c->z[0], 0.5, 1e-12);
    assert_near(c->density_t_m3[0], 0.55, 1e-12);
    /* Sc measured only on 0-0.5 within [0,1): 10 */
    assert_near(c->grade_ppm[RM_SC][0], 10, 1e-12);
    /* A [1,2): (0.5*200 + 0.5*400) = 300;  [2,3): 400 */
    assert_near(c->grade_ppm[RM_DY][1], 300, 1e-12);
    assert_near(c->grade_ppm[RM_Y][2], 400, 1e-12);
    assert_near(c->srey_ppm[2], 15 * 400, 1e-9);
    assert_near(c->coverage_m[1], 1.0, 1e-12);
    assert_near(c->x[2], 1000, 0);
    /* B [2,2.5): clipped to the core, 0.3 m assayed >= 0.5 * 0.5 m */
    assert_int_equal(c->hole[4], 1);
    assert_near(c->from_m[4], 2.0, 0);
    assert_near(c->to_m[4], 2.5, 0);
    assert_near(c->coverage_m[4], 0.3, 1e-12);
    assert_near(c->z[4], 2.35, 1e-12);
    assert_near(c->grade_ppm[RM_LA][4], 80, 1e-12);
    assert_near(c->weight[4], 1, 0);
    rm_composites_free(c);

    /* A stricter rule drops B's partial last composite (0.3 < 0.7 * 0.5). */
    assert_int_equal(rm_composites_make(dh, 1.0, 0.7, &c, &err), RM_OK);
    assert_int_equal(c->n, 4);
    rm_composites_free(c);

    /* 0.75 m composites of A: [0,.75) = (0.5*100 + 0.25*200)/0.75 = 133.33 */
    assert_int_equal(rm_composites_make(dh, 0.75, 0.5, &c, &err), RM_OK);
    assert_near(c->grade_ppm[RM_CE][0], 100.0 / 0.75, 1e-9);
    assert_int_equal(c->hole[3], 0);
    assert_near(c->to_m[3], 3.0, 1e-12);
    rm_composites_free(c);
    assert_int_equal(rm_composites_make(dh, 0, 0.5, &c, &err), RM_EINVAL);
    assert_null(c);
    rm_drillholes_free(dh);
}

static void test_mass_of_metal_is_kept(void **state)
{
    /* Length-weighted compositing conserves Σ grade × length when every
     * composite is full (A is assayed over its whole 3 m). */
    rm_drillholes *dh = load();
    rm_composites *c;
    rm_error err;
    assert_int_equal(rm_composites_make(dh, 0.6, 0.0, &c, &err), RM_OK);
    double sum_c = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->hole[i] == 0)
            sum_c += c->grade_ppm[RM_ND][i] * c->coverage_m[i];
    assert_near(sum_c, 0.5 * 100 + 1.0 * 200 + 1.5 * 400, 1e-9);
    rm_composites_free(c);
    rm_drillholes_free(dh);
}

static void test_decluster_cluster_and_isolated(void **state)
{
    /* One isolated datum and a cluster of three in one cell: two occupied
     * cells, weights 1/(2*1) and 1/(2*3), scaled to sum 4: 2 and 2/3. */
    double x[] = {0, 100, 101, 100}, y[] = {0, 100, 100, 101}, w[4];
    rm_error err;
    assert_int_equal(rm_decluster_cell(x, y, NULL, 4, 50, 0, 5, w, &err), RM_OK);
    assert_near(w[0], 2.0, 1e-12);
    assert_near(w[1], 2.0 / 3, 1e-12);
    assert_near(w[3], 2.0 / 3, 1e-12);
    /* A cell larger than the whole area: equal weights. */
    assert_int_equal(rm_decluster_cell(x, y, NULL, 4, 1e6, 0, 5, w, &err), RM_OK);
    assert_near(w[0], 1.0, 1e-12);
    /* 3-D: the isolated datum at another depth slice is alone in its layer;
     * the layer-0 cluster shares its cell: cells (layer 0: 1, layer 1: 1)
     * -> 1/(2*3) each for the cluster, 1/2 for the other. */
    double z[] = {1.5, 0.5, 0.5, 0.5};
    assert_int_equal(rm_decluster_cell(x, y, z, 4, 1e6, 1.0, 5, w, &err), RM_OK);
    assert_near(w[0], 2.0, 1e-12);
    assert_near(w[2], 2.0 / 3, 1e-12);
    assert_int_equal(rm_decluster_cell(x, y, NULL, 4, 0, 0, 5, w, &err), RM_EINVAL);
}

static void test_decluster_offsets_average(void **state)
{
    /* Two data 10 m apart, cell 20 m, origin at the first datum shifted by
     * 0 and 10 m: together (one cell: 1/2 each) and apart (1/2 each), so
     * weights are 1 either way; with a third far datum the pair shares one
     * cell in one origin and two in the other:
     *   origin 0:  cells {0,1} {2}:   w = 1/4, 1/4, 1/2
     *   origin 10: cells {0} {1} {2}: w = 1/3, 1/3, 1/3
     *   mean 7/24, 7/24, 5/12 -> scaled to sum 3: 0.875, 0.875, 1.25 */
    double x[] = {0, 10, 1000}, y[] = {0, 0, 0}, w[3];
    rm_error err;
    assert_int_equal(rm_decluster_cell(x, y, NULL, 3, 20, 0, 2, w, &err), RM_OK);
    assert_near(w[0], 0.875, 1e-12);
    assert_near(w[1], 0.875, 1e-12);
    assert_near(w[2], 1.25, 1e-12);
}

static void test_stats(void **state)
{
    double v[] = {1, 2, NAN, 3, 4}, w[] = {1, 1, 9, 1, 5};
    rm_stats s;
    rm_error err;
    assert_int_equal(rm_stats_compute(v, w, 5, &s, &err), RM_OK);
    assert_int_equal(s.n, 4);
    assert_near(s.min, 1, 0);
    assert_near(s.max, 4, 0);
    assert_near(s.mean, 2.5, 1e-15);
    assert_near(s.sd, sqrt(1.25), 1e-15);
    assert_near(s.cv, sqrt(1.25) / 2.5, 1e-15);
    /* weighted: (1 + 2 + 3 + 20) / 8 = 3.25; variance 9.5 / 8 */
    assert_near(s.wmean, 3.25, 1e-15);
    assert_near(s.wsd, sqrt(9.5 / 8), 1e-15);
    assert_int_equal(rm_stats_compute(v, NULL, 5, &s, &err), RM_OK);
    assert_near(s.wmean, 2.5, 1e-15);
    double none[] = {NAN};
    assert_int_equal(rm_stats_compute(none, NULL, 1, &s, &err), RM_OK);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.mean));
    double bad_w[] = {1, -1, 1, 1, 1};
    assert_int_equal(rm_stats_compute(v, bad_w, 5, &s, &err), RM_EINVAL);
}

static void test_composites_decluster(void **state)
{
    rm_drillholes *dh = load();
    rm_composites *c;
    rm_error err;
    assert_int_equal(rm_composites_make(dh, 1.0, 0.5, &c, &err), RM_OK);
    /* Holes 4 km apart, 1 km cells, 1 m layers: every composite is alone in
     * its cell (layer 0: A, B; layer 1: A; layer 2: A, B), so 5 occupied
     * cells and equal weights. */
    assert_int_equal(rm_composites_decluster(c, 1000, &err), RM_OK);
    double sum = 0;
    for (size_t i = 0; i < c->n; i++)
        sum += c->weight[i];
    assert_near(sum, (double)c->n, 1e-12);
    assert_near(c->weight[0], 1.0, 1e-12);
    assert_int_equal(rm_composites_decluster(c, 0, &err), RM_OK);
    assert_near(c->weight[3], 1.0, 0);
    rm_composites_free(c);
    rm_drillholes_free(dh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_metre_composites),
        cmocka_unit_test(test_mass_of_metal_is_kept),
        cmocka_unit_test(test_decluster_cluster_and_isolated),
        cmocka_unit_test(test_decluster_offsets_average),
        cmocka_unit_test(test_stats),
        cmocka_unit_test(test_composites_decluster),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
