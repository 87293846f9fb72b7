/* vgm_nug.c — the nugget effect: a discontinuity at the origin.
 *
 * gstat's "Nug" (Pebesma 2004, Computers & Geosciences 30:683): g(0) = 0,
 * g(h) = 1 for any h > 0.  It carries no range.
 */
#include "reemud/variogram.h"

/* g(h) = 0 at h = 0, 1 for h > 0 (see top). */
static double nug_gamma(double h)
{
    return h > 0.0 ? 1.0 : 0.0;
}

static const rm_vgm_type nug_type = {"Nug", 0, nug_gamma};

const rm_vgm_type *const rm_vgm_nug = &nug_type;
