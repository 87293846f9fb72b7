/* grf_gau.c — the Gaussian covariance for the spectral random field.
 *
 * gstat's Gau: ρ(h) = exp(−h²) for unit range.  Its spectral measure is
 * itself Gaussian: with ω ~ N(0, s² I), E[cos(ω·h)] = exp(−s² |h|² / 2), so
 * s² = 2 gives ρ (Emery & Lantuéjoul 2006, table 1; Shinozuka 1971).
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "reemud/grf.h"

/* Gau correlation ρ(h) = exp(−h²) at h in units of the range. */
static double gau_correlation(double h)
{
    return exp(-h * h);
}

/* Draws one frequency of the unit-range Gau spectral measure into omega: N(0, 2 I₃). */
static void gau_sample(gsl_rng *rng, double omega[3])
{
    for (int a = 0; a < 3; a++)
        omega[a] = M_SQRT2 * gsl_ran_ugaussian(rng);
}

static const rm_grf_type gau_type = {"Gau", gau_correlation, gau_sample};
const rm_grf_type *const rm_grf_gau = &gau_type;
