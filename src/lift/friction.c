/* friction.c — the friction-law family: list, lookup by name, and the
 * Reynolds-number helper every law shares. */
#include <math.h>
#include <strings.h>

#include "lift_internal.h"

const rm_friction_law *const rm_friction_laws[] = {
    &lift_friction_colebrook_type, &lift_friction_haaland_type,
    &lift_friction_swamee_jain_type, &lift_friction_bingham_darby_type, NULL};

const rm_friction_law *rm_friction_law_by_name(const char *name)
{
    for (size_t i = 0; name && rm_friction_laws[i]; i++)
        if (!strcasecmp(name, rm_friction_laws[i]->name))
            return rm_friction_laws[i];
    return NULL;
}

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

rm_status rm_friction_darcy_newtonian(const rm_friction_law *law, double reynolds,
                                      double rel_roughness, double *lambda, rm_error *err)
{
    if (!law || !lambda)
        return rm_error_set(err, RM_EINVAL, "friction: no law or output given");
    if (!(reynolds > 0.0) || !isfinite(reynolds))
        return rm_error_set(err, RM_EINVAL, "friction: Reynolds number %g is not > 0",
                            reynolds);
    /* A unit pipe with unit density and velocity has Re = 1/μ. */
    rm_pipe_flow f = {1.0, 1.0, 1.0, rel_roughness, 1.0 / reynolds, 0.0};
    return law->darcy(&f, lambda, err);
}
