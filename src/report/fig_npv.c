/* fig_npv.c — the economics figures: the distribution of NPV over
 * realizations or price scenarios as a histogram with marked quantiles,
 * and a tornado chart of one-at-a-time sensitivities around the base case.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/fig_internal.h"
#include "reemud/report.h"

/* ---- histogram ---- */

typedef struct hist_job {
    const rm_fig_histogram *h;
    size_t n_bins;
    double lo, width, count_max;
    double *counts;
} hist_job;

/* fig_render callback (data is a hist_job): the binned counts as bars, a red line at
 * zero when the axis spans it, and the marks (e.g. quantiles) as labelled dashed lines. */
static void draw_hist(const void *data)
{
    const hist_job *job = data;
    const rm_fig_histogram *h = job->h;
    double hi = job->lo + (double)job->n_bins * job->width;
    double xmin = job->lo, xmax = hi;
    for (size_t m = 0; m < h->n_marks; m++)
        if (isfinite(h->marks[m].x)) {
            xmin = fmin(xmin, h->marks[m].x);
            xmax = fmax(xmax, h->marks[m].x);
        }
    double pad = 0.03 * (xmax - xmin);
    xmin -= pad;
    xmax += pad;
    double ymax = job->count_max * 1.18;
    fig_viewport(0.09, 0.96, 0.13, 0.90, xmin, xmax, 0.0, ymax, 0);
    fig_ticks ty;
    fig_ticks_make(0.0, ymax, 0, fig_side_length('l'), 0, &ty);
    fig_grid_at('l', &ty);
    for (size_t b = 0; b < job->n_bins; b++) {
        if (job->counts[b] <= 0)
            continue;
        double x0 = job->lo + (double)b * job->width, x1 = x0 + job->width;
        double xs[4] = {x0, x1, x1, x0}, ys[4] = {0, 0, job->counts[b], job->counts[b]};
        plpsty(0);
        plcol0(FIG_SKY);
        plfill(4, xs, ys);
        plcol0(FIG_WHITE);
        plline(4, xs, ys);
    }
    if (xmin < 0 && xmax > 0) {
        double xs[2] = {0, 0}, ys[2] = {0, ymax};
        plcol0(FIG_VERMILLION);
        plwidth(2.0);
        plline(2, xs, ys);
        plwidth(1.0);
    }
    plschr(0.0, FIG_CHAR_SCALE * 0.85);
    for (size_t m = 0; m < h->n_marks; m++) {
        double x = h->marks[m].x;
        if (!isfinite(x))
            continue;
        double xs[2] = {x, x}, ys[2] = {0, job->count_max * 1.05};
        plcol0(FIG_INK);
        pllsty(2);
        plwidth(1.5);
        plline(2, xs, ys);
        pllsty(1);
        plwidth(1.0);
        if (h->marks[m].label) {
            char buf[128];
            fig_text(h->marks[m].label, buf, sizeof buf);
            plptex(x, job->count_max * 1.09, 1.0, 0.0, 0.5, buf);
        }
    }
    plschr(0.0, FIG_CHAR_SCALE);
    plcol0(FIG_INK);
    plwidth(1.2);
    plbox("bc", 0.0, 0, "bc", 0.0, 0);
    plwidth(1.0);
    fig_axis_numbers('b', 0, NULL);
    fig_axis_ticks('t', 0);
    double widest = fig_axis_numbers('l', 0, NULL);
    fig_axis_ticks('r', 0);
    fig_labels(h->title, h->x_label, "Count", fig_name_disp(widest));
}

rm_status rm_fig_histogram_plot(const char *dir, const char *name, const rm_fig_histogram *h,
                                rm_error *err)
{
    if (!h || h->n == 0 || !h->values)
        return rm_error_set(err, RM_EINVAL, "histogram: no values");
    if (h->n_marks > 0 && !h->marks)
        return rm_error_set(err, RM_EINVAL, "histogram: %zu marks without values", h->n_marks);
    double lo, hi;
    size_t finite = fig_range(h->values, h->n, &lo, &hi);
    if (finite == 0)
        return rm_error_set(err, RM_EINVAL, "histogram: every value is NaN");
    hist_job job = {h, h->n_bins, 0, 0, 0, NULL};
    if (job.n_bins == 0) {
        /* Rice rule, 2 n^(1/3) bins, kept between 5 and 60. */
        job.n_bins = (size_t)ceil(2.0 * cbrt((double)finite));
        job.n_bins = job.n_bins < 5 ? 5 : job.n_bins > 60 ? 60 : job.n_bins;
    }
    if (job.n_bins > 1000)
        return rm_error_set(err, RM_EINVAL, "histogram: too many bins (%zu)", job.n_bins);
    if (!(hi > lo))
        fig_pad(&lo, &hi, 0.0);
    job.lo = lo;
    job.width = (hi - lo) / (double)job.n_bins;
    job.counts = calloc(job.n_bins, sizeof *job.counts);
    if (!job.counts)
        return rm_error_set(err, RM_ENOMEM, "histogram: out of memory");
    for (size_t i = 0; i < h->n; i++) {
        if (!isfinite(h->values[i]))
            continue;
        size_t b = (size_t)((h->values[i] - lo) / job.width);
        if (b >= job.n_bins)
            b = job.n_bins - 1;
        job.counts[b] += 1.0;
    }
    for (size_t b = 0; b < job.n_bins; b++)
        job.count_max = fmax(job.count_max, job.counts[b]);
    rm_status st = fig_render(dir, name, draw_hist, &job, err);
    free(job.counts);
    return st;
}

/* ---- tornado ---- */

typedef struct tornado_job {
    const rm_fig_tornado *t;
    size_t *order;   /* indices, largest swing first */
    double xmin, xmax;
} tornado_job;

/* fig_render callback (data is a tornado_job): one row per parameter in job->order, bars
 * from the base case to the low and high settings, the base case as a line. */
static void draw_tornado(const void *data)
{
    const tornado_job *job = data;
    const rm_fig_tornado *t = job->t;
    double n = (double)t->n;
    plschr(0.0, FIG_CHAR_SCALE);
    double left = 0.05 + fig_label_width(t->n, t->names);
    if (left < 0.12)
        left = 0.12;
    if (left > 0.45)
        left = 0.45;
    plvpor(left, 0.96, 0.24, 0.88);
    plwind(job->xmin, job->xmax, 0.0, n);
    fig_ticks tx;
    fig_ticks_make(job->xmin, job->xmax, 0, fig_side_length('b'), 1, &tx);
    fig_grid_at('b', &tx);
    for (size_t r = 0; r < t->n; r++) {
        size_t i = job->order[r];
        double y1 = n - (double)r - 0.18, y0 = n - (double)r - 0.82;
        double ends[2] = {t->low[i], t->high[i]};
        int colours[2] = {FIG_BLUE, FIG_ORANGE};
        for (int s = 0; s < 2; s++) {
            if (!isfinite(ends[s]))
                continue;
            double xs[4] = {t->base, ends[s], ends[s], t->base}, ys[4] = {y0, y0, y1, y1};
            plpsty(0);
            plcol0(colours[s]);
            plfill(4, xs, ys);
        }
        char buf[256];
        fig_text(t->names[i], buf, sizeof buf);
        plcol0(FIG_INK);
        plmtex("lv", 0.8, (n - (double)r - 0.5) / n, 1.0, buf);
    }
    double xs[2] = {t->base, t->base}, ys[2] = {0, n};
    plcol0(FIG_INK);
    plwidth(2.0);
    plline(2, xs, ys);
    plwidth(1.2);
    plbox("bc", 0.0, 0, "bc", 0.0, 0);
    plwidth(1.0);
    fig_axis_numbers('b', 0, NULL);
    fig_axis_ticks('t', 0);
    fig_labels(t->title, t->x_label, NULL, 0);
    char base[96];
    snprintf(base, sizeof base, "Base case (%.4g)", t->base);
    fig_leg leg[3] = {{FIG_LEG_BOX, FIG_BLUE, 1, 0, "Low setting", NULL},
                      {FIG_LEG_BOX, FIG_ORANGE, 1, 0, "High setting", NULL},
                      {FIG_LEG_LINE, FIG_INK, 1, 0, base, NULL}};
    /* Below the axis, so no bar is hidden. */
    fig_legend_at(3, leg, PL_POSITION_BOTTOM, 1, 3, 0.0, 0.01);
}

/* Width |high − low| of tornado row i, a missing end counting as the base case. */
static double swing(const rm_fig_tornado *t, size_t i)
{
    double lo = isfinite(t->low[i]) ? t->low[i] : t->base;
    double hi = isfinite(t->high[i]) ? t->high[i] : t->base;
    return fabs(hi - lo);
}

rm_status rm_fig_tornado_plot(const char *dir, const char *name, const rm_fig_tornado *t,
                              rm_error *err)
{
    if (!t || t->n == 0 || !t->names || !t->low || !t->high)
        return rm_error_set(err, RM_EINVAL, "tornado: no parameters");
    if (!isfinite(t->base))
        return rm_error_set(err, RM_EINVAL, "tornado: the base case is not finite");
    tornado_job job = {t, NULL, t->base, t->base};
    for (size_t i = 0; i < t->n; i++) {
        if (!t->names[i])
            return rm_error_set(err, RM_EINVAL, "tornado: parameter %zu has no name", i);
        if (isfinite(t->low[i])) {
            job.xmin = fmin(job.xmin, t->low[i]);
            job.xmax = fmax(job.xmax, t->low[i]);
        }
        if (isfinite(t->high[i])) {
            job.xmin = fmin(job.xmin, t->high[i]);
            job.xmax = fmax(job.xmax, t->high[i]);
        }
    }
    fig_pad(&job.xmin, &job.xmax, 0.08);
    job.order = malloc(t->n * sizeof *job.order);
    if (!job.order)
        return rm_error_set(err, RM_ENOMEM, "tornado: out of memory");
    /* Insertion sort by swing, stable so equal swings keep the caller's order. */
    for (size_t i = 0; i < t->n; i++) {
        size_t j = i;
        while (j > 0 && swing(t, job.order[j - 1]) < swing(t, i)) {
            job.order[j] = job.order[j - 1];
            j--;
        }
        job.order[j] = i;
    }
    rm_status st = fig_render(dir, name, draw_tornado, &job, err);
    free(job.order);
    return st;
}
