/* fig_validation.c — the figures of an estimate's validation pack
 * (resource.h, rm_validation): swath plots along easting, northing and
 * depth, and the kriged grade–tonnage against the discrete Gaussian model.
 * The numbers are the stage's; this file only chooses what to draw.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "reemud/report.h"
#include "reemud/validation.h"

const char *const rm_fig_validation_outputs[] = {
    "swath_x.png", "swath_x.svg", "swath_y.png", "swath_y.svg", "swath_z.png",
    "swath_z.svg", "validation_gt.png", "validation_gt.svg", "topcut.png", "topcut.svg", NULL};

/* Draws the ΣREY swath of axis a as dir/NAME.{png,svg}: kriged blocks, the
 * NN model and the composites (symbols: slices without composites are gaps). */
static rm_status draw_swath(const char *dir, const char *name, const rm_validation *v, int a,
                            rm_error *err)
{
    const rm_swath *s = &v->swath[a];
    size_t n = s->n_slices, nv = v->nvar;
    double *blk = malloc((n ? n : 1) * sizeof *blk), *nn = malloc((n ? n : 1) * sizeof *nn),
           *cm = malloc((n ? n : 1) * sizeof *cm);
    if (!blk || !nn || !cm) {
        free(blk), free(nn), free(cm);
        return rm_error_set(err, RM_ENOMEM, "out of memory (swath figure)");
    }
    double nc = 0, ns = 0;
    for (size_t l = 0; l < n; l++) {
        blk[l] = s->blocks_mean[l * nv];
        nn[l] = s->nn_mean[l * nv];
        cm[l] = s->composites_mean[l * nv];
        nc += s->n_composites[l];
        ns += s->n_composites[l] > 0;
    }
    char comp_label[96];
    snprintf(comp_label, sizeof comp_label, "Composites (%.0f; %.0f/%zu slices)", nc, ns, n);
    rm_fig_curve curves[3] = {
        {.label = "Kriged blocks", .n = n, .x = s->center_m, .y = blk},
        {.label = "Nearest neighbour", .n = n, .x = s->center_m, .y = nn,
         .dashed = 1},
        {.label = comp_label, .n = n, .x = s->center_m, .y = cm, .dashed = 2, .marker = 1}};
    static const char *const titles[3] = {"Swath plot along easting: mean ΣREY per block column",
                                          "Swath plot along northing: mean ΣREY per block row",
                                          "Swath plot along depth: mean ΣREY per block layer"};
    static const char *const xl[3] = {"Easting, slice centre (m)", "Northing, slice centre (m)",
                                      "Depth below seafloor, layer centre (m)"};
    rm_fig_lines l = {.title = titles[a], .x_label = xl[a], .y_label = "Mean ΣREY (ppm)",
                      .marker_x = NAN, .n_curves = 3, .curves = curves};
    rm_status st = rm_fig_lines_plot(dir, name, &l, err);
    free(blk), free(nn), free(cm);
    return st;
}

rm_status rm_fig_validation(const char *dir, const rm_validation *v, rm_error *err)
{
    if (!v || v->nvar == 0)
        return rm_error_set(err, RM_EINVAL, "validation figures: no validation pack");
    static const char *const names[3] = {"swath_x", "swath_y", "swath_z"};
    rm_status st = RM_OK;
    for (int a = 0; a < 3 && !st; a++)
        st = draw_swath(dir, names[a], v, a, err);
    if (st)
        return st;
    /* Grade–tonnage: tonnes above cut-off, kriged blocks vs DGM (Mt). */
    size_t n = v->n_gt;
    double *bt = malloc((n ? n : 1) * sizeof *bt), *dt = malloc((n ? n : 1) * sizeof *dt);
    if (!bt || !dt) {
        free(bt), free(dt);
        return rm_error_set(err, RM_ENOMEM, "out of memory (validation figure)");
    }
    for (size_t t = 0; t < n; t++) {
        bt[t] = v->gt_block_t[t] * 1e-6;
        dt[t] = v->gt_dgm_t[t] * 1e-6;
    }
    rm_fig_curve curves[2] = {
        {.label = "Kriged blocks", .n = n, .x = v->gt_cutoff_ppm, .y = bt, .marker = 1},
        {.label = "DGM, block support", .n = n, .x = v->gt_cutoff_ppm,
         .y = dt, .dashed = 1, .marker = 1}};
    rm_fig_lines l = {.title = "Grade–tonnage check: kriged blocks against the block-support "
                               "model",
                      .x_label = "Cut-off ΣREY (ppm)", .y_label = "Dry mud above cut-off (Mt)",
                      .marker_x = NAN, .n_curves = 2, .curves = curves};
    st = rm_fig_lines_plot(dir, "validation_gt", &l, err);
    free(bt), free(dt);
    return st;
}

rm_status rm_fig_topcut(const char *dir, const rm_topcut_info *t, rm_error *err)
{
    if (!t || t->n_rows == 0 || t->n_samples == 0)
        return rm_error_set(err, RM_EINVAL, "top-cut figure: no top-cut");
    /* at most 5 variables (each with its cap line) fit the legend */
    size_t nr = t->n_rows > 5 ? 5 : t->n_rows;
    rm_fig_curve curves[10];
    double capx[5][2], capy[5][2];
    char labels[5][48], caplabels[5][48];
    size_t nc = 0;
    double xlo = t->normal_score[0], xhi = t->normal_score[t->n_samples - 1];
    /* ΣREY (the last row) first, then the elements */
    for (size_t k = 0; k < nr; k++) {
        const rm_topcut_row *w = &t->rows[k == 0 ? t->n_rows - 1 : k - 1];
        const char *name = w->elem < 0 ? "ΣREY" : rm_element(w->elem)->symbol;
        snprintf(labels[k], sizeof labels[k], "%s composites", name);
        curves[nc++] = (rm_fig_curve){.label = labels[k], .n = t->n_samples,
                                      .x = t->normal_score, .y = w->sorted_ppm, .marker = 1};
        if (isfinite(w->cap_ppm)) {
            snprintf(caplabels[k], sizeof caplabels[k], "%s cap %.0f ppm", name, w->cap_ppm);
            capx[k][0] = xlo, capx[k][1] = xhi;
            capy[k][0] = capy[k][1] = w->cap_ppm;
            curves[nc++] = (rm_fig_curve){.label = caplabels[k], .n = 2, .x = capx[k],
                                          .y = capy[k], .dashed = 1};
        }
    }
    rm_fig_lines l = {.title = "Log-probability plot of the composites, with the top-cuts",
                      .x_label = "Normal score of the cumulative frequency (standard deviations)",
                      .y_label = "Grade (ppm)", .log_y = 1, .marker_x = NAN, .n_curves = nc,
                      .curves = curves};
    return rm_fig_lines_plot(dir, "topcut", &l, err);
}

rm_status rm_fig_kna(const char *dir, const rm_kna_table *t, rm_error *err)
{
    if (!t || t->n == 0)
        return rm_error_set(err, RM_EINVAL, "kna figure: no rows");
    /* the distinct maxdist values in order of appearance (rows: nmax fastest) */
    double md[4];
    size_t nmd = 0;
    for (size_t r = 0; r < t->n; r++) {
        size_t q = 0;
        while (q < nmd && md[q] != t->rows[r].maxdist_m)
            q++;
        if (q == nmd) {
            if (nmd == 4)
                return rm_error_set(err, RM_EINVAL, "kna figure: at most 4 maxdist values");
            md[nmd++] = t->rows[r].maxdist_m;
        }
    }
    double *x = malloc(3 * t->n * sizeof *x), *y = malloc(3 * t->n * sizeof *y);
    if (!x || !y) {
        free(x), free(y);
        return rm_error_set(err, RM_ENOMEM, "out of memory (kna figure)");
    }
    rm_fig_curve curves[12];
    char labels[12][64];
    size_t nc = 0, at = 0;
    for (size_t q = 0; q < nmd; q++)
        for (int kind = 0; kind < 3; kind++) {
            static const char *const what[3] = {"Slope", "P10", "KE"};
            size_t m = 0;
            for (size_t r = 0; r < t->n; r++)
                if (t->rows[r].maxdist_m == md[q]) {
                    x[at + m] = (double)t->rows[r].nmax;
                    y[at + m] = kind == 0   ? t->rows[r].slope_mean
                                : kind == 1 ? t->rows[r].slope_p10
                                            : t->rows[r].ke_mean;
                    m++;
                }
            if (md[q] > 0)
                snprintf(labels[nc], sizeof labels[nc], "%s ≤ %.3g km", what[kind],
                         md[q] / 1000);
            else
                snprintf(labels[nc], sizeof labels[nc], "%s", what[kind]);
            curves[nc] = (rm_fig_curve){.label = labels[nc], .n = m, .x = &x[at], .y = &y[at],
                                        .dashed = kind, .marker = 1};
            nc++;
            at += m;
        }
    rm_fig_lines l = {.title = "Kriging neighbourhood analysis (means; P10: lower decile of the slope)",
                      .x_label = "Samples in the neighbourhood (nmax)",
                      .y_label = "Slope of regression, kriging efficiency", .marker_x = NAN,
                      .n_curves = nc, .curves = curves};
    rm_status st = rm_fig_lines_plot(dir, "kna", &l, err);
    free(x), free(y);
    return st;
}
