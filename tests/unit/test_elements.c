/* test_elements.c — the compiled REY table agrees with data/elements.csv,
 * and the oxide factors agree with stoichiometry from atomic weights. */
#include <string.h>

#include "reemud/elements.h"
#include "rm_test.h"

static void test_table_matches_data_file(void **state)
{
    FILE *fp = fopen(rm_test_source("data/elements.csv"), "r");
    assert_non_null(fp);
    char line[512];
    assert_non_null(fgets(line, sizeof line, fp)); /* header */
    int rows = 0;
    while (fgets(line, sizeof line, fp)) {
        char sym[8], oxide[16];
        int z;
        double factor;
        assert_int_equal(sscanf(line, "%7[^,],%d,%15[^,],%lf", sym, &z, oxide, &factor), 4);
        int e = rm_element_index(sym);
        assert_true(e >= 0);
        assert_string_equal(rm_element(e)->oxide, oxide);
        assert_near(rm_element(e)->oxide_factor, factor, 1e-12);
        rows++;
    }
    fclose(fp);
    assert_int_equal(rows, RM_NELEM);
}

static void test_factors_from_atomic_weights(void **state)
{
    /* IUPAC standard atomic weights; factor = (m M + n O) / (m M). */
    static const struct { int e, m, n; double w; } s[] = {
        {RM_LA, 2, 3, 138.905}, {RM_CE, 1, 2, 140.116}, {RM_PR, 6, 11, 140.908},
        {RM_ND, 2, 3, 144.242}, {RM_DY, 2, 3, 162.500}, {RM_TB, 4, 7, 158.925},
        {RM_Y, 2, 3, 88.906},
    };
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
        double f = (s[i].m * s[i].w + s[i].n * 15.999) / (s[i].m * s[i].w);
        assert_near(rm_element(s[i].e)->oxide_factor, f, 6e-4);
    }
}

static void test_lookup(void **state)
{
    assert_int_equal(rm_element_index("nd"), RM_ND);
    assert_int_equal(rm_element_index("Y"), RM_Y);
    assert_int_equal(rm_element_index("Fe"), -1);
    assert_null(rm_element(RM_NELEM));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_matches_data_file),
        cmocka_unit_test(test_factors_from_atomic_weights),
        cmocka_unit_test(test_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
