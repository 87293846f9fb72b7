/* simulate_models.c — what the simulation's realizations become for the
 * later stages: block models the chain can read (each element's grade is
 * the kriged split of ΣREY applied to the simulated ΣREY, docs/simulation.md
 * step 5; shallow: the models share the kriged model's density and water
 * depth), and grade–tonnage quantiles across realizations.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "reemud/simulate.h"

void rm_realization_models_free(rm_realization_models *m)
{
    free(m->bm), free(m->ptr), free(m->fields), free(m->surfaces), free(m->values);
    memset(m, 0, sizeof *m);
}

/* The kriged field named name, NULL if none (a surface when surface is 1). */
static const rm_field *find_field(const rm_blockmodel *bm, const char *name, int surface)
{
    size_t n = surface ? bm->n_surfaces : bm->n_fields;
    const rm_field *f = surface ? bm->surfaces : bm->fields;
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].name, name) == 0)
            return &f[i];
    return NULL;
}

rm_status rm_simulate_realization_models(const rm_blockmodel *kriged, const float *reals,
                                         const double *etype, size_t n,
                                         rm_realization_models *m, rm_error *err)
{
    memset(m, 0, sizeof *m);
    const size_t nf = RM_NREY + 1, nshared = 2; /* + density_t_m3, dry_density_t_m3 */
    size_t nb = rm_grid_nblocks(&kriged->grid);
    const rm_field *el[RM_NREY + 1];
    for (size_t e = 0; e < nf; e++) {
        char name[64];
        snprintf(name, sizeof name, "%s_ppm", e < RM_NREY ? rm_element((int)e)->symbol : "SREY");
        if (!(el[e] = find_field(kriged, name, 0)))
            return rm_error_set(err, RM_EINTERNAL,
                                "realization models: the kriged model has no %s", name);
    }
    const rm_field *shared[2] = {find_field(kriged, "density_t_m3", 0),
                                 find_field(kriged, "dry_density_t_m3", 0)};
    const rm_field *depth = find_field(kriged, "water_depth_m", 1);
    m->bm = calloc(n, sizeof *m->bm);
    m->ptr = calloc(n, sizeof *m->ptr);
    m->fields = calloc(n * (nf + nshared), sizeof *m->fields);
    m->surfaces = calloc(n, sizeof *m->surfaces);
    m->values = malloc(n * nf * nb * sizeof *m->values);
    if (!m->bm || !m->ptr || !m->fields || !m->surfaces || !m->values) {
        rm_realization_models_free(m);
        return rm_error_set(err, RM_ENOMEM, "out of memory for %zu realization models", n);
    }
    m->n = n;
    const double *ksrey = el[RM_NREY]->values;
    for (size_t r = 0; r < n; r++) {
        rm_blockmodel *bm = &m->bm[r];
        bm->grid = kriged->grid;
        bm->epsg = kriged->epsg;
        bm->fields = m->fields + r * (nf + nshared);
        const float *sim = reals + r * nb;
        for (size_t e = 0; e < nf; e++) {
            rm_field *f = &bm->fields[bm->n_fields++];
            *f = *el[e];
            f->values = m->values + (r * nf + e) * nb;
            const double *k = el[e]->values;
            for (size_t b = 0; b < nb; b++) {
                int simulated = isfinite(etype[b]) && ksrey[b] > 0 && isfinite(sim[b]);
                f->values[b] = !simulated      ? k[b]
                               : e == RM_NREY ? (double)sim[b]
                                              : k[b] / ksrey[b] * (double)sim[b];
            }
        }
        for (size_t s = 0; s < nshared; s++)
            if (shared[s])
                bm->fields[bm->n_fields++] = *shared[s];
        bm->cap_fields = bm->n_fields;
        if (depth) {
            bm->surfaces = &m->surfaces[r];
            bm->surfaces[0] = *depth;
            bm->n_surfaces = bm->cap_surfaces = 1;
        }
        m->ptr[r] = bm;
    }
    return RM_OK;
}

/* P10, P50 and P90 of the finite values among the n in v (NAN when none); v is compacted
 * and sorted in place. */
static void quantiles(double *v, size_t n, double *p10, double *p50, double *p90)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]))
            v[m++] = v[i];
    if (!m) {
        *p10 = *p50 = *p90 = NAN;
        return;
    }
    gsl_sort(v, 1, m);
    *p10 = gsl_stats_quantile_from_sorted_data(v, 1, m, 0.1);
    *p50 = gsl_stats_quantile_from_sorted_data(v, 1, m, 0.5);
    *p90 = gsl_stats_quantile_from_sorted_data(v, 1, m, 0.9);
}

void rm_simulate_gt_quantiles(const rm_simulate_result *r, rm_sim_gt *gt)
{
    size_t nr = r->realizations, nc = r->n_cutoffs;
    double *mud_p10 = gt->mud_p10_t, *mud_p50 = gt->mud_p50_t, *mud_p90 = gt->mud_p90_t;
    double *grade_p10 = gt->grade_p10_ppm, *grade_p50 = gt->grade_p50_ppm,
           *grade_p90 = gt->grade_p90_ppm;
    gt->n = nc;
    double *mud = malloc((nr ? nr : 1) * sizeof *mud);
    double *grade = malloc((nr ? nr : 1) * sizeof *grade);
    for (size_t c = 0; c < nc; c++) {
        if (!mud || !grade) {
            mud_p10[c] = mud_p50[c] = mud_p90[c] = NAN;
            grade_p10[c] = grade_p50[c] = grade_p90[c] = NAN;
            continue;
        }
        for (size_t k = 0; k < nr; k++) {
            const rm_sim_totals *t = &r->totals[k * nc + c];
            double srey_t = 0;
            for (int e = 0; e < RM_NREY; e++)
                srey_t += t->oxide_t[e] / rm_element(e)->oxide_factor;
            mud[k] = t->mud_t;
            grade[k] = t->mud_t > 0 ? srey_t / t->mud_t * 1e6 : NAN;
        }
        quantiles(mud, nr, &mud_p10[c], &mud_p50[c], &mud_p90[c]);
        quantiles(grade, nr, &grade_p10[c], &grade_p50[c], &grade_p90[c]);
    }
    free(mud);
    free(grade);
}
