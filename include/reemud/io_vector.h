/* io_vector.h — point layers in a GeoPackage (GDAL/OGR GPKG driver).
 *
 * One feature per point with typed attributes, in the project's CRS.  The
 * file is built under a temporary name and renamed into place.
 */
#ifndef REEMUD_IO_VECTOR_H
#define REEMUD_IO_VECTOR_H

#include <stddef.h>

#include "reemud/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum rm_attr_type { RM_ATTR_REAL = 0, RM_ATTR_INTEGER = 1, RM_ATTR_STRING = 2 } rm_attr_type;

/* One attribute column: n values in reals (REAL, INTEGER: rounded; NAN =
 * null) or strings (NULL entry = null). */
typedef struct rm_attr {
    const char *name;
    rm_attr_type type;
    const double *reals;
    const char *const *strings;
} rm_attr;

/* Write a GeoPackage at path with one point layer `layer` of n features at
 * (x[i], y[i]) in EPSG:epsg carrying the attributes. */
rm_status rm_io_write_points_gpkg(const char *path, const char *layer, int epsg,
                                  size_t n, const double *x, const double *y,
                                  const rm_attr *attrs, size_t n_attrs, rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
