/* friction_common.c — what the friction laws share: the Reynolds number
 * and relative roughness of a flow, checked.  The laws (friction_*.c) and
 * the family's table (friction.c) use this file; it uses neither.
 */
#include <math.h>

#include "lift_internal.h"

rm_status lift_reynolds(const rm_pipe_flow *f, double *re, double *rel, rm_error *err)
{
    if (!f)
        return rm_error_set(err, RM_EINVAL, "friction: no flow given");
    double v = fabs(f->velocity_m_s);
    if (!(f->density_kg_m3 > 0.0) || !(f->diameter_m > 0.0) || !(f->viscosity_pa_s > 0.0) ||
        !(v > 0.0) || !isfinite(v) || !isfinite(f->density_kg_m3) ||
        !isfinite(f->diameter_m) || !isfinite(f->viscosity_pa_s))
        return rm_error_set(err, RM_EINVAL,
                            "friction: density %g, velocity %g, diameter %g and viscosity %g "
                            "must be finite and > 0",
                            f->density_kg_m3, f->velocity_m_s, f->diameter_m,
                            f->viscosity_pa_s);
    if (!(f->roughness_m >= 0.0) || !isfinite(f->roughness_m))
        return rm_error_set(err, RM_EINVAL, "friction: roughness %g m is not >= 0",
                            f->roughness_m);
    *re = f->density_kg_m3 * v * f->diameter_m / f->viscosity_pa_s;
    *rel = f->roughness_m / f->diameter_m;
    return RM_OK;
}
