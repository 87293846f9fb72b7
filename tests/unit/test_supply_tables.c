/* test_supply.c — the data tables, control scenarios, coverage worked by
 * hand, and Takaya et al. 2018's years-of-demand arithmetic. */
#include <string.h>

#include "reemud/supply.h"
#include "rm_test.h"

static void test_tables(void **state)
{
    rm_supply_tables t;
    rm_error err;
    assert_int_equal(rm_supply_tables_load(&t, rm_test_source("data"), &err), RM_OK);
    /* USGS MCS 2025: world ~390,000 t REO in 2024, China 270,000 (~69 %). */
    assert_rel(t.world_production_t, 390000, 0.02);
    assert_near(t.china_production_t, 270000, 0);
    /* docs/references.md §4: 7 elements on the April 2025 list, 5 on October's: 12. */
    int april = 0, october = 0;
    for (int e = 0; e < RM_NELEM; e++) {
        april += t.control[e] == RM_CONTROL_APRIL2025;
        october += t.control[e] == RM_CONTROL_OCTOBER2025;
    }
    assert_int_equal(april, 7);
    assert_int_equal(october, 5);
    assert_int_equal(t.control[RM_DY], RM_CONTROL_APRIL2025);
    assert_int_equal(t.control[RM_EU], RM_CONTROL_OCTOBER2025);
    assert_int_equal(t.control[RM_ND], RM_CONTROL_NONE);
    assert_string_equal(t.suspended_until[RM_EU], "2026-11-10");
    /* Every REY element has a demand per market. */
    for (int m = 0; m < RM_NMARKET; m++)
        for (int e = 0; e < RM_NREY; e++)
            assert_true(t.demand_t[m][e] > 0);
    assert_near(t.demand_t[RM_MARKET_JAPAN][RM_CE], 5650, 0); /* JSNM 2024 */
    assert_near(t.china_share[RM_MARKET_JAPAN][RM_Y], 0.987, 0);
}

static void test_scenarios_and_coverage(void **state)
{
    rm_supply_tables t;
    rm_error err;
    assert_int_equal(rm_supply_tables_load(&t, rm_test_source("data"), &err), RM_OK);
    rm_supply_scenario s[3];
    assert_int_equal(rm_supply_default_scenarios(0.5, s), 3);
    assert_string_equal(s[1].name, "suspension");
    assert_true(rm_supply_controlled(&t, &s[1], RM_DY));
    assert_false(rm_supply_controlled(&t, &s[1], RM_EU));
    assert_true(rm_supply_controlled(&t, &s[0], RM_EU));
    assert_false(rm_supply_controlled(&t, &s[2], RM_ND));

    /* Hand-made table: Japan needs 300 t Dy, 90 % from China; half of it is
     * lost under licensing → 135 t exposed; 100 t output covers 1/3 of
     * demand and 0.7407 of the exposed supply. */
    memset(&t.demand_t, 0, sizeof t.demand_t);
    t.demand_t[RM_MARKET_JAPAN][RM_DY] = 300;
    t.china_share[RM_MARKET_JAPAN][RM_DY] = 0.9;
    double out[RM_NREY] = {0};
    out[RM_DY] = 100;
    rm_coverage c;
    assert_int_equal(rm_supply_coverage(&t, &s[0], out, &c, &err), RM_OK);
    assert_near(c.exposed_t[RM_MARKET_JAPAN][RM_DY], 135, 1e-12);
    assert_near(c.coverage_demand[RM_MARKET_JAPAN][RM_DY], 1.0 / 3.0, 1e-12);
    assert_near(c.coverage_exposed[RM_MARKET_JAPAN][RM_DY], 100.0 / 135.0, 1e-12);
    /* Embargo: all 270 t exposed. */
    assert_int_equal(rm_supply_coverage(&t, &s[2], out, &c, &err), RM_OK);
    assert_near(c.coverage_exposed[RM_MARKET_JAPAN][RM_DY], 100.0 / 270.0, 1e-12);
    /* Nd is never controlled: nothing exposed. */
    assert_true(isnan(c.coverage_exposed[RM_MARKET_JAPAN][RM_ND]));
    s[0].disruption = 2;
    assert_int_equal(rm_supply_coverage(&t, &s[0], out, &c, &err), RM_EINVAL);
}

/* Takaya et al. 2018: 16 Mt REO → Y 780, Eu 620, Tb 420, Dy 730 years of
 * world demand; the 1.2 Mt block → 62, 47, 32, 56.  Their oxide shares are
 * not in the abstract, so any composition backs out a world demand D_e =
 * 16e6 · share_e / years_e; the same D_e and shares then predict the block
 * from 1.2 Mt alone.  The prediction (years x 1.2/16) must land within 6 %
 * of what they published for the block, whose composition differs a little
 * from the area's. */
static void test_takaya_arithmetic(void **state)
{
    double share[RM_NREY], years[RM_NREY], demand[RM_NREY], block[RM_NREY];
    double g[RM_NREY];
    for (int e = 0; e < RM_NREY; e++)
        g[e] = 10 + e; /* any composition works: the shares cancel */
    rm_oxide_shares(g, share);
    double s = 0;
    for (int e = 0; e < RM_NREY; e++)
        s += share[e];
    assert_near(s, 1.0, 1e-12);
    for (int e = 0; e < RM_NREY; e++)
        years[e] = NAN;
    years[RM_Y] = 780;
    years[RM_EU] = 620;
    years[RM_TB] = 420;
    years[RM_DY] = 730;
    rm_takaya_backout_demand(16e6, share, years, demand);
    assert_true(isnan(demand[RM_LA]));
    rm_takaya_years(16e6, share, demand, block);
    assert_near(block[RM_Y], 780, 1e-9);
    rm_takaya_years(1.2e6, share, demand, block);
    const int el[4] = {RM_Y, RM_EU, RM_TB, RM_DY};
    const double published[4] = {62, 47, 32, 56};
    for (int k = 0; k < 4; k++)
        assert_rel(block[el[k]], published[k], 0.06);
    /* By hand: 1,000 t REO, 10 % Dy2O3, 10 t/yr demand → 10 years. */
    double sh[RM_NREY] = {0}, d[RM_NREY] = {0}, y[RM_NREY];
    sh[RM_DY] = 0.1;
    d[RM_DY] = 10;
    rm_takaya_years(1000, sh, d, y);
    assert_near(y[RM_DY], 10, 1e-12);
    assert_true(isnan(y[RM_LA]));
}

static void test_bad_table(void **state)
{
    const char *dir = rm_test_dir("supply_bad");
    char path[4096];
    snprintf(path, sizeof path, "%s/demand.csv", dir);
    FILE *fp = fopen(path, "w");
    fputs("element,market,demand_t_reo,low_t_reo,high_t_reo,year,china_share,source\n"
          "Dy,japan,300,,,2024,0.9,x\nDy,mars,1,,,2024,0.5,x\n", fp);
    fclose(fp);
    rm_supply_tables t;
    rm_error err;
    assert_int_equal(rm_supply_tables_load(&t, dir, &err), RM_EDATA);
    assert_non_null(strstr(err.message, "demand.csv:3: field 'market'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_scenarios_and_coverage),
        cmocka_unit_test(test_takaya_arithmetic),
        cmocka_unit_test(test_bad_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
