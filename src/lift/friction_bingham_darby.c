/* friction_bingham_darby.c — Bingham plastic pipe friction for all Reynolds
 * numbers.
 *
 * Laminar: Buckingham–Reiner (Buckingham 1921), written with the plug ratio
 * ξ = τy/τw as
 *     8 Re ξ = He (1 − 4ξ/3 + ξ⁴/3),       f_L = 2 He / (ξ Re²)   (Fanning)
 * which is the same equation as f_L = 16/Re [1 + He/(6Re) − He⁴/(3 f_L³ Re⁷)]
 * but has a unique root in (0, 1), found by Newton's method from ξ = 0
 * (monotone: the residual is decreasing and convex on (0, 1)).
 * Turbulent: R. Darby, R. Mun and D. V. Boger, "Predict friction loss in
 * slurry pipes", Chem. Eng. 99(9) (1992) 116–119:
 *     f_T = 10^a Re^−0.193,  a = −1.47 [1 + 0.146 exp(−2.9×10⁻⁵ He)]
 * blended as f = (f_L^m + f_T^m)^(1/m), m = 1.7 + 40,000/Re.
 * Re = ρVD/μp, He = ρD²τy/μp².  Returns the Darcy factor λ = 4f.
 * With τy = 0 this reduces to 16/Re blended with Darby's smooth-pipe law.
 */
#include <math.h>

#include "lift_internal.h"

/* Plug ratio ξ of Buckingham's equation h(ξ) = He (1 − 4ξ/3 + ξ⁴/3) − 8 Re ξ.
 * h(0) = He > 0, h(1) = −8Re < 0, h' < 0 and h'' = 4 He ξ² ≥ 0 on (0, 1):
 * h is decreasing and convex, so Newton's method started at ξ = 0 rises
 * monotonically to the one root without overshooting it (each tangent
 * lies below the curve), converging quadratically. */
static rm_status plug_ratio(double re, double he, double *xi, rm_error *err)
{
    double x = 0.0;
    for (int it = 0; it < 100; it++) {
        double x2 = x * x;
        double h = he * (1.0 - 4.0 * x / 3.0 + x2 * x2 / 3.0) - 8.0 * re * x;
        double dh = he * (-4.0 / 3.0 + 4.0 * x2 * x / 3.0) - 8.0 * re;
        double step = -h / dh;
        if (!isfinite(step))
            break;
        x += step;
        if (step <= 1e-14 * x + 1e-300) {
            *xi = x;
            return RM_OK;
        }
    }
    return rm_error_set(err, RM_ENOCONV, "Buckingham–Reiner: no convergence");
}

rm_status lift_bingham_laminar_fanning(double re, double he, double *f, rm_error *err)
{
    if (he <= 0.0) {
        *f = 16.0 / re;
        return RM_OK;
    }
    double xi = 0.0;
    rm_status st = plug_ratio(re, he, &xi, err);
    if (st)
        return st;
    *f = 2.0 * he / (xi * re * re);
    return RM_OK;
}

/* Darcy factor λ = 4f of a Bingham flow (see top): Buckingham–Reiner f_L blended with
 * Darby's f_T; fails on bad flow input or a negative yield stress. */
static rm_status darby_darcy(const rm_pipe_flow *fl, double *lambda, rm_error *err)
{
    double re, rel;
    rm_status st = lift_reynolds(fl, &re, &rel, err);
    if (st)
        return st;
    if (!(fl->yield_stress_pa >= 0.0) || !isfinite(fl->yield_stress_pa))
        return rm_error_set(err, RM_EINVAL, "friction: yield stress %g Pa is not >= 0",
                            fl->yield_stress_pa);
    double mu = fl->viscosity_pa_s, d = fl->diameter_m;
    double he = fl->density_kg_m3 * d * d * fl->yield_stress_pa / (mu * mu);
    double f_l;
    st = lift_bingham_laminar_fanning(re, he, &f_l, err);
    if (st)
        return st;
    double a = -1.47 * (1.0 + 0.146 * exp(-2.9e-5 * he));
    double f_t = pow(10.0, a) * pow(re, -0.193);
    double m = 1.7 + 40000.0 / re;
    /* Scale before the power: f^m underflows for large m at low Re. */
    double big = fmax(f_l, f_t);
    double f = big * pow(pow(f_l / big, m) + pow(f_t / big, m), 1.0 / m);
    *lambda = 4.0 * f;
    return RM_OK;
}

const rm_friction_law lift_friction_bingham_darby_type = {"bingham-darby", darby_darcy};
const rm_friction_law *const rm_friction_bingham_darby = &lift_friction_bingham_darby_type;
