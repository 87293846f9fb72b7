/* test_processing.c — the plant balance: closure to 1e-9 per element, the
 * stage recoveries and water bookkeeping worked by hand, and bad inputs. */
#include <string.h>

#include "reemud/processing.h"
#include "rm_test.h"

static void test_balance_closes_every_element(void **state)
{
    rm_process_config c;
    rm_process_config_default(&c);
    /* An uneven REY pattern over six orders of magnitude. */
    double g[RM_NREY];
    for (int e = 0; e < RM_NREY; e++)
        g[e] = 0.37 * pow(10.0, (double)(e % 6)) + 0.011 * e;
    rm_process_balance b;
    rm_error err;
    const double feeds[] = {1.0, 105000.0, 3.3e7};
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(rm_process_run(&c, feeds[k], g, &b, &err), RM_OK);
        assert_true(b.max_rel_error <= 1e-9);
        for (int e = 0; e < RM_NREY; e++) {
            double sum = b.product_t[e] + b.loss_dewater_t[e] + b.loss_size_t[e] +
                         b.loss_leach_t[e] + b.loss_separation_t[e];
            assert_rel(sum, feeds[k] * g[e] * 1e-6, 1e-9);
        }
        /* Solids: concentrate + tailings + dewatering loss = feed. */
        assert_rel(b.concentrate_dry_t + b.size_tailings_dry_t + b.dewater_loss_dry_t,
                   feeds[k], 1e-12);
    }
}

static void test_hand_worked_stages(void **state)
{
    rm_process_config c;
    rm_process_config_default(&c);
    double g[RM_NREY] = {0};
    g[RM_LA] = 1000; /* 1 t La in 1,000 t */
    g[RM_CE] = 500;
    rm_process_balance b;
    rm_error err;
    assert_int_equal(rm_process_run(&c, 1000, g, &b, &err), RM_OK);
    /* La: 1 x 0.99 (dewatering) x 0.70 (hydrocyclone) x 0.951 (HCl) x 0.95. */
    assert_near(b.product_t[RM_LA], 0.99 * 0.70 * 0.951 * 0.95, 1e-12);
    assert_near(b.oxide_t[RM_LA], 0.99 * 0.70 * 0.951 * 0.95 * 1.1728, 1e-12);
    /* Ce: 0.5 x 0.99 x 0.60 x 0.30 x 0.95. */
    assert_near(b.product_t[RM_CE], 0.5 * 0.99 * 0.60 * 0.30 * 0.95, 1e-12);
    /* Mass pull = feed-weighted recovery / 2.6 = (0.7 + 0.5 x 0.6)/1.5/2.6. */
    double pull = (0.70 + 0.5 * 0.60) / 1.5 / 2.6;
    assert_near(b.mass_pull, pull, 1e-12);
    assert_near(b.concentrate_dry_t, 990 * pull, 1e-9);
    /* Water: slurry 1000/(2.5 x 0.10) = 4000 m3; cake 800 m3 of which
     * 990/2.5 = 396 m3 solids, 404 m3 water; water in 4000 - 400 = 3600 m3. */
    assert_near(b.slurry_m3, 4000, 1e-9);
    assert_near(b.water_removed_t, (3600 - 404) * 1.025, 1e-9);
    assert_near(b.shipped_wet_t, 990 * pull * (1 + 404 * 1.025 / 990), 1e-9);
}

static void test_bad_inputs(void **state)
{
    rm_process_config c;
    rm_process_config_default(&c);
    double g[RM_NREY] = {0};
    g[RM_Y] = 2000;
    rm_process_balance b;
    rm_error err;
    /* 50 % solids by volume cannot lose 80 % of its volume as water. */
    c.slurry_solids_vol_frac = 0.5;
    assert_int_equal(rm_process_run(&c, 10, g, &b, &err), RM_EPHYS);
    rm_process_config_default(&c);
    c.leach_recovery[RM_DY] = 1.2;
    assert_int_equal(rm_process_run(&c, 10, g, &b, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "Dy"));
    rm_process_config_default(&c);
    g[RM_Y] = -1;
    assert_int_equal(rm_process_run(&c, 10, g, &b, &err), RM_EINVAL);
    g[RM_Y] = 0;
    assert_int_equal(rm_process_run(&c, 0, g, &b, &err), RM_OK);
    assert_near(b.oxide_total_t, 0, 0);
}

static void test_table(void **state)
{
    rm_process_config c;
    memset(&c, 0, sizeof c);
    rm_process_config_default(&c);
    c.leach_recovery[RM_CE] = 0.99;
    rm_error err;
    assert_int_equal(rm_process_config_load_csv(&c, rm_test_source("data/processing.csv"), &err),
                     RM_OK);
    assert_near(c.leach_recovery[RM_CE], 0.30, 0);
    assert_near(c.leach_recovery[RM_DY], 0.951, 0); /* Takaya et al. 2015 */
    const char *dir = rm_test_dir("processing_csv");
    char path[4096];
    snprintf(path, sizeof path, "%s/bad.csv", dir);
    FILE *fp = fopen(path, "w");
    fputs("element,size_recovery,leach_recovery,separation_recovery\nLa,0.7,0.9,0.9\n"
          "Dy,0.7,1.5,0.9\n", fp);
    fclose(fp);
    assert_int_equal(rm_process_config_load_csv(&c, path, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "bad.csv:3: field 'leach_recovery'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_balance_closes_every_element),
        cmocka_unit_test(test_hand_worked_stages),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
