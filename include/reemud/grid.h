/* grid.h — the regular 3-D grid the engine computes on: simulation (sgs.h)
 * and random fields (grf.h) fill it, the block model (blockmodel.h) names
 * fields on it.  It belongs to geostat so the engine needs nothing of the
 * resource layer.
 *
 * Geometry: block (i, j, k) has centre
 *     x = x0 + (i + 0.5) dx,  y = y0 + (j + 0.5) dy,  z = z0 + (k + 0.5) dz
 * where (x0, y0) is the lower-left corner in projected metres, z0 the top
 * in metres below seafloor (mbsf, positive down).  Index
 * b = i + nx (j + ny k): x varies fastest, then y, then depth.
 */
#ifndef REEMUD_GRID_H
#define REEMUD_GRID_H

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

/* The grid whose block centres are the nodes first + i·step, i < count, in
 * ndim = 2 or 3 dimensions (gstat's GridTopology): the corner is half a step
 * before the first node; with ndim 2, one layer of unit height centred on
 * z = 0. */
rm_grid rm_grid_from_nodes(const double first[3], const double step[3], const size_t count[3],
                           int ndim);

#ifdef __cplusplus
}
#endif
#endif
