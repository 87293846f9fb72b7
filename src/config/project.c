/* project.c — the [project] section every stage shares: a name, the
 * projected CRS computation happens in, and the seed random streams derive
 * from.
 *
 * The CRS is checked here, where its line is known, so a typo is reported
 * as "project.ini:4: field 'project.crs': ..." rather than deep inside a
 * later stage.  GDAL's OSR (backed by PROJ) does the parsing.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cpl_error.h>
#include <ogr_srs_api.h>

#include "reemud/config.h"

/* Name of the directory holding the project file ("." → "project"). */
static void default_name(const rm_ini *ini, char *buf, size_t size)
{
    const char *dir = rm_ini_dir(ini);
    const char *base = strrchr(dir, '/');
    base = base ? base + 1 : dir;
    if (!base[0] || !strcmp(base, ".") || !strcmp(base, ".."))
        base = "project";
    snprintf(buf, size, "%s", base);
}

int rm_epsg_parse(const char *crs)
{
    if (strncasecmp(crs, "EPSG:", 5))
        return 0;
    const char *p = crs + 5;
    long code = 0;
    if (!*p)
        return 0;
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || code > 10000000)
            return 0;
        code = code * 10 + (*p - '0');
    }
    return (int)code;
}

rm_status rm_project_read(rm_ini *ini, rm_project *out, rm_error *err)
{
    const char *name, *crs;
    long seed;
    rm_status st;
    char def_name[256];
    default_name(ini, def_name, sizeof def_name);
    if ((st = rm_ini_get_string(ini, "project", "name", def_name, &name, err)))
        return st;
    if ((st = rm_ini_get_string(ini, "project", "crs", "EPSG:32656", &crs, err)))
        return st;
    if ((st = rm_ini_get_long(ini, "project", "seed", 1, 0, 2147483647L, &seed, err)))
        return st;
    int synthetic;
    if ((st = rm_ini_get_bool(ini, "project", "synthetic", 0, &synthetic, err)))
        return st;
    long line = rm_ini_line(ini, "project", "crs");
    if (strlen(name) >= sizeof out->name)
        return rm_error_input(err, rm_ini_path(ini), rm_ini_line(ini, "project", "name"),
                              "project.name", "longer than %zu characters",
                              sizeof out->name - 1);
    if (strlen(crs) >= sizeof out->crs)
        return rm_error_input(err, rm_ini_path(ini), line, "project.crs",
                              "longer than %zu characters", sizeof out->crs - 1);

    /* "EPSG:n" naming a projected CRS (x, y in metres) that PROJ knows.
     * Only EPSG codes: OSRSetFromUserInput would also open files and URLs. */
    int epsg = rm_epsg_parse(crs);
    if (epsg <= 0)
        return rm_error_input(err, rm_ini_path(ini), line, "project.crs",
                              "'%s' is not of the form EPSG:CODE (e.g. EPSG:32656)", crs);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    if (!srs)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    CPLPushErrorHandler(CPLQuietErrorHandler);
    OGRErr oe = OSRImportFromEPSG(srs, epsg);
    CPLPopErrorHandler();
    if (oe != OGRERR_NONE) {
        OSRDestroySpatialReference(srs);
        return rm_error_input(err, rm_ini_path(ini), line, "project.crs",
                              "'%s' is not a coordinate reference system known to PROJ",
                              crs);
    }
    int projected = OSRIsProjected(srs);
    OSRDestroySpatialReference(srs);
    if (!projected)
        return rm_error_input(err, rm_ini_path(ini), line, "project.crs",
                              "'%s' is not a projected CRS (computation needs metres; "
                              "use e.g. EPSG:32656, UTM 56N)",
                              crs);

    snprintf(out->name, sizeof out->name, "%s", name);
    snprintf(out->crs, sizeof out->crs, "%s", crs);
    out->epsg = epsg;
    out->seed = (unsigned long)seed;
    out->synthetic = synthetic;
    out->crs_line = rm_ini_has(ini, "project", "crs") ? line : 0;
    snprintf(out->file, sizeof out->file, "%s", rm_ini_path(ini));
    snprintf(out->crs_source, sizeof out->crs_source, "%s",
             out->crs_line ? "project file" : "default");
    return RM_OK;
}
