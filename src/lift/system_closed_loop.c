/* system_closed_loop.c — closed-loop circulation (the Chikyu 2026 system;
 * Miyazaki et al., MMIJ 2023; JAMSTEC patent US 2023/0112110): a ship pump
 * drives seawater down one pipe to the mining unit, where blades mix the
 * mud into it, and the slurry rises in the other pipe (or in the annulus
 * between the riser and the down pipe, hydraulic diameter Do − Di).
 *
 * A U-tube: at the mining unit both legs meet at one pressure,
 *     p_atm + Δp_pump + ∫ρ_sw g dz − F_down = p_atm + ∫ρ_sl g dz + F_up + K_c ρV²/2
 * so the pump supplies the density-contrast head plus both legs' friction
 * plus the collector loss (docs/references.md §3).  Volumes: the slurry flow
 * Q_up = ṁs/(φ ρs); the mud enters at its in-situ dry density ρd, Q_mud =
 * ṁs/ρd, so the seawater sent down is Q_down = Q_up − Q_mud.  The mud
 * enters the mining unit, which stands at p_bottom above the ambient
 * pressure, so its displacement work (p_bottom − p_amb)·Q_mud is counted
 * in the hydraulic power beside Δp_pump·Q_down; with it the closed loop
 * obeys the same energy balance as pump lift plus the down leg's friction.
 */
#include <string.h>

#include "lift_internal.h"

/* rm_lift_system entry: the ship-pump Δp (Pa) that balances the U-tube at the mining
 * unit (see top) for the target rate, with the up leg in the riser or the annulus; fills
 * r. RM_EPHYS when no seawater would go down or the loop would circulate by itself. */
static rm_status closed_loop_solve(const rm_lift_params *p, rm_lift_result *r, rm_error *err)
{
    lift_fluid f;
    rm_status st = lift_fluid_resolve(p, &f, err);
    if (st)
        return st;
    double mass_up = lift_target_mass(p, &f);
    if (!(mass_up > 0.0))
        return rm_error_set(err, RM_EINVAL,
                            "closed loop needs a dry rate (slurry) or a liquid flow");
    double q_up = mass_up / f.slurry_rho0;
    double dry = lift_dry_from_mass(&f, mass_up);
    double q_mud = p->fluid == RM_LIFT_FLUID_SLURRY ? dry / p->insitu_dry_density_kg_m3 : 0.0;
    double q_down = q_up - q_mud;
    if (!(q_down > 0.0))
        return rm_error_set(err, RM_EPHYS,
                            "a slurry of %g kg/m3 is denser than the in-situ mud diluted by "
                            "any seawater: lower --slurry-density", p->slurry_density_kg_m3);
    double area_up, dh_up;
    if (p->annulus) {
        area_up = lift_circle_area(p->diameter_m) - lift_circle_area(p->down_outer_diameter_m);
        dh_up = p->diameter_m - p->down_outer_diameter_m;
    } else {
        area_up = lift_circle_area(p->diameter_m);
        dh_up = p->diameter_m;
    }
    st = lift_fluid_slip(&f, q_up / area_up, err);
    if (st)
        return st;
    lift_leg up = {&f, mass_up, area_up, dh_up, 1, 0};
    lift_leg down = {&f, q_down * f.carrier_rho0, lift_circle_area(p->down_diameter_m),
                     p->down_diameter_m, 0, 1};
    double z_bot = p->depth_m, z_out = -p->outlet_height_m;

    /* Up leg from the outlet down to the mining unit. */
    lift_leg_out ou;
    st = lift_leg_integrate(&up, z_out, RM_LIFT_P_ATM, z_bot, NULL, 0, &ou, err);
    if (st)
        return st;
    double rho_b = lift_leg_density(&up, ou.p_end);
    double v_b = mass_up / (rho_b * area_up);
    double minor = p->k_collector * 0.5 * rho_b * v_b * v_b;
    double p_bottom = ou.p_end + minor;

    /* Down leg from the pump at the surface: find Δp_pump. */
    lift_leg_out od;
    double dp = 0.0;
    for (int it = 0; it < 20; it++) {
        st = lift_leg_integrate(&down, 0.0, RM_LIFT_P_ATM + dp, z_bot, NULL, 0, &od, err);
        if (st)
            return st;
        double miss = p_bottom - od.p_end;
        dp += miss;
        if (fabs(miss) < 0.01)
            break;
    }
    if (!(dp > 0.0))
        return rm_error_set(err, RM_EPHYS,
                            "the loop circulates by itself (pump pressure %.3g Pa)", dp);
    double p_amb = RM_LIFT_P_ATM + lift_hydrostatic_gauge(z_bot, f.ambient_rho0, f.bulk_modulus_pa);

    /* Profile of the riser (up leg), inlet first. */
    size_t nn = p->profile_points;
    st = lift_result_nodes(r, nn, err);
    if (st)
        return st;
    if (nn) {
        for (size_t k = 0; k < nn; k++)
            r->nodes[k].depth_m = z_bot + (z_out - z_bot) * (double)k / (double)(nn - 1 ? nn - 1 : 1);
        lift_leg_out tmp;
        st = lift_leg_integrate(&up, z_bot, ou.p_end, z_out, r->nodes, nn, &tmp, err);
        if (st)
            return st;
    }
    double rho_pump = lift_liquid_density(f.carrier_rho0, f.bulk_modulus_pa, RM_LIFT_P_ATM + dp);
    double collector_w = p_bottom > p_amb ? (p_bottom - p_amb) * q_mud : 0.0;
    r->liquid_mass_flow_kg_s = mass_up;
    r->down_flow_m3_s = down.mass_kg_s / rho_pump;
    r->mixture_velocity_m_s = v_b;
    r->pump_pressure_pa = dp;
    r->static_excess_pa = ou.weight_pa - od.weight_pa;
    r->friction_pa = ou.friction_pa + od.friction_pa;
    r->minor_loss_pa = minor;
    r->bottom_pressure_pa = p_bottom;
    r->hydraulic_power_w = dp * r->down_flow_m3_s + collector_w;
    r->shaft_power_w = r->hydraulic_power_w / p->pump_efficiency;
    r->transit_time_s = ou.time_s;
    r->min_pressure_pa = fmin(ou.p_min, od.p_min);
    lift_result_finish(p, &f, dh_up, r);
    return RM_OK;
}

const rm_lift_system lift_system_closed_loop_type = {"closed-loop", closed_loop_solve};
const rm_lift_system *const rm_lift_closed_loop = &lift_system_closed_loop_type;
