/* classify.c — measured / indicated / inferred classification of blocks.
 *
 * JORC Code 2012 (cl. 20–22) and the CIM Estimation of Mineral Resources &
 * Mineral Reserves Best Practice Guidelines (2019) leave the rules to the
 * Competent/Qualified Person but ask that confidence in geological and grade
 * continuity be shown by data spacing and estimation quality.  Common
 * quantitative proxies, used here:
 *   - slope of regression of true on estimated block grade (Krige 1996;
 *     Vann, Jackson & Bertoli 2003, "Quantitative kriging neighbourhood
 *     analysis"): >= 0.8 is the usual bar for measured, >= 0.5 for indicated;
 *   - the number of samples informing the block;
 *   - the mean distance to those samples relative to the variogram range:
 *     measured within a third of the range, indicated within two thirds,
 *     inferred within one and a half ranges — the "two-thirds of the range"
 *     heuristic common in public JORC and NI 43-101 resource statements (a
 *     practice, not a rule of either code).  The samples of a block include
 *     the composites above and below it in nearby cores, so the mean
 *     distance is shorter than the core spacing: the fractions are chosen to
 *     be strict.
 * All thresholds are editable in [classification]; docs/resource.md.
 */
#include <math.h>
#include <string.h>

#include "reemud/resource.h"

const char *rm_class_name(int cls)
{
    switch (cls) {
    case RM_CLASS_MEASURED: return "measured";
    case RM_CLASS_INDICATED: return "indicated";
    case RM_CLASS_INFERRED: return "inferred";
    default: return "unclassified";
    }
}

void rm_classify_rules_default(rm_classify_rules *r, double range_m)
{
    r->measured_min_slope = 0.8;
    r->measured_min_n = 8;
    r->measured_max_dist_m = range_m / 3.0;
    r->indicated_min_slope = 0.5;
    r->indicated_min_n = 4;
    r->indicated_max_dist_m = 2.0 * range_m / 3.0;
    r->inferred_min_n = 1;
    r->inferred_max_dist_m = 1.5 * range_m;
    r->measured_max_pass = 1;
    r->indicated_max_pass = 2;
}

rm_status rm_classify_rules_read(rm_ini *ini, rm_classify_rules *r, rm_error *err)
{
    const char *s = "classification";
    rm_status st;
    if ((st = rm_ini_get_double(ini, s, "measured_min_slope", r->measured_min_slope, -10,
                                10, &r->measured_min_slope, err)) ||
        (st = rm_ini_get_long(ini, s, "measured_min_n", r->measured_min_n, 0, 100000,
                              &r->measured_min_n, err)) ||
        (st = rm_ini_get_double(ini, s, "measured_max_dist_m", r->measured_max_dist_m, 0,
                                1e9, &r->measured_max_dist_m, err)) ||
        (st = rm_ini_get_double(ini, s, "indicated_min_slope", r->indicated_min_slope,
                                -10, 10, &r->indicated_min_slope, err)) ||
        (st = rm_ini_get_long(ini, s, "indicated_min_n", r->indicated_min_n, 0, 100000,
                              &r->indicated_min_n, err)) ||
        (st = rm_ini_get_double(ini, s, "indicated_max_dist_m", r->indicated_max_dist_m,
                                0, 1e9, &r->indicated_max_dist_m, err)) ||
        (st = rm_ini_get_long(ini, s, "inferred_min_n", r->inferred_min_n, 0, 100000,
                              &r->inferred_min_n, err)) ||
        (st = rm_ini_get_double(ini, s, "inferred_max_dist_m", r->inferred_max_dist_m, 0,
                                1e9, &r->inferred_max_dist_m, err)) ||
        (st = rm_ini_get_long(ini, s, "measured_max_pass", r->measured_max_pass, 0, 3,
                              &r->measured_max_pass, err)) ||
        (st = rm_ini_get_long(ini, s, "indicated_max_pass", r->indicated_max_pass, 0, 3,
                              &r->indicated_max_pass, err)))
        return st;
    if (r->measured_min_slope < r->indicated_min_slope)
        return rm_error_input(err, rm_ini_path(ini),
                              rm_ini_line(ini, s, "measured_min_slope"),
                              "classification.measured_min_slope",
                              "%g is below indicated_min_slope %g", r->measured_min_slope,
                              r->indicated_min_slope);
    return RM_OK;
}

/* 1 when a block has at least min_n samples and, if max_dist > 0, a mean sample distance
 * dist (m) within max_dist; NAN values fail. */
static int passes(double n, double dist, long min_n, double max_dist)
{
    if (!(n >= (double)min_n))
        return 0;
    if (max_dist > 0 && !(dist <= max_dist))
        return 0;
    return 1;
}

int rm_classify_block(const rm_classify_rules *r, double slope, double n_samples,
                      double mean_dist_m)
{
    if (slope >= r->measured_min_slope &&
        passes(n_samples, mean_dist_m, r->measured_min_n, r->measured_max_dist_m))
        return RM_CLASS_MEASURED;
    if (slope >= r->indicated_min_slope &&
        passes(n_samples, mean_dist_m, r->indicated_min_n, r->indicated_max_dist_m))
        return RM_CLASS_INDICATED;
    if (passes(n_samples, mean_dist_m, r->inferred_min_n, r->inferred_max_dist_m))
        return RM_CLASS_INFERRED;
    return 0;
}

rm_status rm_classify_blockmodel(rm_blockmodel *bm, const rm_classify_rules *r,
                                 rm_error *err)
{
    const double *slope = rm_blockmodel_get(bm, "slope");
    const double *n = rm_blockmodel_get(bm, "n_samples");
    const double *dist = rm_blockmodel_get(bm, "mean_dist_m");
    const double *pass = rm_blockmodel_get(bm, "search_pass"); /* optional */
    if (!slope || !n || !dist)
        return rm_error_set(err, RM_EINVAL,
                            "classification needs block fields slope, n_samples and "
                            "mean_dist_m");
    double *cls = rm_blockmodel_add(bm, "class",
                                    "resource class (1 measured, 2 indicated, 3 inferred)",
                                    "1");
    if (!cls)
        return rm_error_set(err, RM_ENOMEM, "out of memory adding field class");
    /* the add may have moved the other fields' array of descriptors, but
     * not their values */
    size_t nb = rm_grid_nblocks(&bm->grid);
    for (size_t b = 0; b < nb; b++) {
        if (isnan(n[b]) || n[b] <= 0) {
            cls[b] = NAN;
            continue;
        }
        int c = rm_classify_block(r, slope[b], n[b], dist[b]);
        /* a later search pass caps the class: its blocks were estimated from
         * a wider search than the class's confidence allows */
        double p = pass ? pass[b] : NAN;
        if (c == RM_CLASS_MEASURED && r->measured_max_pass > 0 &&
            p > (double)r->measured_max_pass)
            c = slope[b] >= r->indicated_min_slope &&
                        passes(n[b], dist[b], r->indicated_min_n, r->indicated_max_dist_m)
                    ? RM_CLASS_INDICATED
                : passes(n[b], dist[b], r->inferred_min_n, r->inferred_max_dist_m)
                    ? RM_CLASS_INFERRED
                    : 0;
        if (c == RM_CLASS_INDICATED && r->indicated_max_pass > 0 &&
            p > (double)r->indicated_max_pass)
            c = passes(n[b], dist[b], r->inferred_min_n, r->inferred_max_dist_m)
                    ? RM_CLASS_INFERRED
                    : 0;
        cls[b] = c ? (double)c : NAN;
    }
    return RM_OK;
}
