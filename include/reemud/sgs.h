/* sgs.h — normal-score transform and sequential Gaussian simulation (SGS)
 * on a regular grid.
 *
 * The normal-score transform maps data to standard normal scores through
 * their (declustering-)weighted empirical distribution; the back-transform
 * interpolates that table, with chosen extrapolation in the tails
 * (Deutsch & Journel 1998, GSLIB, programs nscore and sgsim).
 *
 * SGS follows GSLIB's sgsim with data assigned to grid nodes: nodes are
 * visited along a random path drawn from the realization's own RNG stream
 * (rm_rng_stream(seed, realization)); at each node the nmax nearest informed
 * nodes (data or previously simulated) are found by scanning a template of
 * grid offsets sorted by anisotropic distance, a simple-kriging system in
 * Gaussian space gives mean and variance, and a value is drawn.  With
 * multiple grids, coarse sub-grids are simulated first so that long-range
 * structure is reproduced with a small search.  Covariances between grid
 * offsets come from a precomputed table.  A realization depends only on
 * (inputs, seed, index): results are identical for any number of threads or
 * MPI ranks.
 */
#ifndef REEMUD_SGS_H
#define REEMUD_SGS_H

#include <stddef.h>
#include <stdint.h>

#include "reemud/grid.h"
#include "reemud/core.h"
#include "reemud/variogram.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Normal-score transform ---- */

typedef enum rm_nscore_tail {
    RM_TAIL_LINEAR = 0,    /* linear to the given bound (zmin or zmax) */
    RM_TAIL_HYPERBOLIC = 1 /* upper tail only: GSLIB utail = 4, omega 1.5 */
} rm_nscore_tail;

typedef struct rm_nscore {
    size_t n;        /* table size (distinct values) */
    double *z;       /* sorted data values */
    double *y;       /* their normal scores */
    double zmin, zmax;             /* bounds for the linear tails */
    rm_nscore_tail lower, upper;
} rm_nscore;

/* Build the transform from n values with weights (NULL = equal).  Tied
 * values share one score (the mean of their cumulative probabilities).
 * zmin/zmax bound the linear tails (zmin <= min value, zmax >= max). */
rm_status rm_nscore_fit(const double *values, const double *weights, size_t n,
                        double zmin, double zmax, rm_nscore *ns, rm_error *err);
void rm_nscore_free(rm_nscore *ns);
/* Forward: a data value to its normal score (interpolated between table
 * entries). */
double rm_nscore_forward(const rm_nscore *ns, double z);
/* Back-transform a normal score to the data scale. */
double rm_nscore_back(const rm_nscore *ns, double y);

/* ---- Sequential Gaussian simulation ---- */

typedef struct rm_sgs_params {
    rm_vgm_model model;   /* variogram of the normal scores (sill ~1) */
    size_t nmax;          /* previously simulated + data nodes used (default 24) */
    double radius;        /* search radius in the model's anisotropic metric,
                             i.e. in units of the major range (default 1.0 =
                             the longest structure's range) */
    double sk_mean;       /* simple-kriging mean (0 for normal scores) */
    int multigrid;        /* number of coarse levels (0 = none) */
    int depth_axis;       /* 1: the grid's z is depth (positive down) while the
                             model's z is up, as in the block model; 0: both up */
    uint64_t seed;
    size_t batch;         /* realizations simulated on one shared path by
                             rm_sgs_simulate_grid (rm_sgs_realize_batch);
                             0 = RM_SGS_BATCH_DEFAULT, 1 = a path each */
} rm_sgs_params;

/* Conditioning data: coordinates and normal scores. */
typedef struct rm_sgs_data {
    size_t n;
    const double *x, *y, *z;
    const double *value;
} rm_sgs_data;

typedef struct rm_sgs rm_sgs;

/* Prepare a simulation on grid: assigns the data to their nearest nodes
 * (the datum closest to the node centre wins; data outside the grid are
 * ignored and counted), builds the offset template and covariance table.
 * Shared read-only by the realizations. */
rm_status rm_sgs_alloc(const rm_grid *grid, const rm_sgs_data *data,
                       const rm_sgs_params *params, rm_sgs **out, rm_error *err);
void rm_sgs_free(rm_sgs *sgs);
/* Data assigned to nodes, and data ignored (outside the grid or beaten by a
 * closer datum at the same node). */
size_t rm_sgs_data_used(const rm_sgs *sgs);
size_t rm_sgs_data_ignored(const rm_sgs *sgs);
/* The grid indices of the rm_sgs_data_used nodes that hold data. */
const size_t *rm_sgs_data_nodes(const rm_sgs *sgs);

/* Simulate realization `index` into out (one value per node, grid order).
 * Thread-safe: different realizations may run concurrently. */
rm_status rm_sgs_realize(const rm_sgs *sgs, uint64_t index, double *out, rm_error *err);

/* As rm_sgs_realize, with simple kriging around a mean per grid layer:
 * layer_mean[k] (grid.nz values) replaces params.sk_mean for the nodes of
 * layer k (simple kriging with a locally varying mean).  Conditioning data
 * keep their values.  layer_mean NULL: params.sk_mean everywhere. */
rm_status rm_sgs_realize_lvm(const rm_sgs *sgs, uint64_t index, const double *layer_mean,
                             double *out, rm_error *err);

/* Realizations first, …, first + nreal − 1 simulated together on one
 * path, the path of realization `first` (drawn from its stream, which then
 * gives its normal deviates; the others draw theirs from their own
 * streams).  On a shared path every realization meets the same informed
 * neighbours, so each node's kriging system is solved once for all of them.
 * A batch of one equals rm_sgs_realize_lvm bit for bit; a realization's
 * values depend on the batch it belongs to, so callers must form batches
 * independently of threads and ranks.  layer_mean: NULL, or nreal × grid.nz
 * means (realization-major) as in rm_sgs_realize_lvm.  out: nreal × nblocks,
 * realization after realization. */
rm_status rm_sgs_realize_batch(const rm_sgs *sgs, uint64_t first, size_t nreal,
                               const double *layer_mean, double *out, rm_error *err);

/* A tile's batch (tiled simulation, docs/simulation.md "Tiles"): on entry
 * out holds, for rows j < fixed_rows of every layer, each realization's
 * values of the previous tile (realization-major as out); those nodes are
 * informed, rows fixed_rows … fixed_rows + sim_rows − 1 are simulated, and
 * the rows above them only condition through the data they hold (their
 * other nodes come back NAN).  fixed_rows 0, sim_rows ny: exactly
 * rm_sgs_realize_batch. */
rm_status rm_sgs_realize_batch_rows(const rm_sgs *sgs, uint64_t first, size_t nreal,
                                    const double *layer_mean, size_t fixed_rows,
                                    size_t sim_rows, double *out, rm_error *err);

/* The simulation of whole restricted to its grid rows row0 … row1 − 1 (a
 * tile with its halo): the same model, search and data nodes (those in the
 * rows), the stream family seed.  The data nodes keep their order, so a
 * tile's data nodes are the whole grid's in those rows.  The result borrows
 * whole's search template and covariance table (read-only, not copied):
 * whole must outlive it. */
rm_status rm_sgs_alloc_rows(const rm_sgs *whole, size_t row0, size_t row1, uint64_t seed,
                            rm_sgs **out, rm_error *err);

/* The stream family of the simulation's realizations (params.seed). */
uint64_t rm_sgs_get_seed(const rm_sgs *sgs);

/* Rows of grid the search of params reaches along y: ceil(radius × the
 * model's major range / dy), the halo a tile needs. */
size_t rm_sgs_halo_rows(const rm_grid *grid, const rm_sgs_params *params);

/* Default number of realizations simulated on one path (rm_sgs_simulate_grid,
 * the simulation of a project). */
#define RM_SGS_BATCH_DEFAULT 25

/* nsim realizations of data on grid into out (nsim × nblocks, realization
 * after realization, grid order).  nscore: transform the values to normal
 * scores first (simple kriging with mean 0) and back after; otherwise the
 * values are simulated as they are around params->sk_mean.  threads <= 0:
 * the OpenMP default.  The same for any thread count. */
rm_status rm_sgs_simulate_grid(const rm_grid *grid, const rm_sgs_data *data,
                               const rm_sgs_params *params, int nscore, size_t nsim,
                               int threads, double *out, rm_error *err);

#ifdef __cplusplus
}
#endif
#endif
