/* test_support.c — global change of support (src/resource/support.c):
 *   - γ̄(v,v) of a spherical model over a segment and a square against an
 *     independent numeric integration (GSL QAG of the pair-distance
 *     integral), the nugget, and a rotation check for anisotropy;
 *   - the affine correction on Gaussian and lognormal values: mean kept,
 *     variance f² σ², half the values above the mean for symmetric data;
 *   - the discrete Gaussian model against closed forms: Gaussian data
 *     (r = f, E[Z_v | Z_v >= m] = m + f σ √(2/π)) and lognormal data (the
 *     block anamorphosis of a lognormal is lognormal with log-s.d. r σ);
 *   - the block-support grade–tonnage on a small model worked by hand. */
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "reemud/resource.h"
#include "rm_test.h"

/* ---- γ̄ against numeric integration ---- */

/* Spherical unit-sill variogram of gstat's range a. */
static double sph(double h, double a)
{
    double u = h / a;
    return u < 1 ? 1.5 * u - 0.5 * u * u * u : 1.0;
}

typedef struct seg_par {
    double L, a, u; /* segment/square side, range, outer variable */
} seg_par;

/* γ̄ of a segment: (2/L²) ∫_0^L (L − h) γ(h) dh. */
static double seg_integrand(double h, void *p)
{
    const seg_par *q = p;
    return (q->L - h) * sph(h, q->a);
}

/* γ̄ of a square: (4/L⁴) ∫_0^L ∫_0^L (L − u)(L − v) γ(√(u² + v²)) dv du. */
static double sq_inner(double v, void *p)
{
    const seg_par *q = p;
    return (q->L - v) * sph(sqrt(q->u * q->u + v * v), q->a);
}

static double sq_outer(double u, void *p)
{
    seg_par q = *(const seg_par *)p;
    q.u = u;
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
    gsl_function F = {sq_inner, &q};
    double r, e;
    gsl_integration_qags(&F, 0, q.L, 1e-12, 1e-10, 1000, w, &r, &e);
    gsl_integration_workspace_free(w);
    return (q.L - u) * r;
}

static void test_gammabar_segment_and_square(void **state)
{
    rm_vgm_model m;
    rm_error err;
    assert_int_equal(rm_vgm_parse("2 Sph(100)", &m, &err), RM_OK);
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
    double Ls[] = {30, 100, 250};
    for (int q = 0; q < 3; q++) {
        seg_par p = {.L = Ls[q], .a = 100};
        gsl_function F = {seg_integrand, &p};
        double r, e;
        /* the kink at h = a */
        gsl_integration_qags(&F, 0, fmin(p.L, p.a), 1e-12, 1e-10, 1000, w, &r, &e);
        double tail = 0;
        if (p.L > p.a)
            gsl_integration_qags(&F, p.a, p.L, 1e-12, 1e-10, 1000, w, &tail, &e);
        double exact = 2 * 2 * (r + tail) / (p.L * p.L);
        double g;
        double size[3] = {0, 0, p.L};
        int n[3] = {1, 1, 400};
        assert_int_equal(rm_vgm_gammabar_box(&m, size, n, &g, &err), RM_OK);
        print_message("segment %g m: gammabar %.6f, integral %.6f\n", p.L, g, exact);
        assert_rel(g, exact, 2e-5);
        /* The same segment along x. */
        double sx[3] = {p.L, 0, 0};
        int nx[3] = {400, 1, 1};
        double gx;
        assert_int_equal(rm_vgm_gammabar_box(&m, sx, nx, &gx, &err), RM_OK);
        assert_near(gx, g, 1e-12);
    }
    gsl_integration_workspace_free(w);
    /* A square of side 60 m, and one larger than the range. */
    double sides[] = {60, 150};
    for (int q = 0; q < 2; q++) {
        seg_par p = {.L = sides[q], .a = 100};
        gsl_function F = {sq_outer, &p};
        gsl_integration_workspace *w2 = gsl_integration_workspace_alloc(1000);
        double r, e;
        gsl_integration_qags(&F, 0, p.L, 1e-10, 1e-8, 1000, w2, &r, &e);
        gsl_integration_workspace_free(w2);
        double exact = 2 * 4 * r / (p.L * p.L * p.L * p.L);
        double size[3] = {p.L, p.L, 0}, g;
        int n[3] = {120, 120, 1};
        assert_int_equal(rm_vgm_gammabar_box(&m, size, n, &g, &err), RM_OK);
        print_message("square %g m: gammabar %.6f, integral %.6f\n", p.L, g, exact);
        assert_rel(g, exact, 1e-4);
    }
}

static void test_gammabar_nugget_anisotropy_errors(void **state)
{
    rm_vgm_model m;
    rm_error err;
    double g;
    /* A pure nugget: c0 on any extended support, 0 on a point. */
    assert_int_equal(rm_vgm_parse("0.3 Nug", &m, &err), RM_OK);
    double seg[3] = {0, 0, 1}, pt[3] = {0, 0, 0};
    int n1[3] = {1, 1, 5}, n0[3] = {1, 1, 1};
    assert_int_equal(rm_vgm_gammabar_box(&m, seg, n1, &g, &err), RM_OK);
    assert_near(g, 0.3, 1e-15);
    assert_int_equal(rm_vgm_gammabar_box(&m, pt, n0, &g, &err), RM_OK);
    assert_near(g, 0, 0);
    /* Nugget + structure: the nugget adds whole. */
    rm_vgm_model m2, m3;
    assert_int_equal(rm_vgm_parse("0.3 Nug + 1 Sph(50)", &m2, &err), RM_OK);
    assert_int_equal(rm_vgm_parse("1 Sph(50)", &m3, &err), RM_OK);
    double box[3] = {20, 10, 5}, g2, g3;
    int nb[3] = {8, 6, 4};
    assert_int_equal(rm_vgm_gammabar_box(&m2, box, nb, &g2, &err), RM_OK);
    assert_int_equal(rm_vgm_gammabar_box(&m3, box, nb, &g3, &err), RM_OK);
    assert_near(g2, g3 + 0.3, 1e-12);
    /* Anisotropy: major 100 m along north (azimuth 0) over a box 40 m in y
     * and 10 m in x equals major along east (azimuth 90) over the box
     * turned. */
    rm_vgm_model a0, a90;
    assert_int_equal(rm_vgm_parse("1 Sph(100, 20; 0)", &a0, &err), RM_OK);
    assert_int_equal(rm_vgm_parse("1 Sph(100, 20; 90)", &a90, &err), RM_OK);
    double bn[3] = {10, 40, 0}, be[3] = {40, 10, 0}, gn, ge;
    int nn[3] = {10, 40, 1}, ne[3] = {40, 10, 1};
    assert_int_equal(rm_vgm_gammabar_box(&a0, bn, nn, &gn, &err), RM_OK);
    assert_int_equal(rm_vgm_gammabar_box(&a90, be, ne, &ge, &err), RM_OK);
    assert_near(gn, ge, 1e-12);
    /* ... and differs from the box not turned (the anisotropy matters). */
    assert_int_equal(rm_vgm_gammabar_box(&a0, be, ne, &ge, &err), RM_OK);
    assert_true(ge > 1.5 * gn);
    /* Errors. */
    double neg[3] = {-1, 0, 0};
    assert_int_equal(rm_vgm_gammabar_box(&m3, neg, n0, &g, &err), RM_EINVAL);
    int bad[3] = {0, 1, 1};
    assert_int_equal(rm_vgm_gammabar_box(&m3, box, bad, &g, &err), RM_EINVAL);
    int flat[3] = {2, 1, 1};
    assert_int_equal(rm_vgm_gammabar_box(&m3, pt, flat, &g, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "no extent"));
}

static void test_affine_factor(void **state)
{
    rm_vgm_model m;
    rm_error err;
    assert_int_equal(rm_vgm_parse("1 Sph(1000, 1000, 4)", &m, &err), RM_OK);
    double dom[3] = {5000, 5000, 2};
    rm_support_factor f;
    /* Block = sample support: nothing changes. */
    double s[3] = {0, 0, 1};
    assert_int_equal(rm_support_affine_factor(&m, s, s, dom, &f, &err), RM_OK);
    assert_near(f.f, 1, 1e-12);
    /* A wider block of the same height varies less. */
    double b[3] = {200, 200, 1};
    assert_int_equal(rm_support_affine_factor(&m, s, b, dom, &f, &err), RM_OK);
    assert_true(f.f < 1);
    /* f² from the three γ̄ computed independently. */
    double gs, gb, ga;
    int ns[3] = {1, 1, RM_SUPPORT_DISCR}, nb[3] = {RM_SUPPORT_DISCR, RM_SUPPORT_DISCR,
                                                   RM_SUPPORT_DISCR};
    int na[3] = {RM_SUPPORT_DISCR_DOMAIN, RM_SUPPORT_DISCR_DOMAIN, RM_SUPPORT_DISCR};
    assert_int_equal(rm_vgm_gammabar_box(&m, s, ns, &gs, &err), RM_OK);
    assert_int_equal(rm_vgm_gammabar_box(&m, b, nb, &gb, &err), RM_OK);
    assert_int_equal(rm_vgm_gammabar_box(&m, dom, na, &ga, &err), RM_OK);
    assert_near(f.f2, (ga - gb) / (ga - gs), 1e-12);
    /* A thinner block than the sample where the grade changes fast
     * downhole varies more: f > 1. */
    double thin[3] = {10, 10, 0.25};
    assert_int_equal(rm_support_affine_factor(&m, s, thin, dom, &f, &err), RM_OK);
    assert_true(f.f > 1);
    /* Errors: a domain no bigger than the sample; a block bigger than the
     * domain. */
    double tiny[3] = {0, 0, 1};
    assert_int_equal(rm_support_affine_factor(&m, s, b, tiny, &f, &err), RM_EINVAL);
    double huge[3] = {50000, 50000, 50};
    assert_int_equal(rm_support_affine_factor(&m, s, huge, dom, &f, &err), RM_EINVAL);
}

/* ---- The affine correction ---- */

static void weighted_moments(const double *z, size_t n, double *mean, double *var)
{
    double s = 0, s2 = 0;
    for (size_t i = 0; i < n; i++)
        s += z[i];
    *mean = s / (double)n;
    for (size_t i = 0; i < n; i++)
        s2 += (z[i] - *mean) * (z[i] - *mean);
    *var = s2 / (double)n;
}

static void test_affine_gaussian_lognormal(void **state)
{
    enum { N = 20000 };
    double *z = malloc(N * sizeof *z), *zv = malloc(N * sizeof *zv);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 7);
    for (size_t i = 0; i < N; i++)
        z[i] = 1000 + gsl_ran_gaussian(rng, 200);
    rm_error err;
    double m0, v0, m1, v1, mean;
    size_t nc;
    const double f = 0.6;
    weighted_moments(z, N, &m0, &v0);
    assert_int_equal(rm_support_affine(z, NULL, N, f, zv, &mean, &nc, &err), RM_OK);
    weighted_moments(zv, N, &m1, &v1);
    assert_near(mean, m0, 1e-9);
    assert_near(m1, m0, 1e-9);         /* mean preserved */
    assert_rel(v1, f * f * v0, 1e-9);  /* variance f² σ² */
    assert_int_equal(nc, 0);
    /* Symmetric data: half the tonnage above the mean, before and after. */
    size_t above = 0;
    for (size_t i = 0; i < N; i++)
        above += zv[i] >= m0;
    assert_near((double)above / N, 0.5, 0.01);
    /* Gaussian blocks: P(Z_v >= 1100) = 1 − Φ(100 / (f × 200)). */
    above = 0;
    for (size_t i = 0; i < N; i++)
        above += zv[i] >= 1100;
    assert_near((double)above / N, gsl_cdf_ugaussian_Q(100 / (f * 200)), 0.01);

    /* Lognormal with weights: the weighted mean is kept and the weighted
     * variance scales by f². */
    double *w = malloc(N * sizeof *w);
    for (size_t i = 0; i < N; i++) {
        z[i] = exp(6.5 + gsl_ran_gaussian(rng, 0.8));
        w[i] = 1 + (i % 3);
    }
    assert_int_equal(rm_support_affine(z, w, N, 0.5, zv, &mean, &nc, &err), RM_OK);
    double sw = 0, s0 = 0, s1 = 0, q0 = 0, q1 = 0;
    for (size_t i = 0; i < N; i++)
        sw += w[i], s0 += w[i] * z[i], s1 += w[i] * zv[i];
    assert_rel(s1 / sw, s0 / sw, 1e-12);
    assert_rel(mean, s0 / sw, 1e-12);
    for (size_t i = 0; i < N; i++) {
        q0 += w[i] * (z[i] - s0 / sw) * (z[i] - s0 / sw);
        q1 += w[i] * (zv[i] - s1 / sw) * (zv[i] - s1 / sw);
    }
    assert_rel(q1, 0.25 * q0, 1e-9);
    /* f > 1 on skewed data pushes low values below zero: clamped, counted. */
    assert_int_equal(rm_support_affine(z, w, N, 3, zv, NULL, &nc, &err), RM_OK);
    assert_true(nc > 0);
    for (size_t i = 0; i < N; i++)
        assert_true(zv[i] >= 0);
    /* Errors. */
    assert_int_equal(rm_support_affine(z, NULL, 0, 0.5, zv, NULL, NULL, &err), RM_EINVAL);
    assert_int_equal(rm_support_affine(z, NULL, N, -1, zv, NULL, NULL, &err), RM_EINVAL);
    double w0[2] = {0, 0};
    assert_int_equal(rm_support_affine(z, w0, 2, 0.5, zv, NULL, NULL, &err), RM_EINVAL);
    gsl_rng_free(rng);
    free(z), free(zv), free(w);
}

/* ---- Discrete Gaussian model ---- */

static void test_dgm_gaussian(void **state)
{
    enum { N = 20000 };
    double *z = malloc(N * sizeof *z);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 11);
    const double mu = 1000, sigma = 200;
    for (size_t i = 0; i < N; i++)
        z[i] = mu + gsl_ran_gaussian(rng, sigma);
    rm_dgm d;
    rm_error err;
    assert_int_equal(rm_dgm_fit(z, NULL, N, 30, &d, &err), RM_OK);
    /* A Gaussian's anamorphosis is linear: φ_1 = σ, the rest ~ 0. */
    assert_rel(d.phi[1], sigma, 0.02);
    assert_near(d.phi[2], 0, 0.03 * sigma);
    assert_rel(d.var, d.sample_var, 0.02);
    const double f = 0.7;
    assert_int_equal(rm_dgm_set_block_var(&d, f * f * d.var, &err), RM_OK);
    assert_near(d.r, f, 0.02);
    assert_false(d.r_capped);
    double p, mean;
    rm_dgm_above(&d, d.phi[0], &p, &mean);
    assert_near(p, 0.5, 0.01);
    /* E[Z_v | Z_v >= m] = m + f σ g(0) / 0.5 = m + f σ √(2/π). */
    assert_rel(mean, mu + f * sigma * sqrt(2 / M_PI), 0.01);
    rm_dgm_above(&d, mu + 150, &p, &mean);
    assert_near(p, gsl_cdf_ugaussian_Q(150 / (f * sigma)), 0.01);
    rm_dgm_above(&d, 1e9, &p, &mean);
    assert_near(p, 0, 1e-12);
    assert_true(isnan(mean));
    /* A block variance above the expansion's: r = 1, flagged. */
    assert_int_equal(rm_dgm_set_block_var(&d, 2 * d.var, &err), RM_OK);
    assert_near(d.r, 1, 0);
    assert_true(d.r_capped);
    /* Errors. */
    assert_int_equal(rm_dgm_set_block_var(&d, -1, &err), RM_EINVAL);
    assert_int_equal(rm_dgm_fit(z, NULL, 1, 30, &d, &err), RM_EINVAL);
    assert_int_equal(rm_dgm_fit(z, NULL, N, 1, &d, &err), RM_EINVAL);
    assert_int_equal(rm_dgm_fit(z, NULL, N, RM_DGM_MAX_TERMS + 1, &d, &err), RM_EINVAL);
    gsl_rng_free(rng);
    free(z);
}

static void test_dgm_lognormal(void **state)
{
    /* Z = exp(μ + s Y): φ_k = exp(μ + s²/2) s^k / √k!, and the block
     * anamorphosis Σ φ_k r^k η_k(y) = exp(μ + s²/2 − (r s)²/2 + r s y) is
     * lognormal with log-s.d. r s (Rivoirard 1994, ch. 7). */
    enum { N = 40000 };
    double *z = malloc(N * sizeof *z);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 3);
    const double mu = 6.5, s = 0.5;
    for (size_t i = 0; i < N; i++)
        z[i] = exp(mu + s * gsl_ran_gaussian(rng, 1));
    rm_dgm d;
    rm_error err;
    assert_int_equal(rm_dgm_fit(z, NULL, N, 30, &d, &err), RM_OK);
    double m = exp(mu + s * s / 2);
    assert_rel(d.phi[0], m, 0.01);
    assert_rel(d.phi[1], m * s, 0.02);
    assert_rel(d.phi[2], m * s * s / sqrt(2), 0.06);
    /* Block variance for r = 0.6: m² (exp((r s)²) − 1). */
    const double r = 0.6;
    double bv = m * m * (exp(r * r * s * s) - 1);
    assert_int_equal(rm_dgm_set_block_var(&d, bv * d.var / (m * m * (exp(s * s) - 1)), &err),
                     RM_OK);
    assert_near(d.r, r, 0.01);
    double cuts[] = {500, 665, 1000};
    for (int q = 0; q < 3; q++) {
        double p, mean;
        rm_dgm_above(&d, cuts[q], &p, &mean);
        double u = (log(cuts[q]) - (mu + s * s / 2 - r * r * s * s / 2)) / (r * s);
        double pe = gsl_cdf_ugaussian_Q(u);
        /* E[Z_v; Z_v >= zc] = m Q(u − r s) */
        double me = m * gsl_cdf_ugaussian_Q(u - r * s) / pe;
        print_message("lognormal DGM cut %g: P %.4f (exact %.4f), mean %.1f (exact %.1f)\n",
                      cuts[q], p, pe, mean, me);
        assert_near(p, pe, 0.01);
        assert_rel(mean, me, 0.01);
    }
    gsl_rng_free(rng);
    free(z);
}

/* ---- The block-support grade–tonnage curve on a small model ---- */

/* Two depth slices of 1 m (blocks of 100 × 100 × 0.5 m, 2 × 2 columns, 4
 * layers: 0–2 mbsf) with mud 5,000 t per block (density 1): 40,000 t per
 * slice, 10,000 t per composite.  Composites (1 m, 4 cores): slice 0 ΣREY 100, 200, 300, 400;
 * slice 1 1000, 2000, 3000, 6000, each element 1/15 of ΣREY. */
typedef struct small_case {
    rm_blockmodel *bm;
    rm_composites c;
    double buf[12][8];
    double *grade[RM_NELEM];
    size_t hole[8];
} small_case;

static void small_make(small_case *k)
{
    rm_grid g = {.nx = 2, .ny = 2, .nz = 4, .dx = 100, .dy = 100, .dz = 0.5};
    k->bm = rm_blockmodel_alloc(&g, 32656);
    for (int e = 0; e < RM_NREY; e++) {
        char name[32];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        double *v = rm_blockmodel_add(k->bm, name, name, "ppm");
        for (size_t b = 0; b < 16; b++)
            v[b] = (b < 8 ? 250.0 : 3000.0) / 15; /* the kriged blocks */
    }
    double *rho = rm_blockmodel_add(k->bm, "dry_density_t_m3", "rho", "t m-3");
    for (size_t b = 0; b < 16; b++)
        rho[b] = 1.0;
    rm_error err;
    assert_int_equal(rm_resource_derive(k->bm, &err), RM_OK);
    static const double srey[8] = {100, 200, 300, 400, 1000, 2000, 3000, 6000};
    memset(&k->c, 0, sizeof k->c);
    k->c.n = 8;
    k->c.length_m = 1;
    k->c.hole = k->hole;
    k->c.x = k->buf[0], k->c.y = k->buf[1], k->c.z = k->buf[2];
    k->c.from_m = k->buf[3], k->c.to_m = k->buf[4], k->c.coverage_m = k->buf[5];
    k->c.srey_ppm = k->buf[6], k->c.weight = k->buf[7];
    for (int e = 0; e < RM_NREY; e++) {
        k->grade[e] = malloc(8 * sizeof(double));
        k->c.grade_ppm[e] = k->grade[e];
    }
    for (size_t i = 0; i < 8; i++) {
        k->hole[i] = i % 4;
        k->c.x[i] = 50 + 100 * (double)(i % 2);
        k->c.y[i] = 50 + 100 * (double)((i / 2) % 2);
        k->c.from_m[i] = (double)(i / 4);
        k->c.to_m[i] = k->c.from_m[i] + 1;
        k->c.z[i] = k->c.from_m[i] + 0.5;
        k->c.coverage_m[i] = 1;
        k->c.weight[i] = 1;
        k->c.srey_ppm[i] = srey[i];
        for (int e = 0; e < RM_NREY; e++)
            k->grade[e][i] = srey[i] / 15;
    }
}

static void small_free(small_case *k)
{
    for (int e = 0; e < RM_NREY; e++)
        free(k->grade[e]);
    rm_blockmodel_free(k->bm);
}

static const double SUM_OXIDE_FACTORS = 17.5466;

static void test_gradetonnage_support_small(void **state)
{
    small_case k;
    small_make(&k);
    rm_error err;
    rm_vgm_model m;
    assert_int_equal(rm_vgm_parse("1 Sph(300, 300, 3)", &m, &err), RM_OK);
    double cut[] = {0, 250, 2500};
    rm_gt_spec spec = {.cutoffs_ppm = cut, .n_cutoffs = 3, .top_mbsf = 0, .bottom_mbsf = 2};
    rm_support_spec sup;
    rm_support_spec_default(&sup);
    rm_gt_table t = {0};
    rm_support_info info;
    rm_status st = rm_gradetonnage_support(k.bm, &k.c, &m, &spec, &sup, &t, &info, &err);
    if (st)
        fail_msg("%s", err.message);
    assert_int_equal(t.n, 3);
    assert_int_equal(info.n_slices, 2);
    assert_near(info.slices[0].mud_t, 40000, 1e-9);
    assert_near(info.slices[0].mean_ppm, 250, 1e-9);
    assert_near(info.slices[1].mean_ppm, 3000, 1e-9);
    assert_near(info.slices[0].var_ppm2, 12500, 1e-6);
    /* The same domain, sample and block in both slices: one f (checked
     * against γ̄ in test_affine_factor). */
    double f = info.slices[0].factor.f;
    assert_near(info.slices[1].factor.f, f, 1e-12);
    assert_true(f > 0.5 && f < 1.5);
    /* By hand: per slice z_v = m + f (z − m), each composite 10,000 t. */
    static const double z[8] = {100, 200, 300, 400, 1000, 2000, 3000, 6000};
    for (int q = 0; q < 3; q++) {
        double tonnes = 0, metal = 0;
        for (int i = 0; i < 8; i++) {
            double mean = i < 4 ? 250 : 3000, zv = mean + f * (z[i] - mean);
            if (zv >= cut[q])
                tonnes += 10000, metal += 10000 * zv;
        }
        print_message("cut %g: %g t at %g ppm (f %.4f)\n", cut[q], t.rows[q].tonnes,
                      t.rows[q].mean_srey_ppm, f);
        assert_int_equal(t.rows[q].basis, RM_GT_AFFINE);
        assert_int_equal(t.rows[q].cls, 0);
        assert_near(t.rows[q].tonnes, tonnes, 1e-6);
        assert_rel(t.rows[q].mean_srey_ppm, metal / tonnes, 1e-12);
        /* each element 1/15 of ΣREY: REO = t × ΣREY × 1e-6 × Σ factors / 15 */
        assert_rel(t.rows[q].reo_t, metal * 1e-6 * SUM_OXIDE_FACTORS / 15, 1e-4);
        assert_rel(t.rows[q].mean_ppm[0], metal / tonnes / 15, 1e-12);
    }
    /* Cut-off 0: every tonne at the composites' mean. */
    assert_near(t.rows[0].tonnes, 80000, 1e-6);
    assert_rel(t.rows[0].mean_srey_ppm, (250 + 3000) / 2.0, 1e-12);

    /* Kriged blocks of slice 0 at 500 ppm: its composites are rescaled ×2
     * (mean_from_blocks, the default) before the correction; not with
     * mean_from_blocks = 0. */
    rm_support_info_free(&info);
    double *ks = rm_blockmodel_get(k.bm, "SREY_ppm");
    for (size_t b = 0; b < 8; b++)
        ks[b] = 500;
    for (int from_blocks = 0; from_blocks < 2; from_blocks++) {
        rm_support_spec s2 = sup;
        s2.mean_from_blocks = from_blocks;
        rm_gt_table t3 = {0};
        assert_int_equal(rm_gradetonnage_support(k.bm, &k.c, &m, &spec, &s2, &t3, &info, &err),
                         RM_OK);
        double sc = from_blocks ? 2 : 1;
        assert_near(info.slices[0].scale, sc, 1e-12);
        assert_near(info.slices[0].kriged_mean_ppm, 500, 1e-9);
        assert_near(info.slices[0].mean_ppm, 250, 1e-9);
        double tonnes = 0, metal = 0;
        for (int i = 0; i < 4; i++) {
            double zv = 250 * sc + f * (z[i] * sc - 250 * sc);
            if (zv >= cut[1])
                tonnes += 10000, metal += 10000 * zv;
        }
        tonnes += 40000, metal += 40000 * 3000; /* slice 1 whole */
        assert_near(t3.rows[1].tonnes, tonnes, 1e-6);
        assert_rel(t3.rows[1].mean_srey_ppm, metal / tonnes, 1e-12);
        rm_support_info_free(&info);
        rm_gt_table_free(&t3);
    }
    for (size_t b = 0; b < 8; b++)
        ks[b] = 250;
    rm_support_info_free(&info);
    rm_support_info_free(&info); /* idempotent */
    rm_support_info_free(NULL);

    /* DGM rows append with their own basis; the tonnage at cut-off 0 is the
     * whole interval. */
    sup.method = RM_SUPPORT_DGM;
    assert_int_equal(rm_gradetonnage_support(k.bm, &k.c, &m, &spec, &sup, &t, NULL, &err),
                     RM_OK);
    assert_int_equal(t.n, 6);
    assert_int_equal(t.rows[3].basis, RM_GT_DGM);
    assert_rel(t.rows[3].tonnes, 80000, 1e-6);
    assert_rel(t.rows[3].mean_srey_ppm, 1625, 1e-6);
    assert_non_null(rm_gt_find(&t, RM_GT_DGM, 0, 250));

    /* A slice without composites: the kriged blocks (ΣREY 3000) count. */
    k.c.n = 4;
    sup.method = RM_SUPPORT_AFFINE;
    rm_gt_table t2 = {0};
    assert_int_equal(rm_gradetonnage_support(k.bm, &k.c, &m, &spec, &sup, &t2, &info, &err),
                     RM_OK);
    assert_true(info.slices[1].from_blocks);
    assert_near(t2.rows[2].tonnes, 40000, 1e-6);
    assert_rel(t2.rows[2].mean_srey_ppm, 3000, 1e-12);
    rm_support_info_free(&info);
    k.c.n = 8;

    /* CSV: the basis names. */
    const char *dir = rm_test_dir("support");
    assert_non_null(dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/gt.csv", dir);
    assert_int_equal(rm_gt_write_csv(&t, path, &err), RM_OK);
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[8192];
    int n_aff = 0, n_dgm = 0;
    while (fgets(line, sizeof line, fp)) {
        n_aff += !strncmp(line, "affine,all,", 11);
        n_dgm += !strncmp(line, "dgm,all,", 8);
    }
    fclose(fp);
    assert_int_equal(n_aff, 3);
    assert_int_equal(n_dgm, 3);
    assert_string_equal(rm_gt_basis_name(RM_GT_BLOCKS), "block");
    assert_string_equal(rm_gt_basis_name(99), "unknown");

    /* Errors: no cut-offs, empty interval, unknown method, missing fields. */
    rm_gt_spec bad = spec;
    bad.n_cutoffs = 0;
    assert_int_equal(rm_gradetonnage_support(k.bm, &k.c, &m, &bad, &sup, &t, NULL, &err),
                     RM_EINVAL);
    bad = spec;
    bad.bottom_mbsf = 0;
    assert_int_equal(rm_gradetonnage_support(k.bm, &k.c, &m, &bad, &sup, &t, NULL, &err),
                     RM_EINVAL);
    rm_support_spec bs = sup;
    bs.method = 7;
    assert_int_equal(rm_gradetonnage_support(k.bm, &k.c, &m, &spec, &bs, &t, NULL, &err),
                     RM_EINVAL);
    rm_grid g1 = {.nx = 1, .ny = 1, .nz = 1, .dx = 1, .dy = 1, .dz = 1};
    rm_blockmodel *empty = rm_blockmodel_alloc(&g1, 32656);
    assert_int_equal(rm_gradetonnage_support(empty, &k.c, &m, &spec, &sup, &t, NULL, &err),
                     RM_EINVAL);
    rm_blockmodel_free(empty);
    assert_int_equal(t.n, 6); /* failures append nothing */
    rm_gt_table_free(&t);
    rm_gt_table_free(&t2);
    small_free(&k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gammabar_segment_and_square),
        cmocka_unit_test(test_gammabar_nugget_anisotropy_errors),
        cmocka_unit_test(test_affine_factor),
        cmocka_unit_test(test_affine_gaussian_lognormal),
        cmocka_unit_test(test_dgm_gaussian),
        cmocka_unit_test(test_dgm_lognormal),
        cmocka_unit_test(test_gradetonnage_support_small),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
