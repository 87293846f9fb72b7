/* test_krige.c — kriging against gstat 2.1 (reference files made by
 * bench/gstat/krige_cases.R), gstat's blockkr numbers (docs/references.md §5),
 * and properties that hold for any kriging system. */
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "reemud/krige.h"
#include "reemud/search.h"
#include "rm_test.h"

/* ---- a tiny numeric CSV reader for the reference files ---- */

typedef struct table {
    int ncol;
    size_t nrow;
    char names[16][32];
    double *v; /* nrow x ncol */
} table;

static table read_table(const char *rel)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", rm_test_source(rel));
    FILE *fp = fopen(path, "r");
    if (!fp)
        fail_msg("cannot open %s", path);
    table t = {0};
    char line[4096];
    if (!fgets(line, sizeof line, fp))
        fail_msg("empty %s", path);
    for (char *tok = strtok(line, ",\r\n"); tok; tok = strtok(NULL, ",\r\n"))
        snprintf(t.names[t.ncol++], 32, "%s", tok);
    size_t cap = 256;
    t.v = malloc(cap * (size_t)t.ncol * sizeof *t.v);
    while (fgets(line, sizeof line, fp)) {
        if (t.nrow == cap) {
            cap *= 2;
            t.v = realloc(t.v, cap * (size_t)t.ncol * sizeof *t.v);
        }
        char *p = line;
        for (int c = 0; c < t.ncol; c++) {
            t.v[t.nrow * (size_t)t.ncol + (size_t)c] = strtod(p, &p);
            if (*p == ',')
                p++;
        }
        t.nrow++;
    }
    fclose(fp);
    return t;
}

static int col(const table *t, const char *name)
{
    for (int c = 0; c < t->ncol; c++)
        if (!strcmp(t->names[c], name))
            return c;
    return -1;
}

static double at(const table *t, size_t r, int c)
{
    return c < 0 ? 0.0 : t->v[r * (size_t)t->ncol + (size_t)c];
}

/* coordinates x, y[, z] of a table as n x 3 */
static double *coords(const table *t)
{
    double *xyz = malloc(3 * t->nrow * sizeof *xyz);
    int cx = col(t, "x"), cy = col(t, "y"), cz = col(t, "z");
    for (size_t r = 0; r < t->nrow; r++) {
        xyz[3 * r] = at(t, r, cx);
        xyz[3 * r + 1] = at(t, r, cy);
        xyz[3 * r + 2] = at(t, r, cz);
    }
    return xyz;
}

/* Split a '|'-separated line into at most max fields; returns the count. */
static int split_bars(char *line, char **f, int max)
{
    int nf = 0;
    for (int i = 0; i < max; i++)
        f[i] = "";
    for (char *p = line; nf < max;) {
        f[nf++] = p;
        char *bar = strchr(p, '|');
        if (!bar) {
            p[strcspn(p, "\r\n")] = 0;
            break;
        }
        *bar = 0;
        p = bar + 1;
    }
    return nf;
}

/* ---- gstat golden cases ---- */

static void run_case(char *line)
{
    char *f[11];
    int nf = split_bars(line, f, 11);
    assert_int_equal(nf, 11);
    char rel[512];
    snprintf(rel, sizeof rel, "tests/data/gstat/%s", f[1]);
    table d = read_table(rel);
    snprintf(rel, sizeof rel, "tests/data/gstat/%s", f[9]);
    table tg = read_table(rel);
    snprintf(rel, sizeof rel, "tests/data/gstat/krige_%s.csv", f[0]);
    table ref = read_table(rel);
    assert_int_equal(ref.nrow, tg.nrow);

    rm_vgm_model model;
    rm_error err;
    assert_int_equal(rm_vgm_parse(f[3], &model, &err), RM_OK);
    rm_krige_params p;
    rm_krige_params_default(&p);
    p.kind = !strcmp(f[4], "sk") ? RM_KRIGE_SIMPLE : RM_KRIGE_ORDINARY;
    double mean = strtod(f[5], NULL);
    p.nmax = (size_t)strtol(f[6], NULL, 10);
    sscanf(f[7], "%lf,%lf,%lf", &p.block[0], &p.block[1], &p.block[2]);
    p.discr = (int)strtol(f[8], NULL, 10);
    p.search_euclidean = !strcmp(f[10], "euclidean");

    int cv = col(&d, f[2]);
    assert_true(cv >= 0);
    double *xyz = coords(&d), *val = malloc(d.nrow * sizeof *val);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t r = 0; r < d.nrow; r++) {
        val[r] = at(&d, r, cv);
        lo = fmin(lo, val[r]);
        hi = fmax(hi, val[r]);
    }
    rm_krige *k;
    assert_int_equal(rm_krige_alloc(&p, &model, xyz, val, d.nrow, 1, &mean, NULL, &k, &err),
                     RM_OK);
    double *txyz = coords(&tg);
    double *est = malloc(tg.nrow * sizeof *est), *var = malloc(tg.nrow * sizeof *var);
    rm_krige_out out = {.est = est, .var = var};
    rm_krige_stats st;
    assert_int_equal(rm_krige_targets(k, txyz, tg.nrow, &out, &st, &err), RM_OK);
    double max_de = 0, max_dv = 0, sill = rm_vgm_sill(&model);
    for (size_t r = 0; r < tg.nrow; r++) {
        max_de = rm_test_worst(max_de, rm_test_absdiff(est[r], at(&ref, r, 0)));
        max_dv = rm_test_worst(max_dv, rm_test_absdiff(var[r], at(&ref, r, 1)));
    }
    printf("  %-26s %zu targets: max |d est| = %.3g (range %.4g), max |d var| = %.3g (sill %.4g)\n",
           f[0], tg.nrow, max_de, hi - lo, max_dv, sill);
    if (!(max_de <= 1e-6 * (hi - lo)) || !(max_dv <= 1e-6 * sill))
        fail_msg("case %s differs from gstat", f[0]);
    rm_krige_free(k);
    free(xyz), free(val), free(txyz), free(est), free(var);
    free(d.v), free(tg.v), free(ref.v);
}

static void test_gstat_cases(void **state)
{
    FILE *fp = fopen(rm_test_source("tests/data/gstat/krige_cases.txt"), "r");
    assert_non_null(fp);
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof line, fp)) {
        run_case(line);
        n++;
    }
    fclose(fp);
    assert_true(n >= 10);
}

/* ---- gstat's blockkr test (docs/references.md §5), to printed precision ---- */

static void test_meuse_blockkr(void **state)
{
    table d = read_table("tests/data/gstat/krige_meuse.csv");
    double *xyz = coords(&d), *val = malloc(d.nrow * sizeof *val);
    for (size_t r = 0; r < d.nrow; r++)
        val[r] = at(&d, r, col(&d, "zinc"));
    rm_vgm_model model;
    rm_error err;
    assert_int_equal(rm_vgm_parse("2.42e4 Nug + 1.34e5 Sph(800)", &model, &err), RM_OK);
    rm_krige_params p;
    rm_krige_params_default(&p);
    p.nmax = 40;
    p.block[0] = p.block[1] = 40;
    double q[3] = {181170, 333250, 0}, est, var, lag, slope, ke;
    rm_krige_out out = {.est = &est, .var = &var, .lagrange = &lag, .slope = &slope, .ke = &ke};
    for (int discr = 0; discr <= 4; discr += 4) {
        p.discr = discr;
        rm_krige *k;
        assert_int_equal(rm_krige_alloc(&p, &model, xyz, val, d.nrow, 1, NULL, NULL, &k, &err),
                         RM_OK);
        rm_krige_work *w = rm_krige_work_alloc(k);
        assert_int_equal(rm_krige_point(k, w, q, RM_SEARCH_NONE, RM_SEARCH_NONE, &out, 0, &err),
                         RM_OK);
        if (discr == 0) {
            assert_near(est, 268.7576, 0.5e-4);
            assert_near(var, 19447.67, 0.5e-2);
        } else {
            assert_near(est, 268.7324, 0.5e-4);
            assert_near(var, 19568.76, 0.5e-2);
        }
        /* diagnostics from their definitions */
        double bv = rm_krige_block_variance(k);
        assert_true(bv < rm_vgm_sill(&model) - 2.42e4);
        assert_near(ke, (bv - var) / bv, 1e-12);
        assert_true(slope > 0 && slope < 1.5);
        rm_krige_work_free(w);
        rm_krige_free(k);
    }
    free(xyz), free(val), free(d.v);
}

/* ---- cross-validation against gstat's krige.cv ---- */

static void test_xval_gstat(void **state)
{
    FILE *fp = fopen(rm_test_source("tests/data/gstat/krige_xval.txt"), "r");
    assert_non_null(fp);
    char line[1024];
    int ncase = 0;
    while (fgets(line, sizeof line, fp)) {
        char *f[10];
        int nf = split_bars(line, f, 10);
        assert_int_equal(nf, 10);
        char rel[512];
        snprintf(rel, sizeof rel, "tests/data/gstat/%s", f[1]);
        table d = read_table(rel);
        snprintf(rel, sizeof rel, "tests/data/gstat/krige_xval_%s.csv", f[0]);
        table ref = read_table(rel);
        rm_vgm_model model;
        rm_error err;
        assert_int_equal(rm_vgm_parse(f[3], &model, &err), RM_OK);
        rm_krige_params p;
        rm_krige_params_default(&p);
        p.nmax = (size_t)strtol(f[4], NULL, 10);
        int hole_mode = !strcmp(f[5], "hole");
        double *xyz = coords(&d), *val = malloc(d.nrow * sizeof *val);
        long *hole = malloc(d.nrow * sizeof *hole);
        for (size_t r = 0; r < d.nrow; r++) {
            val[r] = at(&d, r, col(&d, f[2]));
            hole[r] = (long)at(&d, r, col(&d, "hole"));
        }
        rm_krige *k;
        assert_int_equal(rm_krige_alloc(&p, &model, xyz, val, d.nrow, 1, NULL,
                                        hole_mode ? hole : NULL, &k, &err),
                         RM_OK);
        assert_int_equal(rm_krige_n_samples(k), d.nrow);
        double *est = malloc(d.nrow * sizeof *est), *var = malloc(d.nrow * sizeof *var);
        rm_krige_out out = {.est = est, .var = var};
        rm_xval_stats xs;
        assert_int_equal(rm_krige_xval(k, hole_mode ? RM_XVAL_HOLE : RM_XVAL_LOO, &out, &xs,
                                       NULL, &err),
                         RM_OK);
        for (size_t r = 0; r < d.nrow; r++) {
            assert_near(est[r], at(&ref, r, 0), 1e-9);
            assert_near(var[r], at(&ref, r, 1), 1e-9);
        }
        assert_int_equal(xs.n, (size_t)strtol(f[6], NULL, 10));
        printf("  xval %-16s ME %.10g (gstat %s)  MSE %.10g (%s)  MSDR %.10g (%s)\n", f[0],
               xs.mean_error, f[7], xs.mse, f[8], xs.msdr, f[9]);
        assert_near(xs.mean_error, strtod(f[7], NULL), 1e-6);
        assert_near(xs.mse, strtod(f[8], NULL), 1e-6);
        assert_near(xs.msdr, strtod(f[9], NULL), 1e-6);
        rm_krige_free(k);
        free(xyz), free(val), free(hole), free(est), free(var), free(d.v), free(ref.v);
        ncase++;
    }
    fclose(fp);
    assert_int_equal(ncase, 3);
}


/* ---- properties against an independent dense solve (GSL LU) ---- */

/* Random 3-D samples in a 1000 x 1000 x 50 box; two value columns. */
static void synth(size_t n, double *xyz, double *val, unsigned seed)
{
    srand(seed);
    for (size_t i = 0; i < n; i++) {
        xyz[3 * i] = rand() / (double)RAND_MAX * 1000;
        xyz[3 * i + 1] = rand() / (double)RAND_MAX * 1000;
        xyz[3 * i + 2] = rand() / (double)RAND_MAX * 50;
        val[2 * i] = sin(xyz[3 * i] / 150) + xyz[3 * i + 2] / 50 + rand() / (double)RAND_MAX;
        val[2 * i + 1] = 100 + 30 * cos(xyz[3 * i + 1] / 200) + 5.0 * rand() / RAND_MAX;
    }
}

/* Solve the bordered OK system [C 1; 1' 0][l; mu] = [c; 1] with GSL for the
 * given neighbours (all samples within the kd answer are passed in). */
static void dense_ok(const rm_vgm_model *m, const double *xyz, const double *val, size_t nvar,
                     size_t v, const size_t *idx, size_t n, const double *q, double *est,
                     double *var, double *mu, double *slope)
{
    gsl_matrix *A = gsl_matrix_alloc(n + 1, n + 1);
    gsl_vector *b = gsl_vector_alloc(n + 1), *x = gsl_vector_alloc(n + 1);
    gsl_permutation *perm = gsl_permutation_alloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        const double *P = &xyz[3 * idx[i]];
        for (size_t j = 0; j < n; j++) {
            const double *Q = &xyz[3 * idx[j]];
            gsl_matrix_set(A, i, j, rm_vgm_cov(m, P[0] - Q[0], P[1] - Q[1], P[2] - Q[2]));
        }
        gsl_matrix_set(A, i, n, 1.0);
        gsl_matrix_set(A, n, i, 1.0);
        gsl_vector_set(b, i, rm_vgm_cov(m, P[0] - q[0], P[1] - q[1], P[2] - q[2]));
    }
    gsl_matrix_set(A, n, n, 0.0);
    gsl_vector_set(b, n, 1.0);
    gsl_matrix *A0 = gsl_matrix_alloc(n + 1, n + 1);
    gsl_matrix_memcpy(A0, A);
    int sign;
    gsl_linalg_LU_decomp(A, perm, &sign);
    gsl_linalg_LU_solve(A, perm, b, x);
    double e = 0, lc = 0, lCl = 0;
    for (size_t i = 0; i < n; i++) {
        double li = gsl_vector_get(x, i);
        e += li * val[idx[i] * nvar + v];
        lc += li * gsl_vector_get(b, i);
        for (size_t j = 0; j < n; j++)
            lCl += li * gsl_matrix_get(A0, i, j) * gsl_vector_get(x, j);
    }
    *est = e;
    *mu = gsl_vector_get(x, n);
    *var = rm_vgm_sill(m) - lc - *mu;
    *slope = lc / lCl;
    gsl_matrix_free(A), gsl_matrix_free(A0);
    gsl_vector_free(b), gsl_vector_free(x);
    gsl_permutation_free(perm);
}

static void test_dense_solve_and_diagnostics(void **state)
{
    size_t n = 400, nvar = 2;
    double *xyz = malloc(3 * n * sizeof *xyz), *val = malloc(n * nvar * sizeof *val);
    synth(n, xyz, val, 3);
    rm_vgm_model model;
    rm_error err;
    /* anisotropic, nested, different shapes: the general covariance path */
    assert_int_equal(rm_vgm_parse("0.1 Nug + 0.6 Sph(400, 200, 30; 30, 10, 0) + 0.3 Exp(150)",
                                  &model, &err),
                     RM_OK);
    rm_krige_params p;
    rm_krige_params_default(&p);
    p.nmax = 20;
    rm_krige *k;
    assert_int_equal(rm_krige_alloc(&p, &model, xyz, val, n, nvar, NULL, NULL, &k, &err), RM_OK);
    rm_search *s;
    double M[9];
    rm_vgm_search_metric(&model, M);
    assert_int_equal(rm_search_alloc(xyz, n, M, NULL, &s, &err), RM_OK);
    rm_search_work *sw = rm_search_work_alloc(s);
    rm_krige_work *w = rm_krige_work_alloc(k);
    for (int t = 0; t < 20; t++) {
        double q[3] = {50.0 * t, 37.0 * t + 100, 25};
        double est[2], var, mu, slope, ke, md;
        int nn;
        rm_krige_out out = {est, &var, &nn, &md, &mu, &slope, &ke};
        assert_int_equal(rm_krige_point(k, w, q, -1, -1, &out, 0, &err), RM_OK);
        size_t idx[20];
        double d2[20];
        size_t m = rm_search_query(s, &(rm_search_params){.nmax = 20}, q, -1, -1, sw, idx, d2, 20);
        assert_int_equal(nn, (int)m);
        for (size_t v = 0; v < nvar; v++) {
            double e2, var2, mu2, slope2;
            dense_ok(&model, xyz, val, nvar, v, idx, m, q, &e2, &var2, &mu2, &slope2);
            assert_near(est[v], e2, 1e-10 * (1 + fabs(e2)));
            assert_near(var, var2, 1e-10);
            assert_near(mu, mu2, 1e-10);
            assert_near(slope, slope2, 1e-9);
        }
        assert_near(ke, (rm_vgm_sill(&model) - var) / rm_vgm_sill(&model), 1e-12);
        double sd = 0;
        for (size_t i = 0; i < m; i++) {
            const double *P = &xyz[3 * idx[i]];
            sd += sqrt(pow(P[0] - q[0], 2) + pow(P[1] - q[1], 2) + pow(P[2] - q[2], 2));
        }
        assert_near(md, sd / (double)m, 1e-9);
    }
    rm_krige_work_free(w);
    rm_search_work_free(sw);
    rm_search_free(s);
    rm_krige_free(k);
    free(xyz), free(val);
}

/* Kriging is an exact interpolator: at a sample, with neighbours, the
 * estimate is the sample value and the variance 0 (point kriging). */
static void test_exact_at_samples_and_sk(void **state)
{
    size_t n = 200;
    double *xyz = malloc(3 * n * sizeof *xyz), *val = malloc(2 * n * sizeof *val);
    synth(n, xyz, val, 5);
    rm_vgm_model model;
    rm_error err;
    assert_int_equal(rm_vgm_parse("0.2 Nug + 0.8 Sph(300)", &model, &err), RM_OK);
    for (int kind = 0; kind < 2; kind++) {
        rm_krige_params p;
        rm_krige_params_default(&p);
        p.kind = kind ? RM_KRIGE_SIMPLE : RM_KRIGE_ORDINARY;
        p.nmax = 16;
        double means[2] = {1.0, 100.0};
        rm_krige *k;
        assert_int_equal(rm_krige_alloc(&p, &model, xyz, val, n, 2, means, NULL, &k, &err),
                         RM_OK);
        double *est = malloc(n * 2 * sizeof *est), *var = malloc(n * sizeof *var);
        double *mu = malloc(n * sizeof *mu), *slope = malloc(n * sizeof *slope);
        rm_krige_out out = {.est = est, .var = var, .lagrange = mu, .slope = slope};
        rm_krige_stats st;
        assert_int_equal(rm_krige_targets(k, xyz, n, &out, &st, &err), RM_OK);
        for (size_t i = 0; i < n; i++) {
            assert_near(est[2 * i], val[2 * i], 1e-9);
            assert_near(est[2 * i + 1], val[2 * i + 1], 1e-7);
            assert_near(var[i], 0, 1e-9);
            if (kind)
                assert_near(mu[i], 0, 0);
        }
        /* far from all data: SK returns the mean, with the sill as variance */
        double far[3] = {1e7, 1e7, 0}, e2[2], v2, s2;
        rm_krige_out o2 = {.est = e2, .var = &v2, .slope = &s2};
        assert_int_equal(rm_krige_targets(k, far, 1, &o2, &st, &err), RM_OK);
        if (kind) {
            assert_near(e2[0], 1.0, 1e-12);
            assert_near(e2[1], 100.0, 1e-12);
            assert_near(v2, 1.0, 1e-12);
        } else { /* OK: σ² = sill + 1/(1ᵀC⁻¹1), the variance of the estimated mean */
            assert_true(v2 > 1.0 && v2 < 2.0);
            assert_true(isfinite(e2[0]));
        }
        rm_krige_free(k);
        free(est), free(var), free(mu), free(slope);
    }
    free(xyz), free(val);
}

/* Same output, bit for bit, for 1 and 3 threads; grid = explicit targets. */
static void test_threads_and_grid(void **state)
{
    size_t n = 500;
    double *xyz = malloc(3 * n * sizeof *xyz), *val = malloc(2 * n * sizeof *val);
    synth(n, xyz, val, 9);
    rm_vgm_model model;
    rm_error err;
    assert_int_equal(rm_vgm_parse("0.1 Nug + 0.9 Sph(250)", &model, &err), RM_OK);
    size_t cnt[3] = {40, 30, 5}, nt = 40 * 30 * 5;
    double first[3] = {5, 10, 2.5}, step[3] = {25, 33, 10};
    double *txyz = malloc(3 * nt * sizeof *txyz);
    for (size_t t = 0; t < nt; t++) {
        txyz[3 * t] = first[0] + (double)(t % 40) * step[0];
        txyz[3 * t + 1] = first[1] + (double)((t / 40) % 30) * step[1];
        txyz[3 * t + 2] = first[2] + (double)(t / 1200) * step[2];
    }
    double *e[3], *v[3];
    for (int r = 0; r < 3; r++) {
        rm_krige_params p;
        rm_krige_params_default(&p);
        p.nmax = 24;
        p.threads = r == 0 ? 1 : 3;
        rm_krige *k;
        assert_int_equal(rm_krige_alloc(&p, &model, xyz, val, n, 2, NULL, NULL, &k, &err),
                         RM_OK);
        e[r] = malloc(2 * nt * sizeof *e[r]);
        v[r] = malloc(nt * sizeof *v[r]);
        rm_krige_out out = {.est = e[r], .var = v[r]};
        rm_krige_stats st;
        if (r < 2)
            assert_int_equal(rm_krige_grid(k, first, step, cnt, &out, &st, &err), RM_OK);
        else
            assert_int_equal(rm_krige_targets(k, txyz, nt, &out, &st, &err), RM_OK);
        assert_int_equal(st.n_targets, nt);
        assert_int_equal(st.n_empty, 0);
        rm_krige_free(k);
    }
    assert_memory_equal(e[0], e[1], 2 * nt * sizeof *e[0]);
    assert_memory_equal(v[0], v[1], nt * sizeof *v[0]);
    assert_memory_equal(e[0], e[2], 2 * nt * sizeof *e[0]);
    for (int r = 0; r < 3; r++)
        free(e[r]), free(v[r]);
    free(txyz), free(xyz), free(val);
}

/* Coincident samples are merged (averaged); nmin and maxdist leave targets
 * empty and counted; a singular system is reported with its location. */
static void test_merge_empty_singular(void **state)
{
    double xyz[] = {0, 0, 0, 100, 0, 0, 0, 100, 0, 100, 0, 0, 50, 50, 0};
    double val[] = {1, 2, 3, 4, 5};
    rm_vgm_model model;
    rm_error err;
    assert_int_equal(rm_vgm_parse("0.1 Nug + 1 Sph(500)", &model, &err), RM_OK);
    rm_krige_params p;
    rm_krige_params_default(&p);
    p.nmin = 3;
    p.maxdist = 120;
    rm_krige *k;
    assert_int_equal(rm_krige_alloc(&p, &model, xyz, val, 5, 1, NULL, NULL, &k, &err), RM_OK);
    assert_int_equal(rm_krige_n_samples(k), 4);
    assert_int_equal(rm_krige_n_merged(k), 1);
    double sx[3], sv;
    rm_krige_sample(k, 1, sx, &sv, NULL);
    assert_near(sv, 3.0, 0); /* (2 + 4) / 2 */
    assert_near(sx[0], 100, 0);
    double q[6] = {100, 0, 0, 1000, 1000, 0}, est[2], var[2];
    int nn[2];
    rm_krige_out out = {.est = est, .var = var, .n = nn};
    rm_krige_stats st;
    assert_int_equal(rm_krige_targets(k, q, 2, &out, &st, &err), RM_OK);
    assert_near(est[0], 3.0, 1e-12); /* exact at the merged sample */
    assert_true(isnan(est[1]) && isnan(var[1]));
    assert_int_equal(nn[1], 0);
    assert_int_equal(st.n_empty, 1);
    rm_krige_free(k);

    /* Gaussian model without nugget and two samples 10 µm apart: singular */
    double xyz2[] = {0, 0, 0, 1e-5, 0, 0, 500, 0, 0};
    double val2[] = {1, 1, 2};
    assert_int_equal(rm_vgm_parse("1 Gau(1000)", &model, &err), RM_OK);
    rm_krige_params_default(&p);
    assert_int_equal(rm_krige_alloc(&p, &model, xyz2, val2, 3, 1, NULL, NULL, &k, &err), RM_OK);
    double q2[3] = {10, 20, 0};
    assert_int_equal(rm_krige_targets(k, q2, 1, &out, &st, &err), RM_OK);
    assert_int_equal(st.n_singular, 1);
    assert_near(st.first_singular[1], 20, 0);
    assert_true(isnan(est[0]));
    rm_krige_work *w = rm_krige_work_alloc(k);
    assert_int_equal(rm_krige_point(k, w, q2, -1, -1, &out, 0, &err), RM_ESINGULAR);
    assert_non_null(strstr(err.message, "(10, 20, 0)"));
    rm_krige_work_free(w);
    rm_krige_free(k);
}

static void test_bad_input(void **state)
{
    double xyz[] = {0, 0, 0, 1, 0, 0};
    double val[] = {1, NAN};
    rm_vgm_model model;
    rm_error err;
    assert_int_equal(rm_vgm_parse("1 Sph(10)", &model, &err), RM_OK);
    rm_krige_params p;
    rm_krige_params_default(&p);
    rm_krige *k;
    assert_int_equal(rm_krige_alloc(&p, &model, xyz, val, 2, 1, NULL, NULL, &k, &err), RM_EDATA);
    assert_null(k);
    val[1] = 2;
    p.kind = RM_KRIGE_SIMPLE;
    assert_int_equal(rm_krige_alloc(&p, &model, xyz, val, 2, 1, NULL, NULL, &k, &err), RM_EINVAL);
    p.kind = RM_KRIGE_ORDINARY;
    p.hole_max = 1;
    assert_int_equal(rm_krige_alloc(&p, &model, xyz, val, 2, 1, NULL, NULL, &k, &err), RM_EINVAL);
    p.hole_max = 0;
    p.nmax = 2;
    p.nmin = 3;
    assert_int_equal(rm_krige_alloc(&p, &model, xyz, val, 2, 1, NULL, NULL, &k, &err), RM_EINVAL);
    p.nmin = 0;
    assert_int_equal(rm_krige_alloc(&p, &model, xyz, val, 2, 1, NULL, NULL, &k, &err), RM_OK);
    rm_krige_out out = {0};
    assert_int_equal(rm_krige_xval(k, RM_XVAL_HOLE, &out, NULL, NULL, &err), RM_EINVAL);
    double bad[3] = {0, INFINITY, 0};
    assert_int_equal(rm_krige_targets(k, bad, 1, &out, NULL, &err), RM_EINVAL);
    rm_krige_free(k);
    rm_krige_free(NULL);
    rm_krige_work_free(NULL);
}

/* The fast formatter against printf("%.10g"). */
static void test_format(void **state)
{
    char a[64], b[64];
    double fixed[] = {0, 1, -1, 0.5, 123456789012.0, 1e-5, 1.5e-5, 9999999999.5, 0.1, 1e21,
                      -2.5e-300, 268.7576098, 19447.66987, 1e100, 123.456, 1e10, 99999.999999};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        rm_krige_format_double(fixed[i], a);
        snprintf(b, sizeof b, "%.10g", fixed[i]);
        if (strcmp(a, b) && !rm_test_close(strtod(a, NULL), fixed[i], 1e-9 * fabs(fixed[i])))
            fail_msg("format %.17g: '%s' vs printf '%s'", fixed[i], a, b);
    }
    /* integers of up to ten digits (grid coordinates, counts) exactly as printf */
    double ints[] = {1, -1, 10, 30, 1990, -7, 100000, 2147483648.0, -4294967296.0,
                     9999999999.0, -9999999999.0, 1234567890.0, 1e9};
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        rm_krige_format_double(ints[i], a);
        snprintf(b, sizeof b, "%.10g", ints[i]);
        assert_string_equal(a, b);
    }
    srand(1);
    int same = 0, total = 100000;
    for (int i = 0; i < total; i++) {
        double x = (rand() / (double)RAND_MAX - 0.5) * pow(10, rand() % 40 - 20);
        rm_krige_format_double(x, a);
        snprintf(b, sizeof b, "%.10g", x);
        same += !strcmp(a, b);
        assert_near(strtod(a, NULL), x, 6e-10 * fabs(x));
    }
    assert_true(same > total * 0.999);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gstat_cases),
        cmocka_unit_test(test_meuse_blockkr),
        cmocka_unit_test(test_xval_gstat),
        cmocka_unit_test(test_dense_solve_and_diagnostics),
        cmocka_unit_test(test_exact_at_samples_and_sk),
        cmocka_unit_test(test_threads_and_grid),
        cmocka_unit_test(test_merge_empty_singular),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
