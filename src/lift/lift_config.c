/* lift_config.c — default lift parameters with their sources, the
 * parameter check, and the [lift] section of the project file.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lift_internal.h"

void rm_lift_params_default(rm_lift_params *p)
{
    memset(p, 0, sizeof *p);
    p->system = rm_lift_closed_loop;     /* the Chikyu 2026 system (docs/references.md §2) */
    p->depth_m = 5700.0;                 /* seabed at the 2026 test site (§2) */
    p->outlet_height_m = 0.0;
    p->diameter_m = 0.3;                 /* riser of the §3 pump check case */
    p->roughness_m = 4.6e-5;             /* commercial steel (Moody 1944) */
    p->down_diameter_m = 0.25;           /* approx.: seawater supply pipe */
    p->annulus = 0;
    p->down_outer_diameter_m = 0.1397;   /* 5½-inch drill pipe, if annulus */
    p->k_inlet = 0.5;                    /* sharp-edged entrance (Idelchik) */
    p->k_collector = 2.0;                /* approx.: mixing chamber, bends */
    p->fluid = RM_LIFT_FLUID_SLURRY;
    p->rate_dry_tph = 350.0 / 24.0;      /* 2027 trial, 350 t/day (§2) */
    p->liquid_kg_s = 0.0;
    /* Delivered slurry 1,150 kg/m³ ≈ 8.5 vol % solids: the §3 pump case,
     * typical of hydraulic riser transport (5–15 vol %). */
    p->slurry_density_kg_m3 = 1150.0;
    p->grain_density_kg_m3 = 2500.0;     /* pelagic clay, Bruevich & Kulik 1967 (§1) */
    p->insitu_dry_density_kg_m3 = 550.0; /* (1 − 0.78) × 2,500 (§1) */
    p->seawater_density_kg_m3 = 1025.0;  /* §3 */
    p->water_density_kg_m3 = 998.2;      /* fresh water, 20 °C */
    p->bulk_modulus_pa = 2.3e9;          /* seawater, §3 */
    p->liquid_viscosity_pa_s = 1.2e-3;   /* seawater ~15 °C (approx.; 1.9e-3 at 2 °C) */
    p->rheology = rm_rheology_power_exp;
    /* τy = A φ^n through Shokrollahzadeh et al. 2015's kaolin end points
     * (1.3 Pa at 10.6 vol %, 30 Pa at 21.7 vol %): n = 4.38, A = 24,200 Pa.
     * No measured rheology of the REY mud is public (§3). */
    p->rheo.yield_a_pa = 24200.0;
    p->rheo.yield_n = 4.38;
    p->rheo.viscosity_b = 15.0;          /* approx.: μp ≈ 20 μw at φ = 0.2 */
    p->rheo.liquid_viscosity_pa_s = p->liquid_viscosity_pa_s;
    p->friction = rm_friction_colebrook;
    p->friction_bingham = rm_friction_bingham_darby;
    /* Coarse biogenic phosphate (the REY host, coarser than the clay:
     * Takaya 2018; Ohta et al. 2020): approx. 2 % of the dry mass at
     * 100 µm and 3,000 kg/m³. */
    p->coarse_mass_fraction = 0.02;
    p->coarse_diameter_m = 100e-6;
    p->coarse_density_kg_m3 = 3000.0;
    p->pump_efficiency = 0.7;            /* centrifugal slurry pumps 60–80 % (§3) */
    p->motor_efficiency = 0.93;          /* motors 90–95 % (§3) */
    p->n_pumps = 0;
    p->air_kg_s = 0.0;
    p->injection_depth_m = 2000.0;       /* approx.: the §3 "from 2,000 m" example */
    p->gas_temperature_k = 288.15;
    p->compressor_efficiency = 0.7;      /* isothermal compressors 60–75 % (§3) */
    p->high_void_start = 0.75;
    p->column_model = RM_LIFT_COLUMN_SLUG_FILM_SHEAR; /* docs/lift.md: record */
    p->slug_entry_churn = 1;
    p->surface_tension_n_m = 0.073;      /* seawater */
    p->gel_strength_pa = 0.0;
    p->profile_points = 0;
}

/* 1 when x is finite and > 0. */
static int pos(double x) { return x > 0.0 && isfinite(x); }
/* 1 when x is finite and >= 0. */
static int nonneg(double x) { return x >= 0.0 && isfinite(x); }

rm_status rm_lift_params_check(const rm_lift_params *p, rm_error *err)
{
    if (!p)
        return rm_error_set(err, RM_EINVAL, "lift: no parameters");
    if (!p->system)
        return rm_error_set(err, RM_EINVAL, "lift: no system (closed-loop, pump or airlift)");
    if (!pos(p->depth_m))
        return rm_error_set(err, RM_EPHYS, "depth %g m must be > 0 (inlet below the free surface)",
                            p->depth_m);
    if (p->depth_m > 11000.0)
        return rm_error_set(err, RM_EPHYS, "depth %g m is deeper than any ocean", p->depth_m);
    if (!nonneg(p->outlet_height_m))
        return rm_error_set(err, RM_EPHYS, "outlet height %g m must be >= 0", p->outlet_height_m);
    if (!pos(p->diameter_m) || p->diameter_m > 5.0)
        return rm_error_set(err, RM_EPHYS, "diameter %g m must be in (0, 5]", p->diameter_m);
    if (!nonneg(p->roughness_m) || p->roughness_m >= 0.1 * p->diameter_m)
        return rm_error_set(err, RM_EPHYS, "roughness %g m must be >= 0 and < D/10",
                            p->roughness_m);
    if (p->system == rm_lift_closed_loop) {
        if (!pos(p->down_diameter_m))
            return rm_error_set(err, RM_EPHYS, "down-pipe diameter %g m must be > 0",
                                p->down_diameter_m);
        if (p->annulus && !(p->down_outer_diameter_m >= p->down_diameter_m &&
                            p->down_outer_diameter_m < p->diameter_m))
            return rm_error_set(err, RM_EPHYS,
                                "annulus: the down pipe's outer diameter %g m must lie between "
                                "its bore %g m and the riser's %g m",
                                p->down_outer_diameter_m, p->down_diameter_m, p->diameter_m);
    }
    if (!nonneg(p->k_inlet) || !nonneg(p->k_collector))
        return rm_error_set(err, RM_EINVAL, "loss coefficients must be >= 0");
    if (!nonneg(p->rate_dry_tph))
        return rm_error_set(err, RM_EPHYS, "dry rate %g t/h must be >= 0", p->rate_dry_tph);
    if (!nonneg(p->liquid_kg_s))
        return rm_error_set(err, RM_EPHYS, "liquid flow %g kg/s must be >= 0", p->liquid_kg_s);
    if (!pos(p->seawater_density_kg_m3) || !pos(p->water_density_kg_m3) ||
        !pos(p->grain_density_kg_m3) || !pos(p->insitu_dry_density_kg_m3))
        return rm_error_set(err, RM_EPHYS, "densities must be > 0");
    if (!(p->insitu_dry_density_kg_m3 < p->grain_density_kg_m3))
        return rm_error_set(err, RM_EPHYS, "in-situ dry density %g must be below the grain density %g",
                            p->insitu_dry_density_kg_m3, p->grain_density_kg_m3);
    if (!nonneg(p->bulk_modulus_pa) || (p->bulk_modulus_pa > 0.0 && p->bulk_modulus_pa < 1e8))
        return rm_error_set(err, RM_EPHYS, "bulk modulus %g Pa must be 0 (incompressible) or >= 1e8",
                            p->bulk_modulus_pa);
    if (!pos(p->liquid_viscosity_pa_s))
        return rm_error_set(err, RM_EPHYS, "liquid viscosity %g Pa s must be > 0",
                            p->liquid_viscosity_pa_s);
    if (!nonneg(p->rheo.yield_a_pa) || !nonneg(p->rheo.yield_n) || !isfinite(p->rheo.viscosity_b))
        return rm_error_set(err, RM_EINVAL, "rheology coefficients must be finite and >= 0");
    if (!(p->coarse_mass_fraction >= 0.0 && p->coarse_mass_fraction < 1.0))
        return rm_error_set(err, RM_EINVAL, "coarse mass fraction %g must be in [0, 1)",
                            p->coarse_mass_fraction);
    if (p->coarse_mass_fraction > 0.0 &&
        (!pos(p->coarse_diameter_m) || !(p->coarse_density_kg_m3 > p->seawater_density_kg_m3)))
        return rm_error_set(err, RM_EPHYS, "coarse grains need a diameter > 0 and a density above "
                            "the seawater's");
    if (!(p->pump_efficiency > 0.0 && p->pump_efficiency <= 1.0) ||
        !(p->motor_efficiency > 0.0 && p->motor_efficiency <= 1.0) ||
        !(p->compressor_efficiency > 0.0 && p->compressor_efficiency <= 1.0))
        return rm_error_set(err, RM_EPHYS, "efficiencies must lie in (0, 1]");
    if (p->n_pumps > RM_LIFT_MAX_PUMPS)
        return rm_error_set(err, RM_EINVAL, "at most %d pumps", RM_LIFT_MAX_PUMPS);
    for (size_t i = 0; i < p->n_pumps; i++)
        if (!(p->pump_depths_m[i] <= p->depth_m && p->pump_depths_m[i] >= -p->outlet_height_m))
            return rm_error_set(err, RM_EPHYS,
                                "pump depth %g m must lie on the riser, between %g and %g m",
                                p->pump_depths_m[i], -p->outlet_height_m, p->depth_m);
    if (p->system == rm_lift_airlift) {
        if (!nonneg(p->air_kg_s))
            return rm_error_set(err, RM_EPHYS, "air flow %g kg/s must be >= 0", p->air_kg_s);
        if (!(p->injection_depth_m > 0.0 && p->injection_depth_m <= p->depth_m))
            return rm_error_set(err, RM_EPHYS,
                                "injection depth %g m must lie in (0, depth %g m]",
                                p->injection_depth_m, p->depth_m);
        if (!pos(p->gas_temperature_k))
            return rm_error_set(err, RM_EPHYS, "gas temperature %g K must be > 0",
                                p->gas_temperature_k);
        if (!(p->high_void_start > 0.0 && p->high_void_start < 1.0))
            return rm_error_set(err, RM_EINVAL, "high-void start %g must be in (0, 1)",
                                p->high_void_start);
        if (!pos(p->surface_tension_n_m))
            return rm_error_set(err, RM_EPHYS, "surface tension must be > 0");
        if (!(p->column_model >= RM_LIFT_COLUMN_DRIFT_FLUX &&
              p->column_model <= RM_LIFT_COLUMN_SLUG_FILM_FREE))
            return rm_error_set(err, RM_EINVAL, "unknown airlift column model %d",
                                (int)p->column_model);
    }
    if (!nonneg(p->gel_strength_pa))
        return rm_error_set(err, RM_EPHYS, "gel strength %g Pa must be >= 0", p->gel_strength_pa);
    if (p->profile_points == 1 || p->profile_points > 1000000)
        return rm_error_set(err, RM_EINVAL, "profile points must be 0 or 2..1e6");
    return RM_OK;
}

static const char *const fluid_names[] = {"slurry", "seawater", "water", NULL};
/* rm_lift_column_model, in its order */
static const char *const column_names[] = {"drift-flux", "slug-film-shear", "slug-film-wall",
                                           "slug-film-free", NULL};

rm_status rm_lift_params_from_ini(rm_ini *ini, rm_lift_params *p, rm_error *err)
{
    const char *s = "lift";
    if (!ini || !p)
        return rm_error_set(err, RM_EINVAL, "lift: no project or parameters");
    if (!rm_ini_has_section(ini, s))
        return RM_OK;
    rm_status st;
    const char *name;
#define STR(key, var) \
    if ((st = rm_ini_get_string(ini, s, key, NULL, &var, err))) return st;
    STR("system", name);
    if (name) {
        const rm_lift_system *sys = rm_lift_system_by_name(name);
        if (!sys)
            return rm_error_input(err, rm_ini_path(ini), rm_ini_line(ini, s, "system"),
                                  "lift.system", "'%s' is not closed-loop, pump or airlift", name);
        p->system = sys;
    }
    STR("rheology", name);
    if (name) {
        const rm_rheology_law *law = rm_rheology_law_by_name(name);
        if (!law)
            return rm_error_input(err, rm_ini_path(ini), rm_ini_line(ini, s, "rheology"),
                                  "lift.rheology", "'%s' is not power-exp, thomas or newtonian",
                                  name);
        p->rheology = law;
    }
    STR("friction", name);
    if (name) {
        const rm_friction_law *law = rm_friction_law_by_name(name);
        if (!law || law == rm_friction_bingham_darby)
            return rm_error_input(err, rm_ini_path(ini), rm_ini_line(ini, s, "friction"),
                                  "lift.friction", "'%s' is not colebrook, haaland or swamee-jain",
                                  name);
        p->friction = law;
    }
#undef STR
    int fluid = (int)p->fluid;
    if ((st = rm_ini_get_choice(ini, s, "fluid", fluid_names, fluid, &fluid, err)))
        return st;
    p->fluid = (rm_lift_fluid)fluid;
    if ((st = rm_ini_get_bool(ini, s, "annulus", p->annulus, &p->annulus, err)))
        return st;
    int column = (int)p->column_model;
    if ((st = rm_ini_get_choice(ini, s, "column_model", column_names, column, &column, err)))
        return st;
    p->column_model = (rm_lift_column_model)column;
    if ((st = rm_ini_get_bool(ini, s, "slug_entry_churn", p->slug_entry_churn,
                              &p->slug_entry_churn, err)))
        return st;
    const double inf = HUGE_VAL;
    struct {
        const char *key;
        double *var, min, max;
    } nums[] = {
        {"depth_m", &p->depth_m, 1e-3, 11000},
        {"outlet_height_m", &p->outlet_height_m, 0, 1e4},
        {"diameter_m", &p->diameter_m, 1e-3, 5},
        {"roughness_m", &p->roughness_m, 0, 0.1},
        {"down_diameter_m", &p->down_diameter_m, 1e-3, 5},
        {"down_outer_diameter_m", &p->down_outer_diameter_m, 1e-3, 5},
        {"k_inlet", &p->k_inlet, 0, 100},
        {"k_collector", &p->k_collector, 0, 100},
        {"rate_dry_tph", &p->rate_dry_tph, 0, 1e6},
        {"liquid_kg_s", &p->liquid_kg_s, 0, 1e6},
        {"slurry_density_kg_m3", &p->slurry_density_kg_m3, 500, 5000},
        {"grain_density_kg_m3", &p->grain_density_kg_m3, 500, 10000},
        {"insitu_dry_density_kg_m3", &p->insitu_dry_density_kg_m3, 1, 10000},
        {"seawater_density_kg_m3", &p->seawater_density_kg_m3, 900, 1100},
        {"water_density_kg_m3", &p->water_density_kg_m3, 900, 1100},
        {"bulk_modulus_pa", &p->bulk_modulus_pa, 0, 1e11},
        {"liquid_viscosity_pa_s", &p->liquid_viscosity_pa_s, 1e-5, 10},
        {"yield_a_pa", &p->rheo.yield_a_pa, 0, inf},
        {"yield_n", &p->rheo.yield_n, 0, 20},
        {"viscosity_b", &p->rheo.viscosity_b, -100, 100},
        {"coarse_mass_fraction", &p->coarse_mass_fraction, 0, 0.999},
        {"coarse_diameter_m", &p->coarse_diameter_m, 0, 1},
        {"coarse_density_kg_m3", &p->coarse_density_kg_m3, 500, 10000},
        {"pump_efficiency", &p->pump_efficiency, 0.01, 1},
        {"motor_efficiency", &p->motor_efficiency, 0.01, 1},
        {"air_kg_s", &p->air_kg_s, 0, 1e4},
        {"injection_depth_m", &p->injection_depth_m, 1e-3, 11000},
        {"gas_temperature_k", &p->gas_temperature_k, 150, 500},
        {"compressor_efficiency", &p->compressor_efficiency, 0.01, 1},
        {"high_void_start", &p->high_void_start, 0.01, 0.99},
        {"surface_tension_n_m", &p->surface_tension_n_m, 1e-4, 1},
        {"gel_strength_pa", &p->gel_strength_pa, 0, 1e5},
    };
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
        if ((st = rm_ini_get_double(ini, s, nums[i].key, *nums[i].var, nums[i].min, nums[i].max,
                                    nums[i].var, err)))
            return st;
    p->rheo.liquid_viscosity_pa_s = p->liquid_viscosity_pa_s;
    size_t n = 0;
    double depths[RM_LIFT_MAX_PUMPS];
    if ((st = rm_ini_get_doubles(ini, s, "pump_depths_m", -1e4, 11000, depths, RM_LIFT_MAX_PUMPS,
                                 &n, err)))
        return st;
    if (n) {
        memcpy(p->pump_depths_m, depths, n * sizeof *depths);
        p->n_pumps = n;
    }
    st = rm_lift_params_check(p, err);
    if (st && err) {
        char msg[RM_ERROR_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "%s", err->message);
        rm_error_input(err, rm_ini_path(ini), 0, "lift", "%s", msg);
        err->status = st;
    }
    return st;
}
