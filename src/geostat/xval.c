/* xval.c — cross-validation of a kriging set-up: leave one sample out, or
 * leave out every sample of the sample's hole (core), and summarise the
 * residuals r = observed − estimate.
 *
 * Statistics as gstat's krige.cv output is usually summarised (Pebesma
 * 2004; Isaaks & Srivastava 1989, ch. 15): mean error (ME, ideally 0), mean
 * squared error (MSE), and the mean squared deviation ratio
 * MSDR = mean(r² / σ²) (ideally 1: kriging variances that describe the
 * actual errors).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "reemud/krige.h"

rm_status rm_krige_run_xval_(const rm_krige *k, rm_xval_kind kind, const rm_krige_out *out,
                             rm_krige_stats *kstats, rm_error *err);

rm_status rm_krige_xval(const rm_krige *k, rm_xval_kind kind, const rm_krige_out *out,
                        rm_xval_stats *stats, rm_krige_stats *kstats, rm_error *err)
{
    size_t n = rm_krige_n_samples(k), nvar = rm_krige_nvar(k);
    rm_krige_out o = *out;
    double *est = NULL, *var = NULL, *obs = NULL;
    if (!o.est)
        o.est = est = malloc((n ? n : 1) * nvar * sizeof *est);
    if (!o.var)
        o.var = var = malloc((n ? n : 1) * sizeof *var);
    obs = malloc((nvar ? nvar : 1) * sizeof *obs);
    rm_status st;
    if (!o.est || !o.var || !obs) {
        st = rm_error_set(err, RM_ENOMEM, "out of memory (cross-validation)");
        goto done;
    }
    st = rm_krige_run_xval_(k, kind, &o, kstats, err);
    if (st != RM_OK || !stats)
        goto done;
    for (size_t v = 0; v < nvar; v++)
        memset(&stats[v], 0, sizeof stats[v]);
    for (size_t i = 0; i < n; i++) {
        rm_krige_sample(k, i, NULL, obs, NULL);
        for (size_t v = 0; v < nvar; v++) {
            double e = o.est[i * nvar + v], s2 = o.var[i];
            if (!isfinite(e))
                continue;
            double r = obs[v] - e;
            stats[v].n++;
            stats[v].mean_error += r;
            stats[v].mse += r * r;
            stats[v].msdr += r * r / s2;
        }
    }
    for (size_t v = 0; v < nvar; v++)
        if (stats[v].n) {
            stats[v].mean_error /= (double)stats[v].n;
            stats[v].mse /= (double)stats[v].n;
            stats[v].msdr /= (double)stats[v].n;
        } else {
            stats[v].mean_error = stats[v].mse = stats[v].msdr = NAN;
        }
done:
    free(est);
    free(var);
    free(obs);
    return st;
}
