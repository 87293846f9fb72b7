/* test_lift_utube.c — the closed-loop (U-tube) lift against an independent
 * hand calculation: tests/data/lift/closed_loop_utube.py works the same
 * case from hydrostatics, Colebrook friction and the pump's energy balance
 * without any of src/lift, and prints (run it to check):
 *     pump Δp 7,018,206 Pa; hydraulic 134.08 kW; 13.135 kWh per dry t.
 * The case: 350 t/day from 5,700 m, riser 0.30 m, seawater down pipe
 * 0.25 m, slurry 1,150 kg/m³ (φ = 0.0847), in-situ mud 550 kg/m³,
 * incompressible liquids, Thomas (1965) viscosity without yield stress,
 * no slip, collector K = 2, pump efficiency 0.7.  Tolerance ±5 % on the
 * energy (the brief of the check), ±1 % on the pump pressure, which the
 * density contrast fixes almost alone. */
#include "reemud/lift.h"
#include "rm_test.h"

/* The parameters of closed_loop_utube.py over the defaults. */
static void utube_case(rm_lift_params *p)
{
    rm_lift_params_default(p);
    p->system = rm_lift_closed_loop;
    p->depth_m = 5700.0;
    p->outlet_height_m = 0.0;
    p->diameter_m = 0.30;
    p->down_diameter_m = 0.25;
    p->annulus = 0;
    p->roughness_m = 4.6e-5;
    p->k_collector = 2.0;
    p->fluid = RM_LIFT_FLUID_SLURRY;
    p->rate_dry_tph = 350.0 / 24.0;
    p->slurry_density_kg_m3 = 1150.0;
    p->grain_density_kg_m3 = 2500.0;
    p->insitu_dry_density_kg_m3 = 550.0;
    p->seawater_density_kg_m3 = 1025.0;
    p->bulk_modulus_pa = 0.0;              /* incompressible */
    p->liquid_viscosity_pa_s = 1.2e-3;
    p->rheology = rm_rheology_thomas;
    p->rheo.yield_a_pa = 0.0;              /* Newtonian suspension */
    p->rheo.liquid_viscosity_pa_s = 1.2e-3;
    p->friction = rm_friction_colebrook;
    p->coarse_mass_fraction = 0.0;         /* no slip */
    p->pump_efficiency = 0.7;
}

static void test_utube_350_t_per_day(void **state)
{
    (void)state;
    rm_lift_params p;
    utube_case(&p);
    rm_error err;
    double kwh_per_t = NAN;
    if (rm_lift_specific_energy(&p, 350.0 / 24.0, &kwh_per_t, &err))
        fail_msg("%s", err.message);
    print_message("closed loop, 350 t/day: %.3f kWh/t (independent 13.135)\n", kwh_per_t);
    assert_rel(kwh_per_t, 13.135, 0.05);

    rm_lift_result r;
    if (rm_lift_solve(&p, &r, &err))
        fail_msg("%s", err.message);
    print_message("pump dp %.0f Pa (independent 7018206), hydraulic %.2f kW (134.08)\n",
                  r.pump_pressure_pa, r.hydraulic_power_w / 1e3);
    assert_rel(r.pump_pressure_pa, 7018206.0, 0.01);
    assert_rel(r.hydraulic_power_w, 134080.0, 0.05);
    assert_rel(r.delivered_solids_fraction, 0.084746, 1e-4);
    rm_lift_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utube_350_t_per_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
