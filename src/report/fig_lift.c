/* fig_lift.c — curve figures used by the lift stage (and any other x–y
 * family): profiles against depth with depth positive down (pressure, void
 * fraction) and plain x–y lines (energy per tonne against rate), with an
 * optional log axis and a marked x value such as the design rate.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/fig_internal.h"
#include "reemud/report.h"

enum { CURVES_MAX = 12 };

/* RM_EINVAL (messages start with what) unless there are 1..CURVES_MAX curves, each with
 * values, and at least one finite point among them. */
static rm_status check_curves(const char *what, size_t n, const rm_fig_curve *c,
                              rm_error *err)
{
    if (n == 0 || !c)
        return rm_error_set(err, RM_EINVAL, "%s: no curves to draw", what);
    if (n > CURVES_MAX)
        return rm_error_set(err, RM_EINVAL, "%s: at most %d curves, got %zu", what,
                            CURVES_MAX, n);
    size_t points = 0;
    for (size_t k = 0; k < n; k++) {
        if (c[k].n > 0 && (!c[k].x || !c[k].y))
            return rm_error_set(err, RM_EINVAL, "%s: curve %zu has no values", what, k);
        points += fig_count_pairs(c[k].n, c[k].x, c[k].y);
    }
    if (points == 0)
        return rm_error_set(err, RM_EINVAL, "%s: no finite point to draw", what);
    return RM_OK;
}

/* PLplot line style of a curve: 1 solid, 2 dashed, 3 dotted, 4 long dashes. */
static int curve_style(const rm_fig_curve *c)
{
    return c->dashed == 1 ? 2 : c->dashed == 2 ? 3 : c->dashed == 3 ? 4 : 1;
}

/* Open symbols, one per curve index, for curves that may lie on top of
 * each other: circle, square, triangle, diamond. */
static const char *curve_symbol(size_t k)
{
    static const char *const sym[] = {"○", "□", "△", "◇"};
    return sym[k % 4];
}

/* Fills leg with an entry for each labelled curve of the n in c (line, plus its symbol
 * when marked); returns the entry count. leg must hold n. */
static size_t curve_legend(size_t n, const rm_fig_curve *c, fig_leg *leg)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (c[k].label && *c[k].label)
            leg[m++] = (fig_leg){c[k].marker > 0 ? FIG_LEG_LINE_SYMBOL : FIG_LEG_LINE,
                                 fig_series_colour(k), curve_style(&c[k]), 0, c[k].label,
                                 c[k].marker > 0 ? curve_symbol(k) : NULL};
    return m;
}

/* Axis labels, the title and a legend of the labelled curves above the plot: the
 * common end of both curve figures.  n <= CURVES_MAX (checked by check_curves). */
static void finish_curves(const char *title, const char *x_label, const char *y_label,
                          double y_disp, size_t n, const rm_fig_curve *c)
{
    fig_labels(NULL, x_label, y_label, y_disp);
    fig_title(title, 4.4);
    fig_leg leg[CURVES_MAX];
    size_t nleg = curve_legend(n, c, leg);
    fig_legend_above(nleg, leg, nleg > 2 ? 2 : 1);
}

/* Draws curve k (colour and style by index) through the points x, y (already in plotted
 * units): a line, symbols every c->marker points, a dot for a lone point. */
static void draw_curve(const rm_fig_curve *c, size_t k, const double *x, const double *y)
{
    plcol0(fig_series_colour(k));
    pllsty(curve_style(c));
    /* Curves with markers are drawn thinner, so a curve under them shows. */
    plwidth(c->marker > 0 ? 2.2 : 3.0);
    fig_polyline(c->n, x, y);
    pllsty(1);
    if (c->marker > 0) {
        plschr(0.0, 0.9);
        /* Offset the first symbol by the curve index so that markers of
         * coincident curves do not sit on one another. */
        size_t every = (size_t)c->marker;
        for (size_t i = (k * every) / 3 % every; i < c->n; i += every)
            if (isfinite(x[i]) && isfinite(y[i]))
                plstring(1, &x[i], &y[i], curve_symbol(k));
        plschr(0.0, FIG_CHAR_SCALE);
    }
    /* A lone point would vanish as a line. */
    if (fig_count_pairs(c->n, x, y) == 1)
        fig_points(c->n, x, y, 0.6);
    plwidth(1.0);
}

/* ---- profiles against depth ---- */

typedef struct profile_job {
    const rm_fig_profile *p;
    double scale;
    double xmin, xmax, dmin, dmax;
} profile_job;

/* fig_render callback (data is a profile_job): the curves against depth (down), x scaled
 * by job->scale, legend above. */
static void draw_profile(const void *data)
{
    const profile_job *job = data;
    const rm_fig_profile *p = job->p;
    fig_viewport(0.09, 0.96, 0.13, 0.83, job->xmin, job->xmax, job->dmax, job->dmin, 0);
    double y_disp = fig_frame("", "");
    for (size_t k = 0; k < p->n_curves; k++) {
        const rm_fig_curve *c = &p->curves[k];
        double *xs = malloc(c->n * sizeof *xs);
        if (!xs)
            continue;
        for (size_t i = 0; i < c->n; i++)
            xs[i] = c->x[i] * job->scale;
        draw_curve(c, k, xs, c->y);
        free(xs);
    }
    finish_curves(p->title, p->x_label,
                  p->depth_label ? p->depth_label : "Depth below sea surface (m)", y_disp,
                  p->n_curves, p->curves);
}

rm_status rm_fig_profile_plot(const char *dir, const char *name, const rm_fig_profile *p,
                              rm_error *err)
{
    if (!p)
        return rm_error_set(err, RM_EINVAL, "profile: no data");
    rm_status st = check_curves("profile", p->n_curves, p->curves, err);
    if (st)
        return st;
    profile_job job = {p, p->x_scale != 0 ? p->x_scale : 1.0, INFINITY, -INFINITY, INFINITY,
                       -INFINITY};
    if (!isfinite(job.scale))
        return rm_error_set(err, RM_EINVAL, "profile: x_scale is not finite");
    for (size_t k = 0; k < p->n_curves; k++) {
        const rm_fig_curve *c = &p->curves[k];
        for (size_t i = 0; i < c->n; i++) {
            if (!isfinite(c->x[i]) || !isfinite(c->y[i]))
                continue;
            double x = c->x[i] * job.scale;
            job.xmin = fmin(job.xmin, x);
            job.xmax = fmax(job.xmax, x);
            job.dmin = fmin(job.dmin, c->y[i]);
            job.dmax = fmax(job.dmax, c->y[i]);
        }
    }
    fig_pad(&job.xmin, &job.xmax, 0.04);
    if (job.dmin >= 0 && job.dmin < 0.1 * (job.dmax - job.dmin))
        job.dmin = 0.0; /* start at the surface */
    if (!(job.dmax > job.dmin))
        fig_pad(&job.dmin, &job.dmax, 0.0);
    return fig_render(dir, name, draw_profile, &job, err);
}

/* ---- x–y lines ---- */

typedef struct lines_job {
    const rm_fig_lines *l;
    double xmin, xmax, ymin, ymax; /* plotted units (log10 on a log axis) */
} lines_job;

/* v in plotted units: log10 v on a log axis (NAN for v <= 0), else v. */
static double plotted(double v, int log_axis)
{
    if (!log_axis)
        return v;
    return v > 0 ? log10(v) : NAN;
}

/* fig_render callback (data is a lines_job): x–y curves on optional log axes, points
 * past a fixed x range dropped, the marked x as a dotted line with its label, legend
 * above. */
static void draw_lines(const void *data)
{
    const lines_job *job = data;
    const rm_fig_lines *l = job->l;
    fig_viewport(0.09, 0.94, 0.13, 0.83, job->xmin, job->xmax, job->ymin, job->ymax,
                 l->log_y);
    double y_disp = fig_frame(l->log_x ? "l" : "", l->log_y ? "l" : "");
    double mx = plotted(l->marker_x, l->log_x);
    if (isfinite(mx) && mx >= job->xmin && mx <= job->xmax) {
        double xs[2] = {mx, mx}, ys[2] = {job->ymin, job->ymax};
        plcol0(FIG_GREY);
        pllsty(3);
        plwidth(1.5);
        plline(2, xs, ys);
        pllsty(1);
        plwidth(1.0);
        if (l->marker_label && *l->marker_label) {
            char buf[256];
            fig_text(l->marker_label, buf, sizeof buf);
            plschr(0.0, FIG_CHAR_SCALE * 0.85);
            plptex(mx, job->ymax - 0.04 * (job->ymax - job->ymin), 1.0, 0.0, -0.03, buf);
            plschr(0.0, FIG_CHAR_SCALE);
        }
    }
    for (size_t k = 0; k < l->n_curves; k++) {
        const rm_fig_curve *c = &l->curves[k];
        double *xs = malloc((c->n ? c->n : 1) * sizeof *xs);
        double *ys = malloc((c->n ? c->n : 1) * sizeof *ys);
        if (xs && ys) {
            for (size_t i = 0; i < c->n; i++) {
                xs[i] = plotted(c->x[i], l->log_x);
                ys[i] = plotted(c->y[i], l->log_y);
                /* Points outside a fixed x range are not drawn. */
                if (xs[i] < job->xmin || xs[i] > job->xmax)
                    xs[i] = NAN;
            }
            draw_curve(c, k, xs, ys);
        }
        free(xs);
        free(ys);
    }
    finish_curves(l->title, l->x_label, l->y_label, y_disp, l->n_curves, l->curves);
}

rm_status rm_fig_lines_plot(const char *dir, const char *name, const rm_fig_lines *l,
                            rm_error *err)
{
    if (!l)
        return rm_error_set(err, RM_EINVAL, "line plot: no data");
    rm_status st = check_curves("line plot", l->n_curves, l->curves, err);
    if (st)
        return st;
    int fixed_x = isfinite(l->x_min) && isfinite(l->x_max) && l->x_max > l->x_min &&
                  (!l->log_x || l->x_min > 0);
    lines_job job = {l, INFINITY, -INFINITY, INFINITY, -INFINITY};
    for (size_t k = 0; k < l->n_curves; k++) {
        const rm_fig_curve *c = &l->curves[k];
        for (size_t i = 0; i < c->n; i++) {
            double x = plotted(c->x[i], l->log_x), y = plotted(c->y[i], l->log_y);
            if (!isfinite(x) || !isfinite(y))
                continue;
            if (fixed_x && (c->x[i] < l->x_min || c->x[i] > l->x_max))
                continue;
            job.xmin = fmin(job.xmin, x);
            job.xmax = fmax(job.xmax, x);
            job.ymin = fmin(job.ymin, y);
            job.ymax = fmax(job.ymax, y);
        }
    }
    if (!isfinite(job.ymin))
        return rm_error_set(err, RM_EINVAL,
                            l->log_x || l->log_y
                                ? "line plot: no positive value on a log axis"
                                : "line plot: no finite point in the x range");
    if (fixed_x) {
        job.xmin = plotted(l->x_min, l->log_x);
        job.xmax = plotted(l->x_max, l->log_x);
    } else {
        double mx = plotted(l->marker_x, l->log_x);
        if (isfinite(mx)) {
            job.xmin = fmin(job.xmin, mx);
            job.xmax = fmax(job.xmax, mx);
        }
    }
    if (l->log_y) {
        /* A tight range padded a little in log: the ticks (1, 2, 5 or
         * decades) need not fall on its ends. */
        double pad = fmax(0.08, 0.05 * (job.ymax - job.ymin));
        job.ymin -= pad;
        job.ymax += pad;
        if (job.ymax <= job.ymin)
            job.ymax = job.ymin + 1;
    } else {
        if (job.ymin > 0 && job.ymin < 0.3 * job.ymax)
            job.ymin = 0.0; /* positive quantities read best from zero */
        fig_pad(&job.ymin, &job.ymax, 0.06);
        if (job.ymin < 0 && job.ymin > -0.07 * job.ymax)
            job.ymin = 0.0;
    }
    if (!(job.xmax > job.xmin))
        fig_pad(&job.xmin, &job.xmax, 0.0);
    return fig_render(dir, name, draw_lines, &job, err);
}
