/* friction_haaland.c — Haaland (1983) explicit friction law.
 *
 * S. E. Haaland, "Simple and explicit formulas for the friction factor in
 * turbulent pipe flow", J. Fluids Eng. 105 (1983) 89–90:
 *     1/√λ = −1.8 log10( ((ε/D)/3.7)^1.11 + 6.9/Re )
 * Laminar λ = 64/Re below Re 2,320.
 */
#include <math.h>

#include "lift_internal.h"

/* rm_friction_law entry: λ of flow f by Haaland's formula (see top), 64/Re when laminar;
 * fails on bad flow input. */
static rm_status haaland_darcy(const rm_pipe_flow *f, double *lambda, rm_error *err)
{
    double re, rel;
    rm_status st = lift_reynolds(f, &re, &rel, err);
    if (st)
        return st;
    if (re < RM_LIFT_RE_LAMINAR) {
        *lambda = 64.0 / re;
        return RM_OK;
    }
    double x = -1.8 * log10(pow(rel / 3.7, 1.11) + 6.9 / re);
    *lambda = 1.0 / (x * x);
    return RM_OK;
}

const rm_friction_law lift_friction_haaland_type = {"haaland", haaland_darcy};
const rm_friction_law *const rm_friction_haaland = &lift_friction_haaland_type;
