/* lift_max_rate.c — the largest dry rate a shaft power lifts: Brent's
 * method on rm_lift_solve for the closed loop and the pump, the airlift's
 * own search (system_airlift.c) for the airlift.
 */
#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "lift_internal.h"

/* Shaft power at a dry rate, for the root finder. */
typedef struct power_ctx {
    rm_lift_params q;
    double target_w;
    rm_status st;
    rm_error err;
} power_ctx;

/* Shaft power (W) at dry rate (t/h) minus the target, for the root finder (params is a
 * power_ctx); a solve failure is kept in the context and returns 1e30 ("too much"). */
static double power_residual(double rate, void *params)
{
    power_ctx *c = params;
    c->q.rate_dry_tph = rate;
    rm_lift_result r;
    rm_status st = rm_lift_solve(&c->q, &r, &c->err);
    if (st) {
        c->st = st;
        return 1e30; /* treat as "too much" so the bracket shrinks below it */
    }
    double w = r.shaft_power_w;
    rm_lift_result_free(&r);
    return w - c->target_w;
}

rm_status lift_airlift_max_rate(const rm_lift_params *p, double power_w, double *rate,
                                rm_error *err);

rm_status rm_lift_max_rate_for_power(const rm_lift_params *p, double power_w,
                                     double *rate_dry_tph, rm_error *err)
{
    if (!p || !rate_dry_tph)
        return rm_error_set(err, RM_EINVAL, "max rate: no parameters or output");
    if (p->fluid != RM_LIFT_FLUID_SLURRY)
        return rm_error_set(err, RM_EINVAL, "the largest dry rate needs a slurry");
    if (!(power_w > 0.0) || !isfinite(power_w))
        return rm_error_set(err, RM_EPHYS, "power %g W must be > 0", power_w);
    rm_status st = rm_lift_params_check(p, err);
    if (st)
        return st;
    if (p->system == rm_lift_airlift)
        return lift_airlift_max_rate(p, power_w, rate_dry_tph, err);
    power_ctx c;
    memset(&c, 0, sizeof c);
    c.q = *p;
    c.q.profile_points = 0;
    c.target_w = power_w;
    /* The smallest rate the riser can carry at all (slow flows may drop
     * the coarse grains), then a bracket above the power. */
    double lo = 1e-3, res = 0.0;
    for (;;) {
        c.st = RM_OK;
        res = power_residual(lo, &c);
        if (c.st == RM_OK || lo > 1e7)
            break;
        lo *= 2.0;
    }
    if (c.st)
        return rm_error_set(err, c.st, "no rate can be lifted: %s", c.err.message);
    if (res >= 0.0)
        return rm_error_set(err, RM_EPHYS, "%g W cannot lift even %.3g t/h, the least this "
                            "riser carries", power_w, lo);
    double hi = 2.0 * lo;
    while (power_residual(hi, &c) < 0.0) {
        hi *= 2.0;
        if (hi > 1e9)
            return rm_error_set(err, RM_EPHYS, "no rate up to 1e9 t/h uses %g W", power_w);
    }
    gsl_function fn = {power_residual, &c};
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s)
        return rm_error_set(err, RM_ENOMEM, "max rate: out of memory");
    gsl_root_fsolver_set(s, &fn, lo, hi);
    st = RM_ENOCONV;
    for (int it = 0; it < 200; it++) {
        gsl_root_fsolver_iterate(s);
        double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
        if (gsl_root_test_interval(a, b, 1e-9, 1e-7) == GSL_SUCCESS) {
            *rate_dry_tph = a; /* the lower end keeps the power within the budget */
            st = RM_OK;
            break;
        }
    }
    gsl_root_fsolver_free(s);
    if (st)
        return rm_error_set(err, st, "max rate: no convergence");
    return RM_OK;
}
