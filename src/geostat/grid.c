/* grid.c — the check of a regular grid's geometry (grid.h). */
#include <math.h>

#include "reemud/grid.h"

rm_status rm_grid_validate(const rm_grid *g, rm_error *err)
{
    if (g->nx == 0 || g->ny == 0 || g->nz == 0)
        return rm_error_set(err, RM_EINVAL, "grid has zero blocks (%zu x %zu x %zu)",
                            g->nx, g->ny, g->nz);
    if (!(g->dx > 0) || !(g->dy > 0) || !(g->dz > 0) || !isfinite(g->dx) ||
        !isfinite(g->dy) || !isfinite(g->dz))
        return rm_error_set(err, RM_EINVAL, "grid block size must be positive (%g x %g x %g)",
                            g->dx, g->dy, g->dz);
    if (!isfinite(g->x0) || !isfinite(g->y0) || !isfinite(g->z0))
        return rm_error_set(err, RM_EINVAL, "grid origin is not finite");
    return RM_OK;
}

rm_grid rm_grid_from_nodes(const double first[3], const double step[3], const size_t count[3],
                           int ndim)
{
    int three = ndim == 3;
    return (rm_grid){.nx = count[0], .ny = count[1], .nz = three ? count[2] : 1,
                     .x0 = first[0] - 0.5 * step[0], .y0 = first[1] - 0.5 * step[1],
                     .z0 = three ? first[2] - 0.5 * step[2] : -0.5,
                     .dx = step[0], .dy = step[1], .dz = three ? step[2] : 1.0};
}
