/* test_chain_tiers.c — the project's value in a "normal" and a "controls" price
 * state (src/chain/economics_tiers.c): revenue by hand, and the break-even price
 * factor scaling with the price ratio when only the controlled element is priced. */
#include <string.h>

#include "reemud/economics.h"
#include "rm_test.h"

static void test_two_states(void **state)
{
    (void)state;
    rm_econ_config cfg;
    rm_econ_config_default(&cfg);
    memset(cfg.price_usd_per_kg, 0, sizeof cfg.price_usd_per_kg);
    cfg.price_usd_per_kg[RM_DY] = 100;
    rm_econ_year years[5];
    memset(years, 0, sizeof years);
    for (int y = 0; y < 5; y++) {
        years[y].dry_t = 1000;
        years[y].wet_shipped_t = 2000;
        years[y].concentrate_dry_t = 300;
        years[y].oxide_t[RM_DY] = years[y].oxide_cap_t[RM_DY] = 10;
    }
    double ctl[RM_NREY];
    memcpy(ctl, cfg.price_usd_per_kg, sizeof ctl);
    ctl[RM_DY] = 300;
    rm_econ_states s;
    rm_error err;
    assert_int_equal(rm_econ_two_state(&cfg, 350, years, 5, ctl, &s, &err), RM_OK);
    /* 10 t × 1,000 kg/t × 100 USD/kg, and × 300 USD/kg. */
    assert_rel(s.revenue_usd_per_year[0], 1e6, 1e-12);
    assert_rel(s.revenue_usd_per_year[1], 3e6, 1e-12);
    assert_true(s.npv_usd[1] > s.npv_usd[0]);
    /* Only Dy is priced: NPV_normal(k) = NPV_controls(k / 3), so the break-even factors
     * differ by 3 exactly (to the root finder's tolerance). */
    if (isfinite(s.breakeven_price_factor[0]) && isfinite(s.breakeven_price_factor[1]))
        assert_rel(s.breakeven_price_factor[0], 3 * s.breakeven_price_factor[1], 1e-6);
    else
        assert_true(isnan(s.breakeven_price_factor[0]) && s.breakeven_price_factor[1] > 0);
    /* Same prices in both states: the same value. */
    ctl[RM_DY] = 100;
    assert_int_equal(rm_econ_two_state(&cfg, 350, years, 5, ctl, &s, &err), RM_OK);
    assert_true(s.npv_usd[0] == s.npv_usd[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_two_states)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
