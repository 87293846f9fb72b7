/* vgm_exp.c — the exponential model with gstat's range parameter.
 *
 * gstat (Pebesma 2004): g(h) = 1 - exp(-h), h = distance / a.  GSLIB writes
 * 1 - exp(-3 h / a_practical): gstat's a is one third of GSLIB's practical
 * range (95 % of the sill is reached at 3 a).
 */
#include <math.h>

#include "reemud/variogram.h"

/* g(h) = 1 − exp(−h) at h = distance / a (see top); expm1 keeps precision near 0. */
static double exp_gamma(double h)
{
    return -expm1(-h);
}

static const rm_vgm_type exp_type = {"Exp", 1, exp_gamma};

const rm_vgm_type *const rm_vgm_exp = &exp_type;
