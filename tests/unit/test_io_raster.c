/* test_io_raster.c — GeoTIFF and GeoPackage writers, read back through GDAL
 * (an independent reader): CRS, north-up geotransform, nodata, values,
 * compression, one feature per point, and no partial file on failure. */
#include <dirent.h>
#include <string.h>
#include <unistd.h>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "reemud/io_raster.h"
#include "reemud/io_vector.h"
#include "rm_test.h"

static int count_temp_files(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".tmp."))
            n++;
    closedir(d);
    return n;
}

static void test_geotiff_roundtrip(void **state)
{
    const char *dir = rm_test_dir("io_raster");
    char path[4200];
    snprintf(path, sizeof path, "%s/map.tif", dir);
    unlink(path);
    /* 3 x 2 cells of 1000 m; row j = 0 is the southern row */
    double v[6] = {1, 2, 3, 4, NAN, 6};
    rm_raster_spec spec = {.nx = 3, .ny = 2, .x0 = 500000, .y0 = 2400000, .dx = 1000,
                           .dy = 1000, .epsg = 32656, .type = RM_RASTER_FLOAT32,
                           .description = "test map", .units = "ppm"};
    rm_error err;
    assert_int_equal(rm_io_write_geotiff(path, &spec, v, &err), RM_OK);

    GDALAllRegister();
    GDALDatasetH ds = GDALOpen(path, GA_ReadOnly);
    assert_non_null(ds);
    assert_int_equal(GDALGetRasterXSize(ds), 3);
    assert_int_equal(GDALGetRasterYSize(ds), 2);
    double gt[6];
    assert_int_equal(GDALGetGeoTransform(ds, gt), CE_None);
    assert_near(gt[0], 500000, 0);
    assert_near(gt[1], 1000, 0);
    assert_near(gt[3], 2402000, 0); /* top edge = y0 + ny dy */
    assert_near(gt[5], -1000, 0);
    OGRSpatialReferenceH srs = GDALGetSpatialRef(ds);
    assert_non_null(srs);
    assert_string_equal(OSRGetAuthorityCode(srs, NULL), "32656");
    GDALRasterBandH b = GDALGetRasterBand(ds, 1);
    int has = 0;
    assert_near(GDALGetRasterNoDataValue(b, &has), RM_RASTER_NODATA_FLOAT, 0);
    assert_true(has);
    assert_string_equal(GDALGetRasterUnitType(b), "ppm");
    float row[3];
    assert_int_equal(GDALRasterIO(b, GF_Read, 0, 0, 3, 1, row, 3, 1, GDT_Float32, 0, 0),
                     CE_None);
    /* first (northern) row holds j = 1 */
    assert_near(row[0], 4, 0);
    assert_near(row[1], RM_RASTER_NODATA_FLOAT, 0);
    assert_near(row[2], 6, 0);
    const char *comp = GDALGetMetadataItem(ds, "COMPRESSION", "IMAGE_STRUCTURE");
    assert_non_null(comp);
    assert_string_equal(comp, "DEFLATE");
    GDALClose(ds);
    assert_int_equal(count_temp_files(dir), 0);
}

static void test_geotiff_byte_and_errors(void **state)
{
    const char *dir = rm_test_dir("io_raster");
    char path[4200];
    snprintf(path, sizeof path, "%s/class.tif", dir);
    unlink(path);
    double v[2] = {1, NAN};
    rm_raster_spec spec = {.nx = 2, .ny = 1, .x0 = 0, .y0 = 0, .dx = 10, .dy = 10,
                           .epsg = 32656, .type = RM_RASTER_BYTE};
    rm_error err;
    assert_int_equal(rm_io_write_geotiff(path, &spec, v, &err), RM_OK);
    GDALAllRegister();
    GDALDatasetH ds = GDALOpen(path, GA_ReadOnly);
    GDALRasterBandH b = GDALGetRasterBand(ds, 1);
    assert_int_equal(GDALGetRasterDataType(b), GDT_Byte);
    unsigned char row[2];
    assert_int_equal(GDALRasterIO(b, GF_Read, 0, 0, 2, 1, row, 2, 1, GDT_Byte, 0, 0), CE_None);
    assert_int_equal(row[0], 1);
    assert_int_equal(row[1], RM_RASTER_NODATA_BYTE);
    GDALClose(ds);

    /* An unknown CRS fails and leaves neither the file nor a temporary. */
    snprintf(path, sizeof path, "%s/bad.tif", dir);
    unlink(path);
    spec.epsg = 999999;
    assert_int_not_equal(rm_io_write_geotiff(path, &spec, v, &err), RM_OK);
    assert_non_null(strstr(err.message, "EPSG:999999"));
    assert_int_not_equal(access(path, F_OK), 0);
    assert_int_equal(count_temp_files(dir), 0);
    spec.epsg = 32656;
    spec.dx = 0;
    assert_int_equal(rm_io_write_geotiff(path, &spec, v, &err), RM_EINVAL);
    /* A directory that does not exist. */
    spec.dx = 10;
    assert_int_equal(rm_io_write_geotiff("/nonexistent-dir/x.tif", &spec, v, &err), RM_EIO);
}

static void test_gpkg_points(void **state)
{
    const char *dir = rm_test_dir("io_raster");
    char path[4200];
    snprintf(path, sizeof path, "%s/cores.gpkg", dir);
    unlink(path);
    double x[3] = {500000, 510000, 520000}, y[3] = {2400000, 2410000, 2420000};
    double depth[3] = {5600, 5700, NAN}, n[3] = {10, 12, 3};
    const char *ids[3] = {"MR-01", "MR-02", NULL};
    rm_attr attrs[] = {{"hole_id", RM_ATTR_STRING, NULL, ids},
                       {"water_depth_m", RM_ATTR_REAL, depth, NULL},
                       {"n_samples", RM_ATTR_INTEGER, n, NULL}};
    rm_error err;
    assert_int_equal(rm_io_write_points_gpkg(path, "cores", 32656, 3, x, y, attrs, 3, &err),
                     RM_OK);
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR, NULL, NULL, NULL);
    assert_non_null(ds);
    OGRLayerH l = GDALDatasetGetLayerByName(ds, "cores");
    assert_non_null(l);
    assert_int_equal(OGR_L_GetFeatureCount(l, TRUE), 3);
    assert_string_equal(OSRGetAuthorityCode(OGR_L_GetSpatialRef(l), NULL), "32656");
    OGR_L_ResetReading(l);
    OGRFeatureH f = OGR_L_GetNextFeature(l);
    assert_string_equal(OGR_F_GetFieldAsString(f, OGR_F_GetFieldIndex(f, "hole_id")), "MR-01");
    assert_near(OGR_F_GetFieldAsDouble(f, OGR_F_GetFieldIndex(f, "water_depth_m")), 5600, 0);
    assert_int_equal(OGR_F_GetFieldAsInteger64(f, OGR_F_GetFieldIndex(f, "n_samples")), 10);
    OGRGeometryH g = OGR_F_GetGeometryRef(f);
    assert_near(OGR_G_GetX(g, 0), 500000, 0);
    assert_near(OGR_G_GetY(g, 0), 2400000, 0);
    OGR_F_Destroy(f);
    OGR_F_Destroy(OGR_L_GetNextFeature(l));
    f = OGR_L_GetNextFeature(l);
    assert_false(OGR_F_IsFieldSetAndNotNull(f, OGR_F_GetFieldIndex(f, "hole_id")));
    assert_false(OGR_F_IsFieldSetAndNotNull(f, OGR_F_GetFieldIndex(f, "water_depth_m")));
    OGR_F_Destroy(f);
    GDALClose(ds);
    assert_int_equal(count_temp_files(dir), 0);

    snprintf(path, sizeof path, "%s/bad.gpkg", dir);
    unlink(path);
    assert_int_not_equal(
        rm_io_write_points_gpkg(path, "cores", 999999, 3, x, y, attrs, 3, &err), RM_OK);
    assert_int_not_equal(access(path, F_OK), 0);
    assert_int_equal(count_temp_files(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geotiff_roundtrip),
        cmocka_unit_test(test_geotiff_byte_and_errors),
        cmocka_unit_test(test_gpkg_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
