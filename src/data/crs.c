/* crs.c — collar positions from longitude/latitude (EPSG:4326) to metres
 * in the project's projected CRS, through GDAL's OSR (which calls PROJ).
 *
 * The target is given as EPSG:CODE (rm_epsg_parse).  Both CRSs use OAMS_TRADITIONAL_GIS_ORDER so that coordinates go in as
 * (lon, lat) and come out as (easting, northing) whatever the EPSG axis
 * order says (GDAL >= 3 follows the authority's lat, lon order otherwise).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <cpl_error.h>
#include <ogr_srs_api.h>

#include "reemud/data.h"

rm_status rm_crs_transform(int from, int to, size_t n, double *x, double *y, int *ok,
                           rm_error *err)
{
    OGRSpatialReferenceH src = OSRNewSpatialReference(NULL);
    OGRSpatialReferenceH dst = OSRNewSpatialReference(NULL);
    OGRCoordinateTransformationH ct = NULL;
    rm_status st = RM_OK;
    CPLPushErrorHandler(CPLQuietErrorHandler);
    if (!src || !dst)
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
    else if (OSRImportFromEPSG(src, from) != OGRERR_NONE)
        st = rm_error_set(err, RM_EINVAL, "EPSG:%d is not a CRS PROJ knows (is proj-data "
                                          "installed?)", from);
    else if (OSRImportFromEPSG(dst, to) != OGRERR_NONE)
        st = rm_error_set(err, RM_EINVAL, "EPSG:%d is not a CRS PROJ knows (is proj-data "
                                          "installed?)", to);
    if (!st) {
        OSRSetAxisMappingStrategy(src, OAMS_TRADITIONAL_GIS_ORDER);
        OSRSetAxisMappingStrategy(dst, OAMS_TRADITIONAL_GIS_ORDER);
        ct = OCTNewCoordinateTransformation(src, dst);
        if (!ct)
            st = rm_error_set(err, RM_EINVAL, "no transformation from EPSG:%d to EPSG:%d",
                              from, to);
    }
    if (!st && n > 0) {
        (void)OCTTransformEx(ct, (int)n, x, y, NULL, ok);
        for (size_t i = 0; i < n; i++)
            ok[i] = ok[i] && isfinite(x[i]) && isfinite(y[i]);
    }
    CPLPopErrorHandler();
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    if (src)
        OSRDestroySpatialReference(src);
    if (dst)
        OSRDestroySpatialReference(dst);
    return st;
}

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

    int epsg = rm_epsg_parse(crs);
    if (epsg <= 0)
        return rm_error_set(err, RM_EINVAL, "'%s' is not an EPSG:CODE", crs);
    size_t n = dh->n_holes;
    double *xs = malloc(n * sizeof *xs), *ys = malloc(n * sizeof *ys);
    int *ok = malloc(n * sizeof *ok);
    rm_status st = RM_OK;
    if (!xs || !ys || !ok) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t h = 0; h < n; h++) {
        xs[h] = dh->lon[h];
        ys[h] = dh->lat[h];
    }
    if ((st = rm_crs_transform(4326, epsg, n, xs, ys, ok, err)))
        goto done;
    for (size_t h = 0; h < n; h++) {
        if (!ok[h]) {
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
    return st;
}

/* 1 when lon (degrees, -180..180) lies in [west, east], an interval that
 * crosses the antimeridian when west > east (as PROJ gives it). */
static int lon_inside(double lon, double west, double east)
{
    return west <= east ? lon >= west && lon <= east : lon >= west || lon <= east;
}

rm_status rm_project_crs_for_cores(rm_project *p, const rm_drillholes *dh, rm_error *err)
{
    size_t n_lonlat = 0;
    double sx = 0, sy = 0, slat = 0;
    for (size_t h = 0; h < dh->n_holes; h++)
        if (isfinite(dh->lon[h]) && isfinite(dh->lat[h])) {
            n_lonlat++;
            sx += cos(dh->lon[h] * M_PI / 180);
            sy += sin(dh->lon[h] * M_PI / 180);
            slat += dh->lat[h];
        }
    if (n_lonlat == 0) {
        if (!p->crs_line)
            snprintf(p->crs_source, sizeof p->crs_source,
                     "default (coords = xy: x, y taken as metres of %s)", p->crs);
        return RM_OK;
    }
    if (!p->crs_line) {
        /* Circular mean of the longitudes: cores at 179.9 E and 179.9 W
         * average to 180, not to 0. */
        double lon = atan2(sy, sx) * 180 / M_PI, lat = slat / (double)n_lonlat;
        int zone = (int)floor((lon + 180) / 6) + 1;
        if (zone < 1)
            zone = 1;
        if (zone > 60)
            zone = 60;
        p->epsg = (lat >= 0 ? 32600 : 32700) + zone;
        snprintf(p->crs, sizeof p->crs, "EPSG:%d", p->epsg);
        snprintf(p->crs_source, sizeof p->crs_source,
                 "derived: UTM zone %d%c, the zone of the cores' centroid %.4f, %.4f "
                 "(no crs in [project])",
                 zone, lat >= 0 ? 'N' : 'S', lon, lat);
        return RM_OK;
    }
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    if (!srs)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    double west, south, east, north;
    const char *area = NULL;
    CPLPushErrorHandler(CPLQuietErrorHandler);
    int have = OSRImportFromEPSG(srs, p->epsg) == OGRERR_NONE &&
               OSRGetAreaOfUse(srs, &west, &south, &east, &north, &area);
    CPLPopErrorHandler();
    rm_status st = RM_OK;
    if (have && west > -1000) /* -1000: PROJ knows no area for this CRS */
        for (size_t h = 0; h < dh->n_holes; h++) {
            double lon = dh->lon[h], lat = dh->lat[h];
            if (!isfinite(lon) || !isfinite(lat))
                continue;
            if (lat < south || lat > north || !lon_inside(lon, west, east)) {
                st = rm_error_input(
                    err, p->file, p->crs_line, "project.crs",
                    "%s is for %g..%g E, %g..%g N (its area of use: %s) but core %s lies at "
                    "%g E, %g N (collars line %ld); name a CRS that covers the cores, or "
                    "leave crs out to use the UTM zone of their centroid",
                    p->crs, west, east, south, north, area ? area : "?", dh->hole_id[h], lon,
                    lat, dh->collar_line[h]);
                break;
            }
        }
    OSRDestroySpatialReference(srs);
    if (!st)
        snprintf(p->crs_source, sizeof p->crs_source, "project file");
    return st;
}
