/* crs.c — collar positions from longitude/latitude (EPSG:4326) to metres
 * in the project's projected CRS, through GDAL's OSR (which calls PROJ).
 *
 * The target is given as EPSG:CODE (rm_epsg_parse).  Both CRSs use OAMS_TRADITIONAL_GIS_ORDER so that coordinates go in as
 * (lon, lat) and come out as (easting, northing) whatever the EPSG axis
 * order says (GDAL >= 3 follows the authority's lat, lon order otherwise).
 */
#include <math.h>
#include <stdlib.h>

#include <cpl_error.h>
#include <ogr_srs_api.h>

#include "reemud/data.h"

rm_status rm_drillholes_project(rm_drillholes *dh, const char *crs, rm_error *err)
{
    if (dh->n_holes == 0)
        return RM_OK;
    int any_lonlat = 0;
    for (size_t h = 0; h < dh->n_holes; h++)
        if (!isnan(dh->lon[h]))
            any_lonlat = 1;
    if (!any_lonlat)
        return RM_OK; /* coords = xy: nothing to do */

    OGRSpatialReferenceH src = OSRNewSpatialReference(NULL);
    OGRSpatialReferenceH dst = OSRNewSpatialReference(NULL);
    OGRCoordinateTransformationH ct = NULL;
    double *xs = NULL, *ys = NULL;
    int *ok = NULL;
    rm_status st = RM_OK;
    if (!src || !dst) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    CPLPushErrorHandler(CPLQuietErrorHandler);
    OGRErr e1 = OSRImportFromEPSG(src, 4326);
    int epsg = rm_epsg_parse(crs);
    OGRErr e2 = epsg > 0 ? OSRImportFromEPSG(dst, epsg) : OGRERR_FAILURE;
    CPLPopErrorHandler();
    if (e1 != OGRERR_NONE) {
        st = rm_error_set(err, RM_EINTERNAL, "PROJ does not know EPSG:4326 (is proj-data "
                                             "installed?)");
        goto done;
    }
    if (e2 != OGRERR_NONE) {
        st = rm_error_set(err, RM_EINVAL, "'%s' is not an EPSG:CODE known to PROJ", crs);
        goto done;
    }
    OSRSetAxisMappingStrategy(src, OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(dst, OAMS_TRADITIONAL_GIS_ORDER);
    ct = OCTNewCoordinateTransformation(src, dst);
    if (!ct) {
        st = rm_error_set(err, RM_EINVAL, "no transformation from EPSG:4326 to %s", crs);
        goto done;
    }
    size_t n = dh->n_holes;
    xs = malloc(n * sizeof *xs);
    ys = malloc(n * sizeof *ys);
    ok = malloc(n * sizeof *ok);
    if (!xs || !ys || !ok) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t h = 0; h < n; h++) {
        xs[h] = dh->lon[h];
        ys[h] = dh->lat[h];
    }
    CPLPushErrorHandler(CPLQuietErrorHandler);
    int all = OCTTransformEx(ct, (int)n, xs, ys, NULL, ok);
    CPLPopErrorHandler();
    (void)all;
    for (size_t h = 0; h < n; h++) {
        if (!ok[h] || !isfinite(xs[h]) || !isfinite(ys[h])) {
            st = rm_error_input(err, dh->collars_path, dh->collar_line[h], "lon",
                                "(%g, %g) cannot be projected to %s", dh->lon[h],
                                dh->lat[h], crs);
            goto done;
        }
        dh->x[h] = xs[h];
        dh->y[h] = ys[h];
    }
done:
    free(xs);
    free(ys);
    free(ok);
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    if (src)
        OSRDestroySpatialReference(src);
    if (dst)
        OSRDestroySpatialReference(dst);
    return st;
}
