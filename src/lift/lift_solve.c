/* lift_solve.c — rm_lift_solve, the dispatch to a system's solve after the
 * parameter check, and the specific energy at a rate (one solve).  Systems
 * call lift_solve_system (riser.c) instead, which skips the check that
 * refers to the systems by name; nothing here calls a system directly.
 */
#include <math.h>
#include <string.h>

#include "lift_internal.h"

rm_status rm_lift_solve(const rm_lift_params *p, rm_lift_result *r, rm_error *err)
{
    if (!p || !r)
        return rm_error_set(err, RM_EINVAL, "lift: no parameters or result");
    memset(r, 0, sizeof *r);
    rm_status st = rm_lift_params_check(p, err);
    if (st)
        return st;
    return lift_solve_system(p, r, err);
}

rm_status rm_lift_specific_energy(const rm_lift_params *p, double rate_dry_tph,
                                  double *kwh_per_t, rm_error *err)
{
    if (!p || !kwh_per_t)
        return rm_error_set(err, RM_EINVAL, "specific energy: no parameters or output");
    if (p->fluid != RM_LIFT_FLUID_SLURRY)
        return rm_error_set(err, RM_EINVAL, "specific energy per dry tonne needs a slurry");
    if (!(rate_dry_tph > 0.0) || !isfinite(rate_dry_tph))
        return rm_error_set(err, RM_EPHYS, "dry rate %g t/h must be > 0", rate_dry_tph);
    rm_lift_params q = *p;
    q.rate_dry_tph = rate_dry_tph;
    q.air_kg_s = 0.0;
    q.profile_points = 0;
    rm_lift_result r;
    rm_status st = rm_lift_solve(&q, &r, err);
    if (st)
        return st;
    *kwh_per_t = r.specific_energy_kwh_per_t;
    rm_lift_result_free(&r);
    return RM_OK;
}
