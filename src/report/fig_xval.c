/* fig_xval.c — cross-validation: estimated against observed values on
 * equal axes with the 1:1 line; points on the line are perfect estimates,
 * a cloud flatter than the line shows the smoothing of kriging.
 */
#include <math.h>
#include <stdio.h>

#include "report/fig_internal.h"
#include "reemud/report.h"

typedef struct xval_job {
    const rm_fig_xval *x;
    double lo, hi;
    size_t shown;
} xval_job;

/* fig_render callback (data is an xval_job): estimated against observed on equal axes
 * with the 1:1 line, the count of finite pairs and the optional note. */
static void draw_xval(const void *data)
{
    const xval_job *job = data;
    const rm_fig_xval *x = job->x;
    plvpas(0.12, 0.95, 0.13, 0.90, 1.0);
    plwind(job->lo, job->hi, job->lo, job->hi);
    double y_disp = fig_frame("", "");
    double line[2] = {job->lo, job->hi};
    plcol0(FIG_GREY);
    pllsty(2);
    plwidth(1.5);
    plline(2, line, line);
    pllsty(1);
    plwidth(1.0);
    plcol0(FIG_BLUE);
    fig_points(x->n, x->observed, x->estimated, 0.55);
    fig_labels(x->title, x->observed_label ? x->observed_label : "Observed",
               x->estimated_label ? x->estimated_label : "Estimated", y_disp);
    char count[64];
    snprintf(count, sizeof count, "n = %zu", job->shown);
    fig_leg leg[2] = {{FIG_LEG_SYMBOL, FIG_BLUE, 1, 0, count, NULL},
                      {FIG_LEG_LINE, FIG_GREY, 2, 0, "1:1", NULL}};
    fig_legend(2, leg, PL_POSITION_BOTTOM | PL_POSITION_RIGHT);
    if (x->note && *x->note) {
        char buf[512];
        fig_text(x->note, buf, sizeof buf);
        plcol0(FIG_INK);
        plschr(0.0, FIG_CHAR_SCALE * 0.9);
        plptex(job->lo + 0.03 * (job->hi - job->lo), job->hi - 0.05 * (job->hi - job->lo), 1.0,
               0.0, 0.0, buf);
        plschr(0.0, FIG_CHAR_SCALE);
    }
}

rm_status rm_fig_xval_plot(const char *dir, const char *name, const rm_fig_xval *x,
                           rm_error *err)
{
    if (!x || (x->n > 0 && (!x->observed || !x->estimated)))
        return rm_error_set(err, RM_EINVAL, "cross-validation: no values");
    xval_job job = {x, INFINITY, -INFINITY, 0};
    for (size_t i = 0; i < x->n; i++) {
        if (!isfinite(x->observed[i]) || !isfinite(x->estimated[i]))
            continue;
        job.shown++;
        job.lo = fmin(job.lo, fmin(x->observed[i], x->estimated[i]));
        job.hi = fmax(job.hi, fmax(x->observed[i], x->estimated[i]));
    }
    if (job.shown == 0) {
        /* nothing validated (one core, say): an empty frame, the note says why */
        job.lo = 0;
        job.hi = 1;
    }
    fig_pad(&job.lo, &job.hi, 0.05);
    return fig_render(dir, name, draw_xval, &job, err);
}
