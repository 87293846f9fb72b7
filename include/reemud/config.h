/* config.h — the project file (project.ini), read strictly.
 *
 * rm_ini_load parses the file with inih and keeps every entry with its line.
 * Each pipeline stage reads its own section through the typed getters below;
 * a getter that finds a value of the wrong type or out of range fails with
 * "FILE:LINE: field 'section.key': ...".  Once the stages have read what
 * they need, rm_ini_finish reports every unknown section, and every key in a
 * section that was read but that no stage asked for.
 *
 * Paths are resolved relative to the directory of the project file.
 */
#ifndef REEMUD_CONFIG_H
#define REEMUD_CONFIG_H

#include <stddef.h>

#include "reemud/core.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rm_ini rm_ini;

/* Sections a project file may hold (NULL-terminated). */
extern const char *const rm_ini_known_sections[];

rm_status rm_ini_load(const char *path, rm_ini **out, rm_error *err);
/* Parse from memory; name is used in messages (for tests and fuzzing). */
rm_status rm_ini_load_string(const char *text, const char *name, rm_ini **out,
                             rm_error *err);
void rm_ini_free(rm_ini *ini);

/* The project file's path, and its directory. */
const char *rm_ini_path(const rm_ini *ini);
const char *rm_ini_dir(const rm_ini *ini);

/* 1 if the file has the section (marks it as read). */
int rm_ini_has_section(rm_ini *ini, const char *section);
/* 1 if the key is present. */
int rm_ini_has(rm_ini *ini, const char *section, const char *key);

/* Typed getters.  An absent key leaves *out = def and returns RM_OK, unless
 * the getter is a _req one.  Numbers must be finite and within [min, max]. */
rm_status rm_ini_get_double(rm_ini *ini, const char *section, const char *key,
                            double def, double min, double max, double *out,
                            rm_error *err);
rm_status rm_ini_get_double_req(rm_ini *ini, const char *section, const char *key,
                                double min, double max, double *out, rm_error *err);
rm_status rm_ini_get_long(rm_ini *ini, const char *section, const char *key, long def,
                          long min, long max, long *out, rm_error *err);
rm_status rm_ini_get_bool(rm_ini *ini, const char *section, const char *key, int def,
                          int *out, rm_error *err);
/* *out points into the ini's storage (or to def); valid until rm_ini_free. */
rm_status rm_ini_get_string(rm_ini *ini, const char *section, const char *key,
                            const char *def, const char **out, rm_error *err);
rm_status rm_ini_get_string_req(rm_ini *ini, const char *section, const char *key,
                                const char **out, rm_error *err);
/* A path, resolved relative to the project file's directory.  def NULL and
 * key absent → buf = "". */
rm_status rm_ini_get_path(rm_ini *ini, const char *section, const char *key,
                          const char *def, char *buf, size_t size, rm_error *err);
/* One of choices (NULL-terminated, case-insensitive); *out = its index. */
rm_status rm_ini_get_choice(rm_ini *ini, const char *section, const char *key,
                            const char *const *choices, int def, int *out,
                            rm_error *err);
/* A comma- or space-separated list of numbers within [min, max]; at most
 * max_n.  Absent → *n = 0 and vals untouched. */
rm_status rm_ini_get_doubles(rm_ini *ini, const char *section, const char *key,
                             double min, double max, double *vals, size_t max_n,
                             size_t *n, rm_error *err);

/* The line a key is on (0 if absent), for messages about its value. */
long rm_ini_line(const rm_ini *ini, const char *section, const char *key);

/* Report unknown sections and unread keys of read sections, all together. */
rm_status rm_ini_finish(const rm_ini *ini, rm_error *err);
/* The same, appending every problem to p (one line each) as well. */
rm_status rm_ini_finish_problems(const rm_ini *ini, rm_problems *p, rm_error *err);

/* ---- [project]: what every stage shares (src/config/project.c) ---- */

typedef struct rm_project {
    char name[256];          /* name = ... (default: the file's directory name) */
    char crs[256];           /* crs = EPSG:32656 (a projected CRS, metres) */
    int epsg;                /* its EPSG code */
    unsigned long seed;      /* seed = 1 (random streams derive from it) */
    int synthetic;           /* synthetic = false; true: the data are made up
                              * (reemud synth writes it), said in every report */
    long crs_line;           /* line of crs = in the project file; 0 = not given */
    char file[1024];         /* the project file (for messages naming crs) */
    char crs_source[256];    /* how crs was chosen: "project file" or "derived ..." */
} rm_project;

/* Read [project]; crs must be EPSG:CODE naming a projected CRS (checked
 * with GDAL/PROJ). */
rm_status rm_project_read(rm_ini *ini, rm_project *out, rm_error *err);
/* The code of "EPSG:CODE" (case-insensitive), or 0. */
int rm_epsg_parse(const char *crs);

#ifdef __cplusplus
}
#endif
#endif
