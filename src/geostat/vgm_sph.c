/* vgm_sph.c — the spherical model.
 *
 * Matheron (1962); in gstat's and GSLIB's form (Deutsch & Journel 1998,
 * GSLIB 2nd ed., eq. II.14): g(h) = 1.5 h - 0.5 h^3 for h < 1, 1 beyond,
 * with h = distance / range; the range is where the sill is reached.
 */
#include "reemud/variogram.h"

/* g(h) = 1.5 h − 0.5 h³ for h < 1, 1 beyond, h = distance / range (GSLIB eq. II.14). */
static double sph_gamma(double h)
{
    if (h >= 1.0)
        return 1.0;
    return h * (1.5 - 0.5 * h * h);
}

static const rm_vgm_type sph_type = {"Sph", 1, sph_gamma};

const rm_vgm_type *const rm_vgm_sph = &sph_type;
