/* friction_swamee_jain.c — Swamee & Jain (1976) explicit friction law.
 *
 * P. K. Swamee and A. K. Jain, "Explicit equations for pipe-flow problems",
 * J. Hydraulics Div. ASCE 102 (1976) 657–664:
 *     λ = 0.25 / [ log10( (ε/D)/3.7 + 5.74 / Re^0.9 ) ]²
 * Laminar λ = 64/Re below Re 2,320.
 */
#include <math.h>

#include "lift_internal.h"

/* rm_friction_law entry: λ of flow f by Swamee and Jain's formula (see top), 64/Re when
 * laminar; fails on bad flow input. */
static rm_status swamee_jain_darcy(const rm_pipe_flow *f, double *lambda, rm_error *err)
{
    double re, rel;
    rm_status st = lift_reynolds(f, &re, &rel, err);
    if (st)
        return st;
    if (re < RM_LIFT_RE_LAMINAR) {
        *lambda = 64.0 / re;
        return RM_OK;
    }
    double t = log10(rel / 3.7 + 5.74 / pow(re, 0.9));
    *lambda = 0.25 / (t * t);
    return RM_OK;
}

const rm_friction_law lift_friction_swamee_jain_type = {"swamee-jain", swamee_jain_darcy};
const rm_friction_law *const rm_friction_swamee_jain = &lift_friction_swamee_jain_type;
