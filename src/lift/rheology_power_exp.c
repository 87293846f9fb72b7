/* rheology_power_exp.c — slurry yield stress as a power of the solids
 * fraction and plastic viscosity exponential in it:
 *     τy = A φ^n                     (e.g. Thomas 1999; kaolin data of
 *                                     Shokrollahzadeh et al. 2015 give
 *                                     τy ≈ 1.3–30 Pa over 10.6–21.7 vol %)
 *     μp = μw exp(B φ)               (exponential law, as used for clay
 *                                     slurries since Thomas 1963)
 * φ is the volume fraction of the fine (clay) solids.
 */
#include <math.h>

#include "lift_internal.h"

/* rm_rheology_law entry: τy = A φ^n (Pa) and μp = μw exp(B φ) (Pa·s) (see top); a
 * negative phi counts as 0. */
static void power_exp_eval(const rm_rheology_coeffs *c, double phi, double *tau_y,
                           double *mu_p)
{
    phi = phi > 0.0 ? phi : 0.0;
    *tau_y = phi > 0.0 ? c->yield_a_pa * pow(phi, c->yield_n) : 0.0;
    *mu_p = c->liquid_viscosity_pa_s * exp(c->viscosity_b * phi);
}

const rm_rheology_law lift_rheology_power_exp_type = {"power-exp", power_exp_eval};
const rm_rheology_law *const rm_rheology_power_exp = &lift_rheology_power_exp_type;
