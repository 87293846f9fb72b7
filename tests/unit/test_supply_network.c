/* test_supply_network.c — the shipped network (data/supply_*.csv) against published
 * concentration, and the properties every run must keep: no unmet demand without
 * controls while capacity suffices, balance closed per row, no flow above capacity,
 * Minamitorishima never raising unmet demand and lowering Japan's Dy and Tb shortfall
 * under a Japan+US embargo, the Monte Carlo independent of the thread count. */
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "reemud/supply.h"
#include "rm_test.h"

static rm_snetwork net;

static int setup(void **state)
{
    (void)state;
    rm_error err;
    if (rm_snetwork_load(&net, rm_test_source("data"), NULL, &err) != RM_OK) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rm_snetwork_free(&net);
    return 0;
}

/* Only the named scenario, years from..to. */
static void config(rm_supply_run_config *cfg, const char *scenario, int from, int to)
{
    rm_supply_run_config_default(cfg, &net);
    rm_error err;
    assert_int_equal(rm_supply_select_scenarios(&net, cfg, scenario, NULL, 0, "test", &err),
                     RM_OK);
    cfg->year_from = from;
    cfg->year_to = to;
}

/* Minamitorishima at 3,500 t/day as the chain gives it for the bundled synthetic deposit
 * (chain oxide_output.csv on examples/minamitorishima/truth/truth.nc, t oxide/yr). */
static void add_minamitorishima(rm_supply_run_config *cfg)
{
    static const double ox[RM_NREY] = {659.0, 79.7, 167.3, 631.0, 107.3, 19.2, 93.8, 16.67,
                                       99.35, 21.5,  63.3, 9.2,   65.6,  10.2, 1173.7};
    cfg->n_rates = 1;
    cfg->rate_dry_t_per_day[0] = 3500;
    memcpy(cfg->mts_oxide_t[0], ox, sizeof ox);
    cfg->mts_start_year = 2030;
}

/* Baseline 2024: China's share of mine production ~69 % (USGS Mineral Commodity
 * Summaries 2025, rare earths: 270,000 of ~390,000 t REO), of separation/refining ~91 %
 * (IEA Global Critical Minerals Outlook 2024/2025: 92 % in 2023, ~91 % 2024–25), of
 * sintered NdFeB magnets ~94 % (IEA GCMO 2024), each within ±5 points. */
static void test_baseline_concentration(void **state)
{
    (void)state;
    rm_supply_run_config cfg;
    config(&cfg, "none", 2024, 2024);
    rm_supply_result r;
    rm_error err;
    assert_int_equal(rm_supply_run(&net, &cfg, &r, &err), RM_OK);
    assert_int_equal(cfg.baseline_year, 2024);
    assert_near(r.china_stage_share[0], 0.69, 0.05);
    assert_near(r.china_stage_share[1], 0.91, 0.05);
    assert_near(r.china_stage_share[2], 0.94, 0.05);
    rm_supply_result_free(&r);
}

/* World capacity of element e at each LP stage in year y (t oxide), computed here
 * from the facility table. */
static void stage_capacity(int e, int y, double cap[RM_NLPSTAGE])
{
    memset(cap, 0, RM_NLPSTAGE * sizeof *cap);
    for (size_t f = 0; f < net.n_fac; f++) {
        const rm_sfacility *fa = &net.fac[f];
        int s = fa->stage == RM_ST_MINING                                      ? RM_LP_MINE
                : fa->stage == RM_ST_SEP_LIGHT || fa->stage == RM_ST_SEP_HEAVY ? RM_LP_SEP
                : fa->stage == RM_ST_METAL                                     ? RM_LP_METAL
                                                                               : RM_LP_MAGNET;
        cap[s] += rm_sfacility_element_cap(&net, fa, e, y, 0);
    }
}

/* No controls: wherever every stage's world capacity exceeds world demand (magnet
 * stages against magnet demand), no market is short.  And in every row of every
 * scenario, supplied + unmet = demand to 1e-9. */
static void test_no_controls_no_unmet(void **state)
{
    (void)state;
    rm_supply_run_config cfg;
    config(&cfg, "none,embargo_japan_us,licensing", 2024, 2040);
    add_minamitorishima(&cfg);
    rm_supply_result r;
    rm_error err;
    assert_int_equal(rm_supply_run(&net, &cfg, &r, &err), RM_OK);
    int checked = 0;
    for (int yo = 0; yo < r.n_years; yo++)
        for (int e = 0; e < RM_NREY; e++) {
            double cap[RM_NLPSTAGE], world = 0;
            stage_capacity(e, cfg.year_from + yo, cap);
            for (int m = 0; m < RM_NSMARKET; m++)
                world += r.rows[rm_supply_row_index(&r, 0, 0, yo, e, m)].demand_t;
            double mag = world * net.magnet_share[e];
            int enough = cap[RM_LP_MINE] > world && cap[RM_LP_SEP] > world &&
                         (mag == 0 || (cap[RM_LP_METAL] > mag && cap[RM_LP_MAGNET] > mag));
            if (!enough)
                continue;
            checked++;
            for (int m = 0; m < RM_NSMARKET; m++)
                assert_near(r.rows[rm_supply_row_index(&r, 0, 0, yo, e, m)].unmet_t, 0, 1e-6);
        }
    assert_true(checked > RM_NREY); /* all of 2024 and more */
    for (size_t k = 0; k < r.n_rows; k++) {
        const rm_supply_row *w = &r.rows[k];
        assert_true(w->unmet_t >= 0 && w->supplied_t >= 0);
        assert_true(fabs(w->supplied_t + w->unmet_t - w->demand_t) <= 1e-9 * w->demand_t + 1e-12);
        assert_true(w->china_t <= w->supplied_t * (1 + 1e-9) + 1e-9);
        assert_true(w->hhi >= 0 && w->hhi <= 10000 + 1e-6);
    }
    rm_supply_result_free(&r);
}

/* No flow exceeds a capacity: each element in 2024 and 2035 under the Japan+US embargo,
 * rebuilt here from the facility table and solved directly; every node's throughput
 * and inflow stay within its capacity, and deliveries stay within demand. */
static void test_no_flow_above_capacity(void **state)
{
    (void)state;
    rm_slp_node *node = calloc(net.n_fac, sizeof *node);
    assert_non_null(node);
    const int years[2] = {2024, 2035};
    for (int q = 0; q < 2; q++)
        for (int e = 0; e < RM_NREY; e++) {
            size_t n = 0;
            for (size_t f = 0; f < net.n_fac; f++) {
                const rm_sfacility *fa = &net.fac[f];
                int s = fa->stage == RM_ST_MINING ? RM_LP_MINE
                        : fa->stage <= RM_ST_SEP_HEAVY ? RM_LP_SEP
                        : fa->stage == RM_ST_METAL     ? RM_LP_METAL
                                                       : RM_LP_MAGNET;
                double cap = rm_sfacility_element_cap(&net, fa, e, years[q], 0);
                if (s >= RM_LP_METAL && !(net.magnet_share[e] > 0))
                    cap = 0;
                node[n++] = (rm_slp_node){s, !strcmp(net.country[fa->country], "China"),
                                          fa->market, fa->country, 0, cap};
            }
            rm_slp_problem p;
            memset(&p, 0, sizeof p);
            p.node = node;
            p.n_node = n;
            for (int m = 0; m < RM_NSMARKET; m++) {
                double d = net.demand_t[m][e] * pow(1.05, years[q] - 2024);
                p.demand_magnet_t[m] = d * net.magnet_share[e];
                p.demand_direct_t[m] = d - p.demand_magnet_t[m];
                p.china_cap_t[m] = m == RM_SM_JAPAN || m == RM_SM_US ? 0 : INFINITY;
                p.unmet_max_t[m] = INFINITY;
            }
            rm_slp_solution s;
            memset(&s, 0, sizeof s);
            rm_error err;
            assert_int_equal(rm_slp_solve(&p, &s, &err), RM_OK);
            double *in = calloc(n, sizeof *in);
            assert_non_null(in);
            for (size_t a = 0; a < s.n_arc; a++) {
                assert_true(s.arc_t[a] >= 0);
                if (s.arc_to[a] >= 0)
                    in[s.arc_to[a]] += s.arc_t[a];
            }
            for (size_t i = 0; i < n; i++) {
                double tol = 1e-7 * (1 + node[i].cap_t);
                if (node[i].stage == RM_LP_MINE)
                    assert_true(s.node_t[i] <= node[i].cap_t + tol);
                else
                    assert_true(in[i] <= node[i].cap_t + tol);
            }
            for (int m = 0; m < RM_NSMARKET; m++) {
                assert_true(s.supplied_t[m] <=
                            p.demand_magnet_t[m] + p.demand_direct_t[m] + 1e-9);
                if (m == RM_SM_JAPAN || m == RM_SM_US)
                    assert_near(s.china_t[m], 0, 1e-7);
            }
            free(in);
            rm_slp_solution_free(&s);
        }
    free(node);
}

/* Adding Minamitorishima never raises any market's unmet demand (every scenario, year,
 * element), and under the Japan+US embargo it lowers Japan's unmet Dy and Tb in every
 * year after its start in which Japan is short of them. */
static void test_minamitorishima_never_hurts(void **state)
{
    (void)state;
    rm_supply_run_config cfg;
    config(&cfg, "embargo_japan_us,japan_ban,april_withheld", 2024, 2040);
    add_minamitorishima(&cfg);
    rm_supply_result r;
    rm_error err;
    assert_int_equal(rm_supply_run(&net, &cfg, &r, &err), RM_OK);
    for (size_t s = 0; s < cfg.n_scenarios; s++)
        for (int yo = 0; yo < r.n_years; yo++)
            for (int e = 0; e < RM_NREY; e++)
                for (int m = 0; m < RM_NSMARKET; m++) {
                    double u0 = r.rows[rm_supply_row_index(&r, s, 0, yo, e, m)].unmet_t;
                    double u1 = r.rows[rm_supply_row_index(&r, s, 1, yo, e, m)].unmet_t;
                    assert_true(u1 <= u0 * (1 + 1e-7) + 1e-6);
                }
    int lowered = 0;
    for (int yo = 0; yo < r.n_years; yo++) {
        int y = cfg.year_from + yo;
        if (y < cfg.mts_start_year + 1)
            continue;
        const int el[2] = {RM_DY, RM_TB};
        for (int k = 0; k < 2; k++) {
            double u0 = r.rows[rm_supply_row_index(&r, 0, 0, yo, el[k], RM_SM_JAPAN)].unmet_t;
            double u1 = r.rows[rm_supply_row_index(&r, 0, 1, yo, el[k], RM_SM_JAPAN)].unmet_t;
            if (u0 > 1)
                assert_true(u1 < u0 - 1e-3);
            lowered += u0 > 1;
        }
    }
    assert_true(lowered >= 10); /* Japan is short of Dy and Tb under the embargo */
    rm_supply_result_free(&r);
}

/* Same seed → the same P10/P50/P90 with one thread or two; different from another seed. */
static void test_monte_carlo_threads(void **state)
{
    (void)state;
    rm_supply_run_config cfg;
    config(&cfg, "embargo_japan_us", 2024, 2034);
    cfg.draws = 6;
    cfg.seed = 7;
    rm_supply_result a, b;
    rm_error err;
#ifdef _OPENMP
    omp_set_num_threads(1);
#endif
    assert_int_equal(rm_supply_run(&net, &cfg, &a, &err), RM_OK);
#ifdef _OPENMP
    omp_set_num_threads(2);
#endif
    assert_int_equal(rm_supply_run(&net, &cfg, &b, &err), RM_OK);
    assert_int_equal(a.n_mc, a.n_rows);
    assert_int_equal(a.n_mc, b.n_mc);
    int spread = 0;
    for (size_t k = 0; k < a.n_mc; k++) {
        assert_true(a.mc[k].p10_t == b.mc[k].p10_t && a.mc[k].p50_t == b.mc[k].p50_t &&
                    a.mc[k].p90_t == b.mc[k].p90_t);
        assert_true(a.mc[k].p10_t <= a.mc[k].p50_t && a.mc[k].p50_t <= a.mc[k].p90_t);
        spread += a.mc[k].p90_t > a.mc[k].p10_t + 1e-6;
    }
    assert_true(spread > 0);
    rm_supply_result_free(&a);
    rm_supply_result_free(&b);
}

/* Dates: the October list (effective 8 Nov 2025, suspended 10 Nov 2025 – 10 Nov 2026)
 * is in force 2 days of 2025 and 51 days of 2026 (10 Nov – 31 Dec). */
static void test_measure_dates(void **state)
{
    (void)state;
    int k = rm_snetwork_scenario(&net, "licensing");
    assert_true(k >= 0);
    const rm_sscenario *s = &net.scenario[k];
    const rm_smeasure *oct = NULL;
    for (size_t q = 0; q < s->n_measures; q++)
        if (s->measure[q].elements & (1u << RM_EU))
            oct = &s->measure[q];
    assert_non_null(oct);
    assert_near(rm_smeasure_in_force(oct, 2025), 2.0 / 365, 1e-12);
    assert_near(rm_smeasure_in_force(oct, 2026), 52.0 / 365, 1e-12);
    assert_near(rm_smeasure_in_force(oct, 2027), 1.0, 0);
    assert_near(rm_smeasure_in_force(oct, 2024), 0.0, 0);
    /* All 12 on the Japan+US embargo, Nd never. */
    int e = rm_snetwork_scenario(&net, "embargo_japan_us");
    assert_true(e >= 0);
    unsigned m = net.scenario[e].measure[0].elements;
    int n = 0;
    for (int q = 0; q < RM_NREY; q++)
        n += (m >> q) & 1;
    assert_int_equal(n, 11); /* the 12 less Sc, which is outside ΣREY */
    assert_false(m & (1u << RM_ND));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline_concentration),
        cmocka_unit_test(test_measure_dates),
        cmocka_unit_test(test_no_controls_no_unmet),
        cmocka_unit_test(test_no_flow_above_capacity),
        cmocka_unit_test(test_minamitorishima_never_hurts),
        cmocka_unit_test(test_monte_carlo_threads),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
