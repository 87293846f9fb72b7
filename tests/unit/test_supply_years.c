/* test_supply_years.c — years of world demand (rm_supply_years) for a given
 * oxide output, against values worked by hand from data/demand.csv (market
 * "world", column demand_t_reo, t REO a year):
 *
 *   element  demand   oxide (t)   years = oxide / demand
 *   La        95,000   190,000     2.0
 *   Ce       120,000    60,000     0.5
 *   Pr        22,000    11,000     0.5
 *   Nd        67,000   134,000     2.0
 *   Sm         3,000     4,500     1.5
 *   Eu           400     1,000     2.5
 *   Gd         4,000     1,000     0.25
 *   Tb           750     3,000     4.0
 *   Dy         2,800    14,000     5.0
 *   Ho           500       250     0.5
 *   Er         1,500     4,500     3.0
 *   Tm           180        90     0.5
 *   Yb           600     1,800     3.0
 *   Lu           170        85     0.5
 *   Y         12,500   975,000    78.0
 *
 * A change of data/demand.csv must come with a new hand table here.  The
 * demand goes through the library's table loader (the path a run takes);
 * a demand of 0 or unknown gives NaN, never a number of years. */
#include "reemud/supply.h"
#include "rm_test.h"

static void test_years_of_world_demand(void **state)
{
    (void)state;
    static const double oxide_t[RM_NREY] = {190000, 60000, 11000, 134000, 4500,
                                            1000,   1000,  3000,  14000,  250,
                                            4500,   90,    1800,  85,     975000};
    static const double years_by_hand[RM_NREY] = {2.0, 0.5, 0.5, 2.0, 1.5, 2.5, 0.25, 4.0,
                                                  5.0, 0.5, 3.0, 0.5, 3.0, 0.5, 78.0};
    static const int order[RM_NREY] = {RM_LA, RM_CE, RM_PR, RM_ND, RM_SM, RM_EU, RM_GD, RM_TB,
                                       RM_DY, RM_HO, RM_ER, RM_TM, RM_YB, RM_LU, RM_Y};
    rm_supply_tables t;
    rm_error err;
    assert_int_equal(rm_supply_tables_load(&t, rm_test_source("data"), &err), RM_OK);
    double oxide[RM_NREY], demand[RM_NREY], years[RM_NREY];
    for (int e = 0; e < RM_NREY; e++)
        oxide[e] = NAN;
    for (int i = 0; i < RM_NREY; i++) {
        oxide[order[i]] = oxide_t[i];
    }
    for (int e = 0; e < RM_NREY; e++)
        demand[e] = t.demand_t[RM_MARKET_WORLD][e];
    rm_supply_years(oxide, demand, years);
    for (int i = 0; i < RM_NREY; i++)
        assert_near(years[order[i]], years_by_hand[i], 1e-9 * years_by_hand[i]);

    /* No demand, no years: NaN, which no output may print as a number. */
    demand[RM_DY] = 0.0;
    demand[RM_TB] = NAN;
    rm_supply_years(oxide, demand, years);
    assert_true(isnan(years[RM_DY]));
    assert_true(isnan(years[RM_TB]));
    assert_near(years[RM_Y], 78.0, 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_years_of_world_demand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
