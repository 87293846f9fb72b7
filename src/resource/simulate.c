/* simulate.c — resource uncertainty: SGS on the block grid of the 15 REY
 * and density through min/max autocorrelation factors (or of ΣREY, split
 * into elements by the kriged composition), totals per realization, e-type
 * maps.  See simulate.h and docs/simulation.md.
 */
#include <assert.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "reemud/krige.h"
#include "reemud/simulate.h"
#include "gt_internal.h"
#include "simulate_internal.h"

#define SCALE_FINE 65536.0 /* 2^16: e-type mean accumulator */
#define SCALE_COARSE 64.0  /* 2^6: variance accumulators */
/* Composites used for the posterior of the slice means: above this, every
 * k-th (a dense m × m Cholesky factorisation, m³/3 flops). */
#define MEAN_DATA_MAX 3000
/* Salt of the seed of the parameter draws: a stream family apart from the
 * SGS paths' rm_rng_stream(seed, realization). */
#define PARAM_STREAM_SALT 0x6d65616e2d6d7531ULL
/* Domain points of RM_SIM_PARAM_DOMAIN: columns on a lattice of about this
 * many (a (cores + points)² Cholesky factor). */
#define DOMAIN_POINTS 400.0
/* Cores resampled by the spatial bootstrap: above this, every k-th (sorted
 * by x, y) — the mean of so many cores is already tight. */
#define BOOT_SITES_MAX 2000
/* Points of a core's vertical segment in the spatial bootstrap's
 * correlation at most (the window over the block height). */
#define BOOT_SEGMENT_MAX 200.0

/* One candidate of the horizontal range (parameter_posterior). */
typedef struct range_candidate {
    double factor;          /* horizontal ranges × factor */
    rm_vgm_model model;
    rm_sgs *sgs;
    double loglik;          /* log marginal likelihood of the scores */
    double weight, cum_weight; /* posterior probability, cumulated over candidates */
    double *mean_chol;      /* n_slices²: lower Cholesky factor of Σ_μ */
    double overall_mean_sd; /* s.d. of the mean of the slice means */
} range_candidate;

struct rm_simulation {
    const rm_blockmodel *bm;
    rm_simulate_params params;
    /* The grid SGS runs on (flatten_setup): the block grid, or with the
     * estimate's horizon (surface "horizon_mbsf", hcol; read while the
     * simulation is set up) the flattened grid on which block layer l of
     * column c overlaps nodes l + kofs[c] and l + kofs[c] + 1 (kofs NULL:
     * the block grid).  Gaussian values, transforms, data nodes and the
     * sensitivity to the mean live on it; tonnes and outputs on bm->grid. */
    rm_grid sg;
    size_t *kofs;
    double *kfrac; /* block of column c: (1 − kfrac) node l + kofs, kfrac node l + kofs + 1 */
    const double *hcol;
    double hmax; /* the deepest horizon (mbsf): depth z' = z − h + hmax */
    /* Normal-score transforms: one per depth slice (or one in all). */
    size_t n_slices;
    rm_nscore *ns;
    size_t *layer_slice;  /* grid layer k -> its transform */
    rm_vgm_model model;
    rm_sgs *sgs;
    size_t nblocks, ncols;
    double *mud_w;       /* dry t of each block inside the window (0 = none) */
    float *comp;         /* RM_NREY × nblocks: oxide t per (t mud × ppm ΣREY × 1e-6) by element */
    /* Parameter uncertainty (parameter_posterior): candidate models. */
    size_t n_cand;
    range_candidate cand[8];
    /* RM_SIM_PARAM_BOOTSTRAP: the cores' window means (core_bootstrap), and
     * the nodes that hold data (they keep their values). */
    rm_spatial_bootstrap boot;
    unsigned char *is_data;
    /* The standard error of the cores' mean window ΣREY over that mean,
     * s/√n/mean, over se_cores cores (0 with fewer than 2; core_bootstrap). */
    double cores_se_rel;
    size_t se_cores;
    /* RM_SIM_PARAM_BOOTSTRAP_SK: each block's sensitivity to the mean,
     * 1 − Σλ_SK (mean_sensitivity). */
    float *mean_weight;
    /* Multivariate (mv_setup): nv variables (15 REY, then density if
     * simulated), their transforms (nv × n_slices), the MAF loadings, one
     * SGS per factor, the window's volume of each block, and the data's
     * correlation matrix. */
    int mv;
    size_t nv;
    size_t mv_without_density; /* composites taken without a dry density */
    rm_nscore *mv_ns;
    double maf_w[RM_SIM_NVARS * RM_SIM_NVARS], maf_winv[RM_SIM_NVARS * RM_SIM_NVARS];
    double maf_lambda[RM_SIM_NVARS];
    rm_vgm_model fmodel[RM_SIM_NVARS];
    rm_sgs *fsgs[RM_SIM_NVARS];
    double *win_vol;
    double corr_data[RM_SIM_NVARS * RM_SIM_NVARS];
    /* Tiles (tile_setup): bands of tile_rows grid rows, simulated in order
     * of y with a halo of halo_rows rows (docs/simulation.md "Tiles"). */
    size_t tile_rows, ntiles, halo_rows;
};

/* A tile's rows: own rows j0 … j1 − 1, its grid rows s0 … s1 − 1 (the
 * halo below s0 … j0 − 1 holds the previous tile's values, the halo above
 * j1 … s1 − 1 only its data). */
typedef struct tile_span {
    size_t j0, j1, s0, s1;
} tile_span;

/* The names of the parameter-uncertainty modes, in the order of the
 * RM_SIM_PARAM_* values, NULL-terminated for rm_ini_get_choice. */
static const char *const param_modes[] = {"none",   "bayes",        "bootstrap",
                                          "domain", "bootstrap_sk", NULL};

const char *rm_simulate_param_name(int mode)
{
    return mode >= RM_SIM_PARAM_NONE && mode <= RM_SIM_PARAM_BOOTSTRAP_SK ? param_modes[mode]
                                                                           : "none";
}

void rm_simulate_params_default(rm_simulate_params *p)
{
    memset(p, 0, sizeof *p);
    p->realizations = 20;
    p->seed = 1;
    p->nmax = 24;
    p->radius = 1.0;
    p->multigrid = 3;
    snprintf(p->model, sizeof p->model, "auto");
    const double cut[] = {0, 400, 1000, 2000};
    p->n_cutoffs = 4;
    memcpy(p->cutoffs_ppm, cut, sizeof cut);
    p->top_mbsf = 0;
    p->bottom_mbsf = 10;
    p->zmax_factor = 1.5;
    p->depth_slices = 1;
    p->slice_m = 1.0;
    /* calibrated over synthetic deposits: docs/simulation.md, "Calibration" */
    p->parameter_uncertainty = RM_SIM_PARAM_BOOTSTRAP_SK;
    p->batch = RM_SGS_BATCH_DEFAULT;
    p->multivariate = 1;
    p->tile_rows = 0;
}

rm_status rm_simulate_params_read(rm_ini *ini, rm_simulate_params *p, rm_error *err)
{
    const char *S = "simulate";
    long v;
    rm_status st;
    if ((st = rm_ini_get_long(ini, S, "realizations", (long)p->realizations, 1, 100000, &v, err)))
        return st;
    p->realizations = (size_t)v;
    if (rm_ini_has(ini, S, "seed")) {
        if ((st = rm_ini_get_long(ini, S, "seed", 1, 0, 2147483647L, &v, err)))
            return st;
        p->seed = (uint64_t)v;
    }
    if ((st = rm_ini_get_long(ini, S, "nmax", (long)p->nmax, 1, 128, &v, err)))
        return st;
    p->nmax = (size_t)v;
    if ((st = rm_ini_get_double(ini, S, "search_radius", p->radius, 0.01, 100, &p->radius, err)))
        return st;
    if ((st = rm_ini_get_long(ini, S, "multigrid", p->multigrid, 0, 8, &v, err)))
        return st;
    p->multigrid = (int)v;
    const char *model;
    if ((st = rm_ini_get_string(ini, S, "variogram", p->model, &model, err)))
        return st;
    if (model != p->model)
        snprintf(p->model, sizeof p->model, "%s", model);
    size_t n;
    double cut[RM_SIM_MAX_CUTOFFS];
    if ((st = rm_ini_get_doubles(ini, S, "cutoffs_ppm", 0, 1e6, cut, RM_SIM_MAX_CUTOFFS, &n, err)))
        return st;
    if (n) {
        memcpy(p->cutoffs_ppm, cut, n * sizeof *cut);
        p->n_cutoffs = n;
    }
    if ((st = rm_ini_get_double(ini, S, "top_mbsf", p->top_mbsf, 0, 1e4, &p->top_mbsf, err)) ||
        (st = rm_ini_get_double(ini, S, "bottom_mbsf", p->bottom_mbsf, 0, 1e4, &p->bottom_mbsf, err)) ||
        (st = rm_ini_get_double(ini, S, "zmax_factor", p->zmax_factor, 1, 100, &p->zmax_factor, err)))
        return st;
    static const char *const transforms[] = {"global", "depth_slices", NULL};
    if ((st = rm_ini_get_choice(ini, S, "transform", transforms, p->depth_slices,
                                &p->depth_slices, err)) ||
        (st = rm_ini_get_double(ini, S, "slice_m", p->slice_m, 0.01, 1000, &p->slice_m, err)))
        return st;
    static const char *const tails[] = {"linear", "hyperbolic", NULL};
    int tail;
    if ((st = rm_ini_get_choice(ini, S, "upper_tail", tails, p->upper_tail_hyperbolic, &tail, err)))
        return st;
    p->upper_tail_hyperbolic = tail;
    if ((st = rm_ini_get_bool(ini, S, "write_realizations", p->write_realizations,
                              &p->write_realizations, err)))
        return st;
    if ((st = rm_ini_get_long(ini, S, "batch", (long)p->batch, 1, 1000, &v, err)))
        return st;
    p->batch = (size_t)v;
    if ((st = rm_ini_get_choice(ini, S, "parameter_uncertainty", param_modes,
                                p->parameter_uncertainty, &p->parameter_uncertainty, err)))
        return st;
    if ((st = rm_ini_get_bool(ini, S, "multivariate", p->multivariate, &p->multivariate, err)))
        return st;
    if ((st = rm_ini_get_long(ini, S, "tile_rows", (long)p->tile_rows, 0, 100000000L, &v, err)))
        return st;
    p->tile_rows = (size_t)v;
    if (p->bottom_mbsf <= p->top_mbsf)
        return rm_error_input(err, rm_ini_path(ini), rm_ini_line(ini, S, "bottom_mbsf"),
                              "simulate.bottom_mbsf", "must be deeper than top_mbsf (%g)",
                              p->top_mbsf);
    return RM_OK;
}

/* The layered auto-fit shared with the estimate (variogram_auto.c): the
 * horizontal variogram pooled within depth slices one block thick, the
 * vertical range and the nugget from the downhole variogram (lags to 5 m);
 * the deposit is layered, so horizontal and vertical continuity differ by
 * orders of magnitude (docs/simulation.md).  The sills are rescaled to a
 * total of 1 (normal scores have unit variance) and the zonal part, if
 * any, is folded into the main structure: the slice transforms already
 * carry the depth trend. */
static rm_status auto_model(const rm_simulate_data *d, const double *score,
                            double slice_m, rm_vgm_model *m, const rm_logger *log,
                            rm_error *err)
{
    rm_vgm_autofit_options o;
    rm_vgm_autofit_options_default(&o);
    o.slice_m = slice_m;
    rm_vgm_autofit_info info;
    rm_vgm_model fit;
    const double *cols[1] = {score};
    rm_status st = rm_vgm_autofit_layered(d->x, d->y, d->z, cols, 1, NULL, d->n, &o, &fit,
                                          &info, err);
    if (st)
        return st;
    char text[1024];
    rm_vgm_autofit_describe(&info, text, sizeof text);
    rm_log(log, RM_LOG_DEBUG, "simulate: normal-score variogram fit: %s", text);
    double nug = info.nugget, sill = info.h_sill + info.zonal_sill;
    double total = nug + sill;
    if (!(total > 0))
        nug = 0, sill = total = 1;
    nug /= total;
    sill /= total;
    rm_vgm_init(m);
    double ranges[3] = {info.h_range_m, info.h_range_m, info.v_range_m}, angles[3] = {0, 0, 0};
    if (nug > 0)
        rm_vgm_add(m, rm_vgm_nug, nug, NULL, 0, NULL, 0, NULL);
    st = rm_vgm_add(m, rm_vgm_sph, sill, ranges, 3, angles, 3, err);
    if (!st && rm_vgm_format(m, text, sizeof text, NULL) == RM_OK)
        rm_log(log, RM_LOG_INFO, "simulate: normal-score variogram (auto) %s", text);
    return st;
}

/* Transform (slice) index of a depth of the simulation grid. */
static size_t slice_of(const rm_simulation *sim, double z_mbsf)
{
    if (sim->n_slices == 1)
        return 0;
    double f = (z_mbsf - sim->sg.z0) / sim->params.slice_m;
    size_t s = f > 0 ? (size_t)f : 0;
    return s < sim->n_slices ? s : sim->n_slices - 1;
}

/* One normal-score table per depth slice of slice_m, from the data of the
 * slice, widened symmetrically to neighbouring slices until it holds at
 * least min_n values.  The deposit is layered (low-grade cover over REY-rich
 * layers): a single table would make the Gaussian field non-stationary in
 * depth, and SGS would then mix the cover's and the layers' distributions
 * away from the cores (docs/simulation.md). */
/* The slice tables of one variable into ns (n_slices of them); the tails
 * run from zmin_factor × the slice's smallest value to zmax_factor × its
 * largest. */
static rm_status fit_slices(const rm_simulation *sim, const double *vals, const double *wts,
                            const double *z, size_t n, double zmin_factor, double zmax_factor,
                            rm_nscore *ns, rm_error *err)
{
    const rm_simulate_params *p = &sim->params;
    double *sv = malloc((n ? n : 1) * sizeof *sv), *sw = malloc((n ? n : 1) * sizeof *sw);
    if (!sv || !sw) {
        free(sv);
        free(sw);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    const size_t min_n = 10;
    rm_status st = RM_OK;
    for (size_t sl = 0; sl < sim->n_slices && !st; sl++) {
        size_t m = 0;
        for (size_t widen = 0; m < min_n && widen <= sim->n_slices; widen++) {
            m = 0;
            for (size_t i = 0; i < n; i++) {
                size_t si = slice_of(sim, z[i]);
                size_t lo = sl > widen ? sl - widen : 0;
                if (sim->n_slices == 1 || (si >= lo && si <= sl + widen)) {
                    sv[m] = vals[i];
                    sw[m] = wts[i];
                    m++;
                }
            }
        }
        /* The upper tail runs to zmax_factor × the slice's own largest
         * value: a bound taken from all depths would give the thin tail of a
         * low-grade slice the grades of the richest layer. */
        double slice_max = 0, slice_min = INFINITY;
        for (size_t i = 0; i < m; i++) {
            slice_max = fmax(slice_max, sv[i]);
            slice_min = fmin(slice_min, sv[i]);
        }
        st = rm_nscore_fit(sv, sw, m, zmin_factor > 0 ? zmin_factor * slice_min : 0.0,
                           zmax_factor * slice_max, &ns[sl], err);
        if (!st)
            ns[sl].upper = p->upper_tail_hyperbolic ? RM_TAIL_HYPERBOLIC : RM_TAIL_LINEAR;
    }
    free(sv);
    free(sw);
    return st;
}

static rm_status fit_transforms(rm_simulation *sim, const double *vals, const double *wts,
                                const double *z, size_t n, const rm_logger *log, rm_error *err)
{
    const rm_grid *g = &sim->sg;
    const rm_simulate_params *p = &sim->params;
    double depth = (double)g->nz * g->dz;
    sim->n_slices = p->depth_slices ? (size_t)ceil(depth / p->slice_m - 1e-9) : 1;
    if (sim->n_slices < 1)
        sim->n_slices = 1;
    sim->ns = calloc(sim->n_slices, sizeof *sim->ns);
    sim->layer_slice = calloc(g->nz, sizeof *sim->layer_slice);
    if (!sim->ns || !sim->layer_slice)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    for (size_t k = 0; k < g->nz; k++)
        sim->layer_slice[k] = slice_of(sim, rm_grid_zc(g, k));
    rm_status st = fit_slices(sim, vals, wts, z, n, 0.0, p->zmax_factor, sim->ns, err);
    if (!st && sim->n_slices > 1)
        rm_log(log, RM_LOG_DEBUG, "simulate: %zu depth-slice transforms of %g m", sim->n_slices,
               p->slice_m);
    return st;
}

/* Parameter uncertainty: the posterior of the depth slices' Gaussian means
 * and of the horizontal range.
 *
 * The normal-score tables take each slice's histogram, and so its mean, as
 * known, and the variogram fit takes its horizontal range as known.  With
 * few cores both are the largest uncertainties of a total (Journel 1994 and
 * Deutsch 2004 resample the mean by the spatial bootstrap): cores further
 * apart than the fitted range cannot tell that range from a shorter one, and
 * a shorter range leaves the blocks between cores, and so the total, far
 * less tied to the cores.  Here both get their Bayesian posterior under the
 * simulation's own Gaussian model (e.g. Diggle & Ribeiro 2007, §7.2; Handcock
 * & Stein 1993):
 *
 *   scores  y = X μ + e,  X the slice indicators of the n composites,
 *           e ~ N(0, C_a), C_a the normal-score covariance with its
 *           horizontal ranges × a factor a;
 *   priors  μ ~ N(0, σ² I), σ² the model's sill (a slice mean within the
 *           spread of the scores); a uniform on a log-spaced grid of
 *           factors (RANGE_FACTORS).
 *
 * The marginal likelihood of a factor is that of y ~ N(0, C_a + σ² X Xᵀ),
 * and its posterior weight p_a ∝ that likelihood.  Given a, the posterior
 * of μ is Gaussian with covariance (the generalised-least-squares one with
 * the prior added)
 *
 *   Σ_μ = (Xᵀ C_a⁻¹ X + I/σ²)⁻¹.
 *
 * Each realization draws a with probability p_a, then μ = L z (L Lᵀ = Σ_μ,
 * z ~ N(0, I)), both from its own stream, and simulates with simple kriging
 * around the layer means μ(slice) (rm_sgs_realize_lvm) under C_a: drawing
 * the parameters and then the field given them and the data is a draw of the
 * field given the data alone.  μ is centred on 0, the declustered mean of
 * the scores, so the P50 stays with the transforms. */
static const double RANGE_FACTORS[] = {0.125, 0.25, 0.5, 1.0, 2.0};
#define N_RANGE_FACTORS (sizeof RANGE_FACTORS / sizeof RANGE_FACTORS[0])

/* The model m with every structure's horizontal ranges × factor (vertical
 * ranges kept). */
static rm_status scale_horizontal(const rm_vgm_model *m, double factor, rm_vgm_model *out,
                                  rm_error *err)
{
    *out = *m;
    for (int i = 0; i < out->n; i++) {
        rm_vgm_struct *st = &out->s[i];
        if (st->n_ranges == 0)
            continue;
        if (st->n_ranges == 1)
            st->range[1] = st->range[2] = st->range[0];
        else if (st->n_ranges == 2)
            st->range[2] = st->range[0];
        st->n_ranges = 3;
        st->range[0] *= factor;
        st->range[1] *= factor;
    }
    return rm_vgm_update(out, err);
}

/* Candidate c's log marginal likelihood and the Cholesky factor of its
 * posterior Σ_μ, from m composites (every step-th of cx, cy, cz, y). */
static rm_status candidate_posterior(const rm_simulation *sim, range_candidate *c,
                                     const double *cx, const double *cy, const double *cz,
                                     const double *y, size_t n, rm_error *err)
{
    size_t S = sim->n_slices;
    size_t step = n > MEAN_DATA_MAX ? (n + MEAN_DATA_MAX - 1) / MEAN_DATA_MAX : 1;
    size_t m = (n + step - 1) / step;
    double sill = rm_vgm_sill(&c->model);
    gsl_matrix *C = gsl_matrix_alloc(m, m), *M = gsl_matrix_alloc(m, m);
    gsl_matrix *X = gsl_matrix_calloc(m, S), *A = gsl_matrix_alloc(S, S);
    gsl_vector *v = gsl_vector_alloc(m);
    c->mean_chol = calloc(S * S, sizeof *c->mean_chol);
    if (!C || !M || !X || !A || !v || !c->mean_chol) {
        gsl_matrix_free(C); gsl_matrix_free(M); gsl_matrix_free(X); gsl_matrix_free(A);
        gsl_vector_free(v);
        return rm_error_set(err, RM_ENOMEM, "out of memory for the parameter posterior");
    }
    size_t *sl = malloc(m * sizeof *sl);
    for (size_t a = 0; sl && a < m; a++) {
        size_t i = a * step;
        sl[a] = slice_of(sim, cz[i]);
        gsl_matrix_set(X, a, sl[a], 1.0);
        gsl_vector_set(v, a, y[i]);
        for (size_t b = 0; b <= a; b++) {
            size_t j = b * step;
            /* z is depth (down), the model's z is up; a tiny ridge keeps
             * coincident composites without a nugget factorisable. */
            double cv = rm_vgm_cov(&c->model, cx[i] - cx[j], cy[i] - cy[j], -(cz[i] - cz[j])) +
                        (a == b ? 1e-9 * sill : 0.0);
            double mv = cv + (sl[a] == sl[b] ? sill : 0.0); /* + σ² X Xᵀ */
            gsl_matrix_set(C, a, b, cv);
            gsl_matrix_set(C, b, a, cv);
            gsl_matrix_set(M, a, b, mv);
            gsl_matrix_set(M, b, a, mv);
        }
    }
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int rc = sl ? gsl_linalg_cholesky_decomp1(M) : GSL_ENOMEM;
    if (!rc) { /* log N(y; 0, M) up to a constant: −½ log|M| − ½ |L⁻¹ y|² */
        double logdet = 0;
        for (size_t a = 0; a < m; a++)
            logdet += 2 * log(gsl_matrix_get(M, a, a));
        rc = gsl_blas_dtrsv(CblasLower, CblasNoTrans, CblasNonUnit, M, v);
        double q = 0;
        gsl_blas_ddot(v, v, &q);
        c->loglik = -0.5 * logdet - 0.5 * q;
    }
    if (!rc)
        rc = gsl_linalg_cholesky_decomp1(C);
    if (!rc) /* W = L⁻¹ X, so Xᵀ C⁻¹ X = Wᵀ W */
        rc = gsl_blas_dtrsm(CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, 1.0, C, X);
    if (!rc)
        rc = gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, X, X, 0.0, A);
    if (!rc) {
        for (size_t s = 0; s < S; s++)
            gsl_matrix_set(A, s, s, gsl_matrix_get(A, s, s) + 1.0 / sill);
        rc = gsl_linalg_cholesky_decomp1(A);
    }
    if (!rc)
        rc = gsl_linalg_cholesky_invert(A); /* A ← Σ_μ */
    double tot = 0;
    if (!rc) {
        for (size_t s = 0; s < S; s++)
            for (size_t t = 0; t < S; t++)
                tot += gsl_matrix_get(A, s, t);
        rc = gsl_linalg_cholesky_decomp1(A);
    }
    gsl_set_error_handler(old);
    if (!rc)
        for (size_t s = 0; s < S; s++)
            for (size_t t = 0; t <= s; t++)
                c->mean_chol[s * S + t] = gsl_matrix_get(A, s, t);
    free(sl);
    gsl_matrix_free(C); gsl_matrix_free(M); gsl_matrix_free(X); gsl_matrix_free(A);
    gsl_vector_free(v);
    if (rc)
        return rm_error_set(err, rc == GSL_ENOMEM ? RM_ENOMEM : RM_ESINGULAR,
                            "simulate: the posterior of the slice means cannot be computed "
                            "(covariance of %zu composites not positive definite)", m);
    c->overall_mean_sd = sqrt(fmax(tot, 0)) / (double)S;
    return RM_OK;
}

/* The candidates (one model and SGS each) and their posterior weights. */
static rm_status parameter_posterior(rm_simulation *sim, const double *cx, const double *cy,
                                     const double *cz, const double *score, size_t n,
                                     const rm_logger *log, rm_error *err)
{
    const rm_simulate_params *p = &sim->params;
    int bayes = p->parameter_uncertainty == RM_SIM_PARAM_BAYES;
    sim->n_cand = bayes ? N_RANGE_FACTORS : 1;
    rm_status st = RM_OK;
    double best = -INFINITY;
    for (size_t k = 0; k < sim->n_cand && !st; k++) {
        range_candidate *c = &sim->cand[k];
        c->factor = bayes ? RANGE_FACTORS[k] : 1.0;
        st = scale_horizontal(&sim->model, c->factor, &c->model, err);
        if (!st && bayes)
            st = candidate_posterior(sim, c, cx, cy, cz, score, n, err);
        best = fmax(best, c->loglik);
        if (!st) {
            rm_sgs_params sp = {.model = c->model, .nmax = p->nmax, .radius = p->radius,
                                .sk_mean = 0.0, .multigrid = p->multigrid, .depth_axis = 1,
                                .seed = p->seed};
            rm_sgs_data sd = {n, cx, cy, cz, score};
            st = rm_sgs_alloc(&sim->sg, &sd, &sp, &c->sgs, err);
        }
    }
    if (st)
        return st;
    double tot = 0;
    for (size_t k = 0; k < sim->n_cand; k++)
        tot += sim->cand[k].weight = exp(sim->cand[k].loglik - best);
    double cum = 0;
    for (size_t k = 0; k < sim->n_cand; k++) {
        range_candidate *c = &sim->cand[k];
        c->weight /= tot;
        cum += c->weight;
        c->cum_weight = k + 1 == sim->n_cand ? 1.0 : cum;
        if (bayes)
            rm_log(log, RM_LOG_INFO,
                   "simulate: parameter uncertainty: horizontal range × %g, posterior weight "
                   "%.3f, s.d. of the Gaussian mean %.3f", c->factor, c->weight,
                   c->overall_mean_sd);
    }
    return RM_OK;
}

/* RM_SIM_PARAM_BOOTSTRAP: the spatial bootstrap (simulate_bootstrap.c) of
 * the cores' mean ΣREY over the reporting window.
 *
 * The histogram the transforms take as known is a sample: with few cores its
 * mean is uncertain by about the standard error of the cores' mean, more
 * when the cores are correlated (Journel 1994; Deutsch 2004).  A core is a
 * site (composites with the same x, y); its value the plain mean of its
 * composites' ΣREY inside the window (1-m composites, equal support), its
 * weight the mean of their declustering weights; the sites' correlation is
 * the normal-score model's at their horizontal separation.  Each
 * realization draws a ratio f = (mean of the resampled cores) / (declustered
 * mean) and multiplies its simulated ΣREY by f at every node that holds no
 * datum: the reference distribution moves by the resampled mean while the
 * data keep their values.  Whole cores are resampled, so the shift is common
 * to all depths, as is a core's richness. */
/* A composite inside the window, for grouping by core. */
typedef struct site_row {
    double x, y, v, w, z_mbsf;
} site_row;

/* qsort order of site rows by (x, y). */
static int compare_site(const void *pa, const void *pb)
{
    const site_row *a = pa, *b = pb;
    if (a->x != b->x)
        return (a->x > b->x) - (a->x < b->x);
    return (a->y > b->y) - (a->y < b->y);
}

/* The cores' standard error of their mean value, s/√n/mean, over the n
 * site values v (0 when n < 2 or the mean is not positive). */
static double cores_se_rel(const double *v, size_t n)
{
    if (n < 2)
        return 0.0;
    double m = gsl_stats_mean(v, 1, n);
    return m > 0 ? gsl_stats_sd_m(v, 1, n, m) / sqrt((double)n) / m : 0.0;
}

/* The cores' window means, their standard error (sim->cores_se_rel, for
 * every method), and with resample the spatial bootstrap of their mean. */
static rm_status core_bootstrap(rm_simulation *sim, const double *cx, const double *cy,
                                const double *cz_mbsf, const double *vals, const double *wts,
                                size_t n, int resample, const rm_logger *log, rm_error *err)
{
    const rm_simulate_params *p = &sim->params;
    site_row *rows = malloc((n ? n : 1) * sizeof *rows);
    double *sx = malloc((n ? n : 1) * sizeof *sx), *sy = malloc((n ? n : 1) * sizeof *sy);
    double *sv = calloc(n ? n : 1, sizeof *sv), *sw = calloc(n ? n : 1, sizeof *sw);
    size_t nsite = 0, nrow = 0;
    rm_status st = RM_OK;
    if (!rows || !sx || !sy || !sv || !sw) {
        free(rows);
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        if (cz_mbsf[i] >= p->top_mbsf && cz_mbsf[i] <= p->bottom_mbsf)
            rows[nrow++] = (site_row){cx[i], cy[i], vals[i], wts[i], cz_mbsf[i]};
    qsort(rows, nrow, sizeof *rows, compare_site);
    /* Cores (runs of equal x, y); above BOOT_SITES_MAX every k-th core, so
     * that the (cores + points)² factorisation stays small. */
    size_t ncore = 0;
    for (size_t i = 0; i < nrow; i++)
        ncore += i == 0 || compare_site(&rows[i], &rows[i - 1]) != 0;
    size_t keep = ncore > BOOT_SITES_MAX ? (ncore + BOOT_SITES_MAX - 1) / BOOT_SITES_MAX : 1;
    /* Each kept core's support in the window: k composites spanning s m
     * (first to last centre) cover s k/(k − 1), one composite a block. */
    double support_sum = 0;
    for (size_t i = 0, c = 0; i < nrow;) {
        size_t e = i + 1;
        while (e < nrow && compare_site(&rows[e], &rows[i]) == 0)
            e++;
        if (c++ % keep == 0) {
            double v = 0, w = 0, zlo = INFINITY, zhi = -INFINITY;
            for (size_t k = i; k < e; k++) {
                v += rows[k].v, w += rows[k].w;
                zlo = fmin(zlo, rows[k].z_mbsf), zhi = fmax(zhi, rows[k].z_mbsf);
            }
            support_sum += e - i > 1 ? (zhi - zlo) * (double)(e - i) / (double)(e - i - 1)
                                     : sim->sg.dz;
            sx[nsite] = rows[i].x;
            sy[nsite] = rows[i].y;
            sv[nsite] = v / (double)(e - i);
            sw[nsite] = w / (double)(e - i);
            nsite++;
        }
        i = e;
    }
    free(rows);
    sim->cores_se_rel = cores_se_rel(sv, nsite);
    sim->se_cores = nsite < 2 ? 0 : nsite;
    if (!resample)
        goto done;
    if (nsite < 2) {
        st = rm_error_set(err, RM_EINVAL,
                          "simulate: parameter_uncertainty = bootstrap needs at least 2 cores "
                          "with composites in the window (%zu); use none", nsite);
        goto done;
    }
    /* domain: the grid's columns that hold tonnes in the window, on a
     * lattice of at most ~DOMAIN_POINTS. */
    double *dx = NULL, *dy = NULL;
    size_t m = 0;
    if (p->parameter_uncertainty == RM_SIM_PARAM_DOMAIN) {
        const rm_grid *g = &sim->bm->grid;
        size_t step = (size_t)ceil(sqrt((double)sim->ncols / DOMAIN_POINTS));
        step = step < 1 ? 1 : step;
        dx = malloc(sim->ncols * sizeof *dx);
        dy = malloc(sim->ncols * sizeof *dy);
        if (!dx || !dy) {
            free(dx);
            free(dy);
            st = rm_error_set(err, RM_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t j = step / 2; j < g->ny; j += step)
            for (size_t i = step / 2; i < g->nx; i += step) {
                int any = 0;
                for (size_t k = 0; k < g->nz && !any; k++)
                    any = sim->mud_w[rm_grid_index(g, i, j, k)] > 0;
                if (any) {
                    dx[m] = rm_grid_xc(g, i);
                    dy[m] = rm_grid_yc(g, j);
                    m++;
                }
            }
    }
    /* A core's value is its mean over the window: segments of the cores'
     * mean support there (at most the window) at the grid's block height. */
    double len = fmin(p->bottom_mbsf - p->top_mbsf, support_sum / (double)nsite);
    len = len > sim->sg.dz ? len : sim->sg.dz;
    size_t nseg = (size_t)fmax(1.0, fmin(BOOT_SEGMENT_MAX, floor(len / sim->sg.dz + 0.5)));
    st = rm_spatial_bootstrap_init(&sim->boot, sx, sy, sv, sw, nsite, dx, dy, m, &sim->model,
                                   nseg, len / (double)nseg, err);
    free(dx);
    free(dy);
    if (!st)
        rm_log(log, RM_LOG_INFO,
               "simulate: parameter uncertainty: spatial bootstrap of %zu cores' mean "
               "(declustered %.4g ppm; their means over %.3g m of the window correlated as "
               "%zu points)%s, %zu domain points", nsite, sim->boot.mean, len, nseg,
               m ? " against the domain's" : "", m);
done:
    free(sx); free(sy); free(sv); free(sw);
    return st;
}

/* Realization r's bootstrap ratio (1 unless RM_SIM_PARAM_BOOTSTRAP): a
 * function of (seed, r) alone. */
static rm_status bootstrap_ratio(const rm_simulation *sim, size_t r, double *f, rm_error *err)
{
    *f = 1.0;
    if (sim->params.parameter_uncertainty < RM_SIM_PARAM_BOOTSTRAP)
        return RM_OK;
    gsl_rng *rng = rm_rng_stream(sim->params.seed ^ PARAM_STREAM_SALT, (uint64_t)r);
    double *work = malloc((sim->boot.n + sim->boot.m) * sizeof *work);
    if (rng && work)
        *f = rm_spatial_bootstrap_ratio(&sim->boot, rng, work);
    gsl_rng_free(rng);
    int ok = rng && work;
    free(work);
    return ok ? RM_OK : rm_error_set(err, RM_ENOMEM, "out of memory");
}

/* RM_SIM_PARAM_BOOTSTRAP_SK: how much of a change of the random function's
 * mean reaches each block given the data.
 *
 * The spatial bootstrap draws the uncertainty of the random function's mean
 * (Deutsch 2004); the SGS around a known mean already draws the rest, the
 * uncertainty of the field given the data and that mean.  Given the data,
 * the simple-kriging mean at x is m + Σ λ_i (y_i − m) = Σ λ_i y_i +
 * (1 − Σ λ_i) m, so a change δ of the mean moves it by (1 − Σ λ_i(x)) δ
 * (the term by which ordinary or universal kriging adds the variance of the
 * estimated mean to the simple-kriging variance; Chilès & Delfiner 2012,
 * ch. 3; Goovaerts 1997, ch. 5).  Scaling every node without a datum by
 * the whole ratio (RM_SIM_PARAM_BOOTSTRAP) moves blocks next to cores,
 * which the cores pin, as much as blocks far from any core, counting the
 * uncertainty of the mean where the data leave none (docs/simulation.md,
 * "Calibration").  Each block's
 * weight 1 − Σ λ_i(x) comes from one simple kriging of ones (estimate =
 * Σ λ_i) with the normal-score model and the simulation's nmax. */
static rm_status mean_sensitivity(rm_simulation *sim, const double *cx, const double *cy,
                                  const double *cz, size_t n, rm_error *err)
{
    const rm_grid *g = &sim->sg;
    size_t nn = rm_grid_nblocks(g);
    double *xyz = malloc(3 * n * sizeof *xyz), *ones = malloc(n * sizeof *ones);
    double *est = malloc(nn * sizeof *est);
    sim->mean_weight = malloc(nn * sizeof *sim->mean_weight);
    rm_status st = RM_OK;
    if (!xyz || !ones || !est || !sim->mean_weight) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        xyz[3 * i] = cx[i];
        xyz[3 * i + 1] = cy[i];
        xyz[3 * i + 2] = cz[i];
        ones[i] = 1.0;
    }
    rm_krige_params kp;
    rm_krige_params_default(&kp);
    kp.kind = RM_KRIGE_SIMPLE;
    kp.nmax = sim->params.nmax;
    kp.threads = sim->params.threads;
    double zero = 0.0;
    rm_krige *k = NULL;
    st = rm_krige_alloc(&kp, &sim->model, xyz, ones, n, 1, &zero, NULL, &k, err);
    if (!st) {
        double first[3] = {rm_grid_xc(g, 0), rm_grid_yc(g, 0), rm_grid_zc(g, 0)};
        double step[3] = {g->dx, g->dy, g->dz};
        size_t count[3] = {g->nx, g->ny, g->nz};
        rm_krige_out out = {.est = est};
        st = rm_krige_grid(k, first, step, count, &out, NULL, err);
    }
    rm_krige_free(k);
    if (!st)
        for (size_t b = 0; b < nn; b++) {
            double w = isfinite(est[b]) ? 1.0 - est[b] : 1.0;
            sim->mean_weight[b] = (float)fmin(1.0, fmax(0.0, w));
        }
done:
    free(xyz);
    free(ones);
    free(est);
    return st;
}

/* The factor for a realization's bootstrap ratio f of the block at node b
 * of the simulation grid: 1 at a datum; under RM_SIM_PARAM_BOOTSTRAP_SK
 * 1 + (f − 1)(1 − Σλ(b)) (mean_sensitivity); otherwise f. */
static double boot_scale(const rm_simulation *sim, size_t b, double f)
{
    if (!sim->is_data || sim->is_data[b])
        return 1.0;
    return sim->mean_weight ? 1.0 + (f - 1.0) * sim->mean_weight[b] : f;
}

/* A datum with a value, inside the grid's closed box: a core on the outer
 * edge is inside the project area (the estimate accepts it) and SGS puts
 * it in the last cell.  Same arithmetic as rm_sgs_alloc. */
static int usable(const rm_grid *g, const rm_simulate_data *d, size_t i)
{
    double fi = (d->x[i] - g->x0) / g->dx, fj = (d->y[i] - g->y0) / g->dy,
           fk = (d->z[i] - g->z0) / g->dz;
    return isfinite(d->srey_ppm[i]) && fi >= 0 && fi <= (double)g->nx && fj >= 0 &&
           fj <= (double)g->ny && fk >= 0 && fk <= (double)g->nz;
}

/* ---- Stratigraphic coordinates: the flattened simulation grid ----
 *
 * With [estimate] vertical = horizon the block model carries the reference
 * surface h (surface "horizon_mbsf", depth below seafloor of the top of the
 * REY-rich mud at each column c).  The simulation then runs where the layers
 * are flat, in depth below the horizon plus a constant,
 *
 *   z' = z − h_c + H,   H = max h_c,
 *
 * on a grid with the block grid's columns, top z0 and enough layers for
 * every block and datum.  A composite sits at its own z' (h of its column:
 * the blocks' surface, so that a core and the blocks around it share one
 * frame — the cores' own picks, off it by up to a sample interval, measured
 * worse on synthetic deposits).  Block (i, j, l) spans nodes l + s_c to
 * l + s_c + 1 of the column in node units, s_c = (H − h_c)/dz, so its
 * value is the length-weighted mean of the two nodes it overlaps,
 *
 *   v = (1 − w_c) v(l + kofs_c) + w_c v(l + kofs_c + 1),
 *   kofs_c = ⌊s_c⌋,  w_c = s_c − kofs_c,
 *
 * each node's value back-transformed with its own slice's table (rounding
 * to the nearest node instead moves whole columns by dz/2 where the horizon
 * is noisy, measured worse on a flat synthetic deposit).  docs/simulation.md
 * "Stratigraphic coordinates". */

/* Column of a point inside the grid's closed box (the last cell on the
 * outer edge, as rm_sgs_alloc). */
static size_t column_of(const rm_grid *g, double x, double y)
{
    double fi = (x - g->x0) / g->dx, fj = (y - g->y0) / g->dy;
    size_t i = fi > 0 ? (size_t)fi : 0, j = fj > 0 ? (size_t)fj : 0;
    i = i < g->nx ? i : g->nx - 1;
    j = j < g->ny ? j : g->ny - 1;
    return i + g->nx * j;
}

/* The horizon (mbsf) at datum i: the surface at its column. */
static double data_horizon(const rm_simulation *sim, const rm_simulate_data *d, size_t i)
{
    return sim->hcol[column_of(&sim->bm->grid, d->x[i], d->y[i])];
}

/* Depth on the simulation grid of datum i (usable() holds). */
static double sim_z(const rm_simulation *sim, const rm_simulate_data *d, size_t i)
{
    if (!sim->kofs)
        return d->z[i];
    return d->z[i] - data_horizon(sim, d, i) + sim->hmax;
}

/* Layer of the simulation grid of block layer k in column col. */
static size_t sim_layer(const rm_simulation *sim, size_t col, size_t k)
{
    return sim->kofs ? k + sim->kofs[col] : k;
}

/* Node of the simulation grid of block b. */
static size_t sim_node(const rm_simulation *sim, size_t b)
{
    if (!sim->kofs)
        return b;
    size_t col = b % sim->ncols;
    return col + sim->ncols * sim_layer(sim, col, b / sim->ncols);
}

/* sim->sg, kofs, hcol and hmax from the block model (the block grid itself
 * when it carries no horizon). */
static rm_status flatten_setup(rm_simulation *sim, const rm_logger *log, rm_error *err)
{
    const rm_grid *g = &sim->bm->grid;
    sim->sg = *g;
    const double *h = rm_blockmodel_get_surface(sim->bm, "horizon_mbsf");
    if (!h)
        return RM_OK;
    sim->hcol = h;
    double hmin = INFINITY, hmax = -INFINITY;
    for (size_t c = 0; c < sim->ncols; c++) {
        if (!isfinite(h[c]))
            return rm_error_set(err, RM_EINVAL, "simulate: the horizon surface has no value "
                                "at column %zu", c);
        hmin = fmin(hmin, h[c]);
        hmax = fmax(hmax, h[c]);
    }
    sim->hmax = hmax;
    if (!(sim->kofs = malloc(sim->ncols * sizeof *sim->kofs)))
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    if (!(sim->kfrac = malloc(sim->ncols * sizeof *sim->kfrac)))
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    size_t kmax = 0;
    for (size_t c = 0; c < sim->ncols; c++) {
        double sc = (hmax - h[c]) / g->dz;
        sim->kofs[c] = (size_t)floor(sc);
        sim->kfrac[c] = sc - floor(sc);
        size_t top = sim->kofs[c] + (sim->kfrac[c] > 0);
        kmax = top > kmax ? top : kmax;
    }
    /* Layers for every block (nz + kmax) and every datum (z' to
     * z0 + nz dz + hmax − hmin). */
    size_t nzd = (size_t)ceil((double)g->nz + (hmax - hmin) / g->dz - 1e-9);
    sim->sg.nz = g->nz + kmax > nzd ? g->nz + kmax : nzd;
    rm_log(log, RM_LOG_INFO, "simulate: in horizon coordinates: horizon at %.2f-%.2f mbsf, "
           "columns shifted by 0-%zu layers of %g m; simulation grid %zu x %zu x %zu", hmin,
           hmax, kmax, g->dz, sim->sg.nx, sim->sg.ny, sim->sg.nz);
    return RM_OK;
}

/* ---- Multivariate simulation: MAF of the normal scores ----
 *
 * The 15 REY and the dry density of the composites → normal scores per
 * variable and depth slice (as ΣREY's, fit_slices) → min/max
 * autocorrelation factors from the lag-0 covariance and the downhole
 * variogram matrix at one composite's spacing (simulate_mv.c; Switzer &
 * Green 1984; Desbarats & Dimitrakopoulos 2000) → one SGS per factor with
 * its own auto-fitted variogram, conditioned on the factor's values at the
 * composites → per block and realization, scores y = f W⁻¹ → each
 * variable's back-transform.  ΣREY is the sum of the simulated elements.
 * docs/simulation.md, "Multivariate". */

/* A composite's index with its position, the key that puts the cores in
 * order and each core downhole. */
typedef struct core_depth_key {
    double x, y, z;
    size_t i;
} core_depth_key;

/* qsort order of core_depth_key by (x, y, z), then index: a total order, so
 * the result does not depend on the sort's handling of ties. */
static int compare_core_depth(const void *pa, const void *pb)
{
    const core_depth_key *a = pa, *b = pb;
    if (a->x != b->x)
        return (a->x > b->x) - (a->x < b->x);
    if (a->y != b->y)
        return (a->y > b->y) - (a->y < b->y);
    if (a->z != b->z)
        return (a->z > b->z) - (a->z < b->z);
    return (a->i > b->i) - (a->i < b->i);
}

/* Sort the n composite indices idx into cores in order, each downhole
 * (x, y, z of data).  Returns RM_ENOMEM when the keys cannot be had. */
static rm_status sort_core_depth(const rm_simulate_data *data, size_t *idx, size_t n,
                                 rm_error *err)
{
    core_depth_key *key = malloc((n ? n : 1) * sizeof *key);
    if (!key)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    for (size_t a = 0; a < n; a++)
        key[a] = (core_depth_key){data->x[idx[a]], data->y[idx[a]], data->z[idx[a]], idx[a]};
    qsort(key, n, sizeof *key, compare_core_depth);
    for (size_t a = 0; a < n; a++)
        idx[a] = key[a].i;
    free(key);
    return RM_OK;
}

/* Fewest measured dry densities for density's transforms (fit_slices'
 * smallest table). */
#define MV_MIN_DENSITIES 10

/* Whether composite i carries a dry density (data->density_t_m3 non-NULL). */
static int has_density(const rm_simulate_data *data, size_t i)
{
    return isfinite(data->density_t_m3[i]) && data->density_t_m3[i] > 0;
}

/* Set up sim->mv from the data (left 0, with a log line, when the data do
 * not carry every element or are too few). */
static rm_status mv_setup(rm_simulation *sim, const rm_simulate_data *data,
                          const rm_logger *log, rm_error *err)
{
    const rm_grid *g = &sim->bm->grid;
    const rm_simulate_params *p = &sim->params;
    for (int e = 0; e < RM_NREY; e++)
        if (!data->element_ppm[e]) {
            rm_log(log, RM_LOG_INFO, "simulate: the data carry no %s: ΣREY simulated and split "
                   "by the kriged composition", rm_element(e)->symbol);
            return RM_OK;
        }
    if (p->parameter_uncertainty == RM_SIM_PARAM_BAYES) {
        rm_log(log, RM_LOG_INFO, "simulate: parameter_uncertainty = bayes draws ΣREY's model: "
               "ΣREY simulated and split by the kriged composition");
        return RM_OK;
    }
    size_t nv = data->density_t_m3 ? RM_NREY + 1 : RM_NREY;
    const double rho_default = data->density_default_t_m3;
    size_t n = 0, N = data->n ? data->n : 1;
    size_t *idx = malloc(N * sizeof *idx), *pa = malloc(N * sizeof *pa),
           *pb = malloc(N * sizeof *pb);
    double *vals = malloc(nv * N * sizeof *vals), *y = malloc(nv * N * sizeof *y);
    double *f = malloc(N * sizeof *f), *wts = malloc(N * sizeof *wts);
    double *cx = malloc(N * sizeof *cx), *cy = malloc(N * sizeof *cy), *cz = malloc(N * sizeof *cz);
    rm_status st = RM_OK;
    if (!idx || !pa || !pb || !vals || !y || !f || !wts || !cx || !cy || !cz) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    /* Composites with every element; one without a dry density takes the
     * estimate's default (estimate.c fills it so for kriging), or is left
     * out when there is none.  Too few measured densities to fit density's
     * transforms: density is not simulated (the kriged one serves). */
    size_t n_no_rho = 0;
    for (size_t i = 0; i < data->n; i++) {
        int ok = usable(g, data, i);
        for (int e = 0; e < RM_NREY && ok; e++)
            ok = isfinite(data->element_ppm[e][i]) && data->element_ppm[e][i] >= 0;
        if (ok && nv > RM_NREY && !has_density(data, i)) {
            n_no_rho++;
            ok = rho_default > 0;
        }
        if (ok)
            idx[n++] = i;
    }
    if (nv > RM_NREY && n_no_rho) {
        if (!(rho_default > 0))
            rm_log(log, RM_LOG_WARN, "simulate: %zu composites carry no dry density and do not "
                   "condition the factors (no default density)", n_no_rho);
        else if (n - n_no_rho < MV_MIN_DENSITIES) {
            rm_log(log, RM_LOG_WARN, "simulate: %zu composites carry a dry density (of %zu): "
                   "density is not simulated, the kriged density serves", n - n_no_rho, n);
            nv = RM_NREY;
            n_no_rho = 0;
        } else
            rm_log(log, RM_LOG_WARN, "simulate: %zu of %zu composites carry no dry density: "
                   "the factors take the default %g t/m3 there ([estimate] dry_density_t_m3, "
                   "as the estimate does)", n_no_rho, n, rho_default);
    }
    if (n < 10 + nv) {
        rm_log(log, RM_LOG_WARN, "simulate: %zu composites carry every element%s: ΣREY "
               "simulated and split by the kriged composition", n,
               nv > RM_NREY ? " and density" : "");
        goto done;
    }
    /* Cores in order, downhole: lag pairs are consecutive composites of a core. */
    if ((st = sort_core_depth(data, idx, n, err)))
        goto done;
    size_t npair = 0;
    for (size_t a = 0; a < n; a++) {
        size_t i = idx[a];
        cx[a] = data->x[i], cy[a] = data->y[i], cz[a] = sim_z(sim, data, i);
        wts[a] = data->weight ? data->weight[i] : 1.0;
        for (size_t v = 0; v < nv; v++)
            vals[v * n + a] = v < RM_NREY          ? data->element_ppm[v][i]
                              : has_density(data, i) ? data->density_t_m3[i]
                                                     : rho_default;
        if (a > 0 && cx[a] == cx[a - 1] && cy[a] == cy[a - 1]) {
            pa[npair] = a - 1;
            pb[npair] = a;
            npair++;
        }
    }
    sim->nv = nv;
    sim->mv_ns = calloc(nv * sim->n_slices, sizeof *sim->mv_ns);
    sim->win_vol = calloc(sim->nblocks, sizeof *sim->win_vol);
    if (!sim->mv_ns || !sim->win_vol) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t v = 0; v < RM_NREY && !st; v++)
        st = fit_slices(sim, vals + v * n, wts, cz, n, 0.0, p->zmax_factor,
                        sim->mv_ns + v * sim->n_slices, err);
    if (nv > RM_NREY && !st) {
        /* Density's transforms from the measured densities only (the
         * default is no sample of the distribution); a default goes through
         * them as a datum.  f (the factors' values) is free until then. */
        double *mv_vals = f, *mv_wts = malloc(N * sizeof *mv_wts), *mv_z = malloc(N * sizeof *mv_z);
        size_t m = 0;
        if (!mv_wts || !mv_z)
            st = rm_error_set(err, RM_ENOMEM, "out of memory");
        for (size_t a = 0; a < n && !st; a++)
            if (has_density(data, idx[a])) {
                mv_vals[m] = vals[RM_NREY * n + a], mv_wts[m] = wts[a], mv_z[m] = cz[a];
                m++;
            }
        if (!st)
            st = fit_slices(sim, mv_vals, mv_wts, mv_z, m, 1.0 / p->zmax_factor, p->zmax_factor,
                            sim->mv_ns + RM_NREY * sim->n_slices, err);
        free(mv_wts);
        free(mv_z);
    }
    if (st)
        goto done;
    for (size_t a = 0; a < n; a++)
        for (size_t v = 0; v < nv; v++)
            y[a * nv + v] = rm_nscore_forward(&sim->mv_ns[v * sim->n_slices + slice_of(sim, cz[a])],
                                              vals[v * n + a]);
    rm_error maf_err;
    rm_error_clear(&maf_err);
    if ((st = rm_maf_fit(y, n, nv, pa, pb, npair, sim->maf_w, sim->maf_winv, sim->maf_lambda,
                         &maf_err))) {
        if (st == RM_ENOMEM) {
            if (err)
                *err = maf_err;
            goto done;
        }
        /* Elements in fixed proportions (or too few pairs): their scores
         * are one variable, and the ΣREY split is then exact. */
        rm_log(log, RM_LOG_WARN, "simulate: %s; ΣREY simulated and split by the kriged "
               "composition", maf_err.message);
        st = RM_OK;
        goto done;
    }
    if (strcmp(p->model, "auto"))
        rm_log(log, RM_LOG_INFO, "simulate: [simulate] variogram %s is the model of every one of "
               "the %zu MAF factors (variogram = auto fits each its own)", p->model, nv);
    for (size_t k = 0; k < nv && !st; k++) {
        for (size_t a = 0; a < n; a++) {
            double s = 0;
            for (size_t v = 0; v < nv; v++)
                s += y[a * nv + v] * sim->maf_w[v * nv + k];
            f[a] = s;
        }
        rm_simulate_data sd = {n, cx, cy, cz, f, NULL, {NULL}, NULL, 0};
        if (!strcmp(p->model, "auto"))
            st = auto_model(&sd, f, g->dz, &sim->fmodel[k], log, err);
        else
            st = rm_vgm_parse(p->model, &sim->fmodel[k], err);
        if (!st) {
            /* Each factor its own stream family: independent factors. */
            rm_sgs_params sp = {.model = sim->fmodel[k], .nmax = p->nmax, .radius = p->radius,
                                .sk_mean = 0.0, .multigrid = p->multigrid, .depth_axis = 1,
                                .seed = rm_seed_mix(p->seed, (uint64_t)k + 1)};
            rm_sgs_data sgd = {n, cx, cy, cz, f};
            st = rm_sgs_alloc(&sim->sg, &sgd, &sp, &sim->fsgs[k], err);
        }
        if (!st)
            rm_log(log, RM_LOG_DEBUG, "simulate: MAF factor %zu: gamma(h)/sigma^2 = %.3f", k,
                   sim->maf_lambda[k]);
    }
    if (st)
        goto done;
    /* The composites' correlations in the window, declustering-weighted. */
    rm_corr_acc acc;
    memset(&acc, 0, sizeof acc);
    acc.p = nv;
    for (size_t a = 0; a < n; a++)
        if (data->z[idx[a]] >= p->top_mbsf && data->z[idx[a]] <= p->bottom_mbsf) {
            double x[RM_SIM_NVARS];
            for (size_t v = 0; v < nv; v++)
                x[v] = vals[v * n + a];
            rm_corr_acc_add(&acc, x, wts[a]);
        }
    rm_corr_acc_matrix(&acc, sim->corr_data);
    double vol = rm_grid_block_volume_m3(g);
    for (size_t b = 0; b < sim->nblocks; b++)
        if (sim->mud_w[b] > 0)
            sim->win_vol[b] = vol * rm_gt_layer_fraction(g, b / sim->ncols, p->top_mbsf,
                                                         p->bottom_mbsf);
    sim->mv = 1;
    sim->mv_without_density = n_no_rho;
    rm_log(log, RM_LOG_INFO, "simulate: multivariate: %zu variables of %zu composites through "
           "min/max autocorrelation factors (%zu downhole pairs)", nv, n, npair);
done:
    free(idx); free(pa); free(pb); free(vals); free(y); free(f); free(wts);
    free(cx); free(cy); free(cz);
    return st;
}

/* The simulations a realization runs: one per MAF factor, or the range
 * candidates of ΣREY (one unless bayes). */
static size_t n_fields(const rm_simulation *sim) { return sim->mv ? sim->nv : sim->n_cand; }
static const rm_sgs *field_sgs(const rm_simulation *sim, size_t f)
{
    return sim->mv ? sim->fsgs[f] : sim->cand[f].sgs;
}

/* Tiles: bands of tile_rows rows of y, and the halo every field's search
 * reaches (the largest; its template is never wider). */
static void tile_setup(rm_simulation *sim, const rm_logger *log)
{
    const rm_grid *g = &sim->sg;
    sim->halo_rows = 0;
    for (size_t f = 0; f < n_fields(sim); f++) {
        rm_sgs_params sp = {.model = sim->mv ? sim->fmodel[f] : sim->cand[f].model,
                            .radius = sim->params.radius};
        size_t h = rm_sgs_halo_rows(g, &sp);
        sim->halo_rows = h > sim->halo_rows ? h : sim->halo_rows;
    }
    if (sim->halo_rows > g->ny)
        sim->halo_rows = g->ny;
    /* Automatic: one tile up to RM_SIM_TILE_AUTO_NODES blocks, else bands of
     * about that many, but at least two halos' worth of rows, so that a
     * tile simulates at least as many rows as its halos hold. */
    size_t rows = sim->params.tile_rows, nb = rm_grid_nblocks(g);
    if (!rows && nb <= RM_SIM_TILE_AUTO_NODES)
        rows = g->ny;
    else if (!rows) {
        rows = RM_SIM_TILE_AUTO_NODES / (g->nx * g->nz);
        rows = rows > 2 * sim->halo_rows ? rows : 2 * sim->halo_rows;
        rows = rows ? rows : 1;
    }
    if (rows > g->ny)
        rows = g->ny;
    sim->tile_rows = rows;
    sim->ntiles = (g->ny + rows - 1) / rows;
    if (sim->ntiles > 1)
        rm_log(log, RM_LOG_INFO, "simulate: %zu tiles of %zu rows (of %zu), halo %zu rows "
               "(the search radius)", sim->ntiles, rows, g->ny, sim->halo_rows);
}

/* Tile t's rows. */
static tile_span tile_of(const rm_simulation *sim, size_t t)
{
    size_t ny = sim->bm->grid.ny, h = sim->halo_rows;
    tile_span sp;
    sp.j0 = t * sim->tile_rows;
    sp.j1 = sp.j0 + sim->tile_rows < ny ? sp.j0 + sim->tile_rows : ny;
    sp.s0 = sp.j0 > h ? sp.j0 - h : 0;
    sp.s1 = sp.j1 + h < ny ? sp.j1 + h : ny;
    if (sim->ntiles == 1)
        sp.s0 = 0, sp.s1 = ny;
    return sp;
}

/* Salt of the stream family of tiles after the first: tile t > 0 draws
 * from rm_seed_mix(seed, TILE_STREAM_SALT + t). */
#define TILE_STREAM_SALT 0x74696c6500000000ULL

/* The fields' simulations restricted to tile t (out[f]); with one tile the
 * whole grid's own (nothing allocated). */
static rm_status tile_sgs_alloc(const rm_simulation *sim, size_t t, rm_sgs **out,
                                rm_error *err)
{
    size_t nf = n_fields(sim);
    for (size_t f = 0; f < nf; f++)
        out[f] = NULL;
    if (sim->ntiles == 1)
        return RM_OK;
    tile_span sp = tile_of(sim, t);
    rm_status st = RM_OK;
    for (size_t f = 0; f < nf && !st; f++) {
        uint64_t seed = rm_sgs_get_seed(field_sgs(sim, f));
        if (t > 0)
            seed = rm_seed_mix(seed, TILE_STREAM_SALT + t);
        st = rm_sgs_alloc_rows(field_sgs(sim, f), sp.s0, sp.s1, seed, &out[f], err);
    }
    return st;
}

static void tile_sgs_free(const rm_simulation *sim, rm_sgs **tsgs)
{
    for (size_t f = 0; f < n_fields(sim); f++) {
        rm_sgs_free(tsgs[f]);
        tsgs[f] = NULL;
    }
}

rm_status rm_simulation_alloc(const rm_blockmodel *bm, const rm_simulate_data *data,
                              const rm_simulate_params *params, const rm_logger *log,
                              rm_simulation **out, rm_error *err)
{
    *out = NULL;
    if (params->n_cutoffs < 1 || params->n_cutoffs > RM_SIM_MAX_CUTOFFS)
        return rm_error_set(err, RM_EINVAL, "simulate: 1 to %d cut-offs", RM_SIM_MAX_CUTOFFS);
    if (params->realizations < 1)
        return rm_error_set(err, RM_EINVAL, "simulate: at least one realization");
    const double *srey = rm_blockmodel_get(bm, "SREY_ppm");
    const double *dens = rm_blockmodel_get(bm, "dry_density_t_m3");
    if (!srey || !dens)
        return rm_error_set(err, RM_EINVAL,
                            "simulate: the block model needs SREY_ppm and dry_density_t_m3");
    const double *el[RM_NREY];
    for (int e = 0; e < RM_NREY; e++) {
        char name[32];
        snprintf(name, sizeof name, "%s_ppm", rm_element(e)->symbol);
        if (!(el[e] = rm_blockmodel_get(bm, name)))
            return rm_error_set(err, RM_EINVAL, "simulate: the block model has no %s", name);
    }
    rm_simulation *sim = calloc(1, sizeof *sim);
    if (!sim)
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    sim->bm = bm;
    sim->params = *params;
    const rm_grid *g = &bm->grid;
    sim->nblocks = rm_grid_nblocks(g);
    sim->ncols = g->nx * g->ny;
    rm_status st = flatten_setup(sim, log, err);
    if (st) {
        rm_simulation_free(sim);
        return st;
    }
    sim->mud_w = calloc(sim->nblocks, sizeof *sim->mud_w);
    double *score = malloc((data->n ? data->n : 1) * sizeof *score);
    if (!sim->mud_w || !score) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto fail;
    }
    /* Tonnes in the window of each block. */
    double vol = rm_grid_block_volume_m3(g);
    for (size_t b = 0; b < sim->nblocks; b++) {
        double f = rm_gt_layer_fraction(g, b / sim->ncols, params->top_mbsf,
                                        params->bottom_mbsf);
        if (f > 0 && srey[b] > 0 && isfinite(dens[b]))
            sim->mud_w[b] = vol * dens[b] * f;
    }
    /* Normal scores of the data inside the grid: data outside it cannot
     * condition the simulation, and a deposit whose grade changes with
     * depth would otherwise lend the grid the histogram of other depths. */
    double zmax = 0;
    size_t n = 0;
    for (size_t i = 0; i < data->n; i++)
        if (usable(g, data, i)) {
            zmax = fmax(zmax, data->srey_ppm[i]);
            n++;
        }
    if (n < 10) {
        st = rm_error_set(err, RM_EINVAL, "simulate: %zu composites with ΣREY inside the grid (need at least 10)", n);
        goto fail;
    }
    /* cz: depth on the simulation grid; czm: mbsf (the window) */
    double *vals = malloc(n * sizeof *vals), *wts = malloc(n * sizeof *wts);
    double *cx = malloc(n * sizeof *cx), *cy = malloc(n * sizeof *cy), *cz = malloc(n * sizeof *cz);
    double *czm = malloc(n * sizeof *czm);
    if (!vals || !wts || !cx || !cy || !cz || !czm) {
        free(vals); free(wts); free(cx); free(cy); free(cz); free(czm);
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
        goto fail;
    }
    n = 0;
    for (size_t i = 0; i < data->n; i++)
        if (usable(g, data, i)) {
            vals[n] = data->srey_ppm[i];
            wts[n] = data->weight ? data->weight[i] : 1.0;
            cx[n] = data->x[i];
            cy[n] = data->y[i];
            czm[n] = data->z[i];
            cz[n] = sim_z(sim, data, i);
            n++;
        }
    st = fit_transforms(sim, vals, wts, cz, n, log, err);
    if (!st) {
        for (size_t i = 0; i < n; i++)
            score[i] = rm_nscore_forward(&sim->ns[slice_of(sim, cz[i])], vals[i]);
        rm_simulate_data sd = {n, cx, cy, cz, score, NULL, {NULL}, NULL, 0};
        if (!strcmp(params->model, "auto"))
            st = auto_model(&sd, score, g->dz, &sim->model, log, err);
        else
            st = rm_vgm_parse(params->model, &sim->model, err);
    }
    if (!st)
        st = parameter_posterior(sim, cx, cy, cz, score, n, log, err);
    if (!st)
        st = core_bootstrap(sim, cx, cy, czm, vals, wts, n,
                            params->parameter_uncertainty >= RM_SIM_PARAM_BOOTSTRAP, log, err);
    if (!st && params->parameter_uncertainty >= RM_SIM_PARAM_BOOTSTRAP) {
        if (!st && !(sim->is_data = calloc(rm_grid_nblocks(&sim->sg), 1)))
            st = rm_error_set(err, RM_ENOMEM, "out of memory");
        if (!st) {
            const size_t *dn = rm_sgs_data_nodes(sim->cand[0].sgs);
            for (size_t d = 0; d < rm_sgs_data_used(sim->cand[0].sgs); d++)
                sim->is_data[dn[d]] = 1;
        }
        if (!st && params->parameter_uncertainty == RM_SIM_PARAM_BOOTSTRAP_SK)
            st = mean_sensitivity(sim, cx, cy, cz, n, err);
    }
    free(vals); free(wts); free(cx); free(cy); free(cz); free(czm);
    if (!st && params->multivariate)
        st = mv_setup(sim, data, log, err);
    if (!st && sim->mv && sim->is_data) {
        /* The nodes that hold the multivariate data keep their values. */
        memset(sim->is_data, 0, rm_grid_nblocks(&sim->sg));
        const size_t *dn = rm_sgs_data_nodes(sim->fsgs[0]);
        for (size_t d = 0; d < rm_sgs_data_used(sim->fsgs[0]); d++)
            sim->is_data[dn[d]] = 1;
    }
    /* The kriged composition of each block splits a simulated ΣREY, when
     * the elements are not simulated each (mv_setup says why). */
    if (!st && !sim->mv && !(sim->comp = calloc((size_t)RM_NREY * sim->nblocks,
                                                 sizeof *sim->comp)))
        st = rm_error_set(err, RM_ENOMEM, "out of memory");
    for (size_t b = 0; b < sim->nblocks && sim->comp && !st; b++) {
        if (!(sim->mud_w[b] > 0))
            continue; /* no tonnes in the window: the split never reads it */
        for (int e = 0; e < RM_NREY; e++)
            sim->comp[(size_t)e * sim->nblocks + b] =
                (float)(isfinite(el[e][b]) ? el[e][b] / srey[b] * rm_element(e)->oxide_factor : 0.0);
    }
    if (!st)
        tile_setup(sim, log);
    if (st)
        goto fail;
    free(score);
    *out = sim;
    return RM_OK;
fail:
    free(score);
    rm_simulation_free(sim);
    return st;
}

void rm_simulation_free(rm_simulation *sim)
{
    if (!sim)
        return;
    for (size_t i = 0; sim->ns && i < sim->n_slices; i++)
        rm_nscore_free(&sim->ns[i]);
    free(sim->ns);
    free(sim->layer_slice);
    for (size_t k = 0; k < sim->n_cand; k++) {
        rm_sgs_free(sim->cand[k].sgs);
        free(sim->cand[k].mean_chol);
    }
    rm_spatial_bootstrap_free(&sim->boot);
    free(sim->is_data);
    free(sim->mean_weight);
    for (size_t i = 0; sim->mv_ns && i < sim->nv * sim->n_slices; i++)
        rm_nscore_free(&sim->mv_ns[i]);
    free(sim->mv_ns);
    for (size_t k = 0; k < RM_SIM_NVARS; k++)
        rm_sgs_free(sim->fsgs[k]);
    free(sim->win_vol);
    free(sim->mud_w);
    free(sim->comp);
    free(sim->kofs);
    free(sim->kfrac);
    free(sim);
}

const rm_vgm_model *rm_simulation_model(const rm_simulation *sim) { return &sim->model; }

rm_status rm_sim_partial_init(rm_sim_partial *p, const rm_simulation *sim, rm_error *err)
{
    memset(p, 0, sizeof *p);
    p->nblocks = sim->nblocks;
    p->ncols = sim->ncols;
    p->n_cutoffs = sim->params.n_cutoffs;
    p->sum_fine = calloc(3 * p->nblocks, sizeof *p->sum_fine);
    p->count_above = calloc(p->n_cutoffs * p->ncols, sizeof *p->count_above);
    if (!p->sum_fine || !p->count_above) {
        rm_sim_partial_free(p);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    /* One allocation: [fine | coarse | coarse²]. */
    p->sum_coarse = p->sum_fine + p->nblocks;
    p->sumsq_coarse = p->sum_fine + 2 * p->nblocks;
    return RM_OK;
}

void rm_sim_partial_free(rm_sim_partial *p)
{
    if (!p)
        return;
    free(p->sum_fine);
    free(p->count_above);
    memset(p, 0, sizeof *p);
}

/* Realizations r0 … r0 + m − 1 of tile sp in Gaussian space into buf:
 * field f (a MAF factor, or ΣREY) of realization r0 + j at
 * buf[(f m + j) nsub …], nsub the tile grid's blocks (rows s0 … s1 − 1).
 * Rows s0 … j0 − 1 of buf hold the previous tile's values on entry.
 * Without Bayesian parameters the batch shares one SGS path and its
 * kriging weights (rm_sgs_realize_batch); with them each realization has its
 * own model and means, and m is 1.  tsgs: the fields' tile simulations
 * (tile_sgs_alloc; NULL entries with one tile). */
static rm_status realize(const rm_simulation *sim, rm_sgs *const *tsgs, tile_span sp,
                         size_t r0, size_t m, double *buf, double *layer_mean, rm_error *err)
{
    const rm_grid *g = &sim->sg;
    size_t nsub = g->nx * (sp.s1 - sp.s0) * g->nz;
    size_t fixed = sp.j0 - sp.s0, rows = sp.j1 - sp.j0;
    int tiled = sim->ntiles > 1;
    if (sim->mv) { /* factor k of realization r0 + j at buf[(k m + j) nsub …] */
        rm_status st = RM_OK;
        for (size_t k = 0; k < sim->nv && !st; k++)
            st = tiled ? rm_sgs_realize_batch_rows(tsgs[k], (uint64_t)r0, m, NULL, fixed, rows,
                                                   buf + k * m * nsub, err)
                       : rm_sgs_realize_batch(sim->fsgs[k], (uint64_t)r0, m, NULL,
                                              buf + k * m * nsub, err);
        return st;
    }
    if (sim->params.parameter_uncertainty != RM_SIM_PARAM_BAYES)
        return tiled ? rm_sgs_realize_batch_rows(tsgs[0], (uint64_t)r0, m, NULL, fixed, rows,
                                                 buf, err)
                     : rm_sgs_realize_batch(sim->cand[0].sgs, (uint64_t)r0, m, NULL, buf, err);
    assert(m == 1);
    /* This realization's parameters (parameter_posterior): a candidate
     * range, then slice means μ = L z, from a stream of their own (the same
     * in every tile). */
    size_t S = sim->n_slices;
    double z[64], *zz = S <= 64 ? z : malloc(S * sizeof *zz);
    gsl_rng *rng = rm_rng_stream(sim->params.seed ^ PARAM_STREAM_SALT, (uint64_t)r0);
    if (!zz || !rng) {
        if (zz != z)
            free(zz);
        gsl_rng_free(rng);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    double u = gsl_rng_uniform(rng);
    size_t k = 0;
    while (k + 1 < sim->n_cand && u >= sim->cand[k].cum_weight)
        k++;
    const range_candidate *c = &sim->cand[k];
    for (size_t s = 0; s < S; s++)
        zz[s] = gsl_ran_gaussian_ziggurat(rng, 1.0);
    gsl_rng_free(rng);
    for (size_t kk = 0; kk < g->nz; kk++) {
        size_t s = sim->layer_slice[kk];
        double mu = 0;
        for (size_t t = 0; t <= s; t++)
            mu += c->mean_chol[s * S + t] * zz[t];
        layer_mean[kk] = mu;
    }
    if (zz != z)
        free(zz);
    return tiled ? rm_sgs_realize_batch_rows(tsgs[k], (uint64_t)r0, 1, layer_mean, fixed, rows,
                                             buf, err)
                 : rm_sgs_realize_lvm(c->sgs, (uint64_t)r0, layer_mean, buf, err);
}

/* Realizations per shared SGS path: params.batch, or 1 when each
 * realization draws its own model (bayes). */
static size_t batch_size(const rm_simulation *sim)
{
    if (sim->params.parameter_uncertainty == RM_SIM_PARAM_BAYES)
        return 1;
    return sim->params.batch ? sim->params.batch : RM_SGS_BATCH_DEFAULT;
}

/* Multivariate: the values x (nv: ppm of each element, density) of the
 * node bs of a tile grid of nsub nodes, simulation-grid layer `layer`, for
 * realization j of a batch of m factors in buf: y = f W⁻¹, then each
 * variable's back-transform. */
static void mv_block(const rm_simulation *sim, const double *buf, size_t m, size_t j,
                     size_t nsub, size_t bs, size_t layer, double *x)
{
    size_t nv = sim->nv, sl = sim->layer_slice[layer];
    double f[RM_SIM_NVARS];
    for (size_t k = 0; k < nv; k++)
        f[k] = buf[(k * m + j) * nsub + bs];
    for (size_t a = 0; a < nv; a++) {
        double y = 0;
        for (size_t k = 0; k < nv; k++)
            y += f[k] * sim->maf_winv[k * nv + a];
        x[a] = rm_nscore_back(&sim->mv_ns[a * sim->n_slices + sl], y);
    }
}

/* ΣREY (ppm) at node bs of a tile grid of nsub nodes (global node `node`,
 * layer ks of the simulation grid) for realization j of a batch of m in
 * gbuf, scaled by the bootstrap ratio f; multivariate: x the elements (so
 * scaled) and density. */
static double node_value(const rm_simulation *sim, const double *gbuf, size_t m, size_t j,
                         size_t nsub, size_t bs, size_t ks, size_t node, double f, double *x)
{
    if (!sim->mv)
        return rm_nscore_back(&sim->ns[sim->layer_slice[ks]], gbuf[j * nsub + bs]) *
               boot_scale(sim, node, f);
    /* The bootstrap ratio scales every element alike (so ΣREY by the same
     * ratio as in the ΣREY simulation); density is kept. */
    mv_block(sim, gbuf, m, j, nsub, bs, ks, x);
    double v = 0, fb = boot_scale(sim, node, f);
    for (int e = 0; e < RM_NREY; e++) {
        x[e] *= fb;
        v += x[e];
    }
    return v;
}

/* Under horizon coordinates, the block that overlaps a node (value v, x)
 * by 1 − a and the node below it (v2, x2) by a > 0: the length-weighted
 * mean, written into x (multivariate) and returned. */
static double mix_nodes(const rm_simulation *sim, double a, double *x, const double *x2,
                        double v, double v2)
{
    if (!sim->mv)
        return (1 - a) * v + a * v2;
    v = 0;
    for (size_t q = 0; q < sim->nv; q++) {
        x[q] = (1 - a) * x[q] + a * x2[q];
        if (q < RM_NREY)
            v += x[q];
    }
    return v;
}

/* The block of column col whose first node is bs (tile grid of nsub nodes,
 * nxy nodes a layer; global node, layer ks): node_value, or under horizon
 * coordinates the kfrac-weighted mean with the node below. */
static double block_value(const rm_simulation *sim, const double *gbuf, size_t m, size_t j,
                          size_t nsub, size_t nxy, size_t col, size_t bs, size_t ks,
                          size_t node, double f, double *x)
{
    double v = node_value(sim, gbuf, m, j, nsub, bs, ks, node, f, x);
    double a = sim->kfrac ? sim->kfrac[col] : 0.0;
    if (!(a > 0))
        return v;
    double x2[RM_SIM_NVARS];
    double v2 = node_value(sim, gbuf, m, j, nsub, bs + nxy, ks + 1, node + sim->ncols, f, x2);
    return mix_nodes(sim, a, x, x2, v, v2);
}

size_t rm_simulation_nvars(const rm_simulation *sim) { return sim->mv ? sim->nv : 0; }

size_t rm_simulation_tiles(const rm_simulation *sim, size_t *rows, size_t *halo_rows)
{
    if (rows)
        *rows = sim->tile_rows;
    if (halo_rows)
        *halo_rows = sim->halo_rows;
    return sim->ntiles;
}

rm_status rm_simulation_realize_values(const rm_simulation *sim, size_t r, double *x,
                                       rm_error *err)
{
    size_t B = batch_size(sim), nb = sim->nblocks, nv = sim->nv;
    size_t r0 = r / B * B, m = sim->params.realizations - r0 < B ? sim->params.realizations - r0 : B;
    if (!sim->mv || r >= sim->params.realizations)
        return rm_error_set(err, RM_EINVAL, "simulate: no multivariate realization %zu", r);
    if (sim->ntiles > 1)
        return rm_error_set(err, RM_EINVAL, "simulate: realization values of a tiled run");
    size_t nn = rm_grid_nblocks(&sim->sg);
    double *gbuf = malloc(nv * m * nn * sizeof *gbuf);
    double *layer_mean = malloc(sim->sg.nz * sizeof *layer_mean);
    rm_status st = gbuf && layer_mean ? realize(sim, NULL, tile_of(sim, 0), r0, m, gbuf,
                                                layer_mean, err)
                                      : rm_error_set(err, RM_ENOMEM, "out of memory");
    double f = 1.0;
    if (!st)
        st = bootstrap_ratio(sim, r, &f, err);
    for (size_t b = 0; b < nb && !st; b++) {
        double v[RM_SIM_NVARS];
        size_t node = sim_node(sim, b);
        block_value(sim, gbuf, m, r - r0, nn, sim->ncols, b % sim->ncols, node,
                    node / sim->ncols, node, f, v);
        for (size_t a = 0; a < nv; a++)
            x[a * nb + b] = v[a];
    }
    free(gbuf);
    free(layer_mean);
    return st;
}

/* Doubles finish_tile keeps for a column's node below: ΣREY and the
 * variables. */
#define BELOW_STRIDE (1 + RM_SIM_NVARS)

/* Realization r (= r0 + j of a batch of m) on tile sp, simulated in
 * Gaussian space in gbuf: back-transform each block of the tile's own rows
 * to ΣREY, add the tile's totals to t (n_cutoffs, zero before the first
 * tile), its correlation sums to acc, accumulate the blocks and columns
 * into part (and write the blocks into real_out when not NULL), in one walk
 * over the blocks.  Blocks run in grid order within the tile, so a single
 * tile adds exactly as the whole grid did.  Under horizon coordinates a
 * block mixes its node with the node below, which is the next layer's
 * block's own node: below (BELOW_STRIDE doubles for each column of the
 * tile's own rows) keeps that node's value back-transformed for the next
 * layer, so every node is back-transformed once (NULL without horizon). */
static rm_status finish_tile(const rm_simulation *sim, size_t r, tile_span sp,
                             const double *gbuf, size_t m, size_t j, double *below,
                             double *colsum, rm_sim_partial *part, rm_sim_totals *t,
                             rm_corr_acc *acc, float *real_out, const rm_logger *log,
                             rm_error *err)
{
    double f;
    rm_status st = bootstrap_ratio(sim, r, &f, err);
    if (st)
        return st;
    const rm_grid *g = &sim->bm->grid;
    size_t nb = sim->nblocks, nc = sim->ncols, ncut = sim->params.n_cutoffs, nx = g->nx;
    size_t nsub = nx * (sp.s1 - sp.s0) * sim->sg.nz;
    size_t nvx = sim->mv ? sim->nv : 0; /* variables node_value writes into x */
    assert(!sim->kfrac || below);
    rm_sim_totals tl[RM_SIM_MAX_CUTOFFS];
    memset(tl, 0, ncut * sizeof *tl);
    /* Only this tile's columns are touched. */
    for (size_t q = sp.j0 * nx; q < sp.j1 * nx; q++)
        colsum[q] = colsum[nc + q] = 0;
    double gsum = 0, gsum2 = 0;
    size_t L = 0; /* block of the tile's own rows, in grid order */
    for (size_t k = 0; k < g->nz; k++)
        for (size_t jj = sp.j0; jj < sp.j1; jj++)
            for (size_t i = 0; i < nx; i++, L++) {
                size_t b = i + nx * (jj + g->ny * k);
                size_t ks = sim_layer(sim, i + nx * jj, k); /* the node's layer */
                size_t bs = i + nx * (jj - sp.s0 + (sp.s1 - sp.s0) * ks);
                size_t node = i + nx * (jj + g->ny * ks);
                double gv = gbuf[j * nsub + bs], x[RM_SIM_NVARS];
                double w = sim->mud_w[b];
                gsum += gv;
                gsum2 += gv * gv;
                double v, a = sim->kfrac ? sim->kfrac[i + nx * jj] : 0.0;
                if (!(a > 0)) {
                    v = node_value(sim, gbuf, m, j, nsub, bs, ks, node, f, x);
                } else {
                    /* Column slot: ΣREY, then the nv variables. */
                    double *slot = below + ((jj - sp.j0) * nx + i) * BELOW_STRIDE;
                    double x2[RM_SIM_NVARS];
                    if (k > 0) { /* this node was the layer above's node below */
                        v = slot[0];
                        memcpy(x, slot + 1, nvx * sizeof *x);
                    } else {
                        v = node_value(sim, gbuf, m, j, nsub, bs, ks, node, f, x);
                    }
                    size_t nxy = nx * (sp.s1 - sp.s0);
                    double v2 = node_value(sim, gbuf, m, j, nsub, bs + nxy, ks + 1,
                                           node + sim->ncols, f, x2);
                    slot[0] = v2;
                    memcpy(slot + 1, x2, nvx * sizeof *x2);
                    v = mix_nodes(sim, a, x, x2, v, v2);
                }
                if (sim->mv) {
                    if (w > 0 && sim->nv > RM_NREY)
                        w = sim->win_vol[b] * x[RM_NREY];
                    if (w > 0)
                        rm_corr_acc_add(acc, x, w);
                }
                if (real_out)
                    real_out[r * nb + b] = (float)v;
                /* Fixed-point sums: exact, so the order of addition does not
                 * matter. */
                int64_t fine = (int64_t)llround(v * SCALE_FINE);
                int64_t coarse = (int64_t)llround(v * SCALE_COARSE);
#pragma omp atomic
                part->sum_fine[b] += fine;
#pragma omp atomic
                part->sum_coarse[b] += coarse;
#pragma omp atomic
                part->sumsq_coarse[b] += coarse * coarse;
                if (w > 0) {
                    colsum[b % nc] += w * v;
                    colsum[nc + b % nc] += w;
                    for (size_t c = 0; c < ncut; c++) {
                        if (v < sim->params.cutoffs_ppm[c])
                            continue;
                        tl[c].mud_t += w;
                        if (sim->mv)
                            for (int e = 0; e < RM_NREY; e++)
                                tl[c].oxide_t[e] += w * x[e] * 1e-6 * rm_element(e)->oxide_factor;
                        else
                            for (int e = 0; e < RM_NREY; e++)
                                tl[c].oxide_t[e] += w * v * 1e-6 * sim->comp[(size_t)e * nb + b];
                    }
                }
            }
    for (size_t c = 0; c < ncut; c++) {
        t[c].mud_t += tl[c].mud_t;
        for (int e = 0; e < RM_NREY; e++)
            t[c].oxide_t[e] += tl[c].oxide_t[e];
    }
    double nl = (double)L, reo = 0;
    for (int e = 0; e < RM_NREY; e++)
        reo += tl[0].oxide_t[e];
    rm_log(log, RM_LOG_DEBUG,
           "simulate: realization %zu%s: normal scores mean %.4f variance %.4f; REO %.6g t", r,
           sim->ntiles > 1 ? " (a tile)" : "", gsum / nl,
           gsum2 / nl - (gsum / nl) * (gsum / nl), reo);
    /* The columns' means need every layer: a walk of their own. */
    for (size_t col = sp.j0 * nx; col < sp.j1 * nx; col++) {
        if (!(colsum[nc + col] > 0))
            continue;
        double mean = colsum[col] / colsum[nc + col];
        for (size_t c = 0; c < ncut; c++)
            if (mean >= sim->params.cutoffs_ppm[c]) {
#pragma omp atomic
                part->count_above[c * nc + col] += 1;
            }
    }
    return RM_OK;
}

/* After a realization's last tile: REO from the oxides, and (multivariate)
 * the correlation matrix of its blocks into corr (RM_SIM_CORR_N values). */
static void finish_totals(const rm_simulation *sim, rm_sim_totals *t, double *corr,
                          const rm_corr_acc *acc)
{
    for (size_t c = 0; c < sim->params.n_cutoffs; c++) {
        t[c].reo_t = 0;
        for (int e = 0; e < RM_NREY; e++)
            t[c].reo_t += t[c].oxide_t[e];
    }
    if (sim->mv) {
        double cm[RM_SIM_NVARS * RM_SIM_NVARS];
        rm_corr_acc_matrix(acc, cm);
        memset(corr, 0, RM_SIM_CORR_N * sizeof *corr);
        memcpy(corr, cm, sim->nv * sim->nv * sizeof *cm);
    }
}

/* Tiles in order, for a group of batches run side by side (one per
 * thread): each tile's simulations are built once for the group, and each
 * batch carries its own halo (the last halo_rows rows it simulated) into
 * the next tile.  A batch's values depend only on (inputs, seed, its
 * realizations), not on the group it ran in. */
rm_status rm_simulation_run(const rm_simulation *sim, size_t first, size_t stride,
                            rm_sim_partial *part, rm_sim_totals *totals, double *corr,
                            float *realizations_srey, const rm_logger *log,
                            rm_error *err)
{
    if (sim->mv && !corr)
        return rm_error_set(err, RM_EINVAL,
                            "simulate: a multivariate run needs its correlation array");
    size_t nreal = sim->params.realizations, B = batch_size(sim);
    if (stride < 1)
        stride = 1;
    size_t nbatch = (nreal + B - 1) / B;
    size_t my_batches = first < nbatch ? (nbatch - first + stride - 1) / stride : 0;
    size_t mine = 0;
    for (size_t q = 0; q < my_batches; q++) {
        size_t r0 = (first + q * stride) * B;
        mine += nreal - r0 < B ? nreal - r0 : B;
    }
    /* Gaussian values on the simulation grid g, block values on the block
     * grid (same columns). */
    const rm_grid *g = &sim->sg;
    size_t ncut = sim->params.n_cutoffs, nf = sim->mv ? sim->nv : 1; /* Gaussian fields */
    size_t T = sim->ntiles, nxz = g->nx * g->nz;
    size_t maxsub = 0, maxcols = 0; /* columns of a tile's own rows */
    for (size_t t = 0; t < T; t++) {
        tile_span sp = tile_of(sim, t);
        maxsub = (sp.s1 - sp.s0) * nxz > maxsub ? (sp.s1 - sp.s0) * nxz : maxsub;
        maxcols = (sp.j1 - sp.j0) * g->nx > maxcols ? (sp.j1 - sp.j0) * g->nx : maxcols;
    }
    size_t halo_n = sim->halo_rows * nxz; /* blocks of a halo */
    rm_progress prog;
    rm_progress_begin(&prog, log, "simulate: realizations", mine);
    size_t done = 0;
    rm_status st = RM_OK;
    int threads = sim->params.threads > 0 ? sim->params.threads : omp_get_max_threads();
    /* Batches side by side: one per thread, no more than this rank runs. */
    size_t group = (size_t)threads < my_batches ? (size_t)threads : my_batches;
    group = group ? group : 1;
    rm_sgs *tsgs[RM_SIM_NVARS > 8 ? RM_SIM_NVARS : 8] = {NULL};
    double **halo = calloc(group, sizeof *halo);
    rm_corr_acc *acc = calloc(group * B, sizeof *acc);
    if (!halo || !acc) {
        free(halo), free(acc);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    for (size_t q = 0; q < group && T > 1; q++)
        if (!(halo[q] = malloc((halo_n ? nf * B * halo_n : 1) * sizeof **halo)))
            st = rm_error_set(err, RM_ENOMEM, "out of memory for the tiles' halos");
    for (size_t g0 = 0; g0 < my_batches && !st; g0 += group) {
        size_t gn = my_batches - g0 < group ? my_batches - g0 : group;
        for (size_t q = 0; q < gn * B; q++) {
            memset(&acc[q], 0, sizeof acc[q]);
            acc[q].p = sim->nv;
        }
        for (size_t q = 0; q < gn; q++) {
            size_t r0 = (first + (g0 + q) * stride) * B, m = nreal - r0 < B ? nreal - r0 : B;
            memset(&totals[r0 * ncut], 0, m * ncut * sizeof *totals);
        }
        for (size_t t = 0; t < T && !st; t++) {
            tile_span sp = tile_of(sim, t);
            if ((st = tile_sgs_alloc(sim, t, tsgs, err)))
                break;
            int failed = 0;
#pragma omp parallel num_threads((int)gn)
            {
                double *gbuf = malloc(nf * B * maxsub * sizeof *gbuf);
                double *cs = malloc(2 * sim->ncols * sizeof *cs);
                double *below = sim->kfrac ? malloc(maxcols * BELOW_STRIDE * sizeof *below) : NULL;
                double *layer_mean = malloc(g->nz * sizeof *layer_mean);
                rm_error local;
                rm_error_clear(&local);
#pragma omp for schedule(dynamic, 1)
                for (size_t q = 0; q < gn; q++) {
                    rm_status s = RM_OK;
                    int stop;
#pragma omp atomic read
                    stop = failed;
                    if (stop)
                        continue;
                    size_t r0 = (first + (g0 + q) * stride) * B,
                           m = nreal - r0 < B ? nreal - r0 : B;
                    size_t nsub = (sp.s1 - sp.s0) * nxz, fixed = (sp.j0 - sp.s0) * nxz;
                    if (!gbuf || !cs || !layer_mean || (sim->kfrac && !below))
                        s = rm_error_set(&local, RM_ENOMEM, "out of memory");
                    /* The previous tile's last rows: rows s0 … j0 − 1 of each layer. */
                    for (size_t a = 0; !s && fixed && a < nf * m; a++)
                        for (size_t k = 0; k < g->nz; k++)
                            memcpy(gbuf + a * nsub + k * (sp.s1 - sp.s0) * g->nx,
                                   halo[q] + a * halo_n + k * sim->halo_rows * g->nx,
                                   (sp.j0 - sp.s0) * g->nx * sizeof *gbuf);
                    if (!s)
                        s = realize(sim, tsgs, sp, r0, m, gbuf, layer_mean, &local);
                    for (size_t j = 0; j < m && !s; j++)
                        s = finish_tile(sim, r0 + j, sp, gbuf, m, j, below, cs, part,
                                        &totals[(r0 + j) * ncut], &acc[q * B + j],
                                        realizations_srey, log, &local);
                    /* This tile's last rows for the next: s1' rows below j1. */
                    if (!s && t + 1 < T) {
                        tile_span nx_sp = tile_of(sim, t + 1);
                        size_t hr = nx_sp.j0 - nx_sp.s0;
                        for (size_t a = 0; a < nf * m; a++)
                            for (size_t k = 0; k < g->nz; k++)
                                memcpy(halo[q] + a * halo_n + k * sim->halo_rows * g->nx,
                                       gbuf + a * nsub + (k * (sp.s1 - sp.s0) +
                                                          (nx_sp.s0 - sp.s0)) * g->nx,
                                       hr * g->nx * sizeof *gbuf);
                    }
                    if (!s && t + 1 == T)
                        for (size_t j = 0; j < m; j++)
                            finish_totals(sim, &totals[(r0 + j) * ncut],
                                          sim->mv ? &corr[(r0 + j) * RM_SIM_CORR_N] : NULL,
                                          &acc[q * B + j]);
#pragma omp critical(rm_simulate_status)
                    {
                        if (s && !st) {
                            st = s;
                            failed = 1;
                            if (err)
                                *err = local;
                        }
                        if (t + 1 == T) {
                            done += m;
                            rm_progress_update(&prog, done);
                        }
                    }
                }
                free(gbuf);
                free(cs);
                free(below);
                free(layer_mean);
            }
            tile_sgs_free(sim, tsgs);
        }
    }
    for (size_t q = 0; q < group; q++)
        free(halo[q]);
    free(halo);
    free(acc);
    rm_progress_end(&prog);
    if (!st)
        part->count += mine;
    return st;
}

/* qsort order of doubles, ascending. */
static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Quantile f of sorted v by linear interpolation between order statistics
 * (as GSL's gsl_stats_quantile_from_sorted_data), clamped to the two values
 * it lies between: (1 − δ) a + δ a can differ from a in the last bit, and
 * P10 <= P50 <= P90 must hold exactly when realizations tie. */
static double quantile_sorted(const double *v, size_t n, double f)
{
    double index = f * (double)(n - 1);
    size_t lo = (size_t)floor(index), hi = (size_t)ceil(index);
    double delta = index - (double)lo;
    double q = (1 - delta) * v[lo] + delta * v[hi];
    return fmin(fmax(q, v[lo]), v[hi]);
}

/* P10/P50/P90 and the mean of v (sorted in place). */
static rm_sim_quantiles quantiles(double *v, size_t n)
{
    qsort(v, n, sizeof *v, compare_double);
    rm_sim_quantiles q;
    q.p10 = quantile_sorted(v, n, 0.10);
    q.p50 = quantile_sorted(v, n, 0.50);
    q.p90 = quantile_sorted(v, n, 0.90);
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    q.mean = s / (double)n;
    return q;
}

rm_status rm_simulation_finish(const rm_simulation *sim, const rm_sim_partial *part,
                               rm_sim_totals *totals, double *corr, float *realizations_srey,
                               rm_simulate_result *out, rm_error *err)
{
    memset(out, 0, sizeof *out);
    size_t nreal = sim->params.realizations, ncut = sim->params.n_cutoffs;
    size_t nb = sim->nblocks, nc = sim->ncols;
    int no_corr = sim->mv && !corr;
    if (part->count != nreal || no_corr) {
        free(totals);
        free(corr);
        free(realizations_srey);
        if (no_corr)
            return rm_error_set(err, RM_EINVAL, "simulate: no correlation matrices of the "
                                "realizations");
        return rm_error_set(err, RM_EINTERNAL, "simulate: %zu of %zu realizations were run",
                            part->count, nreal);
    }
    out->realizations = nreal;
    out->n_cutoffs = ncut;
    memcpy(out->cutoffs_ppm, sim->params.cutoffs_ppm, ncut * sizeof(double));
    out->model = sim->model;
    out->totals = totals;
    out->realizations_srey = realizations_srey;
    /* the conditioning data of what was simulated: the MAF factors take
     * only composites that carry every element (mv_setup) */
    out->data_used = rm_sgs_data_used(field_sgs(sim, 0));
    out->data_ignored = rm_sgs_data_ignored(field_sgs(sim, 0));
    out->data_without_density = sim->mv ? sim->mv_without_density : 0;
    out->n_slices = sim->n_slices;
    out->parameter_uncertainty = sim->params.parameter_uncertainty;
    out->bootstrap_cores = sim->boot.n;
    out->cores_se_rel = sim->cores_se_rel;
    out->se_cores = sim->se_cores;
    if (sim->params.parameter_uncertainty >= RM_SIM_PARAM_BOOTSTRAP) {
        out->bootstrap_factor = malloc(nreal * sizeof(double));
        for (size_t r = 0; out->bootstrap_factor && r < nreal; r++)
            if (bootstrap_ratio(sim, r, &out->bootstrap_factor[r], err)) {
                rm_simulate_result_free(out);
                free(corr);
                return RM_ENOMEM;
            }
    }
    out->multivariate = sim->mv;
    out->n_vars = sim->mv ? sim->nv : 0;
    if (sim->mv) {
        size_t nv = sim->nv;
        memcpy(out->corr_data, sim->corr_data, nv * nv * sizeof(double));
        memcpy(out->maf_lambda, sim->maf_lambda, nv * sizeof(double));
        memcpy(out->factor_model, sim->fmodel, nv * sizeof *sim->fmodel);
        /* Mean over realizations in index order: the same for any split. */
        for (size_t r = 0; r < nreal; r++)
            for (size_t q = 0; q < nv * nv; q++)
                out->corr_sim[q] += corr[r * RM_SIM_CORR_N + q] / (double)nreal;
    }
    free(corr);
    out->n_range_candidates = sim->n_cand;
    for (size_t k = 0; k < sim->n_cand; k++) {
        out->range_factor[k] = sim->cand[k].factor;
        out->range_weight[k] = sim->cand[k].weight;
        out->range_mean_sd[k] = sim->cand[k].overall_mean_sd;
    }
    double *v = malloc(nreal * sizeof *v);
    out->etype_srey_ppm = malloc(nb * sizeof(double));
    out->condvar_srey_ppm2 = malloc(nb * sizeof(double));
    out->prob_above = malloc(ncut * nc * sizeof(double));
    if (!v || !out->etype_srey_ppm ||
        (sim->params.parameter_uncertainty >= RM_SIM_PARAM_BOOTSTRAP && !out->bootstrap_factor) ||
        !out->condvar_srey_ppm2 || !out->prob_above) {
        free(v);
        rm_simulate_result_free(out);
        return rm_error_set(err, RM_ENOMEM, "out of memory");
    }
    for (size_t c = 0; c < ncut; c++) {
        for (size_t r = 0; r < nreal; r++)
            v[r] = totals[r * ncut + c].mud_t;
        out->mud_t[c] = quantiles(v, nreal);
        for (size_t r = 0; r < nreal; r++)
            v[r] = totals[r * ncut + c].reo_t;
        out->reo_t[c] = quantiles(v, nreal);
        for (int e = 0; e < RM_NREY; e++) {
            for (size_t r = 0; r < nreal; r++)
                v[r] = totals[r * ncut + c].oxide_t[e];
            out->oxide_t[c][e] = quantiles(v, nreal);
        }
    }
    free(v);
    for (size_t b = 0; b < nb; b++) {
        double n = (double)nreal;
        out->etype_srey_ppm[b] = (double)part->sum_fine[b] / SCALE_FINE / n;
        double m6 = (double)part->sum_coarse[b] / SCALE_COARSE / n;
        double s6 = (double)part->sumsq_coarse[b] / (SCALE_COARSE * SCALE_COARSE) / n;
        out->condvar_srey_ppm2[b] = fmax(0.0, s6 - m6 * m6);
        if (!(sim->mud_w[b] > 0)) {
            out->etype_srey_ppm[b] = NAN;
            out->condvar_srey_ppm2[b] = NAN;
        }
    }
    for (size_t c = 0; c < ncut; c++)
        for (size_t col = 0; col < nc; col++) {
            int any = 0;
            for (size_t k = 0; k < sim->bm->grid.nz && !any; k++)
                any = sim->mud_w[col + k * nc] > 0;
            out->prob_above[c * nc + col] =
                any ? (double)part->count_above[c * nc + col] / (double)nreal : NAN;
        }
    return RM_OK;
}

void rm_simulate_result_free(rm_simulate_result *r)
{
    if (!r)
        return;
    free(r->totals);
    free(r->realizations_srey);
    free(r->etype_srey_ppm);
    free(r->condvar_srey_ppm2);
    free(r->prob_above);
    free(r->bootstrap_factor);
    memset(r, 0, sizeof *r);
}

rm_status rm_simulate(const rm_blockmodel *bm, const rm_simulate_data *data,
                      const rm_simulate_params *params, const rm_logger *log,
                      rm_simulate_result *out, rm_error *err)
{
    memset(out, 0, sizeof *out);
    rm_simulation *sim;
    rm_status st = rm_simulation_alloc(bm, data, params, log, &sim, err);
    if (st)
        return st;
    rm_sim_partial part;
    size_t nb = rm_grid_nblocks(&bm->grid);
    rm_sim_totals *totals = calloc(params->realizations * params->n_cutoffs, sizeof *totals);
    double *corr = sim->mv ? calloc(params->realizations * RM_SIM_CORR_N, sizeof *corr) : NULL;
    float *reals = params->write_realizations
                       ? malloc(params->realizations * nb * sizeof *reals)
                       : NULL;
    if (!totals || (sim->mv && !corr) || (params->write_realizations && !reals)) {
        free(totals);
        free(corr);
        free(reals);
        rm_simulation_free(sim);
        return rm_error_set(err, RM_ENOMEM, "out of memory for %zu realizations",
                            params->realizations);
    }
    st = rm_sim_partial_init(&part, sim, err);
    if (!st)
        st = rm_simulation_run(sim, 0, 1, &part, totals, corr, reals, log, err);
    if (!st) {
        st = rm_simulation_finish(sim, &part, totals, corr, reals, out, err);
        totals = NULL;
        corr = NULL;
        reals = NULL;
    }
    free(totals);
    free(corr);
    free(reals);
    rm_sim_partial_free(&part);
    rm_simulation_free(sim);
    return st;
}
