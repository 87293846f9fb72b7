/* test_simulate.c — resource simulation: tonnage bookkeeping against an
 * independent calculation, data honoured, and bit-identical results for any
 * thread count and any split of realizations (as MPI ranks split them). */
#include <string.h>

#include <unistd.h>

#include <cjson/cJSON.h>

#include "reemud/io_netcdf.h"
#include "reemud/simulate.h"
#include "resource/simulate_internal.h"
#include "rm_test.h"

#define NX 12
#define NY 10
#define NZ 8
#define NDATA 160

typedef struct fixture {
    rm_blockmodel *bm;
    double x[NDATA], y[NDATA], z[NDATA], v[NDATA];
    rm_simulate_data data;
} fixture;

/* Block model: 100 m × 100 m × 1 m blocks, ΣREY 1000 ppm everywhere, each
 * element a fixed share, density 0.5 t/m³; data on a 4 × 5 grid of cores. */
static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    rm_grid g = {.nx = NX, .ny = NY, .nz = NZ, .x0 = 0, .y0 = 0, .z0 = 0,
                 .dx = 100, .dy = 100, .dz = 1};
    f->bm = rm_blockmodel_alloc(&g, 32656);
    size_t nb = rm_grid_nblocks(&g);
    double *srey = rm_blockmodel_add(f->bm, "SREY_ppm", NULL, "ppm");
    double *dens = rm_blockmodel_add(f->bm, "dry_density_t_m3", NULL, "t m-3");
    for (int e = 0; e < RM_NREY; e++) {
        char name[16];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        double *el = rm_blockmodel_add(f->bm, name, NULL, "ppm");
        for (size_t b = 0; b < nb; b++)
            el[b] = 1000.0 / RM_NREY;
    }
    for (size_t b = 0; b < nb; b++) {
        srey[b] = 1000;
        dens[b] = 0.5;
    }
    size_t n = 0;
    for (int hx = 0; hx < 4; hx++)
        for (int hy = 0; hy < 5; hy++)
            for (int k = 0; k < NZ; k++) {
                f->x[n] = 150 + 300 * hx;
                f->y[n] = 50 + 200 * hy;
                f->z[n] = k + 0.5;
                f->v[n] = 500 + 150 * k + 40 * hx + 10 * hy; /* varies with depth */
                n++;
            }
    f->data = (rm_simulate_data){n, f->x, f->y, f->z, f->v, NULL, {NULL}, NULL, 0};
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    rm_blockmodel_free(f->bm);
    free(f);
    return 0;
}

static void params(rm_simulate_params *p)
{
    rm_simulate_params_default(p);
    p->realizations = 6;
    p->seed = 99;
    p->nmax = 12;
    p->multigrid = 1;
    p->top_mbsf = 0;
    p->bottom_mbsf = 5; /* half the column */
    snprintf(p->model, sizeof p->model, "0.05 Nug + 0.95 Sph(600, 600, 3)");
}

static void test_tonnage_bookkeeping(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    rm_simulate_result r;
    assert_int_equal(rm_simulate(f->bm, &f->data, &p, NULL, &r, NULL), RM_OK);
    /* Cut-off 0: every block of the top 5 m counts in every realization. */
    double mud = NX * NY * 5 * 100.0 * 100.0 * 1.0 * 0.5;
    for (size_t i = 0; i < r.realizations; i++)
        assert_rel(r.totals[i * r.n_cutoffs].mud_t, mud, 1e-12);
    assert_rel(r.mud_t[0].p50, mud, 1e-12);
    /* REO = Σ mud × ΣREY × share × factor: compare with the e-type mean. */
    double factor = 0;
    for (int e = 0; e < RM_NREY; e++)
        factor += rm_element(e)->oxide_factor / RM_NREY;
    double etype_mud_srey = 0;
    size_t nb = rm_grid_nblocks(&f->bm->grid);
    for (size_t b = 0; b < nb; b++)
        if (b / (NX * NY) < 5)
            etype_mud_srey += 5000.0 * r.etype_srey_ppm[b];
    assert_rel(r.reo_t[0].mean, etype_mud_srey * 1e-6 * factor, 1e-4);
    /* Data honoured: the block holding datum (150, 50, 0.5) has ΣREY 500 in
     * every realization, so its e-type mean is 500 and variance 0. */
    size_t b0 = rm_grid_index(&f->bm->grid, 1, 0, 0);
    assert_near(r.etype_srey_ppm[b0], 500.0, 1e-3);
    assert_near(r.condvar_srey_ppm2[b0], 0.0, 1e-2);
    /* Blocks below the window are not reported. */
    assert_true(isnan(r.etype_srey_ppm[rm_grid_index(&f->bm->grid, 0, 0, 7)]));
    /* Probabilities are within [0, 1] and monotone in the cut-off. */
    for (size_t col = 0; col < NX * NY; col++)
        for (size_t c = 1; c < r.n_cutoffs; c++)
            assert_true(r.prob_above[c * NX * NY + col] <= r.prob_above[(c - 1) * NX * NY + col]);
    assert_near(r.prob_above[0], 1.0, 0);
    rm_simulate_result_free(&r);
}

static void test_identical_for_threads_and_splits(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    p.threads = 1;
    p.batch = 2; /* 3 batches of the 6 realizations: split over threads and "ranks" */
    rm_simulate_result a, b;
    assert_int_equal(rm_simulate(f->bm, &f->data, &p, NULL, &a, NULL), RM_OK);
    p.threads = 3;
    assert_int_equal(rm_simulate(f->bm, &f->data, &p, NULL, &b, NULL), RM_OK);
    size_t nb = rm_grid_nblocks(&f->bm->grid);
    assert_memory_equal(a.totals, b.totals, p.realizations * p.n_cutoffs * sizeof *a.totals);
    assert_memory_equal(a.etype_srey_ppm, b.etype_srey_ppm, nb * sizeof(double));
    assert_memory_equal(a.reo_t, b.reo_t, sizeof a.reo_t);

    /* Three "ranks" each running every third realization into their own
     * partial sums, then reduced by integer addition. */
    rm_simulation *sim;
    assert_int_equal(rm_simulation_alloc(f->bm, &f->data, &p, NULL, &sim, NULL), RM_OK);
    rm_sim_partial total, part;
    assert_int_equal(rm_sim_partial_init(&total, sim, NULL), RM_OK);
    rm_sim_totals *tot = calloc(p.realizations * p.n_cutoffs, sizeof *tot);
    for (size_t rank = 0; rank < 3; rank++) {
        assert_int_equal(rm_sim_partial_init(&part, sim, NULL), RM_OK);
        assert_int_equal(rm_simulation_run(sim, rank, 3, &part, tot, NULL, NULL, NULL, NULL),
                         RM_OK);
        for (size_t i = 0; i < 3 * nb; i++)
            total.sum_fine[i] += part.sum_fine[i];
        for (size_t i = 0; i < p.n_cutoffs * NX * NY; i++)
            total.count_above[i] += part.count_above[i];
        total.count += part.count;
        rm_sim_partial_free(&part);
    }
    rm_simulate_result c;
    assert_int_equal(rm_simulation_finish(sim, &total, tot, NULL, NULL, &c, NULL), RM_OK);
    assert_memory_equal(a.totals, c.totals, p.realizations * p.n_cutoffs * sizeof *a.totals);
    assert_memory_equal(a.etype_srey_ppm, c.etype_srey_ppm, nb * sizeof(double));
    assert_memory_equal(a.condvar_srey_ppm2, c.condvar_srey_ppm2, nb * sizeof(double));
    assert_memory_equal(a.prob_above, c.prob_above, p.n_cutoffs * NX * NY * sizeof(double));
    rm_sim_partial_free(&total);
    rm_simulation_free(sim);
    rm_simulate_result_free(&a);
    rm_simulate_result_free(&b);
    rm_simulate_result_free(&c);
}

static void test_auto_model_and_errors(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    snprintf(p.model, sizeof p.model, "auto");
    rm_simulation *sim;
    rm_error err;
    assert_int_equal(rm_simulation_alloc(f->bm, &f->data, &p, NULL, &sim, &err), RM_OK);
    const rm_vgm_model *m = rm_simulation_model(sim);
    assert_near(rm_vgm_sill(m), 1.0, 1e-9); /* normal scores */
    rm_simulation_free(sim);
    snprintf(p.model, sizeof p.model, "1 Sph(");
    assert_int_not_equal(rm_simulation_alloc(f->bm, &f->data, &p, NULL, &sim, &err), RM_OK);
    rm_simulate_data few = f->data;
    few.n = 5;
    params(&p);
    assert_int_equal(rm_simulation_alloc(f->bm, &few, &p, NULL, &sim, &err), RM_EINVAL);
}

/* A core exactly on the grid's outer corner (x = x0 + nx dx, y = y0 + ny dy)
 * lies inside the project area: it conditions the last cell rather than
 * being dropped. */
static void test_core_on_outer_edge(void **state)
{
    fixture *f = *state;
    double x[NDATA], y[NDATA];
    memcpy(x, f->x, sizeof x);
    memcpy(y, f->y, sizeof y);
    size_t first = (3 * 5 + 4) * NZ; /* core hx = 3, hy = 4: values 660 + 150 k */
    for (size_t i = first; i < first + NZ; i++) {
        x[i] = NX * 100.0;
        y[i] = NY * 100.0;
    }
    rm_simulate_data d = {NDATA, x, y, f->z, f->v, NULL, {NULL}, NULL, 0};
    rm_simulate_params p;
    params(&p);
    rm_simulate_result r;
    assert_int_equal(rm_simulate(f->bm, &d, &p, NULL, &r, NULL), RM_OK);
    assert_int_equal(r.data_used, NDATA);
    assert_int_equal(r.data_ignored, 0);
    size_t b = rm_grid_index(&f->bm->grid, NX - 1, NY - 1, 0);
    assert_near(r.etype_srey_ppm[b], 660.0, 1e-3);
    assert_near(r.condvar_srey_ppm2[b], 0.0, 1e-2);
    rm_simulate_result_free(&r);
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    buf[fread(buf, 1, (size_t)n, fp)] = 0;
    fclose(fp);
    return buf;
}

/* The spatial bootstrap at its two limits, against the variance of a mean
 * computed by hand: uncorrelated sites (range far below their spacing) give
 * the ordinary bootstrap, Var(mean*) = σ²/n with σ² the population variance
 * of the values; fully correlated sites (range far above) resample one
 * value n times, Var(mean*) = σ². */
static void test_spatial_bootstrap_limits(void **state)
{
    (void)state;
    enum { N = 12, DRAWS = 20000 };
    double x[N], y[N], v[N], m = 0, var = 0;
    for (int i = 0; i < N; i++) {
        x[i] = 1000.0 * (i % 4);
        y[i] = 1000.0 * (i / 4);
        v[i] = 100.0 + 20.0 * i * i; /* skewed */
        m += v[i] / N;
    }
    for (int i = 0; i < N; i++)
        var += (v[i] - m) * (v[i] - m) / N;
    const char *models[2] = {"1 Sph(10)", "1 Sph(1e9)"};
    const double expect[2] = {var / N / (m * m), var / (m * m)};
    for (int c = 0; c < 2; c++) {
        rm_vgm_model model;
        assert_int_equal(rm_vgm_parse(models[c], &model, NULL), RM_OK);
        rm_spatial_bootstrap b;
        assert_int_equal(rm_spatial_bootstrap_init(&b, x, y, v, NULL, N, NULL, NULL, 0, &model, 1, 0.0, NULL), RM_OK);
        assert_near(b.mean, m, 1e-9 * m);
        gsl_rng *rng = rm_rng_stream(5, (uint64_t)c);
        double work[N + 1], s1 = 0, s2 = 0;
        for (int d = 0; d < DRAWS; d++) {
            double f = rm_spatial_bootstrap_ratio(&b, rng, work);
            s1 += f;
            s2 += f * f;
        }
        double mean_f = s1 / DRAWS, var_f = s2 / DRAWS - mean_f * mean_f;
        assert_near(mean_f, 1.0, 4 * sqrt(expect[c] / DRAWS));
        assert_rel(var_f, expect[c], 0.06);
        gsl_rng_free(rng);
        rm_spatial_bootstrap_free(&b);
    }
}

/* The bootstrap against domain points: when every point is correlated with
 * every other (range far above the extent), the cores and the domain
 * resample the same value, so the ratio of the domain's mean to the cores'
 * is 1; with independent points it scatters around 1. */
static void test_spatial_bootstrap_domain(void **state)
{
    (void)state;
    enum { N = 12, M = 30, DRAWS = 2000 };
    double x[N], y[N], v[N], dx[M], dy[M];
    for (int i = 0; i < N; i++) {
        x[i] = 1000.0 * (i % 4);
        y[i] = 1000.0 * (i / 4);
        v[i] = 100.0 + 20.0 * i * i;
    }
    for (int i = 0; i < M; i++) {
        dx[i] = 500.0 + 300.0 * (i % 6);
        dy[i] = 700.0 + 300.0 * (i / 6);
    }
    const char *models[2] = {"1 Sph(1e9)", "1 Sph(10)"};
    for (int c = 0; c < 2; c++) {
        rm_vgm_model model;
        assert_int_equal(rm_vgm_parse(models[c], &model, NULL), RM_OK);
        rm_spatial_bootstrap b;
        assert_int_equal(rm_spatial_bootstrap_init(&b, x, y, v, NULL, N, dx, dy, M, &model, 1, 0.0, NULL),
                         RM_OK);
        gsl_rng *rng = rm_rng_stream(9, (uint64_t)c);
        double work[N + M], dev = 0;
        for (int d = 0; d < DRAWS; d++)
            dev += fabs(rm_spatial_bootstrap_ratio(&b, rng, work) - 1.0) / DRAWS;
        if (c == 0)
            assert_true(dev < 1e-3);
        else
            assert_true(dev > 0.05);
        gsl_rng_free(rng);
        rm_spatial_bootstrap_free(&b);
    }
}

/* Spherical covariance with unit sill and range a, written out here. */
static double sph_cov(double h, double a)
{
    double r = h / a;
    return r >= 1.0 ? 0.0 : 1.0 - 1.5 * r + 0.5 * r * r * r;
}

/* The sites' correlation is that of their vertical means: against a
 * double sum over every pair of segment points, for two sites 4 m apart
 * with segments of 3 points 2 m apart under 1 Sph(10) — and, at the limit
 * of a nugget of half the sill and a structure longer than the extent,
 * segments of 400 points make the 12 cores' means nearly one value
 * (Var(mean*) → σ², as with full correlation) where points (one per core,
 * correlation 0.5) keep them apart (Var(mean*) well below σ²). */
static void test_spatial_bootstrap_segments(void **state)
{
    (void)state;
    rm_vgm_model model;
    assert_int_equal(rm_vgm_parse("1 Sph(10)", &model, NULL), RM_OK);
    double x2[2] = {0, 4}, y2[2] = {0, 0}, v2[2] = {1, 2};
    double c_h = 0, c_0 = 0;
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            double dz = 2.0 * (a - b);
            c_h += sph_cov(sqrt(16.0 + dz * dz), 10.0) / 9.0;
            c_0 += sph_cov(fabs(dz), 10.0) / 9.0;
        }
    rm_spatial_bootstrap b2;
    assert_int_equal(rm_spatial_bootstrap_init(&b2, x2, y2, v2, NULL, 2, NULL, NULL, 0, &model, 3,
                                               2.0, NULL),
                     RM_OK);
    /* L[1][0] = R[1][0] / L[0][0], L[0][0] = √(1 + 1e-9). */
    assert_near(b2.chol[2], c_h / c_0, 1e-8);
    assert_true(c_h / c_0 > sph_cov(4.0, 10.0)); /* above the point correlation */
    rm_spatial_bootstrap_free(&b2);

    enum { N = 12, DRAWS = 20000 };
    double x[N], y[N], v[N], m = 0, var = 0;
    for (int i = 0; i < N; i++) {
        x[i] = 1000.0 * (i % 4);
        y[i] = 1000.0 * (i / 4);
        v[i] = 100.0 + 20.0 * i * i;
        m += v[i] / N;
    }
    for (int i = 0; i < N; i++)
        var += (v[i] - m) * (v[i] - m) / N;
    assert_int_equal(rm_vgm_parse("0.5 Nug(0) + 0.5 Sph(1e9)", &model, NULL), RM_OK);
    const size_t nseg[2] = {400, 1};
    double var_f[2];
    for (int c = 0; c < 2; c++) {
        rm_spatial_bootstrap b;
        assert_int_equal(rm_spatial_bootstrap_init(&b, x, y, v, NULL, N, NULL, NULL, 0, &model,
                                                   nseg[c], 0.025, NULL),
                         RM_OK);
        gsl_rng *rng = rm_rng_stream(11, (uint64_t)c);
        double work[N], s1 = 0, s2 = 0;
        for (int d = 0; d < DRAWS; d++) {
            double f = rm_spatial_bootstrap_ratio(&b, rng, work);
            s1 += f;
            s2 += f * f;
        }
        var_f[c] = s2 / DRAWS - (s1 / DRAWS) * (s1 / DRAWS);
        gsl_rng_free(rng);
        rm_spatial_bootstrap_free(&b);
    }
    assert_rel(var_f[0], var / (m * m), 0.06);
    assert_true(var_f[1] < 0.75 * var / (m * m));
}

/* Parameter uncertainty widens P10–P90 of the total and keeps the data:
 * the same run with parameter_uncertainty none, bayes, bootstrap and domain. */
static void test_parameter_uncertainty(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    p.realizations = 30;
    rm_simulate_result r[4];
    for (int m = 0; m < 4; m++) {
        p.parameter_uncertainty = m;
        assert_int_equal(rm_simulate(f->bm, &f->data, &p, NULL, &r[m], NULL), RM_OK);
        /* A datum's block keeps the datum (core 0 at x 150, y 50, depth
         * 0.5 m: 500 ppm), so its e-type is the datum. */
        assert_near(r[m].etype_srey_ppm[rm_grid_index(&f->bm->grid, 1, 0, 0)], 500.0, 1e-3);
        assert_int_equal(r[m].parameter_uncertainty, m);
    }
    double w0 = r[RM_SIM_PARAM_NONE].reo_t[0].p90 - r[RM_SIM_PARAM_NONE].reo_t[0].p10;
    double w2 = r[RM_SIM_PARAM_BOOTSTRAP].reo_t[0].p90 - r[RM_SIM_PARAM_BOOTSTRAP].reo_t[0].p10;
    if (!(w2 > w0))
        fail_msg("P10-P90 with the bootstrap %.6g, without %.6g", w2, w0);
    /* bootstrap_sk moves a block by the ratio × its sensitivity to the
     * mean, 1 − Σλ_SK: where the cores leave blocks beyond the range (a
     * range of 100 m between cores 200–300 m apart) P10–P90 widens; where
     * they cover the grid (600 m) it stays close to the run without. */
    rm_simulate_result sr[3];
    rm_simulate_params ps = p;
    ps.parameter_uncertainty = RM_SIM_PARAM_BOOTSTRAP_SK;
    assert_int_equal(rm_simulate(f->bm, &f->data, &ps, NULL, &sr[2], NULL), RM_OK);
    assert_near(sr[2].etype_srey_ppm[rm_grid_index(&f->bm->grid, 1, 0, 0)], 500.0, 1e-3);
    snprintf(ps.model, sizeof ps.model, "0.05 Nug + 0.95 Sph(100, 100, 3)");
    for (int k = 0; k < 2; k++) {
        ps.parameter_uncertainty = k ? RM_SIM_PARAM_BOOTSTRAP_SK : RM_SIM_PARAM_NONE;
        assert_int_equal(rm_simulate(f->bm, &f->data, &ps, NULL, &sr[k], NULL), RM_OK);
    }
    double s0 = sr[0].reo_t[0].p90 - sr[0].reo_t[0].p10;
    double s2 = sr[1].reo_t[0].p90 - sr[1].reo_t[0].p10;
    double w4 = sr[2].reo_t[0].p90 - sr[2].reo_t[0].p10;
    printf("P10-P90, bootstrap_sk: 100 m range %.4g -> %.4g; 600 m %.4g -> %.4g "
           "(bootstrap %.4g)\n", s0, s2, w0, w4, w2);
    if (!(s2 > 1.2 * s0))
        fail_msg("short range: P10-P90 with bootstrap_sk %.6g, without %.6g", s2, s0);
    assert_true(w4 > 0.8 * w0 && w4 < 1.5 * w0);
    for (int k = 0; k < 3; k++)
        rm_simulate_result_free(&sr[k]);
    assert_int_equal(r[RM_SIM_PARAM_BOOTSTRAP].bootstrap_cores, 20);
    /* Bayes: the range candidates' weights are a distribution. */
    double wsum = 0;
    for (size_t k = 0; k < r[RM_SIM_PARAM_BAYES].n_range_candidates; k++)
        wsum += r[RM_SIM_PARAM_BAYES].range_weight[k];
    assert_near(wsum, 1.0, 1e-12);
    double w3 = r[RM_SIM_PARAM_DOMAIN].reo_t[0].p90 - r[RM_SIM_PARAM_DOMAIN].reo_t[0].p10;
    assert_true(w3 > 0);
    for (int m = 0; m < 4; m++)
        rm_simulate_result_free(&r[m]);
}

static void test_write_outputs(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    p.write_realizations = 1;
    rm_simulate_result r;
    assert_int_equal(rm_simulate(f->bm, &f->data, &p, NULL, &r, NULL), RM_OK);
    const char *dir = rm_test_dir("simulate_write");
    rm_error err;
    if (rm_simulate_write(f->bm, &r, &p, dir, &err))
        fail_msg("%s", err.message);
    char path[4096];
    snprintf(path, sizeof path, "%s/simulation_summary.json", dir);
    char *first = slurp(path);
    assert_non_null(first);
    cJSON *root = cJSON_Parse(first);
    assert_non_null(root);
    cJSON *reo = cJSON_GetObjectItem(root, "total_reo_t");
    assert_near(cJSON_GetObjectItem(reo, "p50")->valuedouble, r.reo_t[0].p50, 1e-6 * r.reo_t[0].p50);
    assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "oxide_t"), "Dy2O3"));
    cJSON_Delete(root);
    /* Same inputs and seed, a second simulation run afresh (with 3 threads
     * instead of the default) and written to another folder: the summary
     * is byte-identical. */
    {
        rm_simulate_params p2;
        params(&p2);
        p2.write_realizations = 1;
        p2.threads = 3;
        rm_simulate_result r2;
        assert_int_equal(rm_simulate(f->bm, &f->data, &p2, NULL, &r2, NULL), RM_OK);
        const char *dir2 = rm_test_dir("simulate_write_again");
        char path2[4096];
        snprintf(path2, sizeof path2, "%s/simulation_summary.json", dir2);
        assert_int_equal(rm_simulate_write(f->bm, &r2, &p2, dir2, &err), RM_OK);
        char *second = slurp(path2);
        assert_non_null(second);
        assert_string_equal(first, second);
        free(second);
        rm_simulate_result_free(&r2);
    }
    free(first);
    snprintf(path, sizeof path, "%s/simulation.nc", dir);
    rm_blockmodel *back;
    assert_int_equal(rm_io_read_blockmodel_nc(path, &back, &err), RM_OK);
    const double *m = rm_blockmodel_get(back, "SREY_etype_ppm");
    assert_non_null(m);
    size_t b0 = rm_grid_index(&f->bm->grid, 3, 4, 2);
    assert_rel(m[b0], r.etype_srey_ppm[b0], 1e-6);
    rm_blockmodel_free(back);
    snprintf(path, sizeof path, "%s/prob_above_1000ppm.tif", dir);
    assert_int_equal(access(path, F_OK), 0);
    rm_simulate_result_free(&r);
}

/* Each parameter-uncertainty mode's name reads back as that mode from
 * [simulate] parameter_uncertainty (docs/simulation.md spells them). */
static void test_param_names_read_back(void **state)
{
    (void)state;
    static const char *const spelled[] = {"none", "bayes", "bootstrap", "domain",
                                          "bootstrap_sk"};
    for (int m = RM_SIM_PARAM_NONE; m <= RM_SIM_PARAM_BOOTSTRAP_SK; m++) {
        assert_string_equal(rm_simulate_param_name(m), spelled[m]);
        char text[96];
        snprintf(text, sizeof text, "[simulate]\nparameter_uncertainty = %s\n",
                 rm_simulate_param_name(m));
        rm_ini *ini;
        assert_int_equal(rm_ini_load_string(text, "p.ini", &ini, NULL), RM_OK);
        rm_simulate_params p;
        rm_simulate_params_default(&p);
        p.parameter_uncertainty = m == RM_SIM_PARAM_NONE ? RM_SIM_PARAM_BAYES : RM_SIM_PARAM_NONE;
        assert_int_equal(rm_simulate_params_read(ini, &p, NULL), RM_OK);
        assert_int_equal(p.parameter_uncertainty, m);
        rm_ini_free(ini);
    }
    assert_string_equal(rm_simulate_param_name(RM_SIM_PARAM_BOOTSTRAP_SK + 1), "none");
    assert_string_equal(rm_simulate_param_name(-1), "none");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tonnage_bookkeeping),
        cmocka_unit_test(test_identical_for_threads_and_splits),
        cmocka_unit_test(test_auto_model_and_errors),
        cmocka_unit_test(test_core_on_outer_edge),
        cmocka_unit_test(test_spatial_bootstrap_limits),
        cmocka_unit_test(test_spatial_bootstrap_segments),
        cmocka_unit_test(test_spatial_bootstrap_domain),
        cmocka_unit_test(test_parameter_uncertainty),
        cmocka_unit_test(test_write_outputs),
        cmocka_unit_test(test_param_names_read_back),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
