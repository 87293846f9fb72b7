/* test_variogram_exp.c — experimental variograms against gstat's variogram()
 * on meuse (tests/data/gstat/vario_meuse_*.csv, bench/gstat/vario_meuse.R),
 * directional and downhole variograms against brute-force sums, thread
 * determinism and error paths. */
#include <string.h>

#include "reemud/table.h"
#include "reemud/variogram.h"
#include "rm_test.h"

typedef struct meuse {
    rm_table *t;
    const double *x, *y;
    double logzinc[155];
    const double *zinc;
} meuse;

static void meuse_load(meuse *m)
{
    rm_error err;
    assert_int_equal(rm_table_read_csv(rm_test_source("tests/data/meuse.csv"), &m->t, &err),
                     RM_OK);
    assert_int_equal(rm_table_numeric(m->t, "x", 0, &m->x, &err), RM_OK);
    assert_int_equal(rm_table_numeric(m->t, "y", 0, &m->y, &err), RM_OK);
    assert_int_equal(rm_table_numeric(m->t, "zinc", 0, &m->zinc, &err), RM_OK);
    assert_int_equal(m->t->n_rows, 155);
    for (size_t i = 0; i < 155; i++)
        m->logzinc[i] = log(m->zinc[i]);
}

/* Read a gstat reference: np, dist, gamma[, dir.hor]. */
static size_t read_ref(const char *rel, double np[], double dist[], double gamma[],
                       double dir[], size_t max)
{
    rm_table *t;
    rm_error err;
    if (rm_table_read_csv(rm_test_source(rel), &t, &err) != RM_OK)
        fail_msg("%s", err.message);
    const double *a, *b, *c, *d = NULL;
    assert_int_equal(rm_table_numeric(t, "np", 0, &a, &err), RM_OK);
    assert_int_equal(rm_table_numeric(t, "dist", 0, &b, &err), RM_OK);
    assert_int_equal(rm_table_numeric(t, "gamma", 0, &c, &err), RM_OK);
    if (dir)
        assert_int_equal(rm_table_numeric(t, "dir.hor", 0, &d, &err), RM_OK);
    size_t n = t->n_rows;
    assert_true(n <= max);
    for (size_t i = 0; i < n; i++) {
        np[i] = a[i];
        dist[i] = b[i];
        gamma[i] = c[i];
        if (dir)
            dir[i] = d[i];
    }
    rm_table_free(t);
    return n;
}

/* Compare non-empty bins of v, in order, with reference rows. */
static void compare(const rm_vario *v, const double np[], const double dist[],
                    const double gamma[], size_t n_ref)
{
    size_t r = 0;
    for (size_t k = 0; k < v->n_bins; k++) {
        if (v->np[k] == 0)
            continue;
        assert_true(r < n_ref);
        assert_near(v->np[k], np[r], 0);
        assert_rel(v->dist[k], dist[r], 1e-12);
        assert_rel(v->gamma[k], gamma[r], 1e-12);
        r++;
    }
    assert_int_equal(r, n_ref);
}

static void test_meuse_omni(void **state)
{
    meuse m;
    meuse_load(&m);
    rm_vario_params p;
    rm_vario_params_default(&p);
    rm_vario *v;
    rm_error err;
    assert_int_equal(rm_vario_compute(m.x, m.y, NULL, m.logzinc, NULL, 155, &p, &v, &err),
                     RM_OK);
    /* docs/references.md §5: cutoff 1596.62, 15 bins. */
    assert_near(v->cutoff, 1596.62, 0.005);
    assert_int_equal(v->n_bins, 15);
    double np[20], dist[20], gamma[20];
    size_t n = read_ref("tests/data/gstat/vario_meuse_omni.csv", np, dist, gamma, NULL, 20);
    assert_int_equal(n, 15);
    compare(v, np, dist, gamma, n);
    /* The printed values of docs/references.md. */
    assert_near(v->np[0], 57, 0);
    assert_near(v->dist[0], 79.29244, 5e-6);
    assert_near(v->gamma[0], 0.1234479, 5e-8);
    assert_near(v->np[14], 415, 0);
    assert_near(v->dist[14], 1543.20248, 5e-6);
    assert_near(v->gamma[14], 0.5748227, 5e-8);
    rm_vario_free(v);
    rm_table_free(m.t);
}

static void test_meuse_cutoff_width(void **state)
{
    meuse m;
    meuse_load(&m);
    rm_vario_params p;
    rm_vario_params_default(&p);
    p.cutoff = 1000;
    p.width = 90; /* 11.1 bins: the last is cut at 1000 */
    rm_vario *v;
    rm_error err;
    assert_int_equal(rm_vario_compute(m.x, m.y, NULL, m.zinc, NULL, 155, &p, &v, &err), RM_OK);
    assert_int_equal(v->n_bins, 12);
    double np[20], dist[20], gamma[20];
    size_t n = read_ref("tests/data/gstat/vario_meuse_cut.csv", np, dist, gamma, NULL, 20);
    compare(v, np, dist, gamma, n);
    rm_vario_free(v);
    rm_table_free(m.t);
}

static void test_meuse_directional(void **state)
{
    meuse m;
    meuse_load(&m);
    double np[80], dist[80], gamma[80], dir[80];
    size_t n = read_ref("tests/data/gstat/vario_meuse_dir.csv", np, dist, gamma, dir, 80);
    double az[4] = {0, 45, 90, 135};
    size_t r0 = 0;
    for (int d = 0; d < 4; d++) {
        size_t r1 = r0;
        while (r1 < n && dir[r1] == az[d])
            r1++;
        assert_true(r1 > r0 + 10);
        rm_vario_params p;
        rm_vario_params_default(&p);
        p.kind = RM_VARIO_DIRECTIONAL;
        p.azimuth_deg = az[d];
        p.tol_deg = 22.5;
        rm_vario *v;
        rm_error err;
        assert_int_equal(
            rm_vario_compute(m.x, m.y, NULL, m.logzinc, NULL, 155, &p, &v, &err), RM_OK);
        compare(v, np + r0, dist + r0, gamma + r0, r1 - r0);
        rm_vario_free(v);
        r0 = r1;
    }
    assert_int_equal(r0, n);
    rm_table_free(m.t);
}

/* Synthetic 3-D points: a brute-force directional sum with bandwidth,
 * written independently of the library (angles via acos). */
static void test_directional_3d_bandwidth(void **state)
{
    enum { N = 300 };
    double x[N], y[N], z[N], v[N];
    unsigned s = 12345;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        x[i] = (s >> 8) % 1000;
        s = s * 1103515245u + 12345u;
        y[i] = (s >> 8) % 1000;
        s = s * 1103515245u + 12345u;
        z[i] = (s >> 8) % 100;
        s = s * 1103515245u + 12345u;
        v[i] = sin(x[i] / 100) + cos(y[i] / 70) + z[i] / 50 + ((s >> 8) % 100) / 100.0;
    }
    rm_vario_params p;
    rm_vario_params_default(&p);
    p.kind = RM_VARIO_DIRECTIONAL;
    p.azimuth_deg = 60;
    p.dip_deg = 20;
    p.tol_deg = 30;
    p.bandwidth = 80;
    p.cutoff = 500;
    p.width = 50;
    rm_vario *vg;
    rm_error err;
    assert_int_equal(rm_vario_compute(x, y, z, v, NULL, N, &p, &vg, &err), RM_OK);
    double np[10] = {0}, sh[10] = {0}, sg[10] = {0};
    double ux = sin(60 * M_PI / 180) * cos(20 * M_PI / 180);
    double uy = cos(60 * M_PI / 180) * cos(20 * M_PI / 180);
    double uz = sin(20 * M_PI / 180);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < i; j++) {
            double dx = x[i] - x[j], dy = y[i] - y[j], dz = z[i] - z[j];
            double h = sqrt(dx * dx + dy * dy + dz * dz);
            if (h == 0 || h > 500)
                continue;
            double c = (dx * ux + dy * uy + dz * uz) / h;
            double angle = acos(fabs(c)) * 180 / M_PI;
            double perp = h * sin(acos(fabs(c)));
            if (angle > 30 || perp > 80)
                continue;
            int k = (int)ceil(h / 50) - 1;
            np[k]++;
            sh[k] += h;
            sg[k] += (v[i] - v[j]) * (v[i] - v[j]);
        }
    assert_int_equal(vg->n_bins, 10);
    double total = 0;
    for (int k = 0; k < 10; k++) {
        assert_near(vg->np[k], np[k], 0);
        total += np[k];
        if (np[k] > 0) {
            assert_rel(vg->dist[k], sh[k] / np[k], 1e-12);
            assert_rel(vg->gamma[k], sg[k] / (2 * np[k]), 1e-12);
        }
    }
    assert_true(total > 500);
    rm_vario_free(vg);
}

static void test_downhole(void **state)
{
    /* Three holes at the same (x, y) would pair across holes in an omni
     * variogram; downhole keeps pairs within a hole and lags along z. */
    enum { N = 60 };
    double x[N], y[N], z[N], v[N];
    long hole[N];
    for (int i = 0; i < N; i++) {
        hole[i] = (i * 7) % 3; /* interleaved holes */
        x[i] = 100.0 * hole[i];
        y[i] = 0;
        z[i] = -0.5 * (i / 3) - 0.25;
        v[i] = hole[i] * 10.0 + sin(0.3 * i) + 0.01 * i * i;
    }
    rm_vario_params p;
    rm_vario_params_default(&p);
    p.kind = RM_VARIO_DOWNHOLE;
    p.width = 0.8;
    rm_vario *vg;
    rm_error err;
    assert_int_equal(rm_vario_compute(x, y, z, v, hole, N, &p, &vg, &err), RM_OK);
    /* Default cutoff: depth extent / 3. */
    assert_near(vg->cutoff, 9.5 / 3, 1e-12);
    double np[4] = {0}, sh[4] = {0}, sg[4] = {0};
    for (int i = 0; i < N; i++)
        for (int j = i + 1; j < N; j++) {
            if (hole[i] != hole[j])
                continue;
            double h = fabs(z[i] - z[j]);
            if (h > 9.5 / 3)
                continue;
            int k = (int)ceil(h / 0.8) - 1;
            np[k]++;
            sh[k] += h;
            sg[k] += (v[i] - v[j]) * (v[i] - v[j]);
        }
    assert_int_equal(vg->n_bins, 4);
    for (int k = 0; k < 4; k++) {
        assert_near(vg->np[k], np[k], 0);
        assert_rel(vg->dist[k], sh[k] / np[k], 1e-12);
        assert_rel(vg->gamma[k], sg[k] / (2 * np[k]), 1e-12);
    }
    p.kind = RM_VARIO_DOWNHOLE;
    rm_vario *bad;
    assert_int_equal(rm_vario_compute(x, y, z, v, NULL, N, &p, &bad, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "hole ids"));
    rm_vario_free(vg);
}

static void test_threads_bit_identical(void **state)
{
    enum { N = 2000 };
    double *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y), *v = malloc(N * sizeof *v);
    for (int i = 0; i < N; i++) {
        x[i] = fmod(i * 0.618033988749895, 1.0) * 1000;
        y[i] = fmod(i * 0.754877666246693, 1.0) * 1000;
        v[i] = sin(x[i] / 50) * cos(y[i] / 80) + 1e-3 * i;
    }
    rm_vario_params p;
    rm_vario_params_default(&p);
    rm_vario *a, *b;
    rm_error err;
    p.threads = 1;
    assert_int_equal(rm_vario_compute(x, y, NULL, v, NULL, N, &p, &a, &err), RM_OK);
    p.threads = 3;
    assert_int_equal(rm_vario_compute(x, y, NULL, v, NULL, N, &p, &b, &err), RM_OK);
    assert_int_equal(a->n_bins, b->n_bins);
    assert_memory_equal(a->np, b->np, a->n_bins * sizeof(double));
    assert_memory_equal(a->dist, b->dist, a->n_bins * sizeof(double));
    assert_memory_equal(a->gamma, b->gamma, a->n_bins * sizeof(double));
    double pairs = 0;
    for (size_t k = 0; k < a->n_bins; k++)
        pairs += a->np[k];
    assert_true(pairs > 0.3 * N * (N - 1) / 2);
    rm_vario_free(a);
    rm_vario_free(b);
    free(x);
    free(y);
    free(v);
}

static void test_errors_and_edges(void **state)
{
    double x[3] = {0, 1, 2}, y[3] = {0, 0, 0}, v[3] = {1, 2, NAN};
    rm_vario_params p;
    rm_vario_params_default(&p);
    rm_vario *vg;
    rm_error err;
    assert_int_equal(rm_vario_compute(x, y, NULL, v, NULL, 1, &p, &vg, &err), RM_EINVAL);
    assert_int_equal(rm_vario_compute(x, y, NULL, v, NULL, 3, &p, &vg, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "datum 3"));
    double same[3] = {5, 5, 5};
    assert_int_equal(rm_vario_compute(same, same, NULL, x, NULL, 3, &p, &vg, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "no spatial extent"));
    p.kind = RM_VARIO_DIRECTIONAL;
    p.tol_deg = 0;
    assert_int_equal(rm_vario_compute(x, y, NULL, x, NULL, 3, &p, &vg, &err), RM_EINVAL);
    assert_non_null(strstr(err.message, "tolerance"));
    /* Coincident points go to the first bin (h = 0), gamma from their values. */
    double cx[3] = {0, 0, 3}, cv[3] = {1, 3, 1};
    rm_vario_params_default(&p);
    p.cutoff = 3;
    p.width = 1;
    assert_int_equal(rm_vario_compute(cx, y, NULL, cv, NULL, 3, &p, &vg, &err), RM_OK);
    assert_near(vg->np[0], 1, 0);
    assert_near(vg->dist[0], 0, 0);
    assert_near(vg->gamma[0], 2, 0);
    /* h = 3 exactly is inside the cutoff and in the last (right-closed) bin. */
    assert_near(vg->np[2], 2, 0);
    assert_near(vg->gamma[2], 1, 0);
    assert_near(vg->np[1], 0, 0);
    assert_true(isnan(vg->gamma[1]));
    rm_vario_free(vg);
    rm_vario_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meuse_omni),
        cmocka_unit_test(test_meuse_cutoff_width),
        cmocka_unit_test(test_meuse_directional),
        cmocka_unit_test(test_directional_3d_bandwidth),
        cmocka_unit_test(test_downhole),
        cmocka_unit_test(test_threads_bit_identical),
        cmocka_unit_test(test_errors_and_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
