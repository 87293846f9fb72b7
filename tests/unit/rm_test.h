/* rm_test.h — shared helpers for the cmocka unit tests. */
#ifndef REEMUD_RM_TEST_H
#define REEMUD_RM_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>

#include <cmocka.h>

/* Numeric checks.  Every comparison here is written so that a NaN or an
 * infinity fails it: `!(d <= tol)` is true for NaN, where `d > tol` is
 * false, and fmax()/fmin() drop a NaN argument, so a worst-error collected
 * with fmax over all-NaN values is 0.  Use these, not hand-written
 * `fabs(x - y) > tol` tests or fmax accumulators. */

/* 1 when x is a finite number (not NaN, not ±inf). */
static inline int rm_test_finite(double x)
{
    return isfinite(x) != 0;
}

/* The worst error so far after seeing one more error d (d >= 0 expected):
 * a non-finite d makes the worst error +inf for good, so a single NaN or
 * infinity fails any later `worst <= tol` check. */
static inline double rm_test_worst(double worst, double d)
{
    if (!rm_test_finite(d) || !rm_test_finite(worst))
        return INFINITY;
    return d > worst ? d : worst;
}

/* The larger of a and b, NaN when either is NaN (fmax would drop it): a
 * maximum collected with it is NaN if any value was, and fails any later
 * assert_near/assert_rel/assert_at_most on it. */
static inline double rm_test_max(double a, double b)
{
    if (isnan(a) || isnan(b))
        return NAN;
    return b > a ? b : a;
}

/* |a - b|, +inf when either value is not finite. */
static inline double rm_test_absdiff(double a, double b)
{
    if (!rm_test_finite(a) || !rm_test_finite(b))
        return INFINITY;
    return fabs(a - b);
}

/* 1 when a and b are finite and |a - b| <= tol. */
static inline int rm_test_close(double a, double b, double tol)
{
    return rm_test_absdiff(a, b) <= tol;
}

/* Assert |a - b| <= tol with both finite, printing both on failure. */
#define assert_near(a, b, tol)                                                   \
    do {                                                                         \
        double a_ = (a), b_ = (b), t_ = (tol);                                   \
        if (!rm_test_close(a_, b_, t_))                                          \
            fail_msg("%s = %.10g, expected %.10g (tolerance %.3g)", #a, a_, b_, t_); \
    } while (0)

/* Assert |a - b| <= rel * |b| with both finite. */
#define assert_rel(a, b, rel)                                                    \
    do {                                                                         \
        double a_ = (a), b_ = (b), r_ = (rel);                                   \
        if (!rm_test_close(a_, b_, r_ * fabs(b_)))                               \
            fail_msg("%s = %.10g, expected %.10g (relative tolerance %.3g)", #a, a_, \
                     b_, r_);                                                    \
    } while (0)

/* Assert that x is finite and x <= limit (a worst error against its bound). */
#define assert_at_most(x, limit)                                                 \
    do {                                                                         \
        double x_ = (x), l_ = (limit);                                           \
        if (!(rm_test_finite(x_) && x_ <= l_))                                   \
            fail_msg("%s = %.10g, expected a finite value <= %.10g", #x, x_, l_); \
    } while (0)

/* Assert that x is finite. */
#define assert_finite(x)                                                         \
    do {                                                                         \
        double x_ = (x);                                                         \
        if (!rm_test_finite(x_))                                                 \
            fail_msg("%s = %g, expected a finite value", #x, x_);               \
    } while (0)

/* The exit status CTest reads as "skipped" (SKIP_RETURN_CODE 77): a test
 * that cannot run here returns it from main, never 0. */
#define RM_TEST_SKIP 77

/* A scratch directory for the test, created if needed: $REEMUD_TEST_TMP/name. */
static inline const char *rm_test_dir(const char *name)
{
    static char buf[4096];
    const char *base = getenv("REEMUD_TEST_TMP");
    snprintf(buf, sizeof buf, "%s/%s", base ? base : "/tmp/reemud-test", name);
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", buf);
    if (system(cmd) != 0)
        return NULL;
    return buf;
}

/* Path of a file in the source tree. */
static inline const char *rm_test_source(const char *rel)
{
    static char buf[4096];
    const char *base = getenv("REEMUD_SOURCE_DIR");
    snprintf(buf, sizeof buf, "%s/%s", base ? base : ".", rel);
    return buf;
}

#endif
