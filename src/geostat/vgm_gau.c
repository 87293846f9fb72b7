/* vgm_gau.c — the Gaussian model with gstat's range parameter.
 *
 * gstat (Pebesma 2004): g(h) = 1 - exp(-h^2), h = distance / a.  GSLIB writes
 * 1 - exp(-3 (h / a_practical)^2): gstat's a is a_practical / sqrt(3).
 */
#include <math.h>

#include "reemud/variogram.h"

/* g(h) = 1 − exp(−h²) at h = distance / a (see top); expm1 keeps precision near 0. */
static double gau_gamma(double h)
{
    return -expm1(-h * h);
}

static const rm_vgm_type gau_type = {"Gau", 1, gau_gamma};

const rm_vgm_type *const rm_vgm_gau = &gau_type;
