/* blockmodel.h — a regular 3-D grid of blocks in (x, y, depth below
 * seafloor) carrying named per-block fields.
 *
 * The grid is the common currency of the pipeline: synth writes its truth
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

#ifdef __cplusplus
extern "C" {
#endif

typedef struct rm_grid {
    size_t nx, ny, nz;
    double x0, y0, z0;   /* lower-left corner (m), top depth (mbsf) */
    double dx, dy, dz;   /* block size (m) */
} rm_grid;

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

static inline size_t rm_grid_nblocks(const rm_grid *g) { return g->nx * g->ny * g->nz; }
static inline size_t rm_grid_index(const rm_grid *g, size_t i, size_t j, size_t k)
{
    return i + g->nx * (j + g->ny * k);
}
static inline double rm_grid_xc(const rm_grid *g, size_t i) { return g->x0 + ((double)i + 0.5) * g->dx; }
static inline double rm_grid_yc(const rm_grid *g, size_t j) { return g->y0 + ((double)j + 0.5) * g->dy; }
static inline double rm_grid_zc(const rm_grid *g, size_t k) { return g->z0 + ((double)k + 0.5) * g->dz; }
static inline double rm_grid_block_volume_m3(const rm_grid *g) { return g->dx * g->dy * g->dz; }

/* Check the geometry: positive sizes and counts, finite origin. */
rm_status rm_grid_validate(const rm_grid *g, rm_error *err);

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

#ifdef __cplusplus
}
#endif
#endif
