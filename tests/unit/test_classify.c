/* test_classify.c — classification rules: thresholds from the practice
 * cited in src/resource/classify.c (slope >= 0.8 measured, >= 0.5
 * indicated), distances as fractions of the range, [classification] keys. */
#include <string.h>

#include "reemud/resource.h"
#include "rm_test.h"

static void test_defaults(void **state)
{
    rm_classify_rules r;
    rm_classify_rules_default(&r, 10000);
    assert_near(r.measured_min_slope, 0.8, 0);
    assert_near(r.indicated_min_slope, 0.5, 0);
    assert_near(r.measured_max_dist_m, 10000.0 / 3, 1e-9);
    assert_near(r.indicated_max_dist_m, 20000.0 / 3, 1e-9);
    assert_near(r.inferred_max_dist_m, 15000, 0);
    assert_int_equal(rm_classify_block(&r, 0.85, 20, 3000), RM_CLASS_MEASURED);
    assert_int_equal(rm_classify_block(&r, 0.80, 8, 3333), RM_CLASS_MEASURED);
    assert_int_equal(rm_classify_block(&r, 0.79, 20, 3000), RM_CLASS_INDICATED);
    assert_int_equal(rm_classify_block(&r, 0.85, 7, 3000), RM_CLASS_INDICATED);
    assert_int_equal(rm_classify_block(&r, 0.85, 20, 5001), RM_CLASS_INDICATED);
    assert_int_equal(rm_classify_block(&r, 0.49, 20, 3000), RM_CLASS_INFERRED);
    assert_int_equal(rm_classify_block(&r, 0.6, 20, 15000), RM_CLASS_INFERRED);
    assert_int_equal(rm_classify_block(&r, NAN, 20, 100), RM_CLASS_INFERRED);
    assert_int_equal(rm_classify_block(&r, 0.9, 20, 25000), 0);
    assert_int_equal(rm_classify_block(&r, 0.9, 0, 100), 0);
    assert_string_equal(rm_class_name(RM_CLASS_INDICATED), "indicated");
    assert_string_equal(rm_class_name(0), "unclassified");
}

static void test_read_ini(void **state)
{
    const char *text = "[classification]\nmeasured_min_slope = 0.9\n"
                       "indicated_max_dist_m = 1234\ninferred_max_dist_m = 0\n";
    rm_ini *ini;
    rm_error err;
    assert_int_equal(rm_ini_load_string(text, "p.ini", &ini, &err), RM_OK);
    rm_classify_rules r;
    rm_classify_rules_default(&r, 1000);
    assert_int_equal(rm_classify_rules_read(ini, &r, &err), RM_OK);
    assert_near(r.measured_min_slope, 0.9, 0);
    assert_near(r.indicated_max_dist_m, 1234, 0);
    assert_near(r.measured_max_dist_m, 1000.0 / 3, 1e-9);
    /* no distance test for inferred when 0 */
    assert_int_equal(rm_classify_block(&r, 0.1, 3, 1e7), RM_CLASS_INFERRED);
    assert_int_equal(rm_ini_finish(ini, &err), RM_OK);
    rm_ini_free(ini);

    const char *bad = "[classification]\nmeasured_min_slope = 0.3\n";
    assert_int_equal(rm_ini_load_string(bad, "p.ini", &ini, &err), RM_OK);
    rm_classify_rules_default(&r, 1000);
    assert_int_equal(rm_classify_rules_read(ini, &r, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "p.ini:2"));
    assert_non_null(strstr(err.message, "measured_min_slope"));
    rm_ini_free(ini);
}

static void test_blockmodel(void **state)
{
    rm_grid g = {.nx = 3, .ny = 1, .nz = 1, .dx = 1, .dy = 1, .dz = 1};
    rm_blockmodel *bm = rm_blockmodel_alloc(&g, 32656);
    rm_classify_rules r;
    rm_classify_rules_default(&r, 100);
    rm_error err;
    assert_int_equal(rm_classify_blockmodel(bm, &r, &err), RM_EINVAL);
    double *s = rm_blockmodel_add(bm, "slope", "slope", "1");
    double *n = rm_blockmodel_add(bm, "n_samples", "n", "1");
    double *d = rm_blockmodel_add(bm, "mean_dist_m", "d", "m");
    s[0] = 0.9, n[0] = 10, d[0] = 10;
    s[1] = 0.6, n[1] = 10, d[1] = 60;
    /* block 2: not estimated (NAN) */
    assert_int_equal(rm_classify_blockmodel(bm, &r, &err), RM_OK);
    const double *c = rm_blockmodel_get(bm, "class");
    assert_near(c[0], 1, 0);
    assert_near(c[1], 2, 0);
    assert_true(isnan(c[2]));
    rm_blockmodel_free(bm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_read_ini),
        cmocka_unit_test(test_blockmodel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
