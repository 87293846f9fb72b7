/* test_chain.c — the whole chain on a hand-built block model: oxide output
 * equals annual tonnes x grade x the product of stage recoveries, the mass
 * balance closes, and Monte Carlo draws do not depend on the thread count. */
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "reemud/chain.h"
#include "rm_test.h"

/* 4 x 4 columns of 100 x 100 x 1 m blocks, 10 deep, 0.55 t/m3 → 5,500 t a
 * block, 55,000 t a column; every block 300 ppm Dy and 2,000 ppm Y. */
static rm_blockmodel *uniform_model(void)
{
    rm_grid g = {.nx = 4, .ny = 4, .nz = 10, .dx = 100, .dy = 100, .dz = 1};
    rm_blockmodel *bm = rm_blockmodel_alloc(&g, 32656);
    size_t n = rm_grid_nblocks(&g);
    for (int e = 0; e < RM_NREY; e++) {
        char name[32];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        double *v = rm_blockmodel_add(bm, name, name, "ppm");
        for (size_t b = 0; b < n; b++)
            v[b] = e == RM_DY ? 300 : e == RM_Y ? 2000 : 0;
    }
    double *rho = rm_blockmodel_add(bm, "dry_density_t_m3", "dry density", "t m-3");
    for (size_t b = 0; b < n; b++)
        rho[b] = 0.55;
    return bm;
}

static void test_chain_by_hand(void **state)
{
    static rm_chain_config cfg;
    rm_error err;
    assert_int_equal(rm_chain_config_default(&cfg, rm_test_source("data"), &err), RM_OK);
    cfg.n_rates = 2;
    cfg.rates_dry_t_per_day[0] = 350;
    cfg.rates_dry_t_per_day[1] = 3500;
    cfg.draws = 200;
    cfg.breakeven_rate_max = 20000;
    rm_blockmodel *bm = uniform_model();
    rm_chain_result r;
#ifdef _OPENMP
    omp_set_num_threads(3);
#endif
    assert_int_equal(rm_chain_run(bm, &cfg, &r, &err), RM_OK);
    assert_true(r.mass_balance_max_rel_error <= 1e-9);
    /* 16 columns x 55,000 t = 880,000 t: all above the 2,000 ppm cut-off. */
    assert_int_equal(r.plan->n_columns, 16);
    assert_near(r.plan->reserve_dry_t, 880000, 1e-6);
    /* 350 t/day x 300 days = 105,000 t/yr; Dy2O3 = 105,000 x 300e-6 x 0.99 x
     * 0.70 x 0.951 x 0.95 x 1.1477. */
    double dy = 105000 * 300e-6 * 0.99 * 0.70 * 0.951 * 0.95 * 1.1477;
    assert_near(r.rates[0].oxide_t_per_year[RM_DY], dy, 1e-9 * dy);
    /* Mine life 880,000 / 105,000 years; only 8 full years are scheduled
     * out of 20, then the reserve runs out. */
    assert_near(r.rates[0].schedule->mine_life_years, 880000.0 / 105000.0, 1e-12);
    assert_int_equal(r.rates[0].schedule->n_years, 9);
    assert_true(r.rates[0].npv_p10_usd <= r.rates[0].npv_p50_usd);
    assert_true(r.rates[0].npv_p50_usd <= r.rates[0].npv_p90_usd);
    /* Coverage of Japan's Dy demand = output / table demand. */
    assert_near(r.rates[1].coverage[0].coverage_demand[RM_MARKET_JAPAN][RM_DY],
                r.rates[1].oxide_t_per_year[RM_DY] / cfg.tables.demand_t[RM_MARKET_JAPAN][RM_DY],
                1e-12);
    double draws1[200];
    memcpy(draws1, r.rates[1].npv_draws_usd, sizeof draws1);
    rm_chain_result_free(&r);

#ifdef _OPENMP
    /* 1 thread against the first run's 3 (a count that differs from the
     * machine's default on any core count). */
    int nt = omp_get_max_threads();
    omp_set_num_threads(1);
#endif
    assert_int_equal(rm_chain_run(bm, &cfg, &r, &err), RM_OK);
    assert_memory_equal(draws1, r.rates[1].npv_draws_usd, sizeof draws1);
    rm_chain_result_free(&r);
#ifdef _OPENMP
    omp_set_num_threads(nt);
#endif
    rm_blockmodel_free(bm);
}

static void test_config_errors(void **state)
{
    static rm_chain_config cfg;
    rm_error err;
    assert_int_equal(rm_chain_config_default(&cfg, rm_test_source("data"), &err), RM_OK);
    rm_ini *ini;
    assert_int_equal(rm_ini_load_string("[mine]\nrates_dry_t_per_day = 350, 7000\n"
                                        "overburden = dilute\n[economics]\n"
                                        "mc_price_factor = 0.5, 1, 2\ndraws = 10\n",
                                        "p.ini", &ini, &err),
                     RM_OK);
    assert_int_equal(rm_chain_config_read(&cfg, ini, &err), RM_OK);
    assert_int_equal(cfg.n_rates, 2);
    assert_near(cfg.rates_dry_t_per_day[1], 7000, 0);
    assert_int_equal(cfg.mine.overburden, RM_OVERBURDEN_DILUTE);
    assert_near(cfg.uncertain[RM_UNC_PRICE].max, 2, 0);
    rm_ini_free(ini);
    /* A per-oxide price override holds for both price bases: data/prices.csv
     * has no Tm2O3 price in either column; Dy2O3 ex-China stays 850. */
    assert_int_equal(rm_ini_load_string("[economics]\nprice_Tm_usd_kg = 120\n", "p.ini", &ini,
                                        &err),
                     RM_OK);
    assert_int_equal(rm_chain_config_read(&cfg, ini, &err), RM_OK);
    assert_near(cfg.econ.price_usd_per_kg[RM_TM], 120, 0);
    assert_near(cfg.econ_ex_china.price_usd_per_kg[RM_TM], 120, 0);
    assert_near(cfg.econ_ex_china.price_usd_per_kg[RM_DY], 850, 0);
    rm_ini_free(ini);
    /* A lift energy given in the project is used (the table), not replaced
     * by the lift engine's; lift_energy = engine keeps the engine. */
    assert_int_equal(rm_chain_config_default(&cfg, rm_test_source("data"), &err), RM_OK);
    assert_int_equal(cfg.lift_from_engine, 1);
    assert_int_equal(rm_ini_load_string("[economics]\nlift_energy_kwh_per_dry_t = 22\n", "p.ini",
                                        &ini, &err),
                     RM_OK);
    assert_int_equal(rm_chain_config_read(&cfg, ini, &err), RM_OK);
    assert_int_equal(cfg.lift_from_engine, 0);
    assert_near(cfg.econ.lift_energy_kwh_per_dry_t, 22, 0);
    rm_ini_free(ini);
    assert_int_equal(rm_chain_config_default(&cfg, rm_test_source("data"), &err), RM_OK);
    assert_int_equal(rm_ini_load_string("[economics]\nlift_energy = engine\n"
                                        "lift_energy_kwh_per_dry_t = 22\n",
                                        "p.ini", &ini, &err),
                     RM_OK);
    assert_int_equal(rm_chain_config_read(&cfg, ini, &err), RM_OK);
    assert_int_equal(cfg.lift_from_engine, 1);
    rm_ini_free(ini);
    assert_int_equal(rm_ini_load_string("[economics]\nmc_price_factor = 2, 1, 3\n", "p.ini",
                                        &ini, &err),
                     RM_OK);
    assert_int_equal(rm_chain_config_read(&cfg, ini, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "p.ini:2"));
    rm_ini_free(ini);
    assert_int_equal(rm_ini_load_string("[supply]\nscenarios = enforced, blockade\n", "p.ini",
                                        &ini, &err),
                     RM_OK);
    assert_int_equal(rm_chain_config_read(&cfg, ini, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "blockade"));
    rm_ini_free(ini);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chain_by_hand),
        cmocka_unit_test(test_config_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
