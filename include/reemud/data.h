/* data.h — drillholes (collars + assay intervals), validation, coordinate
 * projection, compositing, cell declustering and per-element statistics.
 *
 * The pipeline's first stage:
 *
 *     rm_data_config_read   [project], [data], [composite] of project.ini
 *     rm_drillholes_read    collars.csv + assays.csv, every problem reported
 *     rm_drillholes_project lon/lat -> x, y in the project's CRS (GDAL/PROJ)
 *     rm_composites_make    fixed-length composites in mbsf
 *     rm_decluster_cell     cell declustering weights (GSLIB declus)
 *     rm_stats_compute      n, min, mean, max, CV (weighted and not)
 *
 * Input formats are in docs/data.md.  Everything here uses SI units: metres,
 * grades in ppm (mass of element per mass of dry mud), densities in t/m³;
 * depths are metres below seafloor (mbsf, positive down).
 *
 * Arrays are struct-of-arrays: column c of table t is t->c[i].  A grade
 * column grade_ppm[e] is NULL when element e (elements.h order: La..Lu, Y,
 * Sc) was not in the file; a NAN inside a present column means "not
 * measured" for that interval or composite.
 */
#ifndef REEMUD_DATA_H
#define REEMUD_DATA_H

#include <stddef.h>

#include "reemud/config.h"
#include "reemud/core.h"
#include "reemud/elements.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Configuration: [data] and [composite] (and [project] through
 * rm_project_read, config.h) ---- */

typedef enum rm_coords {
    RM_COORDS_LONLAT = 0, /* collars give lon, lat in degrees (EPSG:4326) */
    RM_COORDS_XY = 1      /* collars give x, y in metres of the project CRS */
} rm_coords;

#define RM_PATH_MAX 4096

typedef struct rm_data_config {
    rm_project project;              /* [project]: name, crs, epsg, seed */
    char collars_path[RM_PATH_MAX];  /* [data] collars, resolved */
    char assays_path[RM_PATH_MAX];   /* [data] assays, resolved */
    rm_coords coords;                /* [data] coords = lonlat | xy */
    size_t max_problems;             /* [data] max_problems: problems kept */
    double composite_length_m;       /* [composite] length_m */
    double min_coverage;             /* [composite] min_coverage (fraction) */
    double decluster_cell_m;         /* [composite] decluster_cell_m, 0 = off */
} rm_data_config;

/* Defaults (docs/project-file.md): collars.csv, assays.csv, lonlat,
 * 100 problems, 1 m composites, coverage 0.5, no declustering, crs
 * EPSG:32656, seed 1.  Paths are left relative (no project file). */
void rm_data_config_default(rm_data_config *cfg);

/* Read [project], [data] and [composite].  Every bad value is appended to
 * problems (if not NULL) as "FILE:LINE: field 'section.key': ..."; the
 * first one is also in err.  Returns RM_OK or the first failure. */
rm_status rm_data_config_read(rm_ini *ini, rm_data_config *cfg, rm_problems *problems,
                              rm_error *err);

/* ---- Drillholes ---- */

typedef struct rm_drillholes {
    /* Collars, in file order. */
    size_t n_holes;
    char **hole_id;          /* n_holes NUL-terminated ids */
    double *lon, *lat;       /* degrees; NAN when coords = xy */
    double *x, *y;           /* projected metres (set by rm_drillholes_project
                                when coords = lonlat) */
    double *water_depth_m;   /* metres below sea level of the seafloor */
    double *length_m;        /* core length (m) */
    long *collar_line;       /* line of the collar in the collars file */

    /* Assay intervals, sorted by hole then from_m. */
    size_t n_intervals;
    size_t *hole;            /* index into the collar arrays */
    double *from_m, *to_m;   /* mbsf, from_m < to_m */
    double *grade_ppm[RM_NELEM];  /* NULL = column absent; NAN = not measured */
    double *density_t_m3;    /* dry bulk density; NULL = column absent */
    long *line;              /* line of the interval in the assays file */
    size_t *hole_start;      /* n_holes + 1: intervals of hole h are
                                hole_start[h] .. hole_start[h+1]-1 */

    char collars_path[RM_PATH_MAX];
    char assays_path[RM_PATH_MAX];
} rm_drillholes;

/* Read and validate collars and assays named in cfg (coords, max_problems
 * are honoured).  Every problem (up to the cap) is appended to problems as
 * "FILE:LINE: field 'COLUMN': what is wrong"; then *out is NULL and
 * RM_EDATA is returned with the first problem in err.  On success *out
 * holds the tables, and when cfg->coords is lonlat, x and y are NAN until
 * rm_drillholes_project. */
rm_status rm_drillholes_read(const rm_data_config *cfg, rm_drillholes **out,
                             rm_problems *problems, rm_error *err);

/* The same from memory buffers (tests, fuzzing).  The names are used in
 * messages and copied into collars_path/assays_path. */
rm_status rm_drillholes_read_mem(const rm_data_config *cfg, const char *collars_name,
                                 const char *collars, size_t collars_len,
                                 const char *assays_name, const char *assays,
                                 size_t assays_len, rm_drillholes **out,
                                 rm_problems *problems, rm_error *err);

void rm_drillholes_free(rm_drillholes *dh);

/* Transform the n points (x[i], y[i]) in place from EPSG:from to EPSG:to
 * through GDAL/PROJ, axes in (lon, lat) / (easting, northing) order
 * (OAMS_TRADITIONAL_GIS_ORDER).  ok[i] is 0 for a point that could not be
 * transformed or came out non-finite (its x, y are then unspecified).
 * RM_EINVAL naming the code when PROJ does not know a CRS or has no
 * transformation between them. */
rm_status rm_crs_transform(int from, int to, size_t n, double *x, double *y, int *ok,
                           rm_error *err);

/* Fill x, y from lon, lat in the CRS crs = "EPSG:CODE" (e.g. "EPSG:32656").  Axis order is lon, lat
 * (OAMS_TRADITIONAL_GIS_ORDER).  No-op for coords = xy. */
rm_status rm_drillholes_project(rm_drillholes *dh, const char *crs, rm_error *err);

/* Make the project's CRS fit the cores (coords = lonlat).  With no crs in
 * the project file, p->crs becomes the UTM zone (WGS 84, EPSG:326zz north,
 * 327zz south) of the cores' centroid (circular mean of the longitudes, so
 * cores across the antimeridian average near 180°), and p->crs_source says
 * so.  With an explicit crs, every core must lie inside the CRS's area of use
 * (GDAL/PROJ's OSRGetAreaOfUse); else RM_EDATA naming the project file,
 * project.crs, the area and the first core outside it.  coords = xy: the
 * default stays and crs_source says the x, y are taken as its metres. */
rm_status rm_project_crs_for_cores(rm_project *p, const rm_drillholes *dh, rm_error *err);

/* Total core length and total assayed length (sum of to_m - from_m), m. */
double rm_drillholes_core_length_m(const rm_drillholes *dh);
double rm_drillholes_assayed_length_m(const rm_drillholes *dh);

/* Index of a hole id, or -1. */
long rm_drillholes_find(const rm_drillholes *dh, const char *hole_id);

/* ---- Composites ---- */

typedef struct rm_composites {
    size_t n;
    double length_m;         /* nominal composite length */
    double min_coverage;     /* rule used (fraction of the composite length) */
    size_t *hole;            /* index into the drillholes' collars */
    double *x, *y;           /* collar position, projected m */
    double *z;               /* mbsf: centroid of the assayed length */
    double *from_m, *to_m;   /* composite interval, mbsf; to_m is clipped to
                                the core length */
    double *coverage_m;      /* assayed length inside [from_m, to_m] */
    double *grade_ppm[RM_NELEM]; /* length-weighted mean; NULL = absent */
    double *srey_ppm;        /* ΣREY = La..Lu + Y; NAN if any is NAN */
    double *density_t_m3;    /* NULL = absent */
    double *weight;          /* declustering weights (sum n); all 1 until
                                rm_composites_decluster */
} rm_composites;

/* Composite every hole to length_m intervals starting at 0 mbsf:
 * [k L, (k+1) L), the last clipped to the core length.  Each element (and
 * density) is the length-weighted mean of the intervals' measured values:
 *     g_c = Σ g_i o_i / Σ o_i,  o_i = overlap of interval i with the composite.
 * A composite is kept when its assayed length Σ o_i >= min_coverage ×
 * (to_m - from_m).  dh must have x, y set. */
rm_status rm_composites_make(const rm_drillholes *dh, double length_m,
                             double min_coverage, rm_composites **out, rm_error *err);
void rm_composites_free(rm_composites *c);

/* ---- Declustering ---- */

/* Cell declustering weights, after Deutsch & Journel (1998), GSLIB 2nd
 * ed., program declus: for a grid of cells of side cell_m in x and y (and
 * cell_z_m in z), a datum in a cell holding n_c data among L occupied cells
 * gets 1 / (L n_c); weights are averaged over n_offsets grid origins
 * shifted evenly across one cell in x and y, then scaled to sum to n.
 * z NULL or cell_z_m 0: areal (2-D) cells.  cell_m > 0, n_offsets >= 1. */
rm_status rm_decluster_cell(const double *x, const double *y, const double *z, size_t n,
                            double cell_m, double cell_z_m, int n_offsets, double *weight,
                            rm_error *err);

/* Set c->weight by rm_decluster_cell on (x, y, z) with cells cell_m wide
 * and one composite length (c->length_m) tall, 5 origin offsets: each depth
 * slice is declustered areally.  cell_m = 0 sets all weights to 1. */
rm_status rm_composites_decluster(rm_composites *c, double cell_m, rm_error *err);

/* ---- Statistics ---- */

typedef struct rm_stats {
    size_t n;                /* finite values used */
    double min, max;
    double mean, sd, cv;     /* unweighted (sd with divisor n) */
    double wmean, wsd, wcv;  /* weighted by w (equal to the above if w NULL) */
} rm_stats;

/* Statistics of the finite values of v[0..n) (NAN skipped), weights w
 * (NULL = equal).  n = 0 finite values gives s->n = 0 and NAN moments. */
rm_status rm_stats_compute(const double *v, const double *w, size_t n, rm_stats *s,
                           rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
