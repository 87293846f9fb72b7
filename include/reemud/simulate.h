/* simulate.h — resource uncertainty by sequential Gaussian simulation.
 *
 * Multivariate (params.multivariate, default): the composites' 15 REY and
 * dry density → declustered normal scores per variable → min/max
 * autocorrelation factors (Switzer & Green 1984; Desbarats &
 * Dimitrakopoulos 2000) → SGS of each factor on the block grid (sgs.h) →
 * back to scores and each variable's back-transform; ΣREY is the sum of the
 * elements and tonnes come from the simulated density.  Otherwise ΣREY
 * alone is simulated the same way and split into the 15 elements by the
 * block's kriged composition (the estimate's <El>_ppm / SREY_ppm), with the
 * kriged dry density (docs/simulation.md).
 *
 * Per realization: totals of mud, REO and each oxide above each cut-off over
 * the reporting window → P10/P50/P90 across realizations.  Per block:
 * e-type mean and conditional variance of ΣREY, and per column the
 * probability that the window's mean ΣREY reaches each cut-off.
 *
 * Reproducibility: a realization depends only on (inputs, seed, index).
 * Per-block accumulations are kept in 64-bit fixed point, whose sums are
 * exact and so independent of the order in which threads or MPI ranks add
 * realizations: results are bit-identical for any thread count and any
 * number of ranks.
 *
 * Tiles (params.tile_rows; docs/simulation.md "Tiles"): a large grid is
 * simulated in bands of rows of y, in order, each on the band's rows plus a
 * halo of the search radius — below, the previous band's values of the same
 * realization; above, only data — so a batch's working set follows the
 * band, not the grid, and the field stays continuous across the seams.
 */
#ifndef REEMUD_SIMULATE_H
#define REEMUD_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "reemud/blockmodel.h"
#include "reemud/config.h"
#include "reemud/core.h"
#include "reemud/elements.h"
#include "reemud/resource.h"
#include "reemud/sgs.h"
#include "reemud/variogram.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RM_SIM_MAX_CUTOFFS 16

/* Parameter uncertainty of a simulation (docs/simulation.md). */
enum {
    RM_SIM_PARAM_NONE = 0,      /* histogram and variogram taken as known */
    RM_SIM_PARAM_BAYES = 1,     /* slice means and horizontal range drawn from
                                   their posterior under the Gaussian model */
    RM_SIM_PARAM_BOOTSTRAP = 2, /* each realization's grades scaled by a
                                   spatial bootstrap of the cores' mean */
    RM_SIM_PARAM_DOMAIN = 3,    /* the same, by the bootstrap ratio of the domain's
                                   mean to the cores' mean */
    RM_SIM_PARAM_BOOTSTRAP_SK = 4 /* default: the bootstrap ratio applied to each block in
                                   proportion to its sensitivity to the mean,
                                   1 − Σλ of simple kriging from the data */
};

/* The name of a parameter-uncertainty mode RM_SIM_PARAM_* as [simulate]
 * parameter_uncertainty spells it (and simulation_summary.json and run.json
 * write it); "none" for a value that is no mode. */
const char *rm_simulate_param_name(int mode);

typedef struct rm_simulate_params {
    size_t realizations;           /* default 20 */
    uint64_t seed;                 /* default: the project's seed */
    size_t nmax;                   /* default 24 */
    double radius;                 /* search radius in major ranges, default 1 */
    int multigrid;                 /* coarse levels, default 3 */
    char model[256];               /* variogram of the normal scores, or "auto" */
    double cutoffs_ppm[RM_SIM_MAX_CUTOFFS];
    size_t n_cutoffs;              /* default 0, 400, 1000, 2000 ppm ΣREY */
    double top_mbsf, bottom_mbsf;  /* reporting window, default 0–10 */
    double zmax_factor;            /* upper tail bound = factor × max datum, default 1.5 */
    int upper_tail_hyperbolic;     /* default 0: linear to zmax */
    int depth_slices;              /* 1 (default): one transform per depth slice */
    double slice_m;                /* slice thickness, default 1 m */
    int threads;                   /* 0 = OpenMP default */
    int write_realizations;        /* also write every realization (netCDF) */
    size_t batch;                  /* realizations sharing one SGS path and its
                                      kriging weights (default RM_SGS_BATCH_DEFAULT;
                                      1 under RM_SIM_PARAM_BAYES) */
    int parameter_uncertainty;     /* RM_SIM_PARAM_*: the uncertainty of the
                                      histogram's mean (and range) carried into
                                      the realizations (docs/simulation.md) */
    int multivariate;              /* 1 (default): the 15 REY and density simulated
                                      jointly through min/max autocorrelation
                                      factors when the data carry them; 0: ΣREY
                                      split by the kriged composition */
    size_t tile_rows;              /* grid rows (y) per tile; 0 (default): one
                                      tile when the grid has at most
                                      RM_SIM_TILE_AUTO_NODES blocks, else
                                      bands of about that many blocks and at
                                      least twice the halo's rows
                                      (docs/simulation.md "Tiles") */
} rm_simulate_params;

/* Blocks per tile when [simulate] tile_rows is 0 (automatic). */
#define RM_SIM_TILE_AUTO_NODES ((size_t)1 << 22)

void rm_simulate_params_default(rm_simulate_params *p);
/* Read [simulate] over the values in p. */
rm_status rm_simulate_params_read(rm_ini *ini, rm_simulate_params *p, rm_error *err);

/* Conditioning data: composite positions (x, y, z mbsf), ΣREY and
 * declustering weights (NULL = equal); for the multivariate simulation the
 * 15 REY (order of elements.h) and the dry density (NULL = absent: without
 * the elements the simulation is of ΣREY, without density the kriged
 * density is used).  A composite whose density is missing (NaN) takes
 * density_default_t_m3 in the multivariate simulation, as in the estimate
 * ([estimate] dry_density_t_m3); with a default of 0 it does not condition
 * the factors.  Either way the log says how many. */
typedef struct rm_simulate_data {
    size_t n;
    const double *x, *y, *z;
    const double *srey_ppm;
    const double *weight;
    const double *element_ppm[RM_NREY];
    const double *density_t_m3;
    double density_default_t_m3;
} rm_simulate_data;

/* The composites as conditioning data: positions, ΣREY, weights, the 15
 * REY and density (pointers into c, which must outlive d), and the density
 * of a composite without one (the estimate's [estimate] dry_density_t_m3). */
void rm_simulate_data_from_composites(const rm_composites *c, double density_default_t_m3,
                                      rm_simulate_data *d);

/* Variables whose correlations a multivariate simulation reports: the 15
 * REY and density. */
#define RM_SIM_NVARS (RM_NREY + 1)

/* Per realization and cut-off totals over the window.  All doubles, so a
 * distributed driver reduces totals as a double array. */
typedef struct rm_sim_totals {
    double mud_t;
    double reo_t;
    double oxide_t[RM_NREY];
} rm_sim_totals;

/* Doubles a multivariate realization's correlation matrix takes in a run's
 * correlation array (rm_simulation_run): the n_vars² values of the matrix
 * of the n_vars variables over the window's blocks (tonnage-weighted),
 * row-major, then zeros. */
#define RM_SIM_CORR_N (RM_SIM_NVARS * RM_SIM_NVARS)

typedef struct rm_sim_quantiles {
    double p10, p50, p90, mean;
} rm_sim_quantiles;

typedef struct rm_simulate_result {
    size_t realizations, n_cutoffs;
    double cutoffs_ppm[RM_SIM_MAX_CUTOFFS];
    rm_vgm_model model;            /* normal-score variogram used */
    rm_sim_totals *totals;         /* realizations × n_cutoffs, realization-major */
    /* Summaries per cut-off. */
    rm_sim_quantiles mud_t[RM_SIM_MAX_CUTOFFS];
    rm_sim_quantiles reo_t[RM_SIM_MAX_CUTOFFS];
    rm_sim_quantiles oxide_t[RM_SIM_MAX_CUTOFFS][RM_NREY];
    /* Per block (grid order): e-type mean and conditional variance of ΣREY. */
    double *etype_srey_ppm;
    double *condvar_srey_ppm2;
    /* Per column (i + nx j), per cut-off: probability that the window's
     * tonnage-weighted mean ΣREY >= cut-off. */
    double *prob_above;            /* n_cutoffs × nx × ny */
    /* Every realization's ΣREY when params.write_realizations (else NULL):
     * realizations × nblocks, float. */
    float *realizations_srey;
    size_t data_used, data_ignored;
    /* Multivariate: composites without a dry density among the data the
     * factors could take (every element, inside the grid); they condition
     * the factors with the default density, or not at all without one. */
    size_t data_without_density;
    /* Parameter uncertainty.  BAYES: the candidate factors of the
     * horizontal range, their posterior weights, and the posterior s.d. of
     * the mean of the slices' Gaussian means under each.  BOOTSTRAP: the
     * cores resampled and each realization's scale factor. */
    int parameter_uncertainty;
    size_t n_slices, n_range_candidates;
    double range_factor[8], range_weight[8], range_mean_sd[8];
    size_t bootstrap_cores;
    double *bootstrap_factor;      /* realizations values, or NULL */
    /* The cores' standard error: s/√n/mean of the se_cores cores' mean
     * ΣREY over the window (plain means of their composites), 0 with fewer
     * than 2 cores — what a P10–P90 from the cores alone, as independent
     * draws, would be: ±1.2816 cores_se_rel (docs/simulation.md,
     * "Calibration"). */
    double cores_se_rel;
    size_t se_cores;
    /* Multivariate simulation (0: ΣREY split by the kriged composition):
     * n_vars variables (15 REY, then density when simulated), their
     * correlation matrices (n_vars², row-major) over the composites in the
     * window (declustering-weighted) and over the simulated blocks (mean
     * over realizations), and the MAF eigenvalues γ(h)/σ² of the factors. */
    int multivariate;
    size_t n_vars;
    double corr_data[RM_SIM_NVARS * RM_SIM_NVARS];
    double corr_sim[RM_SIM_NVARS * RM_SIM_NVARS];
    double maf_lambda[RM_SIM_NVARS];
    rm_vgm_model factor_model[RM_SIM_NVARS];
} rm_simulate_result;

void rm_simulate_result_free(rm_simulate_result *r);

/* Fixed-point accumulators that a distributed driver reduces with integer
 * sums (see rm_simulate_partial). */
typedef struct rm_sim_partial {
    size_t nblocks, ncols, n_cutoffs;
    int64_t *sum_fine;     /* Σ round(v · 2^16) per block (e-type mean) */
    int64_t *sum_coarse;   /* Σ round(v · 2^6) per block */
    int64_t *sumsq_coarse; /* Σ round(v · 2^6)² per block (variance) */
    int64_t *count_above; /* n_cutoffs × ncols */
    size_t count;       /* realizations added */
} rm_sim_partial;

/* Prepare the shared state (transform, model, SGS template) from the
 * kriged block model bm (fields <El>_ppm, SREY_ppm, dry_density_t_m3) and
 * the data.  Opaque; read-only while realizations run. */
typedef struct rm_simulation rm_simulation;

rm_status rm_simulation_alloc(const rm_blockmodel *bm, const rm_simulate_data *data,
                              const rm_simulate_params *params, const rm_logger *log,
                              rm_simulation **out, rm_error *err);
void rm_simulation_free(rm_simulation *sim);
const rm_vgm_model *rm_simulation_model(const rm_simulation *sim);

/* Tiles the simulation runs in (1: the whole grid), their rows and halo
 * rows (either pointer may be NULL). */
size_t rm_simulation_tiles(const rm_simulation *sim, size_t *rows, size_t *halo_rows);

rm_status rm_sim_partial_init(rm_sim_partial *p, const rm_simulation *sim, rm_error *err);
void rm_sim_partial_free(rm_sim_partial *p);

/* Realizations are grouped in batches of params.batch (0 … B − 1, B … 2B − 1,
 * …) that share an SGS path.  Run batches first, first + stride, …, adding
 * their block values to part and writing their totals into
 * totals[index × n_cutoffs …] (an array for all realizations; only the run
 * ones are written) and, for a multivariate simulation, their correlation
 * matrices into corr[index × RM_SIM_CORR_N …] (likewise; corr must not be
 * NULL then, and is not read otherwise).  realizations_srey as in the
 * result, or NULL. */
rm_status rm_simulation_run(const rm_simulation *sim, size_t first, size_t stride,
                            rm_sim_partial *part, rm_sim_totals *totals, double *corr,
                            float *realizations_srey, const rm_logger *log,
                            rm_error *err);

/* Turn the (reduced) partial sums, all totals and correlation matrices (as
 * rm_simulation_run writes them; NULL unless multivariate) into a result.
 * Takes ownership of totals and realizations_srey, and frees corr. */
rm_status rm_simulation_finish(const rm_simulation *sim, const rm_sim_partial *part,
                               rm_sim_totals *totals, double *corr, float *realizations_srey,
                               rm_simulate_result *out, rm_error *err);

/* All of it in one process (OpenMP over realizations). */
rm_status rm_simulate(const rm_blockmodel *bm, const rm_simulate_data *data,
                      const rm_simulate_params *params, const rm_logger *log,
                      rm_simulate_result *out, rm_error *err);

/* ---- A project's simulation job ---- */

/* Command-line values that override [simulate] (negative = keep). */
typedef struct rm_simulate_overrides {
    long realizations;
    long long seed;
    int threads;
    int write_realizations;
} rm_simulate_overrides;

typedef struct rm_simulate_job {
    rm_ini *ini;
    rm_resource_result res;        /* the estimate: grid, composition, density */
    int resource_ok;
    rm_simulate_params params;
    rm_simulation *sim;
} rm_simulate_job;

/* Load the project, validate every section it reads (problems collects
 * them all, unknown keys included), run the estimate stage and prepare the
 * simulation. */
rm_status rm_simulate_job_open(const char *project_path, const rm_simulate_overrides *ov,
                               const rm_logger *log, rm_simulate_job **out,
                               rm_problems *problems, rm_error *err);
/* As rm_simulate_job_open; simulation_only: the estimate goes only as far
 * as the block-model fields the simulation reads (SREY_ppm,
 * dry_density_t_m3, <El>_ppm; rm_resource_estimate_kriged), and no further
 * — the `simulate` command, which writes no estimate outputs; `assess`
 * runs the whole estimate and keeps it. */
rm_status rm_simulate_job_open_opts(const char *project_path, const rm_simulate_overrides *ov,
                                    int simulation_only, const rm_logger *log,
                                    rm_simulate_job **out, rm_problems *problems,
                                    rm_error *err);
/* The two halves of rm_simulate_job_open_opts.  load: the project, its
 * checks and the estimate — with simulation_only, only as far as the kriged
 * fields, its kriging shared over the processes of share (a distributed
 * run; NULL: all here).  prepare: the simulation from the job's block model
 * and composites. */
rm_status rm_simulate_job_load(const char *project_path, const rm_simulate_overrides *ov,
                               int simulation_only, const rm_estimate_share *share,
                               const rm_logger *log, rm_simulate_job **out,
                               rm_problems *problems, rm_error *err);
rm_status rm_simulate_job_prepare(rm_simulate_job *job, const rm_logger *log, rm_error *err);

/* Free the job's kriged 3-D fields once the simulation is prepared (it
 * keeps what it needs; writing its outputs reads only the grid and CRS):
 * the `simulate` command, not `assess`, whose later stages read them. */
void rm_simulate_job_release_kriged(rm_simulate_job *job);

/* The kriged fields a simulation reads: SREY_ppm, dry_density_t_m3, then
 * <El>_ppm of the 15 REY; name q written into buf (and returned). */
#define RM_SIM_KRIGED_FIELDS (RM_NREY + 2)
const char *rm_simulate_kriged_field(size_t q, char *buf, size_t size);
void rm_simulate_job_free(rm_simulate_job *job);

/* Run the job's realizations first, first + stride, …: allocates *totals
 * (all realizations × cut-offs, zero where not run), for a multivariate
 * simulation *corr (all realizations × RM_SIM_CORR_N, zero where not run;
 * else NULL) and, when asked, *realizations (all × nblocks, zero where not
 * run), initialises part and adds to it.  A single process runs (0, 1) and
 * calls rm_simulation_finish. */
rm_status rm_simulate_job_run(rm_simulate_job *job, size_t first, size_t stride,
                              rm_sim_partial *part, rm_sim_totals **totals, double **corr,
                              float **realizations, const rm_logger *log, rm_error *err);

/* Files a simulation writes (NULL-terminated; GeoTIFF names vary with the
 * cut-offs and are not listed). */
extern const char *const rm_simulate_outputs[];

/* Write simulation_summary.json, simulation.nc and prob_above_<C>ppm.tif
 * into dir (which must exist).  kriged gives the grid and CRS. */
rm_status rm_simulate_write(const rm_blockmodel *kriged, const rm_simulate_result *r,
                            const rm_simulate_params *p, const char *dir, rm_error *err);

/* ---- Realizations as block models (simulate_models.c) ---- */

/* The first n realizations as shallow block models on the kriged grid, with
 * the fields the chain reads (mineplan.c): each element El_ppm = kriged
 * El_ppm / kriged SREY_ppm × simulated ΣREY, the simulation's own split
 * (docs/simulation.md, step 5), SREY_ppm simulated; densities and the
 * water depth point at the kriged model's.  A block the simulation did not
 * simulate (outside its window, no kriged ΣREY) keeps its kriged grades. */
typedef struct rm_realization_models {
    size_t n;
    rm_blockmodel *bm;          /* n shallow models: do not rm_blockmodel_free */
    const rm_blockmodel **ptr;  /* n pointers to them, for rm_chain_run_multi */
    rm_field *fields, *surfaces;
    double *values;             /* n × (RM_NREY + 1) × nblocks */
} rm_realization_models;

/* Build n models from reals (realization-major, nblocks of kriged each);
 * etype marks the simulated blocks (finite).  kriged must outlive *m.  On
 * failure *m holds nothing to free. */
rm_status rm_simulate_realization_models(const rm_blockmodel *kriged, const float *reals,
                                         const double *etype, size_t n,
                                         rm_realization_models *m, rm_error *err);
void rm_realization_models_free(rm_realization_models *m);

/* ---- Grade–tonnage across realizations (simulate_models.c) ---- */

/* At each of the simulation's cut-offs: P10, P50, P90 over the realizations
 * of the mud tonnes and of the tonnage-weighted mean ΣREY above the cut-off
 * (ΣREY from the oxide tonnes ÷ oxide factors); NAN when no realization
 * has a value.  Quantiles as gsl_stats_quantile_from_sorted_data. */
typedef struct rm_sim_gt {
    size_t n;                   /* = the result's n_cutoffs */
    double mud_p10_t[RM_SIM_MAX_CUTOFFS], mud_p50_t[RM_SIM_MAX_CUTOFFS],
        mud_p90_t[RM_SIM_MAX_CUTOFFS];
    double grade_p10_ppm[RM_SIM_MAX_CUTOFFS], grade_p50_ppm[RM_SIM_MAX_CUTOFFS],
        grade_p90_ppm[RM_SIM_MAX_CUTOFFS];
} rm_sim_gt;

void rm_simulate_gt_quantiles(const rm_simulate_result *r, rm_sim_gt *gt);

#ifdef __cplusplus
}
#endif
#endif
