/* geotiff_read.c — values of a single-band raster (any GDAL format, usually
 * GeoTIFF) at points: a user surface such as a sub-bottom-profiler reflector
 * or bathymetry, for stratigraphic coordinates and external drifts.
 *
 * The raster must be north-up (no rotation) in the projected CRS of the
 * points (checked by EPSG code).  Values are interpolated bilinearly between
 * the four nearest cell centres (the cell's own value within half a cell of
 * the edge); a point outside the raster or next to a nodata cell is an
 * error naming the file and the point — never a silent NaN.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include "reemud/io_raster.h"

rm_status rm_io_sample_raster(const char *path, int epsg, const double *x, const double *y,
                              size_t n, double *out, rm_error *err)
{
    GDALAllRegister();
    CPLErrorReset();
    GDALDatasetH ds = GDALOpen(path, GA_ReadOnly);
    if (!ds) {
        const char *msg = CPLGetLastErrorMsg();
        return rm_error_set(err, RM_EIO, "cannot open %s: %s", path,
                            msg && msg[0] ? msg : "not a raster GDAL reads");
    }
    rm_status st = RM_OK;
    double gt[6];
    double *v = NULL;
    int nx = GDALGetRasterXSize(ds), ny = GDALGetRasterYSize(ds);
    if (GDALGetRasterCount(ds) < 1 || nx < 1 || ny < 1) {
        st = rm_error_set(err, RM_EDATA, "%s: no raster band", path);
        goto done;
    }
    if (GDALGetGeoTransform(ds, gt) != CE_None || gt[2] != 0 || gt[4] != 0 || !(gt[1] > 0) ||
        !(gt[5] < 0)) {
        st = rm_error_set(err, RM_EDATA, "%s: needs a north-up geotransform without rotation",
                          path);
        goto done;
    }
    OGRSpatialReferenceH srs = GDALGetSpatialRef(ds);
    const char *code = srs ? OSRGetAuthorityCode(srs, NULL) : NULL;
    if (!code || atoi(code) != epsg) {
        st = rm_error_set(err, RM_EDATA, "%s: its CRS (%s) is not the project's EPSG:%d; "
                          "reproject it (gdalwarp -t_srs EPSG:%d)", path,
                          code ? code : "none", epsg, epsg);
        goto done;
    }
    GDALRasterBandH band = GDALGetRasterBand(ds, 1);
    int has_nodata = 0;
    double nodata = GDALGetRasterNoDataValue(band, &has_nodata);
    v = malloc((size_t)nx * (size_t)ny * sizeof *v);
    if (!v) {
        st = rm_error_set(err, RM_ENOMEM, "%s: out of memory (%d x %d)", path, nx, ny);
        goto done;
    }
    if (GDALRasterIO(band, GF_Read, 0, 0, nx, ny, v, nx, ny, GDT_Float64, 0, 0) != CE_None) {
        st = rm_error_set(err, RM_EIO, "%s: cannot read: %s", path, CPLGetLastErrorMsg());
        goto done;
    }
    for (size_t p = 0; p < n && !st; p++) {
        /* continuous pixel coordinates of the point, cell centres at k + 0.5 */
        double fc = (x[p] - gt[0]) / gt[1], fr = (y[p] - gt[3]) / gt[5];
        if (!(fc >= 0 && fc <= nx && fr >= 0 && fr <= ny)) {
            st = rm_error_set(err, RM_EDATA, "%s: point (%.1f, %.1f) is outside the raster",
                              path, x[p], y[p]);
            break;
        }
        double cc = fmin(fmax(fc - 0.5, 0.0), nx - 1.0), cr = fmin(fmax(fr - 0.5, 0.0), ny - 1.0);
        int c0 = (int)floor(cc), r0 = (int)floor(cr);
        int c1 = c0 + 1 < nx ? c0 + 1 : c0, r1 = r0 + 1 < ny ? r0 + 1 : r0;
        double tc = cc - c0, tr = cr - r0;
        double q[4] = {v[(size_t)r0 * nx + c0], v[(size_t)r0 * nx + c1],
                       v[(size_t)r1 * nx + c0], v[(size_t)r1 * nx + c1]};
        for (int k = 0; k < 4; k++)
            if (!isfinite(q[k]) || (has_nodata && q[k] == nodata)) {
                st = rm_error_set(err, RM_EDATA, "%s: no value (nodata) at (%.1f, %.1f)", path,
                                  x[p], y[p]);
                break;
            }
        if (st)
            break;
        out[p] = (1 - tr) * ((1 - tc) * q[0] + tc * q[1]) + tr * ((1 - tc) * q[2] + tc * q[3]);
    }
done:
    free(v);
    GDALClose(ds);
    return st;
}
