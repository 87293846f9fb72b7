/* lift_systems.c — the lift-system family: the table of systems and the
 * lookup by name.  A new system is one file (system_*.c) and one entry
 * here.  The table only refers to the systems; the systems call the shared
 * helpers of riser.c and never this file, and the [lift] section
 * (lift_config.c) looks a system up here.
 */
#include <string.h>

#include "lift_internal.h"

const rm_lift_system *const rm_lift_systems[] = {
    &lift_system_closed_loop_type, &lift_system_pump_type, &lift_system_airlift_type, NULL};

const rm_lift_system *rm_lift_system_by_name(const char *name)
{
    for (size_t i = 0; name && rm_lift_systems[i]; i++)
        if (!strcmp(name, rm_lift_systems[i]->name))
            return rm_lift_systems[i];
    return NULL;
}
