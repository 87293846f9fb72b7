/* test_io_raster_sample.c — rm_io_sample_raster against a plane written with
 * rm_io_write_geotiff (bilinear interpolation between cell centres is exact
 * for a plane), and its errors: a point outside, a nodata cell, another CRS,
 * a missing file. */
#include <string.h>

#include "reemud/io_raster.h"
#include "rm_test.h"

/* The plane the raster holds: 100 + 0.01 x − 0.02 y (x, y relative to the corner). */
static double plane(double x, double y)
{
    return 100 + 0.01 * (x - 500000) - 0.02 * (y - 2400000);
}

static void test_plane_and_errors(void **state)
{
    (void)state;
    enum { NX = 20, NY = 10 };
    double v[NX * NY];
    rm_raster_spec sp = {.nx = NX, .ny = NY, .x0 = 500000, .y0 = 2400000, .dx = 100, .dy = 50,
                         .epsg = 32656, .type = RM_RASTER_FLOAT32, .description = "plane",
                         .units = "m"};
    for (int j = 0; j < NY; j++)
        for (int i = 0; i < NX; i++)
            v[i + NX * j] = plane(500000 + (i + 0.5) * 100, 2400000 + (j + 0.5) * 50);
    char path[4200];
    snprintf(path, sizeof path, "%s/plane.tif", rm_test_dir("io_raster_sample"));
    rm_error err;
    assert_int_equal(rm_io_write_geotiff(path, &sp, v, &err), RM_OK);
    double x[4] = {500050, 501234.5, 500777, 501950}, y[4] = {2400025, 2400333.3, 2400100,
                                                                  2400475};
    double out[4];
    assert_int_equal(rm_io_sample_raster(path, 32656, x, y, 4, out, &err), RM_OK);
    for (int p = 0; p < 4; p++) /* Float32 storage: ~1e-5 of 100 */
        assert_near(out[p], plane(x[p], y[p]), 1e-4);
    double xo = 499000, yo = 2400100;
    assert_int_equal(rm_io_sample_raster(path, 32656, &xo, &yo, 1, out, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "outside"));
    assert_int_equal(rm_io_sample_raster(path, 32654, x, y, 1, out, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "EPSG:32654"));
    v[3 + NX * 2] = NAN; /* a nodata cell */
    assert_int_equal(rm_io_write_geotiff(path, &sp, v, &err), RM_OK);
    double xn = 500000 + 3.5 * 100, yn = 2400000 + 2.5 * 50;
    assert_int_equal(rm_io_sample_raster(path, 32656, &xn, &yn, 1, out, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "nodata"));
    snprintf(path, sizeof path, "%s/missing.tif", rm_test_dir("io_raster_sample"));
    assert_int_equal(rm_io_sample_raster(path, 32656, x, y, 1, out, &err), RM_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_plane_and_errors)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
