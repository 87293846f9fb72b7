/* test_variogram_auto.c — the layered auto-fit (rm_vgm_autofit_layered).
 *
 * Truth from outside the code under test: fields drawn from a KNOWN
 * anisotropic spherical model by the spectral generator (grf.h, itself
 * checked against the closed-form covariances in test_grf.c), sampled by
 * vertical "cores" as piston cores sample the mud, plus white noise of a
 * known variance (the nugget).  The fitted horizontal and vertical ranges
 * must come back within a stated tolerance of the model's; a depth trend
 * in mean and variance must not change them (slice standardisation);
 * degenerate data fall back as documented; bad arguments are errors.
 */
#include <string.h>

#include <gsl/gsl_randist.h>

#include "reemud/grf.h"
#include "reemud/variogram.h"
#include "rm_test.h"

/* The model: 0.1 Nug + 0.9 Sph(12 km, 12 km, 2 m), 50 × 50 km, cores
 * 0–10 m sampled every 0.5 m. */
#define A_H 12000.0
#define A_V 2.0
#define NUG 0.1
#define SILL 0.9
#define SIDE 50000.0

typedef struct cores {
    size_t n;
    double *x, *y, *z, *v;
    long *hole;
} cores;

static void cores_free(cores *c)
{
    free(c->x), free(c->y), free(c->z), free(c->v), free(c->hole);
}

/* n_cores random sites (uniform), samples every 0.5 m to 10 m.  value =
 * trend_mean(z) + trend_sd(z) × (GRF + noise) when trend is set. */
static void make_cores(uint64_t seed, size_t n_cores, int trend, cores *c)
{
    rm_grf_model gm = {rm_grf_sph, SILL, {A_H, A_H, A_V}};
    rm_grf *f = NULL;
    rm_error err;
    assert_int_equal(rm_grf_alloc(&gm, 3000, seed, 0, &f, &err), RM_OK);
    gsl_rng *rng = rm_rng_stream(seed, 1);
    size_t per = 20;
    c->n = n_cores * per;
    c->x = malloc(c->n * sizeof *c->x);
    c->y = malloc(c->n * sizeof *c->y);
    c->z = malloc(c->n * sizeof *c->z);
    c->v = malloc(c->n * sizeof *c->v);
    c->hole = malloc(c->n * sizeof *c->hole);
    assert_true(c->x && c->y && c->z && c->v && c->hole);
    for (size_t h = 0; h < n_cores; h++) {
        double x = SIDE * gsl_rng_uniform(rng), y = SIDE * gsl_rng_uniform(rng);
        for (size_t k = 0; k < per; k++) {
            size_t i = h * per + k;
            double z = 0.25 + 0.5 * (double)k;
            c->x[i] = x, c->y[i] = y, c->z[i] = z, c->hole[i] = (long)h;
            double g = rm_grf_eval(f, x, y, -z) + gsl_ran_gaussian(rng, sqrt(NUG));
            /* a cover over a rich layer: mean 200 → 3000, s.d. ×1 → ×10 */
            c->v[i] = trend ? 200 + 2800 / (1 + exp(-(z - 4))) +
                                  (1 + 9 / (1 + exp(-(z - 4)))) * 100 * g
                            : g;
        }
    }
    gsl_rng_free(rng);
    rm_grf_free(f);
}

static void fit(const cores *c, const rm_vgm_autofit_options *o, rm_vgm_model *m,
                rm_vgm_autofit_info *info)
{
    rm_error err;
    rm_vgm_autofit_options def;
    if (!o) {
        /* one sample per core per slice, as composites of the slice length */
        rm_vgm_autofit_options_default(&def);
        def.slice_m = 0.5;
        o = &def;
    }
    const double *cols[1] = {c->v};
    rm_status st = rm_vgm_autofit_layered(c->x, c->y, c->z, cols, 1, c->hole, c->n, o, m,
                                          info, &err);
    if (st)
        fail_msg("%s", err.message);
}

/* Ranges and nugget of a stationary anisotropic field over several seeds:
 * each horizontal range within ±40 % (one 50-km field holds only ~4 × 4
 * ranges: the experimental variogram of one realization fluctuates that
 * much), the mean over seeds within ±15 %; vertical within ±30 % each,
 * the mean within ±15 %; nugget within 0.1 of the truth (in units of the
 * total sill 1). */
static void test_known_model_ranges(void **state)
{
    (void)state;
    const uint64_t seeds[] = {11, 12, 13, 14, 15, 16};
    const size_t ns = 6;
    double sum_h = 0, sum_v = 0;
    for (size_t s = 0; s < ns; s++) {
        cores c;
        make_cores(seeds[s], 40, 0, &c);
        rm_vgm_model m;
        rm_vgm_autofit_info info;
        fit(&c, NULL, &m, &info);
        char text[512];
        rm_vgm_autofit_describe(&info, text, sizeof text);
        print_message("seed %llu: %s\n", (unsigned long long)seeds[s], text);
        assert_rel(info.h_range_m, A_H, 0.40);
        assert_rel(info.v_range_m, A_V, 0.30);
        assert_near(info.nugget, NUG, 0.1);
        assert_near(rm_vgm_sill(&m), NUG + SILL, 0.35);
        sum_h += info.h_range_m;
        sum_v += info.v_range_m;
        /* the returned model is the one described */
        assert_near(rm_vgm_nugget(&m), info.nugget, 1e-12);
        assert_near(rm_vgm_max_range(&m) >= info.h_range_m, 1, 0);
        cores_free(&c);
    }
    print_message("mean horizontal range %.0f m (truth %.0f), vertical %.2f m (truth %.1f)\n",
                  sum_h / ns, A_H, sum_v / ns, A_V);
    assert_rel(sum_h / ns, A_H, 0.15);
    assert_rel(sum_v / ns, A_V, 0.15);
}

/* A layered deposit: the same field under a depth trend in mean and s.d.
 * (a low-grade cover over a rich layer, ten times more variable).  With
 * slice standardisation the horizontal range is still near the model's; the
 * horizontal sill is in the data's units (h_scale = pooled within-slice
 * variance). */
static void test_depth_trend(void **state)
{
    (void)state;
    double sum_h = 0;
    const uint64_t seeds[] = {11, 12, 13, 14};
    for (size_t s = 0; s < 4; s++) {
        cores c;
        make_cores(seeds[s], 40, 1, &c);
        rm_vgm_model m;
        rm_vgm_autofit_info info;
        fit(&c, NULL, &m, &info);
        char text[512];
        rm_vgm_autofit_describe(&info, text, sizeof text);
        print_message("trend, seed %llu: %s\n", (unsigned long long)seeds[s], text);
        assert_rel(info.h_range_m, A_H, 0.40);
        assert_true(info.h_scale > 1e4); /* value units (100..1000 ppm s.d.) */
        sum_h += info.h_range_m;
        cores_free(&c);
    }
    /* the downhole nugget is read through the trend (value units), so it
     * comes out low and the range a little short: ±25 % on the mean */
    assert_rel(sum_h / 4, A_H, 0.25);
}

/* hole_ids NULL groups samples by position: the same fit. */
static void test_hole_grouping(void **state)
{
    (void)state;
    cores c;
    make_cores(21, 30, 0, &c);
    rm_vgm_model m1, m2;
    rm_vgm_autofit_info i1, i2;
    fit(&c, NULL, &m1, &i1);
    rm_error err;
    const double *cols[1] = {c.v};
    rm_vgm_autofit_options o;
    rm_vgm_autofit_options_default(&o);
    o.slice_m = 0.5;
    assert_int_equal(rm_vgm_autofit_layered(c.x, c.y, c.z, cols, 1, NULL, c.n, &o, &m2,
                                            &i2, &err),
                     RM_OK);
    assert_rel(i1.h_range_m, i2.h_range_m, 1e-6);
    assert_rel(i1.v_range_m, i2.v_range_m, 1e-6);
    assert_near(i1.nugget, i2.nugget, 1e-6);
    /* Two identical columns pool to the same fit as one. */
    const double *two[2] = {c.v, c.v};
    assert_int_equal(rm_vgm_autofit_layered(c.x, c.y, c.z, two, 2, c.hole, c.n, &o, &m2,
                                            &i2, &err),
                     RM_OK);
    assert_near(i1.h_range_m, i2.h_range_m, 1e-6 * A_H);
    cores_free(&c);
}

/* A separate, finer downhole sample set is used for the downhole part:
 * give the cores' samples with the noise removed (a different nugget) and
 * check the nugget follows them. */
static void test_downhole_samples(void **state)
{
    (void)state;
    cores c;
    make_cores(31, 40, 0, &c);
    /* Downhole samples: a smooth profile per core (no nugget): z alone. */
    double *dv = malloc(c.n * sizeof *dv);
    for (size_t i = 0; i < c.n; i++)
        dv[i] = sin(c.z[i] * M_PI / 10) + 0.1 * (double)c.hole[i];
    rm_vgm_autofit_options o;
    rm_vgm_autofit_options_default(&o);
    const double *dcols[1] = {dv};
    o.dh_n = c.n, o.dh_z_mbsf = c.z, o.dh_values = dcols, o.dh_hole_ids = c.hole;
    o.v_width_m = 0.5;
    rm_vgm_model m;
    rm_vgm_autofit_info info;
    fit(&c, &o, &m, &info);
    /* a smooth downhole profile has no nugget */
    assert_true(info.downhole.nugget < 0.01);
    assert_true(info.downhole.np[0] > 0);
    free(dv);
    /* missing pieces of the downhole set: an error */
    o.dh_hole_ids = NULL;
    rm_error err;
    const double *cols[1] = {c.v};
    assert_int_equal(rm_vgm_autofit_layered(c.x, c.y, c.z, cols, 1, c.hole, c.n, &o, &m,
                                            &info, &err),
                     RM_EINVAL);
    cores_free(&c);
}

/* A pure lateral trend v = x (γ(h) grows as h²: no sill within the cutoff):
 * the horizontal range is capped at the cutoff, not run off. */
static void test_trend_capped(void **state)
{
    (void)state;
    cores c;
    make_cores(41, 40, 0, &c);
    for (size_t i = 0; i < c.n; i++)
        c.v[i] = c.x[i] / 1000 + 0.05 * c.v[i];
    rm_vgm_autofit_options o;
    rm_vgm_autofit_options_default(&o);
    o.h_cutoff_m = 20000;
    rm_vgm_model m;
    rm_vgm_autofit_info info;
    fit(&c, &o, &m, &info);
    assert_int_equal(info.horizontal.method, RM_VGM_AUTOFIT_CAPPED);
    assert_near(info.h_range_m, 20000, 1e-6);
    assert_string_equal(rm_vgm_autofit_method_name(info.horizontal.method), "capped");
    cores_free(&c);
}

/* Three cores far apart: one horizontal lag at most, the documented default
 * (range = cutoff / 2). */
static void test_too_few_lags(void **state)
{
    (void)state;
    double x[6] = {0, 0, 1000, 1000, 30000, 30000}, y[6] = {0, 0, 0, 0, 40000, 40000};
    double z[6] = {0.5, 1.5, 0.5, 1.5, 0.5, 1.5}, v[6] = {1, 2, 1.5, 2.5, 3, 1};
    const double *cols[1] = {v};
    rm_vgm_autofit_options o;
    rm_vgm_autofit_options_default(&o);
    o.h_cutoff_m = 10000;
    rm_vgm_model m;
    rm_vgm_autofit_info info;
    rm_error err;
    assert_int_equal(rm_vgm_autofit_layered(x, y, z, cols, 1, NULL, 6, &o, &m, &info, &err),
                     RM_OK);
    assert_int_equal(info.horizontal.method, RM_VGM_AUTOFIT_DEFAULT);
    assert_near(info.h_range_m, 5000, 1e-9);
    assert_true(rm_vgm_sill(&m) > 0);
}

static void test_errors(void **state)
{
    (void)state;
    double x[4] = {0, 1, 2, 3}, y[4] = {0, 0, 0, 0}, z[4] = {0.5, 0.5, 0.5, 0.5};
    double v[4] = {1, 2, 3, NAN};
    const double *cols[1] = {v};
    rm_vgm_model m;
    rm_error err;
    /* a non-finite value */
    assert_int_equal(rm_vgm_autofit_layered(x, y, z, cols, 1, NULL, 4, NULL, &m, NULL, &err),
                     RM_EINVAL);
    assert_non_null(strstr(err.message, "sample 4"));
    /* too few samples */
    assert_int_equal(rm_vgm_autofit_layered(x, y, z, cols, 1, NULL, 2, NULL, &m, NULL, &err),
                     RM_EINVAL);
    /* no horizontal extent */
    double x0[3] = {5, 5, 5}, y0[3] = {5, 5, 5}, z3[3] = {0.5, 1.5, 2.5};
    assert_int_equal(rm_vgm_autofit_layered(x0, y0, z3, cols, 1, NULL, 3, NULL, &m, NULL, &err),
                     RM_EINVAL);
    /* bad options */
    rm_vgm_autofit_options o;
    rm_vgm_autofit_options_default(&o);
    o.slice_m = 0;
    assert_int_equal(rm_vgm_autofit_layered(x, y, z, cols, 1, NULL, 3, &o, &m, NULL, &err),
                     RM_EINVAL);
    rm_vgm_autofit_options_default(&o);
    o.h_cutoff_m = 100, o.h_width_m = 1; /* 100 lags */
    assert_int_equal(rm_vgm_autofit_layered(x, y, z, cols, 1, NULL, 3, &o, &m, NULL, &err),
                     RM_EINVAL);
    assert_non_null(strstr(err.message, "lags"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_model_ranges), cmocka_unit_test(test_depth_trend),
        cmocka_unit_test(test_hole_grouping),      cmocka_unit_test(test_downhole_samples),
        cmocka_unit_test(test_trend_capped),       cmocka_unit_test(test_too_few_lags),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
