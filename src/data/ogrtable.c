/* ogrtable.c — drillhole tables from any OGR source: a sheet of an .xlsx or
 * .ods workbook, a layer of a GeoPackage, a shapefile's table, …, fed to the
 * same callbacks as the CSV reader (csvtable.h), so the drillhole reader
 * validates them with the same rules and messages.
 *
 * A source is named "FILE:NAME" (sheet or layer NAME of FILE) or "FILE"
 * (its first layer).  Messages name "FILE:NAME" in place of the file and
 * the row in place of the line: for a workbook the sheet's row number as a
 * spreadsheet shows it (the header is row 1), for other sources the
 * feature id (a GeoPackage's fid).  A workbook's first row is always the
 * header (OGR_XLSX_HEADERS / OGR_ODS_HEADERS = FORCE), as in a CSV file.
 * Numeric cells are handed on with 17 significant digits, so each value is
 * the double the workbook stores; text cells as written.  A point layer
 * without coordinate columns gives its points as lon, lat (geographic CRS)
 * or x, y.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "data/csvtable.h"

/* 1 if path ends with ext (case-insensitive, ext with its dot). */
static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), m = strlen(ext);
    return n >= m && !strcasecmp(path + n - m, ext);
}

static int is_file(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Split "FILE:NAME" when FILE is an existing file and the whole is not:
 * copies FILE into file (size bytes) and returns NAME, or NULL when path
 * names no layer. */
static const char *split_layer(const char *path, char *file, size_t size)
{
    const char *colon = strrchr(path, ':');
    if (!colon || colon == path || !colon[1] || is_file(path))
        return NULL;
    size_t n = (size_t)(colon - path);
    if (n >= size)
        return NULL;
    memcpy(file, path, n);
    file[n] = '\0';
    return is_file(file) ? colon + 1 : NULL;
}

int rm_ogrtable_is_source(const char *path)
{
    char file[4096];
    if (split_layer(path, file, sizeof file))
        return 1;
    if (has_ext(path, ".csv") || has_ext(path, ".txt") || has_ext(path, ".tsv") ||
        !is_file(path))
        return 0;
    /* Any other file that a vector driver other than CSV recognises. */
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    GDALDriverH drv = GDALIdentifyDriverEx(path, GDAL_OF_VECTOR, NULL, NULL);
    CPLPopErrorHandler();
    return drv && strcmp(GDALGetDriverShortName(drv), "CSV") != 0;
}

/* Sets a thread-local configuration option for the open and restores it. */
typedef struct saved_option {
    const char *key;
    char *old;
} saved_option;

static void option_set(saved_option *s, const char *key, const char *value)
{
    const char *old = CPLGetThreadLocalConfigOption(key, NULL);
    s->key = key;
    s->old = old ? CPLStrdup(old) : NULL;
    CPLSetThreadLocalConfigOption(key, value);
}

static void option_restore(saved_option *s)
{
    CPLSetThreadLocalConfigOption(s->key, s->old);
    CPLFree(s->old);
}

/* Copy the layer's field names into the table's header. */
static int copy_header(rm_csvtable *t, OGRFeatureDefnH defn)
{
    int nf = OGR_FD_GetFieldCount(defn);
    t->header = calloc((size_t)nf + 2, sizeof *t->header);
    if (!t->header)
        return -1;
    t->cap_header = (size_t)nf + 2;
    for (int i = 0; i < nf; i++) {
        const char *name = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
        while (*name == ' ' || *name == '\t')
            name++;
        size_t len = strlen(name);
        while (len && (name[len - 1] == ' ' || name[len - 1] == '\t'))
            len--;
        char *copy = malloc(len + 1);
        if (!copy)
            return -1;
        memcpy(copy, name, len);
        copy[len] = '\0';
        t->header[t->n_header++] = copy;
    }
    return 0;
}

/* 1 if the header already has a column named name (case-insensitive). */
static int has_column(const rm_csvtable *t, const char *name)
{
    for (size_t i = 0; i < t->n_header; i++)
        if (!strcasecmp(t->header[i], name))
            return 1;
    return 0;
}

/* A point layer without coordinate columns (collars drawn as points in a
 * GeoPackage or a shapefile): its geometry becomes two more columns, lon
 * and lat when the layer's CRS is geographic, else x and y (which must then
 * be in the project's CRS, as x, y columns must).  Returns 1 when added,
 * 0 when not, -1 out of memory. */
static int add_geometry_columns(rm_csvtable *t, OGRLayerH layer)
{
    OGRwkbGeometryType g = wkbFlatten(OGR_L_GetGeomType(layer));
    if (g != wkbPoint)
        return 0;
    OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer);
    int geographic = srs && OSRIsGeographic(srs);
    const char *nx = geographic ? "lon" : "x", *ny = geographic ? "lat" : "y";
    if (has_column(t, nx) || has_column(t, ny))
        return 0;
    char *a = strdup(nx), *b = strdup(ny);
    if (!a || !b) {
        free(a), free(b);
        return -1;
    }
    t->header[t->n_header++] = a;
    t->header[t->n_header++] = b;
    return 1;
}

/* The cell's text: empty for a null cell, 17 digits for a real. */
static const char *cell_text(OGRFeatureH f, int i, OGRFieldType type, char *buf, size_t size)
{
    if (!OGR_F_IsFieldSetAndNotNull(f, i))
        return "";
    if (type == OFTReal) {
        snprintf(buf, size, "%.17g", OGR_F_GetFieldAsDouble(f, i));
        return buf;
    }
    return OGR_F_GetFieldAsString(f, i);
}

/* Close the source and restore the options (the workbook drivers read
 * them when a sheet is first loaded, after the open). */
static void close_source(GDALDatasetH ds, saved_option *o1, saved_option *o2)
{
    GDALClose(ds);
    option_restore(o2);
    option_restore(o1);
}

rm_status rm_ogrtable_parse(rm_csvtable *t, const char *source, rm_error *err)
{
    t->line = 0;
    t->record_line = 1;
    t->n_records = 0;
    t->field = 0;
    t->in_header = 1;
    t->stop = 0;
    t->nomem = 0;

    char file[4096];
    const char *layer_name = split_layer(source, file, sizeof file);
    if (!layer_name)
        snprintf(file, sizeof file, "%s", source);
    int sheet = has_ext(file, ".xlsx") || has_ext(file, ".xlsm") || has_ext(file, ".ods");

    GDALAllRegister();
    saved_option o1, o2;
    option_set(&o1, "OGR_XLSX_HEADERS", "FORCE");
    option_set(&o2, "OGR_ODS_HEADERS", "FORCE");
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
    GDALDatasetH ds = GDALOpenEx(file, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    CPLPopErrorHandler();
    if (!ds) {
        option_restore(&o2);
        option_restore(&o1);
        const char *why = CPLGetLastErrorMsg();
        return rm_error_set(err, RM_EIO, "%s: cannot open as a table (OGR%s%s)", file,
                            why && why[0] ? ": " : "", why ? why : "");
    }
    OGRLayerH layer = NULL;
    if (layer_name) {
        layer = GDALDatasetGetLayerByName(ds, layer_name);
        if (!layer) {
            char names[1024] = "";
            size_t len = 0;
            for (int i = 0; i < GDALDatasetGetLayerCount(ds) && len < sizeof names - 1; i++)
                len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
                                        i ? ", " : "",
                                        OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
            rm_problems_add(t->problems, t->file, 0, NULL, "%s has no %s named '%s' (it has: %s)",
                            file, sheet ? "sheet" : "layer", layer_name,
                            names[0] ? names : "none");
            close_source(ds, &o1, &o2);
            return RM_OK;
        }
    } else if (GDALDatasetGetLayerCount(ds) > 0) {
        layer = GDALDatasetGetLayer(ds, 0);
    }
    if (!layer) {
        rm_problems_add(t->problems, t->file, 0, NULL, "no sheet or layer in %s", file);
        close_source(ds, &o1, &o2);
        return RM_OK;
    }
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    if (copy_header(t, defn)) {
        close_source(ds, &o1, &o2);
        return rm_error_set(err, RM_ENOMEM, "%s: out of memory", t->file);
    }
    int nf = (int)t->n_header;
    int geom = add_geometry_columns(t, layer);
    if (geom < 0) {
        close_source(ds, &o1, &o2);
        return rm_error_set(err, RM_ENOMEM, "%s: out of memory", t->file);
    }
    if (t->n_header == 0) {
        rm_problems_add(t->problems, t->file, 1, NULL,
                        "no columns (expected a header row and data rows)");
        close_source(ds, &o1, &o2);
        return RM_OK;
    }
    t->in_header = 0;
    if (t->on_header(t)) {
        close_source(ds, &o1, &o2);
        return RM_OK;
    }
    OGRFieldType *types = malloc((size_t)nf * sizeof *types);
    if (!types) {
        close_source(ds, &o1, &o2);
        return rm_error_set(err, RM_ENOMEM, "%s: out of memory", t->file);
    }
    for (int i = 0; i < nf; i++)
        types[i] = OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i));
    OGR_L_ResetReading(layer);
    OGRFeatureH f;
    long seq = 0;
    char buf[64];
    while (!t->stop && (f = OGR_L_GetNextFeature(layer)) != NULL) {
        seq++;
        /* A workbook's FID is its row number (the header is row 1); other
         * sources have their own ids, or none (then the position). */
        GIntBig fid = OGR_F_GetFID(f);
        long row = fid != OGRNullFID ? (long)fid : (sheet ? seq + 1 : seq);
        int blank = 1;
        for (int i = 0; i < nf && blank; i++) {
            const char *s = cell_text(f, i, types[i], buf, sizeof buf);
            while (*s == ' ' || *s == '\t')
                s++;
            blank = *s == '\0';
        }
        char gx[64] = "", gy[64] = "";
        if (geom) {
            OGRGeometryH pt = OGR_F_GetGeometryRef(f);
            if (pt && !OGR_G_IsEmpty(pt)) {
                snprintf(gx, sizeof gx, "%.17g", OGR_G_GetX(pt, 0));
                snprintf(gy, sizeof gy, "%.17g", OGR_G_GetY(pt, 0));
                blank = 0;
            }
        }
        if (!blank) {
            /* A row of empty cells is skipped, like a blank line of a CSV. */
            t->line = t->record_line = row;
            for (int i = 0; i < nf && !t->stop; i++) {
                const char *s = cell_text(f, i, types[i], buf, sizeof buf);
                t->field = (size_t)i;
                t->on_field(t, (size_t)i, s, strlen(s));
            }
            if (geom && !t->stop) {
                t->on_field(t, (size_t)nf, gx, strlen(gx));
                t->on_field(t, (size_t)nf + 1, gy, strlen(gy));
            }
            t->field = 0;
            t->n_records++;
            if (!t->stop)
                t->on_record(t, t->n_header);
        }
        OGR_F_Destroy(f);
    }
    free(types);
    close_source(ds, &o1, &o2);
    if (t->nomem)
        return rm_error_set(err, RM_ENOMEM, "%s: out of memory", t->file);
    if (!t->stop && t->n_records == 0)
        rm_problems_add(t->problems, t->file, 1, NULL, "no data rows after the header");
    return RM_OK;
}
