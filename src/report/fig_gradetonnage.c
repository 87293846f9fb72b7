/* fig_gradetonnage.c — grade–tonnage curves: tonnage above cut-off on the
 * left axis and mean grade above cut-off on the right axis, against
 * cut-off, each with its P10–P90 band when the caller has realizations.
 * Tonnage is shown in Gt, Mt, kt or t, whichever keeps the numbers short,
 * and the legend sits above the plot, where no curve can run under it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/fig_internal.h"
#include "reemud/report.h"

typedef struct gt_job {
    const rm_fig_gradetonnage *gt;
    int band;
    double t_scale;       /* tonnes → display unit */
    const char *t_unit;
    double *t_mid, *t_lo, *t_hi; /* scaled copies */
    double cmin, cmax, tmax, gmin, gmax;
} gt_job;

/* fig_render callback (data is a gt_job): tonnage above cut-off on the left axis, mean
 * grade on the right, P10–P90 bands when job->band, legend above the plot. */
static void draw_gt(const void *data)
{
    const gt_job *job = data;
    const rm_fig_gradetonnage *gt = job->gt;
    size_t n = gt->n;
    plvpor(0.10, 0.87, 0.13, 0.83);

    /* Tonnage, left axis. */
    plwind(job->cmin, job->cmax, 0.0, job->tmax);
    fig_ticks tx, ty;
    fig_ticks_make(job->cmin, job->cmax, 0, fig_side_length('b'), 1, &tx);
    fig_ticks_make(0.0, job->tmax, 0, fig_side_length('l'), 0, &ty);
    fig_grid_at('b', &tx);
    fig_grid_at('l', &ty);
    if (job->band) {
        plcol0(FIG_BAND);
        fig_band(n, gt->cutoff, job->t_lo, job->t_hi);
    }
    plcol0(FIG_INK);
    plwidth(1.2);
    plbox("bc", 0.0, 0, "b", 0.0, 0);
    plwidth(1.0);
    fig_axis_numbers('b', 0, NULL);
    fig_axis_ticks('t', 0);
    double widest = fig_axis_numbers('l', 0, NULL);
    plcol0(FIG_BLUE);
    plwidth(3.0);
    fig_polyline(n, gt->cutoff, job->t_mid);
    plwidth(1.0);
    char ylab[256];
    snprintf(ylab, sizeof ylab, "Dry mud above cut-off (%s)", job->t_unit);
    fig_labels(NULL, gt->cutoff_label ? gt->cutoff_label : "Cut-off grade", NULL, 0);
    fig_title(gt->title, 4.4);
    plcol0(FIG_BLUE);
    plmtex("l", fig_name_disp(widest), 0.5, 0.5, ylab);

    /* Grade, right axis. */
    plwind(job->cmin, job->cmax, job->gmin, job->gmax);
    if (job->band) {
        plcol0(FIG_BAND2);
        fig_band(n, gt->cutoff, gt->grade_p10, gt->grade_p90);
    }
    plcol0(FIG_ORANGE);
    plwidth(3.0);
    pllsty(2);
    fig_polyline(n, gt->cutoff, gt->grade);
    pllsty(1);
    plwidth(1.2);
    plcol0(FIG_INK);
    plbox("", 0.0, 0, "c", 0.0, 0);
    plwidth(1.0);
    double gwidest = fig_axis_numbers('r', 0, NULL);
    char glab[512];
    fig_text(gt->grade_label ? gt->grade_label : "Mean grade above cut-off", glab, sizeof glab);
    plcol0(FIG_ORANGE);
    /* Right-hand names read top to bottom; disp counts to the far edge. */
    plmtex("r", fig_name_disp(gwidest) + 1.0, 0.5, 0.5, glab);

    fig_leg leg[4] = {
        {FIG_LEG_LINE, FIG_BLUE, 1, 0, "Dry mud (P50)", NULL},
        {FIG_LEG_LINE, FIG_ORANGE, 2, 0, "Mean grade (P50)", NULL},
        {FIG_LEG_BOX, FIG_BAND, 1, 0, "Dry mud P10–P90", NULL},
        {FIG_LEG_BOX, FIG_BAND2, 1, 0, "Grade P10–P90", NULL},
    };
    if (!job->band)
        leg[0].text = "Dry mud", leg[1].text = "Mean grade";
    /* Above the plot: the curves cross every corner of it. */
    fig_legend_above(job->band ? 4 : 2, leg, job->band ? 2 : 1);
}

rm_status rm_fig_gradetonnage_plot(const char *dir, const char *name,
                                   const rm_fig_gradetonnage *gt, rm_error *err)
{
    if (!gt || gt->n == 0 || !gt->cutoff || !gt->tonnes || !gt->grade)
        return rm_error_set(err, RM_EINVAL,
                            "grade-tonnage: cut-offs, tonnages and grades are required");
    int nband = (gt->tonnes_p10 != NULL) + (gt->tonnes_p90 != NULL) +
                (gt->grade_p10 != NULL) + (gt->grade_p90 != NULL);
    if (nband != 0 && nband != 4)
        return rm_error_set(err, RM_EINVAL,
                            "grade-tonnage: give all four P10/P90 curves or none");
    if (fig_count_pairs(gt->n, gt->cutoff, gt->tonnes) == 0)
        return rm_error_set(err, RM_EINVAL, "grade-tonnage: no finite point to draw");
    gt_job job = {.gt = gt, .band = nband == 4};
    double lo, hi;
    fig_range(gt->cutoff, gt->n, &job.cmin, &job.cmax);
    if (!(job.cmax > job.cmin))
        fig_pad(&job.cmin, &job.cmax, 0.0);

    fig_range(gt->tonnes, gt->n, &lo, &hi);
    double tmax = hi;
    if (job.band && fig_range(gt->tonnes_p90, gt->n, &lo, &hi))
        tmax = fmax(tmax, hi);
    if (job.band && fig_range(gt->tonnes_p10, gt->n, &lo, &hi))
        tmax = fmax(tmax, hi);
    /* The unit that keeps the numbers below 10,000: short tick labels. */
    job.t_scale = tmax >= 1e10 ? 1e-9 : tmax >= 1e7 ? 1e-6 : tmax >= 1e4 ? 1e-3 : 1.0;
    job.t_unit = tmax >= 1e10 ? "Gt" : tmax >= 1e7 ? "Mt" : tmax >= 1e4 ? "kt" : "t";
    job.tmax = tmax > 0 ? 1.08 * tmax * job.t_scale : 1.0;

    job.gmin = INFINITY;
    job.gmax = -INFINITY;
    const double *gs[3] = {gt->grade, gt->grade_p10, gt->grade_p90};
    for (int s = 0; s < (job.band ? 3 : 1); s++)
        if (fig_range(gs[s], gt->n, &lo, &hi)) {
            job.gmin = fmin(job.gmin, lo);
            job.gmax = fmax(job.gmax, hi);
        }
    if (!isfinite(job.gmin))
        return rm_error_set(err, RM_EINVAL, "grade-tonnage: every grade is NaN");
    fig_pad(&job.gmin, &job.gmax, 0.06);

    job.t_mid = malloc(gt->n * sizeof(double));
    job.t_lo = malloc(gt->n * sizeof(double));
    job.t_hi = malloc(gt->n * sizeof(double));
    rm_status st = RM_OK;
    if (!job.t_mid || !job.t_lo || !job.t_hi) {
        st = rm_error_set(err, RM_ENOMEM, "grade-tonnage: out of memory");
    } else {
        for (size_t i = 0; i < gt->n; i++) {
            job.t_mid[i] = gt->tonnes[i] * job.t_scale;
            job.t_lo[i] = job.band ? gt->tonnes_p10[i] * job.t_scale : NAN;
            job.t_hi[i] = job.band ? gt->tonnes_p90[i] * job.t_scale : NAN;
        }
        st = fig_render(dir, name, draw_gt, &job, err);
    }
    free(job.t_mid);
    free(job.t_lo);
    free(job.t_hi);
    return st;
}
