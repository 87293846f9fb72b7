/* sweep.c — many design points at once: every combination of dry rate,
 * diameter and injection depth, solved in parallel with OpenMP.  Each
 * point is independent and written to its own row, so the output does not
 * depend on the number of threads. */
#include <string.h>

#include "lift_internal.h"

rm_status rm_lift_sweep(const rm_lift_params *p, const double *rates, size_t n_rates,
                        const double *diameters, size_t n_diameters,
                        const double *injection_depths, size_t n_injection,
                        rm_lift_sweep_row *rows, rm_error *err)
{
    if (!p || !rows)
        return rm_error_set(err, RM_EINVAL, "sweep: no parameters or rows");
    int liquid = p->fluid != RM_LIFT_FLUID_SLURRY;
    double base_rate = liquid ? p->liquid_kg_s : p->rate_dry_tph;
    size_t nr = n_rates ? n_rates : 1, nd = n_diameters ? n_diameters : 1,
           ni = n_injection ? n_injection : 1;
    size_t n = nr * nd * ni;
    long long total = (long long)n;
#pragma omp parallel for schedule(dynamic, 16)
    for (long long idx = 0; idx < total; idx++) {
        size_t k = (size_t)idx;
        size_t ir = k % nr, id = (k / nr) % nd, ii = k / (nr * nd);
        rm_lift_params q = *p;
        q.profile_points = 0;
        double rate = n_rates ? rates[ir] : base_rate;
        if (liquid)
            q.liquid_kg_s = rate;
        else
            q.rate_dry_tph = rate;
        if (n_diameters)
            q.diameter_m = diameters[id];
        if (n_injection)
            q.injection_depth_m = injection_depths[ii];
        rm_lift_sweep_row *row = &rows[k];
        memset(row, 0, sizeof *row);
        row->rate_dry_tph = rate;
        row->diameter_m = q.diameter_m;
        row->injection_depth_m = q.injection_depth_m;
        rm_error e;
        row->status = rm_lift_solve(&q, &row->result, &e);
        row->air_kg_s = row->result.air_kg_s;
    }
    return RM_OK;
}
