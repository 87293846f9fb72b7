/* test_sgs.c — normal scores and sequential Gaussian simulation, checked
 * against the standard normal distribution and the variogram model the
 * realizations were drawn from. */
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>

#include "reemud/sgs.h"
#include "rm_test.h"

static void test_nscore_equal_weights(void **state)
{
    const double z[] = {3.0, 1.0, 4.0, 2.0};
    rm_nscore ns;
    assert_int_equal(rm_nscore_fit(z, NULL, 4, 0.0, 10.0, &ns, NULL), RM_OK);
    /* Midpoint probabilities 1/8, 3/8, 5/8, 7/8 of the sorted values. */
    assert_near(rm_nscore_forward(&ns, 1.0), gsl_cdf_ugaussian_Pinv(0.125), 1e-12);
    assert_near(rm_nscore_forward(&ns, 4.0), gsl_cdf_ugaussian_Pinv(0.875), 1e-12);
    for (int i = 0; i < 4; i++)
        assert_near(rm_nscore_back(&ns, rm_nscore_forward(&ns, z[i])), z[i], 1e-12);
    /* Lower tail: linear in probability to zmin at p = 0. */
    double p0 = 0.125;
    assert_near(rm_nscore_back(&ns, gsl_cdf_ugaussian_Pinv(p0 / 2)), 0.5, 1e-9);
    /* Upper tail: linear to zmax at p = 1. */
    assert_near(rm_nscore_back(&ns, gsl_cdf_ugaussian_Pinv(1 - 0.125 / 2)), 7.0, 1e-9);
    rm_nscore_free(&ns);
}

/* Tail bounds equal to the data's extremes (as krige --sim --nscore sets
 * them): the extreme data keep their table scores, not the ±5 of the tails. */
static void test_nscore_bounds_at_data_range(void **state)
{
    const double z[] = {3.0, 1.0, 4.0, 2.0};
    rm_nscore ns;
    assert_int_equal(rm_nscore_fit(z, NULL, 4, 1.0, 4.0, &ns, NULL), RM_OK);
    assert_near(rm_nscore_forward(&ns, 1.0), gsl_cdf_ugaussian_Pinv(0.125), 1e-12);
    assert_near(rm_nscore_forward(&ns, 4.0), gsl_cdf_ugaussian_Pinv(0.875), 1e-12);
    assert_near(rm_nscore_forward(&ns, 0.5), -5.0, 1e-12);
    assert_near(rm_nscore_forward(&ns, 4.5), 5.0, 1e-12);
    rm_nscore_free(&ns);
}

static void test_nscore_weights_and_ties(void **state)
{
    const double z[] = {1.0, 2.0, 2.0, 5.0};
    const double w[] = {2.0, 1.0, 1.0, 4.0};
    rm_nscore ns;
    assert_int_equal(rm_nscore_fit(z, w, 4, 0.0, 10.0, &ns, NULL), RM_OK);
    assert_int_equal(ns.n, 3); /* the tie is one entry */
    /* W = 8: value 1 → (0 + 1)/8; value 2 (weight 2) → (2 + 1)/8; 5 → (4 + 2)/8 */
    assert_near(rm_nscore_forward(&ns, 1.0), gsl_cdf_ugaussian_Pinv(1.0 / 8), 1e-12);
    assert_near(rm_nscore_forward(&ns, 2.0), gsl_cdf_ugaussian_Pinv(3.0 / 8), 1e-12);
    assert_near(rm_nscore_forward(&ns, 5.0), gsl_cdf_ugaussian_Pinv(6.0 / 8), 1e-12);
    rm_nscore_free(&ns);
    rm_error err;
    const double same[] = {2, 2, 2};
    assert_int_equal(rm_nscore_fit(same, NULL, 3, 0, 3, &ns, &err), RM_EINVAL);
}

/* Experimental semivariance along x and y at lag h (in nodes) of a 2-D
 * field, computed directly. */
static double gamma_xy(const double *f, int nx, int ny, int h)
{
    double s = 0;
    long n = 0;
    for (int j = 0; j < ny; j++)
        for (int i = 0; i + h < nx; i++) {
            double d = f[i + h + nx * j] - f[i + nx * j];
            s += d * d;
            n++;
        }
    for (int j = 0; j + h < ny; j++)
        for (int i = 0; i < nx; i++) {
            double d = f[i + nx * (j + h)] - f[i + nx * j];
            s += d * d;
            n++;
        }
    return s / (2.0 * (double)n);
}

static void test_unconditional_reproduces_model(void **state)
{
    const int nx = 60, ny = 60, nreal = 50;
    rm_grid g = {.nx = nx, .ny = ny, .nz = 1, .dx = 1, .dy = 1, .dz = 1};
    rm_sgs_params p = {.nmax = 24, .radius = 1.0, .sk_mean = 0, .multigrid = 2, .seed = 2026};
    assert_int_equal(rm_vgm_parse("1 Sph(12)", &p.model, NULL), RM_OK);
    rm_sgs *s;
    assert_int_equal(rm_sgs_alloc(&g, NULL, &p, &s, NULL), RM_OK);
    double *f = malloc((size_t)nx * ny * sizeof *f);
    double *pool = malloc((size_t)nx * ny * nreal * sizeof *pool);
    double gam[12] = {0};
    for (int r = 0; r < nreal; r++) {
        assert_int_equal(rm_sgs_realize(s, (uint64_t)r, f, NULL), RM_OK);
        memcpy(pool + (size_t)r * nx * ny, f, (size_t)nx * ny * sizeof *f);
        for (int h = 1; h <= 12; h++)
            gam[h - 1] += gamma_xy(f, nx, ny, h) / nreal;
    }
    for (int h = 1; h <= 12; h++) {
        double model = rm_vgm_gamma(&p.model, h, 0, 0);
        if (!rm_test_close(gam[h - 1], model, 0.10 * model))
            fail_msg("lag %d: mean experimental gamma %.4f vs model %.4f", h, gam[h - 1], model);
    }
    /* Histogram: Kolmogorov–Smirnov distance of the pooled values to N(0,1). */
    size_t n = (size_t)nx * ny * nreal;
    gsl_sort(pool, 1, n);
    double ks = 0;
    for (size_t i = 0; i < n; i++) {
        double F = gsl_cdf_ugaussian_P(pool[i]);
        ks = rm_test_worst(ks, rm_test_absdiff(F, (double)i / n));
        ks = rm_test_worst(ks, rm_test_absdiff(F, (double)(i + 1) / n));
    }
    if (!(ks <= 0.05))
        fail_msg("KS distance %.4f to N(0,1)", ks);
    free(f);
    free(pool);
    rm_sgs_free(s);
}

static void test_conditional_honours_data_and_reproducible(void **state)
{
    rm_grid g = {.nx = 30, .ny = 20, .nz = 5, .x0 = 1000, .y0 = 2000, .z0 = 0,
                 .dx = 10, .dy = 10, .dz = 1};
    const double x[] = {1005, 1155, 1295, 1003, 5000}, y[] = {2005, 2105, 2195, 2005, 2005},
                 z[] = {0.5, 2.5, 4.5, 0.6, 0.5}, v[] = {1.5, -0.7, 2.2, 9.0, 3.0};
    /* The 4th datum falls in the 1st datum's node but farther from its
     * centre, so it loses; a 5th lies outside the grid. */
    rm_sgs_data data = {5, x, y, z, v};
    rm_sgs_params p = {.nmax = 16, .radius = 1.0, .multigrid = 1, .seed = 7};
    assert_int_equal(rm_vgm_parse("0.1 Nug + 0.9 Exp(40, 40, 3)", &p.model, NULL), RM_OK);
    rm_sgs *s;
    assert_int_equal(rm_sgs_alloc(&g, &data, &p, &s, NULL), RM_OK);
    assert_int_equal(rm_sgs_data_used(s), 3);
    assert_int_equal(rm_sgs_data_ignored(s), 2);
    size_t nb = rm_grid_nblocks(&g);
    double *a = malloc(nb * sizeof *a), *b = malloc(nb * sizeof *b), *c = malloc(nb * sizeof *c);
    assert_int_equal(rm_sgs_realize(s, 3, a, NULL), RM_OK);
    assert_int_equal(rm_sgs_realize(s, 3, b, NULL), RM_OK);
    assert_int_equal(rm_sgs_realize(s, 4, c, NULL), RM_OK);
    assert_memory_equal(a, b, nb * sizeof *a);
    assert_true(memcmp(a, c, nb * sizeof *a) != 0);
    assert_near(a[rm_grid_index(&g, 0, 0, 0)], 1.5, 0);
    assert_near(a[rm_grid_index(&g, 15, 10, 2)], -0.7, 0);
    assert_near(c[rm_grid_index(&g, 29, 19, 4)], 2.2, 0);
    for (size_t i = 0; i < nb; i++)
        assert_true(isfinite(a[i]));
    free(a);
    free(b);
    free(c);
    rm_sgs_free(s);
}

/* Simple kriging around a mean per layer: NULL means are the plain
 * realization bit for bit; data keep their values; away from data a layer's
 * values average its mean (the mean of 40 realizations of 3,600 nodes with a
 * range of 6 nodes is within ~0.05 of it). */
static void test_layer_means(void **state)
{
    (void)state;
    rm_grid g = {.nx = 60, .ny = 60, .nz = 2, .dx = 1, .dy = 1, .dz = 1};
    const double x[] = {0.5}, y[] = {0.5}, z[] = {0.5}, v[] = {-3.0};
    rm_sgs_data data = {1, x, y, z, v};
    rm_sgs_params p = {.nmax = 16, .radius = 1.0, .multigrid = 2, .seed = 11};
    assert_int_equal(rm_vgm_parse("1 Sph(6, 6, 1)", &p.model, NULL), RM_OK);
    rm_sgs *s;
    assert_int_equal(rm_sgs_alloc(&g, &data, &p, &s, NULL), RM_OK);
    size_t nb = rm_grid_nblocks(&g), nl = 60 * 60;
    double *a = malloc(nb * sizeof *a), *b = malloc(nb * sizeof *b);
    assert_int_equal(rm_sgs_realize(s, 5, a, NULL), RM_OK);
    assert_int_equal(rm_sgs_realize_lvm(s, 5, NULL, b, NULL), RM_OK);
    assert_memory_equal(a, b, nb * sizeof *a);
    const double mean[2] = {2.0, -1.0};
    double avg[2] = {0, 0};
    for (int r = 0; r < 40; r++) {
        assert_int_equal(rm_sgs_realize_lvm(s, (uint64_t)r, mean, a, NULL), RM_OK);
        assert_near(a[0], -3.0, 0);
        for (size_t i = 0; i < nb; i++)
            avg[i / nl] += a[i] / (40.0 * (double)nl);
    }
    assert_near(avg[0], 2.0, 0.1);
    assert_near(avg[1], -1.0, 0.1);
    free(a);
    free(b);
    rm_sgs_free(s);
}

/* Realizations on a shared path (rm_sgs_realize_batch): a batch of one is
 * rm_sgs_realize bit for bit; the data are honoured in every member; and
 * the members of one batch, pooled, reproduce the model's variogram within
 * 10 % (each member is a valid realization: only the order of visit is
 * shared). */
static void test_batch(void **state)
{
    (void)state;
    const int nx = 60, ny = 60, nreal = 40;
    rm_grid g = {.nx = nx, .ny = ny, .nz = 1, .dx = 1, .dy = 1, .dz = 1};
    const double x[] = {10.5, 40.5}, y[] = {20.5, 30.5}, z[] = {0.5, 0.5}, v[] = {1.25, -2.5};
    rm_sgs_data data = {2, x, y, z, v};
    rm_sgs_params p = {.nmax = 24, .radius = 1.0, .multigrid = 2, .seed = 2027};
    assert_int_equal(rm_vgm_parse("1 Sph(12)", &p.model, NULL), RM_OK);
    rm_sgs *s;
    assert_int_equal(rm_sgs_alloc(&g, &data, &p, &s, NULL), RM_OK);
    size_t nb = (size_t)nx * ny;
    double *one = malloc(nb * sizeof *one), *all = malloc(nb * nreal * sizeof *all);
    assert_int_equal(rm_sgs_realize(s, 7, one, NULL), RM_OK);
    assert_int_equal(rm_sgs_realize_batch(s, 7, 1, NULL, all, NULL), RM_OK);
    assert_memory_equal(one, all, nb * sizeof *one);
    assert_int_equal(rm_sgs_realize_batch(s, 0, (size_t)nreal, NULL, all, NULL), RM_OK);
    double gam[12] = {0};
    for (int r = 0; r < nreal; r++) {
        const double *f = all + (size_t)r * nb;
        assert_near(f[rm_grid_index(&g, 10, 20, 0)], 1.25, 0);
        assert_near(f[rm_grid_index(&g, 40, 30, 0)], -2.5, 0);
        for (int h = 1; h <= 12; h++)
            gam[h - 1] += gamma_xy(f, nx, ny, h) / nreal;
    }
    for (int h = 1; h <= 12; h++) {
        double model = rm_vgm_gamma(&p.model, h, 0, 0);
        if (fabs(gam[h - 1] - model) > 0.10 * model)
            fail_msg("lag %d: mean experimental gamma %.4f vs model %.4f", h, gam[h - 1], model);
    }
    /* Members differ from one another. */
    assert_true(memcmp(all, all + nb, nb * sizeof *all) != 0);
    free(one);
    free(all);
    rm_sgs_free(s);
}

static void test_bad_parameters(void **state)
{
    rm_grid g = {.nx = 4, .ny = 4, .nz = 1, .dx = 1, .dy = 1, .dz = 1};
    rm_sgs_params p = {.nmax = 0, .radius = 1.0};
    assert_int_equal(rm_vgm_parse("1 Sph(3)", &p.model, NULL), RM_OK);
    rm_sgs *s;
    rm_error err;
    assert_int_equal(rm_sgs_alloc(&g, NULL, &p, &s, &err), RM_EINVAL);
    p.nmax = 8;
    p.radius = 0;
    assert_int_equal(rm_sgs_alloc(&g, NULL, &p, &s, &err), RM_EINVAL);
    g.dx = 0;
    p.radius = 1;
    assert_int_equal(rm_sgs_alloc(&g, NULL, &p, &s, &err), RM_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nscore_equal_weights),
        cmocka_unit_test(test_nscore_bounds_at_data_range),
        cmocka_unit_test(test_nscore_weights_and_ties),
        cmocka_unit_test(test_unconditional_reproduces_model),
        cmocka_unit_test(test_conditional_honours_data_and_reproducible),
        cmocka_unit_test(test_layer_means),
        cmocka_unit_test(test_batch),
        cmocka_unit_test(test_bad_parameters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
