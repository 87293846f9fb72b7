/* test_gradetonnage.c — derived grades/tonnages, grade–tonnage by block and
 * by column, maps and summary on a small model whose answers are worked by
 * hand in the comments (oxide factors: docs/references.md §4, their sum over the
 * 15 REY is 17.5466). */
#include <string.h>
#include <unistd.h>

#include "reemud/resource.h"
#include "rm_test.h"

static const double SUM_OXIDE_FACTORS = 17.5466;

/* 2 x 1 x 3 blocks of 100 m x 100 m x 5 m (50,000 m3), layers 0-5, 5-10,
 * 10-15 mbsf.  Every element has the same ppm in a block, so ΣREY = 15 ×
 * that and HREE (Gd..Lu + Y, 9 elements) = 9 ×.
 *   column 0: ΣREY 1500, 300, 3000; density 0.5, 0.6, 0.5; class 1, 2, 3
 *   column 1: ΣREY 300 everywhere; density 0.5; class 3             */
static rm_blockmodel *make_model(void)
{
    rm_grid g = {.nx = 2, .ny = 1, .nz = 3, .x0 = 0, .y0 = 0, .z0 = 0,
                 .dx = 100, .dy = 100, .dz = 5};
    rm_blockmodel *bm = rm_blockmodel_alloc(&g, 32656);
    double srey[6] = {1500, 300, 300, 300, 3000, 300}; /* b = i + 2 k */
    double rho[6] = {0.5, 0.5, 0.6, 0.5, 0.5, 0.5};
    double cls[6] = {1, 3, 2, 3, 3, 3};
    for (int e = 0; e < RM_NREY; e++) {
        char name[32];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        double *v = rm_blockmodel_add(bm, name, name, "ppm");
        for (int b = 0; b < 6; b++)
            v[b] = srey[b] / 15.0;
    }
    double *d = rm_blockmodel_add(bm, "dry_density_t_m3", "dry density", "t m-3");
    double *c = rm_blockmodel_add(bm, "class", "class", "1");
    for (int b = 0; b < 6; b++) {
        d[b] = rho[b];
        c[b] = cls[b];
    }
    rm_error err;
    assert_int_equal(rm_resource_derive(bm, &err), RM_OK);
    return bm;
}

static void test_derive(void **state)
{
    rm_blockmodel *bm = make_model();
    assert_near(rm_blockmodel_get(bm, "SREY_ppm")[0], 1500, 1e-9);
    assert_near(rm_blockmodel_get(bm, "HREE_ppm")[0], 900, 1e-9);
    assert_near(rm_blockmodel_get(bm, "REO_ppm")[0], 100 * SUM_OXIDE_FACTORS, 1e-6);
    assert_near(rm_blockmodel_get(bm, "mud_t")[0], 25000, 1e-6);
    assert_near(rm_blockmodel_get(bm, "mud_t")[2], 30000, 1e-6);
    /* La2O3 in block 0: 25,000 t × 100e-6 × 1.1728 = 2.932 t */
    assert_near(rm_blockmodel_get(bm, "La2O3_t")[0], 2.932, 1e-9);
    assert_near(rm_blockmodel_get(bm, "Y2O3_t")[0], 25000 * 100e-6 * 1.2699, 1e-9);
    assert_near(rm_blockmodel_get(bm, "REO_t")[0], 2.5 * SUM_OXIDE_FACTORS, 1e-6);
    /* A block missing one element gets no derived values. */
    rm_blockmodel_get(bm, "Dy_ppm")[1] = NAN;
    rm_error err;
    assert_int_equal(rm_resource_derive(bm, &err), RM_OK);
    assert_true(isnan(rm_blockmodel_get(bm, "SREY_ppm")[1]));
    assert_true(isnan(rm_blockmodel_get(bm, "mud_t")[1]));
    rm_blockmodel_free(bm);
}

static void test_derive_missing_field(void **state)
{
    rm_grid g = {.nx = 1, .ny = 1, .nz = 1, .dx = 1, .dy = 1, .dz = 1};
    rm_blockmodel *bm = rm_blockmodel_alloc(&g, 32656);
    rm_blockmodel_add(bm, "La_ppm", "La", "ppm");
    rm_error err;
    assert_int_equal(rm_resource_derive(bm, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "Ce_ppm"));
    rm_blockmodel_free(bm);
}

static void test_gradetonnage_blocks_and_columns(void **state)
{
    rm_blockmodel *bm = make_model();
    double cut[] = {0, 400, 1000, 2000};
    rm_gt_spec spec = {.cutoffs_ppm = cut, .n_cutoffs = 4, .top_mbsf = 0,
                       .bottom_mbsf = 10, .column_depth_m = 10, .by_class = 1};
    rm_gt_table t;
    rm_error err;
    assert_int_equal(rm_gradetonnage(bm, &spec, &t, &err), RM_OK);
    assert_int_equal(t.n, 2 * 4 * 4);
    /* 0-10 mbsf, no cut-off: 25,000 + 30,000 + 25,000 + 25,000 t;
     * mean (1500·25,000 + 300·30,000 + 300·50,000) / 105,000 = 585.714… */
    const rm_gt_row *r = rm_gt_find(&t, RM_GT_BLOCKS, 0, 0);
    assert_non_null(r);
    assert_near(r->tonnes, 105000, 1e-6);
    assert_near(r->mean_srey_ppm, 61.5e6 / 105000, 1e-9);
    assert_near(r->reo_t, 61.5e6 * 1e-6 / 15 * SUM_OXIDE_FACTORS, 1e-9);
    assert_near(r->oxide_t[RM_LA], 61.5e6 * 1e-6 / 15 * 1.1728, 1e-9);
    assert_near(r->mean_ppm[RM_DY], 61.5e6 / 105000 / 15, 1e-9);
    /* 400 and 1000 ppm: block 0 only; 2000: the 3,000 ppm block is below
     * 10 mbsf, so nothing. */
    r = rm_gt_find(&t, RM_GT_BLOCKS, 0, 400);
    assert_near(r->tonnes, 25000, 1e-6);
    assert_near(r->mean_srey_ppm, 1500, 1e-9);
    assert_near(rm_gt_find(&t, RM_GT_BLOCKS, 0, 1000)->tonnes, 25000, 1e-6);
    assert_near(rm_gt_find(&t, RM_GT_BLOCKS, 0, 2000)->tonnes, 0, 0);
    assert_true(isnan(rm_gt_find(&t, RM_GT_BLOCKS, 0, 2000)->mean_srey_ppm));
    /* by class, no cut-off: measured 25,000, indicated 30,000, inferred 50,000 */
    assert_near(rm_gt_find(&t, RM_GT_BLOCKS, RM_CLASS_MEASURED, 0)->tonnes, 25000, 1e-6);
    assert_near(rm_gt_find(&t, RM_GT_BLOCKS, RM_CLASS_INDICATED, 0)->tonnes, 30000, 1e-6);
    assert_near(rm_gt_find(&t, RM_GT_BLOCKS, RM_CLASS_INFERRED, 0)->tonnes, 50000, 1e-6);
    /* columns over 0-10 m: column 0 mean (37.5e6 + 9e6) / 55,000 = 845.45,
     * mostly indicated (30,000 t); column 1 mean 300 (inferred). */
    r = rm_gt_find(&t, RM_GT_COLUMNS, 0, 400);
    assert_near(r->tonnes, 55000, 1e-6);
    assert_near(r->mean_srey_ppm, 46.5e6 / 55000, 1e-9);
    assert_near(r->n_units, 1, 0);
    assert_near(rm_gt_find(&t, RM_GT_COLUMNS, 0, 0)->tonnes, 105000, 1e-6);
    assert_near(rm_gt_find(&t, RM_GT_COLUMNS, 0, 1000)->tonnes, 0, 0);
    assert_near(rm_gt_find(&t, RM_GT_COLUMNS, RM_CLASS_INDICATED, 400)->tonnes, 55000, 1e-6);
    assert_near(rm_gt_find(&t, RM_GT_COLUMNS, RM_CLASS_MEASURED, 400)->tonnes, 0, 0);
    assert_null(rm_gt_find(&t, RM_GT_BLOCKS, 0, 123));

    /* The CSV holds one line per row plus the header. */
    const char *dir = rm_test_dir("gradetonnage");
    char path[4200];
    snprintf(path, sizeof path, "%s/gt.csv", dir);
    unlink(path);
    assert_int_equal(rm_gt_write_csv(&t, path, &err), RM_OK);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[4096];
    int lines = 0;
    assert_non_null(fgets(line, sizeof line, fp));
    assert_non_null(strstr(line, "basis,class,cutoff_srey_ppm,tonnes,mean_srey_ppm,reo_t"));
    assert_non_null(strstr(line, ",Tb4O7_t,"));
    lines = 1;
    while (fgets(line, sizeof line, fp))
        lines++;
    fclose(fp);
    assert_int_equal(lines, 1 + 32);
    rm_gt_table_free(&t);
    rm_gt_table_free(&t); /* idempotent */
    rm_blockmodel_free(bm);
}

static void test_partial_layer_overlap(void **state)
{
    rm_blockmodel *bm = make_model();
    double cut[] = {0};
    /* 0-7.5 mbsf counts half of layer 1: 25,000 + 15,000 + 25,000 + 12,500 t */
    rm_gt_spec spec = {.cutoffs_ppm = cut, .n_cutoffs = 1, .top_mbsf = 0,
                       .bottom_mbsf = 7.5};
    rm_gt_table t;
    rm_error err;
    assert_int_equal(rm_gradetonnage(bm, &spec, &t, &err), RM_OK);
    assert_int_equal(t.n, 1);
    assert_near(t.rows[0].tonnes, 77500, 1e-6);
    assert_near(t.rows[0].mean_srey_ppm,
                (1500 * 25000.0 + 300 * 15000.0 + 300 * 37500.0) / 77500, 1e-9);
    rm_gt_table_free(&t);
    spec.bottom_mbsf = 0;
    assert_int_equal(rm_gradetonnage(bm, &spec, &t, &err), RM_EINVAL);
    spec.bottom_mbsf = 10;
    spec.n_cutoffs = 0;
    assert_int_equal(rm_gradetonnage(bm, &spec, &t, &err), RM_EINVAL);
    rm_blockmodel_free(bm);
}

static void test_maps_and_summary(void **state)
{
    rm_blockmodel *bm = make_model();
    rm_error err;
    assert_int_equal(rm_resource_maps(bm, 0, 10, 2000, &err), RM_OK);
    const double *mean = rm_blockmodel_get_surface(bm, "SREY_mean_ppm");
    const double *thick = rm_blockmodel_get_surface(bm, "thickness_above_cutoff_m");
    const double *dens = rm_blockmodel_get_surface(bm, "REO_t_per_km2");
    const double *cm = rm_blockmodel_get_surface(bm, "class_major");
    assert_near(mean[0], 46.5e6 / 55000, 1e-9);
    assert_near(mean[1], 300, 1e-9);
    assert_near(thick[0], 5, 0); /* the 3,000 ppm layer at 10-15 mbsf */
    assert_near(thick[1], 0, 0);
    /* column 0 REO: 46.5e6 ppm·t × 1e-6 / 15 × 17.5466 over 0.01 km² */
    assert_near(dens[0], 46.5 / 15 * SUM_OXIDE_FACTORS / 0.01, 1e-6);
    assert_near(cm[0], RM_CLASS_INDICATED, 0);
    assert_near(cm[1], RM_CLASS_INFERRED, 0);

    rm_resource_summary s;
    assert_int_equal(rm_resource_summarize(bm, 0, 10, &s, &err), RM_OK);
    assert_near(s.total_mud_t, 105000, 1e-6);
    assert_near(s.mean_srey_ppm, 61.5e6 / 105000, 1e-9);
    assert_near(s.total_reo_t, 61.5 / 15 * SUM_OXIDE_FACTORS, 1e-9);
    assert_near(s.oxide_t[RM_Y], 61.5 / 15 * 1.2699, 1e-9);
    assert_near(s.class_mud_t[RM_CLASS_MEASURED], 25000, 1e-6);
    assert_near(s.class_mud_t[0], 0, 0);
    rm_blockmodel_free(bm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_derive),
        cmocka_unit_test(test_derive_missing_field),
        cmocka_unit_test(test_gradetonnage_blocks_and_columns),
        cmocka_unit_test(test_partial_layer_overlap),
        cmocka_unit_test(test_maps_and_summary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
