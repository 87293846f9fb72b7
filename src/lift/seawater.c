/* seawater.c — a compressible liquid of constant bulk modulus K:
 *     dρ/dp = ρ/K  ⇒  ρ(p) = ρ0 exp(p/K)            (p gauge)
 * and its hydrostatic column, from dp/dz = ρ g:
 *     exp(−p/K) = 1 − ρ0 g z / K  ⇒  p = −K ln(1 − ρ0 g z / K).
 * With ρ0 = 1,025 kg/m³ and K = 2.3 GPa (docs/references.md §3; seawater's
 * secant bulk modulus at 0–60 MPa, UNESCO 1981 equation of state) this gives
 * 16.1 MPa at 1,600 m and 58.0 MPa at 5,700 m.
 */
#include <math.h>

#include "lift_internal.h"

double lift_liquid_density(double rho0, double bulk_modulus_pa, double p_abs)
{
    double pg = p_abs - RM_LIFT_P_ATM;
    return bulk_modulus_pa > 0.0 ? rho0 * exp(pg / bulk_modulus_pa) : rho0;
}

double lift_hydrostatic_gauge(double depth_m, double rho0, double bulk_modulus_pa)
{
    if (depth_m <= 0.0)
        return 0.0;
    if (!(bulk_modulus_pa > 0.0))
        return rho0 * RM_LIFT_G * depth_m;
    return -bulk_modulus_pa * log1p(-rho0 * RM_LIFT_G * depth_m / bulk_modulus_pa);
}

rm_status rm_lift_hydrostatic_pa(double depth_m, double rho0_kg_m3, double bulk_modulus_pa,
                                 double *pressure_pa, rm_error *err)
{
    if (!pressure_pa)
        return rm_error_set(err, RM_EINVAL, "hydrostatic: no output");
    if (!(depth_m >= 0.0) || !isfinite(depth_m))
        return rm_error_set(err, RM_EPHYS, "depth %g m must be >= 0", depth_m);
    if (!(rho0_kg_m3 > 0.0) || !isfinite(rho0_kg_m3))
        return rm_error_set(err, RM_EINVAL, "density %g kg/m3 must be > 0", rho0_kg_m3);
    if (!(bulk_modulus_pa >= 0.0) || !isfinite(bulk_modulus_pa))
        return rm_error_set(err, RM_EINVAL, "bulk modulus %g Pa must be >= 0 (0 = incompressible)",
                            bulk_modulus_pa);
    if (bulk_modulus_pa > 0.0 && rho0_kg_m3 * RM_LIFT_G * depth_m >= bulk_modulus_pa)
        return rm_error_set(err, RM_EPHYS, "depth %g m is beyond the liquid model's range",
                            depth_m);
    *pressure_pa = lift_hydrostatic_gauge(depth_m, rho0_kg_m3, bulk_modulus_pa);
    return RM_OK;
}
