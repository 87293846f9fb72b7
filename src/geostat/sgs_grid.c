/* sgs_grid.c — several SGS realizations of scattered data on a grid, with
 * an optional normal-score transform: the generic entry behind
 * `reemud krige --sim`, the counterpart of gstat's krige(..., nsim = N).
 *
 * Without the transform the values are taken as Gaussian and simulated
 * with simple kriging around params->sk_mean.  With it, the values are
 * mapped to normal scores (equal weights, linear tails to the data's range),
 * simulated with mean 0, and mapped back.  Realizations are grouped in
 * batches of params->batch (fixed: 0, 1, …, B − 1; B, …) that share a path
 * and their kriging weights (rm_sgs_realize_batch); batches run in parallel
 * (OpenMP), and realization r draws from rm_rng_stream(seed, r), so the
 * output is the same for any thread count.
 */
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/sgs.h"

rm_status rm_sgs_simulate_grid(const rm_grid *grid, const rm_sgs_data *data,
                               const rm_sgs_params *params, int nscore, size_t nsim,
                               int threads, double *out, rm_error *err)
{
    rm_sgs_params p = *params;
    rm_sgs_data d = *data;
    rm_nscore ns = {0};
    double *scores = NULL;
    rm_status st = RM_OK;
    if (nscore) {
        double zmin = INFINITY, zmax = -INFINITY;
        for (size_t i = 0; i < d.n; i++) {
            zmin = fmin(zmin, d.value[i]);
            zmax = fmax(zmax, d.value[i]);
        }
        st = rm_nscore_fit(d.value, NULL, d.n, zmin, zmax, &ns, err);
        if (st)
            return st;
        scores = malloc((d.n ? d.n : 1) * sizeof *scores);
        if (!scores) {
            rm_nscore_free(&ns);
            return rm_error_set(err, RM_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < d.n; i++)
            scores[i] = rm_nscore_forward(&ns, d.value[i]);
        d.value = scores;
        p.sk_mean = 0.0;
    }
    rm_sgs *sgs = NULL;
    st = rm_sgs_alloc(grid, &d, &p, &sgs, err);
    size_t nb = rm_grid_nblocks(grid);
    int failed = 0;
    size_t batch = p.batch ? p.batch : RM_SGS_BATCH_DEFAULT;
    size_t nbatch = (nsim + batch - 1) / batch;
    if (!st) {
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads > 0 ? threads : omp_get_max_threads())
        for (size_t bi = 0; bi < nbatch; bi++) {
            int stop;
#pragma omp atomic read
            stop = failed;
            if (stop)
                continue;
            rm_error local;
            size_t r = bi * batch, m = nsim - r < batch ? nsim - r : batch;
            double *f = out + r * nb;
            if (rm_sgs_realize_batch(sgs, (uint64_t)r, m, NULL, f, &local) != RM_OK) {
#pragma omp critical(rm_sgs_grid_error)
                if (!failed) {
                    failed = 1;
                    if (err)
                        *err = local;
                }
                continue;
            }
            if (nscore)
                for (size_t b = 0; b < m * nb; b++)
                    f[b] = rm_nscore_back(&ns, f[b]);
        }
        if (failed)
            st = err ? err->status : RM_ESINGULAR;
    }
    rm_sgs_free(sgs);
    rm_nscore_free(&ns);
    free(scores);
    return st;
}
