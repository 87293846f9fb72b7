/* test_helpers.c — the shared numeric checks of rm_test.h fail on every
 * non-finite value: a NaN or an infinity never compares as close, never
 * lowers or hides a worst error, and propagates through a maximum. */
#include "rm_test.h"

static void test_nonfinite_never_close(void **state)
{
    (void)state;
    const double bad[] = {NAN, -NAN, INFINITY, -INFINITY};
    for (int i = 0; i < 4; i++) {
        assert_false(rm_test_finite(bad[i]));
        assert_false(rm_test_close(bad[i], 1.0, 1e300));
        assert_false(rm_test_close(1.0, bad[i], 1e300));
        assert_false(rm_test_close(bad[i], bad[i], 1e300));
        assert_false(rm_test_absdiff(bad[i], 0.0) <= 1e300);
    }
    assert_true(rm_test_close(1.0, 1.0 + 1e-12, 1e-9));
    assert_false(rm_test_close(1.0, 1.1, 1e-9));
    assert_false(rm_test_close(1.0, 1.0, NAN)); /* a NaN tolerance accepts nothing */
}

static void test_worst_and_max_keep_nonfinite(void **state)
{
    (void)state;
    /* fmax would give 0.5 here: the NaN is dropped. */
    double worst = 0.0;
    worst = rm_test_worst(worst, 0.5);
    worst = rm_test_worst(worst, NAN);
    worst = rm_test_worst(worst, 0.1);
    assert_false(worst <= 1e300);
    /* All NaN: fmax over them is 0, the worst error is +inf. */
    worst = 0.0;
    for (int i = 0; i < 10; i++)
        worst = rm_test_worst(worst, rm_test_absdiff(NAN, 1.0));
    assert_false(worst <= 1.0);
    double m = rm_test_max(0.0, 3.0);
    assert_true(m == 3.0);
    m = rm_test_max(m, NAN);
    m = rm_test_max(m, 5.0);
    assert_true(isnan(m));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nonfinite_never_close),
        cmocka_unit_test(test_worst_and_max_keep_nonfinite),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
