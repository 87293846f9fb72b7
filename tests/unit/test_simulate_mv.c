/* test_simulate_mv.c — multivariate simulation (min/max autocorrelation
 * factors) against a synthetic truth whose correlations and variograms are
 * known by construction:
 *
 *   ln El = ln base_El + 0.35 (a_El G₁ + b_El G₂ + c_El G_El),  a² + b² + c² = 1,
 *   density = 0.55 + 0.04 (−0.5 G₁ + 0.866 G_d),
 *
 * G₁, G₂, G_El, G_d independent standard Gaussian fields with one
 * spherical covariance (rm_grf, spectral method).  Each element's normal
 * score is then a standard Gaussian field with that same spherical
 * variogram, whatever the loadings; the light REY load on G₁, the heavy
 * ones on G₁ and G₂, so the correlations differ between and within groups.
 * Checks: simulated correlations within ±0.15 of the composites' (factor
 * variograms fitted automatically); each element's normal-score variogram
 * in the realizations, along x and y and averaged over 8 realizations,
 * within ±0.15 (15 % of the unit sill) of the truth's spherical model up to
 * its range, given that model; bit-identical
 * results for 1 and 3 threads and for runs split over "ranks"; the old
 * ΣREY path unchanged by the switch. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "reemud/grf.h"
#include "reemud/simulate.h"
#include "resource/simulate_internal.h"
#include "rm_test.h"

#define NX 30
#define NY 30
#define NZ 6
#define STEP 3 /* a core every STEP columns */
#define NCORE ((NX / STEP) * (NY / STEP))
#define NDATA (NCORE * NZ)
#define RANGE_M 1000.0
#define VRANGE_M 4.0

typedef struct fixture {
    rm_blockmodel *bm;
    double x[NDATA], y[NDATA], z[NDATA], srey[NDATA], dens[NDATA];
    double el[RM_NREY][NDATA];
    rm_simulate_data data;
} fixture;

/* Field value at the data point: the grid's field at the block. */
static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    rm_grid g = {.nx = NX, .ny = NY, .nz = NZ, .x0 = 0, .y0 = 0, .z0 = 0,
                 .dx = 100, .dy = 100, .dz = 1};
    size_t nb = rm_grid_nblocks(&g);
    rm_grf_model gm = {rm_grf_sph, 1.0, {RANGE_M, RANGE_M, VRANGE_M}};
    /* Fields: G1, G2, one per element, one for density. */
    enum { NF = 2 + RM_NREY + 1 };
    double *field = malloc(NF * nb * sizeof *field);
    for (int k = 0; k < NF; k++) {
        rm_grf *grf;
        assert_int_equal(rm_grf_alloc(&gm, 600, 2024, (uint64_t)k, &grf, NULL), RM_OK);
        assert_int_equal(rm_grf_fill_grid(grf, &g, field + (size_t)k * nb, NULL), RM_OK);
        rm_grf_free(grf);
    }
    static const double base[RM_NREY] = {260, 120, 60, 240, 50, 12, 60, 10, 60, 13,
                                         38, 5.5, 34, 5.4, 330};
    f->bm = rm_blockmodel_alloc(&g, 32656);
    double *bsrey = rm_blockmodel_add(f->bm, "SREY_ppm", NULL, "ppm");
    double *bdens = rm_blockmodel_add(f->bm, "dry_density_t_m3", NULL, "t m-3");
    double *bel[RM_NREY];
    for (int e = 0; e < RM_NREY; e++) {
        char name[16];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        bel[e] = rm_blockmodel_add(f->bm, name, NULL, "ppm");
    }
    double stot = 0;
    for (int e = 0; e < RM_NREY; e++)
        stot += base[e];
    for (size_t b = 0; b < nb; b++) { /* a flat kriged model: only the window matters */
        bsrey[b] = stot;
        bdens[b] = 0.55;
        for (int e = 0; e < RM_NREY; e++)
            bel[e][b] = base[e];
    }
    size_t n = 0;
    for (size_t j = STEP / 2; j < NY; j += STEP)
        for (size_t i = STEP / 2; i < NX; i += STEP)
            for (size_t k = 0; k < NZ; k++) {
                size_t b = rm_grid_index(&g, i, j, k);
                double g1 = field[b], g2 = field[nb + b];
                f->x[n] = rm_grid_xc(&g, i);
                f->y[n] = rm_grid_yc(&g, j);
                f->z[n] = k + 0.5;
                f->srey[n] = 0;
                for (int e = 0; e < RM_NREY; e++) {
                    int heavy = rm_element(e)->heavy;
                    double a = heavy ? 0.55 : 0.9, bb = heavy ? 0.75 : 0.0;
                    double c = sqrt(1 - a * a - bb * bb);
                    double ge = field[(size_t)(2 + e) * nb + b];
                    f->el[e][n] = base[e] * exp(0.35 * (a * g1 + bb * g2 + c * ge));
                    f->srey[n] += f->el[e][n];
                }
                f->dens[n] = 0.55 + 0.04 * (-0.5 * g1 + 0.866 * field[(size_t)(NF - 1) * nb + b]);
                n++;
            }
    free(field);
    f->data = (rm_simulate_data){n, f->x, f->y, f->z, f->srey, NULL, {NULL}, f->dens, 0};
    for (int e = 0; e < RM_NREY; e++)
        f->data.element_ppm[e] = f->el[e];
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
    p->realizations = 8;
    p->seed = 11;
    p->nmax = 16;
    p->multigrid = 2;
    p->top_mbsf = 0;
    p->bottom_mbsf = NZ;
    p->batch = 4;
    p->parameter_uncertainty = RM_SIM_PARAM_NONE;
}

static void test_correlations_reproduced(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    rm_simulate_result r;
    assert_int_equal(rm_simulate(f->bm, &f->data, &p, NULL, &r, NULL), RM_OK);
    assert_int_equal(r.multivariate, 1);
    assert_int_equal(r.n_vars, RM_NREY + 1);
    size_t nv = r.n_vars;
    double worst = 0, span_lo = 1, span_hi = -1;
    for (size_t a = 0; a < nv; a++)
        for (size_t b = 0; b < a; b++) {
            double d = r.corr_data[a * nv + b], s = r.corr_sim[a * nv + b];
            assert_finite(s);
            assert_finite(d);
            worst = rm_test_max(worst, fabs(d - s));
            span_lo = fmin(span_lo, d);
            span_hi = fmax(span_hi, d);
        }
    printf("correlations: data %.2f … %.2f, worst |simulated − data| %.3f\n", span_lo, span_hi,
           worst);
    /* The fixture's correlations are far from uniform (light vs heavy vs
     * density), so reproducing them is not the lock-step of the ΣREY split. */
    for (size_t k = 0; k < nv && getenv("RM_TEST_VERBOSE"); k++) {
        char text[512];
        rm_vgm_format(&r.factor_model[k], text, sizeof text, NULL);
        printf("factor %zu lambda %.3f: %s\n", k, r.maf_lambda[k], text);
    }
    assert_true(span_hi - span_lo > 0.5);
    assert_at_most(worst, 0.15);
    /* ΣREY totals are the sum of the oxides' (each from its element). */
    for (size_t i = 0; i < r.realizations; i++) {
        const rm_sim_totals *t = &r.totals[i * r.n_cutoffs];
        double s = 0;
        for (int e = 0; e < RM_NREY; e++)
            s += t->oxide_t[e];
        assert_near(t->reo_t, s, 1e-9 * s);
    }
    rm_simulate_result_free(&r);
}

/* Order of block indices by value (normal scores by rank,
 * Φ⁻¹((rank + ½) / n); ties impossible in practice). */
static const double *sort_values;
static int cmp_idx_val(const void *a, const void *b)
{
    const double *v = sort_values;
    double x = v[*(const size_t *)a], y = v[*(const size_t *)b];
    return (x > y) - (x < y);
}

static void test_variograms_reproduced(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    /* The truth's model for every factor (each factor of the truth, a
     * linear combination of fields with one model, has that model): the
     * check is of the factors, their SGS and the back-transform, not of the
     * automatic fit (whose ranges from cores 300 m apart are shorter). */
    snprintf(p.model, sizeof p.model, "1 Sph(%g, %g, %g)", RANGE_M, RANGE_M, VRANGE_M);
    rm_simulation *sim;
    assert_int_equal(rm_simulation_alloc(f->bm, &f->data, &p, NULL, &sim, NULL), RM_OK);
    size_t nv = rm_simulation_nvars(sim);
    assert_int_equal(nv, RM_NREY + 1);
    const rm_grid *g = &f->bm->grid;
    size_t nb = rm_grid_nblocks(g), nlag = (size_t)(RANGE_M / g->dx);
    double *x = malloc(nv * nb * sizeof *x), *ns = malloc(nb * sizeof *ns);
    size_t *idx = malloc(nb * sizeof *idx);
    double *gam = calloc(nv * (nlag + 1), sizeof *gam);
    for (size_t r = 0; r < p.realizations; r++) {
        assert_int_equal(rm_simulation_realize_values(sim, r, x, NULL), RM_OK);
        for (size_t a = 0; a < nv; a++) {
            const double *v = x + a * nb;
            for (size_t b = 0; b < nb; b++)
                idx[b] = b;
            sort_values = v;
            qsort(idx, nb, sizeof *idx, cmp_idx_val);
            for (size_t q = 0; q < nb; q++)
                ns[idx[q]] = gsl_cdf_ugaussian_Pinv(((double)q + 0.5) / (double)nb);
            /* Horizontal variogram along x and y, lags 1 … nlag blocks. */
            for (size_t L = 1; L <= nlag; L++) {
                double s = 0;
                size_t np = 0;
                for (size_t k = 0; k < NZ; k++)
                    for (size_t j = 0; j < NY; j++)
                        for (size_t i = 0; i < NX; i++) {
                            size_t b = rm_grid_index(g, i, j, k);
                            if (i + L < NX) {
                                double d = ns[b] - ns[rm_grid_index(g, i + L, j, k)];
                                s += d * d, np++;
                            }
                            if (j + L < NY) {
                                double d = ns[b] - ns[rm_grid_index(g, i, j + L, k)];
                                s += d * d, np++;
                            }
                        }
                gam[a * (nlag + 1) + L] += 0.5 * s / (double)np / (double)p.realizations;
            }
        }
    }
    double worst = 0;
    for (size_t a = 0; a < nv; a++)
        for (size_t L = 1; L <= nlag; L++) {
            double h = (double)L * g->dx / RANGE_M;
            double model = h < 1 ? 1.5 * h - 0.5 * h * h * h : 1.0;
            worst = rm_test_max(worst, fabs(gam[a * (nlag + 1) + L] - model));
        }
    printf("normal-score variograms to the range: worst |γ − γ_model| %.3f (sill 1)\n", worst);
    assert_at_most(worst, 0.15);
    free(x);
    free(ns);
    free(idx);
    free(gam);
    rm_simulation_free(sim);
}

static void test_identical_for_threads(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    p.parameter_uncertainty = RM_SIM_PARAM_BOOTSTRAP;
    p.write_realizations = 1;
    rm_simulate_result a, b;
    p.threads = 1;
    assert_int_equal(rm_simulate(f->bm, &f->data, &p, NULL, &a, NULL), RM_OK);
    p.threads = 3;
    assert_int_equal(rm_simulate(f->bm, &f->data, &p, NULL, &b, NULL), RM_OK);
    size_t nb = rm_grid_nblocks(&f->bm->grid);
    assert_memory_equal(a.totals, b.totals, p.realizations * p.n_cutoffs * sizeof *a.totals);
    assert_memory_equal(a.realizations_srey, b.realizations_srey,
                        p.realizations * nb * sizeof(float));
    assert_memory_equal(a.etype_srey_ppm, b.etype_srey_ppm, nb * sizeof(double));
    assert_memory_equal(a.corr_sim, b.corr_sim, sizeof a.corr_sim);
    /* The bootstrap ratio scales every element of a realization alike. */
    assert_non_null(a.bootstrap_factor);
    rm_simulate_result_free(&a);
    rm_simulate_result_free(&b);
}

/* Every third batch in three "ranks", their partial sums, totals and
 * correlation matrices added (one rank writes each realization's), give
 * the one-process run's totals and simulated correlations bit for bit; a
 * multivariate run without a correlation array is refused. */
static void test_split_runs_keep_correlations(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    p.batch = 2;
    rm_simulate_result a, c;
    assert_int_equal(rm_simulate(f->bm, &f->data, &p, NULL, &a, NULL), RM_OK);
    assert_int_equal(a.multivariate, 1);
    rm_simulation *sim;
    assert_int_equal(rm_simulation_alloc(f->bm, &f->data, &p, NULL, &sim, NULL), RM_OK);
    size_t nb = rm_grid_nblocks(&f->bm->grid), nreal = p.realizations;
    rm_sim_partial total, part;
    assert_int_equal(rm_sim_partial_init(&total, sim, NULL), RM_OK);
    rm_sim_totals *tot = calloc(nreal * p.n_cutoffs, sizeof *tot);
    double *corr = calloc(nreal * RM_SIM_CORR_N, sizeof *corr);
    double *rank_corr = calloc(nreal * RM_SIM_CORR_N, sizeof *rank_corr);
    assert_non_null(tot);
    assert_non_null(corr);
    assert_non_null(rank_corr);
    assert_int_equal(rm_sim_partial_init(&part, sim, NULL), RM_OK);
    assert_int_equal(rm_simulation_run(sim, 0, 3, &part, tot, NULL, NULL, NULL, NULL),
                     RM_EINVAL);
    rm_sim_partial_free(&part);
    for (size_t rank = 0; rank < 3; rank++) {
        assert_int_equal(rm_sim_partial_init(&part, sim, NULL), RM_OK);
        memset(rank_corr, 0, nreal * RM_SIM_CORR_N * sizeof *rank_corr);
        assert_int_equal(rm_simulation_run(sim, rank, 3, &part, tot, rank_corr, NULL, NULL, NULL),
                         RM_OK);
        for (size_t i = 0; i < nreal * RM_SIM_CORR_N; i++)
            corr[i] += rank_corr[i];
        for (size_t i = 0; i < 3 * nb; i++)
            total.sum_fine[i] += part.sum_fine[i];
        for (size_t i = 0; i < p.n_cutoffs * NX * NY; i++)
            total.count_above[i] += part.count_above[i];
        total.count += part.count;
        rm_sim_partial_free(&part);
    }
    free(rank_corr);
    assert_int_equal(rm_simulation_finish(sim, &total, tot, corr, NULL, &c, NULL), RM_OK);
    assert_memory_equal(a.totals, c.totals, nreal * p.n_cutoffs * sizeof *a.totals);
    assert_memory_equal(a.corr_sim, c.corr_sim, sizeof a.corr_sim);
    assert_memory_equal(a.etype_srey_ppm, c.etype_srey_ppm, nb * sizeof(double));
    rm_sim_partial_free(&total);
    rm_simulation_free(sim);
    rm_simulate_result_free(&a);
    rm_simulate_result_free(&c);
}

static void test_switch_keeps_old_path(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    p.multivariate = 0;
    rm_simulate_result a, b;
    assert_int_equal(rm_simulate(f->bm, &f->data, &p, NULL, &a, NULL), RM_OK);
    assert_int_equal(a.multivariate, 0);
    /* Without elements in the data the same ΣREY simulation runs. */
    rm_simulate_data d = f->data;
    memset(d.element_ppm, 0, sizeof d.element_ppm);
    p.multivariate = 1;
    assert_int_equal(rm_simulate(f->bm, &d, &p, NULL, &b, NULL), RM_OK);
    assert_int_equal(b.multivariate, 0);
    assert_memory_equal(a.totals, b.totals, p.realizations * p.n_cutoffs * sizeof *a.totals);
    /* ΣREY split by a fixed composition: every oxide in lock-step. */
    for (size_t i = 0; i < a.realizations; i++) {
        const rm_sim_totals *t = &a.totals[i * a.n_cutoffs];
        assert_near(t->oxide_t[RM_DY] / t->reo_t, a.totals[0].oxide_t[RM_DY] / a.totals[0].reo_t,
                    1e-9);
    }
    rm_simulate_result_free(&a);
    rm_simulate_result_free(&b);
}

/* Composites without a density do not condition the multivariate factors:
 * the summary's data_used counts the composites the simulation took (it
 * reported the ΣREY path's count, every composite). */
static void test_data_used_counts_the_factors_data(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    size_t n = f->data.n, with = 0;
    double *dens = malloc(n * sizeof *dens);
    assert_non_null(dens);
    for (size_t i = 0; i < n; i++) {
        dens[i] = i % 4 == 1 ? NAN : f->data.density_t_m3[i];
        with += isfinite(dens[i]);
    }
    rm_simulate_data d = f->data;
    d.density_t_m3 = dens;
    rm_simulate_result r;
    assert_int_equal(rm_simulate(f->bm, &d, &p, NULL, &r, NULL), RM_OK);
    assert_int_equal(r.multivariate, 1);
    assert_true(with < n);
    assert_int_equal(r.data_used + r.data_ignored, with);
    rm_simulate_result_free(&r);
    free(dens);
}

/* The log of a run: rm_simulate with the data d and parameters p, its
 * INFO lines in *text (size bytes), which the caller frees. */
static void simulate_logged(const fixture *f, const rm_simulate_data *d,
                            const rm_simulate_params *p, rm_simulate_result *r, char **text,
                            size_t *size)
{
    FILE *stream = open_memstream(text, size);
    assert_non_null(stream);
    rm_logger log = {RM_LOG_INFO, stream};
    assert_int_equal(rm_simulate(f->bm, d, p, &log, r, NULL), RM_OK);
    fclose(stream);
}

/* How many times needle occurs in text. */
static size_t occurrences(const char *text, const char *needle)
{
    size_t count = 0;
    for (const char *at = strstr(text, needle); at; at = strstr(at + 1, needle))
        count++;
    return count;
}

/* Densities of every fourth composite missing, NaN; the count missing in
 * *missing. */
static double *densities_with_gaps(const fixture *f, size_t *missing)
{
    size_t n = f->data.n;
    double *dens = malloc(n * sizeof *dens);
    assert_non_null(dens);
    *missing = 0;
    for (size_t i = 0; i < n; i++) {
        dens[i] = i % 4 == 1 ? NAN : f->dens[i];
        *missing += i % 4 == 1;
    }
    return dens;
}

/* A two-realization run on the fixture's data with densities dens and the
 * default density rho_default; its log in *log (*log_size bytes, caller
 * frees). */
static void density_run(const fixture *f, const double *dens, double rho_default,
                        rm_simulate_result *r, char **log, size_t *log_size)
{
    rm_simulate_params p;
    params(&p);
    p.realizations = 2;
    rm_simulate_data d = f->data;
    d.density_t_m3 = dens;
    d.density_default_t_m3 = rho_default;
    simulate_logged(f, &d, &p, r, log, log_size);
}

/* With the estimate's default density, composites without a density keep
 * conditioning the factors (as they condition the kriged density): every
 * composite is used, the log and the result say how many took the default,
 * and the composites' correlation of density with La is that of the
 * densities filled with the default, worked here by two-pass Pearson. */
static void test_missing_density_takes_the_default(void **state)
{
    fixture *f = *state;
    size_t n = f->data.n, missing;
    double *dens = densities_with_gaps(f, &missing);
    rm_simulate_result r;
    char *log = NULL;
    size_t log_size = 0;
    density_run(f, dens, 0.55, &r, &log, &log_size);
    assert_int_equal(r.multivariate, 1);
    assert_int_equal(r.n_vars, RM_NREY + 1);
    assert_int_equal(r.data_used + r.data_ignored, NDATA);
    assert_int_equal(r.data_without_density, NDATA / 4);
    assert_int_equal(missing, NDATA / 4);
    char line[160];
    snprintf(line, sizeof line, "%zu of %zu composites carry no dry density: the factors take "
             "the default 0.55 t/m3", missing, n);
    assert_non_null(strstr(log, line));
    double ma = 0, md = 0, sab = 0, saa = 0, sdd = 0;
    for (size_t i = 0; i < n; i++) {
        ma += f->el[0][i] / (double)n;
        md += (isfinite(dens[i]) ? dens[i] : 0.55) / (double)n;
    }
    for (size_t i = 0; i < n; i++) {
        double a = f->el[0][i] - ma, b = (isfinite(dens[i]) ? dens[i] : 0.55) - md;
        sab += a * b, saa += a * a, sdd += b * b;
    }
    assert_near(r.corr_data[0 * (RM_NREY + 1) + RM_NREY], sab / sqrt(saa * sdd), 1e-9);
    rm_simulate_result_free(&r);
    free(log);
    free(dens);
}

/* Without a default density they are left out of the factors' data, and
 * the log and the result say how many and why. */
static void test_missing_density_without_default_is_reported(void **state)
{
    fixture *f = *state;
    size_t missing;
    double *dens = densities_with_gaps(f, &missing);
    rm_simulate_result r;
    char *log = NULL;
    size_t log_size = 0;
    density_run(f, dens, 0, &r, &log, &log_size);
    assert_int_equal(r.multivariate, 1);
    assert_int_equal(r.data_used + r.data_ignored, NDATA - NDATA / 4);
    assert_int_equal(r.data_without_density, NDATA / 4);
    char line[160];
    snprintf(line, sizeof line, "%zu composites carry no dry density and do not condition the "
             "factors", missing);
    assert_non_null(strstr(log, line));
    rm_simulate_result_free(&r);
    free(log);
    free(dens);
}

/* Fewer than 10 measured densities cannot give density's transforms: the
 * 15 REY are simulated, density is the kriged one, and the log says so. */
static void test_few_densities_not_simulated(void **state)
{
    fixture *f = *state;
    size_t n = f->data.n;
    double *dens = malloc(n * sizeof *dens);
    assert_non_null(dens);
    for (size_t i = 0; i < n; i++)
        dens[i] = i < 9 ? f->dens[i] : NAN;
    rm_simulate_result r;
    char *log = NULL;
    size_t log_size = 0;
    density_run(f, dens, 0.55, &r, &log, &log_size);
    assert_int_equal(r.multivariate, 1);
    assert_int_equal(r.n_vars, RM_NREY);
    assert_int_equal(r.data_used + r.data_ignored, NDATA);
    assert_non_null(strstr(log, "9 composites carry a dry density (of 600): density is not "
                                "simulated"));
    rm_simulate_result_free(&r);
    free(log);
    free(dens);
}

/* A [simulate] variogram is the model of every factor, and the log says so
 * once; with auto it does not. */
static void test_given_variogram_logged(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    p.realizations = 2;
    rm_simulate_result r;
    char *log = NULL;
    size_t log_size = 0;
    simulate_logged(f, &f->data, &p, &r, &log, &log_size);
    assert_null(strstr(log, "MAF factors"));
    rm_simulate_result_free(&r);
    free(log);
    snprintf(p.model, sizeof p.model, "1 Sph(1000, 1000, 4)");
    simulate_logged(f, &f->data, &p, &r, &log, &log_size);
    assert_non_null(strstr(log, "[simulate] variogram 1 Sph(1000, 1000, 4) is the model of "
                                "every one of the 16 MAF factors"));
    assert_int_equal(occurrences(log, "MAF factors"), 1);
    for (size_t k = 0; k < r.n_vars; k++)
        assert_near(r.factor_model[k].s[0].range[0], 1000.0, 0);
    rm_simulate_result_free(&r);
    free(log);
}

/* Elements in fixed proportions (one variable in 15 guises): the factors do
 * not exist, and the simulation falls back to ΣREY split by the kriged
 * composition, which is then exact, instead of failing. */
static void test_fixed_composition_falls_back(void **state)
{
    fixture *f = *state;
    rm_simulate_params p;
    params(&p);
    p.realizations = 2;
    static double el[RM_NREY][NDATA];
    rm_simulate_data d = f->data;
    for (int e = 0; e < RM_NREY; e++) {
        for (size_t i = 0; i < d.n; i++)
            el[e][i] = f->srey[i] * (e + 1.0) / 120.0;
        d.element_ppm[e] = el[e];
    }
    d.density_t_m3 = NULL;
    rm_simulate_result r;
    assert_int_equal(rm_simulate(f->bm, &d, &p, NULL, &r, NULL), RM_OK);
    assert_int_equal(r.multivariate, 0);
    rm_simulate_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_correlations_reproduced),
        cmocka_unit_test(test_variograms_reproduced),
        cmocka_unit_test(test_identical_for_threads),
        cmocka_unit_test(test_split_runs_keep_correlations),
        cmocka_unit_test(test_switch_keeps_old_path),
        cmocka_unit_test(test_data_used_counts_the_factors_data),
        cmocka_unit_test(test_missing_density_takes_the_default),
        cmocka_unit_test(test_missing_density_without_default_is_reported),
        cmocka_unit_test(test_few_densities_not_simulated),
        cmocka_unit_test(test_given_variogram_logged),
        cmocka_unit_test(test_fixed_composition_falls_back),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
