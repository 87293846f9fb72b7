/* rheology_thomas.c — Thomas (1965) relative viscosity with a power-law
 * yield stress.
 *
 * D. G. Thomas, "Transport characteristics of suspension: VIII. A note on the
 * viscosity of Newtonian suspensions of uniform spherical particles",
 * J. Colloid Sci. 20 (1965) 267–277, equation (5):
 *     μr = 1 + 2.5 φ + 10.05 φ² + 0.00273 exp(16.6 φ)
 * μp = μw μr; the yield stress keeps τy = A φ^n as in rheology_power_exp.c.
 */
#include <math.h>

#include "lift_internal.h"

/* rm_rheology_law entry: τy = A φ^n (Pa) and μp = μw μr with Thomas's μr, equation (5)
 * (see top); a negative phi counts as 0. */
static void thomas_eval(const rm_rheology_coeffs *c, double phi, double *tau_y, double *mu_p)
{
    phi = phi > 0.0 ? phi : 0.0;
    *tau_y = phi > 0.0 ? c->yield_a_pa * pow(phi, c->yield_n) : 0.0;
    double mu_r = 1.0 + 2.5 * phi + 10.05 * phi * phi + 0.00273 * exp(16.6 * phi);
    *mu_p = c->liquid_viscosity_pa_s * mu_r;
}

const rm_rheology_law lift_rheology_thomas_type = {"thomas", thomas_eval};
const rm_rheology_law *const rm_rheology_thomas = &lift_rheology_thomas_type;
