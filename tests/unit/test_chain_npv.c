/* test_chain_npv.c — the chain's deterministic NPV and its verdict against
 * an independent calculation: tests/data/chain/tiny_npv.py works two tiny
 * block models through the mine plan, plant and cash flow by hand from the
 * default tables in data/ (no code of src/chain), and prints:
 *   case A, 2 x 2 columns of 100 m blocks, 350 t/day:
 *       NPV −1,069,498,785.68 USD at 0.80 t/m³ (does NOT pay);
 *   case B, 4 x 4 columns of 500 m blocks, 10,000 t/day, rich in Tb/Dy:
 *       NPV +350,629,901.54 USD at 0.80 t/m³ (pays),
 *       −814,923,871.86 USD at the 0.55 t/m³ default (does NOT pay).
 * The models carry dry_density_t_m3 = 0.80, not the 0.55 default: a plan
 * that ignored the model's density would give case B's opposite verdict.
 * The lift energy is the table's 15 kWh/t (lift_from_engine off), so the
 * check does not depend on the lift engine; no Monte Carlo draws, so the
 * P50 is the base NPV.  Tolerance 1e-9 relative (the same arithmetic). */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "reemud/chain.h"
#include "rm_test.h"

/* n x n columns of side x side x 1 m blocks, 10 deep, at density_t_m3,
 * uniform grades (ppm) of Nd, Tb, Dy and Y, 0 elsewhere. */
static rm_blockmodel *model(int n, double side_m, double density_t_m3, double nd, double tb,
                            double dy, double y)
{
    rm_grid g = {.nx = n, .ny = n, .nz = 10, .dx = side_m, .dy = side_m, .dz = 1};
    rm_blockmodel *bm = rm_blockmodel_alloc(&g, 32656);
    assert_non_null(bm);
    size_t nb = rm_grid_nblocks(&g);
    for (int e = 0; e < RM_NREY; e++) {
        char name[32];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        double *v = rm_blockmodel_add(bm, name, name, "ppm");
        double grade = e == RM_ND ? nd : e == RM_TB ? tb : e == RM_DY ? dy : e == RM_Y ? y : 0;
        for (size_t b = 0; b < nb; b++)
            v[b] = grade;
    }
    double *rho = rm_blockmodel_add(bm, "dry_density_t_m3", "dry density", "t m-3");
    for (size_t b = 0; b < nb; b++)
        rho[b] = density_t_m3;
    return bm;
}

/* The chain at one rate, no draws, the table's lift energy; returns the
 * base NPV and writes chain_summary.json's verdict into verdict. */
static double run(rm_blockmodel *bm, double rate, const char *dir, char *verdict, size_t cap)
{
    static rm_chain_config cfg;
    rm_error err;
    assert_int_equal(rm_chain_config_default(&cfg, rm_test_source("data"), &err), RM_OK);
    cfg.n_rates = 1;
    cfg.rates_dry_t_per_day[0] = rate;
    cfg.draws = 0;
    cfg.lift_from_engine = 0;
    rm_chain_result r;
    if (rm_chain_run(bm, &cfg, &r, &err))
        fail_msg("%s", err.message);
    double npv = r.rates[0].econ.npv_usd;
    assert_near(r.rates[0].npv_p50_usd, npv, 0);
    if (rm_chain_write(&r, &cfg, dir, &err))
        fail_msg("%s", err.message);
    char path[4096];
    snprintf(path, sizeof path, "%s/chain_summary.json", dir);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    cJSON *root = cJSON_Parse(buf);
    assert_non_null(root);
    cJSON *sc = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "scenarios"), 0);
    assert_non_null(sc);
    cJSON *v = cJSON_GetObjectItem(sc, "verdict");
    assert_true(cJSON_IsString(v));
    snprintf(verdict, cap, "%s", v->valuestring);
    cJSON_Delete(root);
    rm_chain_result_free(&r);
    return npv;
}

static void test_case_a_350_does_not_pay(void **state)
{
    (void)state;
    rm_blockmodel *bm = model(2, 100, 0.80, 500, 0, 300, 2000);
    char verdict[512];
    double npv = run(bm, 350, rm_test_dir("chain_npv_a"), verdict, sizeof verdict);
    print_message("case A: NPV %.2f USD (independent -1069498785.68); %s\n", npv, verdict);
    assert_rel(npv, -1069498785.68, 1e-9);
    assert_non_null(strstr(verdict, "At 350 t/day the project does NOT pay"));
    rm_blockmodel_free(bm);
}

static void test_case_b_density_decides(void **state)
{
    (void)state;
    char verdict[512];
    rm_blockmodel *bm = model(4, 500, 0.80, 500, 500, 600, 2000);
    double npv = run(bm, 10000, rm_test_dir("chain_npv_b"), verdict, sizeof verdict);
    print_message("case B: NPV %.2f USD (independent 350629901.54); %s\n", npv, verdict);
    assert_rel(npv, 350629901.54, 1e-9);
    assert_non_null(strstr(verdict, "At 10000 t/day the project pays"));
    rm_blockmodel_free(bm);
    /* The same model at the default density: fewer years, a loss. */
    bm = model(4, 500, 0.55, 500, 500, 600, 2000);
    npv = run(bm, 10000, rm_test_dir("chain_npv_b055"), verdict, sizeof verdict);
    assert_rel(npv, -814923871.86, 1e-9);
    assert_non_null(strstr(verdict, "does NOT pay"));
    rm_blockmodel_free(bm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_a_350_does_not_pay),
        cmocka_unit_test(test_case_b_density_decides),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
