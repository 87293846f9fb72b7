/* rheology.c — the rheology-law family: list and lookup by name. */
#include <strings.h>

#include "lift_internal.h"

const rm_rheology_law *const rm_rheology_laws[] = {
    &lift_rheology_power_exp_type, &lift_rheology_thomas_type,
    &lift_rheology_newtonian_type, NULL};

const rm_rheology_law *rm_rheology_law_by_name(const char *name)
{
    for (size_t i = 0; name && rm_rheology_laws[i]; i++)
        if (!strcasecmp(name, rm_rheology_laws[i]->name))
            return rm_rheology_laws[i];
    return NULL;
}
