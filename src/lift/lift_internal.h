/* lift_internal.h — what the lift files share: the method tables' objects,
 * the resolved fluid, the single-phase column integrator and helpers. */
#ifndef REEMUD_LIFT_INTERNAL_H
#define REEMUD_LIFT_INTERNAL_H

#include <math.h>

#include "reemud/lift.h"

#define RM_LIFT_RE_LAMINAR 2320.0
#define RM_LIFT_R_AIR 287.05          /* J/(kg K), dry air */
#define RM_LIFT_P_VAPOUR 2340.0       /* Pa, water at 20 °C: cavitation floor */

extern const rm_friction_law lift_friction_colebrook_type;
extern const rm_friction_law lift_friction_haaland_type;
extern const rm_friction_law lift_friction_swamee_jain_type;
extern const rm_friction_law lift_friction_bingham_darby_type;
extern const rm_rheology_law lift_rheology_power_exp_type;
extern const rm_rheology_law lift_rheology_thomas_type;
extern const rm_rheology_law lift_rheology_newtonian_type;
extern const rm_lift_system lift_system_closed_loop_type;
extern const rm_lift_system lift_system_pump_type;
extern const rm_lift_system lift_system_airlift_type;

/* Re = ρVD/μ and ε/D, checking the flow. */
rm_status lift_reynolds(const rm_pipe_flow *f, double *re, double *rel, rm_error *err);
/* Buckingham–Reiner laminar Fanning factor. */
rm_status lift_bingham_laminar_fanning(double re, double he, double *f, rm_error *err);

/* Liquid density at absolute pressure p (ρ0 at one atmosphere). */
double lift_liquid_density(double rho0, double bulk_modulus_pa, double p_abs);
/* Gauge hydrostatic pressure at depth (0 above the surface). */
double lift_hydrostatic_gauge(double depth_m, double rho0, double bulk_modulus_pa);

/* The lifted liquid, resolved from the parameters. */
typedef struct lift_fluid {
    double carrier_rho0;        /* carrier liquid at one atmosphere */
    double bulk_modulus_pa;
    double ambient_rho0;        /* the liquid outside the riser */
    double grain_density;
    double phi_delivered;       /* solids volume fraction delivered */
    double phi_insitu;          /* in the riser (with coarse slip) */
    double slurry_rho0;         /* delivered density at one atmosphere */
    double yield_stress_pa, viscosity_pa_s;
    double roughness_m;
    const rm_friction_law *law;
    const rm_friction_law *newtonian_law; /* for the carrier alone */
    double carrier_viscosity_pa_s;
    double surface_tension;
    /* coarse fraction */
    double coarse_phi_delivered, coarse_w, coarse_n;
} lift_fluid;

rm_status lift_fluid_resolve(const rm_lift_params *p, lift_fluid *f, rm_error *err);
/* Set phi_insitu for a mixture flux j (m/s) (coarse slip). */
rm_status lift_fluid_slip(lift_fluid *f, double j, rm_error *err);
/* Mixture density in the riser at absolute pressure p. */
double lift_fluid_density(const lift_fluid *f, double p_abs);
/* Liquid mass flow (kg/s) ↔ dry solids (kg/s). */
double lift_dry_from_mass(const lift_fluid *f, double mass_kg_s);
double lift_mass_from_dry(const lift_fluid *f, double dry_kg_s);
/* Friction pressure gradient (Pa/m) of the fluid at density rho, velocity v
 * in a duct of hydraulic diameter dh. */
rm_status lift_friction_gradient(const lift_fluid *f, double rho, double v, double dh,
                                 double *grad, rm_error *err);

/* A single-phase leg integrated in depth z (positive down) with GSL's ODE
 * driver.  State: absolute pressure, accumulated friction, accumulated
 * weight ∫ρ g |dz|, transit time. */
typedef struct lift_leg {
    const lift_fluid *f;
    double mass_kg_s;
    double area_m2, dh_m;
    int flow_up;                /* 1: flow toward the surface */
    int seawater;               /* 1: pure carrier, no solids */
} lift_leg;

typedef struct lift_leg_out {
    double p_end;               /* absolute pressure at z_end */
    double friction_pa, weight_pa, time_s;
    double v_start, v_end;
    double p_min;
} lift_leg_out;

/* Integrate from (z_start, p_start) to z_end.  If nodes is not NULL, fill
 * n_nodes nodes at equal depth steps (z_start first). */
rm_status lift_leg_integrate(const lift_leg *leg, double z_start, double p_start,
                             double z_end, rm_lift_node *nodes, size_t n_nodes,
                             lift_leg_out *out, rm_error *err);
double lift_leg_density(const lift_leg *leg, double p_abs);

/* Fill summary values common to every system (minimum power, gel break,
 * specific energy, rheology) once the system has set its flows and powers. */
void lift_result_finish(const rm_lift_params *p, const lift_fluid *f, double dh_m,
                        rm_lift_result *r);
/* Allocate r->nodes for n nodes (n = 0: none). */
rm_status lift_result_nodes(rm_lift_result *r, size_t n, rm_error *err);

/* Clamp values that must never be NaN in an output. */
int lift_result_finite(const rm_lift_result *r);

/* p->system->solve on checked parameters (rm_lift_params_check passed for
 * p or parameters that differ only in rate, air flow or profile points),
 * then the result's finiteness; on failure *r holds nothing to free.
 * rm_lift_solve is this after the check; a system that solves itself again
 * (the airlift's largest rate) calls this, so that no system calls back
 * into the check that names the systems. */
rm_status lift_solve_system(const rm_lift_params *p, rm_lift_result *r, rm_error *err);

/* Dry rate in kg/s, or the liquid flow for water / seawater. */
double lift_target_mass(const rm_lift_params *p, const lift_fluid *f);

static inline double lift_circle_area(double d) { return 0.25 * M_PI * d * d; }

#endif
