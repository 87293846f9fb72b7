/* lift.h — steady 1-D riser hydraulics: how much pressure, power and energy
 * per dry tonne it takes to lift mud slurry (or water) up a riser.
 *
 * Three lift systems share one parameter block and one result:
 *   closed-loop  seawater pumped down one pipe from the vessel, slurry up the
 *                other (pipe or annulus): the Chikyu 2026 system;
 *   pump         subsea / booster pumps in the riser at given depths;
 *   airlift      compressed air injected at a depth; drift-flux two-phase
 *                flow, solved as a boundary-value problem.
 *
 * Geometry (metres, positive numbers): the riser inlet is depth_m below the
 * free surface, its outlet outlet_height_m above it; air enters
 * injection_depth_m below the free surface.  A field riser has depth 5,700 m
 * and outlet height ~0; a laboratory airlift has depth = submergence.
 *
 * Families of methods are const tables of function pointers, as in GSL's
 * gsl_interp_type: friction laws (rm_friction_law), rheology laws
 * (rm_rheology_law) and lift systems (rm_lift_system).  A new method is one
 * file and one table.
 *
 * Units are SI throughout (Pa, m, kg/s, W) except where a name says
 * otherwise (rate_dry_tph = dry tonnes per hour, kWh per dry tonne).
 * Equations and sources: docs/lift.md.
 */
#ifndef REEMUD_LIFT_H
#define REEMUD_LIFT_H

#include <stddef.h>

#include "reemud/config.h"
#include "reemud/core.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RM_LIFT_G 9.80665          /* standard gravity, m/s² */
#define RM_LIFT_P_ATM 101325.0     /* standard atmosphere, Pa */
#define RM_LIFT_MAX_PUMPS 16

/* ---- Friction laws: Darcy friction factor of a pipe flow ---- */

/* One pipe flow as friction laws see it.  Newtonian laws use viscosity_pa_s
 * and ignore yield_stress_pa; Bingham laws use both (viscosity = plastic
 * viscosity). */
typedef struct rm_pipe_flow {
    double density_kg_m3;
    double velocity_m_s;      /* mean velocity (sign ignored) */
    double diameter_m;        /* hydraulic diameter */
    double roughness_m;       /* absolute wall roughness */
    double viscosity_pa_s;    /* Newtonian or plastic viscosity */
    double yield_stress_pa;   /* Bingham yield stress, 0 for Newtonian */
} rm_pipe_flow;

typedef struct rm_friction_law {
    const char *name;
    /* Darcy friction factor λ (Δp = λ L ρ V² / 2D).  Fails on non-finite
     * or non-positive input. */
    rm_status (*darcy)(const rm_pipe_flow *flow, double *lambda, rm_error *err);
} rm_friction_law;

extern const rm_friction_law *const rm_friction_colebrook;    /* Colebrook 1939 */
extern const rm_friction_law *const rm_friction_haaland;      /* Haaland 1983 */
extern const rm_friction_law *const rm_friction_swamee_jain;  /* Swamee & Jain 1976 */
extern const rm_friction_law *const rm_friction_bingham_darby; /* Buckingham–Reiner + Darby et al. 1992 */
/* NULL-terminated list of all friction laws, and lookup by name. */
extern const rm_friction_law *const rm_friction_laws[];
const rm_friction_law *rm_friction_law_by_name(const char *name);

/* λ of a Newtonian flow from Re and relative roughness ε/D (laminar 64/Re
 * below Re 2,320 for every law). */
rm_status rm_friction_darcy_newtonian(const rm_friction_law *law, double reynolds,
                                      double rel_roughness, double *lambda,
                                      rm_error *err);

/* ---- Rheology laws: slurry yield stress and plastic viscosity vs solids ---- */

typedef struct rm_rheology_coeffs {
    double yield_a_pa;          /* τy = A φ^n: A (Pa) */
    double yield_n;             /*             n */
    double viscosity_b;         /* μp = μw exp(B φ): B */
    double liquid_viscosity_pa_s; /* μw, the carrier liquid */
} rm_rheology_coeffs;

typedef struct rm_rheology_law {
    const char *name;
    /* Yield stress (Pa) and plastic viscosity (Pa·s) at solids volume
     * fraction phi in [0, 1). */
    void (*eval)(const rm_rheology_coeffs *c, double phi, double *yield_stress_pa,
                 double *plastic_viscosity_pa_s);
} rm_rheology_law;

extern const rm_rheology_law *const rm_rheology_power_exp; /* τy = A φ^n, μp = μw e^{Bφ} */
extern const rm_rheology_law *const rm_rheology_thomas;    /* τy = A φ^n, μp = μw·Thomas 1965 */
extern const rm_rheology_law *const rm_rheology_newtonian; /* τy = 0, μ = μw */
extern const rm_rheology_law *const rm_rheology_laws[];
const rm_rheology_law *rm_rheology_law_by_name(const char *name);

/* ---- Seawater and slip ---- */

/* Gauge pressure at depth_m in a fluid of surface density rho0 and constant
 * bulk modulus K (ρ = ρ0 exp(p/K)), i.e. p = −K ln(1 − ρ0 g z / K). */
rm_status rm_lift_hydrostatic_pa(double depth_m, double rho0_kg_m3, double bulk_modulus_pa,
                                 double *pressure_pa, rm_error *err);

/* Terminal settling velocity of a grain (Ferguson & Church 2004). */
rm_status rm_lift_settling_velocity(double grain_diameter_m, double grain_density_kg_m3,
                                    double fluid_density_kg_m3, double fluid_viscosity_pa_s,
                                    double *velocity_m_s, rm_error *err);
/* Richardson–Zaki exponent n(Re_p) (Rowe 1987 fit) and the hindered slip
 * w (1 − φ)^n. */
double rm_lift_richardson_zaki_n(double particle_reynolds);
/* In-situ volume fraction of a slipping solid whose delivered fraction is
 * phi_delivered, in a mixture of volumetric flux j (m/s), with terminal
 * velocity w and R–Z exponent n.  Fails (RM_EPHYS) if the flow cannot
 * carry the grains up. */
rm_status rm_lift_insitu_fraction(double phi_delivered, double flux_m_s,
                                  double terminal_velocity_m_s, double rz_n,
                                  double *phi_insitu, rm_error *err);

/* ---- Parameters and results ---- */

typedef enum rm_lift_fluid {
    RM_LIFT_FLUID_SLURRY = 0,  /* seawater + mud solids */
    RM_LIFT_FLUID_SEAWATER,
    RM_LIFT_FLUID_WATER        /* fresh water (laboratory) */
} rm_lift_fluid;

typedef struct rm_lift_system rm_lift_system;

/* The airlift's two-phase column in risers narrow enough for Taylor
 * bubbles (D* = D/√(σ/gΔρ) ≤ 40); wider risers always use the drift flux.
 * docs/lift.md, "Against the laboratory record", compares them. */
typedef enum rm_lift_column_model {
    RM_LIFT_COLUMN_DRIFT_FLUX = 0,  /* Zuber–Findlay drift flux, slug friction at j */
    RM_LIFT_COLUMN_SLUG_FILM_SHEAR, /* slug unit; the falling film's wall shear
                                     * (Taitel & Barnea 1990) */
    RM_LIFT_COLUMN_SLUG_FILM_WALL,  /* slug unit; the wall carries the film's
                                     * weight (Fernandes et al. 1983) */
    RM_LIFT_COLUMN_SLUG_FILM_FREE   /* slug unit; the pressure carries it */
} rm_lift_column_model;

typedef struct rm_lift_params {
    const rm_lift_system *system;
    /* Geometry */
    double depth_m;             /* riser inlet below the free surface */
    double outlet_height_m;     /* riser outlet above the free surface */
    double diameter_m;          /* riser (up leg) inner diameter */
    double roughness_m;         /* wall roughness */
    /* Closed loop: seawater goes down a pipe of inner diameter
     * down_diameter_m; if annulus is set the slurry rises in the annulus
     * between a riser of inner diameter diameter_m and the down pipe of
     * outer diameter down_outer_diameter_m (hydraulic diameter Do − Di). */
    double down_diameter_m;
    int annulus;
    double down_outer_diameter_m;
    /* Minor loss coefficients (velocity heads) */
    double k_inlet;             /* riser entry from rest */
    double k_collector;         /* closed-loop mining unit / collector */
    /* Fluid */
    rm_lift_fluid fluid;
    double rate_dry_tph;        /* dry solids (slurry) */
    double liquid_kg_s;         /* liquid flow for water / seawater (not airlift) */
    double slurry_density_kg_m3; /* delivered slurry density at the surface */
    double grain_density_kg_m3;
    double insitu_dry_density_kg_m3; /* in-situ mud, dry t per m³ × 1000 */
    double seawater_density_kg_m3;   /* at the surface */
    double water_density_kg_m3;
    double bulk_modulus_pa;     /* of the liquid */
    double liquid_viscosity_pa_s;
    const rm_rheology_law *rheology;
    rm_rheology_coeffs rheo;
    const rm_friction_law *friction;        /* Newtonian liquids */
    const rm_friction_law *friction_bingham; /* slurry with a yield stress */
    /* Coarse fraction (phosphate grains) that slips */
    double coarse_mass_fraction; /* of the dry solids */
    double coarse_diameter_m;
    double coarse_density_kg_m3;
    /* Pumps */
    double pump_efficiency;
    double motor_efficiency;
    size_t n_pumps;                     /* pump lift: 0 = one pump at the inlet */
    double pump_depths_m[RM_LIFT_MAX_PUMPS];
    /* Airlift */
    double air_kg_s;            /* > 0: given air; 0: solve for rate_dry_tph / liquid_kg_s */
    double injection_depth_m;
    double gas_temperature_k;
    double compressor_efficiency; /* over isothermal */
    double high_void_start;     /* void fraction where C0 starts to fall to 1 */
    rm_lift_column_model column_model; /* two-phase column where Taylor bubbles
                                        * exist (D* ≤ 40); larger: drift flux */
    int slug_entry_churn;       /* slug-unit models: churn (drift flux) over Taitel,
                                 * Bornea & Dukler's entrance length above the injector */
    double surface_tension_n_m;
    /* Restart */
    double gel_strength_pa;     /* 0 = the slurry's yield stress */
    /* Output */
    size_t profile_points;      /* 0 = no profile */
} rm_lift_params;

/* One node of the riser profile. */
typedef struct rm_lift_node {
    double depth_m;             /* below the free surface (negative above) */
    double pressure_pa;         /* absolute */
    double density_kg_m3;       /* mixture */
    double liquid_velocity_m_s; /* actual liquid (slurry) velocity */
    double gas_velocity_m_s;    /* actual gas velocity, 0 without gas */
    double mixture_flux_m_s;    /* j = jl + jg */
    double void_fraction;
    double solids_fraction;     /* in-situ solids volume fraction */
} rm_lift_node;

typedef struct rm_lift_result {
    const char *system;          /* name */
    double liquid_mass_flow_kg_s; /* slurry or water delivered */
    double volume_flow_m3_s;      /* liquid (slurry) at the outlet */
    double rate_dry_tph;
    double delivered_solids_fraction;
    double insitu_solids_fraction; /* at the inlet */
    double down_flow_m3_s;        /* closed loop: seawater down */
    double mixture_velocity_m_s;  /* riser, at the inlet */
    double pump_pressure_pa;      /* total pressure added by pumps */
    double static_excess_pa;      /* ∫(ρ_riser − ρ_sw) g dz */
    double friction_pa;           /* all legs */
    double minor_loss_pa;
    double bottom_pressure_pa;    /* absolute, at the riser inlet */
    double hydraulic_power_w;     /* pumps: Δp·Q; airlift: isothermal gas power */
    double shaft_power_w;         /* pump shaft, or compressor shaft */
    double electric_power_w;      /* shaft / motor efficiency */
    double compressor_power_w;    /* airlift, else 0 */
    double air_kg_s;
    double injection_pressure_pa; /* absolute */
    double compressor_pressure_pa; /* absolute, at the surface */
    double outlet_void_fraction;
    double specific_energy_kwh_per_t; /* shaft energy per dry tonne */
    double minimum_power_w;       /* m_s g H (1 − ρsw/ρs) */
    double transit_time_s;        /* inlet to outlet */
    double yield_stress_pa;
    double plastic_viscosity_pa_s;
    double gel_break_pa;          /* restart pressure 4 τ L / Dh */
    double min_pressure_pa;       /* lowest absolute pressure in the riser */
    size_t n_nodes;
    rm_lift_node *nodes;          /* profile, inlet first (owned) */
} rm_lift_result;

struct rm_lift_system {
    const char *name;
    rm_status (*solve)(const rm_lift_params *p, rm_lift_result *r, rm_error *err);
};

extern const rm_lift_system *const rm_lift_closed_loop;
extern const rm_lift_system *const rm_lift_pump;
extern const rm_lift_system *const rm_lift_airlift;
extern const rm_lift_system *const rm_lift_systems[];
const rm_lift_system *rm_lift_system_by_name(const char *name);

/* Defaults for a Minamitorishima riser (5,700 m, closed loop, 350 t/day);
 * each default's source is in lift_config.c and docs/lift.md. */
void rm_lift_params_default(rm_lift_params *p);

/* Check p for non-physical values (RM_EINVAL / RM_EPHYS with a message). */
rm_status rm_lift_params_check(const rm_lift_params *p, rm_error *err);

/* Solve the steady riser for p->system.  r is overwritten; free its
 * profile with rm_lift_result_free.  On failure r holds no NaN and no
 * allocation. */
rm_status rm_lift_solve(const rm_lift_params *p, rm_lift_result *r, rm_error *err);
void rm_lift_result_free(rm_lift_result *r);

/* For each of r's n_nodes profile nodes, the riser's absolute pressure
 * minus the seawater's outside at the same depth (hydrostatic of p's
 * seawater + one atmosphere), into excess_pa; NAN above the sea surface.
 * The hydrostatic part, common to every system, would hide what differs
 * between them (a pump's push, an airlift's suction). */
void rm_lift_profile_excess_pa(const rm_lift_params *p, const rm_lift_result *r,
                               double *excess_pa);

/* Shaft energy per dry tonne (kWh/t) at rate_dry_tph for p's system. */
rm_status rm_lift_specific_energy(const rm_lift_params *p, double rate_dry_tph,
                                  double *kwh_per_t, rm_error *err);

/* The largest dry rate whose shaft power (compressor for airlift) is at most
 * power_w.  RM_EPHYS if the power lifts nothing. */
rm_status rm_lift_max_rate_for_power(const rm_lift_params *p, double power_w,
                                     double *rate_dry_tph, rm_error *err);

/* Physical minimum power to raise solids: m_s g H (1 − ρsw/ρs). */
rm_status rm_lift_minimum_power(double rate_dry_tph, double depth_m,
                                double grain_density_kg_m3, double seawater_density_kg_m3,
                                double *power_w, rm_error *err);

/* Restart (gel-break) pressure Δp = 4 τgel L / Dh. */
rm_status rm_lift_gel_break_pressure(double gel_strength_pa, double length_m,
                                     double hydraulic_diameter_m, double *pressure_pa,
                                     rm_error *err);

/* Read the [lift] section of a project file over the values already in p. */
rm_status rm_lift_params_from_ini(rm_ini *ini, rm_lift_params *p, rm_error *err);

/* ---- Output (src/lift/lift_write.c) ---- */

/* Write a solved riser's summary as JSON to path (atomically): system,
 * geometry, rates, pressures, powers, kWh per dry tonne, restart pressure;
 * max_power_w > 0 is recorded as max_rate_power_w.  NaN is written null. */
rm_status rm_lift_write_summary(const char *path, const rm_lift_params *p,
                                const rm_lift_result *r, double max_power_w, rm_error *err);
/* Write r's profile as CSV to path (atomically): depth_m, pressure_pa,
 * density_kg_m3, liquid/gas velocities, mixture flux, void and solids
 * fractions, one row per node. */
rm_status rm_lift_write_profile(const char *path, const rm_lift_result *r, rm_error *err);
/* Record p's system, geometry, rate, slurry density, air rate, injection
 * depth and outlet height as run.json parameters of ri (`reemud lift` and
 * the library's lift stage write the same keys). */
void rm_lift_runinfo_params(rm_runinfo *ri, const rm_lift_params *p);

/* ---- Sweeps ---- */

typedef struct rm_lift_sweep_row {
    double rate_dry_tph;        /* or the liquid rate for water */
    double diameter_m;
    double injection_depth_m;
    double air_kg_s;
    rm_status status;           /* RM_OK, or why the point failed */
    rm_lift_result result;      /* without profile */
} rm_lift_sweep_row;

/* Solve every combination of rates × diameters × injection depths (an
 * empty list keeps p's value).  rows must hold n_rates·n_diam·n_inj
 * entries (each count at least 1 after substitution); filled in order rate
 * fastest.  Points run in parallel with OpenMP; the output does not depend
 * on the thread count.  Individual failures are recorded per row. */
rm_status rm_lift_sweep(const rm_lift_params *p, const double *rates, size_t n_rates,
                        const double *diameters, size_t n_diameters,
                        const double *injection_depths, size_t n_injection,
                        rm_lift_sweep_row *rows, rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
