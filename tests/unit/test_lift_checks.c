/* test_lift_checks.c — the lift engine against docs/references.md §3's check
 * values (computed independently of this code): friction factors, the
 * Darby Bingham factor, compressible seawater pressure, minimum lift power,
 * the pump-lift case and gel-break pressures. */
#include <string.h>

#include "reemud/lift.h"
#include "rm_test.h"

static double darcy(const rm_friction_law *law, double re, double rel)
{
    double l = -1;
    rm_error err;
    assert_int_equal(rm_friction_darcy_newtonian(law, re, rel, &l, &err), RM_OK);
    return l;
}

/* Round to 4 significant digits, as the reference values are given. */
static double sig4(double x)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.4g", x);
    return atof(buf);
}

static void test_newtonian_friction_4_digits(void **state)
{
    (void)state;
    assert_near(sig4(darcy(rm_friction_colebrook, 1e5, 1e-4)), 0.01851, 1e-9);
    assert_near(sig4(darcy(rm_friction_haaland, 1e5, 1e-4)), 0.01827, 1e-9);
    assert_near(sig4(darcy(rm_friction_swamee_jain, 1e5, 1e-4)), 0.01845, 1e-9);
    assert_near(sig4(darcy(rm_friction_colebrook, 1e6, 1e-4)), 0.01344, 1e-9);
    assert_near(sig4(darcy(rm_friction_haaland, 1e6, 1e-4)), 0.01333, 1e-9);
    assert_near(sig4(darcy(rm_friction_swamee_jain, 1e6, 1e-4)), 0.01351, 1e-9);
    /* given to 3 significant digits: 0.00810 */
    assert_near(darcy(rm_friction_colebrook, 1e7, 0.0), 0.00810, 5e-6);
    /* Laminar: Hagen–Poiseuille for every law. */
    for (size_t i = 0; rm_friction_laws[i]; i++)
        if (rm_friction_laws[i] != rm_friction_bingham_darby)
            assert_near(darcy(rm_friction_laws[i], 1000.0, 1e-4), 0.064, 1e-12);
}

static void test_darby_bingham(void **state)
{
    (void)state;
    rm_pipe_flow f = {1300.0, 2.3, 0.254, 0.0, 0.02, 6.0};
    double l;
    rm_error err;
    assert_int_equal(rm_friction_bingham_darby->darcy(&f, &l, &err), RM_OK);
    assert_near(sig4(l), 0.01905, 1e-9);
    /* Laminar limit: a viscous Newtonian flow gives 64/Re. */
    rm_pipe_flow lam = {1000.0, 0.01, 0.1, 0.0, 0.01, 0.0}; /* Re = 100 */
    assert_int_equal(rm_friction_bingham_darby->darcy(&lam, &l, &err), RM_OK);
    assert_rel(l, 0.64, 1e-3);
    /* Bad input is refused. */
    rm_pipe_flow bad = {1000.0, 1.0, -0.1, 0.0, 0.001, 0.0};
    assert_int_equal(rm_friction_bingham_darby->darcy(&bad, &l, &err), RM_EINVAL);
    assert_int_equal(rm_friction_darcy_newtonian(rm_friction_colebrook, NAN, 0, &l, &err),
                     RM_EINVAL);
}

static void test_seawater_pressure(void **state)
{
    (void)state;
    double p;
    rm_error err;
    assert_int_equal(rm_lift_hydrostatic_pa(5700, 1025, 2.3e9, &p, &err), RM_OK);
    assert_near(p / 1e6, 58.0, 0.2);
    assert_int_equal(rm_lift_hydrostatic_pa(1600, 1025, 2.3e9, &p, &err), RM_OK);
    assert_near(p / 1e6, 16.1, 0.05);
    assert_int_equal(rm_lift_hydrostatic_pa(6000, 1025, 2.3e9, &p, &err), RM_OK);
    assert_near(p / 1e6, 61.0, 0.3);
    /* Incompressible limit. */
    assert_int_equal(rm_lift_hydrostatic_pa(1000, 1000, 0, &p, &err), RM_OK);
    assert_rel(p, 1000 * 1000 * 9.80665, 1e-12);
    assert_int_equal(rm_lift_hydrostatic_pa(-1, 1025, 2.3e9, &p, &err), RM_EPHYS);
}

static void test_minimum_power(void **state)
{
    (void)state;
    double w;
    rm_error err;
    assert_int_equal(rm_lift_minimum_power(1.0, 5700, 2600, 1025, &w, &err), RM_OK);
    assert_near(w / 1e3, 9.4, 0.05);
    assert_int_equal(rm_lift_minimum_power(1.0, 6000, 2600, 1025, &w, &err), RM_OK);
    assert_near(w / 1e3, 9.9, 0.05);
    assert_int_equal(rm_lift_minimum_power(1.0, -5, 2600, 1025, &w, &err), RM_EPHYS);
    assert_int_equal(rm_lift_minimum_power(1.0, 5, 1000, 1025, &w, &err), RM_EPHYS);
}

static void test_gel_break(void **state)
{
    (void)state;
    double p;
    rm_error err;
    assert_int_equal(rm_lift_gel_break_pressure(5, 5700, 0.2, &p, &err), RM_OK);
    assert_near(p / 1e6, 0.57, 0.005);
    assert_int_equal(rm_lift_gel_break_pressure(30, 5700, 0.2, &p, &err), RM_OK);
    assert_near(p / 1e6, 3.4, 0.05);
    assert_int_equal(rm_lift_gel_break_pressure(5, 5700, 0, &p, &err), RM_EPHYS);
}

/* §3 pump case: 0.141 m³/s of 1,150 kg/m³ slurry in a 0.3 m pipe from
 * 5,700 m: static excess ~7.0 MPa, friction ~0.6 MPa, ~1.1 MW hydraulic,
 * ~1.5 MW at η 0.7, ~15 kWh/t. */
static void test_pump_case(void **state)
{
    (void)state;
    rm_lift_params p;
    rm_lift_params_default(&p);
    p.system = rm_lift_pump;
    p.depth_m = 5700;
    p.diameter_m = 0.3;
    p.slurry_density_kg_m3 = 1150;
    p.coarse_mass_fraction = 0.0;
    /* 0.141 m³/s at φ = (1150 − 1025)/(2500 − 1025). */
    double phi = (1150.0 - 1025.0) / (2500.0 - 1025.0);
    p.rate_dry_tph = 0.141 * phi * 2500.0 * 3.6;
    rm_lift_result r;
    rm_error err;
    rm_status st = rm_lift_solve(&p, &r, &err);
    if (st)
        fail_msg("%s", err.message);
    assert_rel(r.volume_flow_m3_s, 0.141, 1e-9);
    assert_rel(r.hydraulic_power_w, 1.1e6, 0.10);
    assert_rel(r.shaft_power_w, 1.5e6, 0.10);
    assert_rel(r.static_excess_pa, 7.0e6, 0.05);
    assert_rel(r.friction_pa, 0.6e6, 0.2);
    assert_rel(r.specific_energy_kwh_per_t, 15.0, 0.10);
    /* The pressure budget closes: Δp = static + friction + minor. */
    assert_rel(r.pump_pressure_pa, r.static_excess_pa + r.friction_pa + r.minor_loss_pa, 1e-6);
    assert_true(r.shaft_power_w > r.minimum_power_w);
    rm_lift_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_newtonian_friction_4_digits),
        cmocka_unit_test(test_darby_bingham),
        cmocka_unit_test(test_seawater_pressure),
        cmocka_unit_test(test_minimum_power),
        cmocka_unit_test(test_gel_break),
        cmocka_unit_test(test_pump_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
