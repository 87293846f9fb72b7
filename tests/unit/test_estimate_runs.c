/* test_estimate_runs.c — the estimate kriged in runs of layers, and the
 * estimate that stops at the kriged fields (what `simulate` reads), against
 * the whole-grid estimate of the same project, on the bundled example's
 * cores over a 20 × 20 × 10 grid:
 *   - [estimate] chunk_blocks of one layer and of three layers (the last
 *     run a single layer) give every field and surface of the block model,
 *     the solve and block counts and the summary bit for bit;
 *   - rm_resource_estimate_kriged gives the element grades, density and
 *     SREY_ppm bit for bit, and none of the fields it leaves out;
 * each with the shared model, three search passes, a top-cut with its
 * restriction and the horizon coordinate, and with per-element models and
 * simple kriging.  A run that shifted its layers' depths, or left a block
 * to the wrong run, changes a grade. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "reemud/resource.h"
#include "rm_test.h"

static const char *write_project(const char *name, const char *extra_estimate,
                                 const char *extra_sections, long chunk)
{
    static char path[4200];
    const char *dir = rm_test_dir("estimate_runs");
    assert_non_null(dir);
    snprintf(path, sizeof path, "%s/%s.ini", dir, name);
    char collars[4096], assays[4096];
    snprintf(collars, sizeof collars, "%s", rm_test_source("examples/minamitorishima/collars.csv"));
    snprintf(assays, sizeof assays, "%s", rm_test_source("examples/minamitorishima/assays.csv"));
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fprintf(fp,
            "[project]\nname = runs\ncrs = EPSG:32656\nseed = 2018\n\n"
            "[data]\ncollars = %s\nassays = %s\ncoords = lonlat\n\n"
            "[grid]\nx_min = 558500\nx_max = 608500\ny_min = 2410900\ny_max = 2460900\n"
            "dx_m = 2500\ndy_m = 2500\ndz_m = 1\ntop_mbsf = 0\nbottom_mbsf = 10\n\n"
            "[estimate]\nnmax = 16\nnmin = 4\n%s",
            collars, assays, extra_estimate);
    if (chunk > 0)
        fprintf(fp, "chunk_blocks = %ld\n", chunk);
    fprintf(fp, "\n%s", extra_sections);
    fclose(fp);
    return path;
}

typedef rm_status (*estimate_fn)(rm_ini *, long, const rm_logger *, rm_resource_result *,
                                 rm_error *);

static rm_status estimate_kriged(rm_ini *ini, long threads, const rm_logger *log,
                                 rm_resource_result *out, rm_error *err)
{
    return rm_resource_estimate_kriged(ini, threads, NULL, log, out, err);
}

static void run(const char *path, estimate_fn fn, rm_resource_result *res)
{
    rm_ini *ini;
    rm_error err;
    assert_int_equal(rm_ini_load(path, &ini, &err), RM_OK);
    if (fn(ini, 2, NULL, res, &err))
        fail_msg("%s: %s", path, err.message);
    rm_ini_free(ini);
}

/* Equal bit for bit, or both NaN. */
static void assert_same_values(const char *what, const double *a, const double *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(a[i] == b[i] || (isnan(a[i]) && isnan(b[i])) ) ||
            signbit(a[i]) != signbit(b[i]))
            fail_msg("%s: value %zu is %.17g, not %.17g", what, i, b[i], a[i]);
}

static void assert_same_model(const rm_resource_result *a, const rm_resource_result *b)
{
    size_t nb = rm_grid_nblocks(&a->bm->grid), nxy = a->bm->grid.nx * a->bm->grid.ny;
    assert_int_equal(a->bm->n_fields, b->bm->n_fields);
    for (size_t f = 0; f < a->bm->n_fields; f++) {
        assert_string_equal(a->bm->fields[f].name, b->bm->fields[f].name);
        assert_same_values(a->bm->fields[f].name, a->bm->fields[f].values,
                           b->bm->fields[f].values, nb);
    }
    assert_int_equal(a->bm->n_surfaces, b->bm->n_surfaces);
    for (size_t f = 0; f < a->bm->n_surfaces; f++)
        assert_same_values(a->bm->surfaces[f].name, a->bm->surfaces[f].values,
                           b->bm->surfaces[f].values, nxy);
    assert_int_equal(a->n_estimated, b->n_estimated);
    assert_int_equal(a->n_solves, b->n_solves);
    assert_true(a->summary.total_reo_t == b->summary.total_reo_t);
}

static void check_project(const char *name, const char *extra_estimate, const char *sections)
{
    rm_resource_result whole, one, three, kriged, kriged_one;
    run(write_project(name, extra_estimate, sections, 0), rm_resource_estimate_threads, &whole);
    size_t nxy = whole.bm->grid.nx * whole.bm->grid.ny;
    assert_int_equal(whole.bm->grid.nz, 10);
    assert_true(whole.n_estimated > nxy);
    run(write_project(name, extra_estimate, sections, 1), rm_resource_estimate_threads, &one);
    run(write_project(name, extra_estimate, sections, (long)(3 * nxy + 7)),
        rm_resource_estimate_threads, &three);
    assert_same_model(&whole, &one);
    assert_same_model(&whole, &three);

    run(write_project(name, extra_estimate, sections, 0), estimate_kriged, &kriged);
    run(write_project(name, extra_estimate, sections, 1), estimate_kriged, &kriged_one);
    size_t nb = rm_grid_nblocks(&whole.bm->grid);
    const char *kept[RM_NREY + 2] = {"SREY_ppm", "dry_density_t_m3"};
    char names[RM_NREY][32];
    for (int e = 0; e < RM_NREY; e++) {
        snprintf(names[e], sizeof names[e], "%s_ppm", rm_element(e)->symbol);
        kept[e + 2] = names[e];
    }
    for (size_t q = 0; q < RM_NREY + 2; q++) {
        const double *w = rm_blockmodel_get(whole.bm, kept[q]);
        const double *k = rm_blockmodel_get(kriged.bm, kept[q]);
        const double *k1 = rm_blockmodel_get(kriged_one.bm, kept[q]);
        assert_non_null(w);
        assert_non_null(k);
        assert_non_null(k1);
        assert_same_values(kept[q], w, k, nb);
        assert_same_values(kept[q], w, k1, nb);
    }
    static const char *const left_out[] = {"kriging_variance", "slope", "search_pass",
                                           "REO_t", "mud_t", "class"};
    for (size_t q = 0; q < sizeof left_out / sizeof *left_out; q++) {
        assert_non_null(rm_blockmodel_get(whole.bm, left_out[q]));
        assert_null(rm_blockmodel_get(kriged.bm, left_out[q]));
    }
    assert_int_equal(kriged.n_estimated, whole.n_estimated);
    rm_resource_result_free(&whole);
    rm_resource_result_free(&one);
    rm_resource_result_free(&three);
    rm_resource_result_free(&kriged);
    rm_resource_result_free(&kriged_one);
}

static void test_shared_passes_topcut_horizon(void **state)
{
    (void)state;
    check_project("shared", "maxdist_m = 6000\npasses = 3\nvertical = horizon\n",
                  "[topcut]\nLa = 250\nrestrict_distance_m = 3000\n");
}

static void test_per_element_sk(void **state)
{
    (void)state;
    check_project("per_element", "method = sk\n",
                  "[variogram]\nmode = per_element\n\n[topcut]\nY = 400\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_passes_topcut_horizon),
        cmocka_unit_test(test_per_element_sk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
