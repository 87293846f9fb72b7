/* test_resource_example.c — the estimate of the bundled synthetic example
 * scored against its truth (examples/minamitorishima/truth: the block truth
 * written by reemud synth and its truth_summary.json):
 *   - total REO over 0–10 mbsf within ±5 % of truth_summary.json;
 *   - grade–tonnage (tonnes, mean ΣREY) at 400, 1,000 and 2,000 ppm against
 *     the truth's, computed with the same code on the truth blocks: the
 *     kriged blocks' curve (smoothed, loose tolerances) and the
 *     block-support curves of the global change of support (support.c;
 *     tolerances and why in docs/resource.md);
 *   - mean ΣREY of the estimate vs the truth in the blocks of each class.
 * Under sanitizers (REEMUD_SANITIZED=1) the full estimate is a
 * benchmark-sized run: the program exits 77, which CTest reports as
 * skipped (SKIP_RETURN_CODE 77), not as a pass; the sanitizer pass runs
 * the whole pipeline on a small project instead (tests/cli/pipeline_small.sh).
 *
 * Regression bounds, not independent checks, are marked "REGRESSION" below:
 * they hold the achieved accuracy of this code on this example and were set
 * from its own output (regenerate the printed figures with
 * `ctest -R test_resource_example -V` and explain any change in the commit). */
#include <string.h>

#include <cjson/cJSON.h>

#include "reemud/io_netcdf.h"
#include "reemud/resource.h"
#include "rm_test.h"

static double json_number(const char *path, const char *key)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = 0;
    fclose(fp);
    cJSON *root = cJSON_Parse(buf);
    assert_non_null(root);
    cJSON *item = cJSON_GetObjectItemCaseSensitive(root, key);
    assert_true(cJSON_IsNumber(item));
    double v = item->valuedouble;
    cJSON_Delete(root);
    return v;
}

static void test_example_against_truth(void **state)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", rm_test_source("examples/minamitorishima/project.ini"));
    rm_ini *ini;
    rm_error err;
    assert_int_equal(rm_ini_load(path, &ini, &err), RM_OK);
    rm_resource_result res;
    double t0 = rm_now_s();
    rm_status st = rm_resource_estimate(ini, NULL, &res, &err);
    if (st)
        fail_msg("%s", err.message);
    double seconds = rm_now_s() - t0;
    print_message("estimate: %.2f s for %zu blocks, %zu solves\n", seconds, res.n_blocks,
                  res.n_solves);
    assert_int_equal(rm_ini_finish(ini, &err), RM_OK);

    /* Total REO vs the truth's summary file. */
    snprintf(path, sizeof path, "%s",
             rm_test_source("examples/minamitorishima/truth/truth_summary.json"));
    double truth_reo = json_number(path, "total_reo_t");
    double truth_mud = json_number(path, "total_mud_t");
    double truth_mean = json_number(path, "mean_srey_ppm");
    print_message("total REO %.4g t (truth %.4g, %+.2f %%), mud %.4g t (truth %.4g), "
                  "mean SREY %.1f ppm (truth %.1f)\n",
                  res.summary.total_reo_t, truth_reo,
                  100 * (res.summary.total_reo_t / truth_reo - 1), res.summary.total_mud_t,
                  truth_mud, res.summary.mean_srey_ppm, truth_mean);
    assert_rel(res.summary.total_reo_t, truth_reo, 0.05);
    assert_rel(res.summary.total_mud_t, truth_mud, 0.01);

    /* Grade–tonnage of the truth blocks with the same code and spec. */
    snprintf(path, sizeof path, "%s", rm_test_source("examples/minamitorishima/truth/truth.nc"));
    rm_blockmodel *truth;
    assert_int_equal(rm_io_read_blockmodel_nc(path, &truth, &err), RM_OK);
    assert_int_equal(rm_resource_derive(truth, &err), RM_OK);
    double cut[] = {0, 400, 1000, 2000};
    rm_gt_spec spec = {.cutoffs_ppm = cut, .n_cutoffs = 4, .top_mbsf = 0, .bottom_mbsf = 10};
    rm_gt_table tg;
    assert_int_equal(rm_gradetonnage(truth, &spec, &tg, &err), RM_OK);
    assert_rel(tg.rows[0].reo_t, truth_reo, 0.002); /* the same truth, two codes */
    for (int k = 1; k < 4; k++) {
        const rm_gt_row *e = rm_gt_find(&res.gt, RM_GT_BLOCKS, 0, cut[k]);
        const rm_gt_row *t = &tg.rows[k];
        print_message("cut-off %4.0f ppm: estimate %.4g t at %.0f ppm, truth %.4g t at "
                      "%.0f ppm (tonnes %+.1f %%, grade %+.1f %%, REO %+.1f %%)\n",
                      cut[k], e->tonnes, e->mean_srey_ppm, t->tonnes, t->mean_srey_ppm,
                      100 * (e->tonnes / t->tonnes - 1),
                      100 * (e->mean_srey_ppm / t->mean_srey_ppm - 1),
                      100 * (e->reo_t / t->reo_t - 1));
    }
    /* The block-support curves (support.c) against the same truth: the
     * composites' histogram per 1-m slice, rescaled to the kriged slice mean
     * and reshaped to the variance of true 1 km × 1 km × 0.5 m blocks. */
    {
        rm_vgm_model vm;
        assert_int_equal(rm_vgm_parse(res.shared_model_text, &vm, &err), RM_OK);
        rm_support_spec sup;
        rm_support_spec_default(&sup);
        rm_gt_table ct = {0};
        rm_support_info inf;
        assert_int_equal(rm_gradetonnage_support(res.bm, res.composites, &vm, &spec, &sup,
                                                 &ct, &inf, &err),
                         RM_OK);
        for (size_t q = 0; q < inf.n_slices; q++)
            print_message("slice %g-%g mbsf: %zu composites, mean %.0f ppm (kriged %.0f), "
                          "s.d. %.0f ppm, f %.3f\n",
                          inf.slices[q].top_mbsf, inf.slices[q].bottom_mbsf,
                          inf.slices[q].n_samples, inf.slices[q].mean_ppm,
                          inf.slices[q].kriged_mean_ppm, sqrt(inf.slices[q].var_ppm2),
                          inf.slices[q].factor.f);
        /* the same rows as the estimate stage put in its table */
        assert_near(ct.rows[2].tonnes, rm_gt_find(&res.gt, RM_GT_AFFINE, 0, 1000)->tonnes,
                    1e-6 * ct.rows[2].tonnes);
        rm_support_info_free(&inf);
        rm_gt_table_free(&ct);
        /* The variants docs/resource.md compares (printed only). */
        for (int v = 0; v < 2; v++) {
            rm_support_spec_default(&sup);
            if (v == 0)
                sup.mean_from_blocks = 0;
            else
                sup.per_slice = 0;
            rm_gt_table vt = {0};
            assert_int_equal(rm_gradetonnage_support(res.bm, res.composites, &vm, &spec,
                                                     &sup, &vt, NULL, &err),
                             RM_OK);
            for (int k = 1; k < 4; k++)
                print_message("affine (%s) %4.0f ppm: tonnes %+5.1f %%, grade %+5.1f %%, "
                              "REO %+5.1f %%\n",
                              v ? "one global histogram" : "composites' own mean", cut[k],
                              100 * (vt.rows[k].tonnes / tg.rows[k].tonnes - 1),
                              100 * (vt.rows[k].mean_srey_ppm / tg.rows[k].mean_srey_ppm - 1),
                              100 * (vt.rows[k].reo_t / tg.rows[k].reo_t - 1));
            rm_gt_table_free(&vt);
        }
    }
    static const int bases[3] = {RM_GT_BLOCKS, RM_GT_AFFINE, RM_GT_DGM};
    for (int k = 1; k < 4; k++)
        for (int q = 0; q < 3; q++) {
            const rm_gt_row *e = rm_gt_find(&res.gt, bases[q], 0, cut[k]);
            const rm_gt_row *t = &tg.rows[k];
            assert_non_null(e);
            print_message("%-6s %4.0f ppm: tonnes %+5.1f %%, grade %+5.1f %%, REO %+5.1f %%\n",
                          rm_gt_basis_name(bases[q]), cut[k],
                          100 * (e->tonnes / t->tonnes - 1),
                          100 * (e->mean_srey_ppm / t->mean_srey_ppm - 1),
                          100 * (e->reo_t / t->reo_t - 1));
        }
    /* The affine curve, the default correction (docs/resource.md): tonnes
     * and grade within ±10 % at all three cut-offs, REO within ±10 % at
     * 400 and 1,000 ppm.  REGRESSION: ±13 % on REO at 2,000 ppm is not an
     * accuracy target but the achieved −12.1 % plus a margin (the cores'
     * richest tail is thin).  The DGM cannot widen the distribution
     * (f > 1 here: 0.5-m blocks vary more than 1-m composites), so it is
     * the composites' curve; checked at ±20 %. */
    for (int k = 1; k < 4; k++) {
        const rm_gt_row *a = rm_gt_find(&res.gt, RM_GT_AFFINE, 0, cut[k]);
        const rm_gt_row *d = rm_gt_find(&res.gt, RM_GT_DGM, 0, cut[k]);
        const rm_gt_row *t = &tg.rows[k];
        assert_rel(a->tonnes, t->tonnes, 0.10);
        assert_rel(a->mean_srey_ppm, t->mean_srey_ppm, 0.10);
        assert_rel(a->reo_t, t->reo_t, k < 3 ? 0.10 : 0.13);
        assert_rel(d->tonnes, t->tonnes, 0.20);
        assert_rel(d->reo_t, t->reo_t, 0.20);
    }
    /* Kriged blocks are smoother than true blocks (the support and
     * information effects, docs/resource.md): above a low cut-off the
     * estimate finds more tonnes at a lower grade, above a high one less
     * metal.  Contained REO is the robust number; tolerances: */
    const rm_gt_row *e400 = rm_gt_find(&res.gt, RM_GT_BLOCKS, 0, 400);
    assert_rel(e400->reo_t, tg.rows[1].reo_t, 0.10);
    assert_rel(e400->tonnes, tg.rows[1].tonnes, 0.20);
    const rm_gt_row *e1000 = rm_gt_find(&res.gt, RM_GT_BLOCKS, 0, 1000);
    assert_rel(e1000->reo_t, tg.rows[2].reo_t, 0.10);
    assert_rel(e1000->tonnes, tg.rows[2].tonnes, 0.10);
    const rm_gt_row *e2000 = rm_gt_find(&res.gt, RM_GT_BLOCKS, 0, 2000);
    assert_rel(e2000->tonnes, tg.rows[3].tonnes, 0.10);
    assert_rel(e2000->reo_t, tg.rows[3].reo_t, 0.20);

    /* The auto-fitted variogram: a horizontal range of the order of the
     * truth's lateral continuity (its fields have gstat ranges 12.5–15 km,
     * Gaussian: practical ranges 22–26 km; docs/synthetic.md), a vertical
     * range of metres, and a class split that is a mix, not "everything
     * measured" from 30 cores ~9 km apart. */
    assert_true(res.have_fit);
    print_message("fit: horizontal %.0f m (%s), vertical %.2f m, nugget %.3g, zonal %.3g\n",
                  res.fit.h_range_m, rm_vgm_autofit_method_name(res.fit.horizontal.method),
                  res.fit.v_range_m, res.fit.nugget, res.fit.zonal_sill);
    assert_true(res.fit.h_range_m > 12000 && res.fit.h_range_m < 30000);
    assert_true(res.fit.v_range_m > 0.5 && res.fit.v_range_m < 6);
    double mud = res.summary.total_mud_t;
    for (int c = 1; c <= RM_NCLASS; c++) {
        print_message("class %s: %.1f %% of the mud\n", rm_class_name(c),
                      100 * res.summary.class_mud_t[c] / mud);
        assert_true(res.summary.class_mud_t[c] < 0.95 * mud); /* never one class for all */
    }
    /* Cores 5–9 km apart confirm continuity only next to them: little is
     * measured, most of the area between the cores is indicated, and the
     * edges are inferred (docs/resource.md, Classification). */
    assert_true(res.summary.class_mud_t[RM_CLASS_MEASURED] < 0.2 * mud);
    assert_true(res.summary.class_mud_t[RM_CLASS_INDICATED] > 0.5 * mud);
    assert_true(res.summary.class_mud_t[RM_CLASS_INFERRED] > 0.01 * mud);

    /* Per class: mean estimate vs mean truth in the same blocks. */
    rm_truth_check chk;
    assert_int_equal(rm_resource_check_truth(res.bm, truth, 0, 10, &chk, &err), RM_OK);
    for (int c = 0; c <= RM_NCLASS; c++) {
        print_message("%-10s %.4g t: estimate %.1f ppm, truth %.1f ppm\n",
                      c ? rm_class_name(c) : "all", chk.mud_t[c], chk.est_mean_srey_ppm[c],
                      chk.truth_mean_srey_ppm[c]);
        if (chk.mud_t[c] > 0.05 * chk.mud_t[0])
            assert_rel(chk.est_mean_srey_ppm[c], chk.truth_mean_srey_ppm[c], 0.10);
    }
    /* The per-class check's estimate mean over all blocks (its own loop
     * over the 0–10 m window) equals the mean the estimate stage reports in
     * its summary (the grade–tonnage code): two codes, one number. */
    assert_rel(chk.est_mean_srey_ppm[0], res.summary.mean_srey_ppm, 1e-6);

    rm_gt_table_free(&tg);
    rm_blockmodel_free(truth);
    rm_resource_result_free(&res);
    rm_ini_free(ini);
}

int main(void)
{
    const char *san = getenv("REEMUD_SANITIZED");
    if (san && !strcmp(san, "1")) {
        printf("test_resource_example: skipped under sanitizers (a benchmark-sized run)\n");
        return RM_TEST_SKIP;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_against_truth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
