/* test_grf.c — spectral Gaussian random fields: the sampled spectral
 * measures reproduce the covariance models, generated fields have the
 * experimental variogram of their model (computed here directly, not with
 * the library's variogram code), and fields are deterministic. */
#include <string.h>

#include <gsl/gsl_rng.h>

#include "reemud/grf.h"
#include "rm_test.h"

static int sanitized(void)
{
    const char *s = getenv("REEMUD_SANITIZED");
    return s && s[0] == '1';
}

/* Bochner: E[cos(ω·h)] under the sampled measure must equal ρ(|h|), the
 * closed-form gstat correlation (independent of the field code). */
static void check_spectral_measure(const rm_grf_type *type, double (*rho)(double))
{
    const size_t n = sanitized() ? 40000 : 200000;
    const double lags[] = {0.1, 0.25, 0.5, 0.75, 1.0, 1.5};
    gsl_rng *rng = rm_rng_stream(7, 0);
    double sum[6] = {0};
    for (size_t s = 0; s < n; s++) {
        double w[3];
        type->sample_frequency(rng, w);
        /* Isotropy: project on a fixed oblique direction. */
        double proj = (w[0] + 2 * w[1] + 2 * w[2]) / 3.0;
        for (int l = 0; l < 6; l++)
            sum[l] += cos(proj * lags[l]);
    }
    gsl_rng_free(rng);
    for (int l = 0; l < 6; l++)
        assert_near(sum[l] / (double)n, rho(lags[l]), sanitized() ? 0.02 : 0.01);
}

static double rho_exp(double h) { return exp(-h); }
static double rho_gau(double h) { return exp(-h * h); }
static double rho_sph(double h) { return h < 1 ? 1 - 1.5 * h + 0.5 * h * h * h : 0; }

static void test_spectral_measures(void **state)
{
    check_spectral_measure(rm_grf_exp, rho_exp);
    check_spectral_measure(rm_grf_gau, rho_gau);
    check_spectral_measure(rm_grf_sph, rho_sph);
    for (int i = 0; i <= 30; i++) { /* table correlation = closed form */
        double h = 0.05 * i;
        assert_near(rm_grf_exp->correlation(h), rho_exp(h), 1e-15);
        assert_near(rm_grf_gau->correlation(h), rho_gau(h), 1e-15);
        assert_near(rm_grf_sph->correlation(h), rho_sph(h), 1e-15);
    }
}

/* Mean over several fields of the experimental semivariogram
 *     γ(h) = 1/(2 N(h)) Σ (Z(x + h) − Z(x))²
 * along x and along z of an x–z section, against sill − C(h) within 10 %. */
static void check_variogram(const rm_grf_type *type)
{
    const int small = sanitized();
    const size_t nx = small ? 100 : 200, nz = small ? 100 : 200;
    const int nfields = small ? 4 : 8;
    const double ax = 10.0, az = 2.5; /* ranges, in metres; dx = 1, dz = 0.25 */
    rm_grf_model m = {type, 2.0, {ax, 1000.0, az}};
    rm_grid g = {.nx = nx, .ny = 1, .nz = nz, .x0 = 1000, .y0 = 0, .z0 = 0,
                 .dx = 1.0, .dy = 1.0, .dz = 0.25};
    const int lags[] = {2, 5, 10}; /* in cells: 0.2, 0.5, 1 range along x */
    double gx[3] = {0}, gz[3] = {0};
    double *z = malloc(nx * nz * sizeof *z);
    assert_non_null(z);
    for (int f = 0; f < nfields; f++) {
        rm_grf *grf;
        assert_int_equal(rm_grf_alloc(&m, 1000, 42, (uint64_t)f, &grf, NULL), RM_OK);
        assert_int_equal(rm_grf_fill_grid(grf, &g, z, NULL), RM_OK);
        rm_grf_free(grf);
        for (int l = 0; l < 3; l++) {
            size_t h = (size_t)lags[l];
            double sx = 0, sz = 0;
            for (size_t k = 0; k < nz; k++)
                for (size_t i = 0; i + h < nx; i++) {
                    double d = z[k * nx + i + h] - z[k * nx + i];
                    sx += d * d;
                }
            for (size_t k = 0; k + h < nz; k++)
                for (size_t i = 0; i < nx; i++) {
                    double d = z[(k + h) * nx + i] - z[k * nx + i];
                    sz += d * d;
                }
            gx[l] += sx / (2.0 * (double)(nz * (nx - h))) / nfields;
            gz[l] += sz / (2.0 * (double)(nx * (nz - h))) / nfields;
        }
    }
    free(z);
    for (int l = 0; l < 3; l++) {
        double model_x = m.sill - rm_grf_model_covariance(&m, lags[l] * g.dx, 0, 0);
        double model_z = m.sill - rm_grf_model_covariance(&m, 0, 0, lags[l] * g.dz);
        assert_near(model_x, model_z, 1e-12); /* same scaled lags */
        assert_rel(gx[l], model_x, 0.10);
        assert_rel(gz[l], model_z, 0.10);
    }
}

static void test_variogram_exp(void **state) { check_variogram(rm_grf_exp); }
static void test_variogram_gau(void **state) { check_variogram(rm_grf_gau); }
static void test_variogram_sph(void **state) { check_variogram(rm_grf_sph); }

static void test_marginal_is_standard(void **state)
{
    rm_grf_model m = {rm_grf_gau, 4.0, {50, 50, 5}};
    rm_grid g = {.nx = 120, .ny = 120, .nz = 1, .x0 = 0, .y0 = 0, .z0 = 0,
                 .dx = 25, .dy = 25, .dz = 1};
    size_t n = rm_grid_nblocks(&g);
    double *z = malloc(n * sizeof *z);
    double s1 = 0, s2 = 0, s4 = 0;
    int nf = sanitized() ? 2 : 6;
    for (int f = 0; f < nf; f++) {
        rm_grf *grf;
        assert_int_equal(rm_grf_alloc(&m, 0, 3, (uint64_t)f, &grf, NULL), RM_OK);
        assert_int_equal(rm_grf_fill_grid(grf, &g, z, NULL), RM_OK);
        rm_grf_free(grf);
        for (size_t b = 0; b < n; b++) {
            double v = z[b] / 2.0; /* standardised */
            s1 += v, s2 += v * v, s4 += v * v * v * v;
        }
    }
    double N = (double)n * nf;
    assert_near(s1 / N, 0.0, 0.1);
    assert_near(s2 / N, 1.0, 0.1);
    assert_near(s4 / N / ((s2 / N) * (s2 / N)), 3.0, 0.3); /* Gaussian kurtosis */
    free(z);
}

static void test_grid_equals_pointwise_and_deterministic(void **state)
{
    rm_grf_model m = {rm_grf_sph, 1.5, {800, 400, 3}};
    rm_grid g = {.nx = 7, .ny = 5, .nz = 4, .x0 = 612000, .y0 = 2410000, .z0 = 0,
                 .dx = 100, .dy = 150, .dz = 0.5};
    size_t n = rm_grid_nblocks(&g);
    double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
    double s[35];
    rm_grf *g1, *g2, *g3;
    assert_int_equal(rm_grf_alloc(&m, 300, 11, 2, &g1, NULL), RM_OK);
    assert_int_equal(rm_grf_alloc(&m, 300, 11, 2, &g2, NULL), RM_OK);
    assert_int_equal(rm_grf_alloc(&m, 300, 11, 3, &g3, NULL), RM_OK);
    assert_int_equal(rm_grf_fill_grid(g1, &g, a, NULL), RM_OK);
    assert_int_equal(rm_grf_fill_grid(g2, &g, b, NULL), RM_OK);
    assert_memory_equal(a, b, n * sizeof *a);
    for (size_t k = 0; k < g.nz; k++)
        for (size_t j = 0; j < g.ny; j++)
            for (size_t i = 0; i < g.nx; i++) {
                double p = rm_grf_eval(g1, rm_grid_xc(&g, i), rm_grid_yc(&g, j),
                                       rm_grid_zc(&g, k));
                assert_near(a[rm_grid_index(&g, i, j, k)], p, 1e-9);
            }
    assert_int_equal(rm_grf_fill_surface(g1, &g, s, NULL), RM_OK);
    assert_near(s[3 + 7 * 2], rm_grf_eval(g1, rm_grid_xc(&g, 3), rm_grid_yc(&g, 2), 0),
                1e-9);
    assert_int_equal(rm_grf_fill_grid(g3, &g, b, NULL), RM_OK);
    assert_true(memcmp(a, b, n * sizeof *a) != 0); /* another stream differs */
    rm_grf_free(g1), rm_grf_free(g2), rm_grf_free(g3);
    free(a), free(b);
}

static void test_errors(void **state)
{
    rm_grf *grf = (rm_grf *)1;
    rm_error err;
    rm_grf_model m = {rm_grf_exp, 0.0, {1, 1, 1}};
    assert_int_equal(rm_grf_alloc(&m, 10, 1, 0, &grf, &err), RM_EINVAL);
    assert_null(grf);
    assert_non_null(strstr(err.message, "sill"));
    m.sill = 1, m.range_m[2] = -1;
    assert_int_equal(rm_grf_alloc(&m, 10, 1, 0, &grf, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "range z"));
    m.type = NULL;
    assert_int_equal(rm_grf_alloc(&m, 10, 1, 0, &grf, &err), RM_EINVAL);
    assert_ptr_equal(rm_grf_type_by_name("sph"), rm_grf_sph);
    assert_ptr_equal(rm_grf_type_by_name("Exp"), rm_grf_exp);
    assert_ptr_equal(rm_grf_type_by_name("GAU"), rm_grf_gau);
    assert_null(rm_grf_type_by_name("Mat"));
    assert_null(rm_grf_type_by_name(NULL));
    rm_grf_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spectral_measures),
        cmocka_unit_test(test_variogram_exp),
        cmocka_unit_test(test_variogram_gau),
        cmocka_unit_test(test_variogram_sph),
        cmocka_unit_test(test_marginal_is_standard),
        cmocka_unit_test(test_grid_equals_pointwise_and_deterministic),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
