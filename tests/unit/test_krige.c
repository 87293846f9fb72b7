/* test_krige.c — kriging against gstat 2.1 (reference files made by
 * bench/gstat/krige_cases.R), gstat's blockkr numbers (REFERENCES.md §5),
 * and properties that hold for any kriging system. */
#include <string.h>

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
    char *f[10];
    int nf = split_bars(line, f, 10);
    assert_int_equal(nf, 10);
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
        max_de = fmax(max_de, fabs(est[r] - at(&ref, r, 0)));
        max_dv = fmax(max_dv, fabs(var[r] - at(&ref, r, 1)));
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

/* ---- gstat's blockkr test (REFERENCES.md §5), to printed precision ---- */

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gstat_cases),
        cmocka_unit_test(test_meuse_blockkr),
        cmocka_unit_test(test_xval_gstat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
