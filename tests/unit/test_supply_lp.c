/* test_supply_lp.c — the network's linear programme on small networks solved by hand:
 * a bottleneck at separation, one at magnets, a stockpile draw, China's export cap and
 * China-sourced material passing through a third country, Minamitorishima's oxide
 * reserved for Japan and adding to what Japan had. */
#include <string.h>

#include "reemud/supply.h"
#include "rm_test.h"

/* A problem with no demand, no cap, no stock. */
static void clear(rm_slp_problem *p, const rm_slp_node *node, size_t n)
{
    memset(p, 0, sizeof *p);
    p->node = node;
    p->n_node = n;
    for (int m = 0; m < RM_NSMARKET; m++) {
        p->china_cap_t[m] = INFINITY;
        p->unmet_max_t[m] = INFINITY;
    }
}

/* Mine 100 → separation 60 → metal 100 → magnets 100; Japan wants 80 t in magnets.
 * By hand: 60 t reach Japan, 20 t unmet, the separation capacity binds (one more t
 * of it saves the unmet penalty), the mine delivers 60 t. */
static void test_bottleneck_separation(void **state)
{
    (void)state;
    rm_slp_node n[] = {{RM_LP_MINE, 0, RM_SM_ALLIED, 0, 0, 100},
                       {RM_LP_SEP, 0, RM_SM_ALLIED, 0, 0, 60},
                       {RM_LP_METAL, 0, RM_SM_JAPAN, 1, 0, 100},
                       {RM_LP_MAGNET, 0, RM_SM_JAPAN, 1, 0, 100}};
    rm_slp_problem p;
    clear(&p, n, 4);
    p.demand_magnet_t[RM_SM_JAPAN] = 80;
    rm_slp_solution s;
    memset(&s, 0, sizeof s);
    rm_error err;
    assert_int_equal(rm_slp_solve(&p, &s, &err), RM_OK);
    assert_near(s.supplied_t[RM_SM_JAPAN], 60, 1e-9);
    assert_near(s.unmet_t[RM_SM_JAPAN], 20, 1e-9);
    assert_int_equal(s.binding[RM_SM_JAPAN], RM_LP_SEP);
    assert_near(s.node_t[0], 60, 1e-9);
    assert_near(s.china_t[RM_SM_JAPAN], 0, 0);
    assert_true(s.node_dual[1] > 0.5e5);
    assert_near(s.node_dual[0], 0, 1e-9);
    rm_slp_solution_free(&s);
}

/* Mine 100 → separation 100 → metal 100 → magnets 50; magnet demand 80 in the US and
 * 5 t of direct use.  By hand: 50 t of magnets + 5 t direct, 30 t unmet at magnets. */
static void test_bottleneck_magnets(void **state)
{
    (void)state;
    rm_slp_node n[] = {{RM_LP_MINE, 0, RM_SM_US, 0, 0, 100},
                       {RM_LP_SEP, 0, RM_SM_US, 0, 0, 100},
                       {RM_LP_METAL, 0, RM_SM_US, 0, 0, 100},
                       {RM_LP_MAGNET, 0, RM_SM_US, 0, 0, 50}};
    rm_slp_problem p;
    clear(&p, n, 4);
    p.demand_magnet_t[RM_SM_US] = 80;
    p.demand_direct_t[RM_SM_US] = 5;
    rm_slp_solution s;
    memset(&s, 0, sizeof s);
    rm_error err;
    assert_int_equal(rm_slp_solve(&p, &s, &err), RM_OK);
    assert_near(s.supplied_t[RM_SM_US], 55, 1e-9);
    assert_near(s.unmet_t[RM_SM_US], 30, 1e-9);
    assert_int_equal(s.binding[RM_SM_US], RM_LP_MAGNET);
    assert_near(s.node_t[1], 55, 1e-9); /* separation: 50 to metal + 5 direct */
    rm_slp_solution_free(&s);
}

/* Mine 100 → separation 50, Japan direct demand 80, stockpile 20 t: the stock is
 * drawn in full (20 t), 10 t stay unmet; with 40 t in stock only 30 t are drawn. */
static void test_stockpile_draw(void **state)
{
    (void)state;
    rm_slp_node n[] = {{RM_LP_MINE, 0, RM_SM_JAPAN, 0, 0, 100},
                       {RM_LP_SEP, 0, RM_SM_JAPAN, 0, 0, 50}};
    rm_slp_problem p;
    clear(&p, n, 2);
    p.demand_direct_t[RM_SM_JAPAN] = 80;
    p.stock_t[RM_SM_JAPAN] = 20;
    rm_slp_solution s;
    memset(&s, 0, sizeof s);
    rm_error err;
    assert_int_equal(rm_slp_solve(&p, &s, &err), RM_OK);
    assert_near(s.draw_t[RM_SM_JAPAN], 20, 1e-9);
    assert_near(s.supplied_t[RM_SM_JAPAN], 70, 1e-9);
    assert_near(s.unmet_t[RM_SM_JAPAN], 10, 1e-9);
    assert_int_equal(s.binding[RM_SM_JAPAN], RM_LP_SEP);
    p.stock_t[RM_SM_JAPAN] = 40;
    assert_int_equal(rm_slp_solve(&p, &s, &err), RM_OK);
    assert_near(s.draw_t[RM_SM_JAPAN], 30, 1e-9);
    assert_near(s.unmet_t[RM_SM_JAPAN], 0, 0);
    rm_slp_solution_free(&s);
}

/* China's mine and refinery (200 t) against Japan's 80 t with exports capped at 30 t:
 * 30 t China-sourced reach Japan, 50 t unmet, named "export_control"; China's own
 * 100 t are met.  Then a refinery outside China processing Chinese ore: its output is
 * still China-sourced, so the cap holds. */
static void test_export_cap(void **state)
{
    (void)state;
    rm_slp_node n[] = {{RM_LP_MINE, 1, RM_SM_CHINA, 0, 0, 200},
                       {RM_LP_SEP, 1, RM_SM_CHINA, 0, 0, 200},
                       {RM_LP_SEP, 0, RM_SM_ALLIED, 1, 0, 0}};
    rm_slp_problem p;
    clear(&p, n, 3);
    p.demand_direct_t[RM_SM_JAPAN] = 80;
    p.demand_direct_t[RM_SM_CHINA] = 100;
    p.china_cap_t[RM_SM_JAPAN] = 30;
    rm_slp_solution s;
    memset(&s, 0, sizeof s);
    rm_error err;
    assert_int_equal(rm_slp_solve(&p, &s, &err), RM_OK);
    assert_near(s.supplied_t[RM_SM_JAPAN], 30, 1e-9);
    assert_near(s.china_t[RM_SM_JAPAN], 30, 1e-9);
    assert_near(s.unmet_t[RM_SM_JAPAN], 50, 1e-9);
    assert_int_equal(s.binding[RM_SM_JAPAN], RM_BIND_EXPORT);
    assert_near(s.unmet_t[RM_SM_CHINA], 0, 0);
    /* A 100 t refinery outside China: fed only with Chinese ore it changes nothing. */
    n[1].cap_t = 0;
    n[2].cap_t = 100;
    assert_int_equal(rm_slp_solve(&p, &s, &err), RM_OK);
    assert_near(s.supplied_t[RM_SM_JAPAN], 30, 1e-9);
    assert_near(s.china_t[RM_SM_JAPAN], 30, 1e-9);
    assert_near(s.supplied_t[RM_SM_CHINA], 70, 1e-9);
    rm_slp_solution_free(&s);
}

/* Minamitorishima (a 15 t source at separation in Japan) under a total embargo on
 * Japan (30 t demand) and the US (20 t), the only other supply 10 t from an allied
 * mine and refinery.  Without it 10 t reach Japan or the US (40 t unmet in all, Japan
 * at least 20 t short); with it and the "no market worse off" rows from the case
 * without, Japan gets all 15 t on top of what it had and the US keeps its share. */
static void test_minamitorishima_adds(void **state)
{
    (void)state;
    rm_slp_node n[] = {{RM_LP_MINE, 0, RM_SM_ALLIED, 0, 0, 10},
                       {RM_LP_SEP, 0, RM_SM_ALLIED, 0, 0, 10},
                       {RM_LP_SEP, 0, RM_SM_JAPAN, 1, 1, 15}};
    rm_slp_problem p;
    clear(&p, n, 3);
    p.demand_direct_t[RM_SM_JAPAN] = 30;
    p.demand_direct_t[RM_SM_US] = 20;
    p.china_cap_t[RM_SM_JAPAN] = p.china_cap_t[RM_SM_US] = 0;
    n[2].cap_t = 0;
    rm_slp_solution s0, s1;
    memset(&s0, 0, sizeof s0);
    memset(&s1, 0, sizeof s1);
    rm_error err;
    assert_int_equal(rm_slp_solve(&p, &s0, &err), RM_OK);
    assert_near(s0.unmet_t[RM_SM_JAPAN] + s0.unmet_t[RM_SM_US], 40, 1e-9);
    assert_true(s0.unmet_t[RM_SM_JAPAN] >= 20 - 1e-9);
    n[2].cap_t = 15;
    p.unmet_max_t[RM_SM_JAPAN] = s0.unmet_t[RM_SM_JAPAN];
    p.unmet_max_t[RM_SM_US] = s0.unmet_t[RM_SM_US];
    assert_int_equal(rm_slp_solve(&p, &s1, &err), RM_OK);
    assert_near(s1.unmet_t[RM_SM_JAPAN], s0.unmet_t[RM_SM_JAPAN] - 15, 1e-9);
    assert_near(s1.unmet_t[RM_SM_US], s0.unmet_t[RM_SM_US], 1e-9);
    assert_near(s1.node_t[2], 15, 1e-9);
    rm_slp_solution_free(&s0);
    rm_slp_solution_free(&s1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bottleneck_separation),
        cmocka_unit_test(test_bottleneck_magnets),
        cmocka_unit_test(test_stockpile_draw),
        cmocka_unit_test(test_export_cap),
        cmocka_unit_test(test_minamitorishima_adds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
