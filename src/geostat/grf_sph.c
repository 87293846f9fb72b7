/* grf_sph.c — the spherical covariance for the spectral random field.
 *
 * gstat's Sph: ρ(h) = 1 − 1.5 h + 0.5 h³ for h < 1, 0 beyond (unit range).
 * In R³ it is the overlap volume of two balls of diameter 1, i.e. the
 * autoconvolution of the indicator of a ball of radius R = 1/2 divided by
 * its volume, so its spectral density is ∝ |1̂_B(ω)|² with
 *     1̂_B(ω) = 4π (sin u − u cos u) / |ω|³,  u = R |ω|
 * (Emery & Lantuéjoul 2006, table 1; Lantuéjoul 2002, "Geostatistical
 * Simulation", ch. 15).  The direction of ω is uniform on the sphere and u
 * has density q(u) ∝ (sin u − u cos u)² / u⁴, sampled by rejection under
 * the envelope e(u) = u²/9 for u ≤ √6 and 4/u² beyond (q ≤ e because
 * |sin u − u cos u| ≤ u³/3 and ≤ 1 + u ≤ 2u for u ≥ 1).
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "reemud/grf.h"

/* Sph correlation ρ(h) = 1 − 1.5 h + 0.5 h³ for h < 1, else 0 (h in units of the range). */
static double sph_correlation(double h)
{
    return h < 1.0 ? 1.0 - 1.5 * h + 0.5 * h * h * h : 0.0;
}

/* Unnormalised density q(u) = (sin u − u cos u)² / u⁴ of u = R |ω| (see top); u > 0. */
static double radial_density(double u)
{
    double s = sin(u) - u * cos(u);
    return s * s / (u * u * u * u);
}

/* Draws one frequency of the unit-range Sph spectral measure into omega: u by rejection
 * under the envelope e(u) (see top), |ω| = u / R, direction uniform on the sphere. */
static void sph_sample(gsl_rng *rng, double omega[3])
{
    const double u_star = sqrt(6.0);
    const double mass_low = u_star * u_star * u_star / 27.0; /* ∫0^u* u²/9 */
    const double mass_high = 4.0 / u_star;                   /* ∫u*^∞ 4/u² */
    double u, envelope;
    for (;;) {
        if (gsl_rng_uniform(rng) * (mass_low + mass_high) < mass_low) {
            u = u_star * cbrt(gsl_rng_uniform_pos(rng));
            envelope = u * u / 9.0;
        } else {
            u = u_star / gsl_rng_uniform_pos(rng);
            envelope = 4.0 / (u * u);
        }
        if (gsl_rng_uniform(rng) * envelope <= radial_density(u))
            break;
    }
    double x, y, z;
    gsl_ran_dir_3d(rng, &x, &y, &z);
    double radius = u / 0.5; /* |ω| = u / R */
    omega[0] = radius * x;
    omega[1] = radius * y;
    omega[2] = radius * z;
}

static const rm_grf_type sph_type = {"Sph", sph_correlation, sph_sample};
const rm_grf_type *const rm_grf_sph = &sph_type;
