/* test_api.c — the flat entry points of include/reemud/api.h against values
 * worked by hand: ordinary kriging from one sample (λ = 1, σ² = 2γ(h)),
 * simple kriging far from the data (the mean, σ² = C(0)), an experimental
 * variogram of three points, `check` of the small valid project (counts as
 * tests/cli/check_summary.sh), the lift stage's error and output paths, the
 * estimate, chain and simulate stages' folders on that project, and
 * an OGR-read GeoPackage layer in place of a CSV file when GDAL can write
 * one (run under the sanitizers for leaks). */
#include <string.h>
#include <sys/stat.h>

#include <gdal.h>
#include <ogr_api.h>

#include "reemud/api.h"
#include "rm_test.h"

static void test_krige_one_sample(void **state)
{
    (void)state;
    const double xyz[3] = {0, 0, 0}, v[1] = {4.0}, t[6] = {50, 0, 0, 500, 0, 0};
    rm_api_krige_options o;
    rm_api_krige_options_default(&o);
    double est[2], var[2], slope[2], ke[2];
    int nn[2];
    size_t rows = 0, counts[4];
    rm_error err;
    assert_int_equal(rm_api_krige("1 Sph(100)", xyz, v, 1, 1, NULL, NULL, t, 2, NULL, &o, est,
                                  var, nn, NULL, NULL, slope, ke, NULL, NULL, &rows, counts,
                                  &err),
                     RM_OK);
    assert_int_equal(rows, 2);
    assert_near(est[0], 4.0, 1e-12);
    /* σ² = 2 γ(50) = 2 (1.5·0.5 − 0.5·0.125) = 1.375 */
    assert_near(var[0], 1.375, 1e-12);
    assert_int_equal(nn[0], 1);
    assert_near(var[1], 2.0, 1e-12); /* beyond the range: 2 C(0) */
    /* Simple kriging, mean 1: beyond the range the estimate is the mean. */
    o.simple = 1;
    const double mean = 1.0;
    assert_int_equal(rm_api_krige("1 Sph(100)", xyz, v, 1, 1, NULL, &mean, t, 2, NULL, &o, est,
                                  var, nn, NULL, NULL, NULL, NULL, NULL, NULL, &rows, NULL,
                                  &err),
                     RM_OK);
    assert_near(est[1], 1.0, 1e-12);
    assert_near(var[1], 1.0, 1e-12);
    /* errors keep the engine's message */
    assert_int_equal(rm_api_krige("1 Sph(", xyz, v, 1, 1, NULL, NULL, t, 2, NULL, &o, est, var,
                                  NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &err),
                     RM_EINVAL);
    assert_non_null(strstr(err.message, "Sph("));
    o.simple = 0;
    o.nmin = 3;
    o.nmax = 2;
    assert_int_equal(rm_api_krige("1 Sph(100)", xyz, v, 1, 1, NULL, NULL, t, 2, NULL, &o, est,
                                  var, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                  &err),
                     RM_EINVAL);
}

static void test_vario_three_points(void **state)
{
    (void)state;
    /* Points at x = 0, 1, 2 with values 0, 1, 3: lag 1 holds pairs
     * (0,1) and (1,3): γ = (1 + 4) / (2·2) = 1.25; lag 2 holds (0,3): 4.5. */
    const double xyz[9] = {0, 0, 0, 1, 0, 0, 2, 0, 0}, v[3] = {0, 1, 3};
    rm_api_vario_options o;
    rm_api_vario_options_default(&o);
    o.cutoff = 2.5;
    o.width = 1.0;
    size_t nb = 0;
    double *np, *dist, *gamma, *gm;
    char fitted[256];
    rm_error err;
    assert_int_equal(rm_api_vario(xyz, 2, v, NULL, 3, &o, NULL, &nb, &np, &dist, &gamma, &gm,
                                  fitted, sizeof fitted, &err),
                     RM_OK);
    assert_int_equal(nb, 2);
    assert_near(np[0], 2, 0);
    assert_near(gamma[0], 1.25, 1e-15);
    assert_near(np[1], 1, 0);
    assert_near(dist[1], 2, 1e-15);
    assert_near(gamma[1], 4.5, 1e-15);
    assert_null(gm);
    rm_api_free(np), rm_api_free(dist), rm_api_free(gamma);
}

static void test_check_basic_project(void **state)
{
    (void)state;
    const char *src = getenv("REEMUD_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/good/basic/project.ini", src ? src : ".");
    char *json = NULL;
    rm_problems p;
    rm_problems_init(&p, 10);
    rm_error err;
    assert_int_equal(rm_api_check(path, &json, &p, &err), RM_OK);
    assert_non_null(strstr(json, "\"holes\":3,"));
    assert_non_null(strstr(json, "\"intervals\":9,"));
    assert_non_null(strstr(json, "\"composites\":10,"));
    rm_api_free(json);
    assert_int_equal(p.count, 0);
    rm_problems_free(&p);
    /* a bad project: every problem in the list, the first in err */
    snprintf(path, sizeof path, "%s/tests/data/bad/not_a_number/project.ini", src ? src : ".");
    rm_problems_init(&p, 10);
    assert_int_equal(rm_api_check(path, &json, &p, &err), RM_EDATA);
    assert_null(json);
    assert_int_equal(p.count, 1);
    assert_non_null(strstr(err.message, "assays.csv:3: field 'La': 'abc' is not a number"));
    rm_problems_free(&p);
}

static void test_lift_stage(void **state)
{
    (void)state;
    const char *dir = rm_test_dir("api_lift");
    rm_api_stage_options o;
    rm_api_stage_options_default(&o);
    o.force = 1;
    rm_error err;
    assert_int_equal(rm_api_lift(NULL, "[lift]\nsystem = pump\ndepth_m = 3000\n", dir, &o, &err),
                     RM_OK);
    char path[4200];
    struct stat sb;
    snprintf(path, sizeof path, "%s/profile.csv", dir);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(rm_api_lift(NULL, "[lift]\nsystem = bucket\n", dir, &o, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "lift():2: field 'lift.system'"));
    assert_int_not_equal(rm_api_lift(NULL, "[lift]\nno_such_key = 1\n", dir, &o, &err), RM_OK);
    assert_non_null(strstr(err.message, "no_such_key"));
}

/* 1 if dir/name exists. */
static int exists_in(const char *dir, const char *name)
{
    char path[4300];
    struct stat sb;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &sb) == 0;
}

static void test_stages_on_basic_project(void **state)
{
    (void)state;
    const char *src = getenv("REEMUD_SOURCE_DIR");
    char project[4096], est[4200], chain[4200], sim[4200];
    snprintf(project, sizeof project, "%s/tests/data/good/basic/project.ini", src ? src : ".");
    snprintf(est, sizeof est, "%s/estimate", rm_test_dir("api_stages"));
    snprintf(chain, sizeof chain, "%s/chain", rm_test_dir("api_stages"));
    snprintf(sim, sizeof sim, "%s/simulate", rm_test_dir("api_stages"));
    rm_api_stage_options o;
    rm_api_stage_options_default(&o);
    o.force = 1;
    o.log_level = -1;
    rm_error err;
    assert_int_equal(rm_api_estimate(project, est, &o, NULL, &err), RM_OK);
    assert_true(exists_in(est, "block_model.nc") && exists_in(est, "resource_summary.json") &&
                exists_in(est, "run.json"));
    /* without force the outputs are kept and the call refused */
    o.force = 0;
    assert_int_equal(rm_api_estimate(project, est, &o, NULL, &err), RM_EEXIST);
    o.force = 1;
    char bm[4300];
    snprintf(bm, sizeof bm, "%s/block_model.nc", est);
    o.blockmodel = bm;
    o.draws = 5;
    assert_int_equal(rm_api_chain(project, chain, &o, &err), RM_OK);
    assert_true(exists_in(chain, "chain_summary.json") && exists_in(chain, "run.json"));
    o.realizations = 2;
    assert_int_equal(rm_api_simulate(project, sim, &o, NULL, &err), RM_OK);
    assert_true(exists_in(sim, "simulation_summary.json") && exists_in(sim, "simulation.nc"));
}

/* Write a GeoPackage layer "collars" from text columns; 0 if the driver is missing. */
static int write_gpkg(const char *path, const char *const *names, int ncol,
                      const char *const *cells, int nrow)
{
    GDALAllRegister();
    GDALDriverH drv = GDALGetDriverByName("GPKG");
    if (!drv)
        return 0;
    GDALDatasetH ds = GDALCreate(drv, path, 0, 0, 0, GDT_Unknown, NULL);
    if (!ds)
        return 0;
    OGRLayerH l = GDALDatasetCreateLayer(ds, "collars", NULL, wkbNone, NULL);
    for (int c = 0; c < ncol; c++) {
        OGRFieldDefnH f = OGR_Fld_Create(names[c], c == 0 ? OFTString : OFTReal);
        OGR_L_CreateField(l, f, 1);
        OGR_Fld_Destroy(f);
    }
    for (int r = 0; r < nrow; r++) {
        OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(l));
        for (int c = 0; c < ncol; c++)
            if (cells[r * ncol + c][0])
                OGR_F_SetFieldString(f, c, cells[r * ncol + c]);
        OGRErr e = OGR_L_CreateFeature(l, f);
        OGR_F_Destroy(f);
        if (e != OGRERR_NONE) {
            GDALClose(ds);
            return 0;
        }
    }
    GDALClose(ds);
    return 1;
}

static void test_gpkg_layer_with_problem(void **state)
{
    (void)state;
    const char *src = getenv("REEMUD_SOURCE_DIR");
    const char *dir = rm_test_dir("api_gpkg");
    char gpkg[4200], ini[4200];
    snprintf(gpkg, sizeof gpkg, "%s/cores.gpkg", dir);
    remove(gpkg);
    static const char *const names[] = {"hole_id", "lon", "lat", "water_depth_m", "length_m"};
    /* The second feature (fid 2) has no water depth. */
    static const char *const cells[] = {"MT01", "153.6", "22.1", "5600", "3.0",
                                        "MT02", "153.7", "22.2", "", "3.5"};
    if (!write_gpkg(gpkg, names, 5, cells, 2))
        fail_msg("could not write the test GeoPackage %s with OGR", gpkg);
    snprintf(ini, sizeof ini, "%s/project.ini", dir);
    FILE *fp = fopen(ini, "w");
    assert_non_null(fp);
    fprintf(fp, "[project]\nname = t\ncrs = EPSG:32656\n[data]\ncollars = cores.gpkg:collars\n"
                "assays = %s/tests/data/good/basic/assays.csv\n",
            src ? src : ".");
    fclose(fp);
    char *json = NULL;
    rm_problems p;
    rm_problems_init(&p, 10);
    rm_error err;
    assert_int_equal(rm_api_check(ini, &json, &p, &err), RM_EDATA);
    int found = 0;
    for (size_t i = 0; i < p.kept; i++)
        found |= strstr(p.messages[i], "cores.gpkg:collars:2: field 'water_depth_m'") != NULL;
    if (!found)
        for (size_t i = 0; i < p.kept; i++)
            print_message("%s\n", p.messages[i]);
    assert_true(found);
    rm_problems_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_krige_one_sample),
        cmocka_unit_test(test_vario_three_points),
        cmocka_unit_test(test_check_basic_project),
        cmocka_unit_test(test_lift_stage),
        cmocka_unit_test(test_stages_on_basic_project),
        cmocka_unit_test(test_gpkg_layer_with_problem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
