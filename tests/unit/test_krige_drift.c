/* test_krige_drift.c — universal kriging (trend in the coordinates) and
 * kriging with an external drift against gstat 2.1 (reference files made by
 * bench/gstat/krige_drift_cases.R), exact reproduction of a drift that the
 * data follow without noise, and the errors of a drift that cannot work. */
#include <string.h>

#include "reemud/krige.h"
#include "reemud/search.h"
#include "rm_test.h"

typedef struct table {
    int ncol;
    size_t nrow;
    char names[16][32];
    double *v; /* nrow x ncol */
} table;

/* Reads a numeric CSV with a header line (source-relative path). */
static table read_table(const char *rel)
{
    const char *path = rm_test_source(rel);
    FILE *fp = fopen(path, "r");
    if (!fp)
        fail_msg("cannot open %s", path);
    table t = {0};
    char line[4096];
    if (!fgets(line, sizeof line, fp))
        fail_msg("empty %s", path);
    for (char *tok = strtok(line, ",\r\n"); tok && t.ncol < 16; tok = strtok(NULL, ",\r\n"))
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

/* Column index of name, or -1. */
static int col(const table *t, const char *name)
{
    for (int c = 0; c < t->ncol; c++)
        if (!strcmp(t->names[c], name))
            return c;
    return -1;
}

/* Value at row r, column c (0 for a missing column). */
static double at(const table *t, size_t r, int c)
{
    return c < 0 ? 0.0 : t->v[r * (size_t)t->ncol + (size_t)c];
}

/* Coordinates x, y[, z] of a table as n x 3. */
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

/* The named column (or nothing for "-") as n values; NULL for "-". */
static double *column(const table *t, const char *name)
{
    if (!strcmp(name, "-"))
        return NULL;
    int c = col(t, name);
    if (c < 0)
        fail_msg("no column %s", name);
    double *v = malloc(t->nrow * sizeof *v);
    for (size_t r = 0; r < t->nrow; r++)
        v[r] = at(t, r, c);
    return v;
}

/* Splits a '|'-separated line into at most max fields; returns the count. */
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

/* One line of krige_drift_cases.txt:
 * name|data|value|model|trend|drift|nmax|bx,by,bz|targets|ndim */
static void run_case(char *line)
{
    char *f[10];
    assert_int_equal(split_bars(line, f, 10), 10);
    char rel[512];
    snprintf(rel, sizeof rel, "tests/data/gstat/%s", f[1]);
    table d = read_table(rel);
    snprintf(rel, sizeof rel, "tests/data/gstat/%s", f[8]);
    table tg = read_table(rel);
    snprintf(rel, sizeof rel, "tests/data/gstat/krige_%s.csv", f[0]);
    table ref = read_table(rel);
    assert_int_equal(ref.nrow, tg.nrow);

    rm_vgm_model model;
    rm_error err;
    assert_int_equal(rm_vgm_parse(f[3], &model, &err), RM_OK);
    rm_krige_params p;
    rm_krige_params_default(&p);
    p.trend = !strcmp(f[4], "linear") ? 1 : !strcmp(f[4], "quadratic") ? 2 : 0;
    p.trend_ndim = (int)strtol(f[9], NULL, 10);
    p.nmax = (size_t)strtol(f[6], NULL, 10);
    sscanf(f[7], "%lf,%lf,%lf", &p.block[0], &p.block[1], &p.block[2]);
    p.search_euclidean = 1; /* gstat's neighbours */

    double *xyz = coords(&d), *val = column(&d, f[2]);
    double *ext = column(&d, f[5]), *text = column(&tg, f[5]);
    size_t n_ext = ext ? 1 : 0;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t r = 0; r < d.nrow; r++) {
        lo = fmin(lo, val[r]);
        hi = fmax(hi, val[r]);
    }
    rm_krige *k;
    if (rm_krige_alloc_ext(&p, &model, xyz, val, d.nrow, 1, ext, n_ext, NULL, NULL, &k, &err))
        fail_msg("%s: %s", f[0], err.message);
    double *txyz = coords(&tg);
    double *est = malloc(tg.nrow * sizeof *est), *var = malloc(tg.nrow * sizeof *var);
    rm_krige_out out = {.est = est, .var = var};
    rm_krige_stats st;
    assert_int_equal(rm_krige_targets_ext(k, txyz, text, tg.nrow, &out, &st, &err), RM_OK);
    assert_int_equal(st.n_empty + st.n_singular, 0);
    double max_de = 0, max_dv = 0, sill = rm_vgm_sill(&model);
    for (size_t r = 0; r < tg.nrow; r++) {
        max_de = rm_test_worst(max_de, rm_test_absdiff(est[r], at(&ref, r, 0)));
        max_dv = rm_test_worst(max_dv, rm_test_absdiff(var[r], at(&ref, r, 1)));
    }
    printf("  %-24s %zu targets: max |d est| = %.3g (range %.4g), max |d var| = %.3g "
           "(sill %.4g)\n",
           f[0], tg.nrow, max_de, hi - lo, max_dv, sill);
    if (!(max_de <= 1e-6 * (hi - lo)) || !(max_dv <= 1e-6 * sill))
        fail_msg("case %s differs from gstat", f[0]);
    rm_krige_free(k);
    free(xyz), free(val), free(ext), free(text), free(txyz), free(est), free(var);
    free(d.v), free(tg.v), free(ref.v);
}

static void test_gstat_drift_cases(void **state)
{
    (void)state;
    FILE *fp = fopen(rm_test_source("tests/data/gstat/krige_drift_cases.txt"), "r");
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

/* Data that follow a drift exactly: universal kriging (and KED) is unbiased
 * for any drift in the span of its functions, and with no residual it
 * returns the drift itself at every target, with any variogram. */
static void test_exact_drift(void **state)
{
    (void)state;
    enum { N = 60, T = 40 };
    double xyz[3 * N], z[N], ext[N], txyz[3 * T], text[T];
    unsigned s = 12345u;
    for (int i = 0; i < N; i++) {
        for (int a = 0; a < 3; a++) {
            s = s * 1103515245u + 12345u;
            xyz[3 * i + a] = (a == 2 ? 10.0 : 1000.0) * (double)(s >> 8) / (double)(1u << 24);
        }
        ext[i] = sin(xyz[3 * i] / 200.0) + 0.01 * xyz[3 * i + 1];
    }
    for (int t = 0; t < T; t++) {
        for (int a = 0; a < 3; a++) {
            s = s * 1103515245u + 12345u;
            txyz[3 * t + a] = (a == 2 ? 10.0 : 1000.0) * (double)(s >> 8) / (double)(1u << 24);
        }
        text[t] = sin(txyz[3 * t] / 200.0) + 0.01 * txyz[3 * t + 1];
    }
    rm_vgm_model model;
    rm_error err;
    assert_int_equal(rm_vgm_parse("0.2 Nug + 1 Sph(300)", &model, &err), RM_OK);
    for (int trend = 1; trend <= 2; trend++) {
        /* a quadratic in 3-D for trend 2, a plane for trend 1 */
        for (int i = 0; i < N; i++) {
            double x = xyz[3 * i], y = xyz[3 * i + 1], h = xyz[3 * i + 2];
            z[i] = 5 + 0.002 * x - 0.001 * y + 0.3 * h +
                   (trend == 2 ? 1e-6 * x * x - 2e-6 * x * y + 0.01 * h * h : 0.0);
        }
        rm_krige_params p;
        rm_krige_params_default(&p);
        p.trend = trend;
        p.nmax = 30;
        rm_krige *k;
        assert_int_equal(rm_krige_alloc(&p, &model, xyz, z, N, 1, NULL, NULL, &k, &err), RM_OK);
        double est[T], var[T];
        rm_krige_out out = {.est = est, .var = var};
        assert_int_equal(rm_krige_targets(k, txyz, T, &out, NULL, &err), RM_OK);
        for (int t = 0; t < T; t++) {
            double x = txyz[3 * t], y = txyz[3 * t + 1], h = txyz[3 * t + 2];
            double want = 5 + 0.002 * x - 0.001 * y + 0.3 * h +
                          (trend == 2 ? 1e-6 * x * x - 2e-6 * x * y + 0.01 * h * h : 0.0);
            assert_near(est[t], want, 1e-9);
            assert_true(var[t] > 0);
        }
        rm_krige_free(k);
    }
    /* external drift: z = 2 + 3 ext */
    for (int i = 0; i < N; i++)
        z[i] = 2 + 3 * ext[i];
    rm_krige_params p;
    rm_krige_params_default(&p);
    p.nmax = 20;
    rm_krige *k;
    assert_int_equal(rm_krige_alloc_ext(&p, &model, xyz, z, N, 1, ext, 1, NULL, NULL, &k, &err),
                     RM_OK);
    double est[T], lag[T], slope[T];
    rm_krige_out out = {.est = est, .lagrange = lag, .slope = slope};
    assert_int_equal(rm_krige_targets_ext(k, txyz, text, T, &out, NULL, &err), RM_OK);
    for (int t = 0; t < T; t++) {
        assert_near(est[t], 2 + 3 * text[t], 1e-9);
        assert_true(isfinite(lag[t]) && isfinite(slope[t]));
    }
    /* cross-validation takes each sample's own drift value */
    double xest[N];
    rm_krige_out xo = {.est = xest};
    assert_int_equal(rm_krige_xval(k, RM_XVAL_LOO, &xo, NULL, NULL, &err), RM_OK);
    for (int i = 0; i < N; i++) {
        double xi[3], zi;
        rm_krige_sample(k, (size_t)i, xi, &zi, NULL);
        assert_near(xest[i], zi, 1e-9);
    }
    /* a grid has no drift values */
    double first[3] = {0, 0, 0}, step[3] = {10, 10, 1};
    size_t count[3] = {2, 2, 1};
    assert_int_equal(rm_krige_grid(k, first, step, count, &out, NULL, &err), RM_EINVAL);
    assert_int_equal(rm_krige_targets(k, txyz, T, &out, NULL, &err), RM_EINVAL);
    rm_krige_free(k);
}

/* Drifts that cannot work are errors or empty targets, never numbers. */
static void test_drift_errors(void **state)
{
    (void)state;
    rm_vgm_model model;
    rm_error err;
    assert_int_equal(rm_vgm_parse("1 Exp(100)", &model, &err), RM_OK);
    /* two cores: x and y constant within each, z varies */
    double xyz[3 * 10], z[10], ext[10];
    for (int i = 0; i < 10; i++) {
        xyz[3 * i] = i < 5 ? 0.0 : 500.0;
        xyz[3 * i + 1] = i < 5 ? 0.0 : 300.0;
        xyz[3 * i + 2] = -(double)(i % 5);
        z[i] = (double)i;
        ext[i] = 7.0;
    }
    rm_krige_params p;
    rm_krige_params_default(&p);
    rm_krige *k = NULL;
    p.trend = 1;
    p.kind = RM_KRIGE_SIMPLE;
    double mean = 0;
    assert_int_equal(rm_krige_alloc(&p, &model, xyz, z, 10, 1, &mean, NULL, &k, &err),
                     RM_EINVAL);
    assert_null(k);
    p.kind = RM_KRIGE_ORDINARY;
    p.trend = 3;
    assert_int_equal(rm_krige_alloc(&p, &model, xyz, z, 10, 1, NULL, NULL, &k, &err),
                     RM_EINVAL);
    p.trend = 0;
    /* a constant external drift is the constant again */
    assert_int_equal(rm_krige_alloc_ext(&p, &model, xyz, z, 10, 1, ext, 1, NULL, NULL, &k, &err),
                     RM_EDATA);
    assert_non_null(strstr(err.message, "external drift 1"));
    /* a linear trend with the 5 nearest samples all in one core: x and y do
     * not vary among them, so the drift is singular: the target is left empty */
    p.trend = 1;
    p.nmax = 5;
    assert_int_equal(rm_krige_alloc(&p, &model, xyz, z, 10, 1, NULL, NULL, &k, &err), RM_OK);
    double q[3] = {1, 1, -2}, est, var;
    rm_krige_out out = {.est = &est, .var = &var};
    rm_krige_stats st;
    assert_int_equal(rm_krige_targets(k, q, 1, &out, &st, &err), RM_OK);
    assert_int_equal(st.n_singular, 1);
    assert_true(isnan(est) && isnan(var));
    rm_krige_free(k);
    /* with all samples: x and y vary, but the two cores make them collinear
     * (y = 0.6 x at both), so 1, x, y, z are still dependent */
    p.nmax = 0;
    p.trend_ndim = 3;
    assert_int_equal(rm_krige_alloc(&p, &model, xyz, z, 10, 1, NULL, NULL, &k, &err), RM_OK);
    assert_int_equal(rm_krige_targets(k, q, 1, &out, &st, &err), RM_OK);
    assert_int_equal(st.n_singular, 1); /* x and y are collinear over two cores */
    rm_krige_free(k);
}

/* rm_krige_weights: Σ λ_i z_i is the estimate (OK, UK, KED, blocks), the
 * weights sum to 1 (OK) and the drift's constraints hold: Σ λ_i x_i = x0. */
static void test_weights(void **state)
{
    (void)state;
    table d = read_table("tests/data/gstat/krige_meuse_drift.csv");
    double *xyz = coords(&d), *val = column(&d, "logzinc"), *ext = column(&d, "sqrtdist");
    rm_vgm_model model;
    rm_error err;
    assert_int_equal(rm_vgm_parse("0.05 Nug + 0.59 Sph(900)", &model, &err), RM_OK);
    for (int c = 0; c < 4; c++) {
        rm_krige_params p;
        rm_krige_params_default(&p);
        p.nmax = 20;
        p.trend = c == 1 || c == 3;
        p.trend_ndim = 2;
        if (c == 3)
            p.block[0] = p.block[1] = 40;
        size_t n_ext = c == 2 ? 1 : 0;
        rm_krige *k;
        assert_int_equal(rm_krige_alloc_ext(&p, &model, xyz, val, d.nrow, 1, ext, n_ext, NULL,
                                            NULL, &k, &err),
                         RM_OK);
        rm_krige_work *w = rm_krige_work_alloc(k);
        double q[3] = {179850, 331650, 0}, qext = 0.4, est;
        rm_krige_out out = {.est = &est};
        assert_int_equal(rm_krige_point_ext(k, w, q, &qext, RM_SEARCH_NONE, RM_SEARCH_NONE,
                                            &out, 0, &err),
                         RM_OK);
        size_t idx[20], m;
        double lam[20];
        assert_int_equal(rm_krige_weights(k, w, q, &qext, idx, lam, 20, &m, &err), RM_OK);
        assert_int_equal(m, 20);
        double s = 0, sl = 0, sx = 0, se = 0;
        for (size_t i = 0; i < m; i++) {
            double xi[3], zi;
            rm_krige_sample(k, idx[i], xi, &zi, NULL);
            s += lam[i] * zi;
            sl += lam[i];
            sx += lam[i] * (xi[0] - q[0]);
            se += lam[i] * ext[idx[i]];
        }
        assert_near(s, est, 1e-10);
        assert_near(sl, 1.0, 1e-10);
        if (p.trend)
            assert_near(sx, 0.0, 1e-6);
        if (n_ext)
            assert_near(se, qext, 1e-10);
        rm_krige_work_free(w);
        rm_krige_free(k);
    }
    free(xyz), free(val), free(ext), free(d.v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gstat_drift_cases),
        cmocka_unit_test(test_exact_drift),
        cmocka_unit_test(test_drift_errors),
        cmocka_unit_test(test_weights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
