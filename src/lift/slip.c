/* slip.c — settling and hindered slip of the coarse fraction (phosphate
 * grains, nodules), and the in-situ vs delivered concentration it causes.
 *
 * Terminal velocity: R. I. Ferguson and M. Church, "A simple universal
 * equation for grain settling velocity", J. Sediment. Res. 74 (2004)
 * 933–937, equation (4):
 *     w = R g d² / ( C1 ν + √(0.75 C2 R g d³) ),  R = (ρs − ρf)/ρf,
 * C1 = 18, C2 = 1.0 for natural (angular) grains.
 * Hindered settling: J. F. Richardson and W. N. Zaki, Trans. Instn Chem.
 * Engrs 32 (1954) 35–53: w_h = w (1 − φ)^n, with n(Re_p) from Rowe (1987),
 * n = (4.7 + 0.41 Re^0.75) / (1 + 0.175 Re^0.75).
 * Drift flux of the solids: u_s = j − w (1 − φ)^n, so a delivered fraction
 * φd needs an in-situ fraction φ with φ (j − w (1 − φ)^n) = φd j.
 */
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "lift_internal.h"

rm_status rm_lift_settling_velocity(double d, double rho_s, double rho_f, double mu,
                                    double *w, rm_error *err)
{
    if (!w)
        return rm_error_set(err, RM_EINVAL, "settling: no output");
    if (!(d > 0.0) || !(rho_f > 0.0) || !(mu > 0.0) || !isfinite(d) || !isfinite(rho_s) ||
        !isfinite(rho_f) || !isfinite(mu))
        return rm_error_set(err, RM_EINVAL,
                            "settling: grain diameter %g m, fluid density %g and viscosity %g "
                            "must be finite and > 0", d, rho_f, mu);
    if (!(rho_s > rho_f))
        return rm_error_set(err, RM_EPHYS,
                            "settling: grain density %g kg/m3 must exceed the fluid's %g",
                            rho_s, rho_f);
    const double c1 = 18.0, c2 = 1.0;
    double r = (rho_s - rho_f) / rho_f, nu = mu / rho_f;
    *w = r * RM_LIFT_G * d * d / (c1 * nu + sqrt(0.75 * c2 * r * RM_LIFT_G * d * d * d));
    return RM_OK;
}

double rm_lift_richardson_zaki_n(double re_p)
{
    double t = pow(re_p > 0.0 ? re_p : 0.0, 0.75);
    return (4.7 + 0.41 * t) / (1.0 + 0.175 * t);
}

typedef struct slip_args {
    double phi_d, j, w, n;
} slip_args;

/* Drift-flux residual h(φ) = φ (j − w (1 − φ)^n) − φd j (see top) for the root finder;
 * params is a slip_args. */
static double slip_residual(double phi, void *params)
{
    const slip_args *a = params;
    return phi * (a->j - a->w * pow(1.0 - phi, a->n)) - a->phi_d * a->j;
}

rm_status rm_lift_insitu_fraction(double phi_d, double j, double w, double n,
                                  double *phi_insitu, rm_error *err)
{
    if (!phi_insitu)
        return rm_error_set(err, RM_EINVAL, "slip: no output");
    if (!(phi_d >= 0.0 && phi_d < 1.0) || !(w >= 0.0) || !(n >= 0.0) || !isfinite(j) ||
        !isfinite(w) || !isfinite(n))
        return rm_error_set(err, RM_EINVAL,
                            "slip: fraction %g must be in [0, 1), slip %g and n %g >= 0",
                            phi_d, w, n);
    if (phi_d == 0.0 || w == 0.0) {
        *phi_insitu = phi_d;
        return RM_OK;
    }
    if (!(j > w))
        return rm_error_set(err, RM_EPHYS,
                            "the mixture flux %.3g m/s cannot carry grains settling at "
                            "%.3g m/s: raise the flow or reduce the grain size", j, w);
    slip_args a = {phi_d, j, w, n};
    gsl_function fn = {slip_residual, &a};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s)
        return rm_error_set(err, RM_ENOMEM, "slip: out of memory");
    rm_status st = RM_ENOCONV;
    /* h(φd) < 0 and h(1) = (1 − φd) j > 0. */
    gsl_root_fsolver_set(s, &fn, phi_d, 1.0);
    for (int it = 0; it < 200; it++) {
        gsl_root_fsolver_iterate(s);
        if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s),
                                   1e-14, 1e-12) == GSL_SUCCESS) {
            *phi_insitu = gsl_root_fsolver_root(s);
            st = RM_OK;
            break;
        }
    }
    gsl_root_fsolver_free(s);
    if (st)
        return rm_error_set(err, st, "slip: in-situ concentration did not converge");
    if (*phi_insitu > 0.6)
        return rm_error_set(err, RM_EPHYS,
                            "coarse grains would pack the riser (in-situ fraction %.2f): "
                            "raise the flow", *phi_insitu);
    return RM_OK;
}
