/* test_report_axis.c — axis numbers of the figures: plain values on log
 * axes (0.1, 1, 10, 100, never 10^n), thousands separators and a true
 * minus, 1-2-5 steps, labels that never touch, and the log-x line plot.
 * Expected labels are written out by hand.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reemud/core.h"
#include "reemud/report.h"
#include "report/fig_internal.h"
#include "rm_test.h"

static int has_label(const fig_ticks *t, const char *text)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->text[i], text) == 0)
            return 1;
    return 0;
}

static void test_format_number(void **state)
{
    (void)state;
    char b[64];
    fig_format_number(1234567.0, 0, b, sizeof b);
    assert_string_equal(b, "1,234,567");
    fig_format_number(-1234.5, 1, b, sizeof b);
    assert_string_equal(b, "\xe2\x88\x92" "1,234.5");
    fig_format_number(-0.0001, 1, b, sizeof b); /* rounds to zero: no minus */
    assert_string_equal(b, "0.0");
    fig_format_number(0.05, 2, b, sizeof b);
    assert_string_equal(b, "0.05");
    fig_format_number(999.0, 0, b, sizeof b);
    assert_string_equal(b, "999");
    /* Too small a buffer truncates, never overflows. */
    char small[4];
    fig_format_number(123456.0, 0, small, sizeof small);
    assert_true(strlen(small) < sizeof small);
}

static void test_log_ticks_plain(void **state)
{
    (void)state;
    fig_ticks t;
    /* Production rate 100 to 100,000 t/day on a 50-character axis. */
    fig_ticks_make(2.0, 5.0, 1, 50.0, 1, &t);
    assert_true(has_label(&t, "100"));
    assert_true(has_label(&t, "1,000"));
    assert_true(has_label(&t, "10,000"));
    assert_true(has_label(&t, "100,000"));
    for (size_t i = 0; i < t.n; i++) {
        assert_null(strchr(t.text[i], '^'));
        assert_null(strchr(t.text[i], 'e'));
        /* Positions are log10 of the value printed. */
        assert_true(t.at[i] >= 2.0 - 1e-9 && t.at[i] <= 5.0 + 1e-9);
    }
    /* 0.1 to 100 across the axis: decimals below 1. */
    fig_ticks_make(-1.0, 2.0, 1, 30.0, 0, &t);
    assert_true(has_label(&t, "0.1"));
    assert_true(has_label(&t, "1"));
    assert_true(has_label(&t, "10"));
    assert_true(has_label(&t, "100"));
    /* Less than a decade (9 to 60 kWh/t): labels at 1, 2, 5 steps. */
    fig_ticks_make(log10(9.0), log10(60.0), 1, 30.0, 0, &t);
    assert_true(has_label(&t, "10"));
    assert_true(has_label(&t, "20"));
    assert_true(has_label(&t, "50"));
    assert_int_equal(t.n, 3);
}

static void test_linear_ticks(void **state)
{
    (void)state;
    fig_ticks t;
    /* 0 to 14.8 Gt across a 25-character axis: steps of 2. */
    fig_ticks_make(0.0, 14.8, 0, 25.0, 0, &t);
    assert_true(t.step == 2.0);
    assert_int_equal(t.n, 8);
    assert_string_equal(t.text[0], "0");
    assert_string_equal(t.text[7], "14");
    /* A reversed window (depth grows down) gives the same ticks. */
    fig_ticks r;
    fig_ticks_make(14.8, 0.0, 0, 25.0, 0, &r);
    assert_int_equal(r.n, t.n);
    /* Tonnes in the tens of billions along a short axis: the labels widen
     * the step until neighbours keep at least a character between them. */
    fig_ticks_make(0.0, 1.4e10, 0, 30.0, 1, &t);
    assert_true(t.n >= 2);
    for (size_t i = 1; i < t.n; i++) {
        double gap = (t.at[i] - t.at[i - 1]) / 1.4e10 * 30.0;
        double need = 0.5 * (fig_text_width(t.text[i]) + fig_text_width(t.text[i - 1]));
        assert_true(gap >= need + 1.0);
    }
    assert_true(has_label(&t, "10,000,000,000"));
    /* Fractions: 0 to 1.2 in steps of 0.2 with one decimal. */
    fig_ticks_make(0.0, 1.2, 0, 25.0, 0, &t);
    assert_true(has_label(&t, "0.6"));
    assert_true(has_label(&t, "1.2"));
    /* Negative NPV in USD million with a true minus. */
    fig_ticks_make(-3100.0, -1500.0, 0, 40.0, 1, &t);
    assert_true(has_label(&t, "\xe2\x88\x92" "2,000"));
    /* Nothing to number: an empty or non-finite range. */
    fig_ticks_make(1.0, 1.0, 0, 25.0, 0, &t);
    assert_int_equal(t.n, 0);
    fig_ticks_make(NAN, 1.0, 1, 25.0, 0, &t);
    assert_int_equal(t.n, 0);
}

static const char *fresh_dir(const char *name)
{
    static char dir[4096];
    const char *base = getenv("REEMUD_TEST_TMP");
    snprintf(dir, sizeof dir, "%s/%s", base ? base : "/tmp", name);
    mkdir(dir, 0755);
    return dir;
}

static void test_lines_log_x(void **state)
{
    (void)state;
    const char *dir = fresh_dir("report_axis_lines");
    rm_error err;
    double rate[4] = {100, 1000, 10000, 100000}, kwh[4] = {13, 13.5, 30, 1000};
    double mini[4] = {9.1, 9.1, 9.1, 9.1};
    rm_fig_curve c[2] = {{"pump", 4, rate, kwh, 0, 1}, {"minimum", 4, rate, mini, 1, 0}};
    rm_fig_lines l = {.title = "Energy", .x_label = "Rate (t/day)", .y_label = "kWh/t",
                      .log_x = 1, .log_y = 1, .x_min = 100, .x_max = 100000,
                      .marker_x = 350, .marker_label = "design", .n_curves = 2, .curves = c};
    if (rm_fig_lines_plot(dir, "loglog", &l, &err))
        fail_msg("%s", err.message);
    char path[4200];
    struct stat sb;
    snprintf(path, sizeof path, "%s/loglog.png", dir);
    assert_int_equal(stat(path, &sb), 0);
    assert_true(sb.st_size > 1000);
    /* A fixed x range that leaves out every point: nothing to draw. */
    l.x_min = 200000;
    l.x_max = 300000;
    assert_int_equal(rm_fig_lines_plot(dir, "outside", &l, &err), RM_EINVAL);
    /* Non-positive x on a log axis are skipped; all of them: an error. */
    double zero[4] = {0, -1, 0, -5};
    rm_fig_curve cz = {"z", 4, zero, kwh, 0, 0};
    rm_fig_lines lz = {.title = "z", .log_x = 1, .marker_x = NAN, .n_curves = 1, .curves = &cz};
    assert_int_equal(rm_fig_lines_plot(dir, "zero", &lz, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "log"));
    snprintf(path, sizeof path, "%s/zero.png", dir);
    assert_int_not_equal(access(path, F_OK), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_number),
        cmocka_unit_test(test_log_ticks_plain),
        cmocka_unit_test(test_linear_ticks),
        cmocka_unit_test(test_lines_log_x),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
