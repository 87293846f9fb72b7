/* gpkg.c — point layers in an OGC GeoPackage through GDAL/OGR's GPKG
 * driver: one feature per point, typed attributes, the project's CRS.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "reemud/io_vector.h"

/* RM_EIO "WHAT PATH: <GDAL's last error message>". */
static rm_status ogr_fail(rm_error *err, const char *what, const char *path)
{
    const char *msg = CPLGetLastErrorMsg();
    return rm_error_set(err, RM_EIO, "%s %s: %s", what, path,
                        msg && msg[0] ? msg : "GDAL error");
}

/* Removes the temporary GeoPackage temp and the SQLite side files (-journal, -wal, -shm)
 * it may have left; missing files are ignored. */
static void remove_temp(const char *temp)
{
    char side[4200];
    unlink(temp);
    snprintf(side, sizeof side, "%s-journal", temp);
    unlink(side);
    snprintf(side, sizeof side, "%s-wal", temp);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", temp);
    unlink(side);
}

rm_status rm_io_write_points_gpkg(const char *path, const char *layer, int epsg,
                                  size_t n, const double *x, const double *y,
                                  const rm_attr *attrs, size_t n_attrs, rm_error *err)
{
    GDALAllRegister();
    GDALDriverH drv = GDALGetDriverByName("GPKG");
    if (!drv)
        return rm_error_set(err, RM_EINTERNAL, "GDAL has no GPKG driver");
    char temp[4096];
    rm_status st = rm_atomic_temp_name(path, temp, sizeof temp, err);
    if (st)
        return st;
    unlink(temp); /* the driver creates the SQLite file itself */

    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    GDALDatasetH ds = NULL;
    if (OSRImportFromEPSG(srs, epsg) != OGRERR_NONE) {
        st = rm_error_set(err, RM_EINVAL, "%s: unknown CRS EPSG:%d", path, epsg);
        goto done;
    }
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    ds = GDALCreate(drv, temp, 0, 0, 0, GDT_Unknown, NULL);
    if (!ds) {
        st = ogr_fail(err, "cannot create", path);
        goto done;
    }
    OGRLayerH lyr = GDALDatasetCreateLayer(ds, layer, srs, wkbPoint, NULL);
    if (!lyr) {
        st = ogr_fail(err, "cannot create layer in", path);
        goto done;
    }
    for (size_t a = 0; a < n_attrs; a++) {
        OGRFieldType ft = attrs[a].type == RM_ATTR_STRING    ? OFTString
                          : attrs[a].type == RM_ATTR_INTEGER ? OFTInteger64
                                                             : OFTReal;
        OGRFieldDefnH fd = OGR_Fld_Create(attrs[a].name, ft);
        OGRErr oe = OGR_L_CreateField(lyr, fd, TRUE);
        OGR_Fld_Destroy(fd);
        if (oe != OGRERR_NONE) {
            st = ogr_fail(err, "cannot create a field in", path);
            goto done;
        }
    }
    if (OGR_L_StartTransaction(lyr) != OGRERR_NONE) {
        st = ogr_fail(err, "cannot write", path);
        goto done;
    }
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(lyr);
    for (size_t i = 0; i < n; i++) {
        OGRFeatureH f = OGR_F_Create(defn);
        for (size_t a = 0; a < n_attrs; a++) {
            if (attrs[a].type == RM_ATTR_STRING) {
                if (attrs[a].strings && attrs[a].strings[i])
                    OGR_F_SetFieldString(f, (int)a, attrs[a].strings[i]);
                else
                    OGR_F_SetFieldNull(f, (int)a);
            } else {
                double v = attrs[a].reals ? attrs[a].reals[i] : NAN;
                if (!isfinite(v))
                    OGR_F_SetFieldNull(f, (int)a);
                else if (attrs[a].type == RM_ATTR_INTEGER)
                    OGR_F_SetFieldInteger64(f, (int)a, (GIntBig)llround(v));
                else
                    OGR_F_SetFieldDouble(f, (int)a, v);
            }
        }
        OGRGeometryH pt = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(pt, 0, x[i], y[i]);
        OGR_F_SetGeometryDirectly(f, pt);
        OGRErr oe = OGR_L_CreateFeature(lyr, f);
        OGR_F_Destroy(f);
        if (oe != OGRERR_NONE) {
            st = ogr_fail(err, "cannot write a feature to", path);
            goto done;
        }
    }
    if (OGR_L_CommitTransaction(lyr) != OGRERR_NONE) {
        st = ogr_fail(err, "cannot write", path);
        goto done;
    }
    CPLErrorReset();
    GDALClose(ds);
    ds = NULL;
    if (CPLGetLastErrorType() >= CE_Failure) {
        st = ogr_fail(err, "cannot finish", path);
        goto done;
    }
    st = rm_atomic_rename(temp, path, err);
done:
    if (ds)
        GDALClose(ds);
    OSRDestroySpatialReference(srs);
    CPLPopErrorHandler();
    if (st)
        remove_temp(temp);
    return st;
}
