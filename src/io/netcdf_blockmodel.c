/* netcdf_blockmodel.c — write and read a block model as CF-1.8 netCDF-4.
 *
 * Conventions: CF Metadata Conventions 1.8 (Eaton et al. 2020), §4
 * (coordinate types; the vertical axis is depth below seafloor, positive
 * "down", axis "Z"), §5.6 (grid mappings: crs_wkt, and the
 * transverse_mercator parameters of Appendix F), §7.1 (cell bounds).
 * Fields are float32 with zlib deflate level 4 and the shuffle filter;
 * NAN is stored as the _FillValue.  GDAL reads the projection from crs_wkt /
 * spatial_ref, so `gdalinfo NETCDF:"file":FIELD` reports the CRS.
 *
 * Nothing time-dependent is written, so one model gives one byte stream
 * (netCDF-C does not record HDF5 object times).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netcdf.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>

#include "reemud/io_netcdf.h"

#define FILL_F NC_FILL_FLOAT

/* OSRImportFromEPSG without GDAL printing its own error: we report it. */
static int import_epsg(OGRSpatialReferenceH srs, int epsg)
{
    CPLPushErrorHandler(CPLQuietErrorHandler);
    OGRErr e = OSRImportFromEPSG(srs, epsg);
    CPLPopErrorHandler();
    return e == OGRERR_NONE;
}

char *rm_io_epsg_wkt(int epsg, rm_error *err)
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    char *wkt = NULL, *copy = NULL;
    if (!srs || !import_epsg(srs, epsg) ||
        OSRExportToWkt(srs, &wkt) != OGRERR_NONE || !wkt) {
        rm_error_set(err, RM_EINVAL, "EPSG:%d is not a CRS GDAL knows", epsg);
    } else if (!(copy = strdup(wkt))) {
        rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    CPLFree(wkt);
    if (srs)
        OSRDestroySpatialReference(srs);
    return copy;
}

/* ---- writing ---- */

typedef struct writer {
    int ncid;
    const char *path;
    rm_error *err;
} writer;

/* RM_EIO naming w's file, the netCDF operation what and netCDF's message for rc. */
static rm_status nc_fail(writer *w, int rc, const char *what)
{
    return rm_error_set(w->err, RM_EIO, "%s: netCDF %s: %s", w->path, what,
                        nc_strerror(rc));
}

#define NC_TRY(w, call, what)                         \
    do {                                              \
        int rc_ = (call);                             \
        if (rc_ != NC_NOERR)                          \
            return nc_fail((w), rc_, (what));         \
    } while (0)

/* Puts the text attribute name = value on varid (NC_GLOBAL for the file); no-op when
 * value is NULL. */
static rm_status put_text(writer *w, int varid, const char *name, const char *value)
{
    if (!value)
        return RM_OK;
    NC_TRY(w, nc_put_att_text(w->ncid, varid, name, strlen(value), value), name);
    return RM_OK;
}

/* Puts the double attribute name = value on varid. */
static rm_status put_double(writer *w, int varid, const char *name, double value)
{
    NC_TRY(w, nc_put_att_double(w->ncid, varid, name, NC_DOUBLE, 1, &value), name);
    return RM_OK;
}

/* The grid_mapping variable "crs" (CF §5.6, Appendix F). */
static rm_status define_crs(writer *w, int epsg, int *varid)
{
    NC_TRY(w, nc_def_var(w->ncid, "crs", NC_INT, 0, NULL, varid), "crs");
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    char *wkt = NULL;
    if (!srs || !import_epsg(srs, epsg) ||
        OSRExportToWkt(srs, &wkt) != OGRERR_NONE || !wkt) {
        if (srs)
            OSRDestroySpatialReference(srs);
        CPLFree(wkt);
        return rm_error_set(w->err, RM_EINVAL, "%s: EPSG:%d is not a CRS GDAL knows",
                            w->path, epsg);
    }
    char code[32];
    snprintf(code, sizeof code, "EPSG:%d", epsg);
    rm_status st = put_text(w, *varid, "crs_wkt", wkt);
    if (!st)
        st = put_text(w, *varid, "spatial_ref", wkt);
    if (!st)
        st = put_text(w, *varid, "epsg_code", code);
    const char *proj = OSRIsProjected(srs) ? OSRGetAttrValue(srs, "PROJECTION", 0) : NULL;
    if (!st && proj && !strcmp(proj, SRS_PT_TRANSVERSE_MERCATOR)) {
        OGRErr e;
        st = put_text(w, *varid, "grid_mapping_name", "transverse_mercator");
        if (!st)
            st = put_double(w, *varid, "longitude_of_central_meridian",
                            OSRGetProjParm(srs, SRS_PP_CENTRAL_MERIDIAN, 0.0, &e));
        if (!st)
            st = put_double(w, *varid, "latitude_of_projection_origin",
                            OSRGetProjParm(srs, SRS_PP_LATITUDE_OF_ORIGIN, 0.0, &e));
        if (!st)
            st = put_double(w, *varid, "scale_factor_at_central_meridian",
                            OSRGetProjParm(srs, SRS_PP_SCALE_FACTOR, 1.0, &e));
        if (!st)
            st = put_double(w, *varid, "false_easting",
                            OSRGetProjParm(srs, SRS_PP_FALSE_EASTING, 0.0, &e));
        if (!st)
            st = put_double(w, *varid, "false_northing",
                            OSRGetProjParm(srs, SRS_PP_FALSE_NORTHING, 0.0, &e));
    }
    if (!st && OSRIsProjected(srs)) {
        OGRErr e;
        st = put_double(w, *varid, "semi_major_axis", OSRGetSemiMajor(srs, &e));
        if (!st)
            st = put_double(w, *varid, "inverse_flattening", OSRGetInvFlattening(srs, &e));
        if (!st)
            st = put_double(w, *varid, "longitude_of_prime_meridian", 0.0);
    }
    CPLFree(wkt);
    OSRDestroySpatialReference(srs);
    return st;
}

/* Defines the CF coordinate variable name (m, cell centres) on dim and its bounds
 * variable name_bnds on (dim, nv_dim); NULL standard_name leaves that attribute out.
 * Define mode only. */
static rm_status define_axis(writer *w, const char *name, int dim, int nv_dim,
                             const char *standard_name, const char *long_name,
                             const char *axis, int *varid, int *bnds_varid)
{
    char bname[32];
    snprintf(bname, sizeof bname, "%s_bnds", name);
    NC_TRY(w, nc_def_var(w->ncid, name, NC_DOUBLE, 1, &dim, varid), name);
    int bdims[2] = {dim, nv_dim};
    NC_TRY(w, nc_def_var(w->ncid, bname, NC_DOUBLE, 2, bdims, bnds_varid), bname);
    rm_status st = put_text(w, *varid, "standard_name", standard_name);
    if (!st)
        st = put_text(w, *varid, "long_name", long_name);
    if (!st)
        st = put_text(w, *varid, "units", "m");
    if (!st)
        st = put_text(w, *varid, "axis", axis);
    if (!st)
        st = put_text(w, *varid, "bounds", bname);
    return st;
}

/* Defines f as a deflated float variable on dims (ndims of them) with fill value FILL_F,
 * long_name, units ("1" when empty) and, when has_crs, grid_mapping "crs". Define mode
 * only. */
static rm_status define_field(writer *w, const rm_field *f, int ndims, const int *dims,
                              int has_crs, int *varid)
{
    NC_TRY(w, nc_def_var(w->ncid, f->name, NC_FLOAT, ndims, dims, varid), f->name);
    NC_TRY(w, nc_def_var_deflate(w->ncid, *varid, 1, 1, 4), f->name);
    float fill = FILL_F;
    NC_TRY(w, nc_def_var_fill(w->ncid, *varid, 0, &fill), f->name);
    rm_status st = put_text(w, *varid, "long_name", f->long_name[0] ? f->long_name : f->name);
    if (!st)
        st = put_text(w, *varid, "units", f->units[0] ? f->units : "1");
    if (!st && has_crs)
        st = put_text(w, *varid, "grid_mapping", "crs");
    return st;
}

/* Writes n cell centres origin + (i + 0.5) step (m) to varid and their bounds to bvarid.
 * Data mode only. */
static rm_status put_axis(writer *w, int varid, int bvarid, size_t n, double origin,
                          double step)
{
    double *c = malloc(n * sizeof *c), *b = malloc(2 * n * sizeof *b);
    if (!c || !b) {
        free(c), free(b);
        return rm_error_set(w->err, RM_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        c[i] = origin + ((double)i + 0.5) * step;
        b[2 * i] = origin + (double)i * step;
        b[2 * i + 1] = origin + (double)(i + 1) * step;
    }
    int rc = nc_put_var_double(w->ncid, varid, c);
    if (rc == NC_NOERR)
        rc = nc_put_var_double(w->ncid, bvarid, b);
    free(c), free(b);
    if (rc != NC_NOERR)
        return nc_fail(w, rc, "coordinates");
    return RM_OK;
}

/* Rows of y in one hyperslab of a 3-D field: bands of at most
 * RM_NC_BAND_BLOCKS blocks (at least one row), so the float buffer of a
 * write is bounded by the band, not the grid. */
static size_t band_rows(const rm_grid *g)
{
    size_t per_row = g->nx * g->nz, rows = per_row ? RM_NC_BAND_BLOCKS / per_row : 1;
    rows = rows ? rows : 1;
    return rows < g->ny ? rows : g->ny;
}

/* Writes rows j0 … j0 + rows − 1 of a 3-D field to varid: values holds them
 * in the file's order (depth, then y, then x: nz × rows × nx), NaN as
 * FILL_F, through buf of as many floats.  One hyperslab (nc_put_vara). */
static rm_status put_rows(writer *w, int varid, const rm_grid *g, size_t j0, size_t rows,
                          const double *values, float *buf)
{
    size_t n = g->nz * rows * g->nx;
    for (size_t i = 0; i < n; i++)
        buf[i] = isnan(values[i]) ? FILL_F : (float)values[i];
    size_t start[3] = {0, j0, 0}, count[3] = {g->nz, rows, g->nx};
    NC_TRY(w, nc_put_vara_float(w->ncid, varid, start, count, buf), "values");
    return RM_OK;
}

/* Writes the 3-D field v (grid order) to varid band by band (band_rows),
 * through buf (a band's floats) and gather (a band's doubles).  Data mode
 * only. */
static rm_status put_field(writer *w, int varid, const rm_grid *g, const double *v, float *buf,
                           double *gather)
{
    size_t rows = band_rows(g);
    for (size_t j0 = 0; j0 < g->ny; j0 += rows) {
        size_t r = g->ny - j0 < rows ? g->ny - j0 : rows, q = 0;
        for (size_t k = 0; k < g->nz; k++)
            for (size_t j = j0; j < j0 + r; j++, q += g->nx)
                memcpy(gather + q, v + g->nx * (j + g->ny * k), g->nx * sizeof *v);
        rm_status st = put_rows(w, varid, g, j0, r, gather, buf);
        if (st)
            return st;
    }
    return RM_OK;
}

/* Frees varid's chunk cache once its values are written: the library keeps
 * every variable's chunks cached until the file closes (a field's chunk is
 * the whole field here), so without this the write holds the whole block
 * model again as floats.  Resizing the cache (to none) reopens the HDF5
 * dataset, which writes the chunks out and frees them. */
static rm_status release_cache(writer *w, int varid)
{
    NC_TRY(w, nc_set_var_chunk_cache(w->ncid, varid, 0, 0, 0.75f), "chunk cache");
    return RM_OK;
}

/* Writes the n values v as floats (NaN as FILL_F) to varid, through buf of n floats.
 * Data mode only. */
static rm_status put_values(writer *w, int varid, const double *v, size_t n, float *buf)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = isnan(v[i]) ? FILL_F : (float)v[i];
    NC_TRY(w, nc_put_var_float(w->ncid, varid, buf), "values");
    return RM_OK;
}

/* Defines bm's layout in the open file of w and leaves define mode:
 * dimensions, axes (written), CRS (when bm->epsg > 0), one variable per
 * field and surface (ids in fvar: fields, then surfaces), CF global
 * attributes from a.  The fields' values are not read. */
static rm_status define_model(writer *w, const rm_blockmodel *bm, const rm_nc_attrs *a,
                              int *fvar)
{
    const rm_grid *g = &bm->grid;
    int dx, dy, dz, dnv;
    NC_TRY(w, nc_def_dim(w->ncid, "x", g->nx, &dx), "x");
    NC_TRY(w, nc_def_dim(w->ncid, "y", g->ny, &dy), "y");
    NC_TRY(w, nc_def_dim(w->ncid, "depth", g->nz, &dz), "depth");
    NC_TRY(w, nc_def_dim(w->ncid, "nv", 2, &dnv), "nv");
    int vx, vy, vz, bx, by, bz, vcrs = -1;
    rm_status st = define_axis(w, "x", dx, dnv, "projection_x_coordinate",
                               "x coordinate of projection (easting)", "X", &vx, &bx);
    if (!st)
        st = define_axis(w, "y", dy, dnv, "projection_y_coordinate",
                         "y coordinate of projection (northing)", "Y", &vy, &by);
    if (!st)
        st = define_axis(w, "depth", dz, dnv, NULL, "depth below seafloor", "Z", &vz, &bz);
    if (!st)
        st = put_text(w, vz, "positive", "down");
    if (!st && bm->epsg > 0)
        st = define_crs(w, bm->epsg, &vcrs);
    const int dims3[3] = {dz, dy, dx}, dims2[2] = {dy, dx};
    for (size_t f = 0; !st && f < bm->n_fields; f++)
        st = define_field(w, &bm->fields[f], 3, dims3, vcrs >= 0, &fvar[f]);
    for (size_t f = 0; !st && f < bm->n_surfaces; f++)
        st = define_field(w, &bm->surfaces[f], 2, dims2, vcrs >= 0,
                          &fvar[bm->n_fields + f]);
    char deflt_source[64], deflt_history[96];
    snprintf(deflt_source, sizeof deflt_source, "reemud %s", rm_version());
    snprintf(deflt_history, sizeof deflt_history, "written by reemud %s", rm_version());
    if (!st)
        st = put_text(w, NC_GLOBAL, "Conventions", "CF-1.8");
    if (!st)
        st = put_text(w, NC_GLOBAL, "title", a->title);
    if (!st)
        st = put_text(w, NC_GLOBAL, "source", a->source ? a->source : deflt_source);
    if (!st)
        st = put_text(w, NC_GLOBAL, "history", a->history ? a->history : deflt_history);
    if (!st)
        st = put_text(w, NC_GLOBAL, "comment", a->comment);
    if (!st) {
        int rc = nc_enddef(w->ncid);
        if (rc != NC_NOERR)
            st = nc_fail(w, rc, "enddef");
    }
    if (!st)
        st = put_axis(w, vx, bx, g->nx, g->x0, g->dx);
    if (!st)
        st = put_axis(w, vy, by, g->ny, g->y0, g->dy);
    if (!st)
        st = put_axis(w, vz, bz, g->nz, g->z0, g->dz);
    return st;
}

/* Writes bm into the open file of w: its layout (define_model), then the
 * data, the 3-D fields in bands of rows (put_field). */
static rm_status write_model(writer *w, const rm_blockmodel *bm, const rm_nc_attrs *a)
{
    const rm_grid *g = &bm->grid;
    int *fvar = calloc(bm->n_fields + bm->n_surfaces + 1, sizeof *fvar);
    if (!fvar)
        return rm_error_set(w->err, RM_ENOMEM, "out of memory");
    rm_status st = define_model(w, bm, a, fvar);
    size_t band = g->nz * band_rows(g) * g->nx, n2 = g->nx * g->ny;
    size_t nbuf = band > n2 ? band : n2;
    float *buf = st ? NULL : malloc(nbuf * sizeof *buf);
    double *gather = st ? NULL : malloc(band * sizeof *gather);
    if (!st && (!buf || !gather))
        st = rm_error_set(w->err, RM_ENOMEM, "out of memory");
    for (size_t f = 0; !st && f < bm->n_fields; f++) {
        st = put_field(w, fvar[f], g, bm->fields[f].values, buf, gather);
        st = st ? st : release_cache(w, fvar[f]);
    }
    for (size_t f = 0; !st && f < bm->n_surfaces; f++)
        st = put_values(w, fvar[bm->n_fields + f], bm->surfaces[f].values, n2, buf);
    free(buf);
    free(gather);
    free(fvar);
    return st;
}

/* ---- writing tile by tile ---- */

struct rm_nc_stream {
    writer w;
    rm_grid grid;
    int *fvar;
    size_t n_fields;
    float *buf;        /* one band's floats */
    size_t buf_n;
    char path[4096], temp[4096];
    rm_error *err;
};

rm_status rm_io_nc_stream_open(const rm_blockmodel *layout, const char *path,
                               const rm_nc_attrs *attrs, rm_nc_stream **out, rm_error *err)
{
    *out = NULL;
    rm_status st = rm_grid_validate(&layout->grid, err);
    if (st)
        return st;
    rm_nc_stream *s = calloc(1, sizeof *s);
    if (!s)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    snprintf(s->path, sizeof s->path, "%s", path);
    if ((st = rm_atomic_temp_name(path, s->temp, sizeof s->temp, err))) {
        free(s);
        return st;
    }
    s->grid = layout->grid;
    s->n_fields = layout->n_fields;
    s->w = (writer){-1, s->path, err};
    s->fvar = calloc(layout->n_fields + layout->n_surfaces + 1, sizeof *s->fvar);
    if (!s->fvar) {
        unlink(s->temp);
        free(s);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    int rc = nc_create(s->temp, NC_NETCDF4 | NC_CLOBBER, &s->w.ncid);
    if (rc != NC_NOERR) {
        unlink(s->temp);
        free(s->fvar);
        free(s);
        return rm_error_set(err, RM_EIO, "%s: create: %s", path, nc_strerror(rc));
    }
    rm_nc_attrs none = {0};
    if ((st = define_model(&s->w, layout, attrs ? attrs : &none, s->fvar))) {
        nc_close(s->w.ncid);
        unlink(s->temp);
        free(s->fvar);
        free(s);
        return st;
    }
    *out = s;
    return RM_OK;
}

rm_status rm_io_nc_stream_put_rows(rm_nc_stream *s, size_t field, size_t j0, size_t rows,
                                   const double *values, rm_error *err)
{
    if (field >= s->n_fields || j0 + rows > s->grid.ny)
        return rm_error_set(err, RM_EINVAL, "%s: field %zu rows %zu..%zu outside the file",
                            s->path, field, j0, j0 + rows);
    size_t n = s->grid.nz * rows * s->grid.nx;
    if (n > s->buf_n) {
        float *b = realloc(s->buf, n * sizeof *b);
        if (!b)
            return rm_error_set(err, RM_ENOMEM, "out of memory");
        s->buf = b;
        s->buf_n = n;
    }
    s->w.err = err;
    return put_rows(&s->w, s->fvar[field], &s->grid, j0, rows, values, s->buf);
}

rm_status rm_io_nc_stream_close(rm_nc_stream *s, int commit, rm_error *err)
{
    if (!s)
        return RM_OK;
    int rc = nc_close(s->w.ncid);
    rm_status st = RM_OK;
    if (commit && rc != NC_NOERR)
        st = rm_error_set(err, RM_EIO, "%s: close: %s", s->path, nc_strerror(rc));
    if (commit && !st) {
        mode_t mask = umask(0);
        umask(mask);
        chmod(s->temp, 0666 & ~mask);
        st = rm_atomic_rename(s->temp, s->path, err);
    } else
        unlink(s->temp);
    free(s->fvar);
    free(s->buf);
    free(s);
    return st;
}

rm_status rm_io_write_blockmodel_nc_attrs(const rm_blockmodel *bm, const char *path,
                                          const rm_nc_attrs *attrs, rm_error *err)
{
    rm_status st = rm_grid_validate(&bm->grid, err);
    if (st)
        return st;
    char temp[4096];
    st = rm_atomic_temp_name(path, temp, sizeof temp, err);
    if (st)
        return st;
    rm_nc_attrs none = {0};
    writer w = {-1, path, err};
    int rc = nc_create(temp, NC_NETCDF4 | NC_CLOBBER, &w.ncid);
    if (rc != NC_NOERR) {
        unlink(temp);
        return nc_fail(&w, rc, "create");
    }
    st = write_model(&w, bm, attrs ? attrs : &none);
    rc = nc_close(w.ncid);
    if (!st && rc != NC_NOERR)
        st = nc_fail(&w, rc, "close");
    if (st) {
        unlink(temp);
        return st;
    }
    /* mkstemp made the file 0600; outputs are ordinary files. */
    mode_t mask = umask(0);
    umask(mask);
    chmod(temp, 0666 & ~mask);
    return rm_atomic_rename(temp, path, err);
}

rm_status rm_io_write_blockmodel_nc(const rm_blockmodel *bm, const char *path,
                                    const char *title, rm_error *err)
{
    rm_nc_attrs a = {.title = title};
    return rm_io_write_blockmodel_nc_attrs(bm, path, &a, err);
}

/* ---- reading ---- */

/* Reads text attribute name of varid into buf (size bytes, terminated); an empty string
 * when it is missing or does not fit. Always RM_OK (the attributes are optional). */
static rm_status read_text_att(int ncid, int varid, const char *name, char *buf,
                               size_t size)
{
    size_t len;
    buf[0] = '\0';
    if (nc_inq_attlen(ncid, varid, name, &len) != NC_NOERR || len >= size)
        return RM_OK; /* optional */
    if (nc_get_att_text(ncid, varid, name, buf) != NC_NOERR)
        buf[0] = '\0';
    else
        buf[len] = '\0';
    return RM_OK;
}

/* Origin and step of an axis from its bounds variable NAME_bnds. */
static rm_status read_axis(int ncid, const char *path, const char *name, size_t n,
                           double *origin, double *step, rm_error *err)
{
    char bname[32];
    snprintf(bname, sizeof bname, "%s_bnds", name);
    int varid;
    if (nc_inq_varid(ncid, bname, &varid) != NC_NOERR)
        return rm_error_set(err, RM_EDATA, "%s: variable '%s' is missing", path, bname);
    double *b = malloc(2 * n * sizeof *b);
    if (!b)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    int rc = nc_get_var_double(ncid, varid, b);
    rm_status st = RM_OK;
    if (rc != NC_NOERR) {
        st = rm_error_set(err, RM_EIO, "%s: %s: %s", path, bname, nc_strerror(rc));
    } else {
        *origin = b[0];
        *step = b[1] - b[0];
        for (size_t i = 0; i < n && !st; i++) {
            double lo = *origin + (double)i * *step;
            if (fabs(b[2 * i] - lo) > 1e-6 * fabs(*step) ||
                fabs(b[2 * i + 1] - (lo + *step)) > 1e-6 * fabs(*step))
                st = rm_error_set(err, RM_EDATA, "%s: %s is not a regular axis", path,
                                  name);
        }
    }
    free(b);
    return st;
}

rm_status rm_io_read_blockmodel_nc(const char *path, rm_blockmodel **out, rm_error *err)
{
    *out = NULL;
    int ncid, rc = nc_open(path, NC_NOWRITE, &ncid);
    if (rc != NC_NOERR)
        return rm_error_set(err, RM_EIO, "cannot open %s: %s", path, nc_strerror(rc));
    int dim[3]; /* x, y, depth */
    size_t len[3];
    const char *names[3] = {"x", "y", "depth"};
    rm_status st = RM_OK;
    for (int a = 0; a < 3 && !st; a++)
        if (nc_inq_dimid(ncid, names[a], &dim[a]) != NC_NOERR ||
            nc_inq_dimlen(ncid, dim[a], &len[a]) != NC_NOERR)
            st = rm_error_set(err, RM_EDATA, "%s: dimension '%s' is missing", path,
                              names[a]);
    rm_grid g = {0};
    if (!st) {
        g.nx = len[0], g.ny = len[1], g.nz = len[2];
        st = read_axis(ncid, path, "x", g.nx, &g.x0, &g.dx, err);
    }
    if (!st)
        st = read_axis(ncid, path, "y", g.ny, &g.y0, &g.dy, err);
    if (!st)
        st = read_axis(ncid, path, "depth", g.nz, &g.z0, &g.dz, err);
    if (!st)
        st = rm_grid_validate(&g, err);
    int epsg = 0, crs;
    if (!st && nc_inq_varid(ncid, "crs", &crs) == NC_NOERR) {
        char code[64];
        read_text_att(ncid, crs, "epsg_code", code, sizeof code);
        if (!strncmp(code, "EPSG:", 5))
            epsg = atoi(code + 5);
    }
    rm_blockmodel *bm = st ? NULL : rm_blockmodel_alloc(&g, epsg);
    if (!st && !bm)
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
    int nvars = 0;
    if (!st)
        nc_inq_nvars(ncid, &nvars);
    float *buf = st ? NULL : malloc(rm_grid_nblocks(&g) * sizeof *buf);
    if (!st && !buf)
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
    for (int v = 0; v < nvars && !st; v++) {
        char name[NC_MAX_NAME + 1];
        int ndims, dims[NC_MAX_VAR_DIMS];
        nc_type type;
        if (nc_inq_var(ncid, v, name, &type, &ndims, dims, NULL) != NC_NOERR)
            continue;
        int is3 = ndims == 3 && dims[0] == dim[2] && dims[1] == dim[1] && dims[2] == dim[0];
        int is2 = ndims == 2 && dims[0] == dim[1] && dims[1] == dim[0];
        if (!is3 && !is2)
            continue;
        char long_name[128], units[32];
        read_text_att(ncid, v, "long_name", long_name, sizeof long_name);
        read_text_att(ncid, v, "units", units, sizeof units);
        double *values = is3 ? rm_blockmodel_add(bm, name, long_name, units)
                             : rm_blockmodel_add_surface(bm, name, long_name, units);
        if (!values) {
            st = rm_error_set(err, RM_ENOMEM, "out of memory");
            break;
        }
        float fill = FILL_F;
        int no_fill = 0;
        nc_inq_var_fill(ncid, v, &no_fill, &fill);
        rc = nc_get_var_float(ncid, v, buf);
        if (rc != NC_NOERR) {
            st = rm_error_set(err, RM_EIO, "%s: %s: %s", path, name, nc_strerror(rc));
            break;
        }
        size_t n = is3 ? rm_grid_nblocks(&g) : g.nx * g.ny;
        for (size_t i = 0; i < n; i++)
            values[i] = (buf[i] == fill || isnan(buf[i])) ? NAN : (double)buf[i];
    }
    free(buf);
    nc_close(ncid);
    if (st) {
        rm_blockmodel_free(bm);
        return st;
    }
    *out = bm;
    return RM_OK;
}
