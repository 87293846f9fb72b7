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

/* Assert |a - b| <= tol, printing both on failure. */
#define assert_near(a, b, tol)                                                   \
    do {                                                                         \
        double a_ = (a), b_ = (b), t_ = (tol);                                   \
        if (!(fabs(a_ - b_) <= t_))                                              \
            fail_msg("%s = %.10g, expected %.10g (tolerance %.3g)", #a, a_, b_, t_); \
    } while (0)

/* Assert |a - b| <= rel * |b|. */
#define assert_rel(a, b, rel)                                                    \
    do {                                                                         \
        double a_ = (a), b_ = (b), r_ = (rel);                                   \
        if (!(fabs(a_ - b_) <= r_ * fabs(b_)))                                   \
            fail_msg("%s = %.10g, expected %.10g (relative tolerance %.3g)", #a, a_, \
                     b_, r_);                                                    \
    } while (0)

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
