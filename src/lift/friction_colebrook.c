/* friction_colebrook.c — Colebrook (1939) implicit friction law.
 *
 * C. F. Colebrook, "Turbulent flow in pipes, with particular reference to the
 * transition region between the smooth and rough pipe laws", J. Inst. Civil
 * Eng. 11 (1939) 133–156:
 *     1/√λ = −2 log10( (ε/D)/3.7 + 2.51 / (Re √λ) )
 * solved by Newton iteration on x = 1/√λ from the Swamee–Jain estimate.
 * Laminar λ = 64/Re below Re 2,320 (Hagen–Poiseuille).
 */
#include <math.h>

#include "lift_internal.h"

/* Darcy λ from Colebrook's equation (see top) at Reynolds number re and relative
 * roughness rel = ε/D, by Newton on x = 1/√λ from Swamee–Jain; 64/Re when laminar. re >
 * 0. */
static double colebrook(double re, double rel)
{
    if (re < RM_LIFT_RE_LAMINAR)
        return 64.0 / re;
    /* Start from Swamee–Jain, then Newton on
     * g(x) = x + 2 log10(rel/3.7 + 2.51 x / Re). */
    double t = log10(rel / 3.7 + 5.74 / pow(re, 0.9));
    double x = 1.0 / sqrt(0.25 / (t * t));
    for (int it = 0; it < 50; it++) {
        double a = rel / 3.7 + 2.51 * x / re;
        double g = x + 2.0 * log10(a);
        double dg = 1.0 + 2.0 / (M_LN10 * a) * 2.51 / re;
        double step = g / dg;
        x -= step;
        if (fabs(step) < 1e-14 * x)
            break;
    }
    return 1.0 / (x * x);
}

/* rm_friction_law entry: λ of flow f by Colebrook; fails on bad flow input. */
static rm_status colebrook_darcy(const rm_pipe_flow *f, double *lambda, rm_error *err)
{
    double re, rel;
    rm_status st = lift_reynolds(f, &re, &rel, err);
    if (st)
        return st;
    *lambda = colebrook(re, rel);
    return RM_OK;
}

const rm_friction_law lift_friction_colebrook_type = {"colebrook", colebrook_darcy};
const rm_friction_law *const rm_friction_colebrook = &lift_friction_colebrook_type;
