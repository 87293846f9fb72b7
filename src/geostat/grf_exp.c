/* grf_exp.c — the exponential covariance for the spectral random field.
 *
 * gstat's Exp: ρ(h) = exp(−h) for unit range.  Its spectral measure in
 * R³ is the multivariate Cauchy (Student t with one degree of freedom)
 * density ∝ (1 + |ω|²)^−2 (Emery & Lantuéjoul 2006, table 1).  Sampled as
 * a scale mixture of Gaussians: ω = G / |Z| with G ~ N(0, I₃), Z ~ N(0, 1),
 * since E_Z[exp(−|h|² / (2 Z²))] = exp(−|h|).
 */
#include <math.h>

#include <gsl/gsl_randist.h>

#include "reemud/grf.h"

/* Exp correlation ρ(h) = exp(−h) at h in units of the range. */
static double exp_correlation(double h)
{
    return exp(-h);
}

/* Draws one frequency of the unit-range Exp spectral measure into omega: G / |Z| (see
 * top). */
static void exp_sample(gsl_rng *rng, double omega[3])
{
    double g[3];
    for (int a = 0; a < 3; a++)
        g[a] = gsl_ran_ugaussian(rng);
    double z;
    do
        z = fabs(gsl_ran_ugaussian(rng));
    while (z == 0.0);
    for (int a = 0; a < 3; a++)
        omega[a] = g[a] / z;
}

static const rm_grf_type exp_type = {"Exp", exp_correlation, exp_sample};
const rm_grf_type *const rm_grf_exp = &exp_type;
