/* io_raster.h — single-band GeoTIFF maps of block-model surfaces (GDAL).
 *
 * Values come as the block model stores a surface: nx * ny doubles, index
 * i + nx j with j = 0 the SOUTHERN row; the writer flips them to GDAL's
 * north-up order.  The file is written under a temporary name beside the
 * destination and renamed into place, so a failure leaves no partial file.
 */
#ifndef REEMUD_IO_RASTER_H
#define REEMUD_IO_RASTER_H

#include <stddef.h>

#include "reemud/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rm_raster_type {
    RM_RASTER_FLOAT32 = 0, /* NAN written as nodata */
    RM_RASTER_BYTE = 1     /* classes 0..254; NAN → nodata 255 */
} rm_raster_type;

typedef struct rm_raster_spec {
    size_t nx, ny;
    double x0, y0;        /* lower-left corner, projected metres */
    double dx, dy;        /* cell size (m), both positive */
    int epsg;             /* CRS of x, y */
    rm_raster_type type;
    const char *description; /* band description, e.g. "mean SREY 0-10 mbsf" */
    const char *units;       /* band unit type, e.g. "ppm" */
} rm_raster_spec;

/* Nodata values written into the files. */
#define RM_RASTER_NODATA_FLOAT (-9999.0)
#define RM_RASTER_NODATA_BYTE 255

/* Write values as a DEFLATE-compressed tiled GeoTIFF with the CRS, a north-
 * up geotransform and nodata. */
rm_status rm_io_write_geotiff(const char *path, const rm_raster_spec *spec,
                              const double *values, rm_error *err);

/* Values of band 1 of the raster at path at the n points (x, y) (projected
 * metres in EPSG:epsg, which must be the raster's CRS), bilinear between
 * cell centres (geotiff_read.c).  A point outside the raster or at a nodata
 * cell is an error naming the file and the point. */
rm_status rm_io_sample_raster(const char *path, int epsg, const double *x, const double *y,
                              size_t n, double *out, rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
