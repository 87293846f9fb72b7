/* test_lift_systems.c — closed loop and pump lift beyond the check values:
 * pressure budgets, energy ordering against the physical minimum, the
 * largest rate for a power, sweeps, slip, the [lift] section and errors. */
#include <string.h>

#include <omp.h>

#include "reemud/config.h"
#include "reemud/lift.h"
#include "rm_test.h"

static void solve_ok(const rm_lift_params *p, rm_lift_result *r)
{
    rm_error err;
    rm_status st = rm_lift_solve(p, r, &err);
    if (st)
        fail_msg("%s", err.message);
}

/* Closed loop: Δp_pump = static excess + friction of both legs + collector
 * loss (the U-tube balance, docs/references.md §3). */
static void test_closed_loop_budget(void **state)
{
    (void)state;
    rm_lift_params p;
    rm_lift_params_default(&p);
    p.rate_dry_tph = 100.0;
    rm_lift_result r;
    solve_ok(&p, &r);
    assert_rel(r.pump_pressure_pa, r.static_excess_pa + r.friction_pa + r.minor_loss_pa, 1e-6);
    /* Seawater down = slurry up − in-situ mud volume. */
    double q_mud = 100.0 / 3.6 / 550.0;
    assert_rel(r.down_flow_m3_s, r.volume_flow_m3_s - q_mud, 0.01);
    /* Annulus: hydraulic diameter Do − Di raises friction. */
    rm_lift_params a = p;
    a.annulus = 1;
    a.diameter_m = 0.4;
    a.down_outer_diameter_m = 0.2;
    a.down_diameter_m = 0.18;
    rm_lift_result ra;
    solve_ok(&a, &ra);
    assert_rel(ra.gel_break_pa, 4.0 * ra.yield_stress_pa * 5700.0 / 0.2, 1e-9);
    rm_lift_result_free(&r);
    rm_lift_result_free(&ra);
}

/* kWh per dry tonne, 350 and 3,500 t/day from 5,700 m: every system above
 * the physical minimum; airlift dearer than pump lift. */
static void test_energy_ordering(void **state)
{
    (void)state;
    const double tpd[] = {350.0, 3500.0};
    for (int i = 0; i < 2; i++) {
        double e[3];
        const rm_lift_system *sys[3] = {rm_lift_closed_loop, rm_lift_pump, rm_lift_airlift};
        rm_lift_params p;
        rm_lift_params_default(&p);
        double pmin;
        rm_error err;
        assert_int_equal(rm_lift_minimum_power(1.0, 5700, p.grain_density_kg_m3, 1025, &pmin, &err),
                         RM_OK);
        for (int k = 0; k < 3; k++) {
            p.system = sys[k];
            rm_status st = rm_lift_specific_energy(&p, tpd[i] / 24.0, &e[k], &err);
            if (st)
                fail_msg("%s", err.message);
            assert_true(e[k] > pmin / 1000.0);
        }
        assert_true(e[2] > e[1]);  /* airlift > pump */
        assert_true(e[0] >= e[1]); /* the loop also pumps the down leg */
    }
}

static void test_max_rate_for_power(void **state)
{
    (void)state;
    rm_lift_params p;
    rm_lift_params_default(&p);
    p.system = rm_lift_pump;
    double rate;
    rm_error err;
    assert_int_equal(rm_lift_max_rate_for_power(&p, 1.5e6, &rate, &err), RM_OK);
    p.rate_dry_tph = rate;
    rm_lift_result r;
    solve_ok(&p, &r);
    assert_rel(r.shaft_power_w, 1.5e6, 1e-5);
    rm_lift_result_free(&r);
    /* Airlift: a power buys a finite rate below the pump's. */
    p.system = rm_lift_airlift;
    double rate_air;
    if (rm_lift_max_rate_for_power(&p, 1.5e6, &rate_air, &err))
        fail_msg("%s", err.message);
    assert_true(rate_air > 0.0 && rate_air < rate);
    assert_int_equal(rm_lift_max_rate_for_power(&p, -1.0, &rate, &err), RM_EPHYS);
}

static void test_bad_input(void **state)
{
    (void)state;
    rm_lift_params p;
    rm_lift_params_default(&p);
    rm_lift_result r;
    rm_error err;
    p.depth_m = -5;
    assert_int_equal(rm_lift_solve(&p, &r, &err), RM_EPHYS);
    assert_non_null(strstr(err.message, "depth"));
    rm_lift_params_default(&p);
    p.slurry_density_kg_m3 = 3000; /* denser than the grains */
    assert_int_equal(rm_lift_solve(&p, &r, &err), RM_EPHYS);
    rm_lift_params_default(&p);
    p.slurry_density_kg_m3 = 1500; /* denser than in-situ mud + any seawater */
    assert_int_equal(rm_lift_solve(&p, &r, &err), RM_EPHYS);
    rm_lift_params_default(&p);
    p.system = rm_lift_pump;
    p.n_pumps = 1;
    p.pump_depths_m[0] = 0.0; /* a suction pump on deck: cavitates */
    assert_int_equal(rm_lift_solve(&p, &r, &err), RM_EPHYS);
    assert_non_null(strstr(err.message, "cavitate"));
    rm_lift_params_default(&p);
    p.diameter_m = NAN;
    assert_int_equal(rm_lift_solve(&p, &r, &err), RM_EPHYS);
    assert_null(r.nodes);
}

/* Boosters split the work; the total matches a single pump's closely. */
static void test_booster_pumps(void **state)
{
    (void)state;
    rm_lift_params p;
    rm_lift_params_default(&p);
    p.system = rm_lift_pump;
    p.rate_dry_tph = 100.0;
    p.profile_points = 101;
    rm_lift_result one, three;
    solve_ok(&p, &one);
    p.n_pumps = 3;
    p.pump_depths_m[0] = 5700;
    p.pump_depths_m[1] = 3800;
    p.pump_depths_m[2] = 1900;
    solve_ok(&p, &three);
    /* equal within compressibility: the riser above a booster runs at lower pressure */
    assert_rel(three.pump_pressure_pa, one.pump_pressure_pa, 0.02);
    assert_true(three.min_pressure_pa > 2340.0);
    /* The pressure falls monotonically between pumps (no jump at 2,850 m). */
    assert_true(three.nodes[50].pressure_pa > three.nodes[51].pressure_pa);
    assert_rel(three.nodes[100].pressure_pa, 101325.0, 1e-6);
    rm_lift_result_free(&one);
    rm_lift_result_free(&three);
}

static void test_sweep_thread_independent(void **state)
{
    (void)state;
    rm_lift_params p;
    rm_lift_params_default(&p);
    p.system = rm_lift_pump;
    double rates[] = {10, 50, 100, 200, 1e5};
    double diam[] = {0.15, 0.25, 0.35};
    rm_lift_sweep_row a[15], b[15];
    rm_error err;
    omp_set_num_threads(1);
    assert_int_equal(rm_lift_sweep(&p, rates, 5, diam, 3, NULL, 0, a, &err), RM_OK);
    omp_set_num_threads(3);
    assert_int_equal(rm_lift_sweep(&p, rates, 5, diam, 3, NULL, 0, b, &err), RM_OK);
    for (int k = 0; k < 15; k++) {
        assert_int_equal(a[k].status, b[k].status);
        assert_true(a[k].result.shaft_power_w == b[k].result.shaft_power_w);
    }
    /* Row order: rate fastest. */
    assert_true(a[1].rate_dry_tph == 50 && a[5].diameter_m == 0.25);
    /* More rate, more power; a wider pipe, less friction. */
    assert_true(a[1].result.shaft_power_w > a[0].result.shaft_power_w);
    assert_true(a[7].result.friction_pa < a[2].result.friction_pa);
}

/* Ferguson & Church: 0.2 mm quartz (R 1.65) in water (ν 1e-6):
 * w = 1.65·g·4e-8 / (18e-6 + √(0.75·1.65·g·8e-12)) ≈ 0.0232 m/s. */
static void test_slip(void **state)
{
    (void)state;
    double w, phi;
    rm_error err;
    assert_int_equal(rm_lift_settling_velocity(2e-4, 2650, 1000, 1e-3, &w, &err), RM_OK);
    assert_rel(w, 0.02324, 2e-3);
    assert_near(rm_lift_richardson_zaki_n(0.0), 4.7, 1e-12);
    assert_near(rm_lift_richardson_zaki_n(1e6), 0.41 / 0.175, 0.05);
    assert_int_equal(rm_lift_insitu_fraction(0.05, 1.0, 0.1, 4.0, &phi, &err), RM_OK);
    assert_true(phi > 0.05);
    assert_near(phi * (1.0 - 0.1 * pow(1.0 - phi, 4.0)), 0.05, 1e-10);
    assert_int_equal(rm_lift_insitu_fraction(0.05, 0.05, 0.1, 4.0, &phi, &err), RM_EPHYS);
}

static void test_ini_section(void **state)
{
    (void)state;
    const char *text = "[lift]\nsystem = pump\ndepth_m = 1600\ndiameter_m = 0.25\n"
                       "pump_depths_m = 1600, 800\nrheology = thomas\n"
                       "column_model = slug-film-wall\nslug_entry_churn = false\n";
    rm_ini *ini;
    rm_error err;
    assert_int_equal(rm_ini_load_string(text, "p.ini", &ini, &err), RM_OK);
    rm_lift_params p;
    rm_lift_params_default(&p);
    assert_int_equal(rm_lift_params_from_ini(ini, &p, &err), RM_OK);
    assert_true(p.system == rm_lift_pump);
    assert_near(p.depth_m, 1600, 0);
    assert_int_equal(p.n_pumps, 2);
    assert_true(p.rheology == rm_rheology_thomas);
    assert_int_equal(p.column_model, RM_LIFT_COLUMN_SLUG_FILM_WALL);
    assert_int_equal(p.slug_entry_churn, 0);
    assert_int_equal(rm_ini_finish(ini, &err), RM_OK);
    rm_ini_free(ini);
    assert_int_equal(rm_ini_load_string("[lift]\ndepth_m = -3\n", "q.ini", &ini, &err), RM_OK);
    rm_lift_params_default(&p);
    assert_int_not_equal(rm_lift_params_from_ini(ini, &p, &err), RM_OK);
    assert_non_null(strstr(err.message, "q.ini:2"));
    rm_ini_free(ini);
    assert_int_equal(rm_ini_load_string("[lift]\nsystem = rocket\n", "r.ini", &ini, &err), RM_OK);
    assert_int_equal(rm_lift_params_from_ini(ini, &p, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "rocket"));
    rm_ini_free(ini);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closed_loop_budget),
        cmocka_unit_test(test_energy_ordering),
        cmocka_unit_test(test_max_rate_for_power),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_booster_pumps),
        cmocka_unit_test(test_sweep_thread_independent),
        cmocka_unit_test(test_slip),
        cmocka_unit_test(test_ini_section),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
