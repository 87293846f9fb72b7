/* geotiff.c — single-band GeoTIFF maps through GDAL's GTiff driver.
 *
 * CRS from the EPSG code via OSR (PROJ); geotransform north-up:
 * (x0, dx, 0, y0 + ny dy, 0, -dy).  Float32 with nodata -9999 or Byte with
 * nodata 255; DEFLATE compression, 256-pixel tiles for large maps.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include "reemud/io_raster.h"

/* RM_EIO "WHAT PATH: <GDAL's last error message>". */
static rm_status gdal_fail(rm_error *err, const char *what, const char *path)
{
    const char *msg = CPLGetLastErrorMsg();
    return rm_error_set(err, RM_EIO, "%s %s: %s", what, path,
                        msg && msg[0] ? msg : "GDAL error");
}

rm_status rm_io_write_geotiff(const char *path, const rm_raster_spec *spec,
                              const double *values, rm_error *err)
{
    if (spec->nx == 0 || spec->ny == 0 || !(spec->dx > 0) || !(spec->dy > 0))
        return rm_error_set(err, RM_EINVAL, "%s: empty raster or non-positive cell size",
                            path);
    if (spec->nx > 1000000 || spec->ny > 1000000)
        return rm_error_set(err, RM_EINVAL, "%s: raster too large", path);
    GDALAllRegister();
    GDALDriverH drv = GDALGetDriverByName("GTiff");
    if (!drv)
        return rm_error_set(err, RM_EINTERNAL, "GDAL has no GTiff driver");

    char temp[4096];
    rm_status st = rm_atomic_temp_name(path, temp, sizeof temp, err);
    if (st)
        return st;
    unlink(temp);

    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
    char **opts = NULL;
    opts = CSLSetNameValue(opts, "COMPRESS", "DEFLATE");
    if (spec->nx >= 256 && spec->ny >= 256) {
        opts = CSLSetNameValue(opts, "TILED", "YES");
    }
    GDALDataType type = spec->type == RM_RASTER_BYTE ? GDT_Byte : GDT_Float32;
    int nx = (int)spec->nx, ny = (int)spec->ny;
    GDALDatasetH ds = GDALCreate(drv, temp, nx, ny, 1, type, opts);
    CSLDestroy(opts);
    OGRSpatialReferenceH srs = NULL;
    float *frow = NULL;
    unsigned char *brow = NULL;
    if (!ds) {
        st = gdal_fail(err, "cannot create", path);
        goto done;
    }
    double gt[6] = {spec->x0, spec->dx, 0.0, spec->y0 + (double)spec->ny * spec->dy, 0.0,
                    -spec->dy};
    if (GDALSetGeoTransform(ds, gt) != CE_None) {
        st = gdal_fail(err, "cannot set the geotransform of", path);
        goto done;
    }
    srs = OSRNewSpatialReference(NULL);
    if (OSRImportFromEPSG(srs, spec->epsg) != OGRERR_NONE) {
        st = rm_error_set(err, RM_EINVAL, "%s: unknown CRS EPSG:%d", path, spec->epsg);
        goto done;
    }
    if (GDALSetSpatialRef(ds, srs) != CE_None) {
        st = gdal_fail(err, "cannot set the CRS of", path);
        goto done;
    }
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    double nodata = spec->type == RM_RASTER_BYTE ? RM_RASTER_NODATA_BYTE
                                                 : RM_RASTER_NODATA_FLOAT;
    GDALSetRasterNoDataValue(band, nodata);
    if (spec->description)
        GDALSetDescription(band, spec->description);
    if (spec->units)
        GDALSetRasterUnitType(band, spec->units);
    frow = malloc(spec->nx * sizeof *frow);
    brow = malloc(spec->nx);
    if (!frow || !brow) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t r = 0; r < spec->ny; r++) {
        size_t j = spec->ny - 1 - r; /* north-up: first row is the northern one */
        const double *v = values + j * spec->nx;
        CPLErr ce;
        if (spec->type == RM_RASTER_BYTE) {
            for (size_t i = 0; i < spec->nx; i++)
                brow[i] = isnan(v[i]) || v[i] < 0 || v[i] > 254
                              ? (unsigned char)RM_RASTER_NODATA_BYTE
                              : (unsigned char)lround(v[i]);
            ce = GDALRasterIO(band, GF_Write, 0, (int)r, nx, 1, brow, nx, 1, GDT_Byte, 0, 0);
        } else {
            for (size_t i = 0; i < spec->nx; i++)
                frow[i] = isfinite(v[i]) ? (float)v[i] : (float)RM_RASTER_NODATA_FLOAT;
            ce = GDALRasterIO(band, GF_Write, 0, (int)r, nx, 1, frow, nx, 1, GDT_Float32, 0,
                              0);
        }
        if (ce != CE_None) {
            st = gdal_fail(err, "cannot write", path);
            goto done;
        }
    }
    GDALComputeRasterStatistics(band, FALSE, NULL, NULL, NULL, NULL, NULL, NULL);
    CPLErrorReset();
    /* GDALClose flushes; check the error state afterwards. */
    GDALClose(ds);
    ds = NULL;
    if (CPLGetLastErrorType() >= CE_Failure) {
        st = gdal_fail(err, "cannot finish", path);
        goto done;
    }
    st = rm_atomic_rename(temp, path, err);
done:
    if (ds)
        GDALClose(ds);
    if (srs)
        OSRDestroySpatialReference(srs);
    free(frow);
    free(brow);
    CPLPopErrorHandler();
    if (st) {
        unlink(temp);
        char aux[4200];
        snprintf(aux, sizeof aux, "%s.aux.xml", temp);
        unlink(aux);
    }
    return st;
}
