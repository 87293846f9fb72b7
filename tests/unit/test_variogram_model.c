/* test_variogram_model.c — basic structures, nested anisotropic models
 * against gstat (tests/data/gstat/vario_anis.csv from
 * bench/gstat/vario_anis.R), the MODEL grammar and its errors. */
#include <string.h>

#include "reemud/variogram.h"
#include "rm_test.h"

static void test_basic_structures(void **state)
{
    /* Closed forms with gstat's range parameter, evaluated by hand. */
    assert_near(rm_vgm_nug->gamma(0.0), 0.0, 0);
    assert_near(rm_vgm_nug->gamma(1e-300), 1.0, 0);
    assert_near(rm_vgm_sph->gamma(0.5), 0.6875, 1e-15);   /* 0.75 - 0.0625 */
    assert_near(rm_vgm_sph->gamma(1.0), 1.0, 0);
    assert_near(rm_vgm_sph->gamma(3.0), 1.0, 0);
    assert_near(rm_vgm_exp->gamma(1.0), 0.63212055882855767, 1e-15);
    assert_near(rm_vgm_gau->gamma(2.0), 0.98168436111126578, 1e-15);
    assert_true(rm_vgm_type_find("sPh", 3) == rm_vgm_sph);
    assert_null(rm_vgm_type_find("Mat", 3));
}

static void test_isotropic_nested(void **state)
{
    rm_vgm_model m;
    rm_error err;
    assert_int_equal(rm_vgm_parse("0.05 Nug + 0.59 Sph(897)", &m, &err), RM_OK);
    assert_int_equal(m.n, 2);
    assert_near(rm_vgm_sill(&m), 0.64, 1e-15);
    assert_near(rm_vgm_nugget(&m), 0.05, 1e-15);
    assert_near(rm_vgm_max_range(&m), 897, 0);
    /* Nugget only at h = 0 exactly. */
    assert_near(rm_vgm_gamma(&m, 0, 0, 0), 0.0, 0);
    assert_near(rm_vgm_cov(&m, 0, 0, 0), 0.64, 1e-15);
    double h = 448.5; /* half the range: 0.59 * 0.6875 + 0.05 */
    assert_near(rm_vgm_gamma(&m, h * 0.6, h * 0.8, 0), 0.05 + 0.59 * 0.6875, 1e-14);
    assert_near(rm_vgm_cov(&m, 0, h, 0), 0.59 * 0.3125, 1e-14);
    assert_near(rm_vgm_gamma_h(&m, h), 0.05 + 0.59 * 0.6875, 1e-14);
    assert_near(rm_vgm_cov(&m, 1e-9, 0, 0) + rm_vgm_gamma(&m, 1e-9, 0, 0), 0.64, 1e-15);
    assert_near(rm_vgm_gamma(&m, 1000, 0, 0), 0.64, 1e-15);
    double M[9];
    rm_vgm_search_metric(&m, M);
    assert_near(M[0], 1, 0);
    assert_near(M[4], 1, 0);
    assert_near(M[8], 1, 0);
    assert_near(M[1], 0, 0);
}

static void test_against_gstat_anisotropy(void **state)
{
    FILE *fp = fopen(rm_test_source("tests/data/gstat/vario_anis.csv"), "r");
    assert_non_null(fp);
    char line[1024];
    assert_non_null(fgets(line, sizeof line, fp)); /* header */
    int rows = 0;
    while (fgets(line, sizeof line, fp)) {
        char *q1 = strchr(line, '"');
        char *q2 = q1 ? strchr(q1 + 1, '"') : NULL;
        assert_non_null(q2);
        *q2 = '\0';
        double dx, dy, dz, g, c;
        assert_int_equal(sscanf(q2 + 2, "%lf,%lf,%lf,%lf,%lf", &dx, &dy, &dz, &g, &c), 5);
        rm_vgm_model m;
        rm_error err;
        if (rm_vgm_parse(q1 + 1, &m, &err) != RM_OK)
            fail_msg("%s", err.message);
        double mg = rm_vgm_gamma(&m, dx, dy, dz);
        double mc = rm_vgm_cov(&m, dx, dy, dz);
        if (!rm_test_close(mg, g, 1e-9) || !rm_test_close(mc, c, 1e-9))
            fail_msg("%s at (%g, %g, %g): gamma %.12g cov %.12g, gstat %.12g %.12g", q1 + 1,
                     dx, dy, dz, mg, mc, g, c);
        rows++;
    }
    fclose(fp);
    assert_int_equal(rows, 150);
}

static void test_setrot_axes(void **state)
{
    /* Azimuth 30: the major axis points 30 degrees east of north. */
    rm_vgm_model m;
    rm_error err;
    assert_int_equal(rm_vgm_parse("1 Exp(300, 150, 20; 30, 0, 0)", &m, &err), RM_OK);
    double s = sin(30 * M_PI / 180), c = cos(30 * M_PI / 180);
    assert_near(rm_vgm_gamma(&m, 300 * s, 300 * c, 0), 1 - exp(-1), 1e-12);
    assert_near(rm_vgm_gamma(&m, 150 * c, -150 * s, 0), 1 - exp(-1), 1e-12);
    assert_near(rm_vgm_gamma(&m, 0, 0, 20), 1 - exp(-1), 1e-12);
    /* Dip 90 (up): the major axis is vertical. */
    assert_int_equal(rm_vgm_parse("1 Exp(300, 150, 20; 0, 90, 0)", &m, &err), RM_OK);
    assert_near(rm_vgm_gamma(&m, 0, 0, 300), 1 - exp(-1), 1e-12);
    /* The search metric: distance in metres along the major axis. */
    assert_int_equal(rm_vgm_parse("0.1 Nug + 1 Sph(50) + 1 Sph(300, 150, 20; 30, 0, 0)", &m,
                                  &err), RM_OK);
    double M[9];
    rm_vgm_search_metric(&m, M);
    double u[3] = {150 * c, -150 * s, 0}; /* minor axis, 150 m -> 300 m */
    double r2 = 0;
    for (int i = 0; i < 3; i++) {
        double v = M[3 * i] * u[0] + M[3 * i + 1] * u[1] + M[3 * i + 2] * u[2];
        r2 += v * v;
    }
    assert_near(sqrt(r2), 300, 1e-9);
}

static void test_format_round_trip(void **state)
{
    const char *cases[][2] = {
        {"0.05 Nug + 0.59 Sph(897)", "0.05 Nug + 0.59 Sph(897)"},
        {" 0.1nug(0)+0.5 SPH( 300 ,150,20 ;30,0,0 ) ", "0.1 Nug + 0.5 Sph(300, 150, 20; 30, 0, 0)"},
        {"1 Exp(300, 150; 30)", "1 Exp(300, 150; 30)"},
        {"2.5e-3 Gau(1e3)", "0.0025 Gau(1000)"},
        {"0.050662430000000001 Nug()", "0.05066243 Nug"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rm_vgm_model m, m2;
        rm_error err;
        char buf[256];
        if (rm_vgm_parse(cases[i][0], &m, &err) != RM_OK)
            fail_msg("%s", err.message);
        assert_int_equal(rm_vgm_format(&m, buf, sizeof buf, &err), RM_OK);
        assert_string_equal(buf, cases[i][1]);
        assert_int_equal(rm_vgm_parse(buf, &m2, &err), RM_OK);
        assert_int_equal(m.n, m2.n);
        for (int k = 0; k < m.n; k++) {
            assert_true(m.s[k].type == m2.s[k].type);
            assert_true(m.s[k].sill == m2.s[k].sill);
            assert_memory_equal(m.s[k].range, m2.s[k].range, sizeof m.s[k].range);
            assert_memory_equal(m.s[k].angle_deg, m2.s[k].angle_deg, sizeof m.s[k].angle_deg);
            assert_memory_equal(m.s[k].rot, m2.s[k].rot, sizeof m.s[k].rot);
        }
    }
    rm_vgm_model m;
    rm_error err;
    char small[8];
    assert_int_equal(rm_vgm_parse("0.05 Nug + 0.59 Sph(897)", &m, &err), RM_OK);
    assert_int_equal(rm_vgm_format(&m, small, sizeof small, &err), RM_EINVAL);
    assert_int_equal(strlen(small), 7);
}

static void expect_parse_error(const char *text, int column, const char *what)
{
    rm_vgm_model m;
    rm_error err;
    rm_error_clear(&err);
    if (rm_vgm_parse(text, &m, &err) == RM_OK)
        fail_msg("'%s' parsed", text);
    char col[32];
    snprintf(col, sizeof col, "column %d:", column);
    if (!strstr(err.message, col) || !strstr(err.message, what))
        fail_msg("'%s': message '%s' lacks '%s' / '%s'", text, err.message, col, what);
    /* The caret sits under the column. */
    const char *caret = strrchr(err.message, '\n');
    assert_non_null(caret);
    assert_int_equal((int)(strchr(caret, '^') - caret) - 2, column);
}

static void test_parse_errors(void **state)
{
    expect_parse_error("0.05 Nug + 0.59 Sph(897", 24, "missing ')'");
    expect_parse_error("0.05 Nug + 0.59 Shp(897)", 17, "unknown model type");
    expect_parse_error("0.05 Nug + Sph(897)", 12, "expected a sill");
    expect_parse_error("0.59 Sph", 9, "needs a range");
    expect_parse_error("0.59 Sph(0)", 9, "ranges must be > 0");
    expect_parse_error("-1 Sph(10)", 1, "sill must be >= 0");
    expect_parse_error("1 Sph(10, 5, 2, 1)", 17, "at most 3 ranges");
    expect_parse_error("1 Sph(10; 1, 2, 3, 4)", 20, "at most 3 angles");
    expect_parse_error("1 Sph(10) 2 Exp(3)", 11, "expected '+'");
    expect_parse_error("1 Nug(5)", 7, "the nugget has no range");
    expect_parse_error("1 Sph(inf)", 7, "expected ranges");
    expect_parse_error("", 1, "expected a sill");
    expect_parse_error("1 Sph(1e999)", 7, "out of range");
    rm_vgm_model m;
    rm_error err;
    assert_int_equal(rm_vgm_parse("1 Nug+1 Nug+1 Nug+1 Nug+1 Nug+1 Nug+1 Nug+1 Nug", &m, &err),
                     RM_OK);
    assert_int_equal(rm_vgm_parse("1 Nug+1 Nug+1 Nug+1 Nug+1 Nug+1 Nug+1 Nug+1 Nug+1 Nug", &m,
                                  &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "at most 8 structures"));
}

static void test_add_and_update_validate(void **state)
{
    rm_vgm_model m;
    rm_error err;
    rm_vgm_init(&m);
    double r[3] = {100, 50, 10}, a[1] = {45};
    assert_int_equal(rm_vgm_add(&m, rm_vgm_sph, 1.0, r, 3, a, 1, &err), RM_OK);
    assert_int_equal(rm_vgm_add(&m, rm_vgm_exp, 1.0, NULL, 0, NULL, 0, &err), RM_EINVAL);
    assert_int_equal(rm_vgm_add(&m, rm_vgm_exp, NAN, r, 1, NULL, 0, &err), RM_EINVAL);
    m.s[0].range[1] = -1;
    assert_int_equal(rm_vgm_update(&m, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "range -1"));
    m.s[0].range[1] = 100;
    m.s[0].range[2] = 100;
    assert_int_equal(rm_vgm_update(&m, &err), RM_OK);
    assert_true(m.s[0].isotropic);
    assert_near(rm_vgm_gamma(&m, 0, 0, 50), 0.6875, 1e-14);
}

/* The default simulation radius: at factor × range the longest structure's
 * covariance is 5 % of its sill for Exp and Gau (1 − e^{−3}), and 0 for Sph;
 * a nested model takes the type of its longest structure. */
static void test_practical_range_factor(void **state)
{
    (void)state;
    const char *models[] = {"1 Exp(100)", "1 Gau(100)", "1 Sph(100)",
                            "0.1 Nug + 0.9 Exp(40) + 2 Gau(100)"};
    double sill_longest[] = {1, 1, 1, 2}, at_factor[] = {0.05, 0.05, 0.0, 0.05};
    for (int i = 0; i < 4; i++) {
        rm_vgm_model m;
        rm_error err;
        assert_int_equal(rm_vgm_parse(models[i], &m, &err), RM_OK);
        double r = rm_vgm_practical_range_factor(&m) * rm_vgm_max_range(&m);
        double longest = rm_vgm_cov(&m, r, 0, 0) - (i == 3 ? 0.9 * exp(-r / 40) : 0);
        assert_near(longest / sill_longest[i], at_factor[i], 1e-3);
    }
    rm_vgm_model nug;
    assert_int_equal(rm_vgm_parse("1 Nug", &nug, NULL), RM_OK);
    assert_near(rm_vgm_practical_range_factor(&nug), 1.0, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_structures),
        cmocka_unit_test(test_isotropic_nested),
        cmocka_unit_test(test_against_gstat_anisotropy),
        cmocka_unit_test(test_setrot_axes),
        cmocka_unit_test(test_format_round_trip),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_add_and_update_validate),
        cmocka_unit_test(test_practical_range_factor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
