/* blockmodel.h — a regular 3-D grid of blocks in (x, y, depth below
 * seafloor) carrying named per-block fields.  The grid itself (rm_grid)
 * belongs to the engine that computes on it: grid.h, src/geostat/grid.c.
 *
 * The block model is the common currency of the pipeline: synth writes its truth
 * in it, estimate fills it by kriging, simulate adds realizations, the mine
 * plan reads columns of it, and io writes it as CF netCDF.
 *
 * Geometry: block (i, j, k) has centre
 *     x = x0 + (i + 0.5) dx,  y = y0 + (j + 0.5) dy,  z = z0 + (k + 0.5) dz
 * where (x0, y0) is the lower-left corner in projected metres of the CRS
 * `epsg`, z0 the top in metres below seafloor (mbsf, positive down).
 * Index b = i + nx (j + ny k): x varies fastest, then y, then depth.
 *
 * A field holds one double per block; NAN marks "no value" (not estimated,
 * outside the domain).  2-D fields (one value per column, e.g. water depth)
 * are stored separately in `surfaces`, indexed i + nx j.
 */
#ifndef REEMUD_BLOCKMODEL_H
#define REEMUD_BLOCKMODEL_H

#include <stddef.h>

#include "reemud/core.h"
#include "reemud/grid.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rm_field {
    char name[64];       /* variable name, e.g. "La_ppm", "density_t_m3" */
    char long_name[128]; /* CF long_name */
    char units[32];      /* CF/UDUNITS units, e.g. "ppm", "t m-3" */
    double *values;      /* nblocks (3-D) or nx*ny (surface) */
} rm_field;

typedef struct rm_blockmodel {
    rm_grid grid;
    int epsg;            /* projected CRS of x, y (e.g. 32656) */
    size_t n_fields, cap_fields;
    rm_field *fields;    /* 3-D */
    size_t n_surfaces, cap_surfaces;
    rm_field *surfaces;  /* 2-D */
} rm_blockmodel;

rm_blockmodel *rm_blockmodel_alloc(const rm_grid *grid, int epsg);
void rm_blockmodel_free(rm_blockmodel *bm);

/* Add a 3-D field filled with NAN and return its values (NULL on failure).
 * A field of the same name is replaced. */
double *rm_blockmodel_add(rm_blockmodel *bm, const char *name, const char *long_name,
                          const char *units);
/* Add a 2-D surface (nx*ny) filled with NAN. */
double *rm_blockmodel_add_surface(rm_blockmodel *bm, const char *name,
                                  const char *long_name, const char *units);
/* Values of a field or surface by name; NULL if absent. */
double *rm_blockmodel_get(const rm_blockmodel *bm, const char *name);
double *rm_blockmodel_get_surface(const rm_blockmodel *bm, const char *name);
/* Free every 3-D field whose name is not among the n names (surfaces
 * stay); pointers to the freed fields' values become invalid. */
void rm_blockmodel_keep(rm_blockmodel *bm, const char *const *names, size_t n);

#ifdef __cplusplus
}
#endif
#endif
