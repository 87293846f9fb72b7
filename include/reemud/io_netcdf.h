/* io_netcdf.h — a block model as a CF-1.8 netCDF-4 file, and back.
 *
 * Layout written by rm_io_write_blockmodel_nc:
 *   dimensions  x, y, depth, nv (= 2, cell bounds)
 *   x(x), y(y)  block-centre coordinates in the projected CRS, metres
 *               (standard_name projection_x/y_coordinate), with x_bnds, y_bnds
 *   depth(depth) block-centre depth below seafloor, metres, positive "down",
 *               axis Z, with depth_bnds
 *   crs         grid mapping: crs_wkt and spatial_ref (WKT from GDAL OSR),
 *               epsg_code "EPSG:n", and the CF parameters for transverse
 *               Mercator (UTM) projections
 *   FIELD(depth, y, x)  every 3-D field, float32, zlib level 4 + shuffle,
 *               _FillValue for NAN, grid_mapping "crs", units, long_name
 *   SURFACE(y, x)       every 2-D surface, likewise
 *   global      Conventions "CF-1.8", title, source, history (+ comment)
 * The file is written under a temporary name and renamed into place.
 *
 * rm_io_read_blockmodel_nc reads such a file back (any variable on
 * (depth, y, x) or (y, x) becomes a field or surface); values come back as
 * float32 precision, fill as NAN.
 */
#ifndef REEMUD_IO_NETCDF_H
#define REEMUD_IO_NETCDF_H

#include "reemud/blockmodel.h"
#include "reemud/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Global attributes; NULL members are omitted (source and history get
 * "reemud VERSION" defaults).  No time stamps are written, so the same
 * model gives the same bytes. */
typedef struct rm_nc_attrs {
    const char *title;
    const char *source;
    const char *history;
    const char *comment;
} rm_nc_attrs;

rm_status rm_io_write_blockmodel_nc(const rm_blockmodel *bm, const char *path,
                                    const char *title, rm_error *err);
rm_status rm_io_write_blockmodel_nc_attrs(const rm_blockmodel *bm, const char *path,
                                          const rm_nc_attrs *attrs, rm_error *err);

/* Blocks of one hyperslab when a whole model is written: its 3-D fields go
 * out in bands of rows of y of at most this many blocks (at least a row). */
#define RM_NC_BAND_BLOCKS ((size_t)1 << 22)

/* A block-model file written tile by tile: the layout (grid, CRS, 3-D
 * fields by name, long_name and units; surfaces too, their values are not
 * written) is defined at open, each field's rows go in with
 * rm_io_nc_stream_put_rows (hyperslabs, any order, each row once), and
 * close(commit = 1) renames the temporary file into place (commit = 0
 * removes it).  Memory: one band's floats. */
typedef struct rm_nc_stream rm_nc_stream;
rm_status rm_io_nc_stream_open(const rm_blockmodel *layout, const char *path,
                               const rm_nc_attrs *attrs, rm_nc_stream **out, rm_error *err);
/* Rows j0 … j0 + rows − 1 of 3-D field `field` (index in the layout):
 * values nz × rows × nx doubles (depth, y, x; NAN = fill). */
rm_status rm_io_nc_stream_put_rows(rm_nc_stream *s, size_t field, size_t j0, size_t rows,
                                   const double *values, rm_error *err);
rm_status rm_io_nc_stream_close(rm_nc_stream *s, int commit, rm_error *err);

/* Read a block model written by the functions above (free with
 * rm_blockmodel_free). */
rm_status rm_io_read_blockmodel_nc(const char *path, rm_blockmodel **out,
                                   rm_error *err);

/* WKT of EPSG code epsg (GDAL OSR), malloc'd; NULL with err set on failure. */
char *rm_io_epsg_wkt(int epsg, rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
