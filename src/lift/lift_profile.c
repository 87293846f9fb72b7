/* lift_profile.c — values derived from a solved profile for the report:
 * the riser's pressure above the seawater outside. */
#include <math.h>

#include "lift_internal.h"

void rm_lift_profile_excess_pa(const rm_lift_params *p, const rm_lift_result *r,
                               double *excess_pa)
{
    for (size_t k = 0; k < r->n_nodes; k++) {
        double pa = NAN, d = r->nodes[k].depth_m;
        if (d >= 0 && rm_lift_hydrostatic_pa(d, p->seawater_density_kg_m3, p->bulk_modulus_pa,
                                             &pa, NULL))
            pa = NAN;
        excess_pa[k] = r->nodes[k].pressure_pa - (pa + RM_LIFT_P_ATM);
    }
}
