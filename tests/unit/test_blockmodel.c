/* test_blockmodel.c — grid geometry and named fields. */
#include <string.h>

#include "reemud/blockmodel.h"
#include "rm_test.h"

static void test_geometry_and_order(void **state)
{
    rm_grid g = {.nx = 4, .ny = 3, .nz = 2, .x0 = 100, .y0 = 200, .z0 = 0,
                 .dx = 10, .dy = 20, .dz = 0.5};
    assert_int_equal(rm_grid_validate(&g, NULL), RM_OK);
    assert_int_equal(rm_grid_nblocks(&g), 24);
    assert_int_equal(rm_grid_index(&g, 1, 0, 0), 1);   /* x fastest */
    assert_int_equal(rm_grid_index(&g, 0, 1, 0), 4);   /* then y */
    assert_int_equal(rm_grid_index(&g, 0, 0, 1), 12);  /* then depth */
    assert_near(rm_grid_xc(&g, 0), 105, 0);
    assert_near(rm_grid_yc(&g, 2), 250, 0);
    assert_near(rm_grid_zc(&g, 1), 0.75, 0);
    assert_near(rm_grid_block_volume_m3(&g), 100, 0);
    g.dz = 0;
    rm_error err;
    assert_int_equal(rm_grid_validate(&g, &err), RM_EINVAL);
}

/* Nodes first + i·step are the block centres (the gstat GridTopology a
 * `reemud krige` grid is given as). */
static void test_grid_from_nodes(void **state)
{
    (void)state;
    double first[3] = {0.5, 10, -2}, step[3] = {1, 4, 0.5};
    size_t count[3] = {3, 2, 5};
    rm_grid g = rm_grid_from_nodes(first, step, count, 3);
    assert_int_equal(rm_grid_validate(&g, NULL), RM_OK);
    assert_int_equal(rm_grid_nblocks(&g), 30);
    assert_near(rm_grid_xc(&g, 2), 2.5, 0);
    assert_near(rm_grid_yc(&g, 1), 14, 0);
    assert_near(rm_grid_zc(&g, 4), 0, 0);
    rm_grid flat = rm_grid_from_nodes(first, step, count, 2);
    assert_int_equal(flat.nz, 1);
    assert_near(rm_grid_zc(&flat, 0), 0, 0);
    assert_near(flat.dz, 1, 0);
}

static void test_fields(void **state)
{
    rm_grid g = {.nx = 2, .ny = 2, .nz = 2, .dx = 1, .dy = 1, .dz = 1};
    rm_blockmodel *bm = rm_blockmodel_alloc(&g, 32656);
    double *la = rm_blockmodel_add(bm, "La_ppm", "lanthanum", "ppm");
    assert_non_null(la);
    assert_true(isnan(la[7]));
    la[3] = 5;
    assert_ptr_equal(rm_blockmodel_get(bm, "La_ppm"), la);
    assert_null(rm_blockmodel_get(bm, "Ce_ppm"));
    double *wd = rm_blockmodel_add_surface(bm, "water_depth_m", "water depth", "m");
    assert_non_null(wd);
    assert_ptr_equal(rm_blockmodel_get_surface(bm, "water_depth_m"), wd);
    for (int i = 0; i < 40; i++) { /* growth keeps earlier fields */
        char name[16];
        snprintf(name, sizeof name, "f%d", i);
        assert_non_null(rm_blockmodel_add(bm, name, NULL, NULL));
    }
    assert_near(rm_blockmodel_get(bm, "La_ppm")[3], 5, 0);
    rm_blockmodel_free(bm);
    rm_blockmodel_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geometry_and_order),
        cmocka_unit_test(test_grid_from_nodes),
        cmocka_unit_test(test_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
