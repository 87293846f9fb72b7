/* system_pump.c — pump lift: slurry drawn in at the riser foot at ambient
 * pressure and pushed up by subsea / booster pumps at given depths (Blue
 * Nodules: boosters every ~1 km; JOGMEC 2017 pump lift from ~1,600 m).
 *
 * Pressure budget (docs/references.md §3): the pumps together add
 *     Δp = ∫(ρ_slurry − ρ_sw) g dz + ρ_slurry g h_out + friction
 *          + (1 + K_inlet) ρ V²/2
 * split equally between the pumps.  The inlet is at the ambient seawater
 * pressure; the outlet discharges at one atmosphere.  The profile is
 * integrated from the inlet upward with a pressure jump at each pump;
 * the total Δp is corrected until the outlet pressure is atmospheric
 * (a fixed point that converges in a few passes because compressibility
 * couples the two only weakly).  A pressure below the vapour pressure
 * anywhere (a pump set too high) is an error: the slurry would cavitate.
 */
#include <stdlib.h>
#include <string.h>

#include "lift_internal.h"

/* qsort order of doubles, descending (pump depths from the deepest up). */
static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* One pass from the inlet up, with dp_total split over the pumps.  Nodes
 * (if any) have their depths set and are filled in order. */
static rm_status pump_pass(const lift_leg *leg, const double *pump_z, size_t n_pumps,
                           double z_in, double z_out, double p_in, double dp_total,
                           rm_lift_node *nodes, size_t n_nodes, lift_leg_out *sum,
                           double *hydraulic_w, rm_error *err)
{
    memset(sum, 0, sizeof *sum);
    sum->p_min = p_in;
    double z = z_in, p = p_in;
    size_t k = 0;
    *hydraulic_w = 0.0;
    for (size_t i = 0; i <= n_pumps; i++) {
        double z_next = i < n_pumps ? pump_z[i] : z_out;
        size_t k0 = k;
        while (k < n_nodes && nodes[k].depth_m >= z_next - 1e-9)
            k++;
        lift_leg_out o;
        rm_status st = lift_leg_integrate(leg, z, p, z_next, nodes ? nodes + k0 : NULL, k - k0,
                                          &o, err);
        if (st)
            return st;
        sum->friction_pa += o.friction_pa;
        sum->weight_pa += o.weight_pa;
        sum->time_s += o.time_s;
        if (o.p_min < sum->p_min)
            sum->p_min = o.p_min;
        if (i == 0)
            sum->v_start = o.v_start;
        p = o.p_end;
        z = z_next;
        if (i < n_pumps) {
            double dp = dp_total / (double)n_pumps;
            double rho = lift_leg_density(leg, p);
            *hydraulic_w += dp * leg->mass_kg_s / rho; /* Δp·Q at the pump */
            p += dp;
        }
    }
    sum->p_end = p;
    sum->v_end = leg->mass_kg_s / (lift_leg_density(leg, p) * leg->area_m2);
    return RM_OK;
}

/* rm_lift_system entry: the total pump Δp (Pa) that brings the slurry from ambient inlet
 * pressure to one atmosphere at the outlet (fixed point, see top), split over the pumps;
 * fills r. RM_EPHYS when the riser would flow by itself or cavitate. */
static rm_status pump_solve(const rm_lift_params *p, rm_lift_result *r, rm_error *err)
{
    lift_fluid f;
    rm_status st = lift_fluid_resolve(p, &f, err);
    if (st)
        return st;
    double mass = lift_target_mass(p, &f);
    if (!(mass > 0.0))
        return rm_error_set(err, RM_EINVAL, "pump lift needs a dry rate (slurry) or a liquid flow");
    double area = lift_circle_area(p->diameter_m);
    st = lift_fluid_slip(&f, mass / f.slurry_rho0 / area, err);
    if (st)
        return st;
    lift_leg leg = {&f, mass, area, p->diameter_m, 1, 0};

    double pump_z[RM_LIFT_MAX_PUMPS];
    size_t n_pumps = p->n_pumps;
    if (n_pumps == 0) {
        pump_z[0] = p->depth_m;
        n_pumps = 1;
    } else {
        memcpy(pump_z, p->pump_depths_m, n_pumps * sizeof *pump_z);
        qsort(pump_z, n_pumps, sizeof *pump_z, cmp_desc);
    }
    double z_in = p->depth_m, z_out = -p->outlet_height_m;
    double p_amb = RM_LIFT_P_ATM + lift_hydrostatic_gauge(z_in, f.ambient_rho0, f.bulk_modulus_pa);
    double rho_in = lift_fluid_density(&f, p_amb);
    double v_in = mass / (rho_in * area);
    double minor = (1.0 + p->k_inlet) * 0.5 * rho_in * v_in * v_in;
    double p_in = p_amb - minor;

    lift_leg_out o;
    double hyd = 0.0, dp = 0.0;
    for (int it = 0; it < 20; it++) {
        st = pump_pass(&leg, pump_z, n_pumps, z_in, z_out, p_in, dp, NULL, 0, &o, &hyd, err);
        if (st)
            return st;
        double miss = RM_LIFT_P_ATM - o.p_end;
        dp += miss;
        if (fabs(miss) < 0.01)
            break;
    }
    if (!(dp > 0.0))
        return rm_error_set(err, RM_EPHYS,
                            "the riser flows by itself (pump pressure %.3g Pa): nothing to pump",
                            dp);
    size_t nn = p->profile_points;
    st = lift_result_nodes(r, nn, err);
    if (st)
        return st;
    for (size_t k = 0; k < nn; k++)
        r->nodes[k].depth_m = z_in + (z_out - z_in) * (double)k / (double)(nn - 1 ? nn - 1 : 1);
    st = pump_pass(&leg, pump_z, n_pumps, z_in, z_out, p_in, dp, r->nodes, nn, &o, &hyd, err);
    if (st)
        return st;
    if (o.p_min < RM_LIFT_P_VAPOUR)
        return rm_error_set(err, RM_EPHYS,
                            "the slurry would cavitate (pressure %.0f Pa below the vapour "
                            "pressure): set the first pump deeper", o.p_min);
    r->liquid_mass_flow_kg_s = mass;
    r->mixture_velocity_m_s = v_in;
    r->pump_pressure_pa = dp;
    r->static_excess_pa = o.weight_pa - (p_amb - RM_LIFT_P_ATM);
    r->friction_pa = o.friction_pa;
    r->minor_loss_pa = minor;
    r->bottom_pressure_pa = p_in;
    r->hydraulic_power_w = hyd;
    r->shaft_power_w = hyd / p->pump_efficiency;
    r->transit_time_s = o.time_s;
    r->min_pressure_pa = o.p_min;
    lift_result_finish(p, &f, p->diameter_m, r);
    return RM_OK;
}

const rm_lift_system lift_system_pump_type = {"pump", pump_solve};
const rm_lift_system *const rm_lift_pump = &lift_system_pump_type;
