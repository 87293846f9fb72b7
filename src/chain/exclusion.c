/* exclusion.c — exclusion polygons for the mine plan (protected areas,
 * cable routes, sampling reserves) read from any OGR vector source:
 * GeoJSON, a GeoPackage layer, a shapefile.  Polygons are transformed to
 * the block model's EPSG (traditional x = easting order) and a column is
 * excluded when its centre lies inside or on a polygon. */
#include <string.h>

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "reemud/mineplan.h"

rm_status rm_mine_exclusion_mask(const rm_blockmodel *bm, const char *path,
                                 const char *layer, unsigned char *mask, rm_error *err)
{
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (!ds)
        return rm_error_set(err, RM_EIO, "%s: cannot open as a vector data set: %s", path,
                            CPLGetLastErrorMsg());
    OGRLayerH lyr = layer && layer[0] ? GDALDatasetGetLayerByName(ds, layer)
                                      : GDALDatasetGetLayer(ds, 0);
    if (!lyr) {
        GDALClose(ds);
        return rm_error_set(err, RM_EDATA, "%s: no layer '%s'", path,
                            layer && layer[0] ? layer : "(first)");
    }
    rm_status st = RM_OK;
    OGRCoordinateTransformationH ct = NULL;
    OGRSpatialReferenceH dst = NULL;
    OGRSpatialReferenceH src = OGR_L_GetSpatialRef(lyr);
    if (src && bm->epsg > 0) {
        dst = OSRNewSpatialReference(NULL);
        if (OSRImportFromEPSG(dst, bm->epsg) != OGRERR_NONE) {
            st = rm_error_set(err, RM_EINVAL, "unknown EPSG code %d", bm->epsg);
            goto done;
        }
        OSRSetAxisMappingStrategy(dst, OAMS_TRADITIONAL_GIS_ORDER);
        if (!OSRIsSame(src, dst)) {
            OGRSpatialReferenceH s2 = OSRClone(src);
            OSRSetAxisMappingStrategy(s2, OAMS_TRADITIONAL_GIS_ORDER);
            ct = OCTNewCoordinateTransformation(s2, dst);
            OSRDestroySpatialReference(s2);
            if (!ct) {
                st = rm_error_set(err, RM_EINVAL, "%s: cannot transform to EPSG:%d", path,
                                  bm->epsg);
                goto done;
            }
        }
    }
    const rm_grid *g = &bm->grid;
    memset(mask, 0, g->nx * g->ny);
    OGR_L_ResetReading(lyr);
    OGRFeatureH f;
    OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
    size_t n_poly = 0;
    while ((f = OGR_L_GetNextFeature(lyr)) != NULL) {
        OGRGeometryH geom = OGR_F_GetGeometryRef(f);
        OGRwkbGeometryType type = geom ? wkbFlatten(OGR_G_GetGeometryType(geom)) : wkbUnknown;
        if (geom && (type == wkbPolygon || type == wkbMultiPolygon)) {
            OGRGeometryH gg = OGR_G_Clone(geom);
            if (ct && OGR_G_Transform(gg, ct) != OGRERR_NONE) {
                OGR_G_DestroyGeometry(gg);
                st = rm_error_set(err, RM_EDATA, "%s: feature %lld cannot be transformed",
                                  path, (long long)OGR_F_GetFID(f));
                OGR_F_Destroy(f);
                break;
            }
            OGREnvelope env;
            OGR_G_GetEnvelope(gg, &env);
            for (size_t j = 0; j < g->ny; j++) {
                double y = rm_grid_yc(g, j);
                if (y < env.MinY || y > env.MaxY)
                    continue;
                for (size_t i = 0; i < g->nx; i++) {
                    double x = rm_grid_xc(g, i);
                    if (x < env.MinX || x > env.MaxX || mask[i + g->nx * j])
                        continue;
                    OGR_G_SetPoint_2D(pt, 0, x, y);
                    if (OGR_G_Intersects(gg, pt))
                        mask[i + g->nx * j] = 1;
                }
            }
            OGR_G_DestroyGeometry(gg);
            n_poly++;
        }
        OGR_F_Destroy(f);
    }
    OGR_G_DestroyGeometry(pt);
    if (st == RM_OK && n_poly == 0)
        st = rm_error_set(err, RM_EDATA, "%s: layer has no polygons", path);
done:
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    if (dst)
        OSRDestroySpatialReference(dst);
    GDALClose(ds);
    return st;
}
