/* friction.c — the friction-law family: list, lookup by name, and the
 * Darcy factor of a law at a Reynolds number.  The helper every law shares
 * is in friction_common.c, so the laws never call back into this file. */
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
