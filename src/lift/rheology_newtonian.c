/* rheology_newtonian.c — no yield stress, the carrier liquid's viscosity:
 * the limit of a dilute suspension, for water and seawater and for checks. */
#include "lift_internal.h"

/* rm_rheology_law entry: τy = 0 Pa and μp = the liquid's viscosity (Pa·s) at any phi. */
static void newtonian_eval(const rm_rheology_coeffs *c, double phi, double *tau_y,
                           double *mu_p)
{
    (void)phi;
    *tau_y = 0.0;
    *mu_p = c->liquid_viscosity_pa_s;
}

const rm_rheology_law lift_rheology_newtonian_type = {"newtonian", newtonian_eval};
const rm_rheology_law *const rm_rheology_newtonian = &lift_rheology_newtonian_type;
