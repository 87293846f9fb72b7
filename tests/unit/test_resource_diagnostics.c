/* test_resource_diagnostics.c — the values the report shows, computed by the
 * stages (resource/diagnostics.c, resource/simulate_models.c), against
 * numbers worked out by hand:
 *   - grade–tonnage quantiles across realizations: GSL's quantile of sorted
 *     data interpolates at f (n − 1), so 100, 200, …, 1000 t give P10 190,
 *     P50 550, P90 910; a realization without tonnage has no grade;
 *   - tonnage-weighted column means over a window that cuts blocks;
 *   - the block-by-block check against a truth: ME, RMSE, correlation and
 *     the e-type's RMSE of two blocks, and an unusable truth reported as a
 *     reason, not a failure. */
#include <string.h>

#include "reemud/elements.h"
#include "reemud/resource.h"
#include "reemud/simulate.h"
#include "rm_test.h"

static void test_gt_quantiles(void **state)
{
    enum { NR = 10, NC = 2 };
    rm_sim_totals totals[NR * NC];
    memset(totals, 0, sizeof totals);
    const double la_factor = rm_element(RM_LA)->oxide_factor;
    for (size_t k = 0; k < NR; k++) {
        /* cut-off 0: 1000, 900, …, 100 t of mud at 1,000 ppm ΣREY (all La) */
        rm_sim_totals *t = &totals[k * NC + 0];
        t->mud_t = 100.0 * (double)(NR - k); /* unsorted on purpose */
        t->oxide_t[RM_LA] = t->mud_t * 1000e-6 * la_factor;
        /* cut-off 1: nothing above it */
    }
    rm_simulate_result r;
    memset(&r, 0, sizeof r);
    r.realizations = NR;
    r.n_cutoffs = NC;
    r.totals = totals;
    rm_sim_gt gt;
    rm_simulate_gt_quantiles(&r, &gt);
    assert_int_equal(gt.n, NC);
    assert_near(gt.mud_p10_t[0], 190.0, 1e-9);
    assert_near(gt.mud_p50_t[0], 550.0, 1e-9);
    assert_near(gt.mud_p90_t[0], 910.0, 1e-9);
    assert_near(gt.grade_p10_ppm[0], 1000.0, 1e-9);
    assert_near(gt.grade_p50_ppm[0], 1000.0, 1e-9);
    assert_near(gt.grade_p90_ppm[0], 1000.0, 1e-9);
    assert_near(gt.mud_p50_t[1], 0.0, 0);
    assert_true(isnan(gt.grade_p10_ppm[1]) && isnan(gt.grade_p50_ppm[1]) &&
                isnan(gt.grade_p90_ppm[1]));
}

static void test_column_means(void **state)
{
    /* One column of four 1 m blocks; the window 0.5–2.5 mbsf takes half of
     * the first, all of the second, half of the third, none of the fourth:
     * (0.5·1·10 + 1·2·20 + 0.5·3·30) / (0.5·1 + 1·2 + 0.5·3) = 90 / 4. */
    rm_grid g = {.nx = 1, .ny = 1, .nz = 4, .dx = 1, .dy = 1, .dz = 1};
    rm_blockmodel *bm = rm_blockmodel_alloc(&g, 32656);
    double *mud = rm_blockmodel_add(bm, "mud_t", "mud", "t");
    for (int k = 0; k < 4; k++)
        mud[k] = k + 1;
    const double v[4] = {10, 20, 30, 40};
    double map = 0;
    rm_resource_column_means(bm, v, 0.5, 2.5, &map);
    assert_near(map, 22.5, 1e-12);
    rm_resource_column_means(bm, v, 4.0, 5.0, &map); /* below the grid: no tonnage */
    assert_true(isnan(map));
    rm_blockmodel_free(bm);
}

static rm_blockmodel *truth_model(const rm_grid *g, const double *srey, int with_la)
{
    rm_blockmodel *t = rm_blockmodel_alloc(g, 32656);
    for (int e = 0; e < RM_NREY; e++) {
        char name[64];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        if (e == RM_LA && !with_la)
            continue;
        double *f = rm_blockmodel_add(t, name, name, "ppm");
        for (size_t b = 0; b < rm_grid_nblocks(g); b++)
            f[b] = e == RM_LA ? srey[b] : 0.0;
    }
    return t;
}

static void test_truth_blocks(void **state)
{
    rm_grid g = {.nx = 2, .ny = 1, .nz = 1, .dx = 1000, .dy = 1000, .dz = 1};
    const double est_srey[2] = {100, 300};
    rm_blockmodel *est = truth_model(&g, est_srey, 1); /* the 15 elements, all La */
    double *s = rm_blockmodel_add(est, "SREY_ppm", "ΣREY", "ppm");
    double *mud = rm_blockmodel_add(est, "mud_t", "mud", "t");
    s[0] = 100, s[1] = 300;
    mud[0] = mud[1] = 1e6;
    const double true_srey[2] = {110, 290};
    const double etype[2] = {100, 280};
    rm_blockmodel *truth = truth_model(&g, true_srey, 1);
    rm_truth_blocks tb;
    memset(&tb, 0, sizeof tb);
    double *map = NULL;
    rm_error err;
    assert_int_equal(rm_resource_truth_blocks(est, truth, etype, 0, 1, &tb, &map, &err), RM_OK);
    assert_true(tb.ok);
    assert_int_equal(tb.n, 2);
    /* errors −10, +10: mean 0, RMSE 10; both centred pairs on one line */
    assert_near(tb.mean_error_ppm, 0.0, 1e-12);
    assert_near(tb.rmse_ppm, 10.0, 1e-12);
    assert_near(tb.correlation, 1.0, 1e-12);
    /* e-type errors −10, −10 */
    assert_near(tb.etype_rmse_ppm, 10.0, 1e-12);
    /* per class [0] = every block, equal weights */
    assert_near(tb.by_class.est_mean_srey_ppm[0], 200.0, 1e-9);
    assert_near(tb.by_class.truth_mean_srey_ppm[0], 200.0, 1e-9);
    assert_non_null(map);
    assert_near(map[0], 110.0, 1e-12);
    assert_near(map[1], 290.0, 1e-12);
    free(map);
    rm_truth_blocks_free(&tb);
    rm_blockmodel_free(truth);

    /* A truth without La: a reason, not a failure. */
    truth = truth_model(&g, true_srey, 0);
    memset(&tb, 0, sizeof tb);
    assert_int_equal(rm_resource_truth_blocks(est, truth, etype, 0, 1, &tb, &map, &err), RM_OK);
    assert_false(tb.ok);
    assert_non_null(strstr(tb.error, "La_ppm"));
    assert_null(map);
    rm_truth_blocks_free(&tb);
    rm_blockmodel_free(truth);
    rm_blockmodel_free(est);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gt_quantiles),
        cmocka_unit_test(test_column_means),
        cmocka_unit_test(test_truth_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
