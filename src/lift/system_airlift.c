#include "lift_internal.h"
static rm_status airlift_solve(const rm_lift_params *p, rm_lift_result *r, rm_error *err)
{ (void)p; (void)r; return rm_error_set(err, RM_EINTERNAL, "todo"); }
rm_status lift_airlift_max_rate(const rm_lift_params *p, double power_w, double *rate, rm_error *err)
{ (void)p; (void)power_w; (void)rate; return rm_error_set(err, RM_EINTERNAL, "todo"); }
const rm_lift_system lift_system_airlift_type = {"airlift", airlift_solve};
const rm_lift_system *const rm_lift_airlift = &lift_system_airlift_type;
