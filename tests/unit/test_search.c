/* test_search.c — kd-tree neighbour search against brute force. */
#include <string.h>

#include "reemud/search.h"
#include "rm_test.h"

/* Brute-force greedy reference: all points sorted by (metric d2, index),
 * then filtered by exclusions, maxdist, octant and hole limits. */
typedef struct cand {
    double d2;
    size_t i;
    int oct;
} cand;

static int cand_cmp(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->d2 != y->d2)
        return x->d2 < y->d2 ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static size_t brute(const double *xyz, size_t n, const double *M, const long *hole,
                    const rm_search_params *p, const double *q, long ex_i, long ex_h,
                    size_t *idx, double *d2)
{
    cand *c = malloc(n * sizeof *c);
    size_t m = 0;
    double qt[3];
    for (int r = 0; r < 3; r++)
        qt[r] = M[3 * r] * q[0] + M[3 * r + 1] * q[1] + M[3 * r + 2] * q[2];
    for (size_t i = 0; i < n; i++) {
        if ((long)i == ex_i || (hole && ex_h != RM_SEARCH_NONE && hole[i] == ex_h))
            continue;
        double t[3], d = 0;
        int oct = 0;
        for (int r = 0; r < 3; r++) {
            t[r] = M[3 * r] * xyz[3 * i] + M[3 * r + 1] * xyz[3 * i + 1] +
                   M[3 * r + 2] * xyz[3 * i + 2];
            d += (t[r] - qt[r]) * (t[r] - qt[r]);
            oct |= (t[r] > qt[r]) << r;
        }
        if (p->maxdist > 0 && d > p->maxdist * p->maxdist)
            continue;
        c[m++] = (cand){d, i, oct};
    }
    qsort(c, m, sizeof *c, cand_cmp);
    size_t want = p->nmax ? p->nmax : n, got = 0;
    int octs[8] = {0};
    for (size_t k = 0; k < m && got < want; k++) {
        if (p->octant_max && octs[c[k].oct] >= p->octant_max)
            continue;
        if (p->hole_max && hole) {
            int same = 0;
            for (size_t a = 0; a < got; a++)
                same += hole[idx[a]] == hole[c[k].i];
            if (same >= p->hole_max)
                continue;
        }
        octs[c[k].oct]++;
        idx[got] = c[k].i;
        d2[got++] = c[k].d2;
    }
    free(c);
    return got;
}

static void compare_many(const double *xyz, size_t n, const double *M, const long *hole,
                         rm_search_params p, int nq, unsigned seed)
{
    rm_search *s;
    rm_error err;
    assert_int_equal(rm_search_alloc(xyz, n, M, hole, &s, &err), RM_OK);
    rm_search_work *w = rm_search_work_alloc(s), *wu = rm_search_work_alloc(s);
    size_t *i1 = malloc(n * sizeof *i1), *i2 = malloc(n * sizeof *i2);
    double *d1 = malloc(n * sizeof *d1), *d2 = malloc(n * sizeof *d2);
    srand(seed);
    double prev[3] = {0, 0, 0};
    for (int t = 0; t < nq; t++) {
        double q[3] = {rand() % 1200 - 100.0, rand() % 1200 - 100.0, (rand() % 60) - 5.0};
        if (t % 2 == 1) { /* a small step from the previous query (coherent path) */
            q[0] = prev[0] + 7.0;
            q[1] = prev[1];
            q[2] = prev[2];
        }
        if (t % 7 == 0) /* exactly on a sample */
            memcpy(q, &xyz[3 * (size_t)(rand() % (int)n)], sizeof q);
        memcpy(prev, q, sizeof prev);
        long ex_i = t % 3 == 0 ? rand() % (int)n : RM_SEARCH_NONE;
        long ex_h = (hole && t % 5 == 0) ? hole[rand() % (int)n] : RM_SEARCH_NONE;
        size_t a = rm_search_query(s, &p, q, ex_i, ex_h, w, i1, d1, n);
        size_t b = brute(xyz, n, M ? M : (double[9]){1, 0, 0, 0, 1, 0, 0, 0, 1}, hole, &p, q,
                         ex_i, ex_h, i2, d2);
        assert_int_equal(a, b);
        for (size_t k = 0; k < a; k++) {
            assert_int_equal(i1[k], i2[k]);
            assert_near(d1[k], d2[k], 1e-9 * (1 + d2[k]));
        }
        /* the unordered query returns the same set */
        rm_search_params pu = p;
        pu.unordered = 1;
        size_t c = rm_search_query(s, &pu, q, ex_i, ex_h, wu, i1, d1, n);
        assert_int_equal(c, b);
        cand *cs = malloc((c ? c : 1) * sizeof *cs);
        for (size_t k = 0; k < c; k++)
            cs[k] = (cand){d1[k], i1[k], 0};
        qsort(cs, c, sizeof *cs, cand_cmp);
        for (size_t k = 0; k < c; k++)
            assert_int_equal(cs[k].i, i2[k]);
        free(cs);
    }
    free(i1), free(i2), free(d1), free(d2);
    rm_search_work_free(w);
    rm_search_work_free(wu);
    rm_search_free(s);
}

/* Random points plus a lattice (exact distance ties) and duplicates. */
static double *make_points(size_t n, long **hole_out)
{
    double *xyz = malloc(3 * n * sizeof *xyz);
    long *hole = malloc(n * sizeof *hole);
    srand(7);
    for (size_t i = 0; i < n; i++) {
        if (i % 4 == 0) { /* lattice: ties */
            xyz[3 * i] = 100.0 * (double)(i % 10);
            xyz[3 * i + 1] = 100.0 * (double)((i / 10) % 10);
            xyz[3 * i + 2] = 10.0 * (double)((i / 100) % 5);
        } else {
            xyz[3 * i] = rand() / (double)RAND_MAX * 1000;
            xyz[3 * i + 1] = rand() / (double)RAND_MAX * 1000;
            xyz[3 * i + 2] = rand() / (double)RAND_MAX * 50;
        }
        hole[i] = (long)(i / 6);
    }
    memcpy(&xyz[3 * 5], &xyz[3 * 9], 3 * sizeof *xyz); /* a duplicate */
    *hole_out = hole;
    return xyz;
}

static void test_knn_isotropic(void **state)
{
    long *hole;
    size_t n = 2000;
    double *xyz = make_points(n, &hole);
    compare_many(xyz, n, NULL, NULL, (rm_search_params){.nmax = 24}, 300, 1);
    compare_many(xyz, n, NULL, NULL, (rm_search_params){.nmax = 1}, 100, 2);
    compare_many(xyz, n, NULL, NULL, (rm_search_params){.nmax = 40, .maxdist = 80}, 200, 3);
    compare_many(xyz, n, NULL, NULL, (rm_search_params){.nmax = 0, .maxdist = 150}, 50, 4);
    compare_many(xyz, 30, NULL, NULL, (rm_search_params){.nmax = 0}, 50, 5);
    free(xyz);
    free(hole);
}

static void test_knn_anisotropic_and_limits(void **state)
{
    long *hole;
    size_t n = 1500;
    double *xyz = make_points(n, &hole);
    /* rotated, stretched metric: 30 deg azimuth, ratios 0.5 and 0.1 */
    double c = cos(M_PI / 6), s = sin(M_PI / 6);
    double M[9] = {s, c, 0, -c / 0.5, s / 0.5, 0, 0, 0, 1 / 0.1};
    compare_many(xyz, n, M, hole, (rm_search_params){.nmax = 24}, 300, 11);
    compare_many(xyz, n, M, hole, (rm_search_params){.nmax = 24, .octant_max = 3}, 300, 12);
    compare_many(xyz, n, M, hole, (rm_search_params){.nmax = 16, .hole_max = 2}, 300, 13);
    compare_many(xyz, n, M, hole,
                 (rm_search_params){.nmax = 20, .hole_max = 1, .octant_max = 4, .maxdist = 400},
                 300, 14);
    free(xyz);
    free(hole);
}

/* Long walks of small steps (the grid case: the coherent path answers
 * from its candidate cache until the walk leaves it): every answer equals
 * brute force, on random points with lattice ties, isotropic and not,
 * including zero steps, reversals, steps onto samples and a maxdist. */
static void test_coherent_walk(void **state)
{
    long *hole;
    size_t n = 2000;
    double *xyz = make_points(n, &hole);
    double c = cos(M_PI / 6), s = sin(M_PI / 6);
    double M[9] = {s, c, 0, -c / 0.5, s / 0.5, 0, 0, 0, 1 / 0.1};
    size_t *i1 = malloc(n * sizeof *i1), *i2 = malloc(n * sizeof *i2);
    double *d1 = malloc(n * sizeof *d1), *d2 = malloc(n * sizeof *d2);
    for (int pass = 0; pass < 3; pass++) {
        rm_search_params p = {.nmax = pass == 2 ? 8 : 24, .unordered = 1,
                              .maxdist = pass == 2 ? 60 : 0};
        const double *Mp = pass == 1 ? M : NULL;
        rm_search *sr;
        rm_error err;
        assert_int_equal(rm_search_alloc(xyz, n, Mp, NULL, &sr, &err), RM_OK);
        rm_search_work *w = rm_search_work_alloc(sr);
        srand(21 + (unsigned)pass);
        double q[3] = {500, 500, 25};
        for (int t = 0; t < 3000; t++) {
            int r = rand() % 10;
            if (r == 0) /* no step */
                ;
            else if (r == 1) /* onto a sample */
                memcpy(q, &xyz[3 * (size_t)(rand() % (int)n)], sizeof q);
            else /* a small step, either way along each axis */
                for (int a = 0; a < 3; a++)
                    q[a] += (rand() % 21 - 10) * (a == 2 ? 0.5 : 2.0);
            size_t a = rm_search_query(sr, &p, q, RM_SEARCH_NONE, RM_SEARCH_NONE, w, i1, d1, n);
            size_t b = brute(xyz, n, Mp ? Mp : (double[9]){1, 0, 0, 0, 1, 0, 0, 0, 1}, NULL,
                             &p, q, RM_SEARCH_NONE, RM_SEARCH_NONE, i2, d2);
            assert_int_equal(a, b);
            cand *cs = malloc((a ? a : 1) * sizeof *cs);
            for (size_t k = 0; k < a; k++)
                cs[k] = (cand){d1[k], i1[k], 0};
            qsort(cs, a, sizeof *cs, cand_cmp);
            for (size_t k = 0; k < a; k++)
                assert_int_equal(cs[k].i, i2[k]);
            free(cs);
        }
        rm_search_work_free(w);
        rm_search_free(sr);
    }
    free(i1), free(i2), free(d1), free(d2);
    free(xyz);
    free(hole);
}

static void test_errors_and_empty(void **state)
{
    rm_search *s;
    rm_error err;
    double bad[3] = {0, NAN, 0};
    assert_int_equal(rm_search_alloc(bad, 1, NULL, NULL, &s, &err), RM_EINVAL);
    assert_null(s);
    assert_int_equal(rm_search_alloc(NULL, 0, NULL, NULL, &s, &err), RM_OK);
    rm_search_work *w = rm_search_work_alloc(s);
    size_t idx[4];
    double d2[4];
    double q[3] = {0, 0, 0};
    assert_int_equal(rm_search_query(s, &(rm_search_params){.nmax = 4}, q, RM_SEARCH_NONE,
                                     RM_SEARCH_NONE, w, idx, d2, 4),
                     0);
    rm_search_work_free(w);
    rm_search_free(s);
    rm_search_free(NULL);
    rm_search_work_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_knn_isotropic),
        cmocka_unit_test(test_knn_anisotropic_and_limits),
        cmocka_unit_test(test_coherent_walk),
        cmocka_unit_test(test_errors_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
